"""The funding-round fit behind capital_return_elasticity and global_capital_openness.

Truth here is the shipped data (figures.csv rounds, Epoch's record) refitted by an
independent line fit (numpy's polyfit), and the attribution rule read straight off the record.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.optimize import curve_fit

import doomloop
from doomloop import capital_rounds


@pytest.fixture(scope="module")
def fit() -> capital_rounds.StandingFit:
    return capital_rounds.standing_fit()


def test_the_fit_is_least_squares_of_the_rounds(fit: capital_rounds.StandingFit) -> None:
    # an independent fit of the same form (scipy's curve_fit, Levenberg-Marquardt) agrees
    pts = fit.points
    s, y = pts["standing"].to_numpy(), np.log10(pts["share"].to_numpy())

    def form(x: np.ndarray, log_floor: float, k: float) -> np.ndarray:
        return np.log10(10**log_floor + (1 - 10**log_floor) * x**k)

    (log_floor, k), _ = curve_fit(form, s, y, p0=[-1.0, 1.0])
    assert fit.elasticity == pytest.approx(k, rel=1e-4)
    assert fit.floor == pytest.approx(10**log_floor, rel=1e-4)
    assert fit.elasticity_low < fit.elasticity < fit.elasticity_high
    assert fit.floor_low < fit.floor < fit.floor_high
    assert fit.share(1.0) == 1.0  # the frontier lab's own round is the frontier budget
    assert len(pts) == 8 and pts["share"].max() > 1  # Anthropic's 2024 raised more than OpenAI's
    # the form beats a free line (which misses the leaders) on the same points
    line = capital_rounds.line_fit()
    assert fit.aic < line.aic
    assert line.slope == pytest.approx(np.polyfit(np.log10(s), y, 1)[0], abs=1e-12)


def test_the_shipped_values_are_the_fit(fit: capital_rounds.StandingFit) -> None:
    for country in ("japan", "korea", "usa", "uk", "india"):
        p = doomloop.load_model(country).parameters
        e, f = p["capital_return_elasticity"], p["capital_floor_share"]
        assert e.value == pytest.approx(fit.elasticity, abs=0.005)
        bounds = (fit.elasticity_low, fit.elasticity_high)
        assert (e.low, e.high) == pytest.approx(bounds, abs=0.005)
        assert f.value == pytest.approx(fit.floor, abs=0.0005)
        assert (f.low, f.high) == pytest.approx((fit.floor_low, fit.floor_high), abs=0.0005)
        assert p["global_capital_openness"].value == 1.0


def test_runs_count_for_their_funders_country(fit: capital_rounds.StandingFit) -> None:
    pts = fit.points.set_index("lab")
    # Google DeepMind lists France and the UK after the US: Gemini 1.0 Ultra is not France's
    assert pts.loc["Mistral AI", "best_run"] == "Mistral Large"
    assert pts.loc["Mistral AI", "standing"] == pytest.approx(1.12e25 / 5.0e25, rel=1e-3)
    assert pts.loc["Sakana AI", "best_run"] == "PLaMo-100B"
    assert pts.loc["OpenAI", "standing"] == 1.0


def test_the_loop_is_a_balance_far_behind_and_reinforcing_near_the_top(
    fit: capital_rounds.StandingFit,
) -> None:
    # gain = d log share / d log standing, checked against a finite difference
    for s in (0.024, 0.1, 0.5):
        h = 1e-6
        num = (math.log10(fit.share(s * (1 + h))) - math.log10(fit.share(s))) / math.log10(1 + h)
        assert fit.gain(s) == pytest.approx(num, rel=1e-4)
    assert fit.gain(0.024) < 0.1  # Japan's 2024 standing: a balance with an equilibrium
    assert fit.gain(1.0) > 1  # the leaders: reinforcing
    assert capital_rounds.equilibrium_gap(0.5, 0.3) == pytest.approx(0.6)
    assert math.isinf(capital_rounds.equilibrium_gap(1.0, 0.3))
    # Aleph Alpha's announced package instead of its equity raises the floor
    assert capital_rounds.standing_fit("high").floor > fit.floor
