"""Fit Japan's care need and care applicants to MHLW's workforce counts and need estimates.

Bounded nonlinear least squares (:func:`scipy.optimize.least_squares`) on the model itself
(the engine), residuals relative (share of the observed value), each point weighted alike:

* the care workforce (``care_workers``): every Japan row of ``data/figures.csv`` (2013, 2019,
  2022, 2023; S20, S51);
* MHLW's estimates of the care workers needed (``care_workers_needed*``): every vintage and
  year in ``figures.csv`` (the 2015, 2021 and 2024 estimates for FY2023-FY2040; S20);
* the job-openings-to-applicants ratio of care occupations (``care_job_openings_ratio``,
  2019-2024, S52), as the log of the ratio: the evidence that applicants, not openings,
  limit hiring (public job offices only, so it is a shape more than a level).

Fitted: ``care_need_per_75_84``, ``care_need_per_85_plus`` (need by age),
``care_applicant_rate`` (job seekers per working-age person) and ``care_vacancy_fill_years``
(how fast employers seek to fill the unfilled need, which sets openings against
applicants). The shortfall estimates (``care_worker_shortfall*``) are not fitted: they are
the reference mode the result is checked against (tests/test_care.py). Each range is the
value plus or minus 1.96 standard errors from the Jacobian's covariance. The script prints
the values, ranges and residuals; it does not edit the values tables (copy the numbers, with
this script named as their source).

    python tools/calibrate_care.py
"""

from __future__ import annotations

import sys

import numpy as np
import pandas as pd
from scipy.optimize import least_squares

import doomloop
from doomloop.analysis.calibration import DEFAULT_FIGURES

FITTED = (
    "care_need_per_75_84",
    "care_need_per_85_plus",
    "care_applicant_rate",
    "care_vacancy_fill_years",
)


def targets() -> list[tuple[str, float, float]]:
    """(output, year, value in people) of every Japan workforce count and need estimate."""
    f = pd.read_csv(DEFAULT_FIGURES)
    f = f[f["country"] == "Japan"]
    rows = []
    for _, r in f.iterrows():
        key = str(r["key"])
        if key == "care_workers" or key.startswith("care_workers_needed"):
            output = "care_workers" if key == "care_workers" else "care_workers_needed"
            rows.append((output, float(r["year"]), float(r["value"]) * 1e3))
        elif key == "care_job_openings_ratio":
            rows.append((key, float(r["year"]), float(r["value"])))
    return rows


def _residual(output: str, model: float, observed: float) -> float:
    """Relative error of a count; log error of the openings ratio."""
    if output == "care_job_openings_ratio":
        return float(np.log(max(model, 1e-9) / observed))
    return (model - observed) / observed


def main(argv: list[str]) -> int:
    model = doomloop.load_model("japan")
    points = targets()
    x0 = np.array([float(model.parameters[n].value) for n in FITTED])

    def residuals(x: np.ndarray) -> np.ndarray:
        run = model.run(
            params=dict(zip(FITTED, x, strict=True)),
            variables=[
                "care_workers",
                "care_workers_needed",
                "care_job_openings_ratio",
            ],
        )
        return np.array([_residual(out, float(run.loc[y, out]), v) for out, y, v in points])

    fit = least_squares(residuals, x0, x_scale=x0, bounds=(x0 * 0.2, x0 * 5))
    dof = max(len(points) - len(FITTED), 1)
    cov = np.linalg.pinv(fit.jac.T @ fit.jac) * float(fit.fun @ fit.fun) / dof
    se = np.sqrt(np.diag(cov))
    for name, v, s in zip(FITTED, fit.x, se, strict=True):
        print(f"{name}: {v:.4g} ({v - 1.96 * s:.4g} - {v + 1.96 * s:.4g})")
    for (out, y, v), r in zip(points, fit.fun, strict=True):
        shown = f"{v:.2f}" if out == "care_job_openings_ratio" else f"{v / 1e3:,.0f}k"
        print(f"  {out} {y:g}: observed {shown}, residual {r:+.1%}")
    print(f"mean absolute error {np.mean(np.abs(fit.fun)):.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
