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


@pytest.mark.parametrize("member", sorted(family.members()))
def test_every_member_has_its_population_history_from_figures_csv(member: str) -> None:
    from doomloop.analysis.calibration import reference_from_figures
    from doomloop.check import default_reference_path
    from doomloop.check.checksfile import load_checks
    from doomloop.reference import read_reference

    model = load_model(member)
    path = default_reference_path(model)
    assert path is not None, f"{member} has no history.csv: its card cannot check reproduction"
    figures = reference_from_figures(country=family.members()[member])
    wpp = {(r.name, r.year): r.value for r in figures.itertuples()}
    rows = [r for r in read_reference(path, model) if r.name.startswith("population_")]
    groups = {r.name for r in rows}
    assert groups == {
        "population_total",
        "population_0_14",
        "population_15_64",
        "population_65_plus",
    }
    assert len(rows) >= 36
    for r in rows:  # the same numbers as the cited figures (thousands there, people here)
        assert r.value == pytest.approx(wpp[(r.name, r.year)], rel=1e-9), (r.name, r.year)
    checks = load_checks(path.parent / "checks.toml", model)
    assert checks.max_mape is not None and checks.max_mape <= 0.35
