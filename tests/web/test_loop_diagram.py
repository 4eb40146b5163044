"""The causal-loop diagram on the page: the named loops of the served model, drawn in the
browser from ``/api/loop-diagram``, with the loop that dominates the year under the cursor
highlighted (the year's period of the why panel's story, from ``/api/loops``)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from doomloop.analysis.loops import named_loops
from doomloop.diagram import loop_diagram_data
from doomloop.engine import load_model
from doomloop.web import Settings, create_app


@pytest.fixture(scope="module")
def japan_settings() -> Settings:
    return Settings(model="japan", background=False, use_kernel=False, live_members=5)


@pytest.fixture(scope="module")
def japan_client(japan_settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(japan_settings), base_url="http://localhost") as c:
        yield c


def test_the_api_gives_every_named_loop_with_the_models_polarity(japan_client: TestClient) -> None:
    d = japan_client.get("/api/loop-diagram", params={"lang": "ja"}).json()
    loops = {lp.id: lp for lp in named_loops(load_model("japan"), drivers=True)}
    assert {x["id"] for x in d["loops"]} <= set(loops)
    for x in d["loops"]:
        lp = loops[x["id"]]
        assert x["polarity"] == ("driver" if lp.driver else lp.polarity)
        assert x["name"] == (lp.name_ja or lp.name)
    ids = {n["id"] for n in d["nodes"]}
    assert all(lk["from"] in ids and lk["to"] in ids for lk in d["links"])
    assert "\n" in "".join(n["label"] for n in d["nodes"])  # labels keep their line breaks
    assert japan_client.get("/api/loop-diagram", params={"lang": "fr"}).status_code == 422


def test_a_model_of_another_structure_gets_no_diagram(client: TestClient) -> None:
    # the small logistic model of the other web tests has none of the diagram's variables
    assert client.get("/api/loop-diagram").json() == {"nodes": [], "links": [], "loops": []}
    assert loop_diagram_data(None, "en")["nodes"]  # Japan's, the default


@pytest.mark.browser
def test_the_page_highlights_the_loop_of_the_year_under_the_cursor(
    browser: Any, japan_live_server: Any
) -> None:
    srv = japan_live_server
    page = browser.new_page(viewport={"width": 1400, "height": 950})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(srv.url + "/?lang=en")
        page.wait_for_function("() => window.doomloop && window.doomloop.ready", timeout=240000)
        page.wait_for_function(
            "() => !document.getElementById('loop-figure').hidden", timeout=60000
        )
        n = page.locator("#loop-diagram g.loop").count()
        assert n == len(loop_diagram_data(None, "en")["loops"])
        # balancing loops are diamonds, the others rings: polarity by shape, not colour only
        assert page.locator("#loop-diagram g.loop-balancing polygon").count() >= 1
        assert page.locator("#loop-diagram g.loop-reinforcing circle").count() >= 1
        page.wait_for_function(
            "() => document.querySelector('#why li.kind-reinforcing, #why li.kind-balancing')",
            timeout=240000,
        )
        story = page.evaluate("() => window.doomloop.state.loops.story")
        named = [p for p in story["periods"] if p["loop"]]
        assert named, "the baseline story names no loop: nothing to highlight"
        p = named[0]
        year = int((p["start"] + p["end"]) / 2)
        # the mouse over graph 1 at that year (Plotly's own hover: Fx.hover emits no event)
        box = page.locator("#g1 .nsewdrag").bounding_box()
        x0, x1 = page.evaluate("() => document.getElementById('g1').layout.xaxis.range")
        page.mouse.move(box["x"] + box["width"] * (year - x0) / (x1 - x0), box["y"] + 40)
        page.wait_for_function(
            "(id) => document.querySelector(`#loop-diagram g.loop.dominant[data-loop='${id}']`)",
            arg=p["loop"],
            timeout=20000,
        )
        assert page.locator("#loop-diagram g.loop.dominant").count() == 1
        caption = page.locator("#loop-caption").inner_text()
        # the loop told by its name, never its id (issue 18)
        loops = loop_diagram_data(None, "en")["loops"]
        name = next(x["name"] for x in loops if x["id"] == p["loop"])
        assert re.match(rf"\d{{4}}: {re.escape(name)} \(", caption), caption
        assert p["loop"] not in caption, caption
        page.mouse.move(5, 5)  # off the graph
        page.wait_for_function(
            "() => !document.querySelector('#loop-diagram g.loop.dominant')", timeout=20000
        )
        page.click("#btn-lang")  # the diagram redraws in Japanese
        page.wait_for_function(
            "() => /[ぁ-んァ-ン一-龥]/.test(document.getElementById('loop-diagram').textContent)",
            timeout=60000,
        )
        assert errors == []
    finally:
        page.close()
