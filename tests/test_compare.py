"""Scenarios, countries and history: the essay's four questions (issue 3)."""

from __future__ import annotations

import pytest

import doomloop
from doomloop.compare import backtest, compare

COUNTRIES = {
    "japan": "Japan",
    "india": "India",
    "usa": "United States",
    "uk": "United Kingdom",
    "korea": "South Korea",
}


def test_every_shipped_scenario_loads_and_runs() -> None:
    from doomloop.scenarios import scenario_model

    for name in doomloop.available_scenarios():
        m = doomloop.load_model(scenario_model(name) or "japan")
        df = m.run(scenario=name, variables=["frontier_gap_oom"])
        assert df["frontier_gap_oom"].notna().all(), name


def test_required_scenarios_are_shipped() -> None:
    required = {
        "baseline",
        "meiji-playbook",
        "pay-parity",
        "open-doors",
        "all-in",
        "india-mirror",
        "us-reference",
        "uk-reference",
        "korea-reference",
        "vlsi-1976",
        "pay-reform-2010",
    }
    assert required <= set(doomloop.available_scenarios())


def test_scenario_for_another_model_is_refused(japan: doomloop.Model) -> None:
    with pytest.raises(doomloop.ScenarioError, match="written for model 'india'"):
        japan.run(scenario="india-mirror")


def test_family_members_pass() -> None:
    from doomloop.analysis.family import family_member_results

    results = {r.member: r for r in family_member_results()}
    assert set(results) == set(COUNTRIES)
    for r in results.values():
        assert r.population_years >= 10
        assert r.population_max_error_pct < 5, r
    assert results["usa"].capability_rank_2030 == 1
    assert all(r.status == "pass" for r in results.values()), results


def test_family_members_share_one_structure() -> None:
    names = {c: set(doomloop.load_model(c).parameters) for c in COUNTRIES}
    assert all(v == names["japan"] for v in names.values())
    variables = {c: set(doomloop.load_model(c).variable_names) for c in COUNTRIES}
    assert all(v == variables["japan"] for v in variables.values())


def test_vlsi_backtest_catches_up_by_mid_1980s_and_ai_baseline_never() -> None:
    result = backtest()
    # essay note [64]: Japan dominated world DRAM by the mid-1980s (figures withheld)
    assert result.frontier_year_hardware is not None
    assert 1978 <= result.frontier_year_hardware <= 1986
    assert result.ai_frontier_sovereignty_year is None


def test_compare_ledger_costs_and_bites() -> None:
    calls: list[tuple[int, int]] = []
    result = compare(["pay-parity", "baseline"], progress=lambda d, t: calls.append((d, t)))
    assert calls == [(1, 4), (2, 4), (3, 4), (4, 4)]  # two runs, then two ledgers
    ledger = result.ledger.set_index("scenario")
    assert ledger.loc["baseline", "cumulative cost to 2060 (USD bn)"] == 0
    assert ledger.loc["pay-parity", "cumulative cost to 2060 (USD bn)"] > 0
    assert ledger.loc["pay-parity", "gap closed in 2060 (OOM)"] > 0
    bites = result.lever_bites.set_index("lever")
    # start 2026 + 1 year delay; "never" when pay does not move the gap or a verdict by the
    # profile's bite (frontier capital, not talent, binds Japan's largest run from the 2020s)
    bite = str(bites.loc["pay_reform", "bites from"])
    assert bite == "never" or int(bite) >= 2027


def test_counterfactual_history_differs_from_2012_on() -> None:
    m = doomloop.load_model("japan")
    base = m.run(variables=["ai_specialists_domestic"])
    cf = m.run(scenario="pay-reform-2010", variables=["ai_specialists_domestic"])
    assert (cf.loc[:2011] == base.loc[:2011]).all().all()
    assert cf.loc[2024, "ai_specialists_domestic"] > base.loc[2024, "ai_specialists_domestic"]


def test_compare_tables_read_in_the_profiles_labels_and_units(
    tmp_path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The CLI's tables: each output under its label and display unit (value / scale), plain
    digits (the ledger's 'USD bn' and 'people' had read 'cumulative_policy_cost' 1.47e+09)."""
    import json

    from doomloop.cli import main

    assert main(["compare", "pay-parity", "--out", str(tmp_path / "j"), "--json"]) == 0
    tables = json.loads(capsys.readouterr().out)["tables"]
    cost = tables["output:cumulative_policy_cost"]
    assert cost["title"] == "Cost of the policies so far (USD bn)"
    ref = compare(["pay-parity"]).table
    raw = ref[ref.output == "cumulative_policy_cost"]["2060"].iloc[0]
    assert cost["rows"][0]["2060"] == pytest.approx(raw / 1e9)
    assert main(["compare", "pay-parity", "--out", str(tmp_path / "t")]) == 0
    text = capsys.readouterr().out
    assert "e+0" not in text and "cumulative_policy_cost" not in text
