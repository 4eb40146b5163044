"""Shared (member-invariant) work done once per run, and state snapshots with resumed runs."""

from __future__ import annotations

import numpy as np
import pytest

import doomloop
from doomloop.errors import SimulationError
from doomloop.kernel import compile_model
from doomloop.kernel.numba_backend import generate, shared_variables

from .conftest import model_with_table, write_model

VARIABLES = """
<aux name="data rate"><eqn>0.5</eqn></aux>
<aux name="lever"><eqn>0</eqn></aux>
<aux name="lever start"><eqn>5</eqn></aux>
<aux name="uncertain"><eqn>0.02</eqn></aux>
<aux name="seasonal"><eqn>SIN(TIME) * data_rate</eqn></aux>
<aux name="seasonal squared"><eqn>seasonal * seasonal</eqn></aux>
<aux name="push"><eqn>STEP(lever, lever_start)</eqn></aux>
<flow name="growth"><eqn>stock * uncertain + seasonal + push</eqn></flow>
<flow name="noise"><eqn>seasonal_squared</eqn></flow>
<stock name="stock"><eqn>10</eqn><inflow>growth</inflow><inflow>noise</inflow></stock>
<aux name="start value"><eqn>INIT(stock)</eqn></aux>
<aux name="gain"><eqn>stock - start_value</eqn></aux>
"""

TABLE = """name,value,units,low,high,lower_bound,upper_bound,group,sector,distribution,source,note
data_rate,0.5,dmnl,0.5,0.5,0,10,data,s,fixed,assumption: test,fixed data
lever,0,dmnl,0,2,0,10,policy,s,uniform,assumption: test,a policy from lever_start
lever_start,5,year,2,8,0,10,policy,s,uniform,assumption: test,when the policy starts
uncertain,0.02,1/year,0.01,0.03,0,1,assumption,s,uniform,assumption: test,a growth rate
"""


@pytest.fixture(scope="module")
def model(tmp_path_factory: pytest.TempPathFactory) -> doomloop.Model:
    return model_with_table(tmp_path_factory.mktemp("shared"), VARIABLES, TABLE)


def test_only_time_and_fixed_data_make_a_variable_shared(model):
    k = compile_model(model)
    assert k.varying == {"lever", "lever_start", "uncertain"}
    shared = {"seasonal", "seasonal_squared", "noise"}  # noise: a flow a stock reads
    assert set(shared_variables(k.ir, k.order, k.varying)) == shared
    # without a parameter table every constant may vary: only time-only work is shared
    bare = compile_model(model.path)
    assert bare.varying is None
    assert shared_variables(bare.ir, bare.order, None) == []
    gen = generate(k.ir, k.order, "euler", varying=k.varying)
    assert set(gen.shared) == shared and gen.n_shared == 3


@pytest.mark.parametrize("method", ["euler", "rk4"])
def test_shared_work_gives_the_numbers_of_the_numpy_backend(model, method):
    k = compile_model(model)
    rng = np.random.default_rng(3)
    n = 40
    params = {
        "lever": rng.uniform(0, 2, n),
        "lever_start": rng.uniform(2, 8, n),
        "uncertain": rng.uniform(0.01, 0.03, n),
    }
    names = ["stock", "seasonal", "seasonal_squared", "push", "gain"]
    a = k.run(params, variables=names, method=method, backend="numba", output="arrays")
    b = k.run(params, variables=names, method=method, backend="numpy", output="arrays")
    for name in names:
        np.testing.assert_allclose(a.values[name], b.values[name], rtol=1e-12, atol=1e-12)


def test_members_differing_in_fixed_data_still_run_exactly(model):
    """A run may vary a fixed-data constant: members then get shared tables of their own."""
    k = compile_model(model)
    params = {"data_rate": np.array([0.5, 0.2, 0.5, 0.9]), "uncertain": np.full(4, 0.03)}
    a = k.run(params, variables=["stock", "seasonal"], backend="numba", output="arrays")
    for i, rate in enumerate(params["data_rate"]):
        one = k.run({"data_rate": rate, "uncertain": 0.03}, variables=["stock"], backend="numpy")
        np.testing.assert_allclose(a.values["stock"][i], one["stock"].values[0], rtol=1e-12)
    assert not np.allclose(a.values["seasonal"][1], a.values["seasonal"][0])


