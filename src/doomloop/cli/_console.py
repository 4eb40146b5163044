"""Shared Rich consoles for the command line (stdout for results, stderr for messages).

When output goes to a file or a pipe, tables are laid out 120 columns wide rather than Rich's
default of 80, so that the main table stays readable in logs.
"""

import sys

from rich.console import Console

out = Console(highlight=False, width=None if sys.stdout.isatty() else 120)
err = Console(stderr=True, highlight=False)
