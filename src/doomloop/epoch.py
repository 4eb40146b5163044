"""The Epoch AI record of training runs: best run so far by country, the frontier, open weights.

``data/epoch/ai_models.csv`` is Epoch AI's *Notable AI Models* and *Large-Scale AI Models*
lists merged, every model published up to 31 December 2024 (CC BY 4.0, "Epoch AI (2025)";
source S45 in ``data/sources.md``). Later rows are withheld on purpose: the model's projection
is checked against them, so :func:`load_models` refuses a file that holds any.

Two rules decide which runs count for a country:

*Attribution* (``rule``). Epoch lists a model under the countries of all its organisations,
comma-separated, in the order of its organisation list (one organisation can carry two
countries: Google DeepMind is "United States of America,United Kingdom ...").

* ``"any"`` (the default, and Epoch's own country view): a model counts for a country when the
  country appears anywhere in its list. A country is credited with what teams it took part in
  could train, which is what "the best run a country's people and organisations reached"
  means; it over-credits junior partners (the UK gets Gemini 1.0 Ultra through Google
  DeepMind's London side).
* ``"first"``: only the first country listed counts (the lead organisation's). It under-credits
  genuine joint work. :func:`attribution_effect` reports where the two rules differ.

*Confidence* (``confidence``). Epoch grades each compute estimate ``Confident``, ``Likely`` or
``Speculative`` (in decreasing precision); it labels some estimates ``Unverified`` (not yet
verified by Epoch) or ``Unknown`` (ungradable), and older notable rows carry no grade (an empty
cell). :data:`DEFAULT_CONFIDENCE` counts
the three graded levels plus ``Unverified`` and ungraded rows, and drops ``Unknown``: the
closed frontier models are nearly all ``Speculative`` (their developers publish no compute), so
dropping Speculative would drop the frontier; Japan's largest run, PLaMo-100B (1.2e24 FLOP,
2024-06), is ``Unverified``. :data:`STRICT_CONFIDENCE` (Confident and Likely only) is the
sensitivity case; :func:`best_run_table` gives both.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from .errors import DataError

EPOCH_DIR = Path(__file__).resolve().parent / "data" / "epoch"
MODELS_CSV = EPOCH_DIR / "ai_models.csv"
#: The last publication date the repository holds (later rows are validation data).
CUTOFF = pd.Timestamp("2024-12-31")
#: Epoch's country names of the five modelled countries; "world" is the best of any country.
COUNTRIES: dict[str, str] = {
    "japan": "Japan",
    "korea": "Korea (Republic of)",
    "usa": "United States of America",
    "uk": "United Kingdom of Great Britain and Northern Ireland",
    "india": "India",
}
WORLD = "world"
RULES = ("any", "first")
DEFAULT_CONFIDENCE: tuple[str, ...] = ("Confident", "Likely", "Speculative", "Unverified", "")
STRICT_CONFIDENCE: tuple[str, ...] = ("Confident", "Likely")
LEVELS = ("Confident", "Likely", "Speculative", "Unverified", "Unknown", "")
_COLUMNS = ("model", "publication_date", "organization", "country", "training_compute_flop")


def decimal_year(dates: pd.Series) -> pd.Series:
    """Dates as decimal years (1 January = .0), the model's time axis."""
    d = pd.to_datetime(dates)
    days = np.where(d.dt.is_leap_year, 366.0, 365.0)
    return d.dt.year + (d.dt.day_of_year - 1) / days


@lru_cache(maxsize=4)
def _read(path: Path) -> pd.DataFrame:
    if not path.is_file():
        raise DataError(f"Epoch model data {path} not found; the package ships it at {MODELS_CSV}")
    df = pd.read_csv(path, dtype={"confidence": str, "accessibility": str}, keep_default_na=False)
    missing = [c for c in _COLUMNS if c not in df.columns]
    if missing:
        raise DataError(f"{path}: missing column(s) {', '.join(missing)}; expected Epoch's columns")
    df["date"] = pd.to_datetime(df["publication_date"], errors="coerce")
    late = df[df["date"] > CUTOFF]
    if not late.empty:
        first = late.iloc[0]
        raise DataError(
            f"{path}: {len(late)} model(s) published after {CUTOFF.date()} (first: "
            f"{first['model']}, {first['publication_date']}); Epoch rows after 2024 are held "
            "back as validation data: remove them"
        )
    df = df[df["date"].notna()].copy()
    df["flop"] = pd.to_numeric(df["training_compute_flop"].replace("", np.nan), errors="coerce")
    df["time"] = decimal_year(df["date"])
    df["countries"] = df["country"].map(lambda s: tuple(c.strip() for c in s.split(",") if c))
    return df.reset_index(drop=True)


