"""Sobol and Morris on functions whose indices are known analytically.

The same code path runs the analytic functions as Python callables (FunctionModel) and the
Ishigami function as an XMILE model through the engine.
"""

from __future__ import annotations

import numpy as np
import pytest

from doomloop.analysis.sensitivity import (
    ishigami,
    ishigami_indices,
    morris,
    plot_indices,
    sobol,
    sobol_g,
    sobol_g_indices,
)


def _close(df, exact, tol):
    got = df.loc[exact.index]
    np.testing.assert_allclose(got["S1"], exact["S1"], atol=tol)
    np.testing.assert_allclose(got["ST"], exact["ST"], atol=tol)


def test_ishigami_function_matches_analytic_indices():
    df = sobol(ishigami(), "y", 0.0, n=1024, seed=1)
    _close(df, ishigami_indices(), 0.04)
    assert list(df.columns) == ["S1", "S1_conf", "ST", "ST_conf"]
    assert (df["S1_conf"] > 0).all()


def test_ishigami_xmile_model_through_the_engine(ishigami_xmile):
    df = sobol(ishigami_xmile, "y", 1.0, n=1024, seed=1)
    _close(df, ishigami_indices(), 0.04)
    same = sobol(ishigami(), "y", 0.0, n=1024, seed=1)
    np.testing.assert_allclose(df.loc[same.index, "ST"], same["ST"], atol=1e-6)


def test_sobol_g_matches_analytic_indices():
    df = sobol(sobol_g(), "y", 0.0, n=2048, seed=2)
    _close(df, sobol_g_indices(), 0.02)
    assert list(df.index[:4]) == ["x1", "x2", "x3", "x4"]


def test_morris_ranks_sobol_g_inputs():
    df = morris(sobol_g(), "y", 0.0, n=60, seed=0)
    assert list(df.index[:3]) == ["x1", "x2", "x3"]
    assert df.loc["x1", "mu_star"] > 5 * df.loc["x5", "mu_star"]


def test_logistic_driver_and_chart(logistic, tmp_path):
    df = sobol(logistic, "population", 10, n=256, seed=0)
    assert df.index[0] == "growth_rate" and df.attrs["runs"] == 256 * 5
    png = plot_indices(df, tmp_path / "s.png")
    assert png.stat().st_size > 1000


def test_unknown_output_is_refused(logistic):
    from doomloop.errors import UnknownParameterError

    with pytest.raises(UnknownParameterError, match="no variable 'populaton'"):
        sobol(logistic, "populaton", 10, n=8)
