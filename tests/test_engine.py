"""The engine seam: closed forms, errors that say what/where/fix, NaN detection."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

import doomloop
from doomloop import OutOfBoundsError, SimulationError, UnknownParameterError


def tiny_model(tmp_path: Path, variables: str, stop: float = 10, dt: float = 1) -> Path:
    """Write a one-model XMILE file with *variables* and return its path."""
    path = tmp_path / "m.xmile"
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<xmile version="1.0" xmlns="http://docs.oasis-open.org/xmile/ns/XMILE/v1.0">'
        '<header><vendor>t</vendor><product version="1">t</product></header>'
        f'<sim_specs method="Euler" time_units="year"><start>0</start><stop>{stop}</stop>'
        f"<dt>{dt}</dt></sim_specs><model><variables>{variables}</variables></model></xmile>"
    )
    return path


def test_logistic_matches_closed_form(logistic: doomloop.Model) -> None:
    r, k, p0 = 0.25, 1000.0, 10.0
    df = logistic.run(params={"growth_rate": r}, dt=1 / 256)
    t = df.index.to_numpy()
    exact = k / (1 + (k / p0 - 1) * np.exp(-r * t))
    np.testing.assert_allclose(df["population"].to_numpy(), exact, rtol=5e-3)


def test_constant_flow_stock_is_linear(tmp_path) -> None:
    xm = tiny_model(
        tmp_path,
        '<stock name="s"><eqn>3</eqn><inflow>i</inflow><outflow>o</outflow>'
        "<units>people</units></stock>"
        '<flow name="i"><eqn>inflow_rate</eqn><units>people/year</units></flow>'
        '<flow name="o"><eqn>2</eqn><units>people/year</units></flow>'
        '<aux name="inflow rate"><eqn>5</eqn><units>people/year</units></aux>',
        dt=0.5,
    )
    m = doomloop.load_model(xm)
    df = m.run(params={"inflow_rate": 7.0})
    np.testing.assert_allclose(df["s"], 3 + (7 - 2) * df.index.to_numpy(), rtol=1e-12)


def test_unknown_parameter_names_the_fix(japan: doomloop.Model) -> None:
    with pytest.raises(UnknownParameterError) as err:
        japan.run(params={"pay_reform_targte": 1.0})
    msg = str(err.value)
    assert "pay_reform_targte" in msg and "pay_reform_target" in msg


def test_out_of_bounds_names_range(japan: doomloop.Model) -> None:
    with pytest.raises(OutOfBoundsError) as err:
        japan.run(params={"fertility_multiplier": -1})
    msg = str(err.value)
    assert "fertility_multiplier" in msg and "[0, 3]" in msg


def test_non_finite_names_variable_and_time(tmp_path) -> None:
    xm = tiny_model(tmp_path, '<aux name="x"><eqn>LN(5 - TIME)</eqn></aux>')
    m = doomloop.load_model(xm, strict=False)
    with pytest.raises(SimulationError) as err:
        m.run()
    assert "'x'" in str(err.value) and "time 5" in str(err.value)


def test_runs_do_not_leak_overrides(japan: doomloop.Model) -> None:
    a = japan.run(variables=["population_total"])
    japan.run(params={"fertility_multiplier": 2.0}, variables=["population_total"])
    b = japan.run(variables=["population_total"])
    assert a.equals(b)


def test_model_is_picklable(japan: doomloop.Model) -> None:
    import pickle

    clone = pickle.loads(pickle.dumps(japan))
    a = clone.run(variables=["frontier_gap_oom"])
    assert math.isfinite(float(a.iloc[-1, 0]))


def test_engine_rejects_broken_model(tmp_path) -> None:
    xm = tiny_model(tmp_path, '<aux name="x"><eqn>undefined_thing * 2</eqn></aux>')
    with pytest.raises(doomloop.ModelFileError) as err:
        doomloop.load_model(xm)
    assert "undefined_thing" in str(err.value)


def test_strict_load_refuses_a_unit_mismatch(tmp_path) -> None:
    # pysimlin reports this mismatch only as a warning of project.get_errors(), not through
    # Model.check_units(); strict loading reads the same unit problems as `doomloop check`.
    xm = tiny_model(
        tmp_path,
        '<aux name="headcount"><eqn>3</eqn><units>people</units></aux>'
        '<aux name="payroll"><eqn>headcount * 2</eqn><units>yen</units></aux>',
    )
    with pytest.raises(doomloop.ModelFileError) as err:
        doomloop.load_model(xm, strict=True)
    msg = str(err.value)
    assert str(xm) in msg and "payroll" in msg and "unit_mismatch" in msg
    assert "'yen'" in msg and "load with strict=False" in msg and "--lenient-units" in msg
    df = doomloop.load_model(xm, strict=False).run()
    assert df["payroll"].iloc[-1] == 6.0


@pytest.mark.parametrize("name", doomloop.engine.available_models())
def test_shipped_models_load_strictly(name: str) -> None:
    assert doomloop.load_model(name, strict=True).parameters
