"""How doomloop drives a headless chromium: the browser tests and the latency benchmark.

Debian's ``chromium`` (installed by ``scripts/install-browser.sh``) or the one named by
``DOOMLOOP_CHROMIUM``, through Playwright, without a sandbox, GPU or network chatter.
"""

from __future__ import annotations

import os
from typing import Any

CHROMIUM = os.environ.get("DOOMLOOP_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def launch(playwright: Any) -> Any:
    """A Playwright ``Browser`` on :data:`CHROMIUM`."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_ARGS))
