"""Sampling: percentiles, truncation, reproducibility, Iman–Conover rank correlation."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from doomloop.analysis.sampling import BLOCK, iman_conover, plausible_quantiles, ppf, sample
from doomloop.errors import ParameterError
from doomloop.parameters import Parameter


def _p(name, dist, low, high, lb=-np.inf, ub=np.inf, value=None):
    return Parameter(
        name,
        (low + high) / 2 if value is None else value,
        "",
        low,
        high,
        lb,
        ub,
        "assumption",
        "",
        dist,
        "assumption",
        "",
    )


@pytest.mark.parametrize("dist", ["normal", "lognormal", "uniform"])
def test_low_high_are_5th_and_95th_percentiles(dist):
    # bounds far enough out that truncation does not move the percentiles
    p = _p("a", dist, 2.0, 8.0, -100.0 if dist == "normal" else 0.0, 100.0)
    x = sample([p], 20000, seed=1, method="random")[:, 0]
    if dist == "uniform":
        assert x.min() >= 2.0 and x.max() <= 8.0
        assert np.mean(x) == pytest.approx(5.0, abs=0.05)
    else:
        assert np.percentile(x, 5) == pytest.approx(2.0, rel=0.03)
        assert np.percentile(x, 95) == pytest.approx(8.0, rel=0.03)


def test_truncated_to_physical_bounds():
    p = _p("share", "normal", 0.1, 0.9, 0.0, 1.0)
    x = ppf(p, np.linspace(0, 1, 1001))
    assert x.min() >= 0.0 and x.max() <= 1.0
    assert x[0] == pytest.approx(0.0, abs=1e-6) and x[-1] == pytest.approx(1.0, abs=1e-6)
    lo, hi = plausible_quantiles(p)
    assert ppf(p, np.array([lo, hi])) == pytest.approx([0.1, 0.9], rel=1e-6)


def test_lhs_is_stratified_and_reproducible_across_blocks():
    p = [_p("a", "uniform", 0.0, 1.0, 0.0, 1.0), _p("b", "normal", -1.0, 1.0)]
    x = sample(p, 100, seed=3)
    counts = np.histogram(x[:, 0], bins=100, range=(0, 1))[0]
    assert (counts == 1).all()  # one point per stratum
    np.testing.assert_array_equal(x, sample(p, 100, seed=3))
    big = sample(p, BLOCK + 10, seed=3)
    np.testing.assert_array_equal(big[:BLOCK], sample(p, BLOCK, seed=3))


def test_iman_conover_induces_rank_correlation_and_keeps_marginals():
    p = [_p("a", "lognormal", 1.0, 10.0), _p("b", "normal", 0.0, 1.0), _p("c", "uniform", 0, 1)]
    x = sample(p, 2000, seed=5, correlation={("a", "b"): 0.7, ("b", "c"): -0.4})
    rho = stats.spearmanr(x).statistic
    assert rho[0, 1] == pytest.approx(0.7, abs=0.05)
    assert rho[1, 2] == pytest.approx(-0.4, abs=0.05)
    assert abs(rho[0, 2]) < 0.35
    plain = sample(p, 2000, seed=5)
    np.testing.assert_allclose(np.sort(x, axis=0), np.sort(plain, axis=0))
    rng = np.random.default_rng(0)
    u = rng.random((500, 2))
    out = iman_conover(u, np.array([[1, 0.5], [0.5, 1]]), rng)
    np.testing.assert_allclose(np.sort(out, axis=0), np.sort(u, axis=0))


def test_bad_correlations_are_refused():
    p = [_p("a", "normal", 0, 1), _p("b", "normal", 0, 1)]
    with pytest.raises(ParameterError, match="not among"):
        sample(p, 10, correlation={("a", "zz"): 0.2})
    with pytest.raises(ParameterError, match="-1 < rho < 1"):
        sample(p, 10, correlation={("a", "b"): 1.0})
