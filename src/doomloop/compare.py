"""Scenarios against their baseline: side-by-side outputs, a cost ledger, the back-test.

:func:`compare` runs each scenario and the baseline of the model it is written for and
returns a :class:`Comparison`: yearly runs, a table of key outputs by scenario and year, and
a cost ledger (cumulative cost of each package, cost per order of magnitude of frontier gap
closed, the year each lever starts to bite). :func:`backtest` reports the VLSI history
back-test: the year Japan's capability reaches the frontier in the hardware era, and whether
the AI-era baseline ever reaches frontier sovereignty. Which outputs, gap, cost and threshold
are used is the model's profile (:mod:`doomloop.profile`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .engine import Model, load_model
from .errors import ProfileError
from .profile import Profile
from .scenarios import Scenario, load_scenario, scenario_model
from .summary import first_year_achieved

if TYPE_CHECKING:
    from .executors import ProgressCallback


@dataclass
class Comparison:
    """Runs of scenarios and their baselines, with the derived tables."""

    runs: dict[str, pd.DataFrame]
    baselines: dict[str, pd.DataFrame]
    scenario_models: dict[str, str]
    years: tuple[int, ...] = ()
    table: pd.DataFrame = field(default_factory=pd.DataFrame)
    ledger: pd.DataFrame = field(default_factory=pd.DataFrame)
    lever_bites: pd.DataFrame = field(default_factory=pd.DataFrame)


def _lever_groups(model: Model, sc: Scenario) -> dict[str, dict[str, float]]:
    """The scenario's policy overrides grouped by the id of the profile's lever they belong
    to (a parameter of no lever is its own group)."""
    profile = model.profile
    groups: dict[str, dict[str, float]] = {}
    for name, value in sc.policy.items():
        groups.setdefault(profile.lever_of(name) or name, {})[name] = value
    return groups


def first_bite(
    base: pd.DataFrame, run: pd.DataFrame, profile: Profile, start: float = 2024
) -> float | None:
    """First year the run narrows the profile's gap by ``costs.bite_gap`` or lifts a verdict
    index by ``costs.bite_index``."""
    c = profile.costs
    better = pd.Series(False, index=run.index).loc[start:]
    if c.gap and c.gap in run and c.gap in base:
        better |= (base[c.gap] - run[c.gap]).loc[start:] >= c.bite_gap
    for layer in profile.verdict_outputs:
        if layer in run and layer in base:
            better |= (run[layer] - base[layer]).loc[start:] >= c.bite_index
    hit = better.index[better]
    return float(hit[0]) if len(hit) else None


def compare(
    scenarios: Sequence[str | Path | Scenario],
    *,
    model: str | Path | None = None,
    years: Sequence[int] | None = None,
    ledger: bool = True,
    progress: ProgressCallback | None = None,
) -> Comparison:
    """Run *scenarios* and the baselines of their models; build the table and the ledger.

    Parameters
    ----------
    scenarios
        Shipped scenario names, TOML paths or :class:`Scenario` objects.
    model
        The model to use for scenarios that do not name one (default ``"japan"``).
    years
        Years of the table (default: the profile's ``views.compare_years``).
    ledger
        Also compute the cost ledger (runs each lever group alone: one extra run per lever).
    progress
        ``progress(done, total)`` after each scenario's runs and each scenario's ledger.
    """
    steps = len(scenarios) * (2 if ledger else 1)
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
        if progress is not None:
            progress(len(runs), steps)
    rows = []
    by_name = {m.name: m for m in models.values()}
    if years is None:
        years = next(iter(by_name.values())).profile.views.compare_years if by_name else ()
    years = tuple(years)
    for name, frame in runs.items():
        profile = by_name[scenario_models[name]].profile
        base = baselines[scenario_models[name]]
        for out in profile.views.compare or profile.key_outputs:
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
    comparison = Comparison(runs, baselines, scenario_models, years=years, table=pd.DataFrame(rows))
    if ledger:
        done = len(runs)

        def step(n: int, _total: int) -> None:
            if progress is not None:
                progress(done + n, steps)

        comparison.ledger, comparison.lever_bites = cost_ledger(
            loaded, by_name, runs, baselines, scenario_models, progress=step
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
    progress: ProgressCallback | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Cumulative cost and cost per OOM of gap closed per scenario; when each lever bites.

    Returns the ledger (one row per scenario) and the lever table (one row per scenario and
    lever: the lever's overrides run alone against the baseline). *progress* is called as
    ``progress(done, total)`` after each scenario.
    """
    rows = []
    lever_rows = []
    for i, (name, sc) in enumerate(scenarios.items()):
        if progress is not None and i:
            progress(i, len(scenarios))
        m = models[scenario_models[name]]
        profile = m.profile
        total, gap = profile.costs.total, profile.costs.gap
        if not total or not gap:  # the profile prices no levers: no ledger
            continue
        base, run = baselines[m.name], runs[name]
        cost = float(run.loc[until, total] - base.loc[until, total])
        closed = float(base.loc[until, gap] - run.loc[until, gap])
        avg_closed = float((base[gap] - run[gap]).loc[2024:until].mean())
        for lever, overrides in _lever_groups(m, sc).items():
            alone = m.run(
                params={**sc.assumptions, **overrides},
                variables=[gap, *profile.verdict_outputs],
            )
            year = first_bite(base, alone, profile)
            lever_rows.append(
                {
                    "scenario": name,
                    "lever": lever,
                    "bites from": "never" if year is None else f"{year:.0f}",
                    "settings": ", ".join(f"{k}={v:g}" for k, v in overrides.items()),
                }
            )
        package = first_bite(base, run, profile)
        rows.append(
            {
                "scenario": name,
                "model": m.name,
                "cumulative cost to 2060 (USD bn)": cost / 1e9,
                f"gap closed in {until} (OOM)": closed,
                "mean gap closed 2024-2060 (OOM)": avg_closed,
                "cost per OOM closed (USD bn)": cost / 1e9 / closed if closed > 1e-6 else np.nan,
                "package bites from": "never" if package is None else f"{package:.0f}",
            }
        )
    if progress is not None and scenarios:
        progress(len(scenarios), len(scenarios))
    return pd.DataFrame(rows), pd.DataFrame(lever_rows)


@dataclass(frozen=True)
class BacktestResult:
    """The VLSI back-test: hardware-era catch-up against the AI-era baseline."""

    frontier_year_hardware: float | None
    ai_frontier_sovereignty_year: float | None
    hardware_run: pd.DataFrame
    ai_run: pd.DataFrame


def backtest(model: str | Path = "japan", scenario: str | Path | None = None) -> BacktestResult:
    """The first year the profile's back-test layer is achieved in the back-test scenario
    (default: the profile's), and the first AI-era year it is achieved in the baseline. (No
    run passes the world's record, so "reaches a capability ratio of 1" would be a limit,
    never a year.)"""
    m = load_model(model)
    bt = m.profile.backtest
    if bt is None:
        raise ProfileError(
            f"model '{m.name}': its profile has no [backtest] table; add one to run the back-test"
        )
    gap = m.profile.costs.gap
    extra = [gap] if gap else []
    hardware = m.run(scenario=scenario or bt.scenario, variables=[bt.capability, bt.layer, *extra])
    ai = m.run(variables=[bt.capability, bt.layer, *extra])
    return BacktestResult(
        # the back-test's technology starts when its scenario says: no AI-era `since` there
        frontier_year_hardware=first_year_achieved(hardware, bt.layer, m.profile, since=-np.inf),
        ai_frontier_sovereignty_year=first_year_achieved(ai, bt.layer, m.profile, start=2024),
        hardware_run=hardware,
        ai_run=ai,
    )
