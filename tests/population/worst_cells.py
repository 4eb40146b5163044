"""Print the worst cells of the population sector for issue 14's closing note (a script).

    python tests/population/worst_cells.py [japan ...] [--years 2025 2050]

Per country: history (model against WPP's estimates, every data year 1970-2020, broad
groups and 75+), the model against the independent projection (``wpp_projection.py``) from its own
start and from the model's 2020 single years, broad groups and 75+, and the working-age
population (15-64) in 2040 and 2050. Cells are model / other - 1.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import doomloop  # noqa: E402
from population import wpp_projection as W  # noqa: E402
from population.test_wpp_population import AGES, BROAD, COUNTRIES, wpp_estimates  # noqa: E402

Cells = dict[int, dict[str, float]]


def worst(mine: Cells, other: Cells, years: range, groups: list[str], pct: bool = True) -> str:
    c = max(
        ((mine[y][g] / other[y][g] - 1, y, g) for y in years for g in groups),
        key=lambda c: abs(c[0]),
    )
    value = f"{100 * c[0]:+.3f}%" if pct else f"{c[0]:+.1e}"
    return f"{value} {c[1]} {c[2].removeprefix('population_')}"


def report(country: str, years: range) -> str:
    groups = [*BROAD, "population_75_plus"]
    names = groups + [f"population_{s}[{a}]" for s in W.SEXES for a in AGES]
    df = doomloop.load_model(country).run(variables=names)
    mine = {int(y): {g: float(df.loc[y, g]) for g in groups} for y in df.index if y % 1 == 0}
    est = wpp_estimates(country)
    start = {s: np.array([df.loc[2020, f"population_{s}[{a}]"] for a in AGES]) for s in W.SEXES}
    ind = W.project(COUNTRIES[country])
    own = W.project(COUNTRIES[country], start=start)
    wa = {y: mine[y]["population_15_64"] / 1e6 for y in (2040, 2050)}
    return (
        f"{country}: history {worst(mine, est, range(1970, 2021, 5), groups, False)}; "
        f"projection {worst(mine, ind, years, BROAD)}, 75+ "
        f"{worst(mine, ind, years, ['population_75_plus'])}; from the model's 2020 ages "
        f"{worst(mine, own, years, BROAD)}, 75+ {worst(mine, own, years, ['population_75_plus'])}; "
        f"15-64 2040 {wa[2040]:.2f}m, 2050 {wa[2050]:.2f}m"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("countries", nargs="*", default=list(COUNTRIES))
    ap.add_argument("--years", nargs=2, type=int, default=(2025, 2050))
    a = ap.parse_args()
    for c in a.countries:
        print(report(c, range(a.years[0], a.years[1] + 1)), flush=True)


if __name__ == "__main__":
    main()
