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
``[options] max_mape``.

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

from ..reference import read_reference
from ._common import display_path
from .results import Section, Table

if TYPE_CHECKING:
    import pandas as pd

    from ..engine import Model


@dataclass(frozen=True)
class ReferenceSeries:
    """Observed values of one model variable."""

    variable: str
    years: tuple[float, ...]
    values: tuple[float, ...]


@dataclass(frozen=True)
class FitStatistics:
    """Summary statistics of a simulated against an observed series (Sterman 1984)."""

    n: int
    rmse: float
    mape: float  # NaN when an observed value is zero
    mse: float
    um: float  # NaN when MSE is zero
    us: float
    uc: float


def fit_statistics(simulated: np.ndarray, observed: np.ndarray) -> FitStatistics:
    """RMSE, MAPE and Theil's U_M, U_S, U_C of *simulated* against *observed*.

    ``MSE = mean((S - A)^2)``; ``U_M = (mean S - mean A)^2 / MSE``;
    ``U_S = (s_S - s_A)^2 / MSE``; ``U_C = 2 (1 - r) s_S s_A / MSE``, with population standard
    deviations ``s`` and correlation ``r``, so that ``U_M + U_S + U_C = 1``.

    References
    ----------
    Sterman, J. D. (1984). Appropriate summary statistics for evaluating the historical fit
    of system dynamics models. *Dynamica* 10(2), 51-66.
    """
    s = np.asarray(simulated, dtype=float)
    a = np.asarray(observed, dtype=float)
    n = int(s.size)
    err = s - a
    mse = float(np.mean(err**2))
    rmse = math.sqrt(mse)
    mape = float(np.mean(np.abs(err) / np.abs(a))) if np.all(a != 0) else float("nan")
    if mse == 0.0:
        return FitStatistics(n, rmse, mape, mse, float("nan"), float("nan"), float("nan"))
    ss, sa = float(np.std(s)), float(np.std(a))
    um = float((np.mean(s) - np.mean(a)) ** 2 / mse)
    us = (ss - sa) ** 2 / mse
    if ss > 0 and sa > 0:
        r = float(np.mean((s - s.mean()) * (a - a.mean())) / (ss * sa))
        uc = 2 * (1 - r) * ss * sa / mse
    else:
        uc = 0.0
    return FitStatistics(n, rmse, mape, mse, um, us, uc)


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
) -> Section:
    """Fit statistics of the baseline run (*base*, every dt) against *reference*."""
    sec = Section(
        "reproduction",
        "Behaviour reproduction",
        "Baseline run (linearly interpolated to the reference years) against reference data: "
        "RMSE, MAPE and Theil's inequality statistics U_M (bias), U_S (variance), U_C "
        "(covariance), U_M + U_S + U_C = 1 (Sterman 1984).",
    )
    if origin:
        sec.notes.append(f"reference data: {display_path(origin)}")
    if not reference:
        sec.add("reproduction", "skip", "no reference data (give a CSV with --reference)")
        return sec
    if base is None:
        sec.add("reproduction", "fail", "the baseline run failed, so nothing can be compared")
        return sec
    table = Table("Fit", ["variable", "n", "RMSE", "MAPE", "U_M", "U_S", "U_C", "result"])
    sec.tables.append(table)
    t = base.index.to_numpy(dtype=float)
    for ref in reference:
        sim = np.interp(np.asarray(ref.years), t, base[ref.variable].to_numpy(dtype=float))
        st = fit_statistics(sim, np.asarray(ref.values))
        status = "info"
        if max_mape is not None:
            status = "pass" if math.isfinite(st.mape) and st.mape <= max_mape else "fail"
        table.rows.append(
            [
                ref.variable,
                st.n,
                _fmt(st.rmse),
                _fmt(st.mape),
                _fmt(st.um),
                _fmt(st.us),
                _fmt(st.uc),
                status,
            ]
        )
        bound = f" (limit {max_mape:.3g})" if max_mape is not None else ""
        sec.add(
            "reproduction",
            status,
            f"{ref.variable}: n = {st.n}, RMSE {_fmt(st.rmse)}, MAPE {_fmt(st.mape)}{bound}, "
            f"U_M {_fmt(st.um)}, U_S {_fmt(st.us)}, U_C {_fmt(st.uc)}",
        )
    return sec
