"""Fit capability parameters to the Epoch record of all five countries at once, and the frontier.

Two fits, both bounded nonlinear least squares (:func:`scipy.optimize.least_squares`) on the
models themselves (``doomloop.analysis.evaluate``, the engine), residuals in orders of
magnitude (log10 FLOP), each point weighted alike:

* ``frontier``: ``frontier_log10_initial`` and ``frontier_growth`` against the world record
  (best run so far at 1 July 2010-2024, 15 points, ``doomloop.epoch``, rule ``any``, default
  confidence). The frontier is the same in every country model, so Japan's is fitted.
* ``capability``: the parameters named on the command line, set to one common value in all
  five models, against each country's best run so far (``history_ai.csv``, each from its first
  run of Epoch's large-scale threshold, ``doomloop.epoch.LARGE_SCALE_FLOP``: the UK from 2018,
  the US from 2020, Korea from 2022, Japan 2024; India has no series). Runs of multinational
  teams count for their lead organisation's country only (``doomloop.epoch.ATTRIBUTION_RULE``,
  Epoch's first-listed country), the rule the capital fit (``doomloop.capital_rounds``) uses
  too: Gemini 1.0 Ultra is the United States', and the UK's 2024 point is DeepMind's Gopher.

Each fitted parameter's range is its value plus or minus 1.96 standard errors from the
Jacobian's covariance at the optimum, s^2 (J'J)^-1 with s^2 the residual variance; for a
parameter fitted in log space (lognormal) the interval is taken there and transformed back.
The script prints the values, ranges and each series' mean absolute error; it does not edit
the values tables (copy the numbers, with this script named as their source).

    python tools/calibrate_capability.py frontier
    python tools/calibrate_capability.py capability talent_exponent frontier_lab_size
"""

from __future__ import annotations

import math
import sys

import numpy as np
import pandas as pd
from scipy.optimize import least_squares

import doomloop
from doomloop import epoch
from doomloop.analysis.evaluate import evaluate

COUNTRIES = ("japan", "korea", "usa", "uk", "india")
CEILING_LOG10 = math.log10(epoch.LARGE_SCALE_FLOP)
MODELS = doomloop.load_model("japan").path.parents[1]


def world_record(years: range = range(2010, 2025)) -> pd.DataFrame:
    """The world's best run so far at 1 July of *years* (log10 FLOP)."""
    b = epoch.best_run_so_far(epoch.WORLD, [y + 0.5 for y in years])
    return pd.DataFrame({"year": b["time"], "value": b["log10_flop"]})


def country_record(country: str) -> pd.DataFrame:
    """A country's best run so far from its ``history_ai.csv`` (log10 FLOP; may be empty)."""
    ref = pd.read_csv(MODELS / country / "history_ai.csv")
    ref = ref[ref["name"] == "domestic_capability_log10"]
    return ref[["year", "value"]].reset_index(drop=True)


def _fit(
    series: list[tuple[doomloop.Model, str, pd.DataFrame]],
    names: list[str],
    ceilings: list[tuple[doomloop.Model, list[int]]],
) -> tuple[dict[str, float], dict[str, tuple[float, float]], np.ndarray]:
    model0 = series[0][0]
    logs = [model0.parameters[n].distribution == "lognormal" for n in names]
    lb = [
        math.log(max(model0.parameters[n].lower_bound, 1e-12))
        if lg
        else model0.parameters[n].lower_bound
        for n, lg in zip(names, logs, strict=True)
    ]
    ub = [
        math.log(model0.parameters[n].upper_bound) if lg else model0.parameters[n].upper_bound
        for n, lg in zip(names, logs, strict=True)
    ]
    z0 = [
        math.log(model0.parameters[n].value) if lg else model0.parameters[n].value
        for n, lg in zip(names, logs, strict=True)
    ]

    def decode(z: np.ndarray) -> np.ndarray:
        return np.array([math.exp(v) if lg else v for v, lg in zip(z, logs, strict=True)])

    def residuals(z: np.ndarray) -> np.ndarray:
        x = decode(z)[None, :]
        out = []
        for model, variable, ref in series:
            runs = evaluate(model, x, names, [variable], ref["year"].to_numpy(), backend="engine")
            out.append(runs.values[0, 0] - ref["value"].to_numpy())
        for model, years in ceilings:  # censored years: only a run above the threshold errs
            times = np.array(years) + 0.5
            runs = evaluate(model, x, names, ["domestic_capability_log10"], times, backend="engine")
            out.append(np.maximum(0.0, runs.values[0, 0] - CEILING_LOG10))
        return np.concatenate(out)

    res = least_squares(residuals, z0, bounds=(lb, ub), diff_step=1e-3, x_scale="jac")
    dof = max(len(res.fun) - len(names), 1)
    cov = (res.fun @ res.fun / dof) * np.linalg.pinv(res.jac.T @ res.jac)
    se = np.sqrt(np.diag(cov))
    x = decode(res.x)
    lo = decode(res.x - 1.96 * se)
    hi = decode(res.x + 1.96 * se)
    values = dict(zip(names, (float(v) for v in x), strict=True))
    ranges = {n: (float(a), float(b)) for n, a, b in zip(names, lo, hi, strict=True)}
    return values, ranges, res.fun


def main(argv: list[str]) -> None:
    if not argv or argv[0] not in ("frontier", "capability"):
        raise SystemExit(__doc__)
    if argv[0] == "frontier":
        names = ["frontier_log10_initial", "frontier_growth"]
        series = [(doomloop.load_model("japan"), "frontier_log10_compute", world_record())]
        ceilings = []
    else:
        names = argv[1:]
        records = {c: country_record(c) for c in COUNTRIES}
        series = [
            (doomloop.load_model(c), "domestic_capability_log10", ref)
            for c, ref in records.items()
            if not ref.empty  # India: Epoch holds no Indian-led large-scale run
        ]
        ceilings = [(doomloop.load_model(c), epoch.below_large_scale_years(c)) for c in COUNTRIES]
        ceilings = [(m, ys) for m, ys in ceilings if ys]
    values, ranges, fun = _fit(series, names, ceilings)
    for n in names:
        print(f"{n} = {values[n]:.4g}  (range {ranges[n][0]:.4g} to {ranges[n][1]:.4g})")
    start = 0
    for model, _, ref in series:
        r = fun[start : start + len(ref)]
        start += len(ref)
        print(f"{model.path.parent.name}: MAE {np.abs(r).mean():.2f} OOM over {len(ref)} points")
    for model, years in ceilings:
        r = fun[start : start + len(years)]
        start += len(years)
        above = [f"{y} (+{v:.2f})" for y, v in zip(years, r, strict=True) if v > 0]
        name = model.path.parent.name
        print(f"{name}: above 1e23 in censored years: {', '.join(above) or 'none'}")
    if argv[0] == "frontier":
        ref = world_record(range(2018, 2025))
        r = fun[-len(ref) :]
        print(f"world 2018-2024: MAE {np.abs(r).mean():.2f} OOM")


if __name__ == "__main__":
    main(sys.argv[1:])
