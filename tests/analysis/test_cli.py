"""The analysis commands, run through doomloop.cli.main on the logistic fixture."""

from __future__ import annotations

import tomllib
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from doomloop.cli import main

M = str(Path(__file__).resolve().parent.parent / "fixtures" / "logistic")


def test_uncertainty_writes_bands(tmp_path, capsys):
    out = tmp_path / "u"
    assert main(["uncertainty", "--model", M, "--runs", "30", "--out", str(out)]) == 0
    bands = pd.read_csv(out / "bands.csv")
    assert {"variable", "time", "p5", "p50", "p95"} <= set(bands.columns)
    assert (out / "bands.png").stat().st_size > 1000
    assert "30 of 30 runs succeeded" in capsys.readouterr().out
    args = ["uncertainty", "--model", M, "--runs", "5", "--out", str(out)]
    assert main(args) == 1  # outputs exist: refused before any run
    assert "already exists" in capsys.readouterr().err
    assert main([*args, "--force"]) == 0


def test_sensitivity_sobol_and_morris(tmp_path, capsys):
    out = tmp_path / "s"
    args = ["sensitivity", "--model", M, "--output", "population", "--year", "10"]
    assert main([*args, "--n", "64", "--out", str(out)]) == 0
    df = pd.read_csv(out / "sobol_population_10.csv", index_col=0)
    assert df.index[0] == "growth_rate"
    assert main([*args, "--method", "morris", "--n", "8", "--out", str(out)]) == 0
    assert (out / "morris_population_10.png").exists()
    assert "growth_rate" in capsys.readouterr().out


def test_calibrate_writes_a_loadable_scenario(tmp_path):
    ref = tmp_path / "ref.csv"
    ref.write_text("name,year,value\npopulation,5,40\npopulation,10,150\npopulation,20,800\n")
    toml = tmp_path / "cal.toml"
    assert (
        main(
            [
                "calibrate",
                "--model",
                M,
                "--params",
                "growth_rate",
                "--reference",
                str(ref),
                "--out",
                str(toml),
            ]
        )
        == 0
    )
    data = tomllib.loads(toml.read_text())
    assert 0.25 < data["assumptions"]["growth_rate"] < 0.35
    assert (tmp_path / "cal_fit.png").exists() and (tmp_path / "cal_fit.csv").exists()


def test_calibrate_to_figures_needs_a_shipped_country(tmp_path, capsys):
    args = ["calibrate", "--model", M, "--params", "growth_rate", "--reference", "figures"]
    assert main([*args, "--out", str(tmp_path / "c.toml")]) != 0
    err = capsys.readouterr().err
    assert "figures.csv holds the population of the shipped countries" in err
    assert "korea" in err and "give a reference CSV" in err
    assert not (tmp_path / "c.toml").exists()


def test_calibrate_needs_series_the_fit_can_use(tmp_path, capsys):
    """A reference with only what the profile leaves out of the fit (UN WPP's population) is
    refused before any run, saying why and what to do, with nothing written; a country whose
    profile names no parameters to calibrate gets the fit reported, saying so."""
    pop = tmp_path / "pop.csv"
    pop.write_text("name,year,value\npopulation_total,2000,126800000\n")
    out = tmp_path / "c.toml"
    assert main(["calibrate", "--reference", str(pop), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "holds only series the profile leaves out of the fit (population_total)" in err
    assert "english_youth_level" in err and "--params" in err
    assert not out.exists()
    assert main(["calibrate", "-m", "uk", "--out", str(out)]) == 0
    text = capsys.readouterr().out
    assert "Fit of uk to history (the profile names no parameters to calibrate" in text
    assert "population_total" in text and not out.exists()
    args = ["calibrate", "--params", "founding_rate", "--until", "1900", "--out", str(out)]
    assert main(args) == 1  # history before 1900: no rows
    assert "holds no observations" in capsys.readouterr().err and not out.exists()


def test_calibrate_reports_the_fit_to_the_models_history(capsys):
    """One calibration entry point: `doomloop calibrate --report` is what the old script
    printed; the fit agrees with the closed form of its statistic on one series."""
    import doomloop
    from doomloop.analysis.calibration import fit_table, load_reference

    assert main(["calibrate", "--report"]) == 0
    text = capsys.readouterr().out
    assert "Fit of japan to history" in text and "population_total" in text
    m = doomloop.load_model("japan")
    ref = load_reference(m.path.parent / "history.csv")
    table = fit_table(m, ref)
    part = ref[ref["name"] == "population_total"]
    sim = m.run(variables=["population_total"]).loc[part["year"], "population_total"].to_numpy()
    obs = part["value"].to_numpy()
    assert table.loc["population_total", "rmse"] == pytest.approx(
        float(np.sqrt(np.mean((sim - obs) ** 2))), rel=1e-12
    )
    assert table.loc["population_total", "max abs % error"] < 3  # WPP within 3%


def test_robustness_and_search(tmp_path):
    sc = tmp_path / "more.toml"
    sc.write_text('name = "more"\n[policy]\ninitial_population = 20.0\n')
    out = tmp_path / "r"
    assert (
        main(
            [
                "robustness",
                "--model",
                M,
                "--scenarios",
                str(sc),
                "--runs",
                "20",
                "--year",
                "10",
                "--outputs",
                "population:higher",
                "--out",
                str(out),
            ]
        )
        == 0
    )
    df = pd.read_csv(out / "robustness.csv", index_col=0)
    assert df.loc["more", "population"] == 1.0
    out = tmp_path / "s"
    assert (
        main(
            [
                "search",
                "--model",
                M,
                "--target",
                "population",
                "--by",
                "15",
                "--threshold",
                "700",
                "--runs",
                "20",
                "--maxiter",
                "3",
                "--bounds",
                "initial_population=1:100",
                "--out",
                str(out),
            ]
        )
        == 0
    )
    best = tomllib.loads((out / "best.toml").read_text())
    assert "initial_population" in best["policy"]


def test_bad_input_is_a_clean_error(tmp_path, capsys):
    code = main(
        [
            "sensitivity",
            "--model",
            M,
            "--output",
            "populaton",
            "--year",
            "10",
            "--n",
            "8",
            "--out",
            str(tmp_path),
        ]
    )
    assert code == 1
    assert "Did you mean: population" in capsys.readouterr().err


def test_uncertainty_streams_the_ensemble(tmp_path):
    from doomloop.analysis.montecarlo import open_ensemble

    out = tmp_path / "u"
    assert (
        main(["uncertainty", "--model", M, "--runs", "12", "--save-ensemble", "--out", str(out)])
        == 0
    )
    ds = open_ensemble(out / "ensemble.zarr")
    assert ds.sizes["member"] == 12 and (out / "bands.csv").exists()
