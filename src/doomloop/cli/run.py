"""``doomloop run`` (the main job) and ``doomloop parameters``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from ..parameters import GROUPS
from ._console import out
from ._options import choice


def register(app: typer.Typer) -> None:
    @app.command()
    def run(
        model: Annotated[
            str | None,
            typer.Option(help="Model name or XMILE path (default: the scenario's, else japan)."),
        ] = None,
        scenario: Annotated[
            str | None, typer.Option(help="Scenario: a shipped name or a TOML file.")
        ] = None,
        out_dir: Annotated[
            Path, typer.Option("--out", help="Folder for the chart and CSV.")
        ] = Path("out"),
        csv: Annotated[
            bool, typer.Option("--csv", help="Also write the yearly results as CSV.")
        ] = False,
        force: Annotated[bool, typer.Option(help="Overwrite existing output files.")] = False,
    ) -> None:
        """Run a model 2024-2060: key outputs table, sovereignty verdicts, PNG chart panel."""
        import doomloop
        from doomloop import summary
        from doomloop.io.atomic import atomic_write_text, ensure_output_dir, output_set
        from doomloop.scenarios import scenario_model

        ensure_output_dir(out_dir)
        if model is None:
            model = (scenario_model(scenario) if scenario else None) or "japan"
        m = doomloop.load_model(model)
        label = "baseline" if scenario is None else Path(scenario).stem
        profile = m.profile
        stem = f"{m.name}-{label}"
        targets = [out_dir / f"{stem}.png", *([out_dir / f"{stem}.csv"] if csv else [])]
        with output_set(targets, force) as files:
            frame = m.run(scenario=scenario)
            summary.plot_panel(
                {label: frame}, files[targets[0]], profile, title=f"{m.name}: {label}", force=True
            )
            if csv:
                atomic_write_text(files[targets[1]], frame.to_csv(), force=True)
        table = summary.key_table(frame, profile)
        t = Table(title=f"doomloop: {m.name}, {label}", show_lines=False)
        t.add_column("output")
        for y in table.columns:
            t.add_column(y, justify="right")
        for name, row in table.iterrows():
            t.add_row(str(name), *(f"{v:,.3g}" if abs(v) < 1000 else f"{v:,.0f}" for v in row))
        out.print(t)
        layers = [
            ly for ly in (profile.verdicts.layers if profile.verdicts else ()) if ly.output in frame
        ]
        if layers:
            years = profile.views.table_years
            v = Table(title="Sovereignty verdicts")
            v.add_column("layer")
            for y in years:
                v.add_column(str(y))
            v.add_column("first achieved")
            last = f"{years[-1]}"
            for layer in layers:
                first = summary.first_year_achieved(frame.loc[years[0] :], layer.output, profile)
                v.add_row(
                    layer.label.en,
                    *(summary.verdict(float(frame.loc[y, layer.output]), profile) for y in years),
                    f"never by {last}" if first is None else f"{first:.0f}",
                )
            out.print(v)
            for layer in layers:
                out.print(f"[dim]{layer.label.en} is achieved when {layer.meaning.en}.[/]")
        out.print(f"chart written to {targets[0]}")
        if csv:
            out.print(f"yearly results written to {targets[1]}")

    @app.command()
    def parameters(
        model: Annotated[str, typer.Option(help="Shipped model name or path.")] = "japan",
        group: Annotated[
            str | None,
            typer.Option(
                help="Only this group: policy, assumption or data.", callback=choice(GROUPS)
            ),
        ] = None,
    ) -> None:
        """List a model's parameters: value, units, range, group and source."""
        import doomloop

        m = doomloop.load_model(model)
        t = Table(title=f"{m.name}: parameters")
        for col in ("name", "value", "units", "low", "high", "group", "source"):
            t.add_column(col, overflow="fold")
        for p in m.parameters.values():
            if group and p.group != group:
                continue
            t.add_row(
                p.name, f"{p.value:g}", p.units, f"{p.low:g}", f"{p.high:g}", p.group, p.source
            )
        out.print(t)