def load_models(path: str | Path | None = None) -> pd.DataFrame:
    """Epoch's model rows with ``date``, ``time`` (decimal year), ``flop`` and ``countries``.

    Raises
    ------
    DataError
        The file is missing, lacks Epoch's columns, or holds models published after 2024.
    """
    return _read(Path(path) if path is not None else MODELS_CSV).copy()


def _check(country: str, rule: str, confidence: tuple[str, ...]) -> None:
    if country != WORLD and country not in COUNTRIES:
        raise DataError(f"unknown country {country!r}; use one of {', '.join([*COUNTRIES, WORLD])}")
    if rule not in RULES:
        raise DataError(f"attribution rule {rule!r} unknown; use 'any' or 'first'")
    bad = [c for c in confidence if c not in LEVELS]
    if bad:
        raise DataError(
            f"confidence level(s) {', '.join(map(repr, bad))} unknown; Epoch's levels are "
            f"{', '.join(map(repr, LEVELS))} ('' = ungraded)"
        )


def attributed(
    models: pd.DataFrame,
    country: str,
    rule: str = "any",
    confidence: tuple[str, ...] = DEFAULT_CONFIDENCE,
) -> pd.DataFrame:
    """The rows of *models* with a compute estimate that count for *country* under the rules."""
    _check(country, rule, confidence)
    ok = models["flop"].notna() & (models["flop"] > 0)
    ok &= models["confidence"].isin(confidence)
    if country != WORLD:
        name = COUNTRIES[country]
        if rule == "any":
            ok &= models["countries"].map(lambda cs: name in cs)
        else:
            ok &= models["countries"].map(lambda cs: bool(cs) and cs[0] == name)
    return models[ok]


