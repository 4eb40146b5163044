"""Family-member results in the model card."""

from __future__ import annotations

from pathlib import Path

import pytest

from doomloop import load_model
from doomloop.analysis import family
from doomloop.check.family import check_family
from doomloop.engine import MODELS_DIR


def test_foreign_model_skips(logistic: Path) -> None:
    sec = check_family(load_model(logistic, strict=False))
    assert sec.status == "skip" and "not a doomloop model" in sec.findings[0].message


def test_a_failing_member_fails_the_section(monkeypatch: pytest.MonkeyPatch) -> None:
    model = load_model(MODELS_DIR / "japan" / "model.xmile", strict=False)
    rows = [
        family.FamilyResult("korea", 1.0, 10, 0.03, 3, "pass"),
        family.FamilyResult("uk", 9.0, 10, 0.9, 2, "fail"),
    ]
    monkeypatch.setattr(family, "family_member_results", lambda m: rows)
    sec = check_family(model)
    assert sec.status == "fail"
    assert len(sec.tables[0].rows) == 2 and "member" in sec.tables[0].columns
