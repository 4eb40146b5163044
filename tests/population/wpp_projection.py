"""An independent cohort-component projection of WPP 2024's medium-variant inputs (test only).

Written from the methodology of the UN's World Population Prospects (cohort-component
projection with annual steps, life-table survival, births from age-specific fertility rates
and women's exposure, net migrants by age and sex half exposed to the period's mortality),
in plain NumPy. It reads the repository's WPP CSV files itself and shares no code, table or
interpolation with the model's builder (``tools/demography.py``):

* **Start**: WPP's 1 July 2020 population by five-year group and sex, split into single
  years by the births of each birth year (the model's population of 2020 comes from fifty
  years of its own cohorts): a cubic spline (not-a-knot) of the cumulative count gives the
  smooth part, survival and migration since birth, and each age born from 1950 (where
  WPP's annual TFR starts) takes, within its group, the ratio of its births to a spline
  split of the births' own five-year sums (:func:`split_by_births`), so that a dip or a
  boom of births (Japan's 1966, the US's 1970s) is in the start as it is in the people.
  Births of calendar year y: TFR(y) times each five-year group's rate times the women in
  the group, those aged a + (D - y) at D, the first WPP estimate year from y on (from
  1970); a cohort aged x on 1 July 2020 holds half of calendar 2019 - x and half of 2020 - x.
* **Survival**: an abridged life table of each sex from WPP's mx for ages 0, 1-4, 5-9, ...,
  95-99, 100+ (interpolated linearly in log mx between period midpoints, at the middle of
  each step): nqx = n mx / (1 + (n - nax) mx) for ages 0 and 1-4, a0 from Andreev and
  Kingkade (2015), 4a1 from Coale and Demeny (Preston, Heuveline and Guillot 2001, table
  3.3); above, 5ax from Greville (1943), n/2 - n^2/12 (nmx - k), k the slope of ln mx
  between the neighbouring groups; ln lx
  interpolated to single ages by a monotone cubic; Lx by the trapezoid (L0 = l1 + a0 (l0 -
  l1)). Survivors: Nx+1(t+1) = Nx(t) L(x+1)/Lx; the open group 100+ (those 99 and over a
  year before) by T100 / T99, T100 = l100 / m100+; newborns
  by L0 / l0.
* **Fertility**: births in [t, t+1) = TFR (mean of the two calendar years) times each
  five-year group's rate (the period's percent ASFR / 5, interpolated between period
  midpoints) times the women of the group, the mean of those aged x at t and at t+1 summed
  over the group: an age-specific rate is births over the group's exposure, so no
  single-year pattern is assumed. WPP's five-year rates are its five-year TFR times the
  pattern, births over exposure; per unit of annual TFR (a sum of single-year rates) they
  are scaled by the period's five-year TFR over its mean annual TFR (``fertility.csv``),
  interpolated between period midpoints. Sex ratio at birth the mean of the two years.
* **Migration**: WPP counts each calendar year's net migrants by their age at its end
  (``migration_by_single_age_annual.csv``, from 2023); for 2020-2022, what WPP's five-year
  table of 2020-2025 holds beyond those single years (2023, 2024 and half of 2025), even
  within each five-year group, scaled to each year's total. A step takes half of each of
  its two calendar years, each birth year split between two ages at the step's end
  (:func:`step_migrants`); half arrive at the start (and are exposed to the year's
  mortality), half at the end.
* **Mortality level**: from 2023 each calendar year's mx times the factor that moves this
  life table's e0 by WPP's annual e0 less the mean of its annual e0 over the five-year
  periods, both read between period midpoints (:func:`mortality_level`): the five-year
  rates of 2020-2025 hold the COVID years.
* **Observed years** (WPP's estimates run to the end of 2023): in the steps from 1 July 2020
  to 1 July 2023, births and deaths are the mean of the two calendar years' WPP estimates
  (``vital_events_annual.csv``), and in the step to 1 July 2024 half of 2023's plus half of
  what the projection gives: births by scaling the step's fertility, deaths by scaling every
  mx of the step (a secant search on the life table's deaths).
"""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

import numpy as np
from scipy.interpolate import CubicSpline, PchipInterpolator

