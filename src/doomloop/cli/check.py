"""``doomloop check``: run the model-testing canon on a model and write its model card."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ._console import err, out

STYLE = {"pass": "green", "fail": "bold red", "warn": "yellow", "skip": "dim", "info": "cyan"}


def check(
    model: Annotated[
        str, typer.Argument(help="A shipped model name (e.g. japan) or a path to an XMILE file.")
    ],
    checks: Annotated[
        Path | None,
        typer.Option(
            "--checks",
            help="TOML checks file: predicates, conservation identities, options "
            "(default: checks.toml beside a model folder's model.xmile, if any).",
        ),
    ] = None,
    reference: Annotated[
        Path | None,
        typer.Option(
            "--reference",
            help="Reference data CSV: name,year,value[,country] (default: history.csv and "
            "history_ai.csv beside a model folder's model.xmile, those that exist).",
        ),
    ] = None,
    out_dir: Annotated[
        Path, typer.Option("--out", help="Directory for the model card (MODEL.md, MODEL.html).")
    ] = Path("model-cards"),
    force: Annotated[bool, typer.Option("--force", help="Overwrite existing cards.")] = False,
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
    from ..check.card import to_html, to_markdown
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
    refuse_existing([md_path, html_path], force)  # before minutes of runs, not after

    with err.status(f"checking {m.name} ..."):
        origin = ", ".join(str(p) for p in ref_paths) or None
        report = run_checks(m, spec, ref, origin)
    atomic_write_many(
        {
            md_path: to_markdown(report).encode("utf-8"),
            html_path: to_html(report).encode("utf-8"),
        },
        force=force,
    )

    from rich.markup import escape
    from rich.table import Table

    table = Table(title=f"doomloop check {m.name}", title_justify="left")
    for col in ("test", "result", "pass", "warn", "fail"):
        table.add_column(col)
    for s in report.sections:
        table.add_row(
            escape(s.title),
            f"[{STYLE[s.status]}]{s.status.upper()}[/]",
            str(s.count("pass")),
            str(s.count("warn")),
            str(s.count("fail")),
        )
    out.print(table)
    fails = [(s.title, f) for s in report.sections for f in s.findings if f.status == "fail"]
    for title, f in fails[:20]:
        out.print(f"[bold red]FAIL[/] {escape(title)}: {escape(f.message)}", soft_wrap=True)
    if len(fails) > 20:
        out.print(f"... and {len(fails) - 20} more failures; see the card")
    out.print(escape(f"{report.runs} simulations; card: {md_path} and {html_path}"), soft_wrap=True)
    if report.failed:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add ``doomloop check`` to the command line."""
    app.command("check")(check)
