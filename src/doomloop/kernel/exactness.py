"""Check that every kernel member equals an engine (pysimlin) run of the same parameters.

:func:`draw_parameters` draws random values for a model's constants (uniform between the
parameter table's ``low`` and ``high``, or +-20% around a fixed value), and
:func:`compare_with_engine` runs them as one kernel ensemble and, member by member, through
``doomloop.load_model(path).run(params, save_every=None)`` with the same method and dt,
returning every disagreement beyond ``rtol``. Files the engine seam refuses (the test
collection's undeclared ``isee:`` prefixes, models without ``parameters.csv``) are run with
:func:`simlin.load` directly.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ModelFileError
from .kernel import Kernel, compile_model


@dataclass
class Mismatch:
    """One member whose kernel values differ from the engine's."""

    member: int
    variable: str
    time: float
    kernel: float
    engine: float
    params: dict[str, float]

    def __str__(self) -> str:
        return (
            f"member {self.member}: '{self.variable}' at time {self.time:g}: kernel "
            f"{self.kernel!r}, engine {self.engine!r} (params {self.params})"
        )


def draw_parameters(
    kernel: Kernel,
    n: int,
    rng: np.random.Generator,
    table: Mapping[str, Any] | None = None,
    spread: float = 0.2,
    names: Sequence[str] | None = None,
) -> dict[str, np.ndarray]:
    """Random per-member values for the model's scalar constants.

    With a *table* (a :class:`~doomloop.parameters.ParameterTable`), only its parameters are
    drawn: uniformly in ``[low, high]`` clipped to the bounds (or within ``value * (1 +-
    spread)`` when fixed). Without one, every scalar constant is drawn within
    ``value * (1 +- spread)``. Zero-valued constants stay zero.
    """
    from .ir import Num

    out: dict[str, np.ndarray] = {}
    for name in names or kernel.constants:
        v = kernel.ir.variables[name]
        if v.dims or not isinstance(v.eqn, Num) or v.kind != "aux":
            continue  # the engine's own table holds scalar auxiliaries only
        value = v.eqn.value
        p = table.get(name) if table is not None else None
        if table is not None and p is None:
            continue  # the engine only takes parameters of its table
        if p is not None and p.high > p.low:
            lo, hi = p.low, p.high
        else:
            lo, hi = sorted((value * (1 - spread), value * (1 + spread)))
        if lo == hi:
            continue
        x = rng.uniform(lo, hi, n)
        if p is not None:
            x = np.clip(x, p.lower_bound, p.upper_bound)
        out[name] = x
    return out


def engine_run(
    path: str | Path,
    params: Mapping[str, float],
    variables: Sequence[str],
    method: str | None = None,
    dt: float | None = None,
) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """One engine run keeping every step: times and the named series."""
    import doomloop

    try:
        model = doomloop.load_model(path, strict=False)
    except (ModelFileError, AttributeError):
        # the seam refuses undeclared XML prefixes; without parameters.csv it may fail to
        # list constants (engine.py reads Aux.gf, which pysimlin 0.8.5 does not have)
        return _simlin_run(Path(path), params, variables, method, dt)
    df = model.run(
        params=dict(params), variables=list(variables), save_every=None, method=method, dt=dt
    )
    return df.index.to_numpy(), {c: df[c].to_numpy() for c in variables}


def _simlin_run(
    path: Path,
    params: Mapping[str, float],
    variables: Sequence[str],
    method: str | None,
    dt: float | None,
) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    import simlin

    sm = simlin.load(path)
    if method is not None or dt is not None:
        ts = sm.time_spec
        project = sm.project
        assert project is not None
        step = float(ts.dt) if dt is None else dt
        project.set_sim_specs(
            start=float(ts.start),
            stop=float(ts.stop),
            dt=step,
            save_step=step,
            sim_method=method or "euler",
        )
        sm = project.get_model()
    sim = sm.simulate(enable_ltm=False)
    for k, v in params.items():
        sim.set_value(k, float(v))
    sim.run_to_end()
    t = np.asarray(sim.get_series("time"), dtype=float)
    return t, {n: np.asarray(sim.get_series(n), dtype=float) for n in variables}


def compare_with_engine(
    model: str | Path,
    params: Mapping[str, np.ndarray],
    n_members: int,
    *,
    rtol: float = 1e-9,
    atol: float = 1e-12,
    method: str | None = None,
    dt: float | None = None,
    variables: Sequence[str] | None = None,
    kernel: Kernel | None = None,
    backend: str = "auto",
) -> list[Mismatch]:
    """Run *params* as one ensemble and member by member in the engine; list disagreements.

    Values agree when ``|k - e| <= atol + rtol * max(|k|, |e|)`` at every step.
    """
    k = kernel or compile_model(model)
    # the engine seam hides these names (its clock), even where a model defines them
    hidden = {"time", "dt", "initial_time", "final_time"}
    names = [n for n in (variables or k.variable_names) if n not in hidden]
    res = k.run(
        params,
        n_members=n_members,
        variables=names,
        method=method,
        dt=dt,
        times=_all_steps(k, dt),
        output="arrays",
        backend=backend,
    )
    out: list[Mismatch] = []
    for m in range(n_members):
        pm = {n: float(np.asarray(v)[m] if np.ndim(v) else v) for n, v in params.items()}
        t, series = engine_run(k.path, pm, names, method=method or k.ir.method, dt=dt)
        for n in names:
            got = res.values[n][m]
            want = series[n]
            if got.shape != want.shape:
                out.append(Mismatch(m, n, float("nan"), float(len(got)), float(len(want)), pm))
                continue
            bad = np.abs(got - want) > atol + rtol * np.maximum(np.abs(got), np.abs(want))
            bad &= ~(np.isnan(got) & np.isnan(want))
            if bad.any():
                i = int(np.argmax(bad))
                out.append(Mismatch(m, n, float(t[i]), float(got[i]), float(want[i]), pm))
    return out


def _all_steps(k: Kernel, dt: float | None) -> np.ndarray:
    step = k.ir.dt if dt is None else dt
    n = int(round((k.ir.stop - k.ir.start) / step))
    return k.ir.start + np.arange(n + 1) * step
