"""``doomloop check``: run the model-testing canon on a model and write its model card."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Any

import typer

from ._options import option
from ._output import JsonOpt, Output

STYLE = {"pass": "green", "fail": "bold red", "warn": "yellow", "skip": "dim", "info": "cyan"}


def check(
    model: Annotated[
        str, option("--model", help="A shipped model name or a path to an XMILE file.")
    ] = "japan",
    checks: Annotated[
        Path | None,
        option(
            "--checks",
            help="TOML checks file: predicates, conservation identities, options "
            "(default: checks.toml beside a model folder's model.xmile, if any).",
        ),
    ] = None,
    reference: Annotated[
        Path | None,
        option(
            "--reference",
            help="Reference data CSV: name,year,value[,country] (default: history.csv and "
            "history_ai.csv beside a model folder's model.xmile, those that exist).",
        ),
    ] = None,
    out_dir: Annotated[
        Path, option("--out", help="Directory for the model card (MODEL.md, MODEL.html).")
    ] = Path("model-cards"),
    force: Annotated[bool, option("--force", help="Overwrite existing cards.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """Test a model (units, extremes, integration error, fit, provenance) and write its card.

    Exits 1 when a test fails (and on bad input, which leaves no output behind).
    """
    from ..check import (
        default_checks_path,
        default_reference_paths,
        load_checks,
        load_references,
        run_checks,
    )
    from ..check.card import card_figures, fit_chart_name, to_html, to_markdown
    from ..engine import load_model
    from ..io.atomic import atomic_write_many, ensure_output_dir, refuse_existing

    ensure_output_dir(out_dir)  # a file in the way or a read-only folder fails first
    m = load_model(model, strict=False)
    checks_path = checks if checks is not None else default_checks_path(m)
    spec = load_checks(checks_path, m) if checks_path is not None else None
    ref_paths = [reference] if reference is not None else default_reference_paths(m)
    ref = load_references(ref_paths, m) if ref_paths else None
    md_path = out_dir / f"{m.name}.md"
    html_path = out_dir / f"{m.name}.html"
    fit_path = out_dir / fit_chart_name(m.name)
    refuse_existing([md_path, html_path, fit_path], force)  # before minutes of runs, not after

    o = Output("check", as_json)
    with o.progress(f"checking {m.name}") as prog:
        origin = ", ".join(str(p) for p in ref_paths) or None
        report = run_checks(m, spec, ref, origin, progress=prog)
    files: dict[str | os.PathLike[str], bytes] = {
        md_path: to_markdown(report).encode("utf-8"),
        html_path: to_html(report).encode("utf-8"),
    }
    for name, svg in card_figures(report).items():
        files[out_dir / name] = svg.encode("utf-8")
    atomic_write_many(files, force=force)
    _show(o, report, md_path, html_path)
    if report.failed:
        raise typer.Exit(1)


def _show(o: Output, report: Any, md_path: Path, html_path: Path) -> None:
    """The sections table, the first failures and where the card is."""
    import pandas as pd
    from rich.markup import escape

    rows = [
        {
            "test": s.title,
            "result": s.status.upper(),
            "pass": s.count("pass"),
            "warn": s.count("warn"),
            "fail": s.count("fail"),
        }
        for s in report.sections
    ]
    styles = {s.status.upper(): STYLE[s.status] for s in report.sections}
    o.table(
        "sections",
        pd.DataFrame(rows, columns=["test", "result", "pass", "warn", "fail"]),
        f"doomloop check {report.model_name}",
        "{:.0f}",
        formats={
            "test": escape,
            "result": lambda v: f"[{styles[v]}]{v}[/]",
        },
    )
    fails = [(s.title, f) for s in report.sections for f in s.findings if f.status == "fail"]
    o.data("failures", [{"test": t, "message": f.message} for t, f in fails])
    for title, f in fails[:20]:
        o.line(
            f"FAIL {title}: {f.message}",
            markup=f"[bold red]FAIL[/] {escape(title)}: {escape(f.message)}",
            soft_wrap=True,
        )
    if len(fails) > 20:
        o.line(f"... and {len(fails) - 20} more failures; see the card")
    o.files(md_path, html_path)
    o.data("runs", report.runs)
    o.data("failed", bool(report.failed))
    o.line(f"{report.runs} simulations; card: {md_path} and {html_path}", soft_wrap=True)
    o.finish()


def register(app: typer.Typer) -> None:
    """Add ``doomloop check`` to the command line."""
    app.command("check")(check)
