"""``doomloop report``: one self-contained HTML file comparing scenarios with the baseline."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ._console import out


def register(app: typer.Typer) -> None:
    """Add the ``report`` command to *app*."""

    @app.command()
    def report(
        scenarios: Annotated[
            list[str],
            typer.Argument(help="Scenarios to compare with the baseline: names or TOML paths."),
        ],
        out_file: Annotated[Path, typer.Option("--out", "-o", help="HTML file to write.")] = Path(
            "doomloop-report.html"
        ),
        force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
        model: Annotated[str, typer.Option("--model", "-m", help="Model name or path.")] = "japan",
        loops: Annotated[
            bool,
            typer.Option("--loops/--no-loops", help="Include the dominant loops (slower)."),
        ] = True,
    ) -> None:
        """Write an HTML report: key outputs, charts, verdicts, dominant loops, parameters."""
        import doomloop
        from doomloop.io.atomic import ensure_output_dir
        from doomloop.report import check_output, write_report

        check_output(out_file, force)  # fail before the runs, not after
        ensure_output_dir(out_file.parent)  # created like `run` does, and checked writable
        m = doomloop.load_model(model)
        path = write_report(m, scenarios, out_file, force=force, explain=loops)
        out.print(f"wrote {path}")
