"""Opening the page in the browser tests: one helper, which waits until the page is ready."""

from __future__ import annotations

from typing import Any


def open_page(browser: Any, url: str, width: int = 1280, height: int = 900) -> Any:
    """A new tab of ``width`` x ``height`` at ``url``, once ``window.doomloop.ready``; the page's
    uncaught errors collect in its ``js_errors``."""
    page = browser.new_page(viewport={"width": width, "height": height})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url)
    page.wait_for_function("() => window.doomloop && window.doomloop.ready", timeout=240000)
    page.js_errors = errors
    return page
