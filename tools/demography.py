"""The population sector: UN WPP 2024 inputs reshaped, and the cohort equations built from them.

Data-heavy, so generated in code; ``tools/build_models.py`` calls :func:`population_sector`
with :func:`demography` of a country. The rest of the model reads its outputs by name
(``population_20_24``, ``population_15_64``, ``population_total``, ...).

Structure (issue 14). People are kept by sex in **single-year age slots**: ``born`` (the
cohort being born this year), ``a0`` ... ``a99`` (completed age at the last 1 July) and the
open group ``a100plus``. Model time Y is 1 July Y. In the last time step of each year every
slot hands its people on to the next (``ageing_out`` / ``ageing_in``, the whole slot in one
step), so a cohort ages exactly one year per year at any dt that divides a year, and every
age-group boundary is crossed by one single-year cohort at a time (no five-year saw-tooth).
Each slot's rates are read along its own segment of one table per rate
(:func:`rate_tables`), at the middle of the time step.

* **History 1970-2020 is data.** The slots start from WPP's 1 July 1970 population (five-year
  groups split into single years; ages 0-19 by the births of their birth years, annual TFR
  times women of childbearing age, and their survival since, so Japan's 1966 dip is there).
  From 1970 to 2020 each slot gets a net migration rate that is linear in age between knots
  at ages 0, 5, ..., 100 and linear in time between period midpoints, solved on the model's
  own time grid (:func:`residual_coefficients`) so that every WPP age group (0-4 ... 95-99,
  100+) is WPP's estimate at every data year 1975, ..., 2020 (the residual of the
  cohort-component balance). From mid-2017 (the last period's midpoint) to 2020 the
  residual hands over linearly to WPP's annual net migration totals by the age-sex
  pattern of WPP's estimated years 2020-2022 (:func:`migration_by_year`;
  ``population_handover_weight``), so net migration meets WPP's annual
  path at 1 July 2020 rather than stepping to it (Japan: 318k a year in 2019, 42k in 2020).
* **2020 to 2024 is data too.** WPP's estimates run to 1 January 2024 but its population by
  age only to 1 July 2020, and its five-year rates of 2020-2025 average the COVID years
  away (India's deaths of 2021 were 48% above them). From 1 July 2020 to 1 January 2024
  births, deaths and net migration are WPP's estimates of each calendar year (a year from
  1 July takes half of each of the two; the last half year half of 2023's): a births
  factor, a death-rate factor and a net migration correction, linear in time between
  knots, none at either end (:func:`observed_inputs`, solved on the model's grid). So the
  population is WPP's on 1 July 2021-2023 (the mean of its 1 January values) and on
  1 January 2024.
* **Projection from 1 July 2020** (WPP's inputs as they are from 1 January 2024), with
  WPP's medium-variant inputs: mortality by age (age 0
  and 1-4 apart, the infant hazard giving the life table's survival to age one,
  log-linear between the other groups' midpoints) at the level of each year's WPP life
  expectancy at birth (:func:`mortality_level`: the five-year rates of 2020-2025 hold the
  COVID years), annual TFR with each period's five-year group rates, births over exposure
  (:func:`tfr_composition`), applied to the women in each group, sex ratio at birth, and
  the annual net migration total spread by WPP's single-year age-sex pattern of each
  calendar year, counted by birth year as WPP counts it (:func:`migration_share`).
  Measured against WPP 2024's published medium projection (which the repository does not
  hold), every broad group of the five countries 2025-2050 is within 0.19% (Korea 0-14
  2040 -0.18%); with the five-year migration pattern spread within groups, the annual TFR
  on the five-year pattern and the five-year mortality the worst cell was -0.60% (US 0-14
  2050).
* The uncertainty multipliers ramp in from 2024, the first year WPP's inputs are projections
  (``population_uncertainty_weight``): what happened before is data, not a random variable.
"""

from __future__ import annotations

import csv
import functools
import math
from collections import defaultdict
from pathlib import Path

import numpy as np
from scipy.interpolate import PchipInterpolator
from sdvar import Var

ROOT = Path(__file__).resolve().parents[1]
PKG = ROOT / "src" / "doomloop"
WPP = PKG / "data" / "wpp2024"

START, STOP, DT = 1970, 2060, 0.0625
LAST_ESTIMATE = 2020  # last WPP population by age (1 July): population_last_estimate_year
PROJECTED_INPUTS = 2024  # first year of WPP's projected inputs: population_projection_start_year
TABLE_ORIGIN = 1960  # time origin of the rate tables: population_table_origin_year
OPEN_AGE = 100
DIM = "Age"
SLOT_AGES = [-1, *range(OPEN_AGE)] + [OPEN_AGE]  # born, a0 ... a99, a100plus
ELEMENTS = ["born"] + [f"a{k}" for k in range(OPEN_AGE)] + [f"a{OPEN_AGE}plus"]
N = len(ELEMENTS)
OPEN = N - 1
POP_GROUPS = [f"{a}-{a + 4}" for a in range(0, 100, 5)] + ["100+"]
MORT_GROUPS = ["0", "1-4"] + POP_GROUPS[1:]
# Mid-age knots of the log-linear death-rate curve for the groups from 1-4 on (1-4 is flat
# from mid-age 1.5 to 4.5; 5-9 ... 95-99 at their midpoints; 100+ held from 102.5).
MORT_KNOTS = [4.5] + [5 * k + 2.5 for k in range(1, 21)]
FERT_AGES = list(range(15, 50))
FERT_GROUPS = [f"{a}-{a + 4}" for a in range(15, 50, 5)]
HISTORY_PERIODS = list(range(START, LAST_ESTIMATE, 5))
MIG_PERIODS = list(range(LAST_ESTIMATE, STOP, 5))
SEXES = (("female", "f"), ("male", "m"))
# Residual migration knots: ages 0, 5, ..., 100 (held beyond); period midpoints in time
RES_AGE_KNOTS = np.arange(0.0, 101.0, 5.0)
# WPP's open group 100+ of a sex is met on its own at a data year where it holds this many
# people at least; below, 95+ is met as one group (Korea's men 100+: 0, 2, 1, 2, 5 in
# 1975-1995, counts that only absurd rates would follow)
OPEN_FIT_MIN = 100.0
RES_TIME_KNOTS = np.array([p + 2.5 for p in HISTORY_PERIODS])
# From the last period's midpoint the residual hands over to WPP's annual net migration
# totals (by the age-sex pattern of 2020-2022), linearly, so that net migration meets WPP's at
# LAST_ESTIMATE without a step: population_handover_weight
HANDOVER = float(RES_TIME_KNOTS[-1])
# From LAST_ESTIMATE to 1 January 2024 (model time 2023.5, the end of WPP 2024's estimates)
# births, deaths and net migration are each WPP's estimate (vital_events_annual.csv,
# migration_totals_annual.csv): over each year from 1 July 2020 to 1 July 2023 the mean of
# the two calendar years' (so the population on 1 July 2021-2023 is WPP's mid-year, the
# mean of its two 1 January values), and over the first half of 2023 half of 2023's (so
# the population on 1 January 2024 is WPP's last estimate): factors on the births and death
# rates and a correction to net migration, linear in time between knots at the middle of
# each span, from none at LAST_ESTIMATE to none at OBSERVED_END (no step either side)
OBSERVED_END = 2023.5
OBSERVED_LAST_YEAR = 2023  # WPP's last estimated calendar year
OBSERVED_SPANS = ((2020.0, 2021.0), (2021.0, 2022.0), (2022.0, 2023.0), (2023.0, 2023.5))
OBSERVED_KNOTS = (float(LAST_ESTIMATE), *((a + b) / 2 for a, b in OBSERVED_SPANS), OBSERVED_END)
OBSERVED_FLOWS = ("births", "deaths", "migration")


def g6(x: float) -> float:
    """A value as the model file holds it (graphical-function points have 6 digits)."""
    return float(f"{x:.6g}")


# --------------------------------------------------------------------------------------------
# data
# --------------------------------------------------------------------------------------------


def _rows(name: str, country: str) -> list[dict[str, str]]:
    with (WPP / name).open(newline="", encoding="utf-8") as fh:
        return [r for r in csv.DictReader(fh) if r["country"] == country]


