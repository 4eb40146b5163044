"""Fit Japan's 2024 inference demand and the share of it hosted at home to four records.

Generalised least squares in log10 space (:func:`scipy.optimize.least_squares` on residuals
whitened by the records' covariance), on the model itself. The records
(``data/figures.csv``, S149, S150):

* **what Japan's AI use needs** (``inference_demand`` at the start of 2025): the world's
  installed AI compute ``W`` (``ai_compute_world_stock``: Epoch's 4M H100e at the end of
  2024) times the share of it serving inference (the model's own ``inference_share``) times
  Japan's share of the world's AI use ``u`` (``ai_use_share_of_world``, its share of
  ChatGPT's visits interpolated to 2025, down to its share of world GDP);
* **what Japan hosts**, twice (``domestic_ai_compute`` at the start of 2025 and at 2025.42):
  Japan's share of Epoch's GPU Clusters data at each snapshot times the world's stock then
  (``W`` grown at Epoch's 2.3x a year), times a coverage factor ``k`` between 1 (the data
  cover Japan as unevenly as the world) and the raw count's share of that product (the data
  hold every cluster in Japan), taken at the log-centre of that range;
* **what private investors build** (``private_hosting_investment``, 2024): the announced
  build-out (SoftBank, Microsoft), a factor of two either way.

Each record's low-high range is read as its 95% interval (a standard error of a quarter of
the range in log10). The errors of ``W`` and ``k`` are shared, so the first three records
are correlated; the covariance carries that, with a small independent error (0.05 dex) on
each count. Fitted, in log10: ``inference_demand_2024`` and ``domestic_hosting_capture``.
The ranges printed are the 5th-95th percentiles the values tables hold (log-normal, +-1.645
standard errors from the Jacobian of the whitened residuals). The script also prints each
record's leave-one-out capture. It does not edit the values tables (copy the numbers, with
this script named as their source).

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
Z95, Z90 = 1.96, 1.645
WORLD_GROWTH = 2.3  # Epoch: the stock of NVIDIA compute grows about 2.3x a year (S146, S150)
COUNT_NOISE = 0.05  # dex: independent error of one snapshot of the cluster count
#: the records: (output, year, label) of each, their log10 values and their covariance
Records = tuple[list[tuple[str, float, str]], np.ndarray, np.ndarray]


def _sd(low: float, high: float) -> float:
    """Standard error in log10 of a record whose low-high range is its 95% interval."""
    return float(np.log10(high / low)) / (2 * Z95)


def records(inference_share: float) -> Records:
    """The records as (output, year, label), their log10 values and their covariance."""
    f = pd.read_csv(DEFAULT_FIGURES)
    rows = f[f["country"].isin(["Japan", "World"])]

    def one(key: str, year: float | None = None) -> pd.Series:
        r = rows[rows["key"] == key]
        years = pd.to_numeric(r["year"], errors="coerce")
        return r.iloc[0] if year is None else r[np.isclose(years, year)].iloc[0]

    world, use = one("ai_compute_world_stock"), one("ai_use_share_of_world")
    build = one("private_hosting_investment")
    s_w, s_u, s_b = (
        _sd(world["low"], world["high"]),
        _sd(use["low"], use["high"]),
        _sd(build["low"], build["high"]),
    )
    labels = [("inference_demand", 2025.0, "Japan's use x the world's stock")]
    values = [np.log10(inference_share * world["value"] * use["value"])]
    k_lows = []
    for year in (2025.0, 2025.42):
        share, counted = one("ai_compute_cluster_share", year), one("ai_compute_counted", year)
        uniform = share["value"] * world["value"] * WORLD_GROWTH ** (year - 2025.0)
        k_low = counted["value"] / uniform  # every cluster in Japan is in the data
        k_lows.append(k_low)
        labels.append(("domestic_ai_compute", year, f"Epoch's count ({counted['value']:,.0f})"))
        values.append(np.log10(uniform * np.sqrt(k_low)))  # k at the log-centre of [k_low, 1]
    s_k = float(np.log10(1 / min(k_lows))) / (2 * Z95)
    labels.append(("private_hosting_investment", 2024.0, "announced build-out"))
    values.append(np.log10(build["value"]))
    cov = np.zeros((4, 4))
    cov[:3, :3] = s_w**2  # the world's stock is in the first three
    cov[0, 0] += s_u**2
    cov[1:3, 1:3] += s_k**2  # so is the coverage factor, in both counts
    cov[1, 1] += COUNT_NOISE**2
    cov[2, 2] += COUNT_NOISE**2
    cov[3, 3] = s_b**2
    return labels, np.array(values), cov


def _at(run: pd.DataFrame, out: str, year: float) -> float:
    """An output at *year*, log-linear between the yearly values around it."""
    lo, hi = np.floor(year), np.ceil(year)
    if lo == hi:
        return float(run.loc[lo, out])
    w = (year - lo) / (hi - lo)
    return float(run.loc[lo, out] ** (1 - w) * run.loc[hi, out] ** w)


def fit(
    model: doomloop.Model, recs: Records, keep: list[int] | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray, pd.DataFrame]:
    """Best log10 values, their covariance, the whitened residuals and the best run, fitted
    to the records *recs* (those numbered in *keep*, all by default)."""
    labels, y, cov = recs
    keep = list(range(len(y))) if keep is None else keep
    labels, y, cov = [labels[i] for i in keep], y[keep], cov[np.ix_(keep, keep)]
    whiten = np.linalg.inv(np.linalg.cholesky(cov))
    outputs = sorted({o for o, _, _ in labels} | {"domestic_hosting_share"})

    def run(x: np.ndarray) -> pd.DataFrame:
        return model.run(params=dict(zip(FITTED, 10.0**x, strict=True)), variables=outputs)

    def residuals(x: np.ndarray) -> np.ndarray:
        r = run(x)
        m = np.array([np.log10(_at(r, out, year)) for out, year, _ in labels])
        return whiten @ (m - y)

    x0 = np.log10([float(model.parameters[n].value) for n in FITTED])
    best = least_squares(residuals, x0, bounds=([3.0, -2.0], [6.0, 0.0]), diff_step=1e-4)
    return best.x, np.linalg.pinv(best.jac.T @ best.jac), best.fun, run(best.x)


def main(argv: list[str]) -> int:
    model = doomloop.load_model("japan")
    recs = records(float(model.parameters["inference_share"].value))
    labels, y, cov = recs
    x, xcov, res, run = fit(model, recs)
    se = np.sqrt(np.diag(xcov))
    for name, v, s in zip(FITTED, x, se, strict=True):
        lo, hi = 10 ** (v - Z90 * s), 10 ** (v + Z90 * s)
        print(f"{name}: {10**v:.4g} (5-95%: {lo:.4g} - {hi:.4g})")
    corr = xcov[0, 1] / (se[0] * se[1])
    print(f"  correlation of the two (log10): {corr:+.2f}")
    for (out, year, label), obs, sd in zip(labels, y, np.sqrt(np.diag(cov)), strict=True):
        m = _at(run, out, year)
        print(f"  {out} {year:g} ({label}): record {10**obs:.4g} (sd {sd:.3f} dex), model {m:.4g}")
    print(f"  hosted share of use 2025: model {run.loc[2025.0, 'domestic_hosting_share']:.3f}")
    print(f"chi-square {float(res @ res):.2f} on {len(y) - len(FITTED)} degrees of freedom")
    for drop in range(1, len(y)):
        keep = [i for i in range(len(y)) if i != drop]
        xd = fit(model, recs, keep)[0]
        print(f"  without {labels[drop][2]} ({labels[drop][1]:g}): capture {10 ** xd[1]:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
