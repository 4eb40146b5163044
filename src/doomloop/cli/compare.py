"""``doomloop compare`` (scenarios against the baseline, cost ledger) and ``doomloop backtest``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from ._console import out


def _frame_table(frame: Any, title: str, fmt: str = "{:,.3g}") -> Table:
    t = Table(title=title)
    for col in frame.columns:
        t.add_column(str(col), overflow="fold")
    for _, row in frame.iterrows():
        t.add_row(*(fmt.format(v) if isinstance(v, float) else str(v) for v in row))
    return t


def register(app: typer.Typer) -> None:
    @app.command()
    def compare(
        scenarios: Annotated[list[str], typer.Argument(help="Scenario names or TOML files.")],
        model: Annotated[
            str | None, typer.Option(help="Model for scenarios that name none (default japan).")
        ] = None,
        out_dir: Annotated[Path, typer.Option("--out", help="Folder for charts and CSVs.")] = Path(
            "out"
        ),
        force: Annotated[bool, typer.Option(help="Overwrite existing output files.")] = False,
    ) -> None:
        """Compare scenarios with their model's baseline: outputs, charts and a cost ledger."""
        from doomloop import summary
        from doomloop.compare import compare as run_compare
        from doomloop.engine import load_model
        from doomloop.io.atomic import atomic_write_text, ensure_output_dir, output_set

        ensure_output_dir(out_dir)
        table_csv, ledger = out_dir / "compare-table.csv", out_dir / "compare-ledger.csv"
        from doomloop.io.atomic import refuse_existing

        refuse_existing([table_csv, ledger], force)  # before the runs, not after
        result = run_compare(scenarios, model=model)
        years = [str(y) for y in result.years]
        profiles = {n: load_model(n).profile for n in result.baselines}
        costs = next(iter(profiles.values())).costs
        for output, part in result.table.groupby("output", sort=False):
            shown = part[["scenario", *years, *(f"{y} vs baseline" for y in years[-1:])]]
            out.print(_frame_table(shown, f"{output}"))
        out.print(_frame_table(result.ledger, "Cost ledger (against each model's baseline)"))
        if not result.lever_bites.empty:
            out.print(
                _frame_table(
                    result.lever_bites,
                    f"When each lever starts to bite, run alone ({costs.gap} narrower by >= "
                    f"{costs.bite_gap:g} or a verdict index higher by >= {costs.bite_index:g})",
                )
            )
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
                summary.plot_panel(
                    runs,
                    files[png],
                    profiles[model_name],
                    title=f"{model_name}: scenarios against the baseline",
                    force=True,
                )
            atomic_write_text(files[table_csv], result.table.to_csv(index=False), force=True)
            both = result.ledger.merge(result.lever_bites, on="scenario", how="left")
            atomic_write_text(files[ledger], both.to_csv(index=False), force=True)
        for png in panels:
            out.print(f"chart written to {png}")
        out.print(f"tables written to {table_csv} and {ledger}")

    @app.command()
    def backtest(
        scenario: Annotated[
            str | None, typer.Argument(help="The history scenario (default: the profile's).")
        ] = None,
    ) -> None:
        """The VLSI back-test: when Japan's hardware-era capability reaches the frontier."""
        from doomloop.compare import backtest as run_backtest
        from doomloop.engine import load_model

        bt = load_model("japan").profile.backtest
        r = run_backtest(scenario=scenario)
        scenario = scenario or (bt.scenario if bt else "")
        capability = bt.capability if bt else ""
        hw = r.frontier_year_hardware
        ai = r.ai_frontier_sovereignty_year
        out.print(
            f"Hardware era ({scenario}): {capability} reaches the frontier in "
            f"{'never' if hw is None else f'{hw:.0f}'}."
        )
        out.print(
            "AI era (baseline): frontier sovereignty "
            + ("is never reached by 2060." if ai is None else f"is first reached in {ai:.0f}.")
        )
        t = Table(title=capability)
        t.add_column("year")
        t.add_column(f"{scenario}", justify="right")
        for y in range(1976, 1991, 2):
            t.add_row(str(y), f"{r.hardware_run.loc[y, capability]:.3f}")
        out.print(t)
