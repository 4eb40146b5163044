"""The population sector against independent truth: WPP 2024's estimates (population and net
migration) and an independent cohort-component projection of the same WPP inputs
(``wpp_projection.py``, plain NumPy, sharing no code or table with ``tools/demography.py``).

Tolerances, each measured and explained where it is used:

* history, every WPP data year 1970-2020, every broad group: 2e-5. The model is driven by the
  residual migration between WPP's successive estimates, so it meets them by construction
  (what is left is the six digits of the model file's tables): a change detector.
* the residual net migration that the history implies, per five-year period, against WPP's
  own net migration estimates (``migration_totals_annual.csv``, which the model does not read
  before 2020): see :func:`test_residual_migration_matches_wpp_net_migration`.
* model against the independent projection 2021-2060: see
  :func:`test_model_matches_independent_projection`.
"""

from __future__ import annotations

import csv

import numpy as np
import pandas as pd
import pytest

import doomloop

from . import wpp_projection as W

COUNTRIES = {
    "japan": "Japan",
    "india": "India",
    "usa": "United States of America",
    "uk": "United Kingdom",
    "korea": "Republic of Korea",
}
BROAD = ["population_total", "population_0_14", "population_15_64", "population_65_plus"]
GROUPS = [*BROAD, "population_75_plus"]
AGES = [f"a{k}" for k in range(100)] + ["a100plus"]


@pytest.fixture(scope="module", params=list(COUNTRIES))
def country(request: pytest.FixtureRequest) -> str:
    return str(request.param)


_runs: dict[str, pd.DataFrame] = {}


def model_run(country: str) -> pd.DataFrame:
    if country not in _runs:
        _runs[country] = doomloop.load_model(country).run(variables=GROUPS)
    return _runs[country]


def model_single_years(country: str, year: int) -> dict[str, np.ndarray]:
    names = [f"population_{s}[{a}]" for s in W.SEXES for a in AGES]
    row = doomloop.load_model(country).run(variables=names).loc[year]
    return {s: np.array([row[f"population_{s}[{a}]"] for a in AGES]) for s in W.SEXES}


def wpp_estimates(country: str) -> dict[int, dict[str, float]]:
    inp = W.Inputs(COUNTRIES[country])
    out = {}
    for year, by_sex in inp.pop.items():
        both = by_sex["female"] + by_sex["male"]
        out[year] = W.groups_of(np.concatenate([np.repeat(both[:20] / 5, 5), [both[20]]]))
    return out


def _worst(a: dict[int, dict[str, float]], b, years, groups=GROUPS) -> tuple[float, int, str]:  # type: ignore[no-untyped-def]
    cells = [(a[y][g] / b(y, g) - 1, y, g) for y in years for g in groups]
    return max(cells, key=lambda c: abs(c[0]))


def test_history_is_wpp_estimates_at_every_data_year(country: str) -> None:
    est = wpp_estimates(country)
    assert sorted(est) == list(range(1970, 2021, 5))
    df = model_run(country)
    worst = _worst(est, lambda y, g: df.loc[y, g], sorted(est))
    assert abs(worst[0]) < 2e-5, worst


def test_every_five_year_group_and_the_open_group_are_wpp_by_sex(country: str) -> None:
    # The projection starts from the model's 2020 single years, so every WPP group of each
    # sex must be met, the open group 100+ too (where WPP's holds 100 people or more; below,
    # 95+ as one). Before the history fit had a knot at age 100, it met 95+ only: the worst
    # cell was the 100+ of four countries' men (Japan 1995 +252%, WPP's 454 against 1,598;
    # UK 2015 +5.9%); Japan's women 100+ in 2020 were 92,236 against WPP's 96,849 (-4.8%).
    inp = W.Inputs(COUNTRIES[country])
    names = [f"population_{s}[{a}]" for s in W.SEXES for a in AGES]
    df = doomloop.load_model(country).run(variables=names)
    worst = (0.0, 0, "", "")
    for year in sorted(inp.pop):
        for s in W.SEXES:
            mine = np.array([df.loc[year, f"population_{s}[{a}]"] for a in AGES])
            five = np.concatenate([mine[:100].reshape(20, 5).sum(axis=1), mine[100:]])
            wpp = inp.pop[year][s].copy()
            if wpp[20] < 100:
                five[19] += five[20]
                wpp[19] += wpp[20]
                five, wpp = five[:20], wpp[:20]
            for g in np.flatnonzero(wpp > 0):
                cell = (float(five[g] / wpp[g] - 1), year, s, W.FIVE[g])
                worst = max(worst, cell, key=lambda c: abs(c[0]))
    assert abs(worst[0]) < 2e-5, worst


