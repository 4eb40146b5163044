"""``doomloop compare`` (scenarios against the baseline, cost ledger) and ``doomloop backtest``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from ._options import option
from ._output import JsonOpt, Output


def _cell(v: Any) -> str:
    """Three significant figures, in plain digits (12,345 rather than 1.23e+04)."""
    if not isinstance(v, float):
        return str(v)
    return f"{v:,.0f}" if abs(v) >= 1000 else f"{v:,.3g}"


def compare(
    scenarios: Annotated[list[str], typer.Argument(help="Scenario names or TOML files.")],
    model: Annotated[
        str | None, option("--model", help="Model for scenarios that name none (default japan).")
    ] = None,
    out_dir: Annotated[Path, option("--out", help="Folder for charts and CSVs.")] = Path("out"),
    force: Annotated[bool, option("--force", help="Overwrite existing output files.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """Compare scenarios with their model's baseline: outputs, charts and a cost ledger."""
    from doomloop.compare import compare as run_compare
    from doomloop.engine import load_model
    from doomloop.io.atomic import ensure_output_dir, refuse_existing

    o = Output("compare", as_json)
    ensure_output_dir(out_dir)
    table_csv, ledger = out_dir / "compare-table.csv", out_dir / "compare-ledger.csv"
    refuse_existing([table_csv, ledger], force)  # before the runs, not after
    with o.progress("compare") as prog:
        result = run_compare(scenarios, model=model, progress=prog)
    profiles = {n: load_model(n).profile for n in result.baselines}
    _show_tables(o, result, next(iter(profiles.values())))
    pngs = _write_compare(result, profiles, out_dir, table_csv, ledger, force)
    o.files(*pngs, table_csv, ledger)
    for png in pngs:
        o.line(f"chart written to {png}")
    o.line(f"tables written to {table_csv} and {ledger}")
    o.finish()


def _show_tables(o: Output, result: Any, profile: Any) -> None:
    """One table per output, in the profile's label and display unit (value / scale)."""
    costs = profile.costs
    years = [str(y) for y in result.years]
    for output, part in result.table.groupby("output", sort=False):
        cols = [*years, *(f"{y} vs baseline" for y in years[-1:])]
        shown = part[["scenario", *cols]].copy()
        d = profile.display(output)
        shown[cols] = shown[cols].astype(float) / d.scale
        o.table(f"output:{output}", shown, d.heading, _cell, title_justify="center")
    title = "Cost ledger (against each model's baseline)"
    o.table("ledger", result.ledger, title, _cell, title_justify="center")
    if not result.lever_bites.empty:
        title = (
            f"When each lever starts to bite, run alone ({costs.gap} narrower by >= "
            f"{costs.bite_gap:g} or a verdict index higher by >= {costs.bite_index:g})"
        )
        o.table("lever_bites", result.lever_bites, title, _cell, title_justify="center")


def _write_compare(
    result: Any, profiles: Any, out_dir: Path, table_csv: Path, ledger: Path, force: bool
) -> list[Path]:
    """One chart per model (small multiples of its scenarios against its baseline, with
    each one's difference from the baseline) and the two CSVs."""
    from doomloop import summary
    from doomloop.io.atomic import atomic_write_text, output_set

    panels = {}
    for model_name, base in result.baselines.items():
        runs = {"baseline": base}
        runs.update(
            {n: f for n, f in result.runs.items() if result.scenario_models[n] == model_name}
        )
        png = out_dir / f"compare-{model_name}-{'-'.join(list(runs)[1:])[:80]}.png"
        panels[png] = (model_name, runs)
    with output_set([*panels, table_csv, ledger], force) as files:
        for png, (model_name, runs) in panels.items():
            summary.plot_comparison(
                runs,
                files[png],
                profiles[model_name],
                title=f"{model_name}: scenarios against the baseline",
                force=True,
            )
        atomic_write_text(files[table_csv], result.table.to_csv(index=False), force=True)
        both = result.ledger.merge(result.lever_bites, on="scenario", how="left")
        atomic_write_text(files[ledger], both.to_csv(index=False), force=True)
    return list(panels)


