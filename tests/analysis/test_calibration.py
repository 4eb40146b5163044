"""Calibration recovers parameters from data the model generated; fit statistics; TOML."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from doomloop import load_scenario
from doomloop.analysis.calibration import (
    calibrate,
    fit_summary,
    load_reference,
    plot_calibration,
    reference_from_figures,
    write_scenario,
)
from doomloop.errors import DataError


def test_recovers_known_parameters(logistic, tmp_path):
    truth = {"growth_rate": 0.42, "carrying_capacity": 1350.0}
    run = logistic.run(truth, variables=["population"])
    ref = pd.DataFrame(
        {"name": "population", "year": run.index[::3], "value": run["population"].values[::3]}
    )
    path = tmp_path / "ref.csv"
    ref.to_csv(path, index=False)
    res = calibrate(logistic, ["growth_rate", "carrying_capacity"], path)
    assert res.success
    assert res.params["growth_rate"] == pytest.approx(0.42, rel=1e-4)
    assert res.params["carrying_capacity"] == pytest.approx(1350.0, rel=1e-4)
    assert res.statistics.loc["population", "mape"] < 0.01
    toml = write_scenario(res, logistic, tmp_path / "calibrated.toml")
    sc = load_scenario(toml, logistic)
    assert sc.assumptions["growth_rate"] == pytest.approx(0.42, rel=1e-4)
    png = plot_calibration(res, logistic, tmp_path / "fit.png")
    assert png.read_bytes()[:4] == b"\x89PNG"


def test_policy_parameters_go_to_the_policy_table(logistic, tmp_path):
    run = logistic.run({"initial_population": 20.0}, variables=["population"])
    ref = pd.DataFrame(
        {
            "name": "population",
            "year": [2, 5, 10],
            "value": run["population"].loc[[2.0, 5.0, 10.0]].values,
        }
    )
    res = calibrate(logistic, ["initial_population"], ref)
    assert res.params["initial_population"] == pytest.approx(20.0, rel=1e-3)
    sc = load_scenario(write_scenario(res, logistic, tmp_path / "p.toml"), logistic)
    assert "initial_population" in sc.policy


def test_theil_proportions_sum_to_one_and_split_errors():
    a = np.array([1.0, 2.0, 3.0, 4.0, 5.0])
    bias = fit_summary(a + 1.0, a)
    assert bias["theil_um"] == pytest.approx(1.0) and bias["rmse"] == pytest.approx(1.0)
    scaled = fit_summary(2 * a - a.mean(), a)
    assert scaled["theil_us"] == pytest.approx(1.0)
    rng = np.random.default_rng(0)
    noisy = fit_summary(a + rng.normal(0, 0.5, 5), a)
    assert noisy["theil_um"] + noisy["theil_us"] + noisy["theil_uc"] == pytest.approx(1.0)
    assert bias["mape"] == pytest.approx(np.mean(1 / a) * 100)


def test_reference_loaders(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("name,year,value\npopulation,2000,lots\n")
    with pytest.raises(DataError, match="bad.csv:2"):
        load_reference(bad)
    fig = tmp_path / "figures.csv"
    fig.write_text(
        "key,country,year,value,unit,low,high,source,note\n"
        "pop_0_14,Japan,1970,24819.3,thousand persons,,,S01,\n"
        "pop_0_14,Japan,1970,24807,thousand persons,,,S02,\n"
        "pop_0_14,Korea,1970,13000,thousand persons,,,S01,\n"
        "births,Japan,1970,1934,thousand per year,,,S01,\n"
    )
    ref = reference_from_figures(fig)  # one source: S01 (UN WPP 2024)
    assert list(ref["name"]) == ["population_0_14"]
    assert ref["value"].iloc[0] == pytest.approx(24819.3 * 1000)
    every = reference_from_figures(fig, source=None)  # every source: their mean
    assert every["value"].iloc[0] == pytest.approx((24819.3 + 24807) / 2 * 1000)
    with pytest.raises(DataError, match="from source 'S09'"):
        reference_from_figures(fig, source="S09")


def test_reference_weights_default_to_one_and_must_not_be_negative(tmp_path):
    ok = tmp_path / "ok.csv"
    ok.write_text("name,year,value,weight\npopulation,1,3,\npopulation,2,4,0.5\n")
    ref = load_reference(ok)
    assert list(ref.columns) == ["name", "year", "value", "weight"]
    assert list(ref["weight"]) == [1.0, 0.5]
    for cell in ("-1", "heavy", "inf"):
        bad = tmp_path / "w.csv"
        bad.write_text(f"name,year,value,weight\npopulation,1,3,1\npopulation,2,4,{cell}\n")
        with pytest.raises(DataError, match=f"w.csv:3: weight '{cell}' of 'population'"):
            load_reference(bad)


def test_reference_for_calibration_gets_the_same_checks_as_for_check(tmp_path):
    """One reader (doomloop.reference) serves calibration and ``doomloop check``."""
    cases = {
        "name,value\npopulation,3\n": "ref.csv:1: missing column(s) year",
        "name,year,value\npopulation,1,3\npopulation,1,4\n": "ref.csv:3: 'population' has a "
        "second value for 1",
        "name,year,value,country\npopulation,1,3,a\npopulation,1,4,b\n": "holds countries a, b",
        "name,year,value\npopulation,1,3,extra\n": "more fields than the header",
    }
    path = tmp_path / "ref.csv"
    for text, message in cases.items():
        path.write_text(text)
        with pytest.raises(DataError) as info:
            load_reference(path)
        assert message in str(info.value)
    path.write_bytes("name,year,value\ncaf\xe9,1,2\n".encode("latin-1"))
    with pytest.raises(DataError, match="not UTF-8"):
        load_reference(path)


def test_runs_do_not_leak_parameter_values(logistic):
    """sim.reset() keeps earlier set_value calls; runs must restore defaults."""
    from doomloop.analysis.evaluate import evaluate

    default = logistic.run(variables=["population"]).loc[10.0, "population"]
    logistic.run({"growth_rate": 0.5}, variables=["population"])
    assert logistic.run(variables=["population"]).loc[10.0, "population"] == default
    evaluate(logistic, np.array([[0.5]]), ["growth_rate"], ["population"], [10])
    v = evaluate(logistic, np.array([[10.0]]), ["initial_population"], ["population"], [10]).values
    assert v[0, 0, 0] == pytest.approx(default)


def test_shipped_figures_give_japan_population_history():
    ref = reference_from_figures()
    assert set(ref["name"]) >= {"population_total", "population_0_14"}
    total_2020 = ref[(ref["name"] == "population_total") & (ref["year"] == 2020)]["value"]
    assert float(total_2020.iloc[0]) == 126_304_500  # WPP 2024 alone (WPP 2022: 125.2m)
    assert ref["year"].max() <= 2024  # history only: not the essay's 2050 figure
