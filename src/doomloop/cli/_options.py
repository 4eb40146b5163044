"""Checks of command-line options that run while the options are parsed, before any work.

Each callback raises :class:`typer.BadParameter` naming the value and what is allowed, so
click prints ``Invalid value for '--runs': 0 is outside 1 to 100,000`` and exits 2.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

import typer

#: Most members of one ensemble (an in-memory ensemble of the Japan model holds about 15 KB per
#: member; 100,000 members is 1.5 GB) and most evaluations of one study.
MAX_RUNS = 100_000
MAX_WORKERS = 256

_SCHEDULER_RE = re.compile(r"^(tcp|tls|ucx|ws|wss|inproc)://[A-Za-z0-9_.\-\[\]:]+:\d{1,5}$")


def between(low: float, high: float | None = None) -> Callable[[float | None], float | None]:
    """A callback refusing a number outside [low, high] (*high* None: no upper limit)."""

    def check(value: float | None) -> float | None:
        if value is not None and not (low <= value and (high is None or value <= high)):
            allowed = f"{low:,g} to {high:,g}" if high is not None else f"at least {low:,g}"
            shown = f"{value:,}" if isinstance(value, int) else f"{value:,g}"
            raise typer.BadParameter(f"{shown} is outside the allowed range, {allowed}")
        return value

    return check


def choice(allowed: Sequence[str]) -> Callable[[str | None], str | None]:
    """A callback refusing a value outside *allowed*, naming them."""

    def check(value: str | None) -> str | None:
        if value is not None and value.lower() not in allowed:
            raise typer.BadParameter(f"{value!r} is not one of {', '.join(allowed)}")
        return value.lower() if value is not None else None

    return check


def scheduler(value: str | None) -> str | None:
    """A Dask scheduler address must look like tcp://host:port."""
    if value is not None and not _SCHEDULER_RE.match(value):
        raise typer.BadParameter(
            f"{value!r} is not a scheduler address; write tcp://host:port (for example "
            "tcp://127.0.0.1:8786)"
        )
    return value


#: The one short flag of each long option that has one, the same in every command (a test
#: walks the app and holds every command to this table; no other option takes a short flag).
SHORT_FLAGS = {
    "--model": "-m",
    "--scenario": "-s",
    "--out": "-o",
    "--runs": "-n",
    "--executor": "-x",
    "--workers": "-w",
    "--force": "-f",
}


def option(long: str, *, help: str, **kwargs: Any) -> Any:
    """A ``typer.Option`` named *long* with its short flag from :data:`SHORT_FLAGS`, if any."""
    names = [long, *([SHORT_FLAGS[long]] if long in SHORT_FLAGS else [])]
    return typer.Option(*names, help=help, **kwargs)
