"""``doomloop report``: one self-contained HTML file comparing scenarios with the baseline."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ._options import MAX_RUNS, between, option
from ._output import JsonOpt, Output


def report(
    scenarios: Annotated[
        list[str],
        typer.Argument(help="Scenarios to compare with the baseline: names or TOML paths."),
    ],
    out_file: Annotated[Path, option("--out", help="HTML file to write.")] = Path(
        "doomloop-report.html"
    ),
    force: Annotated[bool, option("--force", help="Overwrite an existing file.")] = False,
    model: Annotated[str, option("--model", help="Model name or path.")] = "japan",
    loops: Annotated[
        bool,
        option("--loops/--no-loops", help="Include the dominant loops (slower)."),
    ] = True,
    bands: Annotated[
        int,
        option(
            "--bands",
            help="Shade each chart's 5-95% band of this many Monte Carlo members per "
            "scenario, members that agree with the model's record where it has one (0: no "
            "bands; slower).",
            callback=between(0, MAX_RUNS),
        ),
    ] = 0,
    as_json: JsonOpt = False,
) -> None:
    """Write an HTML report: key outputs, charts (with bands), verdicts, dominant loops,
    parameters."""
    import doomloop
    from doomloop.io.atomic import ensure_output_dir
    from doomloop.report import check_output, write_report

    o = Output("report", as_json)
    check_output(out_file, force)  # fail before the runs, not after
    ensure_output_dir(out_file.parent)  # created like `run` does, and checked writable
    m = doomloop.load_model(model)
    with o.progress("report") as prog:
        path = write_report(
            m, scenarios, out_file, force=force, explain=loops, bands=bands, progress=prog
        )
    o.files(path)
    o.line(f"wrote {path}")
    o.finish()


def register(app: typer.Typer) -> None:
    """Add the ``report`` command to *app*."""
    app.command()(report)
