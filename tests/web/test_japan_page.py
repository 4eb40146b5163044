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
from pages import open_page

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
    page = open_page(browser, f"{japan_live_server.url}/?lang={lang}", height=800)
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
    page = open_page(browser, f"{japan_live_server.url}/?lang=ja", 390, 844)
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
    page = open_page(browser, f"{japan_live_server.url}/?{link}&lang=ja", height=800)
    try:
        text = page.locator("#notices .notice").first.inner_text()
        assert text.startswith("このリンクには古い部分があった")
        # Japanese sentences follow each other without a half-width space after 。
        assert "。" in text.rstrip("。") and "。 " not in text, text
        assert len(page.evaluate("() => document.getElementById('g1').data")) >= 1
        assert page.locator("#headline .card, #headline > *").count() >= 3
    finally:
        page.close()


def test_a_refusal_is_explained_in_japanese(browser: Any, japan_live_server: Any) -> None:
    """The server's reasons are English; the Japanese page writes its own for the refusals it
    knows (a bound, an unknown setting), a plain Japanese phrase for any other, and its own
    sentence for a failed run."""
    page = open_page(browser, f"{japan_live_server.url}/?lang=ja", height=800)
    try:
        say = "(d) => refusalReason(d)"
        bound = {"type": "out_of_bounds", "lower": 0, "upper": 1.5, "msg": "outside [0, 1.5]"}
        assert page.evaluate(say, bound) == "取りうる範囲0〜1.5の外"
        unknown = {"type": "unknown_parameter", "msg": "unknown parameter 'x'"}
        assert page.evaluate(say, unknown) == "このモデルにない設定"
        assert page.evaluate(say, {"type": "simulation_failed", "msg": "x"}) == "受け付けられない値"
        # a failed run: the page's own sentence, not the server's English
        failed = page.evaluate("() => errorText('the run became NaN at time 2031')")
        assert failed == "この設定ではモデルを計算できませんでした。"
    finally:
        page.close()