def _wpp_totals(country: str) -> dict[float, float]:
    """WPP's total population on 1 January 2021-2024 (model times 2020.5 ... 2023.5) and on
    1 July 2021-2023 (the mean of the two 1 January values, as WPP's mid-year population is
    in the package: 1 July 2020 = (1 January 2020 + 1 January 2021) / 2), from its 1 July 2020
    total and its annual population change (1 January to 1 January)."""
    with (W.WPP / "vital_events_annual.csv").open(encoding="utf-8") as fh:
        change = {int(r["year"]): float(r["population_change"]) for r in csv.DictReader(fh)
                  if r["country"] == COUNTRIES[country]}  # fmt: skip
    inp = W.Inputs(COUNTRIES[country])
    jan = {2020.5: sum(float(inp.pop[2020][s].sum()) for s in W.SEXES) + change[2020] / 2}
    for y in (2021, 2022, 2023):
        jan[y + 0.5] = jan[y - 0.5] + change[y]
    return {**jan, **{float(y): (jan[y - 0.5] + jan[y + 0.5]) / 2 for y in (2021, 2022, 2023)}}


def test_observed_years_to_2024_are_wpp_estimates(country: str) -> None:
    # WPP's estimates run to the end of 2023, its population by age only to 1 July 2020. From
    # then the model takes WPP's estimated births, deaths and net migration of each calendar
    # year (the mean of two calendar years from each 1 July to the next, half of 2023's from
    # 1 July 2023 to 1 January 2024): its population is WPP's on 1 July 2021-2023 and on 1
    # January 2024. Without them (the five-year mortality of 2020-2025 averages the COVID
    # years away) India 1 July 2022 was +0.20%, the US +0.17%, Japan 1 January 2024 +0.045%.
    # On 1 January 2021-2023 the mid-year convention of the package leaves the model within
    # 0.08% (UK 2021: +0.077%, the shape within the year of a mean of 1 January values).
    df = doomloop.load_model(country).run(
        variables=["population_total"], stop=2024, save_every=None
    )["population_total"]
    for t, wpp in _wpp_totals(country).items():
        limit = 1e-6 if t % 1 == 0 or t == 2023.5 else 1e-3
        assert abs(float(df.loc[t]) / wpp - 1) < limit, (t, float(df.loc[t]), wpp)


def test_residual_migration_matches_wpp_net_migration(country: str) -> None:
    # What the model's history implies (WPP's population change less the model's births and
    # deaths from WPP's rates) against WPP's own net migration estimates per period, by the
    # package's rule for mid-year periods (half of each edge calendar year). The model reads
    # those totals only from mid-2017 (population_handover_weight), so 1970-2015 are
    # independent. In migration units: |model - WPP| <= 0.25 |WPP| + 0.1% of the population
    # at the period's start. Measured, as a share of that limit: at most 0.71 (Japan
    # 1970-1975: -0.32m against WPP's -0.21m); India at most 0.35 (1980-1985: 0.43m against
    # 0.17m); with the annual TFR on the five-year pattern (no five-year TFR), Korea 0.66
    # and India 0.37. Before births took WPP's group rates and the infant hazard the life table's
    # survival to age one, India's 1970-2000 residual was 1.9-2.5m a period above WPP's (up
    # to 3.4 times the limit), booked as immigrants aged 0-4; with no migration at all Japan
    # 1980-1985 is 2.9 times the limit.
    m = doomloop.load_model(country)
    flows = ["net_migration_realised", "population_total"]
    df = m.run(variables=flows, stop=2020, save_every=None)  # every step: flows integrated
    dt = m.time_spec.dt
    with (W.WPP / "migration_totals_annual.csv").open(encoding="utf-8") as fh:
        mig = {int(r["year"]): float(r["net_migrants"]) for r in csv.DictReader(fh)
               if r["country"] == COUNTRIES[country]}  # fmt: skip
    for t0 in range(1970, 2020, 5):
        wpp = mig[t0] / 2 + sum(mig[y] for y in range(t0 + 1, t0 + 5)) + mig[t0 + 5] / 2
        span = df[(df.index >= t0) & (df.index < t0 + 5 - dt / 2)]  # the steps of the period
        mine = float(span["net_migration_realised"].sum() * dt)
        limit = 0.25 * abs(wpp) + 1e-3 * float(df.loc[t0, "population_total"])
        assert abs(mine - wpp) <= limit, (t0, mine, wpp, limit)


