"""Calibration of a doomloop model to history: rerun it and print the fit statistics.

    python scripts/calibrate.py                 # fit of the shipped parameters (Japan)
    python scripts/calibrate.py --fit           # refit the calibrated parameters, then report
    python scripts/calibrate.py --fit --out calibrated.toml

The history is the model's ``history.csv`` (rows of ``data/figures.csv`` mapped to model
variables: WPP 2024 population by age group 1970-2020, MHLW foreign workers, EF EPI scores,
private AI investment, the 2024 frontier gap, METI IT workers, MHLW care workers). It prints,
per series, RMSE, MAPE and Theil's inequality proportions (Sterman 1984), and the largest
population error by age group against the 3% criterion. ``--fit`` refits the parameters whose
source says they were calibrated, with bounded least squares, and can write them as a
scenario file that every command accepts (``--scenario calibrated.toml``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

import doomloop
from doomloop.analysis.calibration import calibrate, load_reference, write_scenario
from doomloop.fitstats import fit_summary

#: Parameters of the Japan table calibrated to history (their sources say so).
CALIBRATED = (
    "english_youth_level",
    "foreign_recruitment_rate",
    "visa_openness_trend",
    "investment_per_startup",
    "founding_rate",
    "talent_exponent",
    "it_graduate_share_max",
    "care_hiring_rate",
)
POPULATION = ("population_total", "population_0_14", "population_15_64", "population_65_plus")


def statistics(
    model: doomloop.Model, reference: pd.DataFrame, params: dict[str, float]
) -> pd.DataFrame:
    """Fit statistics per series of a run with *params* against *reference*."""
    names = sorted(reference["name"].unique())
    run = model.run(params=params, variables=names)
    rows = {}
    for name, part in reference.groupby("name"):
        sim = run.loc[part["year"].to_numpy(), name].to_numpy()
        rows[name] = fit_summary(sim, part["value"].to_numpy())
        rows[name]["max abs % error"] = float((abs(sim / part["value"].to_numpy() - 1)).max() * 100)
    return pd.DataFrame(rows).T[
        ["n", "rmse", "mape", "max abs % error", "theil_um", "theil_us", "theil_uc"]
    ]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--model", default="japan")
    ap.add_argument("--fit", action="store_true", help="refit the calibrated parameters")
    ap.add_argument("--out", type=Path, help="write the fitted values as a scenario TOML")
    ap.add_argument("--force", action="store_true", help="overwrite --out")
    args = ap.parse_args(argv)

    model = doomloop.load_model(args.model)
    reference = load_reference(model.path.parent / "history.csv")
    pd.set_option("display.width", 160)
    pd.set_option("display.float_format", lambda v: f"{v:,.4g}")

    params: dict[str, float] = {}
    if args.fit:
        names = [p for p in CALIBRATED if p in model.parameters]
        fitted = reference[~reference["name"].isin(POPULATION)]
        result = calibrate(model, names, fitted, max_nfev=60)
        params = result.params
        print(f"least squares: {result.message} ({result.nfev} evaluations)")
        print(
            pd.Series(
                {k: f"{result.initial[k]:.4g} -> {v:.4g}" for k, v in params.items()}
            ).to_string()
        )
        if args.out:
            write_scenario(
                result, model, args.out, name=f"{model.name}-calibrated", force=args.force
            )
            print(f"calibrated parameters written to {args.out}")

    stats = statistics(model, reference, params)
    print(f"\nFit to history ({model.name}, {'refitted' if params else 'shipped'} parameters):")
    print(stats.to_string())
    population = stats.loc[[p for p in POPULATION if p in stats.index], "max abs % error"]
    worst = float(population.max())
    verdict = "within" if worst < 3 else "NOT within"
    print(
        f"\nPopulation by age group 1970-2020 (WPP 2024): largest error {worst:.2f}% ({verdict} 3%)"
    )
    gap = reference[reference["name"] == "frontier_gap_oom"]
    if not gap.empty:
        run = model.run(params=params, variables=["frontier_gap_oom"])
        y = int(gap["year"].iloc[0])
        print(
            f"Frontier gap {y}: model {run.loc[y, 'frontier_gap_oom']:.2f} OOM, "
            f"data {gap['value'].iloc[0]:.2f} OOM (S13, S14)"
        )
    return 0 if worst < 3 else 1


if __name__ == "__main__":
    sys.exit(main())
