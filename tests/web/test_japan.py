"""The web API over the shipped Japan model: key outputs, shipped scenarios, policy effects."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from doomloop.engine import MODELS_DIR
from doomloop.profile import load_profile
from doomloop.web import Settings, create_app

KEY_OUTPUTS = load_profile(MODELS_DIR / "japan").key_outputs

pytestmark = pytest.mark.skipif(
    not (MODELS_DIR / "japan").is_dir(), reason="the Japan model has not landed on this branch"
)


@pytest.fixture(scope="module")
def japan_client() -> Iterator[TestClient]:
    with TestClient(
        create_app(Settings(model="japan", background=False)), base_url="http://localhost"
    ) as c:
        yield c


def test_japan_serves_every_key_output(japan_client: TestClient) -> None:
    info = japan_client.get("/api/models").json()["models"][0]
    assert info["name"] == "japan" and info["start"] == 1970 and info["stop"] == 2060
    assert info["view_start"] == 2000
    assert info["key_outputs"] == list(KEY_OUTPUTS)
    r = japan_client.post("/api/run", json={"start": 2024, "outputs": list(KEY_OUTPUTS)})
    assert r.status_code == 200
    body = r.json()
    assert body["years"][0] == 2024 and body["years"][-1] == 2060
    for name in ("deployment_sovereignty", "specialised_model_sovereignty", "frontier_sovereignty"):
        assert all(0 <= v <= 1 for v in body["series"][name])


def test_japan_shipped_scenarios_and_a_policy_move(japan_client: TestClient) -> None:
    shipped = {s["name"]: s for s in japan_client.get("/api/scenarios").json()["scenarios"]}
    assert "pay-parity" in shipped
    pay = shipped["pay-parity"]
    assert pay["policy"]["pay_reform_target"] == 1.0 and pay["description"]
    outs = ["relative_specialist_pay"]
    base = japan_client.post("/api/run", json={"outputs": outs, "start": 2050}).json()
    moved = japan_client.post(
        "/api/run", json={"outputs": outs, "start": 2050, "params": pay["policy"]}
    ).json()
    assert moved["series"][outs[0]][-1] > base["series"][outs[0]][-1]


def test_japan_policy_lever_out_of_bounds_is_422(japan_client: TestClient) -> None:
    r = japan_client.post("/api/run", json={"params": {"pay_reform_target": -3}})
    assert r.status_code == 422
    assert r.json()["detail"][0]["loc"] == ["body", "params", "pay_reform_target"]


def test_japan_profile_reaches_the_page(japan_client: TestClient) -> None:
    """The page reads levers, verdicts and headline cards from /api/models, not from code."""
    info = japan_client.get("/api/models").json()
    served = info["models"][0]
    prof = served["profile"]
    assert served["display_name"] == {"en": "Japan", "ja": "日本"}
    assert prof["threshold"] == 0.5 and prof["verdicts"]["reason"]
    assert prof["verdict_outputs"] == [layer["output"] for layer in prof["verdicts"]["layers"]]
    pay = prof["levers"]["pay_reform"]
    assert pay["cost"] == "pay_reform_cost" and pay["timing"]["start"] == "pay_reform_start"
    assert pay["controls"][0]["parameter"] == "pay_reform_target"
    assert pay["controls"][0]["unit"] == {"en": "% of US pay", "ja": "％（米国比）"}
    assert set(prof["views"]["cards"]) <= set(served["outputs"])
    others = {m["name"]: m["display_name"] for m in info["models"][1:]}
    assert others["korea"] == {"en": "South Korea", "ja": "韓国"}


def test_japan_display_data_names_levers_in_units_people_use(japan_client: TestClient) -> None:
    import re

    d = japan_client.get("/api/display").json()
    assert d["country"] == {"en": "Japan", "ja": "日本"}
    params = {p["name"]: p for p in japan_client.get("/api/parameters").json()["parameters"]}
    assert 10 <= len(d["levers"]) <= 16
    for lever in d["levers"]:
        p = params[lever["name"]]
        assert p["group"] == "policy"
        assert p["lower_bound"] <= lever["min"] < lever["max"] <= p["upper_bound"]
        assert lever["en"] and re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", lever["ja"])
        for lang in ("en", "ja"):
            assert lever["unit"][lang] and "dmnl" not in lever["unit"][lang]
        for t in lever["timing"]:  # start years fit the model's horizon
            if t["kind"] == "start":
                assert 1970 <= t["min"] and t["max"] < 2060
    pay = next(x for x in d["levers"] if x["name"] == "pay_reform_target")
    assert pay["unit"]["en"] == "% of US pay" and pay["scale"]["en"] == 0.01
    assert pay["marks"]["high"] == 1.0  # parity
    # the curated assumptions are the most important by total Sobol index, first first
    import csv
    from pathlib import Path

    sobol = Path(__file__).parents[2] / "benchmarks" / "results"
    with (sobol / "japan_sobol_frontier_gap_oom_2040_N128.csv").open() as f:
        ranked = [r["parameter"] for r in sorted(csv.DictReader(f), key=lambda r: -float(r["ST"]))]
    shown = [a["name"] for a in d["assumptions"]]
    assert shown[:8] == ranked[:8]
    outputs = japan_client.get("/api/models").json()["models"][0]
    assert all(g["output"] in outputs["units"] for g in d["graphs"])
    assert {s["name"] for s in d["scenarios"]} >= {"pay-parity", "all-in", "vlsi-1976"}


def test_the_page_names_each_thing_as_the_profile_and_the_scenario_files_do(
    japan_client: TestClient,
) -> None:
    """One place per label: the page's lever and assumption names are the parameter table's,
    its graph and layer names and units the profile's (what the CLI and the report print),
    its scenario titles the scenario files'."""
    from doomloop import load_model
    from doomloop.scenarios import load_scenario

    m = load_model("japan")
    prof = m.profile
    d = japan_client.get("/api/display").json()
    controls = {c.parameter: c for lv in prof.levers.values() for c in lv.controls}
    for lever in d["levers"]:
        c = controls[lever["name"]]
        p = m.parameters[lever["name"]]  # a parameter is named in the parameter table only
        assert (lever["en"], lever["ja"]) == (p.label_en, p.label_ja)
        assert lever["unit"] == {"en": c.unit.en, "ja": c.unit.ja}
        assert lever["scale"]["en"] == c.scale  # shown as value / scale, as the profile says
    for a in d["assumptions"]:
        p = m.parameters[a["name"]]
        assert (a["en"], a["ja"]) == (p.label_en, p.label_ja)
    for g in d["graphs"]:
        shown = prof.display(g["output"])
        assert (g["en"], g["ja"]) == (shown.label.en, shown.label.ja)
        assert g["scale"]["ja"] == (shown.scale_ja or shown.scale)
    for layer in d["layers"]:  # the verdict's name is the output's name
        assert (layer["en"], layer["ja"]) == (
            prof.display(layer["output"]).label.en,
            prof.display(layer["output"]).label.ja,
        )
    for sc in d["scenarios"]:
        own = load_scenario(sc["name"], m)
        assert (sc["en"], sc["ja"]) == (own.title["en"], own.title["ja"])
    assert [g["output"] for g in d["graphs"]][:2] == list(prof.views.page)