def test_model_matches_independent_projection(country: str) -> None:
    # Two sources of difference, each measured (2021-2060; worst cell, model against the
    # independent projection; both take WPP's estimated births, deaths and migration to
    # 2024, each its own way). (1) Mechanics: started from the model's own 2020 single
    # years, worst broad cell 0.14% (India 0-14 2035), worst 75+ 0.12% (India 2028); limits
    # 0.25% and 0.2%. (Before both took WPP's single-year migration by birth year, the
    # annual e0 as the mortality level and the five-year TFR's group rates: 0.36%, Korea
    # 0-14 2046, and 0.13%.) (2) The start: WPP's 2020 five-year groups split by the births
    # of each birth year (from 1950) against the model's fifty years of single-year
    # cohorts: worst broad cell 0.34% (India 65+ 2028: zero at 2025 and 2030, where the
    # five-year groups of 2020 are whole again, so the split within groups), 75+ 0.58% (US
    # 2027: those aged 68-69 in 2020, born 1950-1952 at the start of WPP's annual TFR,
    # where the births' spline rests on its end condition; UK 2027 0.51%, Korea 2032 0.52%:
    # the model holds 36k more aged 63-64 in 2020, born 1955-1957; its 1970 split puts a
    # 13% step between ages 14 and 15, WPP's 15-19 being 26% below its 10-14 where WPP's TFR
    # of the 1950s is flat). Neither side's single years can be checked here: WPP's
    # single-year populations are not in the repository. Limits 0.45% and 0.65%. Against
    # WPP's published projection (not in the repository) at 2025, ..., 2050 the model is
    # within 0.19% and this projection within 0.09% in every broad group and country. When
    # the start was split by the spline alone, which smooths births' swings away (the US in
    # 2020: 0.67m more aged 43-47, born 1972-1977, and 0.75m fewer aged 48-50 than by
    # births), the worst broad cell was 0.53% (US 65+ 2037) and 75+ 0.81% (US 2047). Before
    # the projection's open group was survived by T100/T99 (it took T101/T99, a year too
    # many), the model's 65+ seemed 0.6-0.8% high and its 75+ 1.1% (mechanics).
    df = model_run(country)
    years = range(2021, 2061)
    for start, broad, old in ((model_single_years(country, 2020), 0.0025, 0.002),
                              (None, 0.0045, 0.0065)):  # fmt: skip
        ind = W.project(COUNTRIES[country], start=start)
        worst = _worst(ind, lambda y, g: df.loc[y, g], years, BROAD)
        assert abs(worst[0]) < broad, (start is None, worst)
        worst = _worst(ind, lambda y, g: df.loc[y, g], years, ["population_75_plus"])
        assert abs(worst[0]) < old, (start is None, worst)


def test_projection_start_holds_the_births_of_each_birth_year() -> None:
    # The independent projection's 2020 start: Japan's hinoeuma (TFR 1.63 in 1966 against
    # 2.09 in 1965 and 2.16 in 1967) is in the cohorts aged 53 (born July 1966-June 1967)
    # and 54 (July 1965-June 1966), each more than 5% below its outer neighbour (measured:
    # 12% and 8%), by sex. A spline split of WPP's five-year groups smooths it away (3% and
    # -1%).
    inp = W.Inputs("Japan")
    for s in W.SEXES:
        n = W.split_by_births(inp, s)
        assert n[53] < 0.95 * n[52] and n[54] < 0.95 * n[55], (s, n[52:56])
        assert np.allclose(n[:100].reshape(20, 5).sum(axis=1), inp.pop[2020][s][:20])


