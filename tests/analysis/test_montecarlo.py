"""Monte Carlo ensembles, bands, verdicts and the streaming path."""

from __future__ import annotations

import tracemalloc

import numpy as np
import pytest

from doomloop.analysis.evaluate import FunctionModel
from doomloop.analysis.montecarlo import (
    bands_frame,
    monte_carlo,
    open_ensemble,
    percentile_bands,
    plot_bands,
    stream_monte_carlo,
    verdict_probabilities,
)
from doomloop.parameters import Parameter, ParameterTable


def _uniform(name, lo, hi):
    return Parameter(
        name, (lo + hi) / 2, "", lo, hi, lo, hi, "assumption", "", "uniform", "assumption", ""
    )


def test_ensemble_dataset_shape_and_closed_form(logistic):
    ds = monte_carlo(logistic, 40, seed=2, variables=["population"])
    assert ds["population"].dims == ("member", "time")
    assert ds.sizes == {"member": 40, "time": 41, "parameter": 3}
    assert (ds["status"] == "ok").all() and ds.attrs["failed"] == 0
    p = ds["params"].to_pandas()
    r, k, p0 = p["growth_rate"], p["carrying_capacity"], p["initial_population"]
    closed = k / (1 + (k / p0 - 1) * np.exp(-r * 40))
    np.testing.assert_allclose(ds["population"].sel(time=40).values, closed, rtol=0.03)


def test_scenario_and_fixed_params_are_not_drawn(logistic):
    ds = monte_carlo(logistic, 10, params={"carrying_capacity": 500.0}, variables=["population"])
    assert "carrying_capacity" not in list(ds["parameter"].values)
    assert float(ds["population"].sel(time=40).max()) <= 500.0


def test_bands_are_ordered_and_tidy(logistic, tmp_path):
    ds = monte_carlo(logistic, 80, seed=1, variables=["population", "net_growth"])
    bands = percentile_bands(ds)
    b = bands["population"].values
    assert (np.diff(b, axis=0) >= -1e-9).all()
    df = bands_frame(bands)
    assert list(df.columns) == ["variable", "time", "p5", "p25", "p50", "p75", "p95"]
    png = plot_bands(bands, tmp_path / "b.png")
    assert png.read_bytes()[:4] == b"\x89PNG"


def _verdict_model():
    table = ParameterTable([_uniform("a", 0.0, 1.0)])

    def fn(p):
        a = p["a"]
        t = np.arange(3.0)
        return {"frontier_sovereignty": a[:, None] * t[None, :] / 2}

    return FunctionModel(fn, table, ["frontier_sovereignty"], times=[0.0, 1.0, 2.0])


def test_verdict_probabilities_by_year():
    ds = monte_carlo(_verdict_model(), 1000, seed=0)
    pv = verdict_probabilities(ds, ["frontier_sovereignty"], 0.5)
    assert list(pv.columns) == ["frontier_sovereignty"]
    # index = a * t / 2 >= 0.5  <=>  a >= 1 / t
    assert pv.loc[0.0, "frontier_sovereignty"] == 0.0
    assert pv.loc[1.0, "frontier_sovereignty"] == pytest.approx(0.0, abs=0.002)
    assert pv.loc[2.0, "frontier_sovereignty"] == pytest.approx(0.5, abs=0.01)


@pytest.mark.parametrize("suffix", [".zarr", ".parquet"])
def test_streamed_ensemble_equals_in_memory(logistic, tmp_path, suffix):
    ds = monte_carlo(logistic, 50, seed=4, variables=["population"], times=[0, 10, 40])
    path = stream_monte_carlo(
        logistic,
        50,
        tmp_path / f"e{suffix}",
        seed=4,
        variables=["population"],
        times=[0, 10, 40],
        chunk_size=16,
    )
    back = open_ensemble(path)
    np.testing.assert_array_equal(back["population"].values, ds["population"].values)
    np.testing.assert_array_equal(back["params"].values, ds["params"].values)
    assert list(back["status"].values) == list(ds["status"].values)


def _wide_model():
    table = ParameterTable([_uniform("a", 0.5, 1.5), _uniform("b", 0.0, 1.0)])
    times = np.arange(250.0)

    def fn(p):
        a, b = p["a"][:, None], p["b"][:, None]
        x = a * np.sin(times[None, :] / 10) + b
        bad = p["b"] > 0.999  # a few members fail
        x[bad] = np.nan
        return {"x": x, "y": x * 2}

    return FunctionModel(fn, table, ["x", "y"], times=times)


def test_streaming_memory_is_bounded_and_failures_are_kept(tmp_path):
    model = _wide_model()
    n = 12000
    full_bytes = n * 2 * 250 * 8  # 48 MB if held in memory
    tracemalloc.start()
    try:
        path = stream_monte_carlo(model, n, tmp_path / "big.zarr", seed=1, chunk_size=500)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < full_bytes / 5, f"peak {peak / 1e6:.1f} MB vs full {full_bytes / 1e6:.0f} MB"
    back = open_ensemble(path)
    assert back.sizes["member"] == n
    failed = back["status"].values != "ok"
    assert 0 < failed.sum() < 50 and set(back["status"].values[failed]) == {"nonfinite"}
    assert all("variable 'x'" in e for e in back["error"].values[failed])
    ok = ~failed
    assert np.isfinite(back["x"].values[ok]).all()