def split_cumulative(groups: np.ndarray | list[float], width: int = 5) -> np.ndarray:
    """Single years from consecutive groups of *width* years: a monotone (PCHIP) spline
    through the cumulative count keeps every group's total and never gives a negative age."""
    g = np.asarray(groups, dtype=float)
    knots = np.arange(0, width * len(g) + 1, width)
    c = PchipInterpolator(knots, np.concatenate([[0.0], np.cumsum(g)]))(np.arange(knots[-1] + 1))
    return np.maximum(np.diff(c), 0.0)


def _populations(country: str) -> dict[int, dict[str, list[float]]]:
    out: dict[int, dict[str, list[float]]] = defaultdict(lambda: {"female": [], "male": []})
    tab: dict[tuple[int, str, str], float] = {}
    for r in _rows("population_by_age.csv", country):
        tab[(int(r["year"]), r["sex"], r["age_group"])] = float(r["population"])
    for (year, sex, _), _v in tab.items():
        out[year][sex] = [tab[(year, sex, g)] for g in POP_GROUPS]
    return dict(out)


def _birth_weights(country: str, women: np.ndarray) -> np.ndarray:
    """Relative births of the cohorts aged 0-19 on 1 July START (born 1 July START-1-x to 1
    July START-x): the mean of the two calendar years' annual TFR times the women of
    childbearing age then, weighted by that period's age pattern of fertility. The women
    aged a in year y are those aged a + START - y in START (deaths between are smooth in y)."""
    tfr = {int(r["year"]): float(r["tfr"]) for r in _rows("fertility_annual.csv", country)}
    pat: dict[int, np.ndarray] = defaultdict(lambda: np.zeros(len(FERT_AGES)))
    for r in _rows("fertility_age_pattern.csv", country):
        lo = int(r["age_group"].split("-")[0]) - 15
        pat[int(r["year_start"])][lo : lo + 5] = float(r["percent_asfr"]) / 500

    def births(y: int) -> float:
        ages = np.asarray(FERT_AGES) + START - y
        return tfr[y] * float(pat[y - (y % 5)] @ women[ages])

    return np.array([(births(START - 1 - x) + births(START - x)) / 2 for x in range(20)])


def _survival_to_ages(country: str, sex: str) -> np.ndarray:
    """Share of births surviving to mid-age x + 0.5 (x = 0..19) at the death rates of WPP's
    period before START (ages 0 and 1-4 apart; constant within each group)."""
    m = {r["age_group"]: float(r["mx"]) for r in _rows("mortality_by_age.csv", country)
         if r["sex"] == sex and int(r["year_start"]) == START - 5}  # fmt: skip
    spans = [("0", 0, 1), ("1-4", 1, 5)] + [(f"{a}-{a + 4}", a, a + 5) for a in (5, 10, 15)]
    ages = np.arange(20) + 0.5
    hazard = sum(m[g] * np.clip(ages - lo, 0, hi - lo) for g, lo, hi in spans)
    return np.exp(-hazard)


def initial_population(country: str, groups: dict[str, list[float]]) -> dict[str, np.ndarray]:
    """Single years 0-99 and the open 100+ group on 1 July START, by sex.

    Ages 0-19 (born from 1950, where WPP's annual TFR exists): each group's total shared in
    proportion to the births of each birth year (:func:`_birth_weights`) times their
    survival to that age (:func:`_survival_to_ages`), so that birth-year structure (Japan's
    1966) is kept and the youngest cohort joins the model's own births without a step; ages
    20-99 by :func:`split_cumulative` of the five-year groups.
    """
    base = {s: split_cumulative(groups[s][:20]) for s, _ in SEXES}
    w = _birth_weights(country, base["female"])
    out = {}
    for s, _ in SEXES:
        young = w * _survival_to_ages(country, s)
        for g in range(4):
            young[5 * g : 5 * g + 5] *= groups[s][g] / young[5 * g : 5 * g + 5].sum()
        out[s] = np.concatenate([young, base[s][20:], [groups[s][20]]])
    return out


def rate_preserving_knots(mx: np.ndarray, sweeps: int = 8) -> np.ndarray:
    """Log death rates at the knots (0, 1-4, then the groups' midpoints) such that the rates
    interpolated log-linearly between them, weighted by the years each age is lived, give
    every group from 5-9 to 95-99 WPP's central death rate mx (ages 0, 1-4 and 100+ as WPP
    gives them). Interpolating through the midpoints alone would understate each group's
    rate where it rises steeply with age (by about 1% at 85+), so survival would be too high.
    """
    lam = np.log(mx)
    ages = np.arange(5, 100) + 0.5
    for _ in range(sweeps):
        mu = np.exp(np.interp(ages, MORT_KNOTS, lam[1:])).reshape(19, 5)
        alive = np.exp(-np.concatenate([np.zeros((19, 1)), np.cumsum(mu, axis=1)[:, :-1]], 1))
        lived = alive * (1 - np.exp(-mu)) / mu
        lam[2:21] += np.log(mx[2:21] / ((mu * lived).sum(axis=1) / lived.sum(axis=1)))
    return lam


def _vital_events(country: str) -> dict[str, dict[int, float]]:
    """WPP's estimated births, deaths and net migrants per calendar year (persons)."""
    out: dict[str, dict[int, float]] = {"births": {}, "deaths": {}, "migration": {}}
    for r in _rows("vital_events_annual.csv", country):
        out["births"][int(r["year"])] = float(r["births"])
        out["deaths"][int(r["year"])] = float(r["deaths"])
    for r in _rows("migration_totals_annual.csv", country):
        if r["variant"] == "estimate":
            out["migration"][int(r["year"])] = float(r["net_migrants"])
    return out


def _series(name: str, country: str, col: str) -> list[tuple[float, float]]:
    pts = [(int(r["year"]), float(r[col])) for r in _rows(name, country)]
    return [(x, y) for x, y in pts if START - 5 <= x <= STOP + 5]


@functools.cache
def demography(country: str) -> dict[str, object]:
    """The country's WPP inputs reshaped for the model (every number as the file holds it)."""
    pops = _populations(country)
    per: dict[tuple[str, int], dict[str, float]] = defaultdict(dict)
    for r in _rows("mortality_by_age.csv", country):
        per[(r["sex"], int(r["year_start"]))][r["age_group"]] = float(r["mx"])
    mort: dict[str, list[list[tuple[float, float]]]] = {}
    for sex, _ in SEXES:
        mort[sex] = [[] for _ in MORT_GROUPS]
        for (s, y0), m in sorted(per.items()):
            if s == sex and START - 10 <= y0 + 2.5 <= STOP + 10:
                knots = rate_preserving_knots(np.array([m[g] for g in MORT_GROUPS]))
                for k in range(len(MORT_GROUPS)):
                    mort[sex][k].append((y0 + 2.5, g6(knots[k])))

    pattern: dict[int, dict[str, float]] = defaultdict(dict)
    for r in _rows("fertility_age_pattern.csv", country):
        pattern[int(r["year_start"])][r["age_group"]] = float(r["percent_asfr"]) / 100
    composition = tfr_composition(country)
    fert: list[list[tuple[float, float]]] = [[] for _ in FERT_GROUPS]
    for y0, p in sorted(pattern.items()):
        if START - 10 <= y0 + 2.5 <= STOP + 10:
            for i, g in enumerate(FERT_GROUPS):
                fert[i].append((y0 + 2.5, g6(p[g] * composition[y0])))

    d: dict[str, object] = {
        "init": initial_population(country, pops[START]),
        "mort": mort,
        "mort_level": mortality_level(country, per),
        "fert": fert,
        "tfr": [(x, g6(y)) for x, y in _series("fertility_annual.csv", country, "tfr")],
        "srb": [(x, g6(y)) for x, y in _series("sex_ratio_at_birth_annual.csv", country, "srb")],
        "mig": [
            (x, g6(y)) for x, y in _series("migration_totals_annual.csv", country, "net_migrants")
        ],
        "mig_year": migration_by_year(country),
        "observed": pops,
        "vital": _vital_events(country),
    }
    d["tables"] = rate_tables(d)
    d["residual"] = residual_coefficients(d)
    d["tables"].update(residual_tables(d["residual"]))  # type: ignore[union-attr]
    d["observed_inputs"] = observed_inputs(d)
    return d


