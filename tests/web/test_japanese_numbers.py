"""Japanese number units on the page (issue 18): 万, 億, 兆 where English writes 30k, 1.2M or
120 million, from one formatter (``plain`` in static/format.js) in the cards, the sliders, the
sentences and the graphs' ticks and hover text.

The formatter is run in chromium (the page's own Intl), on a blank page holding format.js
alone; the graphs on the Japan page as served.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from pages import open_page

pytestmark = pytest.mark.browser

FORMAT_JS = (
    Path(__file__).resolve().parents[2] / "src" / "doomloop" / "web" / "static" / "format.js"
)

# (value, significant digits, Japanese, English)
PLAIN = [
    (0, 3, "0", "0"),
    (9999, 3, "1万", "10,000"),  # rounded first: not "10,000" in Japanese
    (9999, 4, "9,999", "9,999"),
    (10000, 3, "1万", "10,000"),
    (30000, 3, "3万", "30,000"),
    (12345, 3, "1.23万", "12,300"),
    (5e7, 3, "5,000万", "50 million"),
    (123456789, 3, "1.23億", "123 million"),
    (1.2e8, 3, "1.2億", "120 million"),
    (1.5e12, 3, "1.5兆", "1.5 trillion"),
    (-30000, 3, "-3万", "-30,000"),
    (-1.2e8, 3, "-1.2億", "-120 million"),
    (0.000833, 3, "0.000833", "0.000833"),
    (0.25, 3, "0.25", "0.25"),
]


@pytest.fixture(scope="module")
def fmt(browser: Any) -> Any:
    page = browser.new_page()
    page.set_content("<!doctype html><html><body></body></html>")
    page.add_script_tag(content=FORMAT_JS.read_text(encoding="utf-8") + "\nwindow.FMT = FMT;")
    yield page
    page.close()


def _plain(page: Any, lang: str, v: float, sig: int) -> str:
    return str(
        page.evaluate("([l, v, s]) => { FMT.lang = l; return plain(v, s); }", [lang, v, sig])
    )


@pytest.mark.parametrize(("v", "sig", "ja", "en"), PLAIN)
def test_plain_writes_japanese_number_units(fmt: Any, v: float, sig: int, ja: str, en: str) -> None:
    assert _plain(fmt, "ja", v, sig) == ja
    assert _plain(fmt, "en", v, sig) == en


@pytest.mark.parametrize(
    ("v", "spec", "ja"),
    [
        (1.2e8, {"unit": "万人", "scale": 1e4}, "1.2億人"),  # not 1.2万万人
        (3000, {"unit": "万人", "scale": 1e4}, "3,000人"),
        (3e9, {"unit": "億ドル/年", "scale": 1e8}, "30億ドル/年"),
        (1.5e12, {"unit": "億ドル/年", "scale": 1e8}, "1.5兆ドル/年"),
        (0.8, {"unit": "％（米国比）", "scale": 0.01}, "80％（米国比）"),
        (5e5, {"unit": "万台（H100換算）", "scale": 1e4}, "50万台（H100換算）"),
        (2.5, {"unit": "桁", "scale": 1}, "2.5桁"),
    ],
)
def test_a_unit_that_counts_in_man_or_oku_is_written_once(
    fmt: Any, v: float, spec: dict[str, Any], ja: str
) -> None:
    got = fmt.evaluate("([v, s]) => { FMT.lang = 'ja'; return withUnit(v, s); }", [v, spec])
    assert got == ja
    en = fmt.evaluate(
        "([v, s]) => { FMT.lang = 'en'; return withUnit(v, s); }",
        [1.2e8, {"unit": "million people", "scale": 1e6}],
    )
    assert en == "120 million people"


# ------------------------------------------------------------------------- the Japan page
#: A tick or hover number in English or SI units: 30k, 1.2M, 3G, 4B, 1e+08.
SI = re.compile(r"\d(?:\.\d+)?\s?[kKMGTB]\b|\de[+-]?\d")


#: Levers that raise the number of AI specialists, each set to its top in turn.
LEVERS_UP = ["pay_reform_target", "career_track_entry_gain", "visa_reform_gain"]

TICKS = """(id) => [...document.querySelectorAll(`#${id} .ytick text`)].map((t) => t.textContent)"""
HOVER = """(id) => { const gd = document.getElementById(id);
  Plotly.Fx.hover(gd, { xval: 2040 });
  return [...gd.querySelectorAll('.hoverlayer text')].map((t) => t.textContent).join(' '); }"""


def test_the_japanese_graphs_count_in_man_and_oku(browser: Any, japan_live_server: Any) -> None:
    # population (1.2億 people) and AI specialists (tens of thousands): 億 and 万 on the axes
    url = f"{japan_live_server.url}/?lang=ja&g1=population_total&g2=ai_specialists_domestic"
    page = open_page(browser, url)
    try:
        pop, spec = page.evaluate(TICKS, "g1"), page.evaluate(TICKS, "g2")
        assert any("億" in t for t in pop), pop
        assert any("万" in t for t in spec), spec
        for ticks in (pop, spec):
            assert not any(SI.search(t) for t in ticks), ticks
            assert not any(re.search(r"\d{5}", t.replace(",", "")) for t in ticks), ticks
        # the axis says 人 (the ticks say 億): not 万人 with 1.2万 on it
        title = page.evaluate("() => document.querySelector('#g1 .g-ytitle').textContent")
        assert title == "人", title
        hover = page.evaluate(HOVER, "g1")
        assert "億人" in hover and "万万" not in hover and not SI.search(hover), hover
        # a zoom: ticks for the zoomed range, in 万 and 億 again
        page.evaluate("() => Plotly.relayout('g1', {'yaxis.range': [2e7, 6e7]})")
        page.wait_for_function(
            "() => document.getElementById('g1').layout.yaxis.tickvals.every(v => v >= 2e7)"
        )
        zoomed = page.evaluate(TICKS, "g1")
        assert len(zoomed) >= 3 and all("万" in t for t in zoomed if t != "0"), zoomed
        # moves that move an axis: its new ticks are Japanese too (Plotly.animate's path)
        before = page.evaluate("() => document.getElementById('g2').layout.yaxis.range")
        after = before
        for lever in LEVERS_UP:
            if after != before:
                break
            draws = page.evaluate("() => window.doomloop.bandDraws")
            page.evaluate(
                """(n) => { const s = document.querySelector(`input[data-param="${n}"]`);
                   s.value = s.max; s.dispatchEvent(new Event('input', {bubbles: true})); }""",
                lever,
            )
            page.wait_for_function(f"() => window.doomloop.bandDraws > {draws}", timeout=240000)
            after = page.evaluate("() => document.getElementById('g2').layout.yaxis.range")
        assert after != before, (before, after)
        ticks = page.evaluate(TICKS, "g2")
        assert any("万" in t for t in ticks) and not any(SI.search(t) for t in ticks), ticks
        vals = page.evaluate("() => document.getElementById('g2').layout.yaxis.tickvals")
        assert all(after[0] <= v <= after[1] for v in vals), (vals, after)
        hover = page.evaluate(HOVER, "g2")
        assert "万人" in hover and not SI.search(hover), hover
        # the hover text is the moved line's (its words are swapped with its numbers)
        now = page.evaluate(
            """() => { const tr = document.getElementById('g2').data.at(-1);
               return plain(tr.y[tr.x.indexOf(2040)]); }"""
        )
        assert now in hover, (now, hover)
    finally:
        page.close()


def test_the_english_graphs_keep_plotlys_ticks(browser: Any, japan_live_server: Any) -> None:
    url = f"{japan_live_server.url}/?lang=en&g1=population_total&g2=ai_specialists_domestic"
    page = open_page(browser, url)
    try:
        mode = page.evaluate("() => document.getElementById('g1').layout.yaxis.tickmode")
        assert mode is None  # Plotly's own ticks
        ticks = page.evaluate(TICKS, "g1")
        assert ticks and not any(re.search("[万億兆]", t) for t in ticks), ticks
        title = page.evaluate("() => document.querySelector('#g1 .g-ytitle').textContent")
        assert title == "million people", title
    finally:
        page.close()


JA_UNITS = {"": 1.0, "万": 1e4, "億": 1e8, "兆": 1e12}
JA_TICK = re.compile(r"^(-?[\d,]+(?:\.\d+)?)(万|億|兆)?$")


def test_the_back_test_graph_counts_in_japanese_on_its_own_years(
    browser: Any, japan_live_server: Any
) -> None:
    """The DRAM back-test (vlsi-1976) in Japanese: its own graph on 1970-1995, y ticks written in
    万 and 億 that read back as the values they mark, the line inside them; in English Plotly's
    own ticks."""
    q = "g1=population_total&sc=@vlsi-1976~"
    page = open_page(browser, f"{japan_live_server.url}/?lang=ja&{q}", height=800)
    try:
        page.wait_for_function(
            "() => !document.getElementById('g3-box').hidden"
            " && (document.getElementById('g3').data || []).length > 0",
            timeout=240000,
        )
        lay = page.evaluate(
            """() => { const g = document.getElementById('g3');
                return { x: g.layout.xaxis.range, y: g.layout.yaxis, data: g.data[0].y }; }"""
        )
        assert lay["x"] == [1970, 1995]
        y = lay["y"]
        assert y["tickmode"] == "array"
        vals, texts = y["tickvals"], y["ticktext"]
        assert len(vals) == len(texts) >= 3
        assert any(t.endswith("億") for t in texts), texts  # Japan's population: about 1億
        for v, text in zip(vals, texts, strict=True):
            m = JA_TICK.match(text)
            assert m, text
            read = float(m.group(1).replace(",", "")) * JA_UNITS[m.group(2) or ""]
            assert read == pytest.approx(v, rel=1e-9, abs=1e-9), (text, v)
        steps = {round(b - a, 6) for a, b in zip(vals, vals[1:], strict=False)}
        assert len(steps) == 1, vals
        lo, hi = y["range"]
        assert lo <= min(lay["data"]) and max(lay["data"]) <= hi
        assert lo <= vals[0] and vals[-1] <= hi
    finally:
        page.close()
    page = open_page(browser, f"{japan_live_server.url}/?lang=en&{q}", height=800)
    try:
        page.wait_for_function(
            "() => (document.getElementById('g3').data || []).length > 0", timeout=240000
        )
        assert page.evaluate("() => document.getElementById('g3').layout.yaxis.tickmode") != "array"
    finally:
        page.close()
