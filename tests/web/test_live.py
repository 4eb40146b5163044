"""Live lines and bands on the kernel: a band resumes only when the move left the past alone."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

import doomloop
from doomloop.kernel import compile_model
from doomloop.web.live import LiveKernel, quiet_until

VARIABLES = """
<aux name="lever"><eqn>0</eqn></aux>
<aux name="lever start"><eqn>5</eqn></aux>
<aux name="growth rate"><eqn>0.05</eqn></aux>
<aux name="lever effect"><eqn>1</eqn></aux>
<aux name="late rate"><eqn>0.5</eqn></aux>
<aux name="push"><eqn>STEP(lever * lever_effect, lever_start) + STEP(late_rate, 6)</eqn></aux>
<flow name="growth"><eqn>stock * growth_rate + push</eqn></flow>
<stock name="stock"><eqn>10</eqn><inflow>growth</inflow></stock>
<aux name="ratio"><eqn>1 / (lever - 2)</eqn></aux>
<flow name="tick"><eqn>1</eqn></flow>
<stock name="counter"><eqn>0</eqn><inflow>tick</inflow></stock>
"""
TABLE = """name,value,units,low,high,lower_bound,upper_bound,group,sector,distribution,source,note
lever,0,dmnl,0,0,0,10,policy,s,fixed,assumption: test,a policy acting from lever_start
lever_start,5,year,5,5,0,10,policy,s,fixed,assumption: test,when the policy starts
growth_rate,0.05,1/year,0.03,0.07,0,1,assumption,s,uniform,assumption: test,sampled
lever_effect,1,dmnl,0.5,1.5,0,3,assumption,s,uniform,assumption: test,acts with the lever
late_rate,0.5,1/year,0.4,0.6,0,2,assumption,s,uniform,assumption: test,acts from year 6
"""
SPECS = '<sim_specs method="Euler"><start>0</start><stop>10</stop><dt>0.25</dt></sim_specs>'


@pytest.fixture(scope="module")
def live_model(tmp_path_factory: pytest.TempPathFactory) -> tuple[LiveKernel, Any]:
    d: Path = tmp_path_factory.mktemp("live")
    (d / "model.xmile").write_text(
        '<?xml version="1.0" encoding="utf-8"?>'
        '<xmile version="1.0" xmlns="http://docs.oasis-open.org/xmile/ns/XMILE/v1.0">'
        "<header><vendor>t</vendor><product version='1'>t</product><name>t</name></header>"
        f"{SPECS}<model><variables>{VARIABLES}</variables></model></xmile>",
        encoding="utf-8",
    )
    (d / "parameters.csv").write_text(TABLE, encoding="utf-8")
    model = doomloop.load_model(d)
    k = compile_model(model)
    k.warmup()
    defaults = {p.name: p.value for p in model.parameters.values()}
    years = np.arange(0, 10.5, 1.0)
    quiet = quiet_until(k, defaults, model.parameters, years)
    return LiveKernel(k, defaults, years, quiet, levers=["lever", "lever_start"]), model


@pytest.fixture(scope="module")
def live(live_model: tuple[LiveKernel, Any]) -> LiveKernel:
    return live_model[0]


DRAWS = [
    {"growth_rate": g, "late_rate": r, "lever_effect": e}
    for g, r, e in [(0.03, 0.4, 1), (0.04, 0.6, 2), (0.05, 0.5, 1), (0.06, 0.45, 2), (0.07, 0.5, 1)]
]


def whole(live: LiveKernel, params: dict[str, float], draws: list[dict[str, float]]) -> np.ndarray:
    """The band's values from a whole run, without the live kernel's kept states."""
    cols = {n: np.array([{**live.defaults, **params, **d}[n] for d in draws]) for n in live.names}
    res = live.kernel.run(cols, variables=["stock"], times=live.years, output="arrays")
    return res.values["stock"][:, :, None]


def test_quiet_until_is_the_last_year_an_assumption_leaves_as_it_was(live):
    k = live.kernel
    model = doomloop.load_model(Path(k.path).parent)
    defaults = live.defaults
    quiet = quiet_until(k, defaults, model.parameters, live.years)
    # growth acts from the start; late_rate from year 6; lever_effect only with the lever on
    assert quiet == {"growth_rate": -np.inf, "late_rate": 5.0, "lever_effect": np.inf}


def test_a_lever_move_resumes_the_band_with_the_numbers_of_a_whole_run(live):
    first = live.band({}, DRAWS, ["stock"])
    moved = live.band({"lever": 3.0}, DRAWS, ["stock"])
    assert moved.resumed_from == 5.0  # the lever acts from 5: the state at 5 is as it was
    np.testing.assert_array_equal(moved.values, whole(live, {"lever": 3.0}, DRAWS))
    assert not np.array_equal(moved.values, first.values)
    assert live.band({"lever": 3.0}, DRAWS, ["stock"]) is moved  # asked again: kept


def test_a_move_that_changes_the_past_resumes_earlier_or_runs_whole(live):
    live.band({"lever": 3.0}, DRAWS, ["stock"])
    early = {"lever": 3.0, "lever_start": 2.0}
    moved = live.band(early, DRAWS, ["stock"])
    assert moved.resumed_from == 2.0  # its central line differs from 2 on: checked
    np.testing.assert_array_equal(moved.values, whole(live, early, DRAWS))
    start = {**early, "lever_start": 0.0}
    at_start = live.band(start, DRAWS, ["stock"])
    assert at_start.resumed_from is None
    np.testing.assert_array_equal(at_start.values, whole(live, start, DRAWS))


def test_a_band_of_other_outputs_is_not_resumed_from(live):
    live.line({}, ["stock", "push"])  # the kept band's line has both outputs
    live.band({}, DRAWS, ["stock"])
    other = live.band({"lever": 3.0}, DRAWS, ["push"])
    assert other.resumed_from is None  # the kept values are of another output
    cols = {
        n: np.array([{**live.defaults, "lever": 3.0, **d}[n] for d in DRAWS]) for n in live.names
    }
    ref = live.kernel.run(cols, variables=["push"], times=live.years, output="arrays")
    np.testing.assert_array_equal(other.values[:, :, 0], ref.values["push"])
    again = live.band({"lever": 2.0}, DRAWS, ["push"])
    assert again.resumed_from == 5.0


def test_an_assumption_move_resumes_from_the_last_year_it_leaves_alone(live):
    live.band({}, DRAWS, ["stock"])
    late = [{**d, "late_rate": d["late_rate"] + 0.3} for d in DRAWS]  # sampled around 0.8
    moved = live.band({"late_rate": 0.8}, late, ["stock"])
    assert moved.resumed_from == 5.0
    np.testing.assert_array_equal(moved.values, whole(live, {"late_rate": 0.8}, late))
    grown = [{**d, "growth_rate": d["growth_rate"] + 0.01} for d in DRAWS]
    g = live.band({"growth_rate": 0.06}, grown, ["stock"])
    assert g.resumed_from is None  # acts from the first year
    np.testing.assert_array_equal(g.values, whole(live, {"growth_rate": 0.06}, grown))
    # an assumption that acts only with a lever: the central line decides (from 5)
    lever = {"lever": 2.0}
    live.band(lever, DRAWS, ["stock"])
    weak = [{**d, "lever_effect": 0.5} for d in DRAWS]
    w = live.band({**lever, "lever_effect": 0.5}, weak, ["stock"])
    assert w.resumed_from == 5.0
    np.testing.assert_array_equal(w.values, whole(live, {**lever, "lever_effect": 0.5}, weak))


def test_bands_on_a_kernel_pruned_to_their_outputs_equal_those_of_the_whole_kernel(live_model):
    """The server warms a kernel pruned to the page's first graphs while bands run: a band
    kept from the whole kernel resumes on it, one run whole after that on the pruned one."""
    live, model = live_model
    k = compile_model(model)
    k.warmup()
    quiet = quiet_until(k, live.defaults, model.parameters, live.years)
    own = LiveKernel(k, live.defaults, live.years, quiet, levers=["lever", "lever_start"])
    before = own.band({}, DRAWS, ["stock"])
    k.warmup(variables=["stock"])  # its states lack the counter
    grown = [{**d, "growth_rate": d["growth_rate"] + 0.01} for d in DRAWS]
    steps = [({"lever": 3.0}, DRAWS, 5.0), ({"growth_rate": 0.06}, grown, None)]
    steps.append(({"growth_rate": 0.06, "lever": 3.0}, grown, 5.0))
    for params, draws, resumed in steps:
        band = own.band(params, draws, ["stock"])
        assert band.resumed_from == resumed
        np.testing.assert_array_equal(band.values, whole(live, params, draws))
    assert before.states[0].stocks == ("stock", "counter")
    assert band.states[0].stocks == ("stock",)


def test_lines_equal_the_engine(live):
    model = doomloop.load_model(Path(live.kernel.path).parent)
    frame = model.run({"lever": 2.0}, variables=["stock"], save_every=1.0)
    line = live.line({"lever": 2.0}, ["stock"])
    np.testing.assert_allclose(line.series["stock"], frame["stock"].to_numpy(), rtol=1e-9)


def test_a_line_that_turns_infinite_is_refused_like_the_engine_refuses_it(live):
    from doomloop.errors import SimulationError
    from doomloop.web.service import Simulator
    from doomloop.web.settings import Settings

    sim = Simulator(Settings(model=str(Path(live.kernel.path).parent), background=False))
    try:
        sim._start_kernel()
        assert sim.live is not None
        assert sim.run({"lever": 1.0}, ["ratio"]).series["ratio"][0] == -1.0
        with pytest.raises(SimulationError, match="'ratio' became infinity at time 0"):
            sim.run({"lever": 2.0}, ["ratio"])
    finally:
        sim.close()


@pytest.mark.parametrize("params", [{}, {"growth_rate": 0.06}, {"lever": 2.0}])
def test_a_band_run_as_its_first_members_and_the_rest_is_the_band_run_whole(
    live_model: tuple[LiveKernel, Any], params: dict[str, float]
) -> None:
    """The server runs a band as two kept bands (its first members, then the rest), so a
    first band asked before is not run again: the bands equal those of one run of every
    member, after a first band was asked for and without."""
    from doomloop.web import Settings
    from doomloop.web.service import Simulator

    live, model = live_model
    bands = []
    for first in (0, 2):
        settings = Settings(
            model=str(model.path), background=False, use_kernel=False, first_members=first
        )
        sim = Simulator(settings, model=model)
        sim.live = live
        try:
            if first:
                small = sim.ensemble(params, ["stock"], 2, 4, of=5)
                assert small.members == 2 and small.engine == "kernel"
            bands.append(sim.ensemble(params, ["stock"], 5, 4))
        finally:
            sim.close()
    whole, split = bands
    assert whole.engine == split.engine == "kernel" and split.members == 5
    assert split.bands == whole.bands
