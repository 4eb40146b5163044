"""Loop stories follow the run: the story a period tells is picked by its stock's course."""

from __future__ import annotations

import re

import pytest

import doomloop
from doomloop.analysis.loops import NamedLoop, Period, named_loops
from doomloop.analysis.stories import contrast, plain_number, tell

STARTUPS = NamedLoop(
    id="R2",
    name="fear of failure",
    name_ja="失敗への恐れ",
    variables=("ai_startups", "risk_tolerance"),
    polarity="reinforcing",
    story="Startups and successes feed each other.",
    story_ja="スタートアップと成功は互いを強めます。",
    state="ai_startups",
    state_en="AI start-ups",
    state_ja="AIスタートアップ",
    state_unit=("companies", "社"),
    story_up="Start-ups multiply.",
    story_down="Start-ups dwindle.",
    story_up_ja="スタートアップが増えていきます。",
    story_down_ja="スタートアップが減っていきます。",
)
YEARS = [2020.0, 2021.0, 2022.0, 2023.0, 2024.0]


def _period(a: float, b: float, loops: tuple[str, ...], pol: str = "reinforcing") -> Period:
    return Period(start=a, end=b, loops=loops, polarity=pol, sentence="", sentence_ja="")


@pytest.mark.parametrize(
    ("series", "en", "ja"),
    [
        ([100, 200, 400, 800, 1600], "Start-ups multiply.", "スタートアップが増えていきます。"),
        ([1600, 800, 400, 200, 100], "Start-ups dwindle.", "スタートアップが減っていきます。"),
        ([500, 501, 500, 502, 501], "Startups and successes feed each other.", "互いを強めます"),
    ],
)
def test_the_story_follows_the_stock(series: list[float], en: str, ja: str) -> None:
    (p,) = tell(
        [_period(2020, 2024, ("R2 fear of failure",))], [STARTUPS], YEARS, {"ai_startups": series}
    )
    assert p.text_en.startswith(en) and ja in p.text_ja
    assert p.title_en == "The “fear of failure” loop leads" and p.kind == "reinforcing"
    # the run's own values, in plain numbers with units, at the period's ends
    assert f"{plain_number(series[0], 'en')} companies in 2020" in p.text_en
    assert f"2024年に{plain_number(series[-1], 'ja')}社" in p.text_ja


def test_unnamed_and_quiet_periods_carry_no_engine_ids() -> None:
    periods = [
        _period(2000, 2012, (), ""),
        _period(2012, 2020, ("r27 (loop through ai specialists domestic)",)),
        _period(2020, 2024, ("b3 (ai startups → …)",)),
    ]
    told = tell(periods, [STARTUPS], YEARS, {})
    assert [p.kind for p in told] == ["none", "reinforcing"]  # the two unnamed spans are one
    assert told[1].start == 2012 and told[1].end == 2024
    for p in told:
        for text in (p.title_en, p.text_en, p.title_ja, p.text_ja):
            assert not re.search(r"\b[rbu]\d+\b|_|ai specialists domestic", text), text


def test_contrast_names_the_loop_that_stopped_or_started_leading() -> None:
    label = "R2 fear of failure"
    scenario = [_period(2020, 2024, (label,))]
    baseline = [_period(2020, 2024, ("r9 (other)",))]
    en, ja = contrast(
        scenario,
        baseline,
        [STARTUPS],
        2024,
        {"ai_startups": [100, 1600]},
        {"ai_startups": [100, 300]},
    )
    assert en[0] == "The “fear of failure” loop now leads 2020–2024 (never in the baseline)."
    assert ja[0].startswith("「失敗への恐れ」のループが2020〜2024年に主導します")
    assert en[1] == "AI start-ups in 2024: 1,600 companies, against 300 companies in the baseline."
    en, _ = contrast(baseline, scenario, [STARTUPS], 2024, {}, {})
    assert en[0].startswith("The “fear of failure” loop no longer leads")
    en, _ = contrast(scenario, scenario, [STARTUPS], 2024, {}, {})
    assert en == ["The same loops lead in the same years as in the baseline."]


@pytest.mark.parametrize(
    ("v", "lang", "text"),
    [
        (12900, "en", "12,900"),
        (0.000833, "en", "0.000833"),
        (1.29e8, "en", "129 million"),
        (3.4e9, "en", "3.4 billion"),
        (53570, "ja", "5.36万"),
        (3.4e9, "ja", "34億"),
        (0, "en", "0"),
    ],
)
def test_plain_numbers_have_no_e_notation(v: float, lang: str, text: str) -> None:
    assert plain_number(v, lang) == text


def test_every_named_loop_of_japan_tells_its_state_in_both_languages() -> None:
    model = doomloop.load_model("japan")
    for lp in named_loops(model):
        assert lp.state in model.variable_names, lp.id
        assert lp.story_up and lp.story_down and lp.story_up_ja and lp.story_down_ja, lp.id
        assert lp.state_en and lp.state_ja, lp.id
