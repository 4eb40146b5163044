"""Every shipped model's equations stay within what other XMILE tools read.

SDEverywhere and BPTK-Py reject an IF whose condition joins comparisons with AND or OR;
nested IF THEN ELSE says the same and every tool reads it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import doomloop

MODELS = Path(doomloop.__file__).parent / "models"
IF_CONDITION = re.compile(r"\bIF\b(.*?)\bTHEN\b", re.IGNORECASE | re.DOTALL)


def conditions_with_and_or(xmile: str) -> list[str]:
    """IF conditions joined by AND or OR in a model file's equations."""
    bad = []
    for eqn in re.findall(r"<eqn>(.*?)</eqn>", xmile, re.DOTALL):
        for cond in IF_CONDITION.findall(eqn):
            if re.search(r"\b(AND|OR)\b", cond, re.IGNORECASE):
                bad.append(cond.strip())
    return bad


def test_conditions_with_and_or_are_found() -> None:
    eqn = "<eqn>IF (TIME &gt;= a) AND (TIME &lt; b) THEN 1 ELSE IF c or d THEN 2 ELSE 0</eqn>"
    assert len(conditions_with_and_or(eqn)) == 2
    assert conditions_with_and_or("<eqn>IF a THEN (IF b THEN 1 ELSE 0) ELSE 2</eqn>") == []
    assert conditions_with_and_or("<eqn>IF brand &gt; 0 THEN 1 ELSE 0</eqn>") == []


def test_every_shipped_model_is_found() -> None:
    assert {p.parent.name for p in MODELS.glob("*/model.xmile")} >= {
        "japan",
        "india",
        "usa",
        "uk",
        "korea",
    }


@pytest.mark.parametrize("path", sorted(MODELS.glob("*/model.xmile")), ids=lambda p: p.parent.name)
def test_no_and_or_in_if_conditions_of_shipped_models(path: Path) -> None:
    assert conditions_with_and_or(path.read_text(encoding="utf-8")) == []
