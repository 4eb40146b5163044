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


XMILE_NS = {"x": "http://docs.oasis-open.org/xmile/ns/XMILE/v1.0"}


def variables_without_units(path: Path) -> list[str]:
    """Stocks, flows and auxiliaries of a model file that declare no ``<units>``."""
    import xml.etree.ElementTree as ET

    root = ET.parse(path).getroot()
    return [
        e.get("name", "?")
        for kind in ("stock", "flow", "aux")
        for e in root.iterfind(f".//x:variables/x:{kind}", XMILE_NS)
        if not (e.findtext("x:units", default="", namespaces=XMILE_NS) or "").strip()
    ]


def test_a_variable_without_units_is_found(tmp_path: Path) -> None:
    model = tmp_path / "m.xmile"
    model.write_text(
        f'<xmile xmlns="{XMILE_NS["x"]}"><model><variables>'
        '<aux name="a"><eqn>1</eqn><units>dmnl</units></aux>'
        '<aux name="b"><eqn>2</eqn></aux>'
        "</variables></model></xmile>",
        encoding="utf-8",
    )
    assert variables_without_units(model) == ["b"]


@pytest.mark.parametrize("path", sorted(MODELS.glob("*/model.xmile")), ids=lambda p: p.parent.name)
def test_every_variable_of_shipped_models_declares_units(path: Path) -> None:
    """Dimensionless variables say ``dmnl`` (XMILE 1.0's alias of dimensionless), so a unit
    checker can tell them from undeclared ones: declaring them found two real unit errors."""
    assert variables_without_units(path) == []
