"""Extreme-condition tests of the capability and frontier sectors (Sterman 2000, ch. 21).

Each checks a behaviour the structure must show for reasons inside it, not a recorded
number: a frozen frontier lets the best domestic model catch up (published methods make an
old capability cheap in talent); an effort with nobody in it makes no progress, however
cheap published methods make an old capability; unlimited money leaves compute or talent
binding; the frontier's cost stays within the share of world income one project can take;
no lever moves the gap or a verdict for free.
"""

from __future__ import annotations

import numpy as np
import pytest

import doomloop

FROZEN = {"frontier_growth": 1.0, "price_performance_growth": 1.0, "world_income_growth": 0.0}


@pytest.fixture(scope="module")
def japan() -> doomloop.Model:
    return doomloop.load_model("japan")


def test_frozen_frontier_lets_the_gap_close(japan: doomloop.Model) -> None:
    df = japan.run(params=FROZEN, variables=["frontier_log10_compute", "frontier_gap_oom"])
    assert np.ptp(df["frontier_log10_compute"].to_numpy()) < 1e-9
    # frontier sovereignty needs the gap within half an order of magnitude
    assert df.loc[2024:, "frontier_gap_oom"].max() < 0.5


@pytest.mark.parametrize("frontier", [{}, FROZEN], ids=["racing", "frozen"])
def test_no_specialists_no_capability_growth(japan: doomloop.Model, frontier: dict) -> None:
    # the largest effort gathers nobody: no run, whatever money and compute it has
    nobody = {**frontier, "talent_concentration_base": 0.0, "gov_ai_spend_base": 1e12}
    v = ["lab_talent", "domestic_capability_log10", "frontier_gap_oom"]
    df = japan.run(params=nobody, variables=v)
    assert (df["lab_talent"] == 0).all()
    assert np.diff(df["domestic_capability_log10"].to_numpy()).max() <= 1e-12
    base = japan.run(params=frontier, variables=v)
    assert (df.loc[2024:, "frontier_gap_oom"] > base.loc[2024:, "frontier_gap_oom"] + 5).all()


def test_unlimited_money_leaves_compute_or_talent_binding(japan: doomloop.Model) -> None:
    rich = {"gov_ai_spend_base": 1e12, "investment_per_startup": 1e10}
    v = [
        "capital_limited_log10",
        "compute_limited_log10",
        "talent_limited_log10",
        "frontier_gap_oom",
    ]
    df = japan.run(params=rich, variables=v).loc[2030:]
    other = np.minimum(df["compute_limited_log10"], df["talent_limited_log10"])
    assert (df["capital_limited_log10"] > other).all()
    assert (df["frontier_gap_oom"] > 0).all()


def test_frontier_run_cost_stays_within_world_income_share(japan: doomloop.Model) -> None:
    v = ["frontier_run_cost", "frontier_cost_share", "world_income"]
    df = japan.run(variables=v)
    share = japan.parameters["frontier_cost_share_max"].value
    assert (df["frontier_cost_share"] <= share * (1 + 1e-6)).all()
    assert df.loc[2060, "frontier_run_cost"] <= 2e12  # issue 15: at most USD 2tn in 2060
    # Epoch's estimate of the 2024 frontier run (S46/S47: USD 104-139m in mid-2024)
    assert 0.5e8 < df.loc[2024, "frontier_run_cost"] < 3e8


def test_no_lever_moves_an_outcome_for_free(japan: doomloop.Model) -> None:
    """Every lever control at its slider's top that narrows the gap or lifts a verdict by
    the profile's bite (0.05) has a positive cost in the ledger."""
    prof = japan.profile
    outs = [prof.costs.gap, prof.costs.total, *prof.verdict_outputs]
    base = japan.run(variables=outs).loc[2024:]
    free = []
    for lever_id, lever in prof.levers.items():
        for control in lever.controls:
            run = japan.run(params={control.parameter: control.slider.max}, variables=outs)
            run = run.loc[2024:]
            moved = (base[prof.costs.gap] - run[prof.costs.gap]).abs().max() >= prof.costs.bite_gap
            for layer in prof.verdict_outputs:
                moved |= (run[layer] - base[layer]).abs().max() >= prof.costs.bite_index
            if moved and not run[prof.costs.total].iloc[-1] > 0:
                free.append(f"{lever_id}.{control.parameter}")
    assert free == []
