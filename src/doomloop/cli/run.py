"""``doomloop run`` (the main job) and ``doomloop parameters``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from ..parameters import BASES, GROUPS
from ._options import choice, option
from ._output import JsonOpt, Output


def _number(v: float) -> str:
    return f"{v:,.3g}" if abs(v) < 1000 else f"{v:,.0f}"


def run(
    model: Annotated[
        str | None,
        option("--model", help="Model name or XMILE path (default: the scenario's, else japan)."),
    ] = None,
    scenario: Annotated[
        str | None, option("--scenario", help="Scenario: a shipped name or a TOML file.")
    ] = None,
    out_dir: Annotated[Path, option("--out", help="Folder for the chart and CSV.")] = Path("out"),
    csv: Annotated[bool, option("--csv", help="Also write the yearly results as CSV.")] = False,
    force: Annotated[bool, option("--force", help="Overwrite existing output files.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """Run a model 2024-2060: key outputs table, sovereignty verdicts, PNG chart panel."""
    import doomloop
    from doomloop import summary
    from doomloop.io.atomic import atomic_write_text, ensure_output_dir, output_set
    from doomloop.scenarios import scenario_model

    o = Output("run", as_json)
    ensure_output_dir(out_dir)
    if model is None:
        model = (scenario_model(scenario) if scenario else None) or "japan"
    m = doomloop.load_model(model)
    label = "baseline" if scenario is None else Path(scenario).stem
    stem = f"{m.name}-{label}"
    targets = [out_dir / f"{stem}.png", *([out_dir / f"{stem}.csv"] if csv else [])]
    with output_set(targets, force) as files:
        with o.progress(f"running {m.name}") as prog:
            prog(0, 0)
            frame = m.run(scenario=scenario)
        summary.plot_panel(
            {label: frame}, files[targets[0]], m.profile, title=f"{m.name}: {label}", force=True
        )
        if csv:
            atomic_write_text(files[targets[1]], frame.to_csv(), force=True)
    table = summary.key_table(frame, m.profile)
    o.table("outputs", table, f"doomloop: {m.name}, {label}", _number, index="output")
    _verdicts(o, frame, m.profile)
    o.files(*targets)
    o.line(f"chart written to {targets[0]}")
    if csv:
        o.line(f"yearly results written to {targets[1]}")
    o.finish()


def _verdicts(o: Output, frame: Any, profile: Any) -> None:
    """The verdict of each sovereignty layer in the table years, and when first achieved."""
    import pandas as pd

    from doomloop import summary

    layers = [
        ly for ly in (profile.verdicts.layers if profile.verdicts else ()) if ly.output in frame
    ]
    if not layers:
        return
    years = profile.views.table_years
    rows = {}
    for layer in layers:
        first = summary.first_year_achieved(frame, layer.output, profile, start=years[0])
        cells: dict[str, Any] = {
            str(y): summary.verdict(float(frame.loc[y, layer.output]), profile) for y in years
        }
        cells["first achieved"] = f"never by {years[-1]}" if first is None else f"{first:.0f}"
        rows[layer.label.en] = cells
    table = pd.DataFrame.from_dict(rows, orient="index")
    o.table("verdicts", table, "Sovereignty verdicts", str, index="layer", title_justify="center")
    for layer in layers:
        why = f" Why this bar: {layer.reason.en}." if layer.reason else ""
        text = f"{layer.label.en} is achieved when {layer.meaning.en}.{why}"
        o.line(text, markup=f"[dim]{text}[/]")


def parameters(
    model: Annotated[str, option("--model", help="Shipped model name or path.")] = "japan",
    group: Annotated[
        str | None,
        option(
            "--group",
            help="Only this group: policy, assumption or data.",
            callback=choice(GROUPS),
        ),
    ] = None,
    basis: Annotated[
        str | None,
        option(
            "--basis",
            help="Only parameters whose value rests on this: cited, fitted, structure, policy "
            "or assumption (a declared assumption that cites nothing).",
            callback=choice(BASES),
        ),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """List a model's parameters: value, units, range, group, what the value rests on (basis)
    and source."""
    import pandas as pd

    import doomloop

    o = Output("parameters", as_json)
    with o.progress(f"Loading {model}") as progress:
        progress(0, 1)
        m = doomloop.load_model(model)
        progress(1, 1)
    cols = ("name", "value", "units", "low", "high", "group", "basis", "source")
    rows = [
        {c: getattr(p, c) for c in cols}
        for p in m.parameters.values()
        if (not group or p.group == group) and (not basis or p.basis == basis)
    ]
    table = pd.DataFrame(rows, columns=list(cols))
    o.table("parameters", table, f"{m.name}: parameters", "{:g}", title_justify="center")
    o.finish()


def register(app: typer.Typer) -> None:
    app.command()(run)
    app.command()(parameters)