def tfr_composition(country: str) -> dict[int, float]:
    """Per five-year period (by its first year): WPP's five-year TFR over the mean of its
    annual TFRs in the period (mid-year to mid-year: half of each edge calendar year).

    WPP's five-year age pattern of fertility, times its five-year TFR, gives each group's
    births over its women's exposure (so group rates times women are WPP's births: 2000-2020
    within 0.08% for Japan and the US), while the annual TFR is the sum of single-year
    rates. The two differ by the women's spread within each group (Japan 2000-2005: the
    five-year TFR is 1.05% above the annual mean; 2045-2050 +0.49%; the US 2000-2005
    -0.60%): so the group rates per unit of annual TFR are the pattern times this ratio.
    """
    tfr5 = {int(r["year_start"]): float(r["tfr"]) for r in _rows("fertility.csv", country)}
    tfr = {int(r["year"]): float(r["tfr"]) for r in _rows("fertility_annual.csv", country)}
    out = {}
    for y0, v in tfr5.items():
        mean = (tfr[y0] / 2 + sum(tfr[y0 + k] for k in range(1, 5)) + tfr[y0 + 5] / 2) / 5
        out[y0] = v / mean
    return out


def migration_by_year(country: str) -> dict[str, dict[int, np.ndarray]]:
    """Per sex and calendar year, the shares of the year's net migrants (both sexes sum to
    one) by age at the end of the year, 0, ..., 99 and 100+.

    From 2023 (WPP's last estimated year) WPP's own single-year table
    (migration_by_single_age_annual.csv). WPP's five-year table of 2020-2025 is the sum of
    its single years, half of each edge year (to 0.5 persons in every group from 2025-2030
    on), so what it holds beyond 2023, 2024 and half of 2025 is the estimated years: the
    pattern of calendar 2020-2022 (and of the handover before), each five-year group spread
    evenly over its ages. That pattern is WPP's estimates' (the US: 0-4 and 60-64 alike),
    not the projection's (Japan: 92% at 15-24, outflow at 25-39).
    """
    single: dict[str, dict[int, np.ndarray]] = {s: {} for s, _ in SEXES}
    for r in _rows("migration_by_single_age_annual.csv", country):
        single[r["sex"]][int(r["year"])] = np.array(
            [float(r[f"age_{a}"]) for a in range(OPEN_AGE + 1)]
        )
    first = min(single["male"])
    five: dict[str, np.ndarray] = {s: np.zeros(21) for s, _ in SEXES}
    for r in _rows("migration_by_age.csv", country):
        if int(r["year_start"]) == LAST_ESTIMATE:
            five[r["sex"]][POP_GROUPS.index(r["age_group"])] += float(r["net_migrants"])

    def grouped(v: np.ndarray) -> np.ndarray:
        return np.concatenate([v[:OPEN_AGE].reshape(20, 5).sum(axis=1), v[OPEN_AGE:]])

    est = {}
    for s, _ in SEXES:
        later = grouped(single[s][first]) + grouped(single[s][first + 1])
        rest = five[s] - later - grouped(single[s][first + 2]) / 2  # 1 July 2020 to 2023
        est[s] = np.concatenate([np.repeat(rest[:20] / 5, 5), rest[20:]])
    out: dict[str, dict[int, np.ndarray]] = {s: {} for s, _ in SEXES}
    total = sum(float(est[s].sum()) for s, _ in SEXES)
    for y in range(math.floor(HANDOVER), first):
        for s, _ in SEXES:
            out[s][y] = est[s] / total
    for y in sorted(single["male"]):
        total = sum(float(single[s][y].sum()) for s, _ in SEXES)
        for s, _ in SEXES:
            out[s][y] = single[s][y] / total
    return out


# --------------------------------------------------------------------------------------------
# WPP rates along each slot's segment of a table
# --------------------------------------------------------------------------------------------
#
# What WPP gives by age and period becomes, for each age slot, a function of time (in year
# Y its cohort was born in Y - k - 1, k the slot's age). The model holds these as one
# graphical function per rate, laid out as a table of slot and time: position = 2000 *
# (slot index) + 16 * (TIME + DT/2 - 1960), so each slot owns a segment of 2000 and time
# runs through it at 16 per year. Points are at the first and last step midpoints of each
# year (linear between, as the rates are to within their interpolation), plus where a rate
# has a kink.

SEG, TICKS = 2000, 16
# The migration shares step on 1 January (WPP's calendar years): points either side of it
JANUARY = tuple(y + 0.5 + e * DT / 2 for y in range(START, STOP) for e in (-1, 1))


def position(i: int, t: float) -> float:
    return SEG * i + TICKS * (t - TABLE_ORIGIN)


def _interp(points: list[tuple[float, float]], t: float | np.ndarray) -> np.ndarray:
    xs, ys = zip(*points, strict=True)
    return np.interp(t, xs, ys)


def _log_mx(d: dict[str, object], sex: str, t: float) -> np.ndarray:
    cache = d.setdefault("_lm", {})  # type: ignore[attr-defined]
    if (sex, t) not in cache:
        cache[(sex, t)] = np.array([float(_interp(p, t)) for p in d["mort"][sex]])  # type: ignore[index]
    return cache[(sex, t)]  # type: ignore[no-any-return]


def _fert_pattern(d: dict[str, object], t: float) -> list[float]:
    cache = d.setdefault("_fp", {})  # type: ignore[attr-defined]
    if t not in cache:
        cache[t] = [float(_interp(p, t)) for p in d["fert"]]  # type: ignore[attr-defined]
    return cache[t]  # type: ignore[no-any-return]


def death_rate(d: dict[str, object], sex: str, i: int, t: float) -> float:
    """WPP central death rate of slot *i* at time *t* (mid-age k + 0.5 + year fraction).

    Members under one year take the infant hazard (:func:`infant_hazard`: all of them while
    the cohort is being born; the share falls linearly over its second year); the rest take
    log-rates
    interpolated linearly in mid-age between knots at the groups' midpoints (1-4 flat from
    1.5 to 4.5, 100+ held beyond 102.5; the open group takes the 100+ rate), set so that each
    group's rate is WPP's (:func:`rate_preserving_knots`), and between period midpoints in
    time.
    """
    lm = _log_mx(d, sex, t)
    level = float(_interp(d["mort_level"][sex], t))  # type: ignore[index]
    if i == OPEN:
        return level * math.exp(lm[-1])
    a = SLOT_AGES[i] + 0.5 + (t - math.floor(t))
    infant = min(max(1.5 - a, 0.0), 1.0)
    rest = float(np.interp(a, MORT_KNOTS, lm[1:]))
    return level * (infant * infant_hazard(math.exp(lm[0]), sex) + (1 - infant) * math.exp(rest))


def life_expectancy(mx: np.ndarray, sex: str) -> float:
    """e0 of an abridged life table of mx at ages 0, 1-4, 5-9, ..., 95-99, 100+ (a0 and 4a1
    by Coale and Demeny, Preston et al. 2001 table 3.3; 2.5 years in each five-year group;
    the open group's years lived l100 / m100+)."""
    m0 = mx[0]
    if sex == "male":
        a = [
            0.330 if m0 >= 0.107 else 0.045 + 2.684 * m0,
            1.352 if m0 >= 0.107 else 1.651 - 2.816 * m0,
        ]
    else:
        a = [
            0.350 if m0 >= 0.107 else 0.053 + 2.800 * m0,
            1.361 if m0 >= 0.107 else 1.522 - 1.518 * m0,
        ]
    n = np.array([1.0, 4.0] + [5.0] * 19)
    ax = np.array(a + [2.5] * 19)
    q = np.minimum(n * mx[:-1] / (1 + (n - ax) * mx[:-1]), 1.0)
    lx = np.concatenate([[1.0], np.cumprod(1 - q)])
    lived = n * lx[1:] + ax * (lx[:-1] - lx[1:])
    return float(lived.sum() + lx[-1] / mx[-1])