WPP = Path(__file__).resolve().parents[2] / "src" / "doomloop" / "data" / "wpp2024"
BASE = 2020
SEXES = ("female", "male")
FIVE = [f"{a}-{a + 4}" for a in range(0, 100, 5)] + ["100+"]
MX_AGES = ["0", "1-4"] + FIVE[1:]
ASFR_GROUPS = [f"{a}-{a + 4}" for a in range(15, 50, 5)]


def _rows(name: str, country: str) -> list[dict[str, str]]:
    with (WPP / name).open(newline="", encoding="utf-8") as fh:
        return [r for r in csv.DictReader(fh) if r["country"] == country]


class Inputs:
    """WPP 2024 inputs of one country, read from the repository's CSV files."""

    def __init__(self, country: str):
        self.pop: dict[int, dict[str, np.ndarray]] = defaultdict(dict)
        tab = {(int(r["year"]), r["sex"], r["age_group"]): float(r["population"])
               for r in _rows("population_by_age.csv", country)}  # fmt: skip
        for year in {y for y, _, _ in tab}:
            for s in SEXES:
                self.pop[year][s] = np.array([tab[(year, s, g)] for g in FIVE])
        mx: dict[tuple[str, int], dict[str, float]] = defaultdict(dict)
        for r in _rows("mortality_by_age.csv", country):
            mx[(r["sex"], int(r["year_start"]))][r["age_group"]] = float(r["mx"])
        self.mx_mid = np.array(sorted({y for _, y in mx})) + 2.5
        self.log_mx = {
            s: np.log([[mx[(s, int(m - 2.5))][a] for a in MX_AGES] for m in self.mx_mid])
            for s in SEXES
        }
        asfr: dict[int, dict[str, float]] = defaultdict(dict)
        for r in _rows("fertility_age_pattern.csv", country):
            asfr[int(r["year_start"])][r["age_group"]] = float(r["percent_asfr"]) / 100
        self.asfr_mid = np.array(sorted(asfr)) + 2.5
        self.asfr = np.array([[asfr[y][g] / 5 for g in ASFR_GROUPS] for y in sorted(asfr)])
        self.tfr = {int(r["year"]): float(r["tfr"]) for r in _rows("fertility_annual.csv", country)}
        self.srb = {int(r["year"]): float(r["srb"])
                    for r in _rows("sex_ratio_at_birth_annual.csv", country)}  # fmt: skip
        self.mig = {int(r["year"]): float(r["net_migrants"])
                    for r in _rows("migration_totals_annual.csv", country)}  # fmt: skip
        self.births = {int(r["year"]): float(r["births"])
                       for r in _rows("vital_events_annual.csv", country)}  # fmt: skip
        self.deaths = {int(r["year"]): float(r["deaths"])
                       for r in _rows("vital_events_annual.csv", country)}  # fmt: skip
        self.e0: dict[str, dict[int, float]] = defaultdict(dict)
        for r in _rows("life_expectancy_annual.csv", country):
            self.e0[r["sex"]][int(r["year"])] = float(r["e0"])
        self._level: dict[tuple[str, int], float] = {}
        tfr5 = {int(r["year_start"]): float(r["tfr"]) for r in _rows("fertility.csv", country)}
        # WPP's five-year group rates are TFR5 x percent ASFR / 5 (births over the group's
        # exposure); per unit of the annual TFR (the sum of single-year rates) they are the
        # pattern times TFR5 over the period's mean annual TFR (half of each edge year)
        self.tfr5_ratio = np.array(
            [
                v
                / ((self.tfr[y] + self.tfr[y + 5]) / 2 + sum(self.tfr[y + k] for k in range(1, 5)))
                * 5
                for y, v in sorted(tfr5.items())
            ]
        )
        self.tfr5_mid = np.array(sorted(tfr5)) + 2.5
        # Net migrants of each calendar year by age at its end (0 ... 99, 100+), per sex:
        # WPP's single years from 2023; for 2020-2022 the part of WPP's five-year table of
        # 2020-2025 that its single years 2023, 2024 and half of 2025 leave (even within each
        # five-year group), scaled to each year's total.
        self.mig_age: dict[int, dict[str, np.ndarray]] = defaultdict(dict)
        for r in _rows("migration_by_single_age_annual.csv", country):
            self.mig_age[int(r["year"])][r["sex"]] = np.array(
                [float(r[f"age_{a}"]) for a in range(101)]
            )
        five = {s: np.zeros(21) for s in SEXES}
        for r in _rows("migration_by_age.csv", country):
            if int(r["year_start"]) == BASE:
                five[r["sex"]][FIVE.index(r["age_group"])] += float(r["net_migrants"])
        rest = {
            s: five[s]
            - sum(fives(self.mig_age[y][s]) * w for y, w in ((2023, 1), (2024, 1), (2025, 0.5)))
            for s in SEXES
        }
        scale = sum(v.sum() for v in rest.values())
        for y in range(BASE, 2023):
            for s in SEXES:
                self.mig_age[y][s] = single_year_even(rest[s]) * self.mig[y] / scale

    def level(self, sex: str, year: int) -> float:
        if (sex, year) not in self._level:
            self._level[(sex, year)] = mortality_level(self, sex, year)
        return self._level[(sex, year)]


