"""The page in Debian's chromium: loads, reacts to sliders, restores links, speaks Japanese."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest

pytestmark = pytest.mark.browser
STATIC = Path(__file__).resolve().parents[2] / "src" / "doomloop" / "web" / "static"


def _open(browser: Any, url: str) -> Any:
    page = browser.new_page(viewport={"width": 1400, "height": 950})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url)
    page.wait_for_function("window.doomloop && window.doomloop.ready", timeout=30000)
    page.js_errors = errors
    return page


def _move(page: Any, name: str, value: float, until: str = "draws") -> None:
    """Move a slider as a user would: set its value and fire the input event; wait until the
    page's counter *until* goes up (``draws``: the lines redrawn; ``bandDraws``: with the
    move's band)."""
    before = page.evaluate(f"window.doomloop.{until}")
    page.evaluate(
        """([name, value]) => {
            const s = document.querySelector(`input[data-param="${name}"]`);
            s.value = value; s.dispatchEvent(new Event('input', {bubbles: true}));
        }""",
        [name, value],
    )
    page.wait_for_function(f"window.doomloop.{until} > {before}", timeout=30000)


def _trace(page: Any, graph: str, name: str) -> list[float]:
    return page.evaluate(
        "([g, n]) => document.getElementById(g).data.find(t => t.name === n).y", [graph, name]
    )


def test_page_loads_with_two_graphs_and_bands(
    browser: Any, live_server: Any, tmp_path: Path, keep_artifact: Any
) -> None:
    page = _open(browser, live_server.url + "/")
    try:
        assert page.js_errors == [] and page.evaluate("window.doomloop.errors") == []
        for g in ("g1", "g2"):
            names = page.evaluate(f"document.getElementById('{g}').data.map(t => t.name)")
            assert {"Baseline", "Your scenario", "5–95% band"} <= set(names)
        assert page.locator("#levers input[type=range]").count() == 1
        assert page.locator("#assumptions input[type=range]").count() == 2
        page.locator('.lever[data-param="growth_rate"] .info-btn').click()
        info = page.locator('.lever[data-param="growth_rate"] .info')
        assert "Intrinsic growth rate" in info.inner_text()
        assert "assumption: test fixture" in info.inner_text()
        page.wait_for_function(
            "document.querySelector('#why li') && !document.querySelector('#why li.hint')",
            timeout=10000,
        )
        assert "dominat" in page.locator("#why").inner_text()
        shot = tmp_path / "web-simulator.png"
        page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 10_000
        keep_artifact(shot)
    finally:
        page.close()


def test_slider_redraws_graph_and_updates_url(browser: Any, live_server: Any) -> None:
    page = _open(browser, live_server.url + "/?g2=population")
    try:
        before = _trace(page, "g2", "Your scenario")
        base_before = _trace(page, "g2", "Baseline")
        _move(page, "initial_population", 11.5)  # a policy lever
        after = _trace(page, "g2", "Your scenario")
        assert after[0] == pytest.approx(11.5, rel=1e-3) and after != before
        assert _trace(page, "g2", "Baseline") == base_before  # a policy leaves the baseline
        q = parse_qs(urlparse(page.url).query)
        assert q["p"] == ["initial_population:11.5"]
        assert page.evaluate("window.doomloop.lastLatency") > 0
        assert page.locator("#baseline-label").inner_text() == "Baseline"

        _move(page, "carrying_capacity", 1100)  # an assumption: the baseline is re-run
        assert page.locator("#baseline-label").inner_text().startswith("Modified baseline")
        assert _trace(page, "g2", "Modified baseline (your assumptions, no policies)")[-1] > (
            base_before[-1] + 50
        )
        page.click("#btn-undo")
        page.wait_for_function("!location.search.includes('carrying_capacity')", timeout=10000)
        page.click("#btn-reset")
        page.wait_for_function("!location.search.includes('p=')", timeout=10000)
    finally:
        page.close()


def test_y_axis_stays_put_while_the_data_fit_it(browser: Any, live_server: Any) -> None:
    page = _open(browser, live_server.url + "/?g2=population")

    def moved(name: str, value: float) -> list[float]:
        """Move a slider, wait for its band to be drawn; the axis range, checked to hold
        every drawn value."""
        _move(page, name, value, until="bandDraws")
        r, ys = page.evaluate(
            """() => { const gd = document.getElementById('g2');
                 return [gd.layout.yaxis.range, gd.data.flatMap(t => t.y)]; }"""
        )
        ys = [y for y in ys if y is not None]
        assert r[0] <= min(ys) and max(ys) <= r[1], (r, min(ys), max(ys))
        return list(r)

    try:
        first = moved("growth_rate", 0.33)
        assert moved("growth_rate", 0.34) == first  # a small move keeps the axis
        grown = moved("carrying_capacity", 1400)  # the data outgrow it: it grows
        assert grown[1] > first[1]
        assert moved("carrying_capacity", 1000) == grown  # they fill over half: it stays
        shrunk = moved("carrying_capacity", 600)  # they fill less than half: it shrinks
        assert shrunk[1] < first[1]
        assert page.js_errors == []
    finally:
        page.close()


