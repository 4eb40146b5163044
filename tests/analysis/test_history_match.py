"""History matching (doomloop.analysis.history_match) against a re-implementation by hand: the
logistic fixture with a record, every member's run integrated here by Euler from its drawn
parameters, its implausibility computed from the formula; and through `doomloop uncertainty`."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import xarray as xr

import doomloop
from doomloop.analysis import history_match as hm
from doomloop.check import history_record
from doomloop.cli import main
from doomloop.errors import DataError, ParameterError

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "logistic"
#: The record: the logistic's population at t = 10 and 15 for r = 0.25 (K 1000, P0 10), which
#: the fixture's default r = 0.3 overshoots.
RECORD = "name,year,value\npopulation,10,{p10}\npopulation,15,{p15}\n"


def _euler(r: np.ndarray, k: np.ndarray, p0: np.ndarray, t: float) -> np.ndarray:
    p = np.array(p0, dtype=float)
    for _ in range(round(t / 0.0625)):
        p = p + 0.0625 * r * p * (1 - p / k)
    return p


def _closed(r: float, t: float, k: float = 1000.0, p0: float = 10.0) -> float:
    return k / (1 + (k / p0 - 1) * np.exp(-r * t))


@pytest.fixture
def matched_model(tmp_path: Path) -> doomloop.Model:
    folder = tmp_path / "logistic"
    shutil.copytree(FIXTURE, folder)
    text = RECORD.format(p10=_closed(0.25, 10), p15=_closed(0.25, 15))
    (folder / "history.csv").write_text(text, encoding="utf-8")
    return doomloop.load_model(folder)


def test_the_record_and_its_tolerance_by_hand(matched_model: doomloop.Model) -> None:
    rec = history_record(matched_model)
    assert rec is not None and rec.series == ["population"] and rec.cutoff == 3.0
    base = (
        _euler(np.array(0.3), np.array(1000.0), np.array(10.0), 10),
        _euler(np.array(0.3), np.array(1000.0), np.array(10.0), 15),
    )
    obs = np.array([_closed(0.25, 10), _closed(0.25, 15)])
    misfit = np.log10(np.array(base) / obs)  # the best-input run's own misfit, reported
    assert rec.table["baseline_misfit"].tolist() == pytest.approx(misfit.tolist(), rel=1e-9)
    # no discrepancy declared: the observation error alone (the default, 0.05)
    assert rec.table["discrepancy"].tolist() == [0.0, 0.0]
    assert rec.table["sigma"].tolist() == pytest.approx([0.05, 0.05], rel=1e-12)
    assert rec.table["log"].all()  # no checks.toml: compared as log10 ratios
    worst = np.abs(misfit).max() / 0.05
    assert rec.baseline_implausibility()["population"] == pytest.approx(worst, rel=1e-9)
    assert rec.ruled_out_baseline() == (["population"] if worst >= 3 else [])


def test_a_declared_discrepancy_sets_the_tolerance_not_the_baselines_fit(
    matched_model: doomloop.Model, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """The profile's model discrepancy (a default and one per series) joins the observation
    error, whatever the baseline's misfit; where the best-input run is itself ruled out,
    `doomloop uncertainty` says so before drawing."""
    folder = matched_model.path.parent
    _write(folder, "profile.toml", "[history_match]\nmodel_discrepancy = 0.5\n")
    rec = history_record(doomloop.load_model(folder))
    assert rec.table["discrepancy"].tolist() == [0.5, 0.5]
    assert rec.table["sigma"].tolist() == pytest.approx([np.hypot(0.5, 0.05)] * 2, rel=1e-12)
    assert rec.ruled_out_baseline() == []
    text = "[history_match]\nmodel_discrepancy = 0.5\n[history_match.model_discrepancies]\n"
    _write(folder, "profile.toml", text + "population = 0.01\n")
    rec = history_record(doomloop.load_model(folder))
    sigma = np.hypot(0.01, 0.05)
    assert rec.table["sigma"].tolist() == pytest.approx([sigma] * 2, rel=1e-12)
    worst = np.abs(rec.table["baseline_misfit"]).max() / sigma
    assert worst >= 3 and rec.ruled_out_baseline() == ["population"]
    args = ["uncertainty", "-m", str(folder), "--runs", "5", "--out", str(tmp_path / "u")]
    main(args)
    err = " ".join(capsys.readouterr().err.split())
    assert f"ruled out by the record of 'population' (implausibility {worst:.2f}" in err


def test_members_are_kept_exactly_when_the_formula_says(matched_model: doomloop.Model) -> None:
    rec = history_record(matched_model)
    ds = hm.match_history(matched_model, 40, rec=rec, seed=3, variables=["population"])
    sigma = rec.table["sigma"].iloc[0]
    names = list(ds["parameter"].values)
    x = ds["params"].values
    r, k, p0 = (
        x[:, names.index(n)] for n in ("growth_rate", "carrying_capacity", "initial_population")
    )
    worst = np.zeros(len(r))
    for t, z in ((10, _closed(0.25, 10)), (15, _closed(0.25, 15))):
        worst = np.fmax(worst, np.abs(np.log10(_euler(r, k, p0, t) / z)) / sigma)
    assert ds["implausibility"].sel(series="population").values == pytest.approx(worst, rel=1e-6)
    assert (hm.kept(ds) == (worst < 3)).all()
    assert 0 < ds.attrs["kept"] == int((worst < 3).sum()) < ds.attrs["drawn"]
    # waves of 40 until 40 are kept, each drawn afresh (no member drawn twice)
    assert ds.attrs["kept"] >= 40 or ds.attrs["drawn"] == 50 * 40
    assert ds.attrs["drawn"] % 40 == 0 and len(np.unique(x, axis=0)) == len(x)
    assert hm.conditioned(ds, 40).sizes["member"] == min(40, ds.attrs["kept"])
    # a doubled tolerance keeps every member the declared one keeps, and more
    wide = hm.kept(ds, 2.0)
    assert (wide >= hm.kept(ds)).all() and wide.sum() > hm.kept(ds).sum()


def test_a_model_without_a_record_is_refused_by_the_match() -> None:
    m = doomloop.load_model(FIXTURE)
    assert history_record(m) is None
    with pytest.raises(ParameterError, match="has no record to match"):
        hm.match_history(m, 10, rec=None)


def test_uncertainty_summarises_the_members_that_agree(
    matched_model: doomloop.Model, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "u"
    args = ["uncertainty", "-m", str(matched_model.path.parent), "--runs", "30", "--out"]
    assert main([*args, str(out)]) == 0
    text = capsys.readouterr().out
    assert "members drawn agree with the record" in text and "summarised: 30" in text
    match_files = ("history_match.csv", "history_match_parameters.csv", "history_match.png")
    for name in ("bands.csv", "bands.png", *match_files):
        assert (out / name).stat().st_size > 0, name
    # without matching: every member drawn, no match files
    bare = tmp_path / "bare"
    assert main([*args, str(bare), "--no-match-history"]) == 0
    assert "30 of 30 runs succeeded" in capsys.readouterr().out
    assert not (bare / "history_match.csv").exists()


def test_uncertainty_writes_nothing_when_no_member_agrees(
    matched_model: doomloop.Model, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The baseline's own run as the record (no discrepancy) and the profile's observation
    error 1e-6: no member drawn lies that close, so nothing is summarised or written."""
    folder = matched_model.path.parent
    one = [np.array(v) for v in (0.3, 1000.0, 10.0)]
    p10, p15 = _euler(*one, 10), _euler(*one, 15)
    (folder / "history.csv").write_text(RECORD.format(p10=p10, p15=p15), encoding="utf-8")
    (folder / "profile.toml").write_text("[history_match]\nobservation_error = 1e-6\n")
    m = doomloop.load_model(folder)
    assert history_record(m).table["sigma"].max() < 1e-5  # the profile's tolerance is read
    out = tmp_path / "none"
    assert main(["uncertainty", "-m", str(folder), "--runs", "5", "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "none of the 250 members drawn agrees with the model's record" in err
    assert "no file was written" in err
    assert not out.exists() or not any(out.iterdir())


def test_a_policy_scenario_runs_the_members_matched_without_it(
    matched_model: doomloop.Model, tmp_path: Path
) -> None:
    """The record is of the world without the policy: the members are matched on runs
    without it, then run with it (here P0 = 20, the fixture's policy), each with its own
    drawn r and K (integrated here by hand)."""
    scenario = tmp_path / "double.toml"
    scenario.write_text('name = "double"\n[policy]\ninitial_population = 20\n')
    rec = history_record(matched_model)
    ds = hm.match_history(
        matched_model, 20, rec=rec, seed=1, scenario=scenario, variables=["population"]
    )
    plain = hm.match_history(matched_model, 20, rec=rec, seed=1, variables=["population"])
    assert ds["implausibility"].values == pytest.approx(plain["implausibility"].values)
    out = hm.conditioned_ensemble(
        matched_model, ds, 20, scenario=scenario, variables=["population"]
    )
    kept_draws = hm.conditioned(ds, 20)["params"].to_pandas()
    names = list(out["parameter"].values)
    assert names == ["growth_rate", "carrying_capacity"]  # P0 is the scenario's
    assert out["params"].values == pytest.approx(kept_draws[names].to_numpy())
    r, k = (out["params"].values[:, i] for i in range(2))
    expected = _euler(r, k, np.full(len(r), 20.0), 10)
    assert out["population"].sel(time=10).values == pytest.approx(expected, rel=1e-9)
    assert out.attrs["kept"] == ds.attrs["kept"] and out.sizes["member"] == 20


def _write(folder: Path, name: str, text: str) -> None:
    (folder / name).write_text(text, encoding="utf-8")


def test_a_record_between_saved_years_compared_by_difference_with_its_own_error(
    matched_model: doomloop.Model,
) -> None:
    """A year off the yearly save grid is read between its two saved years (linearly), an
    `mae` rule of checks.toml compares by difference, and the profile's error for that series
    is the one used; every member's implausibility is recomputed here from its Euler run."""
    folder = matched_model.path.parent
    z = _closed(0.25, 10.5)
    _write(folder, "history.csv", f"name,year,value\npopulation,10.5,{z}\n")
    _write(
        folder,
        "checks.toml",
        '[[reproduction]]\nvariable = "population"\nmetric = "mae"\nlimit = 1e9\n',
    )
    _write(
        folder,
        "profile.toml",
        "[history_match.observation_errors]\npopulation = 40.0\n"
        "[history_match.model_discrepancies]\npopulation = 25.0\n",
    )
    m = doomloop.load_model(folder)
    rec = history_record(m)
    one = [np.array(v) for v in (0.3, 1000.0, 10.0)]
    base = (_euler(*one, 10) + _euler(*one, 11)) / 2  # the baseline at 10.5, between saves
    assert not rec.table["log"].any() and rec.table["observation_error"].iloc[0] == 40.0
    assert rec.table["baseline_misfit"].iloc[0] == pytest.approx(base - z, rel=1e-9)
    sigma = np.hypot(25.0, 40.0)  # the declared discrepancy and observation error
    assert rec.table["sigma"].iloc[0] == pytest.approx(sigma, rel=1e-12)
    ds = hm.match_history(m, 30, rec=rec, seed=2, variables=["population"])
    x = ds["params"].to_pandas()
    r, k, p0 = (x[n].to_numpy() for n in ("growth_rate", "carrying_capacity", "initial_population"))
    sim = (_euler(r, k, p0, 10) + _euler(r, k, p0, 11)) / 2
    expected = np.abs(sim - z) / sigma
    assert ds["implausibility"].sel(series="population").values == pytest.approx(expected, rel=1e-6)
    table = hm.series_table(ds, rec)
    assert table.loc["population", "compared as"] == "difference"
    assert table.loc["population", "rules out"] == pytest.approx(np.mean(expected >= 3))


def test_a_failed_member_never_agrees(matched_model: doomloop.Model) -> None:
    rec = history_record(matched_model)
    ds = hm.match_history(matched_model, 10, rec=rec, seed=0, variables=["population"])
    ds["status"][0] = "nonfinite"
    assert np.isinf(hm.implausibility(ds, rec).values[0]).all()


def test_the_tolerance_table_counts_members_and_leaves_out_too_few(
    matched_model: doomloop.Model,
) -> None:
    rec = history_record(matched_model)
    ds = hm.match_history(matched_model, 30, rec=rec, seed=0, variables=["population"])
    table = hm.tolerance_table(matched_model, ds, 10, tolerances=(0.01, 1.0))
    assert table.loc["x1", "kept"] == hm.kept(ds).sum() and table.loc["x0.01", "kept"] < 20
    assert list(table.columns) == ["kept", "drawn"]  # the fixture has no verdicts


def test_a_record_that_a_log_ratio_cannot_compare_is_refused(matched_model: doomloop.Model) -> None:
    folder = matched_model.path.parent
    _write(folder, "history.csv", "name,year,value\npopulation,10,0\n")
    with pytest.raises(DataError, match="'population' holds a value of 0 or less"):
        history_record(doomloop.load_model(folder))


def test_the_tolerance_tables_declared_row_is_the_summarised_ensemble() -> None:
    """Under a policy scenario the row at the declared tolerance is the verdict table of the
    members summarised (the first n kept, run under the scenario): reusing that ensemble gives
    what running its members again gives."""
    from doomloop.analysis.montecarlo import verdict_probabilities

    japan = doomloop.load_model("japan")
    rec = history_record(japan)
    ds = hm.match_history(japan, 20, rec=rec, seed=0, scenario="pay-parity")
    summarised = hm.conditioned_ensemble(japan, ds, 20, scenario="pay-parity")
    reused = hm.tolerance_table(
        japan, ds, 2040, scenario="pay-parity", tolerances=(1.0,), n=20, declared=summarised
    )
    again = hm.tolerance_table(japan, ds, 2040, scenario="pay-parity", tolerances=(1.0,), n=20)
    outputs = list(japan.profile.verdict_outputs)
    p = verdict_probabilities(summarised, outputs, japan.profile.threshold).loc[2040]
    assert reused.loc["x1", outputs].tolist() == pytest.approx(p[outputs].tolist())
    assert again.loc["x1", outputs].tolist() == pytest.approx(p[outputs].tolist())
    assert summarised.sizes["member"] == 20 and reused.loc["x1", "kept"] == ds.attrs["kept"]


def test_matches_of_neighbouring_seeds_share_no_member(matched_model: doomloop.Model) -> None:
    """Each wave draws afresh: the first wave of a seed is the unmatched ensemble of that
    seed, and no member of seed 0's match is one of seed 1's (with seed + i as the wave seed,
    seed 1's first wave was seed 0's second)."""
    from doomloop.analysis.montecarlo import monte_carlo

    rec = history_record(matched_model)
    a, b = (
        hm.match_history(matched_model, 20, rec=rec, seed=s, variables=["population"])
        for s in (0, 1)
    )
    assert a.attrs["drawn"] > 20 and b.attrs["drawn"] > 20  # more than one wave each
    rows_a = {tuple(r) for r in a["params"].values}
    assert not rows_a & {tuple(r) for r in b["params"].values}
    first = monte_carlo(matched_model, 20, seed=0, variables=["population"])
    assert a["params"].values[:20] == pytest.approx(first["params"].values)
    assert (
        hm.wave_seed(7, 0) == 7
        and len({hm.wave_seed(s, i) for s in range(5) for i in range(5)}) == 25
    )


def test_a_setting_written_under_a_subtable_is_refused(matched_model: doomloop.Model) -> None:
    """TOML puts a key written after [history_match.observation_errors] into that table: the
    record refuses the 'series' it names rather than read it silently."""
    folder = matched_model.path.parent
    text = "[history_match.observation_errors]\npopulation = 0.1\nmodel_discrepancy = 0.04\n"
    _write(folder, "profile.toml", text)
    with pytest.raises(doomloop.ProfileError, match=r"names 'model_discrepancy', no variable"):
        history_record(doomloop.load_model(folder))


def test_the_baselines_misfit_and_implausibility_by_hand() -> None:
    """A record written by hand: the series table's baseline misfit is the RMS of the
    observations' misfits, its implausibility the largest |misfit| / sigma, and a baseline at
    exactly the cutoff is ruled out (implausibility below the cutoff is kept, as members are)."""
    rows = [
        ("a", 1.0, 10.0, True, 0.0, 1.0, 1.0, 3.0),  # |3| / 1: exactly the cutoff
        ("a", 2.0, 10.0, True, 0.0, 1.0, 1.0, -1.0),
        ("b", 1.0, 5.0, False, 0.0, 2.0, 2.0, 1.0),
    ]
    rec = hm.Record(pd.DataFrame(rows, columns=list(hm.RECORD_COLUMNS)), 3.0)
    assert rec.baseline_implausibility().to_dict() == {"a": 3.0, "b": 0.5}
    assert rec.ruled_out_baseline() == ["a"]
    ds = xr.Dataset(
        {"implausibility": (("member", "series"), np.array([[0.0, 0.0], [4.0, 0.0]]))},
        coords={"member": [0, 1], "series": ["a", "b"]},
    )
    table = hm.series_table(ds, rec)
    assert table.loc["a", "baseline RMS misfit"] == pytest.approx(np.sqrt((9 + 1) / 2))
    assert table.loc["b", "baseline RMS misfit"] == pytest.approx(1.0)
    assert table.loc["a", "baseline implausibility"] == 3.0
    assert table.loc["a", "rules out"] == 0.5 and table.loc["b", "rules out"] == 0.0


def test_a_series_compared_by_difference_needs_its_own_error(matched_model: doomloop.Model) -> None:
    """The default errors are log10 ratios'; a series compared by difference is in its own
    units, so the record refuses it without an observation error of its own."""
    folder = matched_model.path.parent
    rule = '[[reproduction]]\nvariable = "population"\nmetric = "mae"\nlimit = 1e9\n'
    _write(folder, "checks.toml", rule)
    with pytest.raises(doomloop.ProfileError, match="compared by difference"):
        history_record(doomloop.load_model(folder))


def test_the_parameter_table_says_which_inputs_the_record_narrows(
    matched_model: doomloop.Model,
) -> None:
    """The record (the logistic at r = 0.25) narrows the growth rate most; each statistic is
    the largest gap between the drawn and the kept members' empirical distributions,
    computed here by hand."""
    rec = history_record(matched_model)
    ds = hm.match_history(matched_model, 40, rec=rec, seed=3, variables=["population"])
    table = hm.parameter_table(ds)
    assert table.index[0] == "growth_rate" and table["p-value"].iloc[0] < 1e-3
    keep = hm.kept(ds)
    x = ds["params"].to_pandas()
    for name in x.columns:
        a, b = np.sort(x[name].to_numpy()), np.sort(x[name].to_numpy()[keep])
        grid = np.concatenate([a, b])
        gap = np.abs(
            np.searchsorted(a, grid, side="right") / len(a)
            - np.searchsorted(b, grid, side="right") / len(b)
        ).max()
        assert table.loc[name, "KS statistic"] == pytest.approx(gap, abs=1e-12), name
        assert table.loc[name, "median kept"] == pytest.approx(np.median(b))
