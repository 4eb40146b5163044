"""Live lines and bands on the kernel: a band resumes only when the move left the past alone."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import doomloop
from doomloop.kernel import compile_model
from doomloop.web.live import LiveKernel, resume_time

VARIABLES = """
<aux name="lever"><eqn>0</eqn></aux>
<aux name="lever start"><eqn>5</eqn></aux>
<aux name="growth rate"><eqn>0.05</eqn></aux>
<aux name="push"><eqn>STEP(lever, lever_start)</eqn></aux>
<flow name="growth"><eqn>stock * growth_rate + push</eqn></flow>
<stock name="stock"><eqn>10</eqn><inflow>growth</inflow></stock>
<aux name="ratio"><eqn>1 / (lever - 2)</eqn></aux>
"""
TABLE = """name,value,units,low,high,lower_bound,upper_bound,group,sector,distribution,source,note
lever,0,dmnl,0,0,0,10,policy,s,fixed,assumption: test,a policy acting from lever_start
lever_start,5,year,5,5,0,10,policy,s,fixed,assumption: test,when the policy starts
growth_rate,0.05,1/year,0.03,0.07,0,1,assumption,s,uniform,assumption: test,sampled
"""
SPECS = '<sim_specs method="Euler"><start>0</start><stop>10</stop><dt>0.25</dt></sim_specs>'


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> LiveKernel:
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
    return LiveKernel(k, defaults, years, resume_time(k, defaults, model.parameters, years))


DRAWS = [{"growth_rate": g} for g in (0.03, 0.04, 0.05, 0.06, 0.07)]


def test_resume_time_is_the_year_before_the_first_lever_bites(live):
    # the lever (at its bounds) first changes the run in year 5; moving only the start of a
    # lever that is off changes nothing, and a start at 0 would act from the first year
    assert live.resume_time == 4.0


def test_a_lever_move_resumes_the_band_with_the_numbers_of_a_whole_run(live):
    first = live.band({}, DRAWS, ["stock"], key="a")
    moved = live.band({"lever": 3.0}, DRAWS, ["stock"], key="a")
    fresh = live.band({"lever": 3.0}, DRAWS, ["stock"], key="fresh")
    assert not first.resumed and moved.resumed and not fresh.resumed
    np.testing.assert_array_equal(moved.values, fresh.values)
    assert not np.array_equal(moved.values, first.values)


def test_a_move_that_changes_the_past_runs_whole(live):
    live.band({"lever": 3.0}, DRAWS, ["stock"], key="b")
    early = live.band({"lever": 3.0, "lever_start": 2.0}, DRAWS, ["stock"], key="b")
    fresh = live.band({"lever": 3.0, "lever_start": 2.0}, DRAWS, ["stock"], key="fresh2")
    assert not early.resumed  # its central line differs before the resume time: checked
    np.testing.assert_array_equal(early.values, fresh.values)


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
