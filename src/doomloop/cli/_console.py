"""Shared Rich consoles for the command line (stdout for results, stderr for messages)."""

from rich.console import Console

out = Console(highlight=False)
err = Console(stderr=True, highlight=False)
