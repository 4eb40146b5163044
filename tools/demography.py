"""The population sector: UN WPP 2024 inputs reshaped, and the cohort equations built from them.

Data-heavy, so generated in code; ``tools/build_models.py`` calls :func:`population_sector`
with :func:`demography` of a country. The rest of the model reads its outputs by name
(``population_20_24``, ``population_15_64``, ``population_total``, ...).
"""

from __future__ import annotations

import csv
import math
from collections import defaultdict
from pathlib import Path

from sdvar import Var

ROOT = Path(__file__).resolve().parents[1]
PKG = ROOT / "src" / "doomloop"
WPP = PKG / "data" / "wpp2024"

COUNTRIES = {
    "japan": "Japan",
    "india": "India",
    "usa": "United States of America",
    "uk": "United Kingdom",
    "korea": "Republic of Korea",
}

START, STOP, DT = 1970, 2060, 0.0625
COHORT_YEARS = list(range(1870, STOP, 5))  # birth periods [y, y+5)
COHORTS = [f"b{y}" for y in COHORT_YEARS]
AGE_GROUPS = [f"{a}-{a + 4}" for a in range(0, 100, 5)] + ["100+"]
MORT_KNOTS = [2.5 + 5 * k for k in range(21)]  # 0-4 ... 100+
FERT_GROUPS = [f"{a}-{a + 4}" for a in range(15, 50, 5)]
FERT_KNOTS = [17.5 + 5 * k for k in range(7)]


# --------------------------------------------------------------------------------------------
# data
# --------------------------------------------------------------------------------------------


def _rows(name: str, country: str) -> list[dict[str, str]]:
    with (WPP / name).open(newline="", encoding="utf-8") as fh:
        return [r for r in csv.DictReader(fh) if r["country"] == country]


def demography(country: str) -> dict[str, object]:
    """The country's WPP inputs reshaped for the model."""
    pop = _rows("population_by_age.csv", country)
    init: dict[str, dict[str, float]] = {"female": defaultdict(float), "male": defaultdict(float)}
    for r in pop:
        if r["year"] != str(START):
            continue
        a = r["age_group"]
        lo = 100 if a == "100+" else int(a.split("-")[0])
        born = START - min(lo, 95) - 5  # 100+ joins the oldest cohort
        init[r["sex"]][f"b{born}"] += float(r["population"])

    mort: dict[str, dict[int, list[tuple[float, float]]]] = {"female": {}, "male": {}}
    per: dict[tuple[str, int], dict[str, float]] = defaultdict(dict)
    for r in _rows("mortality_by_age.csv", country):
        per[(r["sex"], int(r["year_start"]))][r["age_group"]] = float(r["mx"])
    for (sex, y0), m in sorted(per.items()):
        vals = [(m["0"] + 4 * m["1-4"]) / 5] + [m[g] for g in AGE_GROUPS[1:]]
        for k, v in enumerate(vals):
            mort[sex].setdefault(k, []).append((y0 + 2.5, math.log(v)))

    fert: dict[int, list[tuple[float, float]]] = {}
    for r in _rows("fertility_age_pattern.csv", country):
        k = FERT_GROUPS.index(r["age_group"])
        fert.setdefault(k, []).append((int(r["year_start"]) + 2.5, float(r["percent_asfr"]) / 100))
    tfr = [(int(r["year"]), float(r["tfr"])) for r in _rows("fertility_annual.csv", country)]
    srb = [
        (int(r["year"]), float(r["srb"])) for r in _rows("sex_ratio_at_birth_annual.csv", country)
    ]
    mig = [
        (int(r["year"]), float(r["net_migrants"]))
        for r in _rows("migration_totals_annual.csv", country)
    ]
    by_age: dict[tuple[str, str], float] = defaultdict(float)
    for r in _rows("migration_by_age.csv", country):
        if r["year_start"] == "2020":
            by_age[(r["sex"], r["age_group"])] += float(r["net_migrants"])
    total = sum(by_age.values())
    shares = {k: v / total for k, v in by_age.items()}
    clip = [(x, y) for x, y in tfr if START - 5 <= x <= STOP + 5]
    return {
        "init": init,
        "mort": mort,
        "fert": fert,
        "tfr": clip,
        "srb": [(x, y) for x, y in srb if START - 5 <= x <= STOP + 5],
        "mig": [(x, y) for x, y in mig if START - 5 <= x <= STOP + 5],
        "mig_share": shares,
    }


