"""How well a simulated series fits an observed one: RMSE, MAPE, R² and Theil's statistics.

One module below both :mod:`doomloop.analysis` (calibration) and :mod:`doomloop.check`
(behaviour reproduction), so that neither imports the other for it.

``MSE = mean((S - A)^2)``; ``U_M = (mean S - mean A)^2 / MSE``; ``U_S = (s_S - s_A)^2 / MSE``;
``U_C = 2 (1 - r) s_S s_A / MSE``, with population standard deviations ``s`` and correlation
``r``, so that ``U_M + U_S + U_C = 1``. Sterman (1984) reads a large U_M or U_S as a
systematic error worth fixing and a large U_C as unsystematic noise.

References
----------
Sterman, J. D. (1984). Appropriate summary statistics for evaluating the historical fit of
system dynamics models. *Dynamica* 10(2), 51-66.
Theil, H. (1966). *Applied Economic Forecasting*. North-Holland.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class FitStatistics:
    """Summary statistics of a simulated against an observed series (Sterman 1984)."""

    n: int
    rmse: float
    mape: float  # a fraction; NaN when an observed value is zero
    mse: float
    um: float  # NaN when MSE is zero
    us: float
    uc: float


def fit_statistics(simulated: np.ndarray, observed: np.ndarray) -> FitStatistics:
    """RMSE, MAPE and Theil's U_M, U_S, U_C of *simulated* against *observed*."""
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


def fit_summary(simulated: np.ndarray, observed: np.ndarray) -> dict[str, float]:
    """:func:`fit_statistics` as a table row: n, RMSE, MAPE (% over the non-zero observed
    points), R² and the Theil proportions (0 for a perfect fit)."""
    st = fit_statistics(simulated, observed)
    s = np.asarray(simulated, dtype=float)
    a = np.asarray(observed, dtype=float)
    ok = len(a) > 1 and float(np.std(s)) > 0 and float(np.std(a)) > 0
    r = float(np.corrcoef(s, a)[0, 1]) if ok else math.nan
    zero = st.mse == 0
    return {
        "n": float(st.n),
        "rmse": st.rmse,
        "mape": float(np.mean(np.abs((s - a)[a != 0] / a[a != 0])) * 100)
        if (a != 0).any()
        else math.nan,
        "r2": r**2 if math.isfinite(r) else math.nan,
        "theil_um": 0.0 if zero else st.um,
        "theil_us": 0.0 if zero else st.us,
        "theil_uc": 0.0 if zero else st.uc,
    }
