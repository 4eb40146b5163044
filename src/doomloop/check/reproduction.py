"""Behaviour reproduction: the baseline run against reference data, with Theil statistics.

Reference data is a CSV file with the columns ``name,year,value`` and optionally
``country`` (a file holding several countries is filtered to the model's name), read and
validated by :mod:`doomloop.reference`; a ``weight`` column is checked but not used here,
every point counting once. Each name is a model variable; each year lies inside the run.
For every variable the card reports the number of points, RMSE, MAPE and Theil's inequality
statistics, which split the mean squared error into bias (U_M), unequal variation (U_S) and
unequal covariation (U_C), with U_M + U_S + U_C = 1. Sterman (1984) reads a large U_M or
U_S as a systematic error worth fixing and a large U_C as unsystematic noise the model need
not reproduce. The statistics are reported without a verdict unless the checks file sets
``[options] max_mape`` (every series) or a ``[[reproduction]]`` rule for the series: its own
measure (MAPE, mean absolute error, or mean absolute error of log10 values, i.e. orders of
magnitude), limit, and expected outcome. A rule expected to fail reports its failure as a
warning (a known gap of today's model, which must stay visible but not break CI); one that
only reports gives its error as information.

References
----------
Sterman, J. D. (1984). Appropriate summary statistics for evaluating the historical fit of
system dynamics models. *Dynamica* 10(2), 51-66.
Theil, H. (1966). *Applied Economic Forecasting*. North-Holland.
Sterman, J. D. (2000). *Business Dynamics*, ch. 21.4.7, "Behavior Reproduction Tests".
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ..fitstats import fit_statistics
from ..reference import read_reference
from ._common import display_path
from .checksfile import ReproductionRule
from .results import FitPanel, Section, Table

if TYPE_CHECKING:
    import pandas as pd

    from ..engine import Model


@dataclass(frozen=True)
class ReferenceSeries:
    """Observed values of one model variable."""

    variable: str
    years: tuple[float, ...]
    values: tuple[float, ...]


def series_error(metric: str, simulated: np.ndarray, observed: np.ndarray) -> float:
    """The error of *simulated* against *observed* by *metric* (see ``checksfile.METRICS``).

    ``mape``: mean(|S - A| / |A|) (NaN if an observed value is 0); ``mae``: mean(|S - A|);
    ``mae_log10``: mean(|log10 S - log10 A|) (NaN unless every value is positive).
    """
    s = np.asarray(simulated, dtype=float)
    a = np.asarray(observed, dtype=float)
    if metric == "mape":
        return float(np.mean(np.abs(s - a) / np.abs(a))) if np.all(a != 0) else float("nan")
    if metric == "mae":
        return float(np.mean(np.abs(s - a)))
    if metric == "mae_log10":
        if np.all(s > 0) and np.all(a > 0):
            return float(np.mean(np.abs(np.log10(s) - np.log10(a))))
        return float("nan")
    raise ValueError(f"unknown metric {metric!r}")


def merge_reference(
    parts: list[tuple[str, list[ReferenceSeries]]],
) -> list[ReferenceSeries]:
    """Series from several files (named by the first item of each pair) joined by variable.

    Raises :class:`~doomloop.errors.DataError` when two files give the same (variable, year).
    """
    from ..errors import DataError

    points: dict[str, dict[float, float]] = {}
    where: dict[tuple[str, float], str] = {}
    for origin, series in parts:
        for ref in series:
            d = points.setdefault(ref.variable, {})
            for y, v in zip(ref.years, ref.values, strict=True):
                if y in d:
                    raise DataError(
                        f"{origin}: {ref.variable} in {y:g} is also given in "
                        f"{where[(ref.variable, y)]}; keep it in one file"
                    )
                d[y] = v
                where[(ref.variable, y)] = origin
    return [
        ReferenceSeries(n, tuple(sorted(d)), tuple(d[y] for y in sorted(d)))
        for n, d in points.items()
    ]


def load_reference(path: str | Path, model: Model) -> list[ReferenceSeries]:
    """The reference-data CSV at *path*, validated for *model*, as one series per variable.

    Raises
    ------
    DataError
        Whatever :func:`doomloop.reference.read_reference` refuses (missing file or columns,
        an unknown variable, a year outside the run, a value that is not a number, a
        repeated (name, year), no rows); the message names file and line.
    """
    series: dict[str, dict[float, float]] = {}
    for row in read_reference(path, model):
        series.setdefault(row.name, {})[row.year] = row.value
    return [
        ReferenceSeries(n, tuple(sorted(d)), tuple(d[y] for y in sorted(d)))
        for n, d in series.items()
    ]


def _fmt(x: float) -> str:
    return "n/a" if not math.isfinite(x) else f"{x:.3g}"


def check_reproduction(
    model: Model,
    reference: list[ReferenceSeries] | None,
    base: pd.DataFrame | None,
    max_mape: float | None = None,
    origin: str | None = None,
    rules: tuple[ReproductionRule, ...] = (),
) -> Section:
    """Fit statistics of the baseline run (*base*, every dt) against *reference*.

    A series with a rule in *rules* is judged by it; the others by *max_mape*, if given.
    """
    sec = Section(
        "reproduction",
        "Behaviour reproduction",
        "Baseline run (linearly interpolated to the reference years) against reference data: "
        "RMSE, MAPE and Theil's inequality statistics U_M (bias), U_S (variance), U_C "
        "(covariance), U_M + U_S + U_C = 1 (Sterman 1984).",
    )
    if origin:
        shown = ", ".join(display_path(o) for o in origin.split(", "))
        sec.notes.append(f"reference data: {shown}")
    if not reference:
        sec.add("reproduction", "skip", "no reference data (give a CSV with --reference)")
        return sec
    if base is None:
        sec.add("reproduction", "fail", "the baseline run failed, so nothing can be compared")
        return sec
    columns = ["variable", "n", "RMSE", "MAPE", "U_M", "U_S", "U_C"]
    table = Table("Fit", [*columns, "measure", "error", "limit", "result"])
    sec.tables.append(table)
    by_var = {r.variable: r for r in rules}
    t = base.index.to_numpy(dtype=float)
    for ref in reference:
        sim = np.interp(np.asarray(ref.years), t, base[ref.variable].to_numpy(dtype=float))
        obs = np.asarray(ref.values)
        st = fit_statistics(sim, obs)
        rule = by_var.get(ref.variable)
        if rule is None:
            rule = ReproductionRule(ref.variable, "mape", max_mape or math.inf, "pass")
            if max_mape is None:
                rule = ReproductionRule(ref.variable, "mape", math.inf, "report", "no limit set")
        error = series_error(rule.metric, sim, obs)
        status, verdict = _judge(rule, error)
        limit = "-" if math.isinf(rule.limit) else f"{rule.limit:.3g}"
        table.rows.append(
            [
                ref.variable,
                st.n,
                _fmt(st.rmse),
                _fmt(st.mape),
                _fmt(st.um),
                _fmt(st.us),
                _fmt(st.uc),
                _MEASURE[rule.metric],
                _fmt(error),
                limit,
                status,
            ]
        )
        bound = "" if math.isinf(rule.limit) else f" (limit {limit})"
        sec.add(
            "reproduction",
            status,
            f"{ref.variable}: n = {st.n}, {_MEASURE[rule.metric]} {_fmt(error)}{bound}{verdict}; "
            f"RMSE {_fmt(st.rmse)}, U_M {_fmt(st.um)}, U_S {_fmt(st.us)}, U_C {_fmt(st.uc)}",
        )
        result = f"{_MEASURE[rule.metric]} {_fmt(error)}{bound}: {status}"
        sec.fits.append(_panel(model, ref, t, base, rule.metric == "mae_log10", result))
    return sec


def _panel(
    model: Model, ref: ReferenceSeries, t: np.ndarray, base: pd.DataFrame, log: bool, result: str
) -> FitPanel:
    """The fit chart's panel of *ref*: the run from a little before its first year, yearly."""
    lo, hi = min(ref.years), max(ref.years)
    pad = max(2.0, 0.1 * (hi - lo))
    keep = (t >= lo - pad) & (t <= hi + pad) & np.isclose(t, np.round(t))
    units, name = model.describe([ref.variable]).get(ref.variable, ("", ref.variable))
    scale = 1.0
    shown = getattr(getattr(model, "profile", None), "outputs", {}).get(ref.variable)
    if shown is not None:  # in the units the profile shows it in (million people, ...)
        name, units, scale = shown.label.en, shown.unit.en, shown.scale
    label = f"{name} ({units})" if units and units != "1" else name
    values = base[ref.variable].to_numpy(dtype=float)[keep] / scale
    return FitPanel(
        ref.variable,
        label,
        tuple(float(x) for x in t[keep]),
        tuple(float(x) for x in values),
        ref.years,
        tuple(v / scale for v in ref.values),
        log=log,
        result=result,
    )


_MEASURE = {"mape": "MAPE", "mae": "MAE", "mae_log10": "MAE of log10 (OOM)"}


def _judge(rule: ReproductionRule, error: float) -> tuple[str, str]:
    """(status, words) of *error* under *rule*."""
    if math.isinf(rule.limit):
        return "info", ""
    ok = math.isfinite(error) and error <= rule.limit
    if rule.expect == "report":
        where = "within" if ok else "outside"
        return "info", f", {where} the limit (reported only: {rule.reason})"
    if rule.expect == "fail":
        if ok:
            return "pass", (
                f", within the limit although expected to fail ({rule.reason}): "
                'set expect = "pass" in the checks file'
            )
        return "warn", f", outside the limit: a known failure ({rule.reason})"
    return ("pass" if ok else "fail"), ""
