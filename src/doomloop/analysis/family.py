"""Family-member test: one structure, every country's own inputs.

A structure that explains Japan should also explain its relatives. With each country's own
parameter table and demography, the run must reproduce its 1970-2024 population (UN WPP 2024,
within 5% in total) and rank the United States first on frontier capability in 2030
(Sterman, *Business Dynamics*, 2000, ch. 21, "family member" test).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..engine import MODELS_DIR, available_models, load_model
from ..profile import PROFILE_FILE, load_profile

FIGURES = Path(__file__).resolve().parents[1] / "data" / "figures.csv"


def members() -> dict[str, str]:
    """Shipped model name -> its country's name in figures.csv (from each profile)."""
    out = {}
    for name in available_models():
        path = MODELS_DIR / name / PROFILE_FILE
        if path.is_file():
            country = load_profile(path).country
            if country is not None and country.figures:
                out[name] = country.figures
    return out


POPULATION_TOLERANCE = 0.05
RANK_YEAR = 2030


@dataclass(frozen=True)
class FamilyResult:
    """How one family member does."""

    member: str
    population_max_error_pct: float
    population_years: int
    capability_ratio_2030: float
    capability_rank_2030: int
    status: str


def population_history(country: str) -> list[tuple[int, float]]:
    """(year, people) of the WPP 2024 total-population rows of *country*, 1970-2024."""
    with FIGURES.open(newline="", encoding="utf-8") as fh:
        return [
            (int(r["year"]), float(r["value"]) * 1000)
            for r in csv.DictReader(fh)
            if r["country"] == country
            and r["key"] == "pop_total"
            and r["source"].startswith("S01")
            and r["year"].isdigit()
            and 1970 <= int(r["year"]) <= 2024
        ]


def family_member_results(model: Any = None) -> list[FamilyResult]:
    """Population fit and 2030 capability rank of every family member.

    *model* is accepted for the ``doomloop check`` hook and not needed: the family is the
    set of shipped country models.
    """
    errors: dict[str, tuple[float, int]] = {}
    capability: dict[str, float] = {}
    family = members()
    for name, country in family.items():
        run = load_model(name).run(variables=["population_total", "capability_ratio"])
        history = population_history(country)
        errors[name] = (
            max(abs(run.loc[y, "population_total"] / v - 1) for y, v in history) * 100,
            len(history),
        )
        capability[name] = float(run.loc[RANK_YEAR, "capability_ratio"])
    results = []
    for name in family:
        err, n = errors[name]
        # members level with each other share a rank: two labs at the frontier's own pace tie
        rank = 1 + sum(c > capability[name] for c in capability.values())
        ok = err <= POPULATION_TOLERANCE * 100 and (name != "usa" or rank == 1)
        ok = ok and (name == "usa" or capability[name] <= capability["usa"])
        results.append(FamilyResult(name, err, n, capability[name], rank, "pass" if ok else "fail"))
    return results
