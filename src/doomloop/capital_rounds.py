"""Frontier capital against standing: the funding rounds behind ``capital_return_elasticity``.

The capability sector gives a country's largest effort ``capital_floor_share + (1 -
capital_floor_share) * perceived_standing ^ capital_return_elasticity`` (times openness and a
risk term) of a frontier lab's yearly funding: 1 for the frontier lab itself (its round is the
frontier budget), a floor far behind. Floor and exponent are fitted here, by least squares in
log10 space, to the 2023-2024 rounds of eight labs (``data/figures.csv`` rows
``ai_lab_round_*``, sources S70 and S74): y = log10(round / OpenAI's 2024 round of USD 6.6bn)
against the standing S = the lab's country's best run so far at the round's date / the world
record then, from Epoch's record (S45). :func:`line_fit` is the alternative a free line gives
(its top misses the leaders: it would put the frontier lab below its own frontier).

*Attribution by funder.* A run counts for the country of its lead organisation (Epoch rule
``"first"``, :data:`doomloop.epoch.ATTRIBUTION_RULE`, which every country's history uses too):
Google DeepMind's Gemini 1.0 Ultra, paid for with Alphabet's compute, counts for the United
States, not for the United Kingdom or France (under rule ``"any"`` France would read standing
1 through it, Canada PaLM). The two US labs read standing 1 (their country holds the record),
so the intercept is the leaders' own share, fitted, not forced.

Nothing in the fit is the model's output: it reads only the shipped data.
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import stats
from scipy.optimize import least_squares

from . import epoch
from .errors import DataError

FIGURES = Path(__file__).resolve().parent / "data" / "figures.csv"
#: The frontier lab's round every other round is measured against (S70, USD million).
LEADER_KEY = "ai_lab_round_openai"

#: (lab, figures.csv key, Epoch country of the lab's lead organisation, decimal date).
ROUNDS: tuple[tuple[str, str, str, float], ...] = (
    ("OpenAI", "ai_lab_round_openai", "United States of America", 2024.75),
    ("Anthropic", "ai_lab_round_anthropic_2024", "United States of America", 2024.50),
    ("Mistral AI", "ai_lab_round_mistral", "France", 2024.44),
    ("Moonshot AI", "ai_lab_round_moonshot", "China", 2024.16),
    ("Zhipu AI (2023)", "ai_lab_round_zhipu_2023", "China", 2023.79),
    ("Zhipu AI (Dec 2024)", "ai_lab_round_zhipu_2024", "China", 2024.95),
    ("Aleph Alpha", "ai_lab_round_aleph_alpha", "Germany", 2023.87),
    ("Sakana AI", "ai_lab_round_sakana", "Japan", 2024.70),
)


@dataclass(frozen=True)
class StandingFit:
    """share = floor + (1 - floor) * standing ^ elasticity, fitted in log10 space."""

    elasticity: float
    elasticity_low: float
    elasticity_high: float
    floor: float
    floor_low: float
    floor_high: float
    aic: float
    points: pd.DataFrame

    def share(self, standing: float | np.ndarray) -> float | np.ndarray:
        """The fitted share of a frontier lab's round at *standing*."""
        return self.floor + (1 - self.floor) * np.asarray(standing) ** self.elasticity

    def gain(self, standing: float | np.ndarray) -> float | np.ndarray:
        """d log10(share) / d log10(standing): the standing loop's gain when capital binds."""
        s = np.asarray(standing) ** self.elasticity
        return (1 - self.floor) * self.elasticity * s / (self.floor + (1 - self.floor) * s)


@dataclass(frozen=True)
class LineFit:
    """The alternative: log10(share) = log10(openness) + slope * log10(standing)."""

    slope: float
    slope_low: float
    slope_high: float
    openness: float
    aic: float


def _round_usd(key: str, column: str = "value") -> float:
    with FIGURES.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["key"] == key:
                return float(row[column] or row["value"])
    raise DataError(f"figures.csv has no row {key!r}; add it with its source (S70, S74)")


def _best(models: pd.DataFrame, country: str | None, t: float) -> tuple[float, str]:
    m = models[models["time"] <= t]
    if country is not None:
        first = epoch.ATTRIBUTION_RULE == "first"  # the histories' rule (one for both)
        m = m[m["countries"].map(lambda cs: country in (cs[:1] if first else cs))]
    if m.empty:
        raise DataError(f"Epoch holds no run led from {country!r} before {t:g}")
    best = m.loc[m["flop"].idxmax()]
    return float(best["flop"]), str(best["model"])