def mortality_level(
    country: str, mort: dict[tuple[str, int], dict[str, float]]
) -> dict[str, list[tuple[float, float]]]:
    """Per sex, a factor on every death rate from LAST_ESTIMATE on (1 before; knots at 1 July
    of each calendar year from 2023, linear between) that gives each calendar year WPP's
    annual life expectancy at birth where WPP's five-year rates, read between period
    midpoints, give that of the periods.

    The five-year rates of 2020-2025 average the COVID years (2020-2021) with 2022-2025, and
    reading them between period midpoints holds their level in 2024-2027 (deaths in 2024
    were India +6.9%, the US +4.5%, Korea +2.9% above WPP's estimates). WPP's own annual e0
    is its mortality level of each year. The factor k solves e0(k m(y)) - e0(m(y)) = e0_y -
    mean e0(y): m(y) the rates at 1 July y, e0_y WPP's annual e0 of calendar year y and mean
    e0(y) the mean of its annual e0 over each five-year period (half of each edge year),
    read between period midpoints as the rates are; so a year whose e0 is its periods' has k
    = 1, and the life table's own bias (:func:`life_expectancy`) cancels.
    """
    e0: dict[str, dict[int, float]] = {s: {} for s, _ in SEXES}
    for r in _rows("life_expectancy_annual.csv", country):
        e0[r["sex"]][int(r["year"])] = float(r["e0"])
    out: dict[str, list[tuple[float, float]]] = {}
    for sex, _ in SEXES:
        e = e0[sex]
        starts = sorted(y0 for s, y0 in mort if s == sex)
        mids = np.array(starts) + 2.5
        logs = np.log([[mort[(sex, y0)][g] for g in MORT_GROUPS] for y0 in starts])
        means = [
            (e[y0] / 2 + sum(e[y0 + j] for j in range(1, 5)) + e[y0 + 5] / 2) / 5 for y0 in starts
        ]
        pts = [(float(LAST_ESTIMATE), 1.0)]
        for y in range(OBSERVED_LAST_YEAR, STOP + 1):
            mx = np.exp([np.interp(y, mids, logs[:, g]) for g in range(len(MORT_GROUPS))])
            want = life_expectancy(mx, sex) + e[y] - float(np.interp(y, mids, means))
            k0, k1 = 1.0, 0.99
            f0 = life_expectancy(mx, sex) - want
            for _ in range(30):
                f1 = life_expectancy(k1 * mx, sex) - want
                if abs(f1) < 1e-10:
                    break
                k0, k1, f0 = k1, k1 - f1 * (k1 - k0) / (f1 - f0), f1
            pts.append((float(y), g6(k1)))
        out[sex] = pts
    return out


def infant_hazard(m0: float, sex: str) -> float:
    """Constant hazard under one whose survival to age one is the life table's, 1 - q0.

    WPP's m0 is infant deaths over the years lived under one, most of them in the first
    weeks (a0, the years lived by an infant who dies, is 0.05-0.35); a constant hazard of m0
    would keep too many alive early and so book too many deaths (1.8% more at India's m0 of
    0.1 around 1980). q0 = m0 / (1 + (1 - a0) m0), a0 by Coale and Demeny's rule (Preston,
    Heuveline and Guillot, *Demography*, 2001, table 3.3): men 0.045 + 2.684 m0, women
    0.053 + 2.800 m0, or 0.330 and 0.350 where m0 >= 0.107.
    """
    if sex == "male":
        a0 = 0.330 if m0 >= 0.107 else 0.045 + 2.684 * m0
    else:
        a0 = 0.350 if m0 >= 0.107 else 0.053 + 2.800 * m0
    return -math.log(1 - m0 / (1 + (1 - a0) * m0))


def fertility_rate(d: dict[str, object], i: int, t: float) -> float:
    """Births per woman per year per unit of TFR of slot *i* at *t*: each five-year group's
    rate (its share of the TFR over five years) for the part of the slot's cohort inside the
    group now (members even over one year of age from age_slot + year fraction).

    So births are WPP's group rates times the women in each group at every instant, which
    is what an age-specific fertility rate means (births in the group over its women's
    exposure). A single-year pattern smoothed from the groups keeps each group's unweighted
    mean only: where women thin out with age within a group, as in India before 2000, it
    gave 1-2% fewer births than the group rates do, which the residual had to book as
    immigrants of age 0-4 (2m a period).
    """
    if i == OPEN:
        return 0.0
    lo = SLOT_AGES[i] + (t - math.floor(t))
    rates = _fert_pattern(d, t)
    out = 0.0
    for g, a0 in enumerate(range(FERT_AGES[0], FERT_AGES[-1] + 1, 5)):
        out += rates[g] / 5 * max(min(lo + 1, a0 + 5) - max(lo, a0), 0.0)
    return out


def migration_share(d: dict[str, object], sex: str, i: int, t: float) -> float:
    """Share of the year's net migrants (from HANDOVER) who join slot *i* at *t*.

    WPP counts the net migrants of a calendar year by their age at its end, i.e. by the
    calendar year they were born in (cohort); its single-year projection of 2024 on meets
    WPP's projected five-year groups to within 0.05% of each group from 2025 to 2030 that
    way, where counting them at their age when they move (age-period) leaves +1.5% and -0.7%
    in the groups of 25-29 and 20-24 (measured in the independent projection). At *t* (model
    time; 1 July Y is Y, so calendar year y starts at y - 0.5) slot *i* of age k holds the
    people born in the second half of calendar year Y - k - 1 and the first half of Y - k:
    half of each of the two birth years' migrants. Those of age 0 reach the slot of the
    cohort being born as it fills: the share of births so far from 1 July to 1 January (the
    rest with the slot a0), and in full from then. The open group takes 100+ (WPP's oldest
    single-year group; ages 100 and over are not apart).
    """
    y0 = math.floor(t)
    frac = t - y0
    y = y0 if frac < 0.5 else y0 + 1
    shares = d["mig_year"][sex][min(y, max(d["mig_year"][sex]))]  # type: ignore[index]
    if i == OPEN:
        return float(shares[OPEN_AGE])
    k = SLOT_AGES[i]

    def at(x: int) -> float:
        return float(shares[x]) if 0 <= x < OPEN_AGE else 0.0

    old, young = y - y0 + k + 1, y - y0 + k  # ages at the end of y of its two birth years
    out = (at(old) + at(young)) / 2
    if y == y0:  # 1 July to 1 January: age 0 joins the newborn slot as it fills
        if k == -1:
            out = at(0) * frac
        elif k == 0:
            out += at(0) * (0.5 - frac)
    elif k == -1:  # 1 January to 1 July: the newborn slot takes all of age 0
        out += at(0) / 2
    return out


def _year_points(first: int, last: int, extra: tuple[float, ...] = ()) -> list[float]:
    ts = [t for y in range(first, last) for t in (y + DT / 2, y + 1 - DT / 2)]
    return sorted(ts + [t for t in extra if first < t < last])


def _table(fn, first: int, last: int, extra: tuple[float, ...] = ()) -> list[tuple[float, float]]:  # type: ignore[no-untyped-def]
    """(position, value) of fn(i, t) for every slot i over the years first to last."""
    ts = _year_points(first, last, extra)
    return [(position(i, t), g6(fn(i, t))) for i in range(N) for t in ts]


def rate_tables(d: dict[str, object]) -> dict[str, list[tuple[float, float]]]:
    """The tables (position, value) of death rates by sex, fertility and migration shares."""
    tables: dict[str, list[tuple[float, float]]] = {}
    for sex, tag in SEXES:
        tables[f"death_{tag}"] = _table(
            functools.partial(death_rate, d, sex),
            START,
            STOP,  # type: ignore[arg-type]
        )
        tables[f"migration_{tag}"] = _table(
            functools.partial(migration_share, d, sex),
            math.floor(HANDOVER),
            STOP,  # type: ignore[arg-type]
            JANUARY,
        )
    fertile = [i for i in range(N) if 13 <= SLOT_AGES[i] <= 49 and i != OPEN]
    pts = []
    for i in range(N):
        if i in fertile:
            pts += [
                (position(i, t), g6(fertility_rate(d, i, t))) for t in _year_points(START, STOP)
            ]
        else:
            pts += [(position(i, START), 0.0), (position(i, STOP), 0.0)]
    tables["fertility"] = pts
    return tables


