"""The Japan page's sources in Japanese (issue 18): every parameter the page shows with a
detail view has its source in Japanese in data/sources_ja.toml, for the source's text as it is
now in values.csv, written without stray English, e-notation, variable names or half-width
punctuation; a malformed table is refused before any work.

The page itself (its Japanese view, with every detail view open) is scanned for stray English
by tests/web/test_japan_page.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from japanese_words import JA_LATIN_OK, SOURCE_NAMES, stray_english

from doomloop.engine import load_model
from doomloop.errors import DataError
from doomloop.web.sources_ja import (
    SHOWN_GROUPS,
    SOURCES_JA,
    japanese_sources,
    source_ja,
    untranslated_sources,
)

SNAKE = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")
ENOTE = re.compile(r"\b\d+(?:\.\d+)?e[+-]?\d+\b", re.IGNORECASE)
# Half-width punctuation where Japanese uses full-width: brackets, semicolons, a comma or a
# colon before a space (a comma between digits, 1,000, is how Japanese writes numbers too).
HALF_WIDTH = re.compile(r"[();]|, |: ")
# English number units (788k, JPY 10tn, USD 6.6bn) where Japanese writes 万, 億, 兆.
EN_UNITS = re.compile(r"\d(?:k|m|bn|tn)\b")


@pytest.fixture(scope="module")
def table():
    return load_model("japan").parameters


def test_every_source_the_japan_page_shows_has_its_japanese(table) -> None:
    missing = untranslated_sources(table)
    assert len([p for p in table.values() if p.group in SHOWN_GROUPS]) > 150
    lines = []
    for name, source, old in missing:
        why = (
            "has no entry"
            if old is None
            else f"has an entry for an earlier text of the source:\n    was: {old!r}"
        )
        lines.append(
            f"japan/values.csv row {name!r}: {SOURCES_JA.name} {why}\n"
            f"    now: {source!r}\n"
            f"  fix: in src/doomloop/data/{SOURCES_JA.name}, set [{name}] en to the source "
            "column's text word for word and write ja in Japanese (see the file's header)"
        )
    assert not lines, f"{len(lines)} sources without Japanese:\n" + "\n".join(lines)


def test_the_japanese_sources_read_as_japanese() -> None:
    allowed = JA_LATIN_OK | SOURCE_NAMES
    bad = []
    for name, (_, ja) in japanese_sources().items():
        faults = []
        if stray := stray_english(ja, allowed):
            faults.append("English words " + ", ".join(sorted(stray)))
        if SNAKE.search(ja):
            faults.append("a variable name " + SNAKE.search(ja).group())  # type: ignore[union-attr]
        if ENOTE.search(ja):
            faults.append("e-notation (write 2.1×10²⁵)")
        if m := HALF_WIDTH.search(ja):
            faults.append(f"half-width {m.group()!r} (write （）、；：)")
        if m := EN_UNITS.search(ja):
            faults.append(f"an English number unit {m.group()!r} (write 万, 億, 兆)")
        if not ja.endswith("。"):
            faults.append("no closing 。")
        if faults:
            bad.append(f"[{name}]: {'; '.join(faults)}")
    assert not bad, "\n".join(bad)


def test_every_entry_names_a_parameter_of_a_shipped_model(table) -> None:
    # an entry whose parameter was renamed or removed would be kept for nothing
    names = set(table) | set(load_model("japan-vlsi").parameters)
    assert sorted(set(japanese_sources()) - names) == []


def test_a_changed_source_falls_back_to_its_english(table) -> None:
    p = table["pay_norm"]
    assert source_ja("pay_norm", p.source) is not None
    assert source_ja("pay_norm", p.source + " (revised)") is None
    assert source_ja("not_a_parameter", p.source) is None


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ('[a]\nen = "x"\n', "exactly two non-empty strings"),
        ('[a]\nen = "x"\nja = ""\n', "exactly two non-empty strings"),
        ("[a\n", "cannot read"),
    ],
)
def test_a_malformed_table_is_refused_saying_where(tmp_path: Path, text: str, says: str) -> None:
    path = tmp_path / "sources_ja.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError, match=says) as info:
        japanese_sources(path)
    assert str(path) in str(info.value)
