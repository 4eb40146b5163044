"""The page in Debian's chromium: loads, reacts to sliders, restores links, speaks Japanese.

Waits are written as functions (`() => ...`): the page's content security policy forbids
evaluating strings, which is how Playwright runs a bare expression.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
from pages import open_page

pytestmark = pytest.mark.browser
STATIC = Path(__file__).resolve().parents[2] / "src" / "doomloop" / "web" / "static"


def _open(browser: Any, url: str) -> Any:
    return open_page(browser, url, 1400, 950)


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
    page.wait_for_function(f"() => window.doomloop.{until} > {before}", timeout=30000)


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
            "() => document.querySelector('#why li') && !document.querySelector('#why li.hint')",
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
        page.wait_for_function(
            "() => !location.search.includes('carrying_capacity')", timeout=10000
        )
        page.click("#btn-redo")  # and back again
        page.wait_for_function("() => location.search.includes('carrying_capacity')", timeout=10000)
        # policies and assumptions reset apart
        page.click("#btn-reset-policies")
        page.wait_for_function(
            "() => !location.search.includes('initial_population')", timeout=10000
        )
        assert "carrying_capacity" in page.url
        _move(page, "initial_population", 11)
        page.click("#btn-reset-assumptions")
        page.wait_for_function(
            "() => !location.search.includes('carrying_capacity')", timeout=10000
        )
        assert parse_qs(urlparse(page.url).query)["p"] == ["initial_population:11"]
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


def test_a_first_band_comes_before_the_whole_band_only_when_whole_bands_are_slow(
    browser: Any, live_server: Any
) -> None:
    """An assumption moved: every member runs whole. When such a band took long the last time,
    the page asks for the band's first members first (drawn while the rest runs); when it was
    quick, for the whole band at once, drawn with the lines (one redraw of both graphs)."""
    page = _open(browser, live_server.url + "/")
    try:
        page.evaluate(
            """() => { window.__bands = []; const f = window.fetch;
                 window.fetch = (path, init) => {
                   if (String(path).endsWith('/api/ensemble'))
                     window.__bands.push(JSON.parse(init.body));
                   return f(path, init); }; }"""
        )
        page.evaluate("() => { window.doomloop.state.wholeMs = 10000; }")  # slow
        _move(page, "growth_rate", 0.33, until="bandDraws")
        bands = page.evaluate("() => window.__bands.splice(0)")
        assert [b.get("of") for b in bands] == [20, None], bands
        assert bands[0]["members"] == 10
        page.evaluate("() => { window.doomloop.state.wholeMs = 40; }")  # quick
        draws = page.evaluate("() => window.doomloop.draws")
        _move(page, "growth_rate", 0.36, until="bandDraws")
        bands = page.evaluate("() => window.__bands.splice(0)")
        assert [(b.get("of"), b["members"]) for b in bands] == [(None, 20)], bands
        assert page.evaluate("() => window.doomloop.draws") == draws + 1  # lines and band at once
        assert page.evaluate("() => window.doomloop.state.wholeMs") < 10000  # measured again
        assert page.js_errors == []
    finally:
        page.close()


def test_why_panel_keeps_its_story_dimmed_until_the_new_one_arrives(
    browser: Any, live_server: Any
) -> None:
    page = _open(browser, live_server.url + "/?lang=en")
    try:
        told = "#why li:not(.hint)"
        page.wait_for_function(f"() => document.querySelector('{told}')", timeout=10000)
        before = page.locator("#why").inner_text()
        _move(page, "growth_rate", 0.2)  # the analysis waits until the sliders rest
        assert page.locator("#why.stale").count() == 1
        assert page.locator("#why li.updating").inner_text() == "Updating for your latest move…"
        assert page.locator(told).count() >= 1  # the last story is still there
        page.wait_for_function(
            f"() => !document.querySelector('#why.stale') && document.querySelector('{told}')",
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
        page.wait_for_function("() => document.documentElement.lang === 'ja'")
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
        assert page.locator('.lever[data-param="carrying_capacity"] .val').inner_text() == "1,000人"
        assert "総" not in page.locator("#sel-g1").inner_text()  # fixture outputs: 人口, 純増加
        assert "人口" in page.locator("#sel-g1").inner_text()
        page.wait_for_function(
            "() => document.querySelector('#why').textContent.includes('主に動かしています')"
        )
        g1_names = page.evaluate("document.getElementById('g1').data.map(t => t.name)")
        assert ja["current"] in g1_names and ja["baseline"] in g1_names
        assert parse_qs(urlparse(page.url).query)["lang"] == ["ja"]
        page.click("#btn-lang")
        page.wait_for_function("() => document.documentElement.lang === 'en'")
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
        page.wait_for_function(f"() => window.doomloop.draws > {before}")
        assert "quick" in page.evaluate("document.getElementById('g1').data.map(t => t.name)")
        assert "sc=quick" in page.url
        text = page.evaluate("window.doomloop.csvText()")  # what "Data (CSV)" downloads
        assert text.startswith('"year",') and '"Population (people): quick"' in text
    finally:
        page.close()


def test_a_bad_link_draws_with_a_notice_and_the_rest_of_the_scenario(
    browser: Any, live_server: Any
) -> None:
    # growth_rate's bounds are 0 to 5; "nonsense" is no parameter; abc is no number
    url = (
        live_server.url
        + "/?lang=en&g1=population&g2=no_such_graph&p=growth_rate:99,nonsense:3,"
        + "initial_population:abc,carrying_capacity:900"
    )
    page = _open(browser, url)
    try:
        assert page.evaluate("window.doomloop.errors") == [] and page.js_errors == []
        text = page.locator("#notices").inner_text()
        assert "nonsense" in text and "not a number" in text and "set to 5" in text
        assert "no_such_graph" in text
        assert float(page.locator('input[data-param="growth_rate"]').input_value()) == 5
        q = parse_qs(urlparse(page.url).query)
        assert q["p"] == ["growth_rate:5,carrying_capacity:900"]  # the rest is kept
        assert len(_trace(page, "g1", "Your scenario")) > 10
        page.locator("#notices .close").first.click()
        assert page.locator("#notices .notice").count() == 0
    finally:
        page.close()


def test_link_copied_only_when_the_clipboard_takes_it(browser: Any, live_server: Any) -> None:
    page = _open(browser, live_server.url + "/?lang=en")
    try:  # no clipboard permission: the page says so and points to the address bar
        page.evaluate(
            "() => { navigator.clipboard.writeText = () => Promise.reject(new Error('no')); }"
        )
        page.click("#btn-share")
        page.wait_for_selector("#notices .notice")
        assert "address bar" in page.locator("#notices").inner_text()
        assert page.locator("#status").inner_text() != "Link copied"
        page.evaluate(
            "() => { navigator.clipboard.writeText = (s) => { window.copied = s;"
            " return Promise.resolve(); }; }"
        )
        page.click("#btn-share")
        page.wait_for_function(
            "() => document.querySelector('#status').textContent === 'Link copied'"
        )
        assert page.evaluate("window.copied") == page.url
    finally:
        page.close()


def test_exports_carry_units_settings_and_source(browser: Any, live_server: Any) -> None:
    import base64
    import struct

    page = _open(browser, live_server.url + "/?lang=en&g1=population")
    try:
        _move(page, "carrying_capacity", 1100)  # an assumption: a modified baseline
        text = page.evaluate("window.doomloop.csvText()")
        head = text.splitlines()[0]
        assert '"Population (people): Modified baseline (your assumptions, no policies)"' in head
        assert "Baseline" not in head.replace("Modified baseline", "")
        assert '# "Assumptions: Carrying capacity K: 1,100 people"' in text
        assert "Source: doomloop" in text
        png = page.evaluate("window.doomloop.pngDataURL()")
        raw = base64.b64decode(png.split(",", 1)[1])
        width, height = struct.unpack(">II", raw[16:24])
        assert raw[:8] == b"\x89PNG\r\n\x1a\n" and width == 1200 and height > 2 * 460
    finally:
        page.close()


def test_keyboard_and_screen_reader_basics(browser: Any, live_server: Any) -> None:
    page = _open(browser, live_server.url + "/?lang=en&g1=population")
    try:
        s = page.locator('input[type=range][data-param="carrying_capacity"]')
        assert s.get_attribute("aria-valuetext") == "1,000 people"
        btn = page.locator('.lever[data-param="growth_rate"] .info-btn')
        assert btn.get_attribute("aria-expanded") == "false"
        assert "Intrinsic growth rate" in (btn.get_attribute("aria-label") or "")
        btn.focus()
        page.keyboard.press("Enter")
        assert btn.get_attribute("aria-expanded") == "true"
        # every select and input has a name; the graphs have a text summary
        unnamed = page.evaluate(
            """() => [...document.querySelectorAll('select, input')].filter(e =>
                 !e.labels?.length && !e.getAttribute('aria-label')).map(e => e.outerHTML)"""
        )
        assert unnamed == []
        assert "Population in " in page.locator("#g1-summary").inner_text()
        # no variable name or "dmnl" anywhere a user can read
        body = page.locator("body").inner_text()
        assert "dmnl" not in body and not re.search(r"\b[a-z]+_[a-z_]+\b", body), body
    finally:
        page.close()


def test_axe_finds_no_serious_or_critical_violation(
    browser: Any, live_server: Any, axe_serious: Any
) -> None:
    page = _open(browser, live_server.url + "/?lang=en")
    try:
        page.locator('.lever[data-param="growth_rate"] .info-btn').click()  # a detail view open
        bad = axe_serious(page)
        assert bad == [], bad
    finally:
        page.close()


@pytest.mark.parametrize(
    ("width", "height", "screens"),
    [(390, 844, 1.5), (820, 1180, 1.0), (1180, 820, 1.0)],
    ids=["phone", "tablet-portrait", "tablet-landscape"],
)
def test_the_first_graph_starts_within_reach_on_phones_and_tablets(
    browser: Any, live_server: Any, width: int, height: int, screens: float
) -> None:
    # a phone: within one and a half screens; a tablet either way up: on the first screen
    page = browser.new_page(viewport={"width": width, "height": height})
    try:
        page.goto(live_server.url + "/?lang=ja")
        page.wait_for_function("() => window.doomloop && window.doomloop.ready", timeout=30000)
        top = page.evaluate("document.getElementById('g1').getBoundingClientRect().top + scrollY")
        assert top < screens * height, (top, height)
        # nothing sticky covers it when it is scrolled to the top of the screen
        page.evaluate(
            "window.scrollTo(0, document.getElementById('g1').getBoundingClientRect().top"
            " + scrollY)"
        )
        cover = page.evaluate(
            "(() => { const r = document.getElementById('g1').getBoundingClientRect();"
            " const e = document.elementFromPoint(r.left + r.width / 2, r.top + 20);"
            " return document.getElementById('g1').contains(e); })()"
        )
        assert cover
    finally:
        page.close()
