"""The runner seam: Model.run, the engine runner and the kernel runner give the same runs."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import doomloop
from doomloop.engine import EngineRunner
from doomloop.kernel.kernel import NONFINITE, OK, OUT_OF_BOUNDS
from doomloop.runner import Runs, Status

LOGISTIC = Path(__file__).parent / "fixtures" / "logistic"


def test_one_status_type_for_engine_kernel_and_files() -> None:
    assert (OK, NONFINITE, OUT_OF_BOUNDS) == (Status.OK, Status.NONFINITE, Status.OUT_OF_BOUNDS)
    runs = Runs.empty(3, ["x"], np.arange(2.0), Status.OK)
    runs.fail(1, Status.OUT_OF_BOUNDS, "x out of its range")
    assert list(runs.labels) == ["ok", "out_of_bounds", "ok"]
    assert runs.ok.tolist() == [True, False, True] and np.isnan(runs.values[1]).all()


def test_model_run_is_the_one_member_case_of_the_engine_runner() -> None:
    m = doomloop.load_model(LOGISTIC)
    years = np.arange(0.0, 41.0, 10.0)
    rows = np.array([[0.3, 1000.0], [0.45, 1500.0], [-1.0, 1000.0]])
    names = ["growth_rate", "carrying_capacity"]
    runs = EngineRunner(m).run(rows, names, ["population"], years, {})
    assert list(runs.status) == [Status.OK, Status.OK, Status.OUT_OF_BOUNDS]
    assert "growth_rate" in runs.errors[2] and "possible range" in runs.errors[2]
    for i in range(2):
        frame = m.run(dict(zip(names, rows[i], strict=True)), variables=["population"])
        np.testing.assert_array_equal(runs.values[i, 0], frame.loc[years, "population"])
    with pytest.raises(doomloop.SimulationError, match="time 99 is not simulated"):
        EngineRunner(m).run(rows[:1], names, ["population"], np.array([99.0]), {})