def best_run_so_far(
    country: str,
    times: list[float] | np.ndarray,
    rule: str = "any",
    confidence: tuple[str, ...] = DEFAULT_CONFIDENCE,
    models: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The largest training run published before each of *times* (decimal years).

    Returns one row per time: ``time``, ``flop``, ``log10_flop`` (NaN before the first run),
    ``model``, ``organization``, ``publication_date``, ``confidence``.
    """
    m = attributed(load_models() if models is None else models, country, rule, confidence)
    m = m.sort_values(["time", "flop"])
    rows = []
    for t in np.asarray(times, dtype=float):
        if t > decimal_year(pd.Series([CUTOFF])).iloc[0] + 1.0 / 365:
            raise DataError(
                f"time {t:g} is after {CUTOFF.date()}: the Epoch record after 2024 is held back"
            )
        past = m[m["time"] <= t]
        if past.empty:
            rows.append({"time": t, "flop": math.nan, "log10_flop": math.nan})
            continue
        best = past.loc[past["flop"].idxmax()]
        rows.append(
            {
                "time": t,
                "flop": float(best["flop"]),
                "log10_flop": math.log10(float(best["flop"])),
                "model": best["model"],
                "organization": best["organization"],
                "publication_date": best["publication_date"],
                "confidence": best["confidence"],
            }
        )
    return pd.DataFrame(rows)


def best_run_table(
    years: range = range(2018, 2025),
    at: float = 0.5,
    countries: tuple[str, ...] = (*COUNTRIES, WORLD),
) -> pd.DataFrame:
    """log10 FLOP of the best run so far at *years* + *at*, under both rules and both filters.

    Columns: ``country``, ``year``, ``time``, ``rule``, ``confidence`` ("default" or
    "strict"), ``log10_flop``, ``model``.
    """
    models = load_models()
    out = []
    for c in countries:
        for rule in RULES if c != WORLD else ("any",):
            for label, levels in (("default", DEFAULT_CONFIDENCE), ("strict", STRICT_CONFIDENCE)):
                t = [y + at for y in years]
                b = best_run_so_far(c, t, rule, levels, models)
                b.insert(0, "year", list(years))
                b.insert(0, "confidence_filter", label)
                b.insert(0, "rule", rule)
                b.insert(0, "country", c)
                out.append(b)
    return pd.concat(out, ignore_index=True)


def attribution_effect(years: range = range(2018, 2025), at: float = 0.5) -> pd.DataFrame:
    """Where "first organisation only" changes a country's best run so far (default filter).

    One row per (country, year) whose best run differs: both models and the change in log10.
    """
    t = best_run_table(years, at, tuple(COUNTRIES))
    t = t[t["confidence_filter"] == "default"]
    a = t[t["rule"] == "any"].set_index(["country", "year"])
    f = t[t["rule"] == "first"].set_index(["country", "year"])
    df = pd.DataFrame(
        {
            "any_model": a["model"],
            "any_log10": a["log10_flop"],
            "first_model": f["model"],
            "first_log10": f["log10_flop"],
        }
    )
    df["change_log10"] = df["first_log10"] - df["any_log10"]
    differs = (df["any_model"].fillna("") != df["first_model"].fillna("")) | (
        df["change_log10"].abs() > 1e-12
    )
    return df[differs].reset_index()


@dataclass(frozen=True)
class GrowthFit:
    """An OLS fit of log10 FLOP of record-setting runs against time."""

    start: float
    stop: float
    n: int
    slope: float  # OOM per year
    low: float  # 95% interval of the slope
    high: float

    @property
    def factor(self) -> float:
        """Growth factor per year, 10 ** slope."""
        return 10.0**self.slope


def records(
    confidence: tuple[str, ...] = DEFAULT_CONFIDENCE, models: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The runs that set a new world record of training compute when published, in order."""
    m = attributed(load_models() if models is None else models, WORLD, "any", confidence)
    m = m.sort_values(["time", "flop"], ascending=[True, False])
    best = -math.inf
    keep = []
    for i, f in zip(m.index, m["flop"], strict=True):
        if f > best:
            keep.append(i)
            best = f
    return m.loc[keep]


def frontier_models(
    top: int = 10,
    confidence: tuple[str, ...] = DEFAULT_CONFIDENCE,
    models: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Models among the *top* largest training runs published up to their own release date.

    Epoch's definition of a frontier model (top 10 by training compute when released); the
    trend through them is steadier than through single records, which jump (AlphaGo Zero, a
    game-playing run of 2017, stood as the record until 2022).
    """
    m = attributed(load_models() if models is None else models, WORLD, "any", confidence)
    m = m.sort_values(["time", "flop"], ascending=[True, False])
    flops = m["flop"].to_numpy()
    keep = [i for i, idx in enumerate(m.index) if int(np.sum(flops[:i] > flops[i])) < top]
    return m.iloc[keep]


def frontier_growth(
    start: float,
    stop: float,
    confidence: tuple[str, ...] = DEFAULT_CONFIDENCE,
    top: int = 10,
) -> GrowthFit:
    """OLS slope (OOM/year) of log10 FLOP of :func:`frontier_models` published in [start, stop).

    The 95% interval is the slope's t interval (Student t, n - 2 degrees of freedom).
    Raises :class:`DataError` when fewer than three models fall in the window.
    """
    from scipy import stats

    r = frontier_models(top, confidence)
    r = r[(r["time"] >= start) & (r["time"] < stop)]
    if len(r) < 3:
        raise DataError(f"only {len(r)} frontier runs in {start:g}-{stop:g}; widen the window")
    fit = stats.linregress(r["time"], np.log10(r["flop"]))
    half = float(stats.t.ppf(0.975, len(r) - 2)) * float(fit.stderr)
    return GrowthFit(start, stop, len(r), float(fit.slope), fit.slope - half, fit.slope + half)


def staircase_discrepancy(
    years: range = range(2010, 2025),
    at: float = 0.5,
    country: str = WORLD,
    models: pd.DataFrame | None = None,
) -> float:
    """How far a best-run-so-far record lies from any smooth exponential path: the residual
    standard deviation (OOM, n - 2 degrees of freedom) of log10 FLOP of *country*'s best run
    at *years* + *at* about its own least-squares line.

    A record is a running maximum of discrete runs: flat while a large run stands (AlphaGo
    Zero, 2017, until 2022), then a jump. A stock that grows smoothly, as the model's frontier
    and best domestic model do, cannot follow the steps, so this is how far a smooth model must
    miss the record whatever its parameters, the estimates' own error included: the tolerance
    of a best-run observation in a history match (:mod:`doomloop.analysis.history_match`). The
    world's record is the longest; the countries' (a few years each) are too short to measure
    it. Rule ``"any"`` for the world,
    :data:`ATTRIBUTION_RULE` for a country.
    """
    rule = "any" if country == WORLD else ATTRIBUTION_RULE
    best = best_run_so_far(country, [y + at for y in years], rule=rule, models=models)
    ok = best["log10_flop"].notna().to_numpy()
    t = np.asarray(list(years), dtype=float)[ok]
    y = best["log10_flop"].to_numpy()[ok]
    if len(t) < 3:
        raise DataError(f"only {len(t)} years of {country}'s record in {years}; widen the window")
    return float(np.sqrt(_about_line(t, y) / (len(t) - 2)))


def _about_line(t: np.ndarray, y: np.ndarray) -> float:
    """The sum of squares of *y* about its least-squares line in *t*."""
    return float(np.sum((y - np.polyval(np.polyfit(t, y, 1), t)) ** 2))


def gap_spread(countries: tuple[str, ...] = ("uk", "korea"), at: float = 0.5) -> float:
    """The spread (OOM) of the gap between the world's best run and a country's about its own
    least-squares line, pooled over *countries* (residual standard deviation, n - 2 degrees of
    freedom each), in the years of each country's series (:func:`best_run_start` to 2024).

    The default leaves out the US, whose record is the world's (its gap is 0 by construction,
    not by measurement), Japan (one year) and India (none). Two records that step together
    leave their gap smoother than either: the world's record lies 0.66 OOM from a smooth path
    (:func:`staircase_discrepancy`), the UK's and Korea's gaps to it about 0.4.
    """
    ssr, dof = 0.0, 0
    for c in countries:
        start = best_run_start(c, at)
        if start is None:
            raise DataError(f"{c} has no series of its own (no large-scale run to 2024)")
        years = list(range(start, LAST_YEAR + 1))
        if len(years) < 3:
            raise DataError(f"{c}'s series has {len(years)} years; at least 3 give a spread")
        times = [y + at for y in years]
        own = best_run_so_far(c, times, rule=ATTRIBUTION_RULE)["log10_flop"].to_numpy()
        world = best_run_so_far(WORLD, times)["log10_flop"].to_numpy()
        t, g = np.asarray(years, dtype=float), world - own
        ssr += _about_line(t, g)
        dof += len(years) - 2
    return float(np.sqrt(ssr / dof))


def open_weight_lag(
    since: float = 2020.0, confidence: tuple[str, ...] = DEFAULT_CONFIDENCE
) -> pd.DataFrame:
    """How long each world record took to be matched by an open-weight model.

    For each record-setting run published from *since* on (Epoch's ``accessibility`` column is
    filled for the Large-Scale list only, runs of 1e23 FLOP or more, so earlier records lack
    it), the first model with open weights (any ``Open weights ...`` level) and at least the
    record's compute. ``lag_years`` is NaN where none had matched it by the end of 2024.
    """
    models = load_models()
    r = records(confidence, models)
    r = r[(r["time"] >= since) & (r["flop"] >= 1e23)]
    m = attributed(models, WORLD, "any", confidence)
    open_ = m[m["accessibility"].str.startswith("Open weights")].sort_values("time")
    rows = []
    for _, rec in r.iterrows():
        later = open_[(open_["flop"] >= rec["flop"]) & (open_["time"] >= rec["time"])]
        hit = later.iloc[0] if not later.empty else None
        rows.append(
            {
                "record": rec["model"],
                "record_date": rec["publication_date"],
                "record_log10": math.log10(rec["flop"]),
                "record_access": rec["accessibility"],
                "open_model": None if hit is None else hit["model"],
                "open_date": None if hit is None else hit["publication_date"],
                "lag_years": math.nan if hit is None else float(hit["time"] - rec["time"]),
            }
        )
    return pd.DataFrame(rows)


def open_weight_gap(years: range = range(2020, 2025), at: float = 0.5) -> pd.DataFrame:
    """log10 of the best run so far against the best open-weight run so far, by year."""
    models = load_models()
    open_models = models[models["accessibility"].str.startswith("Open weights")]
    t = [y + at for y in years]
    allm = best_run_so_far(WORLD, t, models=models)
    openm = best_run_so_far(WORLD, t, models=open_models)
    return pd.DataFrame(
        {
            "year": list(years),
            "frontier_log10": allm["log10_flop"],
            "frontier_model": allm["model"],
            "open_log10": openm["log10_flop"],
            "open_model": openm["model"],
            "gap_oom": allm["log10_flop"] - openm["log10_flop"],
        }
    )


#: A country's best-run series starts in the first year (2018 or later) whose 1 July record
#: holds a run of at least this much compute, Epoch's large-scale threshold (S141): Epoch tracks
#: every model it can find above 1e23 FLOP on an ongoing basis, while below it the database holds
#: only notable models (state of the art, highly cited, historically significant), so a
#: country's smaller national runs are missing and its best run so far is a lower bound only.
#: Japan's record under :data:`ATTRIBUTION_RULE` shows BERT-RBP (a Waseda protein-RNA model of
#: 1.4e20 FLOP) as its best run in mid-2022 and mid-2023, while Japanese companies trained
#: language models then that Epoch does not list. This gives Japan 2024 (PLaMo-100B), Korea
#: 2022 (EXAONE 1.0), the UK 2018 (AlphaGo Zero), the US 2020 (GPT-3) and India no year.
LARGE_SCALE_FLOP = 1e23
FRONTIER_START = 2018
LAST_YEAR = 2024
#: figures.csv's country names of the modelled countries.
FIGURES_COUNTRY = {
    "japan": "Japan",
    "korea": "South Korea",
    "usa": "United States",
    "uk": "United Kingdom",
    "india": "India",
}
SOURCE = "S45 Epoch AI (2025), CC BY 4.0"


def _figure_rows(country: str, key: str, variable: str, scale: float) -> list[dict[str, object]]:
    from .analysis.calibration import DEFAULT_FIGURES

    fig = pd.read_csv(DEFAULT_FIGURES, dtype=str, keep_default_na=False)
    part = fig[(fig["key"] == key) & (fig["country"] == FIGURES_COUNTRY[country])]
    rows = []
    for _, r in part.sort_values("year").iterrows():
        rows.append(
            {
                "name": variable,
                "year": float(r["year"]),
                "value": float(r["value"]) * scale,
                "weight": 1.0,
                "source": r["source"].split(" ")[0],
                "note": f"figures.csv {key} ({r['unit']}): {r['source']}",
            }
        )
    return rows


def _short(organizations: str, keep: int = 2) -> str:
    """The first *keep* organisations of a comma-separated list, and how many more."""
    names = organizations.split(",")
    more = len(names) - keep
    return ",".join(names[:keep]) + (f" and {more} more" if more > 0 else "")


#: The attribution rule of every country's history (``history_ai.csv``) and of the capital
#: fit (:mod:`doomloop.capital_rounds`): a run counts for its lead organisation's country,
#: Epoch's first-listed one. The model's best domestic run is what one country's effort can
#: fund and gather, and the funding rounds are read against their funder's country, so the
#: two must credit runs alike: Google DeepMind's Gemini 1.0 Ultra, trained on Alphabet's
#: compute, is the United States' (under ``"any"`` the UK, France and Canada would read
#: the frontier through their junior partners). Under it the UK's 2024 point is DeepMind's
#: Gopher (6.3e23 FLOP, not Gemini 1.0 Ultra), Japan's series starts in 2024 (LUKE, led by
#: the University of Washington, is not Japan's) and India has no series: Epoch holds no
#: Indian-led run of :data:`LARGE_SCALE_FLOP` before 2025 (StarCoder counted under "any").
ATTRIBUTION_RULE = "first"


def best_run_start(country: str, at: float = 0.5, rule: str = ATTRIBUTION_RULE) -> int | None:
    """The first year from 2018 whose record at *at* holds a run of :data:`LARGE_SCALE_FLOP`
    (None if no year to 2024 does)."""
    years = list(range(FRONTIER_START, LAST_YEAR + 1))
    best = best_run_so_far(country, [y + at for y in years], rule=rule)
    for y, f in zip(years, best["flop"], strict=True):
        if f >= LARGE_SCALE_FLOP:
            return y
    return None


def below_large_scale_years(country: str, at: float = 0.5) -> list[int]:
    """Years from 2018 to 2024 whose record at *at* holds no run of :data:`LARGE_SCALE_FLOP`
    for *country* (rule :data:`ATTRIBUTION_RULE`): Epoch's large-scale tracking says the
    country's best run then was below the threshold, though not how far (a censored record)."""
    start = best_run_start(country, at)
    return list(range(FRONTIER_START, (LAST_YEAR + 1) if start is None else start))


def history_rows(country: str, at: float = 0.5) -> pd.DataFrame:
    """The AI-side reference rows of a country model (its ``history_ai.csv``).

    * ``domestic_capability_log10``: log10 FLOP of the country's best run so far (rule
      :data:`ATTRIBUTION_RULE`, default confidence) at 1 July (*at* = 0.5) of each year from
      :func:`best_run_start` to 2024 (none where no year has a large-scale run);
    * ``frontier_log10_compute``: the same for the world (best of any country), 2018-2024;
    * ``frontier_gap_oom``: the world's best run over the country's, in orders of magnitude, in
      the years of the country's series (its own observation: the two records step together,
      so the gap's spread about a smooth path is smaller than either's; :func:`gap_spread`);
    * ``private_ai_investment`` (USD a year) from ``figures.csv`` where it has the country and
      the model's ``history.csv`` does not already hold it (Japan's does).
    """
    if country not in COUNTRIES:
        raise DataError(f"unknown country {country!r}; use one of {', '.join(COUNTRIES)}")
    rows: list[dict[str, object]] = []
    models = load_models()
    start = best_run_start(country)
    series = [("frontier_log10_compute", WORLD, FRONTIER_START, "any")]
    if start is not None:  # India: no Indian-led large-scale run to 2024, so no series
        series.insert(0, ("domestic_capability_log10", country, start, ATTRIBUTION_RULE))
    bests: dict[str, pd.DataFrame] = {}
    for variable, who, start, rule in series:
        years = list(range(start, LAST_YEAR + 1))
        best = best_run_so_far(who, [y + at for y in years], rule=rule, models=models)
        bests[variable] = best
        for _, b in best.iterrows():
            rows.append(
                {
                    "name": variable,
                    "year": round(float(b["time"]), 6),
                    "value": round(float(b["log10_flop"]), 6),
                    "weight": 1.0,
                    "source": SOURCE,
                    "note": f"best run published by 1 July: {b['model']} "
                    f"({_short(b['organization'])}, {b['publication_date']}, "
                    f"{b['flop']:.3g} FLOP, {b['confidence'] or 'ungraded'})",
                }
            )
    if "domestic_capability_log10" in bests:
        world = bests["frontier_log10_compute"].set_index("time")
        for _, b in bests["domestic_capability_log10"].iterrows():
            w = world.loc[b["time"]]
            rows.append(
                {
                    "name": "frontier_gap_oom",
                    "year": round(float(b["time"]), 6),
                    "value": round(float(w["log10_flop"]) - float(b["log10_flop"]), 6),
                    "weight": 1.0,
                    "source": SOURCE,
                    "note": f"the world's best run by 1 July ({w['model']}) over the "
                    f"country's ({b['model']})",
                }
            )
    if country != "japan":
        rows += _figure_rows(country, "private_ai_investment", "private_ai_investment", 1e9)
    return pd.DataFrame(rows, columns=["name", "year", "value", "weight", "source", "note"])


#: GPT-4's training compute cost, USD 78m (2023 USD, AI Index 2024 from Epoch's estimates,
#: S46) for 2.1e25 FLOP published 2023-03-15: the anchor of the cost per FLOP.
ANCHOR_COST_USD = 78e6
ANCHOR_FLOP = 2.1e25
ANCHOR_DATE = "2023-03-15"
#: Price-performance of GPUs used in ML, OOM per year, and its 95% interval (S47).
PRICE_PERFORMANCE_OOM = (0.146, 0.096, 0.195)


def frontier_run_cost(years: range = range(2018, 2025), at: float = 0.5) -> pd.DataFrame:
    """The cost of the frontier run by year: its compute over the price-performance of compute.

    ``cost = F(t) * c0 * 10 ** (-g * (t - t0))`` with F the world's best run so far
    (:func:`best_run_so_far`), c0 = USD 78m / 2.1e25 FLOP (GPT-4, S46) at t0 = 2023-03-15, and
    g the ML-GPU price-performance trend, 0.146 OOM a year (S47); ``low`` and ``high`` use
    the trend's 95% interval (faster improvement, lower cost). The cost is the final run's
    compute only (Cottier et al. put R&D staff at 29-49% of development on top, S46).
    """
    t0 = float(decimal_year(pd.Series([ANCHOR_DATE])).iloc[0])
    c0 = ANCHOR_COST_USD / ANCHOR_FLOP
    t = [y + at for y in years]
    best = best_run_so_far(WORLD, t)
    g, g_low, g_high = PRICE_PERFORMANCE_OOM
    dt = np.asarray(t) - t0
    flop = best["flop"].to_numpy()
    return pd.DataFrame(
        {
            "year": list(years),
            "model": best["model"],
            "flop": flop,
            "usd_per_flop": c0 * 10 ** (-g * dt),
            "cost_usd": flop * c0 * 10 ** (-g * dt),
            "low_usd": flop * c0 * 10 ** (-g_high * dt),
            "high_usd": flop * c0 * 10 ** (-g_low * dt),
        }
    )
