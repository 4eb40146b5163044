"""Structure: units, undefined, circular and unused variables."""

from __future__ import annotations

from pathlib import Path

import pytest
from checkkit import SAFE_PARAMETERS, logistic_xml, write_model

from doomloop import ModelFileError, load_model
from doomloop.check.structure import check_structure, unused_variables


def test_clean_model_passes(logistic: Path) -> None:
    sec = check_structure(load_model(logistic, strict=False))
    assert sec.status == "pass"
    assert {f.test for f in sec.findings} == {"units", "undefined", "unused"}


def test_unit_mismatch_fails_and_names_variable(tmp_path: Path) -> None:
    xml = logistic_xml(**{"<units>1/year</units>": "<units>widgets</units>"})
    path = write_model(tmp_path / "m", xml, SAFE_PARAMETERS)
    sec = check_structure(load_model(path, strict=False))
    fails = [f for f in sec.findings if f.test == "units" and f.status == "fail"]
    assert fails and any("net_growth" in f.message and "widgets" in f.message for f in fails)


def test_model_without_units_warns(tmp_path: Path) -> None:
    xml = logistic_xml(
        **{
            "<units>people</units><doc>Logistic": "<doc>Logistic",
            "<units>people/year</units>": "",
            "<units>1/year</units>": "",
            "<units>people</units><doc>Carrying": "<doc>Carrying",
            "<units>people</units><doc>P0": "<doc>P0",
        }
    )
    sec = check_structure(load_model(write_model(tmp_path / "m", xml), strict=False))
    units = [f for f in sec.findings if f.test == "units"]
    assert [f.status for f in units] == ["warn"]


def test_unused_variable_warns(tmp_path: Path) -> None:
    extra = (
        '<aux name="orphan"><eqn>5</eqn><units>people</units></aux>'
        '<aux name="dangling"><eqn>orphan * 2</eqn><units>people</units></aux></variables>'
    )
    path = write_model(tmp_path / "m", logistic_xml(**{"</variables>": extra}))
    model = load_model(path, strict=False)
    assert unused_variables(model) == ["dangling"]
    sec = check_structure(model)
    assert sec.status == "warn"
    assert any("'dangling'" in f.message for f in sec.findings if f.status == "warn")


def test_undefined_variable_is_refused_at_load_naming_it(tmp_path: Path) -> None:
    xml = logistic_xml(**{"growth_rate * population": "growth_rate * population * mystery"})
    path = write_model(tmp_path / "m", xml)
    with pytest.raises(ModelFileError, match="mystery") as info:
        load_model(path, strict=False)
    assert "net growth" in str(info.value) or "net_growth" in str(info.value)


def test_circular_definition_is_refused_at_load(tmp_path: Path) -> None:
    xml = logistic_xml(**{"<eqn>1000</eqn>": "<eqn>initial_population + carrying_capacity</eqn>"})
    with pytest.raises(ModelFileError, match="circular"):
        load_model(write_model(tmp_path / "m", xml), strict=False)


def test_missing_definition_is_refused(tmp_path: Path) -> None:
    xml = logistic_xml(**{"<eqn>0.3</eqn>": "<eqn></eqn>"})
    with pytest.raises(ModelFileError, match="growth"):
        load_model(write_model(tmp_path / "m", xml), strict=False)


def test_variable_read_by_a_check_is_not_unused(tmp_path: Path) -> None:
    from doomloop.check import parse_checks, run_checks

    extra = '<aux name="report"><eqn>population * 2</eqn><units>people</units></aux></variables>'
    path = write_model(tmp_path / "m", logistic_xml(**{"</variables>": extra}), SAFE_PARAMETERS)
    model = load_model(path, strict=False)
    assert run_checks(model).section("structure").status == "warn"
    checks = parse_checks('[[check]]\nname = "r"\nexpect = "report stays >= 0"\n', model, "c")
    assert run_checks(model, checks).section("structure").status == "pass"
