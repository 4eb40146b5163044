"""Scenarios against their baseline: side-by-side outputs, a cost ledger, the back-test.

:func:`compare` runs each scenario and the baseline of the model it is written for and
returns a :class:`Comparison`: yearly runs, a table of key outputs by scenario and year, and
a cost ledger (cumulative cost of each package, cost per order of magnitude of frontier gap
closed, the year each lever starts to bite). :func:`backtest` reports the VLSI history
back-test: the year Japan's capability reaches the frontier in the hardware era, and whether
the AI-era baseline ever reaches frontier sovereignty.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from .engine import Model, load_model
from .scenarios import Scenario, load_scenario, scenario_model

#: Outputs of the side-by-side table.
COMPARE_OUTPUTS: tuple[str, ...] = (
    "frontier_gap_oom",
    "ai_specialists_domestic",
    "relative_specialist_pay",
    "deployment_sovereignty",
    "specialised_model_sovereignty",
    "frontier_sovereignty",
    "care_worker_shortfall",
    "cumulative_policy_cost",
)
COMPARE_YEARS: tuple[int, ...] = (2030, 2040, 2050, 2060)
#: A lever "bites" once it narrows the frontier gap by this many orders of magnitude...
BITE_OOM = 0.05
#: ...or raises a sovereignty index by this much.
BITE_INDEX = 0.05
LAYER_OUTPUTS = ("deployment_sovereignty", "specialised_model_sovereignty", "frontier_sovereignty")


@dataclass
class Comparison:
    """Runs of scenarios and their baselines, with the derived tables."""

    runs: dict[str, pd.DataFrame]
    baselines: dict[str, pd.DataFrame]
    scenario_models: dict[str, str]
    table: pd.DataFrame = field(default_factory=pd.DataFrame)
    ledger: pd.DataFrame = field(default_factory=pd.DataFrame)
    lever_bites: pd.DataFrame = field(default_factory=pd.DataFrame)


def _lever_groups(model: Model, sc: Scenario) -> dict[str, dict[str, float]]:
    """The scenario's policy overrides grouped by the lever (sector) they belong to."""
    groups: dict[str, dict[str, float]] = {}
    for name, value in sc.policy.items():
        groups.setdefault(model.parameters[name].sector, {})[name] = value
    return groups


def first_bite(base: pd.DataFrame, run: pd.DataFrame, start: float = 2024) -> float | None:
    """First year the run narrows the frontier gap by BITE_OOM or lifts a layer by BITE_INDEX."""
    better = (base["frontier_gap_oom"] - run["frontier_gap_oom"]).loc[start:] >= BITE_OOM
    for layer in LAYER_OUTPUTS:
        if layer in run and layer in base:
            better |= (run[layer] - base[layer]).loc[start:] >= BITE_INDEX
    hit = better.index[better]
    return float(hit[0]) if len(hit) else None


def compare(
    scenarios: Sequence[str | Path | Scenario],
    *,
    model: str | Path | None = None,
    years: Sequence[int] = COMPARE_YEARS,
    ledger: bool = True,
) -> Comparison:
    """Run *scenarios* and the baselines of their models; build the table and the ledger.

    Parameters
    ----------
    scenarios
        Shipped scenario names, TOML paths or :class:`Scenario` objects.
    model
        The model to use for scenarios that do not name one (default ``"japan"``).
    ledger
        Also compute the cost ledger (runs each lever group alone: one extra run per lever).
    """
    models: dict[str, Model] = {}
    runs: dict[str, pd.DataFrame] = {}
    baselines: dict[str, pd.DataFrame] = {}
    scenario_models: dict[str, str] = {}
    loaded: dict[str, Scenario] = {}
    for item in scenarios:
        name_of_model = str(model) if model else (scenario_model(item) or "japan")
        m = models.get(name_of_model) or models.setdefault(name_of_model, load_model(name_of_model))
        sc = load_scenario(item, m)
        runs[sc.name] = m.run(scenario=sc)
        scenario_models[sc.name] = m.name
        loaded[sc.name] = sc
        if m.name not in baselines:
            baselines[m.name] = m.run()
    rows = []
    for name, frame in runs.items():
        base = baselines[scenario_models[name]]
        for out in COMPARE_OUTPUTS:
            if out not in frame:
                continue
            rows.append(
                {
                    "scenario": name,
                    "output": out,
                    **{str(y): float(frame.loc[y, out]) for y in years},
                    **{
                        f"{y} vs baseline": float(frame.loc[y, out] - base.loc[y, out])
                        for y in years
                    },
                }
            )
    comparison = Comparison(runs, baselines, scenario_models, table=pd.DataFrame(rows))
    if ledger:
        comparison.ledger, comparison.lever_bites = cost_ledger(
            loaded, models, runs, baselines, scenario_models
        )
    return comparison