# --------------------------------------------------------------------------------------------
# history: the residual net migration that meets WPP's estimates
# --------------------------------------------------------------------------------------------


def _age_basis() -> np.ndarray:
    """(N, knots): each slot's residual rate as weights of the age knots 0, 5, ..., 100 (a
    slot's age is its mean mid-age over a year, k + 1; the cohort being born 0.25; the open
    group 102.5), linear between knots, held beyond the ends."""
    ages = np.array([0.25] + [k + 1.0 for k in range(OPEN_AGE)] + [OPEN_AGE + 2.5])
    eye = np.eye(len(RES_AGE_KNOTS))
    return np.stack([np.interp(ages, RES_AGE_KNOTS, eye[j]) for j in range(len(eye))], axis=1)


def _time_weights(t: float) -> np.ndarray:
    """Weights of the period knots at time t: linear between period midpoints, held before the
    first, falling linearly to zero from the last (HANDOVER) to LAST_ESTIMATE."""
    eye = np.eye(len(RES_TIME_KNOTS))
    knots = [*RES_TIME_KNOTS, LAST_ESTIMATE]
    return np.array([np.interp(t, knots, [*eye[p], 0.0]) for p in range(len(eye))])


def handover(t: float) -> float:
    """Weight of WPP's annual net migration in the history (population_handover_weight)."""
    return min(max((t - HANDOVER) / (LAST_ESTIMATE - HANDOVER), 0.0), 1.0)


def residual_rate(c: np.ndarray, t: float) -> np.ndarray:
    """Net migration rate (1/year) of every slot at *t* from coefficients c[period, age knot]."""
    return _age_basis() @ (_time_weights(t) @ c)


def _advance(p: np.ndarray, net: np.ndarray, t: float) -> np.ndarray:
    """One Euler step of the single-year slots by *net*; on a year's last step everyone below
    the open group moves up one age."""
    if round((t + DT) / DT) % round(1 / DT) == 0:  # the last step of a year
        moved = p[:, :, :OPEN] / DT + net[:, :, :OPEN]
        shift = np.zeros_like(p)
        shift[:, :, 1:] += moved
        shift[:, :, :OPEN] -= moved
        return p + DT * (net + shift)
    return p + DT * net


def _lookup(table: tuple[np.ndarray, np.ndarray], t: float) -> np.ndarray:
    return np.interp(SEG * np.arange(N) + TICKS * (t + DT / 2 - TABLE_ORIGIN), *table)


class _History:
    """The model's population equations 1970-2020 on its own Euler grid (batched over b)."""

    def __init__(self, d: dict[str, object]):
        tabs = {
            k: (np.array([x for x, _ in v]), np.array([y for _, y in v]))
            for k, v in d["tables"].items()
        }  # type: ignore[attr-defined]
        self.steps = round((LAST_ESTIMATE - START) / DT)
        self.t = [START + n * DT for n in range(self.steps)]
        self.dfac = []
        for t in self.t:
            r = np.stack([_lookup(tabs[f"death_{tag}"], t) for _, tag in SEXES])
            self.dfac.append(r * (1 - r * DT / 2))
        self.fw = [_lookup(tabs["fertility"], t) for t in self.t]
        self.tfr = [float(_interp(d["tfr"], t)) for t in self.t]  # type: ignore[arg-type]
        self.srb = [float(_interp(d["srb"], t)) for t in self.t]  # type: ignore[arg-type]
        self.tw = [_time_weights(t + DT / 2) for t in self.t]
        # WPP's annual net migrants by slot, as the model hands over to them (people/year)
        self.handed = [
            handover(t + DT / 2)
            * float(_interp(d["mig"], t))  # type: ignore[arg-type]
            * np.stack([_lookup(tabs[f"migration_{tag}"], t) for _, tag in SEXES])
            for t in self.t
        ]
        self.basis = _age_basis()
        init = d["init"]  # type: ignore[assignment]
        self.p0 = np.stack([init[s] for s, _ in SEXES])  # type: ignore[index]
        self.p0 = np.concatenate([np.zeros((2, 1)), self.p0], axis=1)  # the born slot
        self.targets = {}
        self.own_open = {}  # per sex: is WPP's 100+ met on its own (else 95+ as one group)?
        for y in range(START + 5, LAST_ESTIMATE + 1, 5):
            obs = np.stack([np.asarray(d["observed"][y][s]) for s, _ in SEXES])  # type: ignore[index]
            own = obs[:, -1] >= OPEN_FIT_MIN
            obs[~own, -2] += obs[~own, -1]
            self.targets[y], self.own_open[y] = obs, own

    def groups(self, p: np.ndarray, own: np.ndarray) -> np.ndarray:
        """(..., 2, 21) age groups 0-4 ... 95-99 and 100+ of slots p (..., 2, N) on 1 July;
        for a sex whose 100+ is not met on its own (*own* False), 95+ in place of 95-99."""
        five = p[..., 1:OPEN].reshape(*p.shape[:-1], 20, 5).sum(axis=-1)
        out = np.concatenate([five, p[..., OPEN:]], axis=-1)
        out[..., ~own, -2] += out[..., ~own, -1]
        return out

    def run(
        self, c: np.ndarray, extra: np.ndarray | None = None, final: bool = False
    ) -> np.ndarray:
        """Residuals (b, 10, 2, 21) of log(group / WPP) at 1975 ... 2020 (the group itself
        where WPP has nobody), for coefficients
        c (2, periods, knots) plus, per member b, extra[b] (b, 2, periods, knots); with
        *final*, the slots (b, 2, N) at LAST_ESTIMATE instead."""
        cs = c[None] if extra is None else c[None] + extra
        p = np.repeat(self.p0[None], cs.shape[0], axis=0)
        out = []
        for n, t in enumerate(self.t):
            r = np.einsum("bspj,p->bsj", cs, self.tw[n]) @ self.basis.T
            births = (p[:, 0] * self.fw[n]).sum(axis=1) * self.tfr[n]
            net = r * p - p * self.dfac[n] + self.handed[n]
            share = np.array([1 / (1 + self.srb[n]), self.srb[n] / (1 + self.srb[n])])
            net[:, :, 0] += births[:, None] * share
            p = _advance(p, net, t)
            if (t + DT) in self.targets:
                tgt, own = self.targets[t + DT], self.own_open[t + DT]
                g = self.groups(p, own)
                res = np.where(tgt > 0, np.log(np.maximum(g, 1e-9) / np.where(tgt > 0, tgt, 1)), g)
                res[:, ~own, -1] = 0.0  # no condition: 95+ is met as one
                out.append(res)
        return p if final else np.stack(out, axis=1)


def residual_coefficients(d: dict[str, object]) -> np.ndarray:
    """Coefficients c[sex, period, age knot] of the net migration rate 1970-2020 (1/year).

    Solved on the model's Euler grid, with the model's own tables, so that every WPP age
    group of each sex is WPP's estimate at every data year (0-4 ... 95-99 and the open group
    100+, so that the projection starts from WPP's 2020 100+; where WPP's 100+ of a sex
    holds fewer than OPEN_FIT_MIN people, 95+ as one group; the open group takes the rate of
    the 100 knot, which follows jumps such as Japan's men 100+, 1,483 in 1990, 454 in 1995,
    2,601 in 2000, at -0.42 to +0.15 a year): one
    Jacobian by finite differences (all coefficients at once, batched), then chord-Newton
    steps (the balance is nearly linear in the rates) until the worst group is within 1e-12.
    """
    h = _History(d)
    shape = (2, len(RES_TIME_KNOTS), len(RES_AGE_KNOTS))
    n = int(np.prod(shape))
    c = np.zeros(shape)
    eps = 1e-4
    for _ in range(4):  # a fresh Jacobian, then chord steps
        base = h.run(c)[0].reshape(-1)
        bumped = h.run(c, eps * np.eye(n).reshape(n, *shape)).reshape(n, -1)
        jac = (bumped - base).T / eps
        f = base
        for _ in range(8):
            if np.max(np.abs(f)) < 1e-12:
                return c
            c = c + np.linalg.lstsq(jac, -f, rcond=1e-12)[0].reshape(shape)
            f = h.run(c)[0].reshape(-1)
    if np.max(np.abs(f)) > 1e-9:
        raise ValueError(f"residual migration: WPP's estimates not met ({np.max(np.abs(f)):.2g})")
    return c


