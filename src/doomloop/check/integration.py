"""Integration-error test: does the answer change when dt is halved, or Euler becomes RK4?

Three runs at every saved dt: the model as written, the same with dt halved, and the model's
dt integrated with RK4 instead of Euler (or with Euler when the model asks for RK4). For each
output the largest relative change is ``max_t |a(t) - b(t)| / max_t |a(t)|`` over the times the
runs share (the denominator is the output's scale, so a series that crosses zero does not blow
up the ratio). Above the tolerance (default 5 %, ``[options] integration_tolerance``) the test
fails: the time step is too long for the fastest dynamics; above a fifth of it, it warns.

References
----------
Sterman, J. D. (2000). *Business Dynamics*, ch. 21.4.6, "Integration Error Tests", and
appendix A, "Numerical Integration".
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import DoomloopError
from ._common import CONTROL_NAMES, stocks
from .checksfile import ChecksFile
from .results import Section, Table

if TYPE_CHECKING:
    import pandas as pd

    from ..engine import Model
    from ._common import RunBudget

#: Outputs listed in the card's table (the largest changes first).
MAX_ROWS = 30


def relative_change(a: pd.Series, b: pd.Series) -> tuple[float, float]:
    """Largest |a - b| over shared times divided by max |a|; and the time of that change."""
    common = a.index.intersection(b.index)
    if len(common) == 0:
        return float("nan"), float("nan")
    x = a.loc[common].to_numpy(dtype=float)
    y = b.loc[common].to_numpy(dtype=float)
    diff = np.abs(x - y)
    i = int(np.argmax(diff))
    scale = float(np.max(np.abs(x)))
    if scale == 0.0:
        return (0.0 if diff[i] == 0.0 else float("inf")), float(common[i])
    return float(diff[i] / scale), float(common[i])


def _rounded(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.copy()
    frame.index = np.round(frame.index.to_numpy(dtype=float), 9)
    return frame


def check_integration(
    model: Model, checks: ChecksFile, budget: RunBudget, base: pd.DataFrame | None = None
) -> Section:
    """Compare the baseline with dt/2 and with the other integration method.

    Parameters
    ----------
    base
        The baseline run with every dt saved, if already made (saves a run).
    """
    tol = checks.integration_tolerance
    method = model.method
    other = "rk4" if method == "euler" else "euler"
    dt = model.time_spec.dt
    sec = Section(
        "integration",
        "Integration error",
        f"Baseline ({method}, dt = {dt:g}) against dt = {dt / 2:g} and against {other} at "
        f"dt = {dt:g}; largest |difference| over time divided by the output's largest "
        f"magnitude. Fail above {tol:.3g}, warn above {tol / 5:.3g}.",
    )
    names = (
        list(model.outputs)
        or list(stocks(model))
        or [n for n in model.variable_names if n not in CONTROL_NAMES]
    )
    sec.notes.append(
        "outputs compared: "
        + ("the model's key outputs" if model.outputs else "stocks" if stocks(model) else "all")
    )
    variants: list[tuple[str, dict[str, Any]]] = [("dt/2", {"dt": dt / 2})]
    if checks.fixed_method:
        sec.notes.append(f"{other} not compared: {checks.fixed_method}")
    else:
        variants.append((other, {"method": other}))
    try:
        if base is None:
            if budget.left <= 0:
                sec.add("integration", "warn", f"not run: run cap {budget.cap} reached")
                return sec
            base = budget.run(None, variables=names, save_every=None)
        base = _rounded(base[names])
    except DoomloopError as exc:
        sec.add("integration", "fail", f"the baseline run failed: {exc}")
        return sec
    table = Table("Largest relative change", ["output", "variant", "change", "at time", "result"])
    rows: list[tuple[float, list[object]]] = []
    for label, kwargs in variants:
        if budget.left <= 0:
            sec.add("integration", "warn", f"'{label}' not run: run cap {budget.cap} reached")
            continue
        try:
            alt = _rounded(budget.run(None, variables=names, save_every=None, **kwargs))
        except DoomloopError as exc:
            sec.add("integration", "fail", f"{label}: the run failed: {exc}")
            continue
        worst_name, worst_change, flagged = "", 0.0, False
        for n in names:
            change, t = relative_change(base[n], alt[n])
            status = "fail" if not change <= tol else "warn" if change > tol / 5 else "pass"
            rows.append((change, [n, label, f"{change:.3g}", f"{t:g}", status]))
            if status != "pass":
                flagged = True
                sec.add(
                    "integration",
                    status,
                    f"{n} changes by {change:.3g} of its scale with {label} (at time {t:g}); "
                    + ("shorten dt" if label == "dt/2" else "shorten dt or use RK4"),
                )
            if change > worst_change or not worst_name:
                worst_name, worst_change = n, change
        if not flagged:
            sec.add(
                "integration",
                "pass",
                f"{label}: every output within {tol / 5:.3g} (largest {worst_change:.3g}, "
                f"{worst_name})",
            )
    rows.sort(key=lambda r: -r[0] if np.isfinite(r[0]) else -np.inf)
    table.rows = [r for _, r in rows[:MAX_ROWS]]
    if len(rows) > MAX_ROWS:
        sec.notes.append(f"table shows the {MAX_ROWS} largest of {len(rows)} changes")
    sec.tables.append(table)
    return sec