def test_why_panel_keeps_its_story_dimmed_until_the_new_one_arrives(
    browser: Any, live_server: Any
) -> None:
    page = _open(browser, live_server.url + "/?lang=en")
    try:
        told = "#why li:not(.hint)"
        page.wait_for_function(f"document.querySelector('{told}')", timeout=10000)
        before = page.locator("#why").inner_text()
        _move(page, "growth_rate", 0.2)  # the analysis waits until the sliders rest
        assert page.locator("#why.stale").count() == 1
        assert page.locator("#why li.updating").inner_text() == "Updating for your latest move…"
        assert page.locator(told).count() >= 1  # the last story is still there
        page.wait_for_function(
            f"!document.querySelector('#why.stale') && document.querySelector('{told}')",
            timeout=15000,
        )
        assert page.locator("#why").inner_text() != before
        assert page.js_errors == []
    finally:
        page.close()


def test_shared_url_restores_the_scenario(browser: Any, live_server: Any) -> None:
    url = (
        live_server.url
        + "/?lang=en&g1=population&g2=net_growth&from=10&p=growth_rate:0.35"
        + "&sc=fast~growth_rate:0.4"
    )
    page = _open(browser, url)
    try:
        assert page.locator("#sel-g1").input_value() == "population"
        assert page.locator("#sel-g2").input_value() == "net_growth"
        assert float(page.locator('input[data-param="growth_rate"]').input_value()) == 0.35
        assert "fast" in page.locator("#scenarios").inner_text()
        names = page.evaluate("document.getElementById('g1').data.map(t => t.name)")
        assert "fast" in names
        shown = _trace(page, "g1", "Your scenario")
        api = page.evaluate(
            """() => fetch('/api/run', {method: 'POST', headers: {'content-type':
              'application/json'}, body: JSON.stringify({params: {growth_rate: 0.35},
              outputs: ['population'], start: 10})}).then(r => r.json())"""
        )
        assert shown == pytest.approx(api["series"]["population"])
        assert page.evaluate("document.getElementById('g1').layout.xaxis.range[0]") == 10
    finally:
        page.close()


def test_language_toggle_switches_every_visible_label(browser: Any, live_server: Any) -> None:
    ja = json.loads((STATIC / "i18n" / "ja.json").read_text(encoding="utf-8"))
    en = json.loads((STATIC / "i18n" / "en.json").read_text(encoding="utf-8"))
    page = _open(browser, live_server.url + "/?lang=en")
    try:
        page.click("#btn-lang")
        page.wait_for_function("document.documentElement.lang === 'ja'")
        labels = page.evaluate(
            """() => [...document.querySelectorAll('[data-i18n]')]
                 .filter(e => e.offsetParent !== null)
                 .map(e => [e.dataset.i18n, e.textContent])"""
        )
        assert len(labels) >= 15
        for key, text in labels:
            if key == "baseline" and text == ja["modified_baseline"]:
                continue
            assert text == ja[key], key
            assert text != en[key] or key == "title", key
        assert (
            page.locator('.lever[data-param="growth_rate"] .name')
            .inner_text()
            .startswith("内在的成長率")
        )
        # units too, word by word: 1/year, people
        assert page.locator('.lever[data-param="growth_rate"] .val').inner_text().endswith("1/年")
        assert (
            page.locator('.lever[data-param="carrying_capacity"] .val').inner_text().endswith(" 人")
        )
        assert "総" not in page.locator("#sel-g1").inner_text()  # fixture outputs: 人口, 純増加
        assert "人口" in page.locator("#sel-g1").inner_text()
        page.wait_for_function("document.querySelector('#why').textContent.includes('支配')")
        g1_names = page.evaluate("document.getElementById('g1').data.map(t => t.name)")
        assert ja["current"] in g1_names and ja["baseline"] in g1_names
        assert parse_qs(urlparse(page.url).query)["lang"] == ["ja"]
        page.click("#btn-lang")
        page.wait_for_function("document.documentElement.lang === 'en'")
        assert page.locator("#why-panel h2").inner_text() == en["why"]
    finally:
        page.close()


def test_saved_scenarios_are_drawn_side_by_side(browser: Any, live_server: Any) -> None:
    page = _open(browser, live_server.url + "/?g1=population")
    try:
        _move(page, "growth_rate", 0.38)
        page.once("dialog", lambda d: d.accept("quick"))
        before = page.evaluate("window.doomloop.draws")
        page.click("#btn-save")
        page.wait_for_function(f"window.doomloop.draws > {before}")
        assert "quick" in page.evaluate("document.getElementById('g1').data.map(t => t.name)")
        assert "sc=quick" in page.url
        text = page.evaluate("window.doomloop.csvText()")  # what "Data (CSV)" downloads
        assert text.startswith("year,") and "population quick" in text
    finally:
        page.close()