def fives(single: np.ndarray) -> np.ndarray:
    """Five-year groups 0-4 ... 95-99 and 100+ of ages 0-99 and 100+."""
    return np.concatenate([single[:100].reshape(20, 5).sum(axis=1), single[100:]])


def single_year_even(groups: np.ndarray) -> np.ndarray:
    """Ages 0-99 and 100+ (101 values) from five-year groups, spread evenly."""
    return np.concatenate([np.repeat(groups[:20] / 5, 5), groups[20:]])


def spline_split(groups: np.ndarray) -> np.ndarray:
    """Single years from consecutive five-year groups (cubic spline of the cumulative count)."""
    knots = np.arange(0, 5 * len(groups) + 1, 5)
    cum = np.concatenate([[0.0], np.cumsum(groups)])
    single = np.maximum(np.diff(CubicSpline(knots, cum)(np.arange(knots[-1] + 1))), 0)
    for g in range(len(groups)):  # keep each group's total after clipping
        part = single[5 * g : 5 * g + 5]
        if part.sum() > 0:
            part *= groups[g] / part.sum()
    return single


def split_population(groups: np.ndarray) -> np.ndarray:
    """Ages 0-99 and 100+ from five-year groups (:func:`spline_split`)."""
    return np.concatenate([spline_split(groups[:20]), groups[20:]])


def calendar_births(inp: Inputs, year: int) -> float:
    """Births in calendar *year* (1950-2020): TFR times each five-year group's rate (the
    period's percent ASFR / 5, at mid-year) times the women of the group, taken from the
    first WPP estimate year D from *year* on (from 1970) as those aged a + D - year."""
    d = max(year + (-year) % 5, min(inp.pop))
    women = split_population(inp.pop[d]["female"])
    ages = np.arange(15, 50) + d - year
    asfr = np.array([np.interp(year + 0.5, inp.asfr_mid, inp.asfr[:, g]) for g in range(7)])
    return inp.tfr[year] * float(asfr @ women[ages].reshape(7, 5).sum(axis=1))


