"""The bad-input catalogue: fixtures of every case (helpers are in badinput.py).

Every case asserts the exit code or HTTP status, a message naming what, where and the fix,
no traceback, and that nothing was left behind. Engine crashes run in a child process with
tight limits (:mod:`doomloop.isolation`), so a case can never kill the test run.
"""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _tight_child_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOOMLOOP_MODEL_MEMORY_MB", "1024")
    monkeypatch.setenv("DOOMLOOP_MODEL_TIMEOUT_S", "30")


@pytest.fixture(autouse=True)
def _wide_console(monkeypatch: pytest.MonkeyPatch) -> None:
    """Messages on one line, so that a path is never split by the terminal width."""
    from doomloop.cli import _console

    monkeypatch.setattr(_console.err, "width", 100_000)
    monkeypatch.setattr(_console.out, "width", 100_000)
