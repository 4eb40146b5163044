"""Every Japanese string a reader meets, from the files that hold them, and the checks of its
punctuation and register (tests/web/test_japanese_punctuation.py runs them).

The files: the profiles' ``ja`` fields (labels, units, reasons, verdicts), the named loops
and links (``*_ja``), the loop diagram, the shipped scenarios, the page's strings
(``static/i18n/ja.json``), the Japanese sources and variable names, and the Japanese string
literals of the page's scripts and of the Python that writes Japanese sentences, and the
parameter tables' Japanese names and meanings (``label_ja`` and ``note_ja`` of
``models/structure/parameters.csv`` and ``models/structure/hardware/parameters.csv``).
"""

from __future__ import annotations

import csv
import json
import re
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

PKG = Path(__file__).resolve().parents[2] / "src" / "doomloop"

JP = r"\u3040-\u30ff\u3400-\u9fff\uff01-\uff5e\u3001-\u303f"
JAPANESE = re.compile(f"[{JP}]")

TOML_FILES = [
    "models/profile-base.toml",
    "models/*/profile.toml",
    "models/*/loops.toml",
    "models/*/links.toml",
    "data/loop_diagram.toml",
    "scenarios/*.toml",
    "data/sources_ja.toml",
]
CODE_FILES = [
    "web/static/app.js",
    "web/static/format.js",
    "web/static/loops.js",
    "analysis/stories.py",
    "analysis/loops.py",
    "analysis/links.py",
    "web/display.py",
    "cli/explain.py",
]


def _walk(node: Any, where: str, ja: bool = False) -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _walk(v, f"{where}.{k}", ja or k == "ja" or k.endswith("_ja"))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _walk(v, f"{where}[{i}]", ja)
    elif isinstance(node, str) and ja:
        yield where, node


def toml_strings(path: Path) -> list[tuple[str, str]]:
    """The Japanese values of a TOML file: every string under a key ``ja`` or ``*_ja``."""
    return list(_walk(tomllib.loads(path.read_text(encoding="utf-8")), path.name))


# A string literal of JavaScript or Python ("...", '...' or `...`) on one line.
LITERAL = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|`(?:[^`\\]|\\.)*`')


#: A template's or f-string's interpolation (code, not text): ``${f(x)}``, ``{_value(v)}``.
INTERPOLATION = re.compile(r"\$?\{[^{}]*\}")


def code_strings(path: Path) -> list[tuple[str, str]]:
    """The string literals of a script that hold Japanese (outside comments and docstrings:
    a line's text after ``//`` or ``#`` at its start is a comment)."""
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        stripped = line.lstrip()
        if stripped.startswith(("//", "#", "*", "/*", '"""', "``")):
            continue
        for m in LITERAL.finditer(line):
            text = INTERPOLATION.sub("{}", m.group(0)[1:-1])
            if JAPANESE.search(text):
                out.append((f"{path.name}:{n}", text))
    return out


def json_strings(path: Path) -> list[tuple[str, str]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return [(f"{path.name}:{k}", v) for k, v in data.items()]


def csv_strings(path: Path, column: str) -> list[tuple[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return [(f"{path.name}:{row['name']}", row[column]) for row in csv.DictReader(f)]


#: The parameter tables (the family's and the hardware extension's) and their Japanese columns.
PARAMETER_TABLES = ["models/structure/parameters.csv", "models/structure/hardware/parameters.csv"]
PARAMETER_COLUMNS = ("label_ja", "note_ja")


def parameter_strings(path: Path) -> list[tuple[str, str]]:
    """The non-empty Japanese name and meaning of every parameter of a table, each as
    (``parameters.csv:<name>.<column>``, its text)."""
    with path.open(encoding="utf-8", newline="") as f:
        return [
            (f"{path.name}:{row['name']}.{column}", row[column])
            for row in csv.DictReader(f)
            for column in PARAMETER_COLUMNS
            if row.get(column)
        ]


def japanese_strings(pkg: Path = PKG) -> list[tuple[str, str]]:
    """Every Japanese string of the package at *pkg*, as (where it is, its text)."""
    out: list[tuple[str, str]] = []
    for pattern in TOML_FILES:
        for path in sorted(pkg.glob(pattern)):
            out += toml_strings(path)
    out += json_strings(pkg / "web" / "static" / "i18n" / "ja.json")
    out += csv_strings(pkg / "data" / "variables_ja.csv", "name_ja")
    for name in PARAMETER_TABLES:
        out += parameter_strings(pkg / name)
    for name in CODE_FILES:
        out += code_strings(pkg / name)
    return [(w, s) for w, s in out if JAPANESE.search(s)]


# ------------------------------------------------------------------------------ the checks
#: A half-width bracket, percent sign, question or exclamation mark, colon or comma where
#: Japanese text uses the full-width one: any ( ) and % in Japanese text (a source id inside
#: keeps its half-width letters: （S92）; a number's percent is ％ too: 5〜95％, 企業の55％),
#: and ? ! : , next to a Japanese character.
#: The title of a work, kept as the original inside 『』 (not checked).
TITLE = re.compile(r"『[^』]*』")
HALF_WIDTH = re.compile(rf"[()%]|(?<=[{JP}])[?!:,]|[?!:,](?=[{JP}])")
#: Quotation marks around Japanese: 「」 in Japanese text.
ASCII_QUOTES = re.compile(rf"[\"“”][^\"“”]*[{JP}][^\"“”]*[\"“”]")


def punctuation_faults(text: str) -> list[str]:
    """The half-width marks of *text* that Japanese writes full-width, each with its context."""
    text = TITLE.sub("『』", text)
    faults = []
    for m in [*HALF_WIDTH.finditer(text), *ASCII_QUOTES.finditer(text)]:
        a, b = max(0, m.start() - 8), m.end() + 8
        faults.append(text[a:b])
    return faults


#: A sentence (up to 。, past closing brackets) that ends in a plain-form verb, adjective or
#: copula: る, た, だ, い, う, く, す (not ます, です), つ, む, ぬ, ぶ, ぐ, or である, and not
#: in a polite form (ました, でした, ください, でしょう, ましょう; ません ends in ん).
_PLAIN_END = re.compile(r"(?:である|[るただいうくつむぬぶぐ]|(?<![まで])す)[）」』]*。")
_POLITE_END = re.compile(r"(?:ました|でした|ください|でしょう|ましょう)[）」』]*。")


def plain_sentences(text: str) -> list[str]:
    """The sentences of *text* (ending in 。) written in the plain form."""
    out = []
    start = 0
    for m in re.finditer("。", text):
        sentence = text[start : m.end()]
        start = m.end()
        if sentence.rstrip("。").endswith("」"):
            continue  # a quotation, in the words of its source
        if _PLAIN_END.search(sentence[-6:]) and not _POLITE_END.search(sentence[-8:]):
            out.append(sentence.strip())
    return out