def standing_points(aleph_alpha: str = "value") -> pd.DataFrame:
    """One row per round: lab, standing (funder's country / world record), share of OpenAI's.

    *aleph_alpha* ``"high"`` counts Aleph Alpha's announced USD 500m+ package instead of its
    EUR 110m of equity (the sensitivity case).
    """
    models = epoch.load_models()
    ok = models["flop"].notna() & (models["flop"] > 0)
    models = models[ok & models["confidence"].isin(epoch.DEFAULT_CONFIDENCE)]
    leader = _round_usd(LEADER_KEY)
    rows = []
    for lab, key, country, t in ROUNDS:
        flop, run = _best(models, country, t)
        record, _ = _best(models, None, t)
        col = aleph_alpha if key == "ai_lab_round_aleph_alpha" else "value"
        usd = _round_usd(key, col)
        rows.append(
            {
                "lab": lab,
                "country": country,
                "time": t,
                "best_run": run,
                "standing": flop / record,
                "round_musd": usd,
                "share": usd / leader,
            }
        )
    return pd.DataFrame(rows)


def _aic(residuals: np.ndarray, k: int) -> float:
    n = len(residuals)
    return float(n * math.log(float(residuals @ residuals) / n) + 2 * k)


def standing_fit(aleph_alpha: str = "value") -> StandingFit:
    """Fit floor and elasticity; ranges are 95% t intervals from the Jacobian's covariance
    (the floor's in log10 space, transformed back)."""
    pts = standing_points(aleph_alpha)
    s = pts["standing"].to_numpy()
    y = np.log10(pts["share"].to_numpy())

    def residuals(q: np.ndarray) -> np.ndarray:
        floor = 10 ** q[0]
        return np.log10(floor + (1 - floor) * s ** q[1]) - y

    res = least_squares(residuals, [-1.5, 2.0], bounds=([-6.0, 0.0], [0.0, 10.0]))
    dof = len(y) - 2
    cov = float(res.fun @ res.fun) / dof * np.linalg.inv(res.jac.T @ res.jac)
    se = np.sqrt(np.diag(cov))
    t = float(stats.t.ppf(0.975, dof))
    return StandingFit(
        elasticity=float(res.x[1]),
        elasticity_low=float(res.x[1] - t * se[1]),
        elasticity_high=float(res.x[1] + t * se[1]),
        floor=10 ** float(res.x[0]),
        floor_low=10 ** float(res.x[0] - t * se[0]),
        floor_high=10 ** float(res.x[0] + t * se[0]),
        aic=_aic(res.fun, 2),
        points=pts,
    )


def line_fit(aleph_alpha: str = "value") -> LineFit:
    """The free line through the same points (ordinary least squares, 95% t interval)."""
    pts = standing_points(aleph_alpha)
    x = np.log10(pts["standing"].to_numpy())
    y = np.log10(pts["share"].to_numpy())
    r = stats.linregress(x, y)
    t = float(stats.t.ppf(0.975, len(x) - 2))
    return LineFit(
        slope=float(r.slope),
        slope_low=float(r.slope - t * r.stderr),
        slope_high=float(r.slope + t * r.stderr),
        openness=10 ** float(r.intercept),
        aic=_aic(r.intercept + r.slope * x - y, 2),
    )


def equilibrium_gap(fit_elasticity: float, drift: float) -> float:
    """The gap a loop of constant gain settles at when capital binds: drift / (1 - gain).

    *drift* is what one development cycle adds to the gap at standing 1 (the loop's c in the
    review's notation); with a gain below 1 the gap converges, at 1 or above it has no
    finite equilibrium (returns ``inf``).
    """
    if fit_elasticity >= 1:
        return math.inf
    return drift / (1 - fit_elasticity)


def loop_gain(run: pd.DataFrame, fit: StandingFit, year: float) -> float:
    """Gain of the standing loop (R4) in one year of a run: the change of the target run's
    log10 FLOP per unit change of log10 perceived standing.

    The share's own gain at the run's standing (:meth:`StandingFit.gain`) x the share of the
    largest effort's capital that frontier capital attracted x the binding limit's response
    to log capital (for capital, the share of the run its money buys beside its own cluster;
    0 for talent and for compute, which money cannot enlarge). *run* is a model run's frame
    (``Model.run()``, one run budget a year) with the capability sector's variables.
    """
    row = run[run.index >= year].iloc[0]
    attracted = row["frontier_development_budget"] * row["capital_attraction"]
    share = attracted / row["capital_for_largest_run"]
    limits = {
        "compute": row["compute_limited_log10"],
        "talent": row["talent_limited_log10"],
        "capital": row["capital_limited_log10"],
    }
    binding = min(limits, key=lambda k: limits[k])
    if binding != "capital":
        return 0.0
    bought = 1 - row["own_cluster_run_compute"] / 10 ** row["capital_limited_log10"]
    return float(fit.gain(row["perceived_standing"]) * share * bought)
