"""Loop dominance: the named loops exist in the model, and LTM finds known answers."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

import doomloop
from doomloop.analysis import (
    causes_and_uses,
    explain_text,
    inactive_loops,
    inactive_text,
    loop_dominance,
    loop_scores,
    missing_links,
    named_loops,
)
from doomloop.analysis.loops import _candidates, _kin, _vartype_stock

LOGISTIC = Path(__file__).parents[1] / "fixtures" / "logistic" / "model.xmile"


@pytest.fixture(scope="module")
def japan() -> doomloop.Model:
    return doomloop.load_model("japan")


@pytest.fixture(scope="module")
def logistic() -> doomloop.Model:
    return doomloop.load_model(LOGISTIC)


def test_japan_names_every_loop_of_model_md(japan):
    loops = {lp.id: lp for lp in named_loops(japan, drivers=True)}
    assert {"R1", "R2", "R3", "B1", "M1", "D1"} <= set(loops)
    assert loops["D1"].driver and not loops["R1"].driver
    for lp in loops.values():
        assert lp.story and lp.story_ja and lp.name_ja, lp.id
        assert len(set(lp.variables)) == len(lp.variables), f"{lp.id} repeats a variable"


@pytest.mark.parametrize("loop_id", ["R1", "R2", "R3", "B1", "M1", "D1"])
def test_every_named_link_is_a_causal_link_of_the_model(japan, loop_id):
    (lp,) = [x for x in named_loops(japan, drivers=True) if x.id == loop_id]
    assert missing_links(japan, lp) == []


@pytest.mark.parametrize("member", ["india", "usa", "uk", "korea"])
def test_every_country_names_japans_loops_and_has_their_links(japan, member):
    model = doomloop.load_model(member)
    loops = named_loops(model, drivers=True)
    ours = {lp.id: lp.variables for lp in named_loops(japan, drivers=True)}
    assert {lp.id: lp.variables for lp in loops} == ours  # one structure, one set of loops
    for lp in loops:
        assert lp.story and lp.story_ja, lp.id
        assert missing_links(model, lp) == [], lp.id
    texts = {(model.path.parent / "loops.toml").read_text(encoding="utf-8")}
    texts.add((model.path.parent.parent / "india" / "loops.toml").read_text(encoding="utf-8"))
    assert len(texts) == 1  # the four countries share one file


def test_logistic_switches_from_reinforcing_to_balancing_at_the_inflection(logistic):
    r, k, p0 = 0.3, 1000.0, 10.0
    t_star = math.log(k / p0 - 1) / r  # about 15.3 years
    periods = loop_dominance(logistic, start=0, stop=40)
    assert periods[0].start == 0 and periods[-1].end == 40
    assert [p.polarity for p in periods] == ["reinforcing", "balancing"]
    assert abs(periods[1].start - t_star) <= 1.0
    assert "reinforcing" in periods[0].sentence


def test_explain_text_in_both_languages(logistic):
    periods = loop_dominance(logistic, start=0, stop=40)
    en = explain_text(periods)
    ja = explain_text(periods, lang="ja")
    assert en.splitlines()[0].startswith("0-15: ")
    assert "自己強化型" in ja and "バランス型" in ja
    with pytest.raises(ValueError, match="'en' or 'ja'"):
        explain_text(periods, lang="fr")
    assert "No feedback loops" in explain_text([])


def test_causes_and_uses(logistic):
    causes, uses = causes_and_uses(logistic, "net_growth")
    assert causes == ["carrying_capacity", "growth_rate", "population"]
    assert uses == ["population"]
    with pytest.raises(doomloop.UnknownParameterError, match="Did you mean"):
        causes_and_uses(logistic, "net_growht")


def test_through_restricts_to_loops_through_a_variable(logistic):
    periods = loop_dominance(logistic, start=0, stop=40, through="population")
    assert [p.polarity for p in periods] == ["reinforcing", "balancing"]
    assert "dominates population" in periods[0].sentence
    with pytest.raises(doomloop.UnknownParameterError):
        loop_dominance(logistic, start=0, stop=40, through="populaton")


def test_named_loops_have_their_declared_polarity_when_active(japan):
    scores = loop_scores(japan).loc[2024:2060]
    active = 0
    for lp in named_loops(japan):
        s = scores[lp.label]
        s = s[s.abs() > 0]
        if s.empty:
            continue  # a link of the loop is inactive in this run
        active += 1
        positive = (s > 0).mean()
        share = positive if lp.polarity == "reinforcing" else 1 - positive
        assert share >= 0.9, f"{lp.label} is {lp.polarity} only {share:.0%} of its active time"
    assert active >= 2
    silent = inactive_loops(japan)
    for label in silent:  # a silent link makes the whole loop score zero
        assert (scores[label] == 0).all(), label
    assert "is not active" in inactive_text(silent) or not silent


def test_japan_baseline_dominance_covers_the_projection(japan):
    periods = loop_dominance(japan, start=2024, stop=2060)
    assert periods[0].start == 2024 and periods[-1].end == 2060
    for a, b in zip(periods[:-1], periods[1:], strict=True):
        assert a.end == b.start
    assert all(p.sentence and p.sentence_ja for p in periods)
    named = {lp.label for lp in named_loops(japan)}
    assert any(set(p.loops) & named for p in periods)


def test_short_periods_fold_into_a_neighbour_and_variants_join_their_named_loop(japan):
    # Which periods are short depends on the model's numbers (the population sector moved
    # them): fold at one year more than the shortest active period, so something must fold.
    every = loop_dominance(japan, start=1975, stop=2060, min_years=1)
    shortest = min(p.end - p.start for p in every if p.loops)
    years = shortest + 1
    told = loop_dominance(japan, start=1975, stop=2060, min_years=years)
    assert len(told) < len(every)
    assert told[0].start == 1975 and told[-1].end == 2060
    for a, b in zip(told[:-1], told[1:], strict=True):
        assert a.end == b.start
        assert (a.loops[:1], a.polarity) != (b.loops[:1], b.polarity)  # else one period
    # only a span with no active loop may stay shorter than min_years
    assert all(p.end - p.start >= years for p in told if p.loops)
    # every year in which no loop is active is told so, folded or not
    quiet = {y for p in every if not p.loops for y in range(int(p.start), int(p.end))}
    assert quiet == {y for p in told if not p.loops for y in range(int(p.start), int(p.end))}
    # only a loop of a named loop's polarity is called its variant, and it is told as the
    # named loop; a loop through the same stocks of the other polarity is neither (the
    # engine's id starts with the loop's polarity: r or b)
    named = {lp.label: lp for lp in named_loops(japan)}
    stocks = set(japan.engine.get_var_names(type_mask=_vartype_stock()))
    candidates = _candidates(japan, 60.0, False)
    variants = [c for c in candidates if "a variant of" in c.label]
    assert variants
    for c in variants:
        (kin,) = [k for k in named if f"a variant of {k}:" in c.label]
        assert c.label[:1].lower() == named[kin].polarity[:1], c.label
        assert c.family == kin, c.label
    others = [
        c
        for c in candidates
        if not c.named
        and "a variant of" not in c.label
        and _kin([v for pair in c.links for v in pair], list(named.values()), stocks) is not None
    ]
    assert others, "expected a loop through a named loop's stocks of the other polarity"
    assert all(c.family == c.label for c in others)
    families = {c.family for c in variants}
    for p in every:
        assert len(set(p.loops)) == len(p.loops)
        assert not set(p.loops) & ({c.label for c in variants} - families)


def test_unnamed_loops_are_described_in_japanese_words(japan):
    import csv
    import re

    from doomloop.analysis.loops import NAMES_JA

    for c in _candidates(japan, 60.0, False):
        if not c.named:
            described = c.label_ja.split("（", 1)[1]
            assert not re.search(r"[a-z]+_[a-z_0-9]+", described), c.label_ja
            assert not re.search(r"[a-z]+_[a-z_0-9]+", c.subject_ja), c.subject_ja
    # an output is named once, in the profile (what the page shows too), not in the glossary
    with NAMES_JA.open(encoding="utf-8", newline="") as f:
        glossary = {r["name"] for r in csv.DictReader(f)}
    assert not glossary & set(japan.profile.outputs)
    from doomloop.analysis.loops import _names_ja_of

    assert _names_ja_of(japan)["ai_specialists_domestic"] == (
        japan.profile.outputs["ai_specialists_domestic"].label.ja
    )


def test_periods_fold_short_spans_into_neighbours_by_hand():
    from doomloop.analysis.loops import _periods

    def blocks(*spec):  # (years, dominant set, polarity) -> one block a year
        out, t = [], 0.0
        for n, chosen, pol in spec:
            for _ in range(n):
                out.append((t, t + 1, chosen, pol, 0.6))
                t += 1
        return out

    r, b = "reinforcing", "balancing"
    # a one-year interruption of loop 0 by loop 1 is folded; the neighbours join again
    got = _periods(blocks((4, (0,), r), (1, (1, 0), r), (5, (0, 2), r)), 3.0)
    assert [(p[0], p[1], p[2], p[3]) for p in got] == [(0, 10, (0, 2), r)]
    # ... into the neighbour of its own polarity, even the shorter one
    got = _periods(blocks((6, (0,), r), (1, (1,), b), (3, (2,), b)), 3.0)
    assert [(p[0], p[1], p[2][:1], p[3]) for p in got] == [(0, 6, (0,), r), (6, 10, (2,), b)]
    # a short span with no active loop stays, and nothing is folded into it
    got = _periods(blocks((1, (), ""), (6, (0,), r), (2, (), "")), 3.0)
    assert [(p[0], p[1], p[3]) for p in got] == [(0, 1, ""), (1, 7, r), (7, 9, "")]
    # a period is named by a set its leading loop leads, though absorbed years differ
    got = _periods(blocks((1, (0, 3), r), (1, (0,), r), (1, (0, 4), r), (2, (1, 5), r)), 3.0)
    assert got[0][2][0] == 0
    # min_years of one year folds nothing
    assert len(_periods(blocks((4, (0,), r), (1, (1,), r), (5, (0,), r)), 1.0)) == 3


def _leads(periods: list, years: range, named: set[str]) -> list[str]:
    """The story's lead of each year, as the page tells it: the named loop leading the year's
    period, "other" for a loop the model does not name, "" for none."""
    out = []
    for y in years:
        p = next((p for p in periods if p.start <= y < p.end), None)
        lead = p.loops[0] if p is not None and p.loops else ""
        out.append(lead if lead in named or not lead else "other")
    return out


@pytest.mark.slow
@pytest.mark.parametrize(
    "scenario", [None, "meiji-playbook", "pay-parity", "open-doors", "all-in", "pay-reform-2010"]
)
def test_a_coarser_loop_score_step_tells_the_same_story(japan, scenario):
    # If the page scores loops at a coarser step (web Settings.loops_dt) than the model's, the
    # story it tells (each year's lead: a named loop, other feedback or none, 2000-2059) must
    # be the model's own step's in at least 90% of the years, and a named loop's period may
    # start or end at most two years apart.
    from doomloop.web.settings import Settings

    dt = Settings().loops_dt
    if dt is None or dt <= japan.time_spec.dt:
        pytest.skip("the page scores loops at the model's own step: one story by construction")
    years = range(2000, 2060)
    named = {lp.label for lp in named_loops(japan)}
    fine = loop_dominance(japan, None, scenario=scenario, start=2000, stop=2060)
    coarse = loop_dominance(japan, None, scenario=scenario, start=2000, stop=2060, dt=dt)
    a, b = _leads(fine, years, named), _leads(coarse, years, named)
    pairs = list(zip(years, a, b, strict=True))
    assert sum(x == z for _, x, z in pairs) / len(pairs) >= 0.9, pairs
    moved = [(y, x, z) for y, x, z in pairs if x != z and (x in named or z in named)]
    assert len(moved) <= 2, moved