# --------------------------------------------------------------------------------------------
# 2020 to 2024: WPP's estimated births, deaths and net migration of each calendar year
# --------------------------------------------------------------------------------------------


def observed_path(values: np.ndarray, base: float, t: float) -> np.ndarray:
    """Factor (or correction) at *t* from its values (..., spans) at the middle of each
    OBSERVED_SPANS: linear between knots, *base* at LAST_ESTIMATE and OBSERVED_END and
    outside them."""
    eye = np.eye(len(OBSERVED_SPANS))
    w = np.array([np.interp(t, OBSERVED_KNOTS, [0.0, *e, 0.0]) for e in eye])
    return base + (np.asarray(values, dtype=float) - base) @ w  # type: ignore[no-any-return]


class _Observed:
    """The model's population equations from LAST_ESTIMATE to OBSERVED_END on its Euler
    grid (batched over b), from the history's slots at LAST_ESTIMATE, with the births and
    death-rate factors and the net migration correction x (b, 3 flows, 3 knots)."""

    def __init__(self, d: dict[str, object], h: _History, c: np.ndarray):
        tabs = {
            k: (np.array([x for x, _ in v]), np.array([y for _, y in v]))
            for k, v in d["tables"].items()
        }  # type: ignore[attr-defined]
        self.p0 = h.run(c, final=True)[0]
        steps = round((OBSERVED_END - LAST_ESTIMATE) / DT)
        self.t = [LAST_ESTIMATE + n * DT for n in range(steps)]
        self.rate = [
            np.stack([_lookup(tabs[f"death_{tag}"], t) for _, tag in SEXES]) for t in self.t
        ]
        self.fw = [_lookup(tabs["fertility"], t) for t in self.t]
        self.tfr = [float(_interp(d["tfr"], t)) for t in self.t]  # type: ignore[arg-type]
        self.srb = [float(_interp(d["srb"], t)) for t in self.t]  # type: ignore[arg-type]
        self.mig = [float(_interp(d["mig"], t)) for t in self.t]  # type: ignore[arg-type]
        self.share = [
            np.stack([_lookup(tabs[f"migration_{tag}"], t) for _, tag in SEXES]) for t in self.t
        ]

    def run(self, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(flows (b, 3, spans): births, deaths and net migration over each OBSERVED_SPANS;
        totals (b, 4): the population on 1 January of 2021 ... 2024)."""
        b = x.shape[0]
        p = np.repeat(self.p0[None], b, axis=0)
        flows = np.zeros((b, 3, len(OBSERVED_SPANS)))
        totals = []
        for n, t in enumerate(self.t):
            if abs(t - math.floor(t) - 0.5) < 1e-9:  # 1 January
                totals.append(p.sum(axis=(1, 2)))
            fb, fd = observed_path(x[:, 0], 1.0, t), observed_path(x[:, 1], 1.0, t)
            cm = observed_path(x[:, 2], 0.0, t)
            r = self.rate[n][None] * fd[:, None, None]
            deaths = p * r * (1 - r * DT / 2)
            births = (p[:, 0] * self.fw[n]).sum(axis=1) * self.tfr[n] * fb
            mig = (self.mig[n] + cm)[:, None, None] * self.share[n][None]
            net = mig - deaths
            share = np.array([1 / (1 + self.srb[n]), self.srb[n] / (1 + self.srb[n])])
            net[:, :, 0] += births[:, None] * share
            k = sum(t >= a - 1e-9 for a, _ in OBSERVED_SPANS) - 1  # the step's span
            if 0 <= k < len(OBSERVED_SPANS):
                flows[:, 0, k] += DT * births
                flows[:, 1, k] += DT * deaths.sum(axis=(1, 2))
                flows[:, 2, k] += DT * mig.sum(axis=(1, 2))
            p = _advance(p, net, t)
        totals.append(p.sum(axis=(1, 2)))
        return flows, np.stack(totals, axis=1)


def observed_targets(calendar: dict[int, float]) -> list[float]:
    """A flow over each OBSERVED_SPANS from its calendar-year estimates: a year from 1 July
    holds half of each calendar year it spans, the last half year half of 2023's."""
    out = []
    for a, b in OBSERVED_SPANS:
        y = math.floor(a)
        out.append((calendar[y] + calendar[y + 1]) / 2 if b - a == 1 else calendar[y] * (b - a))
    return out


def observed_inputs(d: dict[str, object]) -> np.ndarray:
    """Values x[flow, span] at the middle of each OBSERVED_SPANS of the births factor, the
    death-rate factor and the net migration correction (people/year) such that the model's
    births, deaths and net migration over each span are WPP's estimates (Newton steps on a
    Jacobian by finite differences; the balance is nearly linear in them)."""
    h = _History(d)
    o = _Observed(d, h, d["residual"])  # type: ignore[arg-type]
    vital = d["vital"]  # type: ignore[assignment]
    want = np.array([observed_targets(vital[f]) for f in OBSERVED_FLOWS])  # type: ignore[index]
    k = len(OBSERVED_SPANS)
    x = np.array([[1.0] * k, [1.0] * k, [0.0] * k])
    step = np.array([1e-4, 1e-4, 1e2])
    scale = np.abs(want).max(axis=1, keepdims=True)
    for _ in range(6):
        bumps = np.repeat(x[None], 3 * k + 1, axis=0)
        for j in range(3 * k):
            bumps[j + 1].reshape(-1)[j] += step[j // k]
        flows = o.run(bumps)[0]
        f = ((flows[0] - want) / scale).reshape(-1)
        if np.max(np.abs(f)) < 1e-11:
            return x
        jac = ((flows[1:] - flows[0]) / scale).reshape(3 * k, -1).T / np.repeat(step, k)
        x = x + np.linalg.solve(jac, -f).reshape(3, k)
    flows = o.run(x[None])[0][0]
    err = np.max(np.abs((flows - want) / scale))
    if err > 1e-9:
        raise ValueError(f"observed births, deaths and migration 2020-2023 not met ({err:.2g})")
    return x


def residual_tables(c: np.ndarray) -> dict[str, list[tuple[float, float]]]:
    """The residual-rate tables by sex: the rate is linear in time between period midpoints
    (kinks at their points), so the table reads exactly what :func:`residual_rate` gives."""
    kinks = tuple(float(k) for k in RES_TIME_KNOTS)
    ts = _year_points(START, LAST_ESTIMATE, kinks)
    out = {}
    for s, (_, tag) in enumerate(SEXES):
        rates = {t: residual_rate(c[s], t) for t in ts}
        out[f"residual_{tag}"] = [(position(i, t), g6(rates[t][i])) for i in range(N) for t in ts]
    return out


# --------------------------------------------------------------------------------------------
# structure
# --------------------------------------------------------------------------------------------


def _tree_sum(terms: list[str]) -> str:
    """terms added in nested groups of at most 8 (a flat sum of hundreds of terms is too deep
    for the compiled kernel's generated code)."""
    if len(terms) <= 8:
        return " + ".join(terms)
    size = -(-len(terms) // 8)
    return " + ".join(f"({_tree_sum(terms[i : i + size])})" for i in range(0, len(terms), size))


def _sum(array: str) -> str:
    return _tree_sum([f"{array}[{e}]" for e in ELEMENTS])


def _clamp01(x: str) -> str:
    return f"MIN(MAX({x}, 0), 1)"


TABLE_DOC = (
    " Tabulated along each age slot's segment of one graphical function (points at each "
    "year's first and last time step; the migration shares also either side of 1 January), "
    "read at the slot's position."
)


def _gf(name: str, points: list[tuple[float, float]], units: str, doc: str) -> Var:
    xs, ys = zip(*points, strict=True)
    return Var(
        "aux",
        name,
        "age_table_position",
        units,
        doc + TABLE_DOC,
        arrayed=True,
        gf=(list(xs), list(ys)),
    )


def _scalar_gf(name: str, points: list[tuple[float, float]], units: str, doc: str) -> Var:
    xs, ys = zip(*points, strict=True)
    return Var("aux", name, "TIME", units, doc, gf=(list(xs), list(ys)))


def _uncertain(wpp: str, multiplier: str) -> str:
    return f"{wpp} * (1 + ({multiplier} - 1) * population_uncertainty_weight)"


def _slots() -> list[Var]:
    def const(name: str, values: list[float], doc: str, units: str = "dmnl") -> Var:
        el = {e: f"{v:g}" for e, v in zip(ELEMENTS, values, strict=True)}
        return Var("aux", name, "", units, doc, arrayed=True, elements=el)

    return [
        const(
            "age_slot",
            [float(a) for a in SLOT_AGES],
            "Completed age at the last 1 July of the people in each slot (-1: the cohort being "
            f"born this year; {OPEN_AGE}: the open group {OPEN_AGE}+).",
        ),
        const(
            "age_slot_is_born", [1.0] + [0.0] * (N - 1), "1 for the slot of the cohort being born."
        ),
        const(
            "age_slot_ages",
            [1.0] * (N - 1) + [0.0],
            "1 for slots whose people move on to the next slot at the end of the year (all but "
            "the open group).",
        ),
        Var(
            "aux",
            "year_fraction",
            "TIME / one_year - INT(TIME / one_year)",
            "dmnl",
            "Time since 1 July (model time Y is 1 July Y), in years.",
        ),
        Var(
            "aux",
            "ageing_step",
            "IF year_fraction > 1 - 1.5 * DT / one_year THEN 1 ELSE 0",
            "dmnl",
            "1 in the last time step before 1 July, when every slot moves on by one year.",
        ),
        Var(
            "aux",
            "age_table_position",
            f"(age_slot + 1) * {SEG} + (TIME + DT / 2 - population_table_origin_year) / "
            f"one_year * {TICKS}",
            "dmnl",
            f"Where each slot is in the rate tables during this time step (at its middle, so "
            f"that rates are integrated to second order): {SEG} x slot index + {TICKS} x "
            "(time - population_table_origin_year). Each slot owns a segment of "
            f"{SEG}; time runs through it at {TICKS} a year.",
            arrayed=True,
        ),
        Var(
            "aux",
            "population_handover_weight",
            "MIN(MAX((TIME + DT / 2 - population_last_estimate_year) / (2.5 * one_year) + 1, 0), "
            "1)",
            "dmnl",
            "Weight of WPP's annual net migration totals (by the age-sex pattern of 2020-2022) in "
            "the history's net migration: 0 until the last history period's midpoint, 2.5 "
            "years before population_last_estimate_year, rising linearly to 1 then (the "
            "residual's weight falls as this rises), so that net migration meets WPP's own "
            "annual path at population_last_estimate_year instead of stepping to it.",
        ),
        Var(
            "aux",
            "population_uncertainty_weight",
            "MIN(MAX((TIME - population_projection_start_year) / "
            "population_uncertainty_ramp_years, 0), 1)",
            "dmnl",
            "How far the fertility, mortality and migration multipliers act: 0 until "
            "population_projection_start_year (the inputs before are WPP's estimates: data), "
            "then rising linearly to 1 over population_uncertainty_ramp_years.",
        ),
    ]


OBSERVED_DOC = (
    " Linear in time between knots at 1 July 2020 (none), 1 January 2021, 2022 and 2023, 1 "
    "April 2023 and 1 January 2024 (none, the end of WPP's estimates; outside, none), solved "
    "by tools/demography.py on the model's time grid so that the model's {what} from each 1 "
    "July 2020-2022 to the next are the mean of WPP 2024's estimates of the two calendar "
    "years (S01, vital_events_annual.csv and migration_totals_annual.csv) and from 1 July "
    "2023 to 1 January 2024 half of 2023's: so the population on 1 July 2021-2023 is WPP's "
    "mid-year estimate (the mean of its 1 January values) and on 1 January 2024 WPP's last "
    "estimate (the five-year rates of 2020-2025 average the COVID years away)."
)


def _observed(d: dict[str, object]) -> list[Var]:
    x = d["observed_inputs"]  # type: ignore[assignment]
    spec = (
        ("observed_births_factor", 1.0, "dmnl", "Factor on births", "births"),
        ("observed_death_factor", 1.0, "dmnl", "Factor on every death rate", "deaths"),
        (
            "observed_net_migration_correction",
            0.0,
            "people/year",
            "Correction added to the net migration path (its yearly points, read linearly, "
            "miss the calendar-year totals where they jump)",
            "net migration",
        ),
    )
    v = []
    for k, (name, base, units, what, flows) in enumerate(spec):
        pts = [(OBSERVED_KNOTS[0], base)]
        pts += [(t, g6(val)) for t, val in zip(OBSERVED_KNOTS[1:-1], x[k], strict=True)]  # type: ignore[index]
        pts += [(OBSERVED_KNOTS[-1], base)]
        v.append(_scalar_gf(name, pts, units, what + "." + OBSERVED_DOC.format(what=flows)))
    return v


def _rates(d: dict[str, object]) -> list[Var]:
    tables = d["tables"]  # type: ignore[assignment]
    v: list[Var] = _observed(d)
    for sex, tag in SEXES:
        v.append(
            _gf(
                f"wpp_death_rate_{tag}",
                tables[f"death_{tag}"],  # type: ignore[index]
                "1/year",
                f"WPP central death rate of each {sex} slot (S01 UN WPP 2024 mx5, medium "
                "variant after 2023): members under one take the constant hazard that gives "
                "the life table's survival to age one from WPP's infant rate (a0 by Coale "
                "and Demeny; all of them while the cohort is being born, a share falling "
                "linearly over its second year), the rest WPP's log-rates interpolated "
                "linearly in age between the groups' midpoints (1-4 on its own; the open "
                "group the 100+ rate) and in time between period midpoints; from 2020 times "
                "the level that gives each calendar year WPP's annual life expectancy at birth "
                "(S01; 1 until 2020, knots at 1 July 2023, 2024, ..., linear between: the "
                "five-year rates of 2020-2025 hold the COVID years).",
            )
        )
        v.append(
            Var(
                "aux",
                f"death_rate_{tag}",
                _uncertain(f"wpp_death_rate_{tag} * observed_death_factor", "mortality_multiplier"),
                "1/year",
                f"Death rate of each {sex} slot used: WPP's, times the factor that meets WPP's "
                "estimated deaths of 2020-2023, times the mortality multiplier as it ramps in.",
                arrayed=True,
            )
        )
    v.append(
        _gf(
            "fertility_age_weight",
            tables["fertility"],  # type: ignore[index]
            "1/year",
            "Births per woman per year of each slot per unit of TFR: WPP's five-year age "
            "pattern of fertility (percent ASFR / 5, S01 UN WPP 2024) of each period, times "
            "the period's five-year TFR over the mean of its annual TFRs (so each group's "
            "rate per unit of annual TFR is WPP's births over exposure), interpolated "
            "between period midpoints, for the part of the slot's cohort in "
            "each group now, so that births are each group's rate times its women (an "
            "age-specific rate is births over the group's exposure).",
        )
    )
    v.append(
        _scalar_gf(
            "tfr_projection",
            d["tfr"],  # type: ignore[arg-type]
            "dmnl",
            "Total fertility rate, calendar year (estimates to 2023, medium variant after). "
            "Source: S01 UN WPP 2024.",
        )
    )
    v.append(
        Var(
            "aux",
            "total_fertility_rate",
            _uncertain("tfr_projection", "fertility_multiplier")
            + " + family_policy_tfr_gain * family_policy_activation",
            "dmnl",
            "Total fertility rate used: the WPP path, times the fertility multiplier as it "
            "ramps in, plus the family-policy lever's gain once it acts.",
        )
    )
    v.append(
        Var(
            "aux",
            "births_by_mother_age",
            "population_female * fertility_age_weight * total_fertility_rate * "
            "observed_births_factor",
            "people/year",
            "Births to the women of each slot (times the factor that meets WPP's estimated "
            "births of 2020-2023).",
            arrayed=True,
        )
    )
    v.append(
        Var("aux", "births", _sum("births_by_mother_age"), "people/year", "Births in the country.")
    )
    v.append(
        _scalar_gf(
            "sex_ratio_at_birth",
            d["srb"],  # type: ignore[arg-type]
            "dmnl",
            "Male births per female birth. Source: S01 UN WPP 2024.",
        )
    )
    v.append(
        _scalar_gf(
            "net_migration_projection",
            d["mig"],  # type: ignore[arg-type]
            "people/year",
            "Net international migrants per calendar year (estimates to 2023, medium variant "
            "after). Source: S01 UN WPP 2024. The slots take it from "
            "population_last_estimate_year; before, they follow WPP's successive population "
            "estimates (residual migration).",
        )
    )
    v.append(
        Var(
            "aux",
            "net_migration",
            _uncertain(
                "(net_migration_projection + observed_net_migration_correction)",
                "migration_multiplier",
            ),
            "people/year",
            "Net migration used from population_last_estimate_year: the WPP path (corrected to "
            "WPP's estimated totals of 2020-2023), times the migration multiplier as it ramps "
            "in.",
        )
    )
    for sex, tag in SEXES:
        v.append(
            _gf(
                f"migration_age_share_{tag}",
                tables[f"migration_{tag}"],  # type: ignore[index]
                "dmnl",
                f"Share of the year's net migrants who are {sex} and join each slot, from "
                "2.5 years before population_last_estimate_year (population_handover_weight): "
                "WPP 2024's net migrants (S01) of each calendar year by age at its end, i.e. "
                "by birth year, half of each of the two birth years the slot holds (age 0 "
                "joins the newborn slot as it fills): single years from 2023; before, the "
                "part of WPP's five-year table of 2020-2025 that the single years of 2023, "
                "2024 and half of 2025 leave, even within each five-year group (all shares "
                "sum to 1).",
            )
        )
        v.append(
            _gf(
                f"residual_migration_rate_{tag}",
                tables[f"residual_{tag}"],  # type: ignore[index]
                "1/year",
                f"Net migration rate of each {sex} slot before population_last_estimate_year: "
                "the residual of the cohort-component balance between WPP 2024's successive "
                "population estimates (S01), linear in age between knots at 0, 5, ..., 100 "
                "and in time between period midpoints (falling to zero from the last midpoint "
                "to population_last_estimate_year, as WPP's annual totals take over), solved "
                "by tools/demography.py on the model's time grid so that every WPP age group "
                "is met at every data year.",
            )
        )
    return v


def _stocks(d: dict[str, object]) -> list[Var]:
    v: list[Var] = []
    for sex, tag in SEXES:
        pop = f"population_{sex}"
        share = (
            "1 / (1 + sex_ratio_at_birth)"
            if tag == "f"
            else ("sex_ratio_at_birth / (1 + sex_ratio_at_birth)")
        )
        flows = [
            (
                "births",
                f"births * {share} * age_slot_is_born",
                "births, into the slot of the cohort being born",
            ),
            (
                "deaths",
                f"{pop} * death_rate_{tag} * (1 - death_rate_{tag} * DT / 2)",
                "deaths by slot; the factor (1 - rate DT / 2) makes a time step's survival the "
                "exact exponential exp(-rate DT) to second order",
            ),
            (
                "migration",
                f"IF TIME < population_last_estimate_year THEN residual_migration_rate_{tag} * "
                f"{pop} + population_handover_weight * net_migration * "
                f"migration_age_share_{tag} ELSE MAX(net_migration * migration_age_share_{tag}, "
                f"-{pop} / emigration_floor_time)",
                "net migration by slot (negative is emigration): before "
                "population_last_estimate_year the residual of WPP's estimates, handing over "
                "to WPP's annual totals over the last 2.5 years (population_handover_weight); "
                "from then the year's net migrants by WPP's age-sex pattern of the year",
            ),
            (
                "ageing_out",
                f"ageing_step * age_slot_ages * ({pop} / DT + births_{tag} - deaths_{tag} + "
                f"migration_{tag})",
                "people moving on to the next slot: in the last step before 1 July, everything "
                "the slot will hold at its end (all but the open group)",
            ),
        ]
        for name, eqn, doc in flows:
            v.append(
                Var(
                    "flow",
                    f"{name}_{tag}",
                    eqn,
                    "people/year",
                    f"{sex.title()} {doc}.",
                    arrayed=True,
                )
            )
        inflow = {ELEMENTS[0]: "0"}
        inflow.update({ELEMENTS[i]: f"ageing_out_{tag}[{ELEMENTS[i - 1]}]" for i in range(1, N)})
        v.append(
            Var(
                "flow",
                f"ageing_in_{tag}",
                "",
                "people/year",
                f"{sex.title()} people arriving from the slot one year younger (the open group "
                f"from a{OPEN_AGE - 1}).",
                elements=inflow,
            )
        )
        init = d["init"][sex]  # type: ignore[index]
        values = [0.0, *init]
        v.append(
            Var(
                "aux",
                f"initial_population_{sex}",
                "",
                "people",
                f"{sex.title()} population on 1 July {START} by single year of age and "
                f"{OPEN_AGE}+ (S01 UN WPP 2024): five-year groups split by a monotone spline of "
                "the cumulative count; ages 0-19 shared within their groups by the births of "
                "their birth years (annual TFR times women of childbearing age) and their "
                "survival since.",
                elements={e: f"{x:.10g}" for e, x in zip(ELEMENTS, values, strict=True)},
            )
        )
        v.append(
            Var(
                "stock",
                pop,
                f"initial_population_{sex}",
                "people",
                f"{sex.title()} population by age slot.",
                arrayed=True,
                inflows=[f"births_{tag}", f"migration_{tag}", f"ageing_in_{tag}"],
                outflows=[f"deaths_{tag}", f"ageing_out_{tag}"],
            )
        )
    return v


def _outputs() -> list[Var]:
    def over(lo: int) -> str:
        # Share of a slot aged lo or more: members spread evenly over one year of age from
        # age_slot + year_fraction. Everyone born is aged 0 or more.
        return "1" if lo == 0 else _clamp01(f"age_slot + 1 + year_fraction - {lo}")

    v: list[Var] = [
        Var(
            "aux",
            "cohort_population",
            "population_female + population_male",
            "people",
            "Both sexes, by age slot.",
            arrayed=True,
        )
    ]
    bands = {
        "0_14": (0, 15),
        "15_64": (15, 65),
        "65_plus": (65, None),
        "75_plus": (75, None),
        "85_plus": (85, None),
        "20_24": (20, 25),
    }
    for key, (lo, hi) in bands.items():
        label = key.replace("_plus", "+").replace("_", "-")
        share = over(lo) if hi is None else f"({over(lo)} - {over(hi)})"
        v.append(
            Var(
                "aux",
                f"cohort_in_{key}",
                f"cohort_population * {share}",
                "people",
                f"People of each slot aged {label}.",
                arrayed=True,
            )
        )
        v.append(
            Var(
                "aux",
                f"population_{key}",
                _sum(f"cohort_in_{key}"),
                "people",
                f"Population aged {label}.",
            )
        )
    v.append(
        Var(
            "aux",
            "population_total",
            _sum("cohort_population"),
            "people",
            "Total population (1 July of each year).",
        )
    )
    v.append(
        Var(
            "aux",
            "deaths",
            f"{_sum('deaths_f')} + {_sum('deaths_m')}",
            "people/year",
            "Deaths in all.",
        )
    )
    v.append(
        Var(
            "aux",
            "net_migration_realised",
            f"{_sum('migration_f')} + {_sum('migration_m')}",
            "people/year",
            "Net migration as applied to the slots: the residual of WPP's estimates before "
            "population_last_estimate_year, net_migration from then (less any emigration the "
            "floor refuses).",
        )
    )
    return v


def population_sector(d: dict[str, object]) -> list[Var]:
    """The population sector's variables for the country data *d* (:func:`demography`)."""
    return _slots() + _rates(d) + _stocks(d) + _outputs()
