"""The JSON API over the logistic fixture model: answers, limits and error shapes."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from doomloop.web import Settings, create_app


def test_health(client: TestClient) -> None:
    r = client.get("/api/health")
    assert r.status_code == 200
    assert r.json()["status"] == "ok"
    assert r.json()["model"] == "logistic"


def test_models_lists_the_served_model_and_its_outputs(client: TestClient) -> None:
    body = client.get("/api/models").json()
    served = body["models"][0]
    assert body["served"] == served["name"] == "logistic"
    assert served["served"] is True
    assert "population" in served["outputs"]
    assert served["start"] == 0 and served["stop"] == 40
    assert served["live_members"] == 20 and served["max_members"] == 100


def test_parameters_carry_meaning_units_bounds_group_sector_source(client: TestClient) -> None:
    params = {p["name"]: p for p in client.get("/api/parameters").json()["parameters"]}
    assert set(params) == {"growth_rate", "carrying_capacity", "initial_population"}
    g = params["growth_rate"]
    assert g["meaning"] == "Intrinsic growth rate r."
    assert g["units"] == "1/year"
    assert (g["lower_bound"], g["upper_bound"]) == (0, 5)
    assert (g["low"], g["high"]) == (0.2, 0.4)
    assert g["group"] == "assumption" and g["sector"] == "growth"
    assert g["source"].startswith("assumption")
    assert params["initial_population"]["group"] == "policy"
    assert g["moves_most"] in {"population", "net_growth"}
    assert g["name_ja"]


def test_run_returns_yearly_series_that_respond_to_params(client: TestClient) -> None:
    base = client.post("/api/run", json={"outputs": ["population"]}).json()
    assert base["years"] == [float(y) for y in range(41)]
    assert base["series"]["population"][0] == pytest.approx(10)
    fast = client.post(
        "/api/run", json={"params": {"growth_rate": 0.4}, "outputs": ["population"]}
    ).json()
    assert fast["series"]["population"][10] > base["series"]["population"][10]


def test_run_window(client: TestClient) -> None:
    r = client.post("/api/run", json={"outputs": ["population"], "start": 30, "stop": 35})
    assert r.status_code == 200
    assert r.json()["years"] == [30.0, 31.0, 32.0, 33.0, 34.0, 35.0]


def test_ensemble_bands_are_ordered_and_deterministic(client: TestClient) -> None:
    req = {"outputs": ["population"], "members": 30, "seed": 7}
    a = client.post("/api/ensemble", json=req).json()
    b = client.post("/api/ensemble", json=req).json()
    band = a["bands"]["population"]
    assert a["members"] == 30 and a["failed"] == 0
    assert all(
        lo <= mid <= hi for lo, mid, hi in zip(band["p5"], band["p50"], band["p95"], strict=True)
    )
    assert band["p95"][-1] > band["p5"][-1]  # carrying capacity is uncertain
    assert a["bands"] == b["bands"]
    assert set(a["varied"]) == {"growth_rate", "carrying_capacity"}  # not the policy


def test_a_first_band_is_that_of_the_first_members_of_the_whole_bands_draws(
    client: TestClient,
) -> None:
    """members 4 of 8: the 5/50/95% of the first 4 of the 8 draws, each run on its own here
    (the engine and numpy's percentile), and 422 naming `of` when it is below members."""
    import numpy as np

    from doomloop.engine import load_model
    from doomloop.web.service import sample_parameters

    got = client.post(
        "/api/ensemble", json={"outputs": ["population"], "members": 4, "of": 8, "seed": 3}
    ).json()
    m = load_model(client.app.state.settings.model)  # type: ignore[attr-defined]
    varied = [p for p in m.parameters.uncertain if p.group != "policy"]
    runs = [
        m.run(d, variables=["population"], save_every=1.0)["population"].to_numpy()
        for d in sample_parameters(varied, {}, 8, 3)[:4]
    ]
    p5, p95 = np.percentile(np.stack(runs), [5, 95], axis=0)
    assert got["members"] == 4
    assert np.allclose(got["bands"]["population"]["p5"], p5, rtol=1e-9)
    assert np.allclose(got["bands"]["population"]["p95"], p95, rtol=1e-9)
    r = client.post("/api/ensemble", json={"outputs": ["population"], "members": 4, "of": 3})
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["body", "of"]


def test_ensemble_members_above_the_limit_is_422_naming_field_and_range(client: TestClient) -> None:
    for members in (101, 5000):
        r = client.post("/api/ensemble", json={"members": members})
        assert r.status_code == 422
        d = r.json()["detail"][0]
        assert d["loc"] == ["body", "members"]
        assert "members" in d["msg"] and "2 to 100" in d["msg"] + d.get("allowed", "")
    r = client.post("/api/ensemble", json={"members": 1})
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["body", "members"]


def test_unknown_parameter_is_422_with_its_name(client: TestClient) -> None:
    r = client.post("/api/run", json={"params": {"growth_rat": 0.3}})
    assert r.status_code == 422
    d = r.json()["detail"][0]
    assert d["loc"] == ["body", "params", "growth_rat"]
    assert "growth_rat" in d["msg"] and "growth_rate" in d["msg"]  # did-you-mean


def test_out_of_bounds_is_422_with_range(client: TestClient) -> None:
    r = client.post("/api/ensemble", json={"params": {"growth_rate": 9}})
    assert r.status_code == 422
    d = r.json()["detail"][0]
    assert d["loc"] == ["body", "params", "growth_rate"]
    assert "[0, 5]" in d["msg"]
    # the bounds as numbers too, for the page to write in its own language
    assert (d["type"], d["lower"], d["upper"]) == ("out_of_bounds", 0, 5)


@pytest.mark.parametrize("value", ["NaN", "Infinity", '"fast"', "null", "[1]"])
def test_non_numbers_are_422(client: TestClient, value: str) -> None:
    body = '{"params": {"growth_rate": ' + value + "}}"
    r = client.post("/api/run", content=body, headers={"content-type": "application/json"})
    assert r.status_code == 422
    assert r.json()["detail"][0]["loc"][:3] == ["body", "params", "growth_rate"]


def test_unknown_output_and_window_are_422(client: TestClient) -> None:
    r = client.post("/api/run", json={"outputs": ["populaton"]})
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["body", "outputs", 0]
    r = client.post("/api/run", json={"stop": 100})
    assert r.status_code == 422
    assert (
        r.json()["detail"][0]["loc"] == ["body", "stop"]
        and "0 to 40" in r.json()["detail"][0]["msg"]
    )
    r = client.post("/api/run", json={"outputs": ["population"] * 600})
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["body", "outputs"]


def test_unknown_field_is_422(client: TestClient) -> None:
    r = client.post("/api/run", json={"parms": {}})
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["body", "parms"]


def test_big_bodies_are_413(client: TestClient) -> None:
    big = json.dumps({"params": {f"p{i}": 1.0 for i in range(8000)}})
    assert len(big) > 65536
    r = client.post("/api/run", content=big, headers={"content-type": "application/json"})
    assert r.status_code == 413
    assert "65536" in r.json()["detail"][0]["msg"]

    def chunks():  # no content-length: counted as it streams
        for _ in range(20):
            yield b" " * 5000

    r = client.post("/api/run", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413


def test_loops_name_dominant_loops_in_both_languages(client: TestClient) -> None:
    r = client.post("/api/loops", json={})
    assert r.status_code == 200
    body = r.json()
    assert body["loops"] and body["periods"]
    p = body["periods"][0]
    assert p["loops"][0] in {lp["id"] for lp in body["loops"]}
    assert "dominate" in p["text_en"] and "主に動かしています" in p["text_ja"]
    assert body["loops"][0]["kind"] in {"reinforcing", "balancing", "undetermined"}


def test_page_and_plotly_are_served_locally(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and "/vendor/plotly.min.js" in page.text
    assert "http://" not in page.text and "https://" not in page.text
    js = client.get("/vendor/plotly.min.js")
    assert js.status_code == 200 and len(js.content) > 1_000_000
    for path in ("/static/app.js", "/static/style.css", "/static/i18n/ja.json"):
        assert client.get(path).status_code == 200


def test_simulation_failure_is_422_not_500(settings: Settings) -> None:
    from doomloop.errors import SimulationError

    app = create_app(settings)
    sim = app.state.simulator

    def boom(*a: object, **k: object) -> None:
        raise SimulationError("variable 'population' became NaN at time 3")

    sim.run = boom
    with TestClient(app, base_url="http://localhost") as c:
        r = c.post("/api/run", json={})
    assert r.status_code == 422 and "NaN" in r.json()["detail"][0]["msg"]


def test_scenarios_for_another_model_are_left_out(client: TestClient) -> None:
    r = client.get("/api/scenarios")
    assert r.status_code == 200 and r.json()["scenarios"] == []