def split_by_births(inp: Inputs, sex: str, year: int = BASE) -> np.ndarray:
    """Ages 0-99 and 100+ on 1 July *year*: the spline split (:func:`split_population`)
    times, for every age born from 1950, births over a spline split of the births' own
    five-year sums, each five-year group kept at WPP's total."""
    groups = inp.pop[year][sex]
    smooth = split_population(groups)
    first = min(inp.tfr)
    n = 5 * ((year - first) // 5)  # ages 0 ... n-1 in whole groups born from `first`
    cal = {y: calendar_births(inp, y) for y in range(year - n, year + 1)}
    born = np.array([(cal[year - 1 - x] + cal[year - x]) / 2 for x in range(n)])
    ratio = born / spline_split(born.reshape(-1, 5).sum(axis=1))
    out = smooth.copy()
    out[:n] *= ratio
    for g in range(n // 5):
        part = out[5 * g : 5 * g + 5]
        part *= groups[g] / part.sum()
    return out


def a0_andreev_kingkade(m0: float, sex: str) -> float:
    if sex == "male":
        return (
            0.14929 - 1.99545 * m0
            if m0 < 0.0230
            else (0.02832 + 3.26201 * m0 if m0 < 0.08307 else 0.29915)
        )
    return (
        0.14903 - 2.05527 * m0
        if m0 < 0.01724
        else (0.04667 + 3.88089 * m0 if m0 < 0.06891 else 0.31411)
    )


def a1_coale_demeny(m0: float, sex: str) -> float:
    if sex == "male":
        return 1.651 - 2.816 * m0 if m0 < 0.107 else 1.352
    return 1.522 - 1.518 * m0 if m0 < 0.107 else 1.361


def life_table(mx: np.ndarray, sex: str) -> tuple[np.ndarray, float, float]:
    """(Lx for single ages 0-99, T100 / T99 for the open group, L0 / l0) from abridged mx."""
    n = np.array([1.0, 4.0])
    ax = np.array([a0_andreev_kingkade(mx[0], sex), a1_coale_demeny(mx[0], sex)])
    qx = np.zeros(21)
    qx[:2] = n * mx[:2] / (1 + (n - ax) * mx[:2])
    m5 = mx[2:-1]  # five-year groups 5-9 ... 95-99: Greville's nax from the slope of ln mx
    k = np.gradient(np.log(mx[1:]), 5.0)[1:-1]  # (ln m(x+5) - ln m(x-5)) / 10
    a5 = 2.5 - 25 / 12 * (m5 - k)
    qx[2:] = np.minimum(5 * m5 / (1 + (5 - a5) * m5), 1 - 1e-9)
    lx = np.concatenate([[1.0], np.cumprod(1 - qx)])  # at exact ages 0, 1, 5, ..., 100
    ages = np.array([0, 1] + list(range(5, 101, 5)), dtype=float)
    l_single = np.exp(PchipInterpolator(ages[1:], np.log(lx[1:]))(np.arange(1, 102)))
    l_single[-1] = l_single[-2] * np.exp(-mx[-1])  # l101: the open group's constant rate
    l_single = np.concatenate([[1.0], l_single])  # l0 ... l101
    big_l = (l_single[:-1] + l_single[1:]) / 2
    big_l[0] = l_single[1] + ax[0] * (l_single[0] - l_single[1])
    t100 = l_single[100] / mx[-1]
    return big_l[:100], t100 / (big_l[99] + t100), big_l[0]


def e0_of(mx: np.ndarray, sex: str) -> float:
    """Life expectancy at birth of :func:`life_table` (years lived 0-99 and T100)."""
    big_l, ratio, _ = life_table(mx, sex)
    return float(big_l.sum() + big_l[99] * ratio / (1 - ratio))


def mortality_level(inp: Inputs, sex: str, year: int) -> float:
    """Factor on the mx of calendar *year* (1 from 2022 back): the one that moves this life
    table's e0 of the year's rates (mid-year, between period midpoints) by as much as WPP's
    annual e0 of the year differs from the mean of its annual e0 over the five-year periods
    (half of each edge year), read between period midpoints likewise. The five-year rates
    of 2020-2025 hold the COVID years; WPP's annual e0 is each year's level."""
    if year < 2023:
        return 1.0
    e = inp.e0[sex]
    starts = (inp.mx_mid - 2.5).astype(int)
    mean = [(e[y] + e[y + 5]) / 10 + sum(e[y + j] for j in range(1, 5)) / 5 for y in starts]
    gap = e[year] - float(np.interp(year, inp.mx_mid, mean))
    mx = np.exp([np.interp(year, inp.mx_mid, inp.log_mx[sex][:, i]) for i in range(22)])
    base = e0_of(mx, sex)
    lo, hi = 0.5, 1.5  # e0 falls as k rises: bisection
    for _ in range(60):
        k = (lo + hi) / 2
        lo, hi = (k, hi) if e0_of(k * mx, sex) > base + gap else (lo, k)
    return (lo + hi) / 2


def groups_of(single: np.ndarray) -> dict[str, float]:
    """Broad groups of ages 0-99 and 100+ (both sexes summed by the caller)."""
    return {
        "population_total": float(single.sum()),
        "population_0_14": float(single[:15].sum()),
        "population_15_64": float(single[15:65].sum()),
        "population_65_plus": float(single[65:].sum()),
        "population_75_plus": float(single[75:].sum()),
        "population_20_24": float(single[20:25].sum()),
    }


def _step(
    inp: Inputs, pop: dict[str, np.ndarray], t: int, k: float = 1.0
) -> tuple[dict[str, np.ndarray], float, float]:
    """One step 1 July t to 1 July t + 1 with every mx times *k*: (the population without
    its births, births, deaths)."""
    mid = t + 0.5
    new, deaths = {}, 0.0
    for s in SEXES:
        lm = np.array([np.interp(mid, inp.mx_mid, inp.log_mx[s][:, i]) for i in range(22)])
        level = (inp.level(s, t) + inp.level(s, t + 1)) / 2
        big_l, open_ratio, l0 = life_table(k * level * np.exp(lm), s)
        m = step_migrants(inp.mig_age[t][s], inp.mig_age[t + 1][s])
        start = pop[s].copy()
        start[:100] += m[1:] / 2  # half arrive at the start, aged one year less
        nxt = np.zeros(101)
        nxt[1:100] = start[:99] * big_l[1:100] / big_l[:99]
        nxt[100] = (start[99] + start[100]) * open_ratio
        deaths += start.sum() - nxt.sum()
        new[s] = (nxt, m, l0)
    women = (pop["female"][15:50] + new["female"][0][15:50] + new["female"][1][15:50] / 2) / 2
    asfr = np.array([np.interp(mid, inp.asfr_mid, inp.asfr[:, g]) for g in range(7)])
    births = (inp.tfr[t] + inp.tfr[t + 1]) / 2 * float(asfr @ women.reshape(7, 5).sum(axis=1))
    births *= float(np.interp(mid, inp.tfr5_mid, inp.tfr5_ratio))
    srb = (inp.srb[t] + inp.srb[t + 1]) / 2
    l0 = sum(
        new[s][2] * share for s, share in (("female", 1 / (1 + srb)), ("male", srb / (1 + srb)))
    )
    return new, births, deaths + births * (1 - l0)  # type: ignore[return-value]


def step_migrants(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """Net migrants from 1 July t to 1 July t + 1 by age at its end (0 = born in the step),
    from those of calendar years t and t + 1 by age at the end of each (birth year y - x):
    half of each year falls in the step, and each birth year is half aged x + 1 and half x
    at the step's end (t) or half x and half x - 1 (t + 1). Those of age 0 in t + 1 born
    after 1 July are counted with the step's newborns; 100+ stays 100+."""
    out = np.zeros(101)
    for m, ages in ((first, (1, 0)), (second, (0, -1))):
        for shift in ages:
            a = np.clip(np.arange(101) + shift, 0, 100)
            np.add.at(out, a, m / 4)
    return out


def _observed(inp: Inputs, t: int, own: float, series: dict[int, float]) -> float | None:
    """WPP's estimate of a flow over the step from 1 July t (the mean of the two calendar
    years'; the half of 2024 is *own*), or None after the estimates."""
    last = max(series)
    if t < BASE or t > last:
        return None
    return (series[t] + (series[t + 1] if t + 1 <= last else own)) / 2


def project(
    country: str, stop: int = 2060, start: dict[str, np.ndarray] | None = None
) -> dict[int, dict[str, float]]:
    """Broad groups on 1 July of each year BASE ... stop, from WPP's BASE population split
    into single years (:func:`split_by_births`), or from *start* (ages 0-99 and 100+ by
    sex) when given."""
    inp = Inputs(country)
    pop = start or {s: split_by_births(inp, s) for s in SEXES}
    pop = {s: np.asarray(v, dtype=float).copy() for s, v in pop.items()}
    out = {BASE: groups_of(pop["female"] + pop["male"])}
    for t in range(BASE, stop):
        new, births, deaths = _step(inp, pop, t)
        want = _observed(inp, t, deaths, inp.deaths)
        if want is not None:  # secant on the mx factor
            k0, d0, k1 = 1.0, deaths, want / deaths
            for _ in range(20):
                new, births, d1 = _step(inp, pop, t, k1)
                if abs(d1 / want - 1) < 1e-12:
                    break
                k0, d0, k1 = k1, d1, k1 + (want - d1) * (k1 - k0) / (d1 - d0)
        births = _observed(inp, t, births, inp.births) or births
        srb = (inp.srb[t] + inp.srb[t + 1]) / 2
        for s, share in (("female", 1 / (1 + srb)), ("male", srb / (1 + srb))):
            nxt, m, l0 = new[s]
            nxt[0] = births * share * l0 + m[0]
            nxt[1:] += m[1:] / 2
            pop[s] = nxt
        out[t + 1] = groups_of(pop["female"] + pop["male"])
    return out
