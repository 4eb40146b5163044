"""Scenarios, countries and history: the essay's four questions (issue 3)."""

from __future__ import annotations

import csv
from pathlib import Path

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
FIGURES = Path(doomloop.__file__).parent / "data" / "figures.csv"


def test_every_shipped_scenario_loads_and_runs() -> None:
    from doomloop.scenarios import scenario_model

    for name in doomloop.available_scenarios():
        m = doomloop.load_model(scenario_model(name) or "japan")
        df = m.run(scenario=name, variables=["frontier_gap_oom"])
        assert df["frontier_gap_oom"].notna().all(), name


def test_required_scenarios_are_shipped() -> None:
    required = {
        "baseline", "meiji-playbook", "pay-parity", "open-doors", "all-in", "india-mirror",
        "us-reference", "uk-reference", "korea-reference", "vlsi-1976", "pay-reform-2010",
    }
    assert required <= set(doomloop.available_scenarios())


def test_scenario_for_another_model_is_refused(japan: doomloop.Model) -> None:
    with pytest.raises(doomloop.ScenarioError, match="written for model 'india'"):
        japan.run(scenario="india-mirror")


@pytest.mark.parametrize("country", sorted(COUNTRIES))
def test_family_member_population_within_5pct(country: str) -> None:
    df = doomloop.load_model(country).run(variables=["population_total"])
    with FIGURES.open(newline="", encoding="utf-8") as fh:
        rows = [
            r
            for r in csv.DictReader(fh)
            if r["country"] == COUNTRIES[country]
            and r["key"] == "pop_total"
            and r["source"].startswith("S01")
            and r["year"].isdigit()
            and 1970 <= int(r["year"]) <= 2024
        ]
    assert len(rows) >= 10
    for r in rows:
        model = df.loc[int(r["year"]), "population_total"]
        assert model == pytest.approx(float(r["value"]) * 1000, rel=0.05), (country, r["year"])


def test_family_member_us_first_on_frontier_capability_2030() -> None:
    capability = {
        c: doomloop.load_model(c).run(variables=["capability_ratio"]).loc[2030, "capability_ratio"]
        for c in COUNTRIES
    }
    assert max(capability, key=capability.get) == "usa", capability
    assert all(capability["usa"] > v for c, v in capability.items() if c != "usa")


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
    result = compare(["pay-parity", "baseline"])
    ledger = result.ledger.set_index("scenario")
    assert ledger.loc["baseline", "cumulative cost to 2060 (USD bn)"] == 0
    assert ledger.loc["pay-parity", "cumulative cost to 2060 (USD bn)"] > 0
    assert ledger.loc["pay-parity", "gap closed in 2060 (OOM)"] > 0
    bites = result.lever_bites.set_index("lever")
    assert int(bites.loc["pay reform", "bites from"]) >= 2027  # start 2026 + 1 year delay


def test_counterfactual_history_differs_from_2012_on() -> None:
    m = doomloop.load_model("japan")
    base = m.run(variables=["ai_specialists_domestic"])
    cf = m.run(scenario="pay-reform-2010", variables=["ai_specialists_domestic"])
    assert (cf.loc[:2011] == base.loc[:2011]).all().all()
    assert cf.loc[2024, "ai_specialists_domestic"] > base.loc[2024, "ai_specialists_domestic"]
