"""Policy search: the cheapest mix of levers that reaches a target in enough possible worlds.

A *target* is "output >= threshold at year *by* in at least *prob* of the ensemble members"
(e.g. specialised-model sovereignty achieved by 2035 in 80% of members). Candidates are
mixes of the profile's levers (:mod:`doomloop.profile`) within their bounds; each is
judged on the *same* ensemble of uncertain assumptions (common random numbers), so
differences between candidates are policy, not noise. The cost of a mix is an injectable
callable or a model variable; the default is the profile's total cost variable (the Japan
model prices each lever from its cost parameters), else yearly lever costs read from
parameters named ``<lever>_cost...``.
The search is SciPy's differential evolution with a penalty for missing the target or the
budget, each generation evaluated as one batch (so it spreads over any executor).

References
----------
Storn, R. and Price, K. (1997). Differential evolution - a simple and efficient heuristic
for global optimization over continuous spaces. Journal of Global Optimization 11, 341-359.
doi:10.1023/A:1008202821328

Kleijnen, J. P. C. (1975). Antithetic variates, common random numbers and optimal computer
time allocation in simulation. Management Science 21(10), 1176-1185.
doi:10.1287/mnsc.21.10.1176
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ..errors import ParameterError
from ..executors import Executor, ProgressCallback
from ..profile import profile_of
from .evaluate import Backend, evaluate
from .montecarlo import _base_overrides, uncertain_parameters
from .sampling import sample

CostFunction = Callable[[Mapping[str, float]], float]


def default_levers(model: Any) -> list[str]:
    """The parameters the profile's levers set (how much, not when), in table order."""
    controls = set(profile_of(model).control_parameters)
    return [name for name in model.parameters if name in controls]


def lever_bounds(model: Any, levers: Sequence[str]) -> list[tuple[float, float]]:
    """Search bounds of each lever: its finite possible range, else its plausible low..high."""
    out = []
    for k in levers:
        p = model.parameters[k]
        lo = p.lower_bound if math.isfinite(p.lower_bound) else p.low
        hi = p.upper_bound if math.isfinite(p.upper_bound) else p.high
        if not hi > lo:
            raise ParameterError(f"lever '{k}' has no range to search ({lo:g}..{hi:g})")
        out.append((lo, hi))
    return out


def cost_from_parameters(model: Any, levers: Sequence[str]) -> CostFunction:
    """The default cost: for each lever, its yearly unit cost times its change from default.

    The unit cost of lever ``L`` is the value of the first parameter whose name starts with
    ``L_cost`` (e.g. ``pay_reform_cost_per_unit``). A lever without one costs its change as
    a share of its plausible range (``|x - default| / (high - low)``), which keeps the
    search meaningful but is not money; pass your own *cost* to :func:`search` when that
    matters.
    """
    table = model.parameters
    unit: dict[str, float] = {}
    ref: dict[str, float] = {}
    for k in levers:
        p = table[k]
        ref[k] = p.value
        found = [n for n in table if n.startswith(f"{k}_cost")]
        if found:
            unit[k] = float(table[found[0]].value)
        else:
            unit[k] = 1.0 / (p.high - p.low) if p.high > p.low else 1.0

    def cost(values: Mapping[str, float]) -> float:
        return float(sum(unit[k] * abs(values[k] - ref[k]) for k in values if k in unit))

    cost.units = {k: unit[k] for k in levers}  # type: ignore[attr-defined]
    return cost


@dataclass
class SearchResult:
    """What :func:`search` found."""

    levers: dict[str, float]
    cost: float
    probability: float
    feasible: bool
    baseline_probability: float
    history: pd.DataFrame
    message: str