def cost_ledger(
    scenarios: dict[str, Scenario],
    models: dict[str, Model],
    runs: dict[str, pd.DataFrame],
    baselines: dict[str, pd.DataFrame],
    scenario_models: dict[str, str],
    *,
    until: int = 2060,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Cumulative cost and cost per OOM of gap closed per scenario; when each lever bites.

    Returns the ledger (one row per scenario) and the lever table (one row per scenario and
    lever: the lever's overrides run alone against the baseline).
    """
    rows = []
    lever_rows = []
    for name, sc in scenarios.items():
        m = models[scenario_models[name]]
        base, run = baselines[m.name], runs[name]
        cost = float(
            run.loc[until, "cumulative_policy_cost"] - base.loc[until, "cumulative_policy_cost"]
        )
        closed = float(base.loc[until, "frontier_gap_oom"] - run.loc[until, "frontier_gap_oom"])
        avg_closed = float(
            (base["frontier_gap_oom"] - run["frontier_gap_oom"]).loc[2024:until].mean()
        )
        for lever, overrides in _lever_groups(m, sc).items():
            alone = m.run(
                params={**sc.assumptions, **overrides},
                variables=["frontier_gap_oom", *LAYER_OUTPUTS],
            )
            year = first_bite(base, alone)
            lever_rows.append(
                {
                    "scenario": name,
                    "lever": lever,
                    "bites from": "never" if year is None else f"{year:.0f}",
                    "settings": ", ".join(f"{k}={v:g}" for k, v in overrides.items()),
                }
            )
        rows.append(
            {
                "scenario": name,
                "model": m.name,
                "cumulative cost to 2060 (USD bn)": cost / 1e9,
                f"gap closed in {until} (OOM)": closed,
                "mean gap closed 2024-2060 (OOM)": avg_closed,
                "cost per OOM closed (USD bn)": cost / 1e9 / closed if closed > 1e-6 else np.nan,
                "package bites from": (
                    "never" if first_bite(base, run) is None else f"{first_bite(base, run):.0f}"
                ),
            }
        )
    return pd.DataFrame(rows), pd.DataFrame(lever_rows)


@dataclass(frozen=True)
class BacktestResult:
    """The VLSI back-test: hardware-era catch-up against the AI-era baseline."""

    frontier_year_hardware: float | None
    ai_frontier_sovereignty_year: float | None
    hardware_run: pd.DataFrame
    ai_run: pd.DataFrame


def backtest(model: str | Path = "japan", scenario: str | Path = "vlsi-1976") -> BacktestResult:
    """Year capability_ratio reaches 1 in the back-test; first AI-era frontier sovereignty."""
    m = load_model(model)
    hardware = m.run(scenario=scenario, variables=["capability_ratio", "frontier_gap_oom"])
    ai = m.run(variables=["capability_ratio", "frontier_sovereignty", "frontier_gap_oom"])
    reached = hardware.index[hardware["capability_ratio"] >= 1.0]
    sovereign = ai.loc[2024:].index[ai.loc[2024:, "frontier_sovereignty"] >= 0.5]
    return BacktestResult(
        frontier_year_hardware=float(reached[0]) if len(reached) else None,
        ai_frontier_sovereignty_year=float(sovereign[0]) if len(sovereign) else None,
        hardware_run=hardware,
        ai_run=ai,
    )
