"""The Japan page as its readers see it, in both languages (issue 18's goals): no variable name,
loop id, "dmnl" or e-notation in any text or attribute a user can see, Japanese without stray
English words, no serious axe-core violation, a bad link that still draws.

Sources (the "Source" line of each detail view) are citations: in Japanese they are the
Japanese of data/sources_ja.toml and may name, besides the page's own Latin words, the
organisations, models and people they cite (tests/web/japanese_words.py keeps both lists).
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from japanese_text import JAPANESE, punctuation_faults
from japanese_words import JA_LATIN_OK, SOURCE_NAMES, stray_english

from doomloop.analysis.loops import named_loops
from doomloop.engine import load_model

pytestmark = pytest.mark.browser

# Every text node and every attribute a user can see or hear (title, aria-label, placeholder,
# aria-valuetext, alt), each with whether it sits in a source line; options of visible selects
# count. Collapsed groups are opened and every detail view shown first.
COLLECT = """() => {
  document.querySelectorAll('details').forEach((d) => { d.open = true; });
  document.querySelectorAll('.info-btn[aria-expanded="false"]').forEach((b) => b.click());
  const seen = (e) => { const s = getComputedStyle(e);
    return s.display !== 'none' && s.visibility !== 'hidden' && e.getClientRects().length > 0; };
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const p = n.parentElement, t = n.textContent.trim();
    if (!t || p.closest('script,style')) continue;
    const shown = p.closest('svg title') ? p.closest('svg')
      : p.closest('option') ? p.closest('select') : p;
    if (seen(shown)) out.push([t, !!p.closest('dd.source'), !!p.closest('[lang="en"]')]);
  }
  const named = '[title],[aria-label],[placeholder],[aria-valuetext],[alt]';
  for (const e of document.querySelectorAll(named)) {
    if (!seen(e)) continue;
    for (const a of ['title', 'aria-label', 'placeholder', 'aria-valuetext', 'alt'])
      if (e.getAttribute(a)) out.push([e.getAttribute(a), false, !!e.closest('[lang="en"]')]);
  }
  out.push([document.title, false, false]);
  return out;
}"""

SNAKE = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")
ENOTE = re.compile(r"\b\d+(?:\.\d+)?e[+-]?\d+\b", re.IGNORECASE)


@pytest.fixture(scope="module")
def loop_ids() -> set[str]:
    return {lp.id for lp in named_loops(load_model("japan"), drivers=True)}


def _open(browser: Any, url: str, width: int = 1280, height: int = 800) -> Any:
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(url)
    page.wait_for_function("() => window.doomloop && window.doomloop.ready", timeout=240000)
    return page


def _faults(items: list[list[Any]], lang: str, loop_ids: set[str]) -> list[tuple[str, str]]:
    loop_id = re.compile(r"\b(?:" + "|".join(sorted(loop_ids)) + r")\b")
    bad = []
    for text, in_source, english in items:
        if SNAKE.search(text):
            bad.append(("variable name", text))
        if "dmnl" in text.lower():
            bad.append(("dmnl", text))
        if ENOTE.search(text):
            bad.append(("e-notation", text))
        if loop_id.search(text):
            bad.append(("loop id", text))
        if lang == "ja":
            stray = stray_english(text, JA_LATIN_OK | SOURCE_NAMES if in_source else JA_LATIN_OK)
            if stray:
                bad.append(("English words " + ",".join(sorted(stray)), text))
            if not english:  # the page's Japanese: its brackets, marks and ％ full-width
                faults = punctuation_faults(text) if JAPANESE.search(text) else []
                faults += [m.group() for m in re.finditer(r".{0,8}%.{0,8}", text)]
                if faults:
                    bad.append(("half-width " + " | ".join(faults), text))
    return bad


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_nothing_a_reader_sees_speaks_the_engines_language(
    browser: Any, japan_live_server: Any, loop_ids: set[str], lang: str
) -> None:
    page = _open(browser, f"{japan_live_server.url}/?lang={lang}")
    try:
        # the loop diagram drawn and the "why" panel's story told
        page.wait_for_function(
            "() => !document.getElementById('loop-figure').hidden", timeout=60000
        )
        page.wait_for_function(
            "() => document.querySelector('#why li.kind-reinforcing, #why li.kind-balancing')",
            timeout=240000,
        )
        items = page.evaluate(COLLECT)
        assert len(items) > 1000  # the detail views were opened
        bad = _faults(items, lang, loop_ids)
        assert bad == [], "\n".join(f"{k}: {t}" for k, t in bad)
    finally:
        page.close()


def test_the_japan_page_has_no_serious_axe_violation(
    browser: Any, japan_live_server: Any, axe_serious: Any
) -> None:
    page = _open(browser, f"{japan_live_server.url}/?lang=ja", 390, 844)
    try:
        top = page.evaluate(
            "() => document.getElementById('g1').getBoundingClientRect().top + scrollY"
        )
        assert top < 1.5 * 844, top  # a phone: the first graph within one and a half screens
        bad = axe_serious(page)
        assert bad == [], bad
    finally:
        page.close()


@pytest.mark.parametrize("link", ["p=pay_reform_target:5", "p=nonexistent:1"])
def test_a_bad_japan_link_draws_with_a_notice(
    browser: Any, japan_live_server: Any, link: str
) -> None:
    page = _open(browser, f"{japan_live_server.url}/?{link}&lang=ja")
    try:
        assert page.locator("#notices").inner_text().startswith("このリンクには古い部分があった")
        assert len(page.evaluate("() => document.getElementById('g1').data")) >= 1
        assert page.locator("#headline .card, #headline > *").count() >= 3
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
    page = _open(browser, f"{japan_live_server.url}/?lang=ja&{q}")
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
    page = _open(browser, f"{japan_live_server.url}/?lang=en&{q}")
    try:
        page.wait_for_function(
            "() => (document.getElementById('g3').data || []).length > 0", timeout=240000
        )
        assert page.evaluate("() => document.getElementById('g3').layout.yaxis.tickmode") != "array"
    finally:
        page.close()
