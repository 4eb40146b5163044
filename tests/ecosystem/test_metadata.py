"""Results carry their metadata: units and long names on DataFrame columns and Dataset
variables, and a streamed Zarr ensemble that xarray.open_zarr reads as it is."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from doomloop.analysis.montecarlo import (
    monte_carlo,
    open_ensemble,
    percentile_bands,
    stream_monte_carlo,
)

xr = pytest.importorskip("xarray")
pytest.importorskip("zarr")


def test_run_columns_carry_units_and_long_names(japan, japan_baseline) -> None:
    attrs = japan_baseline.attrs
    assert set(attrs["units"]) == set(japan_baseline.columns)
    assert attrs["units"]["population_15_64"] == "people"
    # the profile's label
    assert attrs["long_names"]["population_15_64"] == "Working-age population, 15-64"
    assert attrs["units"]["relative_specialist_pay"] == "1"  # dimensionless, said so
    element = next(c for c in japan_baseline.columns if "[" in c)
    assert (
        attrs["units"][element] == japan.describe([element.split("[")[0]])[element.split("[")[0]][0]
    )


def test_ensemble_datasets_carry_units_and_long_names(logistic) -> None:
    ds = monte_carlo(logistic, 4, variables=["population"], backend="engine")
    want = logistic.engine.get_variable("population").units
    assert ds["population"].attrs["units"] == want
    assert ds["population"].attrs["long_name"]
    assert percentile_bands(ds)["population"].attrs == ds["population"].attrs


def test_a_saved_ensemble_opens_with_xarray_open_zarr(logistic, tmp_path: Path) -> None:
    path = stream_monte_carlo(
        logistic, 10, tmp_path / "e.zarr", variables=["population"], backend="engine"
    )
    theirs = xr.open_zarr(path)
    ours = open_ensemble(path)
    assert theirs["population"].dims == ("member", "time")
    np.testing.assert_array_equal(theirs["population"].values, ours["population"].values)
    np.testing.assert_array_equal(theirs["time"].values, ours["time"].values)
    assert list(theirs["parameter"].values) == list(ours["parameter"].values)
    meanings = theirs["status"].attrs["flag_meanings"].split()
    assert [meanings[int(c)] for c in theirs["status"].values] == list(ours["status"].values)
    assert theirs["population"].attrs["units"] == ours["population"].attrs.get(
        "units", theirs["population"].attrs["units"]
    )


def test_an_arrayed_variable_is_one_variable_along_its_dimension(japan, tmp_path: Path) -> None:
    """population_female[a97], ... is ds["population_female"] along the model's `age`
    dimension: in memory, in a Zarr store xarray opens by itself and in Parquet; each member's
    values are what a single run with that member's parameters gives."""
    cohorts = [v for v in japan.variable_names if v.startswith("population_female[")][-3:]
    elements = [v[v.index("[") + 1 : -1] for v in cohorts]
    want = ["population_total", *cohorts]
    ds = monte_carlo(japan, 3, variables=want, backend="engine", seed=4)
    arr = ds["population_female"]
    assert arr.dims == ("member", "age", "time") and list(arr["age"].values) == elements
    assert ds["population_total"].dims == ("member", "time") and not set(cohorts) & set(ds)
    assert arr.attrs["units"] == "people"
    overrides = dict(zip(ds["parameter"].values, ds["params"].values[1], strict=True))
    alone = japan.run(overrides, variables=cohorts)
    at = [float(t) for t in ds["time"].values]
    for c, e in zip(cohorts, elements, strict=True):
        np.testing.assert_allclose(
            arr.sel(member=1, age=e).values, alone.loc[at, c].to_numpy(), rtol=1e-9
        )
    for suffix in ("zarr", "parquet"):
        path = stream_monte_carlo(
            japan, 3, tmp_path / f"e.{suffix}", variables=want, backend="engine", seed=4
        )
        back = open_ensemble(path)
        assert back["population_female"].dims == ("member", "age", "time")
        np.testing.assert_allclose(back["population_female"].values, arr.values, rtol=1e-12)
        if suffix == "zarr":
            theirs = xr.open_zarr(path)
            assert theirs["population_female"].dims == ("member", "age", "time")
            assert list(theirs["age"].values) == elements