@pytest.mark.parametrize("method", ["euler", "rk4"])
def test_a_resumed_run_continues_exactly_where_the_state_was_kept(model, method):
    k = compile_model(model)
    n = 6
    base = {"uncertain": np.linspace(0.01, 0.03, n), "lever_start": np.full(n, 6.0)}
    full = k.run(base, variables=["stock", "gain"], method=method, state_at=4.0, output="arrays")
    state = full.state
    assert state is not None and state.time == 4.0 and state.members == n
    # a lever acting from 6 leaves everything before 4 as it was: resume from the state
    moved = {**base, "lever": np.linspace(0.5, 2.0, n)}
    res = k.run(moved, variables=["stock", "gain"], method=method, resume=state, output="arrays")
    ref = k.run(moved, variables=["stock", "gain"], method=method, output="arrays")
    after = res.times >= 4.0
    assert np.isnan(res.values["stock"][:, ~after]).all()
    for name in ("stock", "gain"):  # gain reads INIT(stock): recomputed at the start, equal
        np.testing.assert_array_equal(res.values[name][:, after], ref.values[name][:, after])
    assert (res.status == 0).all()
    assert not np.allclose(res.values["stock"][:, -1], full.values["stock"][:, -1])


def test_states_at_several_times_in_one_run_equal_one_run_each(model):
    k = compile_model(model)
    n = 5
    base = {"uncertain": np.linspace(0.01, 0.03, n)}
    many = k.run(base, variables=["stock"], state_at=[6.0, 2.0, 4.0], output="arrays", threads=2)
    assert [s.time for s in many.states] == [2.0, 4.0, 6.0]
    assert many.state is many.states[-1]
    for s in many.states:
        one = k.run(base, variables=["stock"], state_at=s.time, output="arrays").state
        assert one is not None
        np.testing.assert_array_equal(s.values, one.values)
    # resuming from the middle one (keeping the later one again) gives the whole run's values
    res = k.run(base, variables=["stock"], resume=many.states[1], state_at=6.0, output="arrays")
    after = res.times >= 4.0
    np.testing.assert_array_equal(res.values["stock"][:, after], many.values["stock"][:, after])
    assert res.state is not None
    np.testing.assert_array_equal(res.state.values, many.states[2].values)
    # members picked by index (a group with its own fixed data) keep their states too
    grouped = {**base, "data_rate": np.array([0.5, 0.6, 0.5, 0.6, 0.5])}
    g = k.run(grouped, variables=["stock"], state_at=[2.0, 4.0], output="arrays", threads=2)
    for s in g.states:
        one = k.run(grouped, variables=["stock"], state_at=s.time, output="arrays").state
        assert one is not None
        np.testing.assert_array_equal(s.values, one.values)


def test_state_and_resume_errors_say_what_to_do(model, tmp_path):
    k = compile_model(model)
    with pytest.raises(SimulationError, match="not a step of the run"):
        k.run({}, state_at=4.25, backend="numba")
    state = k.run({"lever": np.zeros(3)}, state_at=4.0, backend="numba", output="arrays").state
    with pytest.raises(SimulationError, match="holds 3 members but this run has 2"):
        k.run({"lever": np.zeros(2)}, resume=state, backend="numba")
    with pytest.raises(SimulationError, match="same start, dt and method"):
        k.run({"lever": np.zeros(3)}, resume=state, dt=0.25, backend="numba")
    with pytest.raises(SimulationError, match="need the numba backend"):
        k.run({"lever": np.zeros(3)}, resume=state, backend="numpy")
    with pytest.raises(SimulationError, match="before the resumed state"):
        k.run({"lever": np.zeros(3)}, resume=state, state_at=2.0, backend="numba")
    other = compile_model(write_model(tmp_path, "<stock name='s'><eqn>1</eqn></stock>"))
    with pytest.raises(SimulationError, match="same model and kernel"):
        other.run(n_members=3, resume=state, backend="numba")
