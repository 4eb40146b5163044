"""``doomloop links``: knock out each link of the essay's chain and each named loop."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from ._options import option
from ._output import JsonOpt, Output


def _year(v: float) -> str:
    return "never" if math.isnan(v) else f"{v:.0f}"


def register(app: typer.Typer) -> None:
    @app.command()
    def links(
        model: Annotated[str, option("--model", help="Shipped model name or path.")] = "japan",
        scenario: Annotated[
            str | None, option("--scenario", help="Run the knock-outs against this scenario.")
        ] = None,
        year: Annotated[float, option("--year", help="Year of the frontier gap compared.")] = 2040,
        lang: Annotated[str, option("--lang", help="Names in en or ja.")] = "en",
        out_dir: Annotated[Path, option("--out", help="Folder for the plot and CSV.")] = Path(
            "out"
        ),
        csv: Annotated[bool, option("--csv", help="Also write the table as CSV.")] = False,
        force: Annotated[bool, option("--force", help="Overwrite existing output files.")] = False,
        as_json: JsonOpt = False,
    ) -> None:
        """Knock out each causal link (links.toml) alone and together; print and plot the effect."""
        import doomloop
        from doomloop.analysis.links import VERDICT_FROM, knockout_table, plot_knockouts
        from doomloop.errors import DoomloopError
        from doomloop.io.atomic import atomic_write_text

        if lang not in ("en", "ja"):
            raise DoomloopError(f"--lang {lang!r}: use en or ja")
        o = Output("links", as_json)
        m = doomloop.load_model(model)
        with o.progress("knock-outs") as prog:
            prog(0, 0)
            table = knockout_table(m, scenario=scenario, year=year)
        t = Table(title=f"doomloop links: {m.name}, knock-outs against {scenario or 'baseline'}")
        t.add_column("link", min_width=34)
        t.add_column(f"gap {year:g}", justify="right")
        t.add_column("change", justify="right")
        for short in ("first deployment", "first specialised", "first frontier"):
            t.add_column(short, justify="right")
        for r in table.to_dict("records"):
            name = r["name_ja"] if lang == "ja" else r["name"]
            label = f"{r['id']} {name}" if r["kind"] != "together" else name
            if r["scenario"] != (scenario or "baseline"):
                label += f" (in {r['scenario']})"
            cells = [
                label,
                f"{r[m.profile.costs.gap or '']:.2f}",
                f"{r['delta_gap_oom']:+.2f}",
            ]
            for layer in m.profile.verdict_outputs:
                now, before = r[f"first_{layer}"], r[f"baseline_first_{layer}"]
                cell = _year(now)
                if not (math.isnan(now) and math.isnan(before)) and now != before:
                    cell += f" (was {_year(before)})"
                cells.append(cell)
            t.add_row(*cells)
        o.rich_table("knockouts", t, table.to_dict("records"))
        note = (
            f"change: the {year:g} frontier gap with the link knocked out minus without "
            f"(orders of magnitude); first: the first year from {VERDICT_FROM} a layer is "
            "achieved. Each link's knock-out and why: links.toml beside the model."
        )
        o.line(note, markup=f"[dim]{note}[/]")
        stem = f"{m.name}-links"
        png = plot_knockouts(
            table,
            out_dir / f"{stem}.png",
            year=year,
            title=f"{m.name}: knock-outs",
            force=force,
            profile=m.profile,
        )
        o.files(png)
        o.line(f"plot written to {png}")
        if csv:
            path = out_dir / f"{stem}.csv"
            atomic_write_text(path, table.to_csv(index=False), force=force)
            o.files(path)
            o.line(f"table written to {path}")
        o.finish()
