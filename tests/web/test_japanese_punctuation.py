"""Japanese text as a Japanese reader expects it: full-width brackets and marks, です/ます.

Every Japanese string of the profiles, loops, links, loop diagram, scenarios, page strings,
Japanese sources and variable names, the parameter tables' Japanese names and meanings, and the
Japanese literals of the page's scripts and the sentence-writing Python
(tests/web/japanese_text.py collects them) is checked for half-width ( ) % ? ! : , where
Japanese writes （）％？！：、, and for sentences in the plain form (…する。, …である。)
among the polite ones. The last tests show the checks failing on the text as it was before
they existed (issue 18).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from japanese_text import (
    code_strings,
    japanese_strings,
    plain_sentences,
    punctuation_faults,
    toml_strings,
)

STRINGS = japanese_strings()


def test_the_japanese_strings_are_all_found() -> None:
    where = {w.split(":")[0].split(".")[0] for w, _ in STRINGS}
    names = ("profile-base", "loops", "links", "loop_diagram", "sources_ja", "ja", "app")
    for name in (*names, "parameters"):
        assert name in where, name
    # both parameter tables: the family's and the hardware extension's
    found = {w for w, _ in STRINGS}
    for w in (
        "fertility_multiplier.label_ja",
        "fertility_multiplier.note_ja",
        "dram_start_year.note_ja",
    ):
        assert f"parameters.csv:{w}" in found, w
    assert len(STRINGS) > 1200


def test_japanese_text_writes_its_punctuation_full_width() -> None:
    faults = [(w, f) for w, s in STRINGS for f in punctuation_faults(s)]
    assert not faults, (
        "write （） ％ ？ ！ ： 、 in Japanese text (a source id keeps its letters: （S92））: "
        f"{faults[:20]}"
    )


def test_japanese_sentences_are_polite() -> None:
    plain = [(w, p) for w, s in STRINGS for p in plain_sentences(s)]
    assert not plain, f"end these sentences in です/ます: {plain[:20]}"


# ------------------------------------------------------------- the checks fail on the old text
OLD_PUNCTUATION = [
    "年(2010〜2024年の伸びで)",  # profile-base.toml, frontier_gap_years' unit
    "Epoch(S92)によれば、最良の公開モデルは",  # the specialised layer's reason
    "DRAM競争(超LSIバックテスト)",  # ja.json, sector.hardware
    "2025年の普及率(企業の55%、S19)では",
    "すべての政策を同時に行ったら?",
    "仮定:推計の誤差は基準年にはゼロです。",
    "DRAMバックテストの定数(アンサンブルでは固定)。",  # hardware/parameters.csv, every note_ja
    "5〜95%の範囲は確率区間ではなくシナリオの幅です。",  # parameters.csv, fertility_multiplier
    "妥当な範囲(5〜95%)",  # the detail view's range, as the issue found it
    "人口 (3)",  # a sector's drawer and its count (app.js)
    "頭脳流出 (自己強化型)",  # a loop's name in the diagram (loops.js)
]
OLD_PLAIN = [
    "米国より大幅に低い報酬が専門人材を海外へ押し出す。",  # loops.toml, R1's story
    "明治政府のお雇い外国人と同じである。",
    "AIスタートアップが少なければ目に見える成功も少ない。",
    "報酬が上がれば国内に残る人材が増え、不足は和らぐ。",
    "輸入し、学び、習得し、追い越す。2026年から10年間招聘します。",
    "米国で博士号を取る日本人は45％減りました（移動は少ない）。",
    "単位定数。これより少ない人数の取り組みは学習を行えない。",  # parameters.csv, one_person
]
GOOD = [
    "年（2010〜2024年の伸びで換算）",
    "Epoch（S92）によれば、最良の公開モデルはほぼ同じくらい広く使われています。",
    "2010〜2024年に年4.6倍でした。",
    "仮定：エッセイ：「ジェネラリストを学習部門に異動させて回すことはできない」。",
    "S92 Epoch AI（『How far behind are open models?』（公開モデルはどれだけ遅れているか））。",
    "明治政府のお雇い外国人と同じです。",
    "ブラウザがリンクのコピーを許可しませんでした。アドレスバーからコピーしてください。",
    "能力が十分に高まったので採用は止まり、専門家は帰国します。",
    "WPP経路の年齢別死亡率すべてに掛ける倍率です（それ以前は観測データ）。",
    "USD 13bn (S38)",  # no Japanese: not a Japanese string
    "妥当な範囲（5〜95％）",
    "2025年の普及率（企業の55％、S19）では",
]


@pytest.mark.parametrize("text", OLD_PUNCTUATION)
def test_the_punctuation_check_fails_on_the_old_text(text: str) -> None:
    assert punctuation_faults(text), text


@pytest.mark.parametrize("text", OLD_PLAIN)
def test_the_register_check_fails_on_the_old_text(text: str) -> None:
    assert plain_sentences(text), text


@pytest.mark.parametrize("text", GOOD)
def test_the_checks_pass_good_text(text: str) -> None:
    assert not plain_sentences(text), text
    if any(ord(c) > 0x3000 for c in text):
        assert not punctuation_faults(text), text


def test_the_checks_read_a_file_as_it_was(tmp_path: Path) -> None:
    """A profile and a script with the old text fail; their interpolations are code."""
    profile = tmp_path / "profile.toml"
    profile.write_text(
        "[outputs.frontier_gap_years]\n"
        'unit = { en = "years of 2010-2024 progress", ja = "年(2010〜2024年の伸びで)" }\n'
        '[[loop]]\nstory = "Pay pushes specialists abroad."\n'
        'story_ja = """米国より低い報酬が専門人材を海外へ押し出す。"""\n',
        encoding="utf-8",
    )
    strings = toml_strings(profile)
    assert [w for w, _ in strings] == [
        "profile.toml.outputs.frontier_gap_years.unit.ja",
        "profile.toml.loop[0].story_ja",
    ]
    assert punctuation_faults(strings[0][1]) and plain_sentences(strings[1][1])
    script = tmp_path / "stories.py"
    script.write_text(
        "x = f\"{lead.state_ja}は{a:g}年に{_value(v0, lead, 'ja')}です。\"\n"
        'y = f"{loop}はもう主導しません(ベースラインでは{_spans(b, lang)}に主導)。"\n',
        encoding="utf-8",
    )
    (first, a), (second, b) = code_strings(script)
    assert not punctuation_faults(a), a  # the parentheses of a call are code
    assert punctuation_faults(b), b