def search(
    model: Any,
    target: str,
    by: float,
    *,
    prob: float = 0.8,
    threshold: float | None = None,
    levers: Sequence[str] | None = None,
    bounds: Mapping[str, tuple[float, float]] | None = None,
    budget: float | None = None,
    cost: CostFunction | str | None = None,
    cost_year: float | None = None,
    n: int = 100,
    seed: int = 0,
    scenario: Any = None,
    maxiter: int = 15,
    popsize: int = 6,
    executor: Executor | None = None,
    backend: str | Backend = "auto",
    progress: ProgressCallback | None = None,
) -> SearchResult:
    """Find the cheapest lever mix with ``P(target >= threshold at by) >= prob``.

    Parameters
    ----------
    model
        A :class:`doomloop.Model` (or a FunctionModel).
    target, by, threshold, prob
        The goal: *target* at or above *threshold* in year *by* in a share *prob* of members.
    levers
        Parameters to move (default :func:`default_levers`: policy parameters that set how
        much, not when).
    bounds
        Override the search range of some levers (default :func:`lever_bounds`).
    budget
        Largest acceptable cost (default: none).
    cost
        ``cost({lever: value}) -> float``, or the name of a model variable whose ensemble
        mean at *cost_year* is the cost. Default: the profile's ``costs.total`` variable
        when the model has it (the model's own price of its levers), else
        :func:`cost_from_parameters`.
    cost_year
        When a cost variable is read (default *by*: the cost of reaching the target).
    n, seed
        The common ensemble of uncertain assumptions.
    scenario
        Fixed overrides (other levers, assumptions).
    maxiter, popsize
        Differential evolution settings; runs ~ ``n * popsize * len(levers) * (maxiter+1)``.
    executor, backend, progress
        See :func:`~doomloop.analysis.evaluate.evaluate`; progress counts generations.

    Returns
    -------
    SearchResult
        The best feasible mix found (or the best infeasible one, ``feasible=False``), its
        cost, the probability it reaches, and every candidate tried in ``history``.
    """
    from scipy.optimize import differential_evolution

    if not 0 < prob <= 1:
        raise ValueError(f"prob={prob} must be in (0, 1]")
    goal = _goal(model, target, by, threshold, levers, bounds, cost, cost_year, n, seed, scenario)
    history: list[dict[str, float]] = []

    def judge(cands: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return _judge(model, goal, cands, executor, backend)

    lever_names, bnds = goal.levers, goal.bounds
    start = np.array([[goal.base.get(k, model.parameters[k].value) for k in lever_names]])
    top = np.array([[hi for _lo, hi in bnds]])
    (p0, top_p), (c0, top_c) = judge(np.vstack([start, top]))
    scale = 1.0 + abs(float(top_c)) if np.isfinite(top_c) else 1.0

    def record(c: np.ndarray, p: float, cst: float) -> None:
        values = dict(zip(lever_names, (float(x) for x in c), strict=True))
        ok = p >= prob and (budget is None or cst <= budget)
        history.append({**values, "cost": cst, "probability": p, "feasible": float(ok)})

    record(start[0], float(p0), float(c0))
    record(top[0], float(top_p), float(top_c))
    p0 = float(p0)
    gen = [0]

    def objective(x: np.ndarray) -> np.ndarray:
        cands = np.atleast_2d(x.T) if x.ndim == 2 else x[None, :]
        ps, costs = judge(cands)
        out = np.empty(len(ps))
        for i, (c, p, cst) in enumerate(zip(cands, ps, costs, strict=True)):
            record(c, float(p), float(cst))
            pen = max(0.0, prob - p) * 10 * scale
            if budget is not None:
                pen += max(0.0, cst - budget) * 10
            out[i] = cst + pen
        gen[0] += 1
        if progress is not None:
            progress(gen[0], maxiter + 1)
        return out

    if p0 >= prob:
        message = "the levers' current values already reach the target"
    else:
        res = differential_evolution(
            objective,
            bnds,
            seed=seed,
            maxiter=maxiter,
            popsize=popsize,
            polish=False,
            vectorized=True,
            updating="deferred",
            init="latinhypercube",
            tol=1e-6,
        )
        message = str(res.message)
    return _result(pd.DataFrame(history), lever_names, p0, message)


@dataclass
class _Goal:
    """What one search judges every candidate against (the same draws for all)."""

    levers: list[str]
    bounds: list[tuple[float, float]]
    base: dict[str, float]
    threshold: float
    cost_var: str | None
    cost_fn: CostFunction | None
    draws: np.ndarray
    names: list[str]
    lever_base: dict[str, float]
    variables: list[str]
    times: list[float]
    i_by: int
    i_cost: int
    n: int


def _goal(
    model: Any,
    target: str,
    by: float,
    threshold: float | None,
    levers: Sequence[str] | None,
    bounds: Mapping[str, tuple[float, float]] | None,
    cost: CostFunction | str | None,
    cost_year: float | None,
    n: int,
    seed: int,
    scenario: Any,
) -> _Goal:
    """The levers and their ranges, the threshold, the cost and the common ensemble."""
    lever_names = list(levers) if levers is not None else default_levers(model)
    if not lever_names:
        raise ParameterError(f"model '{model.name}' has no policy levers to search")
    base = _base_overrides(model, scenario, None)
    bnds = lever_bounds(model, lever_names)
    if bounds:
        bnds = [tuple(bounds.get(k, b)) for k, b in zip(lever_names, bnds, strict=True)]  # type: ignore[misc]
    profile = profile_of(model)
    if threshold is None:
        threshold = profile.threshold
        if math.isnan(threshold):
            raise ParameterError(
                f"model '{model.name}' declares no verdict threshold (no profile); pass threshold="
            )
    total = profile.costs.total
    if cost is None and total and total in set(model.variable_names):
        cost = total
    cost_var = cost if isinstance(cost, str) else None
    cost_fn: CostFunction | None = None
    if cost_var is None:
        cost_fn = cost or cost_from_parameters(model, lever_names)  # type: ignore[assignment]
    t_cost = float(by if cost_year is None else cost_year)
    plist = uncertain_parameters(model, exclude=[*lever_names, *base], include_policy=False)
    times = sorted({float(by), t_cost})
    return _Goal(
        levers=lever_names,
        bounds=bnds,
        base=base,
        threshold=threshold,
        cost_var=cost_var,
        cost_fn=cost_fn,
        draws=sample(plist, n, seed),
        names=[p.name for p in plist] + lever_names,
        lever_base={k: v for k, v in base.items() if k not in lever_names},
        variables=[target] + ([cost_var] if cost_var else []),
        times=times,
        i_by=times.index(float(by)),
        i_cost=times.index(t_cost),
        n=n,
    )


def _judge(
    model: Any, goal: _Goal, cands: np.ndarray, executor: Executor | None, backend: str | Backend
) -> tuple[np.ndarray, np.ndarray]:
    """P(target reached) and cost of each candidate row of *cands* (k, n_levers)."""
    k, n = cands.shape[0], goal.n
    mat = np.hstack([np.tile(goal.draws, (k, 1)), np.repeat(cands, n, axis=0)])
    runs = evaluate(
        model,
        mat,
        goal.names,
        goal.variables,
        goal.times,
        base=goal.lever_base,
        executor=executor,
        backend=backend,
    )
    vals, ok = runs.values, runs.ok
    hit = (vals[:, 0, goal.i_by] >= goal.threshold) & ok
    p = hit.reshape(k, n).mean(axis=1)
    if goal.cost_var is not None:
        c = np.where(ok, vals[:, 1, goal.i_cost], np.nan).reshape(k, n)
        costs = np.array([np.nanmean(r) if np.isfinite(r).any() else np.inf for r in c])
    else:
        assert goal.cost_fn is not None
        cost_fn = goal.cost_fn
        costs = np.array(
            [cost_fn(dict(zip(goal.levers, map(float, r), strict=True))) for r in cands]
        )
    return p, costs


def _result(hist: pd.DataFrame, lever_names: list[str], p0: float, message: str) -> SearchResult:
    """The cheapest feasible candidate (or the most likely one when none is feasible)."""
    feasible = hist[hist["feasible"] > 0]
    if len(feasible):
        best = feasible.sort_values(["cost", "probability"], ascending=[True, False]).iloc[0]
        ok = True
    else:
        best = hist.sort_values(["probability", "cost"], ascending=[False, True]).iloc[0]
        ok = False
        message += "; no candidate reached the target within the budget"
    return SearchResult(
        levers={k: float(best[k]) for k in lever_names},
        cost=float(best["cost"]),
        probability=float(best["probability"]),
        feasible=ok,
        baseline_probability=p0,
        history=hist,
        message=message,
    )
