"""The SALib ProblemSpec: SALib's own chain gives doomloop's indices from the same samples."""

from __future__ import annotations

import numpy as np
import pytest
from SALib.sample import sobol as sobol_sample

from doomloop.analysis.salib import problem_spec
from doomloop.analysis.sampling import distribution
from doomloop.analysis.sensitivity import sobol
from doomloop.errors import ParameterError, UnknownParameterError


def _closed_form(r: np.ndarray, k: np.ndarray, p0: float, t: float) -> np.ndarray:
    return k / (1 + (k / p0 - 1) * np.exp(-r * t))


def test_evaluate_runs_the_model_at_the_samples_values(logistic) -> None:
    sp = problem_spec(logistic, outputs=["population"], year=20, backend="engine")
    x = np.array([[0.1, 0.5], [0.5, 0.5], [0.9, 0.2]])
    vals = sp.doomloop_values(x)
    for j, name in enumerate(sp["names"]):
        assert vals[:, j] == pytest.approx(distribution(logistic.parameters[name]).ppf(x[:, j]))
    y = sp.doomloop_evaluate(x)
    col = {name: vals[:, j] for j, name in enumerate(sp["names"])}
    r, k = col["growth_rate"], col["carrying_capacity"]
    # Euler at the model's dt against the closed form of the logistic: within 2%
    assert y == pytest.approx(_closed_form(r, k, 10.0, 20.0), rel=0.02)


def test_salib_chain_equals_doomloop_sobol(logistic) -> None:
    n = 64
    sp = problem_spec(logistic, outputs=["population"], year=20, backend="engine")
    sp.set_samples(sobol_sample.sample(sp, n, calc_second_order=False, seed=3))
    sp.evaluate(sp.doomloop_evaluate).analyze_sobol(calc_second_order=False, seed=3)
    ours = sobol(logistic, "population", 20, n=n, seed=3, params=sp["names"], backend="engine")
    st = sp.analysis["ST"] if "ST" in sp.analysis else sp.analysis["population"]["ST"]
    got = dict(zip(sp["names"], st, strict=True))
    for name, row in ours.iterrows():
        assert got[name] == pytest.approx(row["ST"], rel=1e-9, abs=1e-12), name


def test_unknown_output_and_no_uncertainty_are_refused(logistic) -> None:
    with pytest.raises(UnknownParameterError, match="population"):
        problem_spec(logistic, outputs=["populaton"])
    with pytest.raises(ParameterError, match="no uncertain parameter"):
        problem_spec(logistic, outputs=["population"], names=[])
