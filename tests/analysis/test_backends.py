"""The backend seam: a vectorized kernel plugs into evaluate() without analyses knowing."""

from __future__ import annotations

import importlib
from dataclasses import dataclass

import numpy as np
import pytest

from doomloop.analysis.evaluate import EngineBackend, KernelBackend, evaluate, resolve_backend
from doomloop.runner import Status


@dataclass
class _Result:  # the shape of doomloop.kernel.KernelResult
    times: np.ndarray
    values: dict
    status: np.ndarray
    nonfinite_time: np.ndarray


class _ClosedFormKernel:
    """Stands in for doomloop.kernel: the logistic closed form, all members at once."""

    def __init__(self):
        self.calls = 0

    def run(self, params, n_members=None, variables=None, times=None, output="dataset", threads=1):
        self.calls += 1
        r = np.asarray(params.get("growth_rate", 0.3))[:, None]
        k = np.asarray(params.get("carrying_capacity", 1000.0))[:, None]
        t = np.asarray(times)[None, :]
        pop = k / (1 + (k / 10.0 - 1) * np.exp(-r * t))
        n = pop.shape[0]
        status = np.zeros(n, dtype=int)
        status[r[:, 0] > 4] = 1  # pretend these blew up
        return _Result(np.asarray(times), {"population": pop}, status, np.full(n, np.nan))


def test_kernel_backend_is_used_through_evaluate(logistic):
    kern = _ClosedFormKernel()
    m = np.array([[0.3, 1000.0], [0.4, 1500.0], [4.5, 1000.0], [-1.0, 1000.0]])
    names = ["growth_rate", "carrying_capacity"]
    runs = evaluate(logistic, m, names, ["population"], [0, 10, 40], backend=KernelBackend(kern))
    assert kern.calls == 1  # one call for the whole chunk
    assert list(runs.status) == [Status.OK, Status.OK, Status.NONFINITE, Status.OUT_OF_BOUNDS]
    engine = evaluate(logistic, m[:2], names, ["population"], [0, 10, 40], backend="engine")
    np.testing.assert_allclose(runs.values[:2], engine.values, rtol=0.05)  # Euler vs closed


def test_auto_falls_back_to_the_engine_when_the_kernel_does_not_cover_it(logistic, monkeypatch):
    ev = importlib.import_module("doomloop.analysis.evaluate")  # the module, not the function
    assert isinstance(resolve_backend(logistic, "auto"), KernelBackend)
    monkeypatch.setattr(ev, "kernel_for", lambda model: None)  # as for an uncovered model
    assert isinstance(resolve_backend(logistic, "auto"), EngineBackend)
    with pytest.raises(Exception, match="not covered by the vectorized kernel"):
        resolve_backend(logistic, "kernel")


def test_real_kernel_matches_the_engine_and_records_failures(logistic):
    from doomloop.analysis.evaluate import kernel_for

    if kernel_for(logistic) is None:
        pytest.skip("the kernel does not cover the logistic fixture")
    m = np.array([[0.3, 1000.0], [0.45, 1500.0], [-1.0, 1000.0]])
    names = ["growth_rate", "carrying_capacity"]
    k = evaluate(logistic, m, names, ["population"], backend="kernel")
    e = evaluate(logistic, m, names, ["population"], backend="engine")
    assert list(k.status) == list(e.status) == [Status.OK, Status.OK, Status.OUT_OF_BOUNDS]
    assert k.errors == e.errors  # the same words from both runners
    np.testing.assert_allclose(k.values[:2], e.values[:2], rtol=1e-9)
    assert kernel_for(logistic) is kernel_for(logistic)  # compiled once per process