def test_broad_groups_change_as_smoothly_as_independent_projection(country: str) -> None:
    # Five-year cohorts spread evenly over their ages made the yearly change of broad groups
    # jump every five years (Japan's 75+: +71k in 2045, +456k in 2046). Started from the
    # model's own 2020 single years (so that real birth-year structure is in both; the start
    # is therefore not independent: this checks the mechanics of ageing), the sum
    # of absolute second differences of each group 2020-2060 may exceed the independent
    # projection's by 10% at most (measured 0.93-1.03; the five-year-cohort model exceeded
    # it by 1.1 to 6.7 times).
    ind = W.project(COUNTRIES[country], start=model_single_years(country, 2020))
    df = model_run(country)
    for g in GROUPS:
        mine = np.abs(np.diff(df.loc[2020:2060, g].to_numpy(), 2)).sum()
        theirs = np.abs(np.diff([ind[y][g] for y in range(2020, 2061)], 2)).sum()
        assert mine <= 1.10 * theirs + 1e-6 * df.loc[2020, g], (g, mine, theirs)


def test_first_cohort_born_in_the_model_joins_the_1970_split(country: str) -> None:
    # The 1970 single-year split meets the model's own births: the newborn cohort's growth
    # from 1970 (split) to 1971 (born in the model) against what WPP's annual TFR and the
    # women of childbearing age imply, compared with the same gap in 1971-1974 (model to
    # model, where it is 0.4-2%, the five-year age pattern against WPP's single years).
    # Measured step at 1970 against the later years: 0.1-3.4 points (Japan the most); a split
    # by births alone (no survival within the 0-4 group) made it 2-7 points (India the most).
    with (W.WPP / "fertility_annual.csv").open(encoding="utf-8") as fh:
        tfr = {int(r["year"]): float(r["tfr"]) for r in csv.DictReader(fh)
               if r["country"] == COUNTRIES[country]}  # fmt: skip
    names = ["cohort_population[a0]"] + [f"population_female[a{k}]" for k in range(15, 50)]
    df = doomloop.load_model(country).run(variables=names)
    women = df[names[1:]].sum(axis=1)

    def gap(y: int) -> float:
        grown = df.loc[y + 1, names[0]] / df.loc[y, names[0]]
        implied = (tfr[y] + tfr[y + 1]) / (tfr[y - 1] + tfr[y]) * women[y + 1] / women[y]
        return float(grown / implied - 1)

    later = np.mean([gap(y) for y in (1971, 1972, 1973)])
    assert abs(gap(1970) - later) < 0.04, (gap(1970), later)


def test_japan_1966_birth_dip_is_in_the_1970_population() -> None:
    # Hinoeuma: Japan's TFR 1966 was 1.58 against 2.14 (1965) and 2.23 (1967). On 1 July
    # 1970 the cohorts born July 1965-June 1966 (a4) and July 1966-June 1967 (a3) each hold
    # half of calendar 1966: both are visibly smaller than their neighbours.
    row = doomloop.load_model("japan").run(
        variables=[f"cohort_population[a{k}]" for k in range(2, 6)]
    )
    n = {k: row.loc[1970, f"cohort_population[a{k}]"] for k in range(2, 6)}
    assert n[3] < 0.93 * n[2] and n[4] < 0.93 * n[5], n


def test_monte_carlo_varies_only_from_the_first_projected_year() -> None:
    from doomloop.analysis.montecarlo import monte_carlo

    japan = doomloop.load_model("japan")
    ds = monte_carlo(
        japan, 8, variables=["population_15_64"], times=[2020.0, 2024.0, 2026.0, 2040.0], seed=1
    )
    assert (ds["status"] == "ok").all()
    wa = ds["population_15_64"]

    def width(t: float) -> float:
        y = wa.sel(time=t).values
        return float((y.max() - y.min()) / np.median(y))

    assert width(2020.0) <= 0.01  # the goal; the band is in fact zero: observed data
    assert width(2024.0) < 1e-9
    assert 0 < width(2026.0) < width(2040.0)  # the multipliers ramp in
    assert width(2040.0) > 0.01  # the future does vary