def backtest(
    scenario: Annotated[
        str | None, typer.Argument(help="The history scenario (default: the profile's).")
    ] = None,
    out_dir: Annotated[Path, option("--out", help="Folder for the share chart.")] = Path("out"),
    force: Annotated[bool, option("--force", help="Overwrite an existing chart.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """The VLSI back-test: the DRAM race's market shares 1976-2000, what each of the essay's
    conditions takes away (knock-outs), and when the hardware era achieves frontier sovereignty."""
    import pandas as pd

    from doomloop.compare import backtest as run_backtest
    from doomloop.dram import dram_backtest, plot_dram
    from doomloop.engine import load_model
    from doomloop.io.atomic import ensure_output_dir, refuse_existing

    o = Output("backtest", as_json)
    png = out_dir / "backtest-dram.png"
    ensure_output_dir(out_dir)
    refuse_existing([png], force)  # before the runs, not after
    bt = load_model("japan").profile.backtest
    with o.progress("backtest") as prog:
        prog(0, 2)
        dram = dram_backtest("japan-vlsi")
        prog(1, 2)
        r = run_backtest(scenario=scenario)
        prog(2, 2)
    _show_dram(o, dram)
    plot_dram(dram, png, force=True)
    o.files(png)
    o.line(f"share chart written to {png}")
    scenario = scenario or (bt.scenario if bt else "")
    capability = bt.capability if bt else ""
    hw = r.frontier_year_hardware
    ai = r.ai_frontier_sovereignty_year
    o.data("frontier_year_hardware", hw)
    o.data("ai_frontier_sovereignty_year", ai)
    o.line(
        f"Hardware era ({scenario}): frontier sovereignty first achieved "
        f"{'never' if hw is None else f'in {hw:.0f}'}."
    )
    o.line(
        "AI era (baseline): frontier sovereignty "
        + ("is never reached by 2060." if ai is None else f"is first reached in {ai:.0f}.")
    )
    years = list(range(1976, 1991, 2))
    table = pd.DataFrame(
        {scenario: [r.hardware_run.loc[y, capability] for y in years]}, index=years
    )
    o.table("capability", table, capability, "{:.3f}", index="year", title_justify="center")
    o.finish()


def _show_dram(o: Output, dram: Any) -> None:
    """The DRAM race's share paths and the knock-out table."""
    o.table(
        "dram_shares",
        dram.shares(),
        "Share of the world DRAM market, history run (the record is withheld for validation)",
        "{:.3f}",
        index="year",
        title_justify="center",
    )
    o.table(
        "dram_knockouts",
        dram.table,
        "Japan's DRAM share with each of the essay's conditions removed",
        _cell,
        formats={"peak year": "{:.0f}"},
        title_justify="center",
    )
    if dram.spec.generations is not None:
        from doomloop.dram import generation_lags

        lags = generation_lags("japan-vlsi")
        cols = ["generation", "country", "year", "documented_lag", "simulated_lag", "role"]
        o.table(
            "dram_generation_lags",
            lags[cols],
            "Process lag behind each DRAM generation's first working device (years): the "
            "calibration target",
            _cell,
            formats={"year": "{:.2f}", "documented_lag": "{:.2f}", "simulated_lag": "{:.2f}"},
            title_justify="center",
        )
    best = dram.table.iloc[1:].sort_values("1990 change").iloc[0] if len(dram.table) > 1 else None
    if best is not None:
        o.line(
            f"Largest loss of 1990 share: {best['condition']} "
            f"({best['1990 change']:+.3f}; peak {best['peak change']:+.3f})."
        )


def register(app: typer.Typer) -> None:
    app.command()(compare)
    app.command()(backtest)
