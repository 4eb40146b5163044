"""Family-member results: 'not available' until doomloop.analysis.family exists."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest

from doomloop import load_model
from doomloop.check.family import check_family
from doomloop.engine import MODELS_DIR, available_models


def test_foreign_model_skips(logistic: Path) -> None:
    sec = check_family(load_model(logistic, strict=False))
    assert sec.status == "skip" and "not a doomloop model" in sec.findings[0].message


@pytest.mark.skipif("japan" not in available_models(), reason="the Japan model is not shipped")
def test_shipped_model_reports_not_available_or_results(monkeypatch: pytest.MonkeyPatch) -> None:
    model = load_model(MODELS_DIR / "japan" / "model.xmile", strict=False)
    monkeypatch.setitem(sys.modules, "doomloop.analysis.family", None)  # import fails
    sec = check_family(model)
    assert sec.status == "skip" and "not available" in sec.findings[0].message

    fake = types.ModuleType("doomloop.analysis.family")
    fake.family_member_results = lambda m: [  # type: ignore[attr-defined]
        {"member": "korea", "status": "pass"},
        {"member": "uk", "status": "fail"},
    ]
    monkeypatch.setitem(sys.modules, "doomloop.analysis.family", fake)
    sec = check_family(model)
    assert sec.status == "fail"
    assert sec.tables[0].columns == ["member", "status"] and len(sec.tables[0].rows) == 2
