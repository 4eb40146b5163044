"""Extreme-condition tests: every lever and assumption at its bounds, alone and together.

Each policy lever and assumption (parameter-table rows with group ``policy`` or
``assumption``) is set to its ``lower_bound`` and its ``upper_bound``, one at a time, then all
of them at once (all lower, all upper). Every run must end without NaN or infinity (the engine
seam raises :class:`~doomloop.errors.SimulationError` naming the variable and time), keep every
stock non-negative unless the checks file lists it under ``may_be_negative``, and keep the
accounting identities of :mod:`doomloop.check.integration`'s sibling, conservation, exact.

Infinite bounds (models without a parameters.csv have no declared range) are clipped to a
documented, finite stand-in: a lower bound of -inf becomes 0 for a non-negative value (the
canonical "switch it off" extreme) and ``10 * value`` for a negative one; an upper bound of
+inf becomes ``10 * value`` for a positive value, 0 for a negative one and 1 for zero
(:data:`EXTREME_FACTOR`). A bound equal to the default value is not run again.

References
----------
Sterman, J. D. (2000). *Business Dynamics*, ch. 21.4.5, "Extreme Conditions Tests".
Forrester, J. W. and Senge, P. M. (1980). Tests for building confidence in system dynamics
models. *TIMS Studies in the Management Sciences* 14, 209-228.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from ..errors import DoomloopError
from ._common import CONTROL_NAMES, RunBudget, canonical, stocks
from .checksfile import ChecksFile, Conservation
from .results import Section, Table

if TYPE_CHECKING:
    import pandas as pd

    from ..engine import Model
    from ..parameters import Parameter

#: Multiple of the default value that stands in for an infinite bound.
EXTREME_FACTOR = 10.0
#: The people-accounting identity of doomloop's own models (aging chain): the change in total
#: population equals births - deaths + net migration at every step. The first variant whose
#: variables the model has is used: the Japan model's migration that actually happens (after
#: emigration is limited by the people there) is ``net_migration_realised``.
DEFAULT_CONSERVATION = (
    Conservation(
        "people through the aging chain",
        "population_total",
        ("births", "net_migration_realised"),
        ("deaths",),
    ),
    Conservation(
        "people through the aging chain",
        "population_total",
        ("births", "net_migration"),
        ("deaths",),
    ),
)
#: Units that say a stock has no physical size (a ratio, an index, a logarithm): such stocks
#: may be negative unless the checks file lists them under ``nonnegative``.
DIMENSIONLESS = frozenset({"", "1", "dmnl", "dimensionless", "fraction", "index", "ratio"})
#: Above this many variables, extreme runs return only stocks, key outputs and identity
#: variables (the engine still computes all; this only limits what is copied out).
FULL_COPY_LIMIT = 400
#: Relative tolerance (of the stock's largest magnitude) for negativity and conservation.
STOCK_TOL = 1e-9
CONSERVATION_TOL = 1e-9


def nonnegative_stocks(model: Model, checks: ChecksFile) -> tuple[list[str], list[str]]:
    """(stocks that must stay >= 0, stocks exempt): physical units by default.

    A stock whose units name a physical quantity (people, companies, USD, litres, ...) must
    not go negative; a dimensionless, ratio or logarithmic stock may. The checks file can
    add stocks (``nonnegative = [...]`` or ``"all"``) and exempt them (``may_be_negative``).
    """
    must: list[str] = []
    free: list[str] = []
    for name, units in stocks(model).items():
        u = units.strip().lower()
        physical = u not in DIMENSIONLESS and "log" not in u
        base = name.split("[", 1)[0]
        if checks.nonnegative == "all" or base in checks.nonnegative or name in checks.nonnegative:
            physical = True
        if base in checks.may_be_negative or name in checks.may_be_negative:
            physical = False
        (must if physical else free).append(name)
    return must, free


def extreme_values(p: Parameter) -> tuple[float, float, list[str]]:
    """The (low, high) values an extreme test uses for *p*, and notes on any clipping."""
    notes: list[str] = []
    lo, hi, v = p.lower_bound, p.upper_bound, p.value
    if not math.isfinite(lo):
        lo = 0.0 if v >= 0 else EXTREME_FACTOR * v
        notes.append(f"lower bound -inf clipped to {lo:g}")
    if not math.isfinite(hi):
        hi = EXTREME_FACTOR * v if v > 0 else (0.0 if v < 0 else 1.0)
        notes.append(f"upper bound +inf clipped to {hi:g}")
    return lo, hi, notes


def levers(model: Model) -> list[Parameter]:
    """Policy levers first, then assumptions (Vensim control constants left out)."""
    params = [
        p
        for p in model.parameters.values()
        if p.group in ("policy", "assumption") and canonical(p.name) not in CONTROL_NAMES
    ]
    return sorted(params, key=lambda p: 0 if p.group == "policy" else 1)


@dataclass(frozen=True)
class ExtremeRun:
    """One extreme-condition run: its label and parameter overrides."""

    label: str
    params: dict[str, float]


def plan_runs(model: Model) -> tuple[list[ExtremeRun], list[str]]:
    """The extreme runs in priority order (all together first), and clipping notes."""
    together_lo: dict[str, float] = {}
    together_hi: dict[str, float] = {}
    single: list[ExtremeRun] = []
    notes: list[str] = []
    for p in levers(model):
        lo, hi, clip = extreme_values(p)
        notes.extend(f"{p.name}: {c}" for c in clip)
        together_lo[p.name] = lo
        together_hi[p.name] = hi
        for which, x in (("lower", lo), ("upper", hi)):
            if x != p.value:
                single.append(ExtremeRun(f"{p.name} = {x:g} ({which} bound)", {p.name: x}))
    runs: list[ExtremeRun] = []
    if together_lo:
        runs.append(ExtremeRun("all levers and assumptions at lower bounds", together_lo))
        runs.append(ExtremeRun("all levers and assumptions at upper bounds", together_hi))
    return runs + single, notes


def negative_stocks(frame: pd.DataFrame, names: Iterable[str]) -> list[tuple[str, float, float]]:
    """(stock, most negative value, first time below zero) for stocks that went negative."""
    out = []
    for n in names:
        if n not in frame.columns:
            continue
        x = frame[n].to_numpy(dtype=float)
        tol = STOCK_TOL * max(1.0, float(np.max(np.abs(x))))
        bad = np.nonzero(x < -tol)[0]
        if bad.size:
            out.append((n, float(x.min()), float(frame.index[bad[0]])))
    return out


def conservation_residual(
    frame: pd.DataFrame, rule: Conservation, dt: float
) -> tuple[float, float, float]:
    """Largest |change in stock - dt * net flow| over Euler steps: (residual, time, scale)."""
    s = frame[rule.stock].to_numpy(dtype=float)
    net = np.zeros_like(s)
    for f in rule.inflows:
        net += frame[f].to_numpy(dtype=float)
    for f in rule.outflows:
        net -= frame[f].to_numpy(dtype=float)
    if s.size < 2:
        return 0.0, float(frame.index[0]), 1.0
    resid = np.abs(np.diff(s) - dt * net[:-1])
    i = int(np.argmax(resid))
    return float(resid[i]), float(frame.index[i + 1]), max(1.0, float(np.max(np.abs(s))))


def conservation_rules(model: Model, checks: ChecksFile) -> tuple[list[Conservation], str]:
    """The identities to test, and a note on where they came from (or why none apply)."""
    if checks.conservation is not None:
        return list(checks.conservation), "declared in the checks file"
    have = set(model.variable_names)
    rules = []
    missing: list[str] = []
    for rule in DEFAULT_CONSERVATION:
        need = (rule.stock, *rule.inflows, *rule.outflows)
        lack = [n for n in need if n not in have]
        if lack:
            missing.extend(lack)
        else:
            rules.append(rule)
            break
    if rules:
        r = rules[0]
        return rules, (
            f"doomloop's people identity: change in {r.stock} = dt x ("
            f"{' + '.join(r.inflows)} - {' - '.join(r.outflows)})"
        )
    return [], (
        "not applicable: the model has no "
        + ", ".join(sorted(set(missing)))
        + "; declare identities with [[conservation]] in a checks file"
    )


def check_extremes(
    model: Model,
    checks: ChecksFile,
    budget: RunBudget,
    base: pd.DataFrame | None = None,
    base_error: DoomloopError | None = None,
) -> Section:
    """Run the extreme-condition tests within *budget*; see the module docstring.

    Returns
    -------
    Section
        Key ``"extremes"``, with one row per run in its table.
    """
    sec = Section(
        "extremes",
        "Extreme conditions",
        "Each policy lever and assumption at its lower and upper bound, one at a time, then "
        "all at once; every run at full resolution (every dt). Predicates: no NaN or infinity, "
        "no negative stocks (those with physical units, plus any declared nonnegative, less "
        "any declared may_be_negative), conservation identities exact "
        f"(relative {CONSERVATION_TOL:g}) when the model integrates with Euler. Infinite "
        f"bounds clipped: -inf to 0 (or {EXTREME_FACTOR:g} x a negative value), +inf to "
        f"{EXTREME_FACTOR:g} x the value (0 for a negative value, 1 for zero).",
    )
    stock_units = stocks(model)
    checked_stocks, free_stocks = nonnegative_stocks(model, checks)
    rules, _ = conservation_rules(model, checks)
    variables: list[str] | None = None
    if len(model.variable_names) > FULL_COPY_LIMIT:
        keep = set(stock_units) | set(model.outputs)
        for rule in rules:
            keep.update((rule.stock, *rule.inflows, *rule.outflows))
        variables = [v for v in model.variable_names if v in keep]
        sec.notes.append(
            f"NaN/infinity watched in {len(variables)} stocks, key outputs and identity "
            f"variables of {len(model.variable_names)} (all of them in the baseline run)"
        )
    euler = model.method == "euler"
    dt = model.time_spec.dt
    runs, notes = plan_runs(model)
    sec.notes.extend(notes[:50])
    if len(notes) > 50:
        sec.notes.append(f"... and {len(notes) - 50} more clipped bounds")
    if not stock_units:
        sec.notes.append("the model has no stocks; the non-negativity test has nothing to check")
    if free_stocks:
        sec.notes.append(
            "stocks allowed below zero (dimensionless or log units, or may_be_negative): "
            + ", ".join(free_stocks[:30])
            + (f" and {len(free_stocks) - 30} more" if len(free_stocks) > 30 else "")
        )
    table = Table("Runs", ["run", "result", "detail"])
    sec.tables.append(table)
    failures = 0
    done = 0

    def judge(label: str, frame: pd.DataFrame | None, error: DoomloopError | None) -> None:
        nonlocal failures, done
        done += 1
        if error is not None or frame is None:
            failures += 1
            sec.add("finite", "fail", f"{label}: {error}")
            table.rows.append([label, "fail", str(error)])
            return
        problems = []
        for name, low, t in negative_stocks(frame, checked_stocks):
            problems.append(f"stock {name} fell to {low:.6g} (below zero from time {t:g})")
        if euler:
            for rule in rules:
                resid, t, scale = conservation_residual(frame, rule, dt)
                if resid > CONSERVATION_TOL * scale:
                    problems.append(
                        f"{rule.name}: {rule.stock} changed by {resid:.6g} more than its flows "
                        f"allow at time {t:g}"
                    )
        if problems:
            failures += 1
            for p in problems:
                sec.add("extreme", "fail", f"{label}: {p}")
            table.rows.append([label, "fail", "; ".join(problems)])
        else:
            table.rows.append([label, "pass", "finite; stocks non-negative"])

    baseline = "baseline (defaults)"
    if base is not None or base_error is not None:
        judge(baseline, base, base_error)  # the runner's baseline: every variable, every dt
        all_runs = list(runs)
    else:
        all_runs = [ExtremeRun(baseline, {}), *runs]
    for r in all_runs:
        if budget.left <= 0:
            break
        try:
            frame = budget.run(r.params, save_every=None, variables=variables)
        except DoomloopError as exc:
            judge(r.label, None, exc)
            continue
        judge(r.label, frame, None)
    skipped = len(all_runs) - (done - (1 if base is not None or base_error is not None else 0))

    if skipped:
        sec.add(
            "coverage",
            "warn",
            f"{skipped} of {len(all_runs)} extreme runs not made (run cap {budget.cap}); raise "
            "[options] max_runs in a checks file to make them all",
        )
    if done and not failures:
        sec.add(
            "extreme",
            "pass",
            f"{done} run(s): no NaN or infinity, {len(checked_stocks)} stock(s) never negative"
            + (f", {len(rules)} conservation identity(ies) exact" if euler and rules else ""),
        )
    return sec
