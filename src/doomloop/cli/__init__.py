"""The ``doomloop`` command line: a thin shell over the public Python API.

Each module in this package defines ``register(app)`` and adds its commands; they are found
at start-up, so a new command is a new module. Library code never prints: only this package
writes to the terminal.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from collections.abc import Sequence
from typing import Annotated

import typer

from ..errors import DoomloopError
from ._options import option

app = typer.Typer(
    name="doomloop",
    help="See, test and change the system that decides whether a country can build frontier AI.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
)


def _print_version(value: bool) -> None:
    if value:
        from .. import __version__
        from ._console import out

        out.print(f"doomloop {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        option(
            "--version",
            callback=_print_version,
            is_eager=True,
            help="Print doomloop's version and exit.",
        ),
    ] = False,
    lenient_units: Annotated[
        bool,
        option(
            "--lenient-units",
            help="Load models whose units are inconsistent (a warning, not a refusal): for "
            "models from other tools with unit warnings.",
        ),
    ] = False,
) -> None:
    if lenient_units:
        import os

        from ..engine import LENIENT_UNITS_ENV

        os.environ[LENIENT_UNITS_ENV] = "1"
    # A callback keeps `doomloop COMMAND` a command group even while only one command is
    # registered (Typer otherwise runs a lone command as the app itself).
    pass


def _register_all() -> None:
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(app)


_register_all()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (0 success, 1 failure, 2 usage)."""
    from ._console import err

    try:
        result = app(args=list(sys.argv[1:] if argv is None else argv), standalone_mode=False)
    except DoomloopError as exc:
        from rich.markup import escape  # messages hold [policy], [[check]], name[element]

        err.print(f"[bold red]error:[/] {escape(str(exc))}", highlight=False, soft_wrap=True)
        return 1
    except typer.Exit as exc:
        return int(exc.exit_code or 0)
    except typer.Abort:
        err.print("aborted")
        return 130
    except Exception as exc:  # usage errors: click's, or those of the click Typer vendors
        show, code = getattr(exc, "show", None), getattr(exc, "exit_code", None)
        if callable(show) and isinstance(code, int):  # click may not be installed at all
            exc.show()  # type: ignore[attr-defined]
            return int(exc.exit_code)  # type: ignore[attr-defined]
        raise
    return int(result) if isinstance(result, int) else 0
