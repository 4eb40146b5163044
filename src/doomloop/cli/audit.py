"""``doomloop audit``: the essay's claims with their source check and the model's verdict."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from ._options import option
from ._output import JsonOpt, Output

STYLE = {"supports": "green", "does not support": "bold red", "cannot tell": "dim"}


def register(app: typer.Typer) -> None:
    @app.command()
    def audit(
        verdict: Annotated[
            str | None,
            option(
                "--verdict",
                help="Only claims with this verdict (supports, 'does not support', ...).",
            ),
        ] = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Every quantitative and causal claim of the essay: source check and model verdict."""
        from doomloop.analysis.audit import VERDICTS, audit_table, counts
        from doomloop.errors import DoomloopError

        if verdict is not None and verdict not in VERDICTS:
            raise DoomloopError(f"--verdict {verdict!r}: use one of {', '.join(VERDICTS)}")
        o = Output("audit", as_json)
        with o.progress("Judging the essay's claims") as progress:
            table = audit_table(progress=progress)
        n = counts(table)
        shown = table if verdict is None else table[table["verdict"] == verdict]
        o.data("counts", n)
        t = Table(title="doomloop audit: the essay's claims", show_lines=True)
        for col in ("id", "claim", "note", "source", "verdict", "why"):
            t.add_column(col, overflow="fold", ratio=4 if col in ("claim", "why") else None)
        for r in shown.to_dict("records"):
            why = r["detail"] if not r["better"] else f"{r['detail']}. Better figure: {r['better']}"
            style = STYLE[r["verdict"]]
            t.add_row(
                r["id"], r["claim"], r["note"], r["source"], f"[{style}]{r['verdict']}[/]", why
            )
        o.rich_table("claims", t, shown.to_dict("records"))
        src = ", ".join(f"{k} {v}" for k, v in n["source"].items())
        ver = ", ".join(f"{k} {v}" for k, v in n["verdict"].items())
        o.line(f"{len(table)} claims. Source check: {src}. Model verdict: {ver}.")
        o.finish()