def _window(points: list[tuple[float, float]]) -> tuple[list[float], list[float]]:
    pts = sorted((x, y) for x, y in points if START - 10 <= x <= STOP + 10)
    return [x for x, _ in pts], [y for _, y in pts]


# --------------------------------------------------------------------------------------------
# structure
# --------------------------------------------------------------------------------------------


def _sum(array: str) -> str:
    return " + ".join(f"{array}[{c}]" for c in COHORTS)


def _hat(knot: float, width: float, age: str) -> str:
    return f"MAX(1 - ABS({age} - {knot:g}) / cohort_width, 0)"


def population_sector(d: dict[str, object]) -> list[Var]:
    v: list[Var] = []
    v.append(
        Var(
            "aux",
            "cohort_birth_start",
            "",
            "year",
            "First birth year of each five-year birth cohort (cohort bY is born in [Y, Y+5)).",
            arrayed=True,
            elements={c: str(y) for c, y in zip(COHORTS, COHORT_YEARS, strict=True)},
        )
    )
    v.append(
        Var(
            "aux",
            "cohort_age",
            "TIME - cohort_birth_start - 2.5",
            "year",
            "Age of the middle of each birth cohort. Cohorts never age by flowing from stock "
            "to stock: age is time minus birth year, so ageing is exact at any dt (no "
            "aging-chain dispersion). Cohorts still being born have a negative value here; "
            "rates use it clamped.",
            arrayed=True,
        )
    )
    for sex, tag in (("female", "f"), ("male", "m")):
        mort = d["mort"][sex]  # type: ignore[index]
        for k in range(len(MORT_KNOTS)):
            xs, ys = _window(mort[k])
            v.append(
                Var(
                    "aux",
                    f"log_mx_{tag}_{k:02d}",
                    "TIME",
                    "dmnl",
                    f"Natural log of the {sex} central death rate (per person-year) at age "
                    f"{AGE_GROUPS[k]} (ages 0 and 1-4 combined as (m0 + 4 m1-4)/5), by "
                    "five-year period, interpolated between period midpoints. Source: S01 UN "
                    "WPP 2024 mx5 (medium variant after 2023).",
                    gf=(xs, ys),
                )
            )
        terms = " + ".join(
            f"log_mx_{tag}_{k:02d} * "
            + (
                f"mortality_weight_{k:02d}"
                if k in (0, len(MORT_KNOTS) - 1)
                else f"age_weight_{k:02d}"
            )
            for k in range(len(MORT_KNOTS))
        )
        v.append(
            Var(
                "aux",
                f"death_rate_{tag}",
                f"EXP({terms}) * mortality_multiplier",
                "1/year",
                f"Central death rate of each {sex} cohort: WPP log-rates interpolated "
                "linearly in age between five-year knots, times the mortality multiplier.",
                arrayed=True,
            )
        )
    for k, knot in enumerate(MORT_KNOTS):
        v.append(
            Var(
                "aux",
                f"age_weight_{k:02d}",
                _hat(knot, 5, "cohort_age"),
                "dmnl",
                f"Weight of the age group {AGE_GROUPS[k]} for each cohort: linear "
                "interpolation between five-year knots (weights of one knot over all "
                "cohorts sum to 1).",
                arrayed=True,
            )
        )
    edge = {
        0: "MIN(MAX(age_weight_00 + (2.5 - cohort_age) / cohort_width, age_weight_00), 1)",
        len(MORT_KNOTS) - 1: "MIN(MAX(age_weight_20 + (cohort_age - 102.5) / cohort_width, "
        "age_weight_20), 1)",
    }
    for k in range(len(MORT_KNOTS)):
        if k in edge:
            v.append(
                Var(
                    "aux",
                    f"mortality_weight_{k:02d}",
                    edge[k],
                    "dmnl",
                    "Age weight for death rates, holding the end knot's rate beyond the "
                    "end of the WPP ages.",
                    arrayed=True,
                )
            )

    fert = d["fert"]  # type: ignore[assignment]
    for k in range(7):
        xs, ys = _window(fert[k])  # type: ignore[index]
        v.append(
            Var(
                "aux",
                f"fertility_share_{k}",
                "TIME",
                "dmnl",
                f"Share of the total fertility rate borne at mothers' ages {FERT_GROUPS[k]} "
                "(percent ASFR / 100), by five-year period. Source: S01 UN WPP 2024.",
                gf=(xs, ys),
            )
        )
    terms = " + ".join(
        f"fertility_share_{k} * {_hat(knot, 5, 'cohort_age')}" for k, knot in enumerate(FERT_KNOTS)
    )
    v.append(
        Var(
            "aux",
            "fertility_age_weight",
            f"({terms}) / cohort_width",
            "1/year",
            "Births per woman per year at each cohort's age per unit of TFR: the WPP age "
            "pattern spread over the five years of each age group.",
            arrayed=True,
        )
    )
    xs, ys = _window(d["tfr"])  # type: ignore[arg-type]
    v.append(
        Var(
            "aux",
            "tfr_projection",
            "TIME",
            "dmnl",
            "Total fertility rate, calendar year (estimates to 2023, medium variant after). "
            "Source: S01 UN WPP 2024.",
            gf=(xs, ys),
        )
    )
    v.append(
        Var(
            "aux",
            "total_fertility_rate",
            "tfr_projection * fertility_multiplier + family_policy_tfr_gain * "
            "family_policy_activation",
            "dmnl",
            "Total fertility rate used: the WPP path times the fertility assumption, plus "
            "the family-policy lever's gain once it acts.",
        )
    )
    v.append(
        Var(
            "aux",
            "births_by_cohort",
            "population_female * fertility_age_weight * total_fertility_rate",
            "people/year",
            "Births to the women of each cohort.",
            arrayed=True,
        )
    )
    v.append(
        Var(
            "aux",
            "births",
            _sum("births_by_cohort"),
            "people/year",
            "Births in the country (sum over mothers' cohorts).",
        )
    )
    xs, ys = _window(d["srb"])  # type: ignore[arg-type]
    v.append(
        Var(
            "aux",
            "sex_ratio_at_birth",
            "TIME",
            "dmnl",
            "Male births per female birth. Source: S01 UN WPP 2024.",
            gf=(xs, ys),
        )
    )
    v.append(
        Var(
            "aux",
            "cohort_in_birth_window",
            "IF TIME >= cohort_birth_start THEN (IF TIME < cohort_birth_start + 5 THEN 1 ELSE 0) "
            "ELSE 0",
            "dmnl",
            "1 for the cohort now being born, else 0.",
            arrayed=True,
        )
    )
    xs, ys = _window(d["mig"])  # type: ignore[arg-type]
    v.append(
        Var(
            "aux",
            "net_migration_projection",
            "TIME",
            "people/year",
            "Net international migrants per calendar year (estimates to 2023, medium "
            "variant after). Source: S01 UN WPP 2024.",
            gf=(xs, ys),
        )
    )
    v.append(
        Var(
            "aux",
            "net_migration",
            "net_migration_projection * migration_multiplier",
            "people/year",
            "Net migration used: the WPP path times the migration assumption.",
        )
    )
    shares = d["mig_share"]  # type: ignore[assignment]
    for sex, tag in (("female", "f"), ("male", "m")):
        terms = " + ".join(
            f"{shares[(sex, g)]:.6g} * age_weight_{k:02d}"  # type: ignore[index]
            for k, g in enumerate(AGE_GROUPS)
        )
        v.append(
            Var(
                "aux",
                f"migration_age_share_{tag}",
                terms,
                "dmnl",
                f"Share of net migrants who are {sex} and of each cohort's age: the WPP "
                "2020-2025 age-sex pattern (S01), spread across cohorts so that the shares "
                "of all cohorts sum to the pattern's total.",
                arrayed=True,
            )
        )
    for sex, tag in (("female", "f"), ("male", "m")):
        share = (
            "1 / (1 + sex_ratio_at_birth)"
            if tag == "f"
            else "sex_ratio_at_birth / (1 + sex_ratio_at_birth)"
        )
        v.append(
            Var(
                "flow",
                f"births_{tag}",
                f"births * {share} * cohort_in_birth_window",
                "people/year",
                f"{sex.title()} births, into the cohort being born.",
                arrayed=True,
            )
        )
        v.append(
            Var(
                "flow",
                f"deaths_{tag}",
                f"population_{sex} * death_rate_{tag}",
                "people/year",
                f"{sex.title()} deaths by cohort.",
                arrayed=True,
            )
        )
        v.append(
            Var(
                "aux",
                f"migration_wanted_{tag}",
                f"net_migration * (IF TIME < "
                f"migration_pattern_start THEN migration_history_weight * "
                f"migration_age_share_{tag} + (1 - migration_history_weight) * "
                f"population_{sex} / population_total ELSE migration_age_share_{tag})",
                "people/year",
                f"{sex.title()} net migration by cohort as the age pattern asks for it.",
                arrayed=True,
            )
        )
        v.append(
            Var(
                "flow",
                f"migration_{tag}",
                f"MAX(migration_wanted_{tag}, -population_{sex} / emigration_floor_time)",
                "people/year",
                f"{sex.title()} net migration by cohort (negative is emigration): by the "
                "WPP 2020-2025 age-sex pattern from 2020; before (WPP 2024 has migration "
                "by age only from 2020) by a blend of that pattern and the population's "
                "own age structure (assumption).",
                arrayed=True,
            )
        )
        init = d["init"][sex]  # type: ignore[index]
        v.append(
            Var(
                "aux",
                f"initial_population_{sex}",
                "",
                "people",
                f"{sex.title()} population on 1 July {START} by birth cohort (the age "
                f"groups of S01 UN WPP 2024; 100+ joins the oldest cohort).",
                elements={c: f"{init.get(c, 0.0):.0f}" for c in COHORTS},
            )
        )
        v.append(
            Var(
                "stock",
                f"population_{sex}",
                f"initial_population_{sex}",
                "people",
                f"{sex.title()} population by five-year birth cohort.",
                arrayed=True,
                inflows=[f"births_{tag}", f"migration_{tag}"],
                outflows=[f"deaths_{tag}"],
            )
        )

    def band(lo: float, hi: float | None) -> str:
        # Share of a cohort aged lo or more: its members are spread evenly over five years of
        # age. Everyone born is aged 0 or more, so the cohort still being born (spread over
        # fewer years) counts in full for lo = 0.
        up = "1" if lo == 0 else f"MIN(MAX((cohort_age + 2.5 - {lo:g}) / cohort_width, 0), 1)"
        if hi is None:
            return up
        return f"({up} - MIN(MAX((cohort_age + 2.5 - {hi:g}) / cohort_width, 0), 1))"

    v.append(
        Var(
            "aux",
            "cohort_population",
            "population_female + population_male",
            "people",
            "Both sexes, by cohort.",
            arrayed=True,
        )
    )
    bands = {
        "0_14": (0, 15),
        "15_64": (15, 65),
        "65_plus": (65, None),
        "75_plus": (75, None),
        "85_plus": (85, None),
        "20_24": (20, 25),
    }
    for key, (lo, hi) in bands.items():
        v.append(
            Var(
                "aux",
                f"cohort_in_{key}",
                f"cohort_population * {band(lo, hi)}",
                "people",
                f"People of each cohort aged {key.replace('_', '-')} (members spread "
                "evenly over the cohort's five years of age).",
                arrayed=True,
            )
        )
        v.append(
            Var(
                "aux",
                f"population_{key}",
                _sum(f"cohort_in_{key}"),
                "people",
                f"Population aged {key.replace('_plus', '+').replace('_', '-')}.",
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
            " + ".join(f"deaths_f[{c}] + deaths_m[{c}]" for c in COHORTS),
            "people/year",
            "Deaths in all.",
        )
    )
    v.append(
        Var(
            "aux",
            "net_migration_realised",
            " + ".join(f"migration_f[{c}] + migration_m[{c}]" for c in COHORTS),
            "people/year",
            "Net migration as applied to the cohorts (equals net_migration).",
        )
    )
    return v
