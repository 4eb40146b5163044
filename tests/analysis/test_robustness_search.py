"""Robustness maps and lever search on the logistic fixture."""

from __future__ import annotations

import pytest

from doomloop import Scenario
from doomloop.analysis.robustness import plot_robustness, robustness_map
from doomloop.analysis.search import cost_from_parameters, search


def test_robustness_map_common_random_numbers(logistic, tmp_path):
    scs = [
        Scenario("more", policy={"initial_population": 20.0}),
        Scenario("less", policy={"initial_population": 5.0}),
        Scenario("same", policy={"initial_population": 10.0}),
    ]
    df = robustness_map(logistic, scs, n=60, year=15, outputs={"population": "higher"}, seed=1)
    assert df.loc["more", "population"] == 1.0
    assert df.loc["less", "population"] == 0.0
    assert df.loc["same", "population"] == 0.0  # a tie is not a win
    assert df.attrs["worse"].loc["less", "population"] == 1.0
    assert df.attrs["worse"].loc["same", "population"] == 0.0
    assert df.attrs["members"] == 60
    assert plot_robustness(df, tmp_path / "r.png").exists()


def test_search_finds_cheapest_lever_reaching_target(logistic):
    res = search(
        logistic,
        "population",
        15,
        threshold=700,
        prob=0.8,
        n=40,
        maxiter=8,
        bounds={"initial_population": (1.0, 100.0)},
        seed=0,
    )
    assert res.feasible and res.probability >= 0.8
    assert res.baseline_probability < 0.8
    # every cheaper candidate tried missed the target
    cheaper = res.history[res.history["cost"] < res.cost - 1e-9]
    assert (cheaper["probability"] < 0.8).all()


def test_search_with_injected_cost_and_budget(logistic):
    res = search(
        logistic,
        "population",
        15,
        threshold=700,
        prob=0.8,
        n=30,
        maxiter=4,
        bounds={"initial_population": (1.0, 100.0)},
        cost=lambda v: 1.0,
        budget=0.5,
    )
    assert not res.feasible and "budget" in res.message


def test_default_cost_reads_lever_cost_parameters(logistic):
    cost = cost_from_parameters(logistic, ["initial_population"])
    # no initial_population_cost parameter: change as a share of the plausible range (8..12)
    assert cost({"initial_population": 14.0}) == pytest.approx(1.0)


def test_search_reads_cost_from_a_model_variable(logistic):
    # the cost variable here is the lever itself, so the cost equals the lever's value
    res = search(
        logistic,
        "population",
        15,
        threshold=700,
        prob=0.8,
        n=30,
        maxiter=4,
        bounds={"initial_population": (1.0, 100.0)},
        cost="initial_population",
    )
    assert res.feasible
    assert res.cost == pytest.approx(res.levers["initial_population"])
