"""Every kernel member equals a pysimlin run of the same parameters (rtol 1e-9)."""

from __future__ import annotations

import numpy as np
import pytest

import doomloop
from doomloop.errors import DoomloopError
from doomloop.kernel import compile_model
from doomloop.kernel.exactness import compare_with_engine, draw_parameters

from .conftest import BUILTINS, JAPAN, LOGISTIC


def _check(path, n=3, seed=0, table=None, **kw):
    k = compile_model(path)
    params = draw_parameters(k, n, np.random.default_rng(seed), table=table)
    assert params, "no constants to vary: the test could not fail"
    bad = compare_with_engine(path, params, n, kernel=k, backend="numpy", **kw)
    assert not bad, "\n".join(str(b) for b in bad[:5])


@pytest.mark.parametrize("method", ["euler", "rk4"])
def test_logistic_fixture(method):
    table = doomloop.load_model(LOGISTIC).parameters
    _check(LOGISTIC, n=4, table=table, method=method)


@pytest.mark.parametrize("method", ["euler", "rk4"])
def test_builtins_fixture(method):
    # STEP, RAMP, PULSE, SMTH1/3, DELAY1/3, TREND, INIT, math, logic, gfs, 1-D arrays
    _check(BUILTINS, n=3, seed=1, method=method)


def test_builtins_fixture_other_dt():
    _check(BUILTINS, n=2, seed=2, method="rk4", dt=0.125)


@pytest.mark.slow
@pytest.mark.parametrize("method", ["euler", "rk4"])
def test_builtins_fixture_numba_backend(method):
    k = compile_model(BUILTINS)
    params = draw_parameters(k, 3, np.random.default_rng(4))
    a = k.run(params, n_members=3, method=method, output="arrays", backend="numpy")
    b = k.run(params, n_members=3, method=method, output="arrays", backend="numba")
    for name, v in a.values.items():
        # same rtol as against pysimlin: libm and NumPy's exp/log may differ in the last bit,
        # which differences of nearly equal numbers amplify
        np.testing.assert_allclose(b.values[name], v, rtol=1e-9, atol=1e-15, err_msg=name)


def test_shared_test_models(test_models):
    checked = 0
    for path in sorted(test_models.rglob("*.xmile")):
        try:
            k = compile_model(path)
        except DoomloopError:
            continue  # not covered; listed in CONFORMANCE.md
        try:  # the engine sets only its parameter table's constants (auxes, not flows)
            model = doomloop.load_model(path, strict=False)
        except DoomloopError:
            continue
        have = set(model.variable_names)  # not INITIAL TIME & co, which the engine hides
        names = [n for n in model.parameters if n in have and n in k.constants]
        if not names:
            continue
        params = draw_parameters(
            k, 2, np.random.default_rng(3), table=model.parameters, names=names
        )
        if not params:
            continue
        try:
            shown = [n for n in k.variable_names if n in have]
            bad = compare_with_engine(path, params, 2, kernel=k, backend="numpy", variables=shown)
        except Exception as exc:  # the engine cannot run this file (e.g. XIDZ, 1-arg MIN)
            if "simlin" in type(exc).__module__:
                continue
            raise
        assert not bad, f"{path}: " + "\n".join(str(b) for b in bad[:3])
        checked += 1
    assert checked >= 20


def _japan():
    if not JAPAN.exists():
        pytest.skip("the Japan model has not landed on this branch yet")
    model = doomloop.load_model(JAPAN)
    return model, compile_model(model)


@pytest.mark.slow
@pytest.mark.parametrize(("method", "n"), [("euler", 3), ("rk4", 2)])
def test_japan_model(method, n):
    model, k = _japan()
    params = draw_parameters(k, n, np.random.default_rng(11), table=model.parameters)
    assert len(params) > 100
    bad = compare_with_engine(JAPAN, params, n, kernel=k, method=method, backend="numpy")
    assert not bad, "\n".join(str(b) for b in bad[:5])


@pytest.mark.slow
def test_japan_model_numba_equals_numpy():
    model, k = _japan()
    params = draw_parameters(k, 3, np.random.default_rng(12), table=model.parameters)
    a = k.run(params, n_members=3, output="arrays", backend="numpy")
    b = k.run(params, n_members=3, output="arrays", backend="numba")
    for name, v in a.values.items():
        # same rtol as against pysimlin: libm and NumPy's exp/log may differ in the last bit,
        # which differences of nearly equal numbers amplify
        # atol 1e-13: a difference of two O(1) numbers near 0 (frontier_spending_headroom =
        # 1 - share / max, the share a product of 10^35-scale terms) keeps ~1e-14 of absolute
        # noise between libm and NumPy (seen: 1.6e-14)
        np.testing.assert_allclose(b.values[name], v, rtol=1e-9, atol=1e-13, err_msg=name)
