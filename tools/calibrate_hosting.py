"""Fit Japan's 2024 inference demand and the share of it hosted at home to three records.

Weighted least squares in log10 space (:func:`scipy.optimize.least_squares`) on the model
itself, each residual divided by its record's standard error (a record's low-high range read
as its 95% interval, so the error is a quarter of the range in log10):

* **what Japan's AI use needs** (``inference_demand``, start of 2025): the world's installed
  AI compute (``ai_compute_world_stock``, S150: Epoch's 4M H100e at the end of 2024) times
  the share of it serving inference (the model's own ``inference_share``) times Japan's
  share of the world's AI use (``ai_use_share_of_world``, S150: its share of ChatGPT's
  visits);
* **what Japan hosts** (``domestic_ai_compute``, start of 2025): Japan's share of Epoch's
  GPU Clusters data (``ai_compute_cluster_share``, S149) times the world's stock, down to
  the raw count (``ai_compute_counted``) if the data hold every cluster in Japan;
* **what private investors build** (``private_hosting_investment``, 2024): the announced
  build-out (SoftBank, Microsoft; ``figures.csv``), a factor of two either way.

Fitted: ``inference_demand_2024`` and ``domestic_hosting_capture``. The first two records
share the world's stock, so their errors are correlated; their ratio (the hosted share of
Japan's use, 0.11-0.26) does not depend on it. Each range is the value plus or minus 1.96
standard errors from the Jacobian (the records' errors taken as known). The script prints
the values, ranges and residuals; it does not edit the values tables (copy the numbers,
with this script named as their source).

    python tools/calibrate_hosting.py
"""

from __future__ import annotations

import sys

import numpy as np
import pandas as pd
from scipy.optimize import least_squares

import doomloop
from doomloop.analysis.calibration import DEFAULT_FIGURES

FITTED = ("inference_demand_2024", "domestic_hosting_capture")
Z95 = 1.96


def _figure(f: pd.DataFrame, key: str) -> pd.Series:
    return f[f["key"] == key].iloc[0]


def _log_sd(low: float, high: float) -> float:
    """Standard error in log10 of a record whose low-high range is its 95% interval."""
    return float(np.log10(high / low)) / (2 * Z95)


def targets(inference_share: float) -> list[tuple[str, float, float, float]]:
    """(output, year, observed value, standard error in log10) of the three records."""
    f = pd.read_csv(DEFAULT_FIGURES)
    world = _figure(f, "ai_compute_world_stock")
    use = _figure(f, "ai_use_share_of_world")
    cluster = _figure(f, "ai_compute_cluster_share")
    counted = _figure(f, "ai_compute_counted")
    build = _figure(f, "private_hosting_investment")
    demand = inference_share * world["value"] * use["value"]
    demand_sd = float(
        np.hypot(_log_sd(world["low"], world["high"]), _log_sd(use["low"], use["high"]))
    )
    hosted = cluster["value"] * world["value"]
    hosted_sd = _log_sd(counted["value"], cluster["value"] * world["high"])
    return [
        ("inference_demand", 2025.0, float(demand), demand_sd),
        ("domestic_ai_compute", 2025.0, float(hosted), hosted_sd),
        (
            "private_hosting_investment",
            2024.0,
            float(build["value"]),
            _log_sd(build["low"], build["high"]),
        ),
    ]


def main(argv: list[str]) -> int:
    model = doomloop.load_model("japan")
    points = targets(float(model.parameters["inference_share"].value))
    outputs = sorted({p[0] for p in points} | {"domestic_hosting_share"})
    x0 = np.array([float(model.parameters[n].value) for n in FITTED])

    def run(x: np.ndarray) -> pd.DataFrame:
        return model.run(params=dict(zip(FITTED, x, strict=True)), variables=outputs)

    def residuals(x: np.ndarray) -> np.ndarray:
        r = run(x)
        return np.array([np.log10(r.loc[y, out] / v) / sd for out, y, v, sd in points])

    fit = least_squares(residuals, x0, x_scale=x0, bounds=([1e3, 0.01], [1e6, 1.0]))
    cov = np.linalg.pinv(fit.jac.T @ fit.jac)
    se = np.sqrt(np.diag(cov))
    for name, v, s in zip(FITTED, fit.x, se, strict=True):
        print(f"{name}: {v:.4g} ({v - Z95 * s:.4g} - {v + Z95 * s:.4g})")
    best = run(fit.x)
    for (out, y, v, sd), r in zip(points, fit.fun, strict=True):
        print(
            f"  {out} {y:g}: observed {v:.4g} (sd {sd:.3f} dex), "
            f"model {best.loc[y, out]:.4g}, {r:+.2f} sd"
        )
    print(f"  hosted share of use 2025: model {best.loc[2025.0, 'domestic_hosting_share']:.3f}")
    print(
        f"chi-square {float(fit.fun @ fit.fun):.2f} "
        f"on {len(points) - len(FITTED)} degree(s) of freedom"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
