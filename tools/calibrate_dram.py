"""Fit the DRAM race's process-lag constants to the documented DRAM generation dates.

The capability observable: for each DRAM generation (64K to 256M) the date each producer
(Japan's firms, the US firms, Samsung) first showed a working device, from contemporary
trade press and company histories (``models/japan-vlsi/generations.csv``, sources S114,
S117, S121). A producer's documented lag is its date less the first date of that generation;
the model's is ``dram_lag_*`` at the producer's date (:func:`doomloop.dram.generation_lags`).
Bounded nonlinear least squares (:func:`scipy.optimize.least_squares`) on the model itself,
residuals in years, every row with role ``fit`` weighted alike (Korea's 64K row is an input:
it sets ``dram_korea_entry_lag``).

Fitted: the US firms' 1976 process team (against Japan's, which the model's own cohorts give),
the US team's elasticity to the US share of fab capital (exits disband teams), the know-how
absorption rate and Japan's lag in 1976 (Korea's team is counted, S124). Nothing here reads a market
share: the share record stays withheld and is compared after the fact. Each range is the value
plus or minus 1.96 standard errors from the Jacobian's covariance, clipped to the bounds. The
script prints the values, ranges and residuals; it does not edit the values tables (copy the
numbers, with this script named as their source).

    python tools/calibrate_dram.py
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import least_squares

import doomloop
from doomloop.dram import generation_lags

# name -> (lower bound, upper bound); the start is the model's value
FITTED = {
    "dram_us_team_1976": (500.0, 50000.0),
    "dram_us_team_elasticity": (0.0, 3.0),
    "dram_absorption_rate": (0.0, 5.0),
    "dram_jp_initial_lag": (0.0, 5.0),
}
LOG = {"dram_us_team_1976"}  # fitted on a log scale


def _to_params(x: np.ndarray) -> dict[str, float]:
    return {n: float(np.exp(v) if n in LOG else v) for n, v in zip(FITTED, x, strict=True)}


def main() -> None:
    m = doomloop.load_model("japan-vlsi")

    def residuals(x: np.ndarray) -> np.ndarray:
        lags = generation_lags(m, _to_params(x))
        return lags.loc[lags["role"] == "fit", "error"].to_numpy(dtype=float)

    def scale(n: str, v: float) -> float:
        return float(np.log(v)) if n in LOG else v

    x0 = np.array([scale(n, float(m.parameters[n].value)) for n in FITTED])
    lo = np.array([scale(n, b[0]) for n, b in FITTED.items()])
    hi = np.array([scale(n, b[1]) for n, b in FITTED.items()])
    fit = least_squares(residuals, np.clip(x0, lo, hi), bounds=(lo, hi), diff_step=1e-3)
    r = fit.fun
    dof = max(1, len(r) - len(x0))
    s2 = float(r @ r) / dof
    try:
        cov = np.linalg.inv(fit.jac.T @ fit.jac) * s2
        se = np.sqrt(np.clip(np.diag(cov), 0, None))
    except np.linalg.LinAlgError:
        se = np.full(len(x0), np.nan)
    print(
        f"rows fitted: {len(r)}, RMS error {np.sqrt(np.mean(r**2)):.2f} years, "
        f"largest {np.max(np.abs(r)):.2f}"
    )
    for (n, _), v, e in zip(FITTED.items(), fit.x, se, strict=True):
        a, b = (
            np.clip(v - 1.96 * e, lo[list(FITTED).index(n)], hi[list(FITTED).index(n)]),
            np.clip(v + 1.96 * e, lo[list(FITTED).index(n)], hi[list(FITTED).index(n)]),
        )
        if n in LOG:
            v, a, b = np.exp(v), np.exp(a), np.exp(b)
        print(f"{n},{v:.4g},{a:.4g},{b:.4g}")
    lags = generation_lags(m, _to_params(fit.x))
    cols = ["generation", "country", "year", "documented_lag", "simulated_lag", "error", "role"]
    print(lags[cols].round(2).to_string(index=False))


if __name__ == "__main__":
    main()
