"""The kernel against closed forms, and its API: parameters, outputs, status, threads."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

import doomloop
from doomloop.errors import OutOfBoundsError, SimulationError, UnknownParameterError
from doomloop.kernel import Kernel, compile_model, try_compile

from .conftest import LOGISTIC, write_model


@pytest.fixture(scope="module")
def logistic() -> Kernel:
    return compile_model(LOGISTIC)


def _closed_form(t, r, k, p0):
    return k[:, None] / (1 + (k / p0 - 1)[:, None] * np.exp(-r[:, None] * t[None, :]))


@pytest.mark.parametrize("backend", ["numpy", "numba"])
def test_logistic_members_follow_the_closed_form(logistic, backend):
    rng = np.random.default_rng(7)
    n = 500
    r, k, p0 = rng.uniform(0.2, 0.4, n), rng.uniform(800, 1200, n), rng.uniform(8, 12, n)
    params = {"growth_rate": r, "carrying_capacity": k, "initial_population": p0}
    times = np.arange(0, 41, 5.0)
    ds = logistic.run(params, variables=["population"], times=times, method="rk4", backend=backend)
    assert ds["population"].dims == ("member", "time")
    np.testing.assert_allclose(ds["population"].values, _closed_form(times, r, k, p0), rtol=1e-7)
    assert (ds["status"].values == 0).all()


def test_constant_inflow_is_exact_under_euler(tmp_path):
    p = write_model(
        tmp_path,
        '<stock name="s"><eqn>s0</eqn><inflow>f</inflow></stock><flow name="f"><eqn>c</eqn></flow>'
        '<aux name="c"><eqn>2</eqn></aux><aux name="s0"><eqn>5</eqn></aux>',
    )
    k = compile_model(p)
    c = np.array([0.5, 1.0, -3.0])
    res = k.run({"c": c, "s0": 1.0}, variables=["s"], output="arrays")
    t = res.times
    np.testing.assert_allclose(res.values["s"], 1.0 + c[:, None] * t[None, :], rtol=1e-13)
    assert t.tolist() == list(np.arange(0, 10.5, 0.5))


def test_smooth_and_delay_follow_their_discrete_closed_form(tmp_path):
    p = write_model(
        tmp_path,
        '<aux name="x"><eqn>STEP(10, 2)</eqn></aux><aux name="tau"><eqn>4</eqn></aux>'
        '<aux name="s"><eqn>SMTH1(x, tau, 1)</eqn></aux>'
        '<aux name="d"><eqn>DELAY1(x, tau)</eqn></aux>',
    )
    k = compile_model(p)
    res = k.run(variables=["s", "d"], output="arrays")
    t = res.times
    n_on = np.clip(np.round((t - 2.0) / 0.5), 0, None)  # Euler steps since the input switched on
    # before t=2 s decays from 1 towards 0; afterwards towards 10; Euler factor (1 - dt/tau)
    a = 1 - 0.5 / 4
    before = 1.0 * a ** np.round(t / 0.5)
    s2 = 1.0 * a**4
    after = 10 - (10 - s2) * a**n_on
    np.testing.assert_allclose(res.values["s"][0], np.where(t <= 2, before, after), rtol=1e-12)
    np.testing.assert_allclose(
        res.values["d"][0], np.where(t <= 2, 0.0, 10 - 10 * a**n_on), atol=1e-12
    )


def test_only_requested_variables_and_times_are_kept(logistic):
    ds = logistic.run({"growth_rate": [0.2, 0.3]}, variables=["population"], times=[0, 10, 40])
    assert list(ds.data_vars) == ["population"]
    assert ds["population"].shape == (2, 3)
    assert ds["time"].values.tolist() == [0.0, 10.0, 40.0]
    with pytest.raises(SimulationError, match="not a step"):
        logistic.run(times=[0.01])


def test_nonfinite_members_are_flagged_not_raised(logistic):
    k = np.array([0.0, 1000.0, 0.0, 900.0])
    ds = logistic.run({"carrying_capacity": k}, variables=["population", "net_growth"])
    assert ds["status"].values.tolist() == [1, 0, 1, 0]
    assert np.isfinite(ds["population"].values[[1, 3]]).all()
    assert not np.isfinite(ds["nonfinite_time"].values[[1, 3]]).any()
    assert np.isfinite(ds["nonfinite_time"].values[[0, 2]]).all()


@pytest.mark.parametrize("backend", ["numpy", "numba"])
def test_two_threads_give_the_same_numbers(logistic, backend):
    r = np.linspace(0.2, 0.4, 101)
    # RK4 as in the other numba tests, so the suite compiles one numba kernel
    one = logistic.run({"growth_rate": r}, output="arrays", backend=backend, method="rk4")
    two = logistic.run(
        {"growth_rate": r}, output="arrays", threads=2, backend=backend, method="rk4"
    )
    for name, v in one.values.items():
        np.testing.assert_array_equal(v, two.values[name])


def test_numba_and_numpy_backends_agree(logistic):
    r = np.linspace(0.2, 0.4, 7)
    a = logistic.run({"growth_rate": r}, output="arrays", backend="numpy", method="rk4")
    b = logistic.run({"growth_rate": r}, output="arrays", backend="numba", method="rk4")
    for name, v in a.values.items():
        np.testing.assert_allclose(b.values[name], v, rtol=1e-12)


def test_parameter_errors_name_the_problem(logistic):
    with pytest.raises(UnknownParameterError, match="growth_rat.*Did you mean: growth_rate"):
        logistic.run({"growth_rat": 0.3})
    with pytest.raises(UnknownParameterError, match="not a constant"):
        logistic.run({"net_growth": 1.0})
    with pytest.raises(SimulationError, match="different lengths"):
        logistic.run({"growth_rate": [0.2, 0.3], "carrying_capacity": [1.0, 2.0, 3.0]})


def test_bounds_of_the_parameter_table_are_enforced():
    k = compile_model(doomloop.load_model(LOGISTIC))
    with pytest.raises(OutOfBoundsError, match=r"growth_rate.*member 1.*\[0, 5\]"):
        k.run({"growth_rate": [0.3, 9.0]}, on_bounds="raise")
    res = k.run({"growth_rate": [0.3, 9.0, np.nan, 0.2]}, output="arrays")
    assert res.status.tolist() == [0, 2, 2, 0]
    assert np.isnan(res.values["population"][[1, 2]]).all()
    assert np.isfinite(res.values["population"][[0, 3]]).all()


def test_array_constants_can_be_set_per_element(tmp_path):
    p = write_model(
        tmp_path,
        '<aux name="a"><dimensions><dim name="d"/></dimensions>'
        '<element subscript="x"><eqn>1</eqn></element>'
        '<element subscript="y"><eqn>2</eqn></element></aux>'
        '<aux name="total"><eqn>a[x] + a[y] * 10</eqn></aux>',
        dims='<dim name="d"><elem name="x"/><elem name="y"/></dim>',
    )
    k = compile_model(p)
    res = k.run({"a[y]": [3.0, 4.0]}, variables=["total", "a"], times=[0], output="arrays")
    assert res.values["total"][:, 0].tolist() == [31.0, 41.0]
    assert res.values["a[x]"][:, 0].tolist() == [1.0, 1.0]


def test_try_compile_falls_back_with_one_warning(tmp_path):
    p = write_model(tmp_path, '<aux name="x"><eqn>GAME(1)</eqn></aux>')
    with pytest.warns(UserWarning, match="GAME.*falls back to pysimlin"):
        assert try_compile(p) is None
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert try_compile(p) is None
    assert isinstance(try_compile(LOGISTIC), Kernel)


def test_coverage_lists_constructs(tmp_path):
    from doomloop.kernel import coverage

    p = write_model(
        tmp_path, '<aux name="x"><eqn>GAME(1)</eqn></aux><aux name="y"><eqn>1</eqn></aux>'
    )
    assert coverage(p) == [("x", "function GAME()")]
    assert coverage(LOGISTIC) == []


def test_huge_outputs_are_refused_before_allocating(logistic, monkeypatch):
    import doomloop.kernel.kernel as kmod

    monkeypatch.setattr(kmod, "MAX_OUTPUT_BYTES", 1000)
    with pytest.raises(SimulationError, match="fewer variables"):
        logistic.run(n_members=100)
