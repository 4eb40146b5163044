"""The model builder: structure files in, checked XMILE out; the walks a modeller takes."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MODELS = ROOT / "src" / "doomloop" / "models"
sys.path.insert(0, str(ROOT / "tools"))

import build_models  # noqa: E402
from structure import StructureError, read_sector  # noqa: E402


def _family(tmp_path: Path, *countries: str) -> Path:
    """A copy of the structure and of some country folders, to edit."""
    models = tmp_path / "models"
    shutil.copytree(MODELS / "structure", models / "structure")
    for c in countries:
        (models / c).mkdir(parents=True)
        for f in ("profile.toml", "values.csv"):
            shutil.copy(MODELS / c / f, models / c / f)
    return models


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_an_unknown_name_is_refused_with_file_and_line(tmp_path: Path) -> None:
    models = _family(tmp_path, "japan")
    pay = models / "structure" / "03-pay.toml"
    _edit(pay, "pay_adjustment_time", "pay_adjustmnet_time")
    lines = pay.read_text(encoding="utf-8").splitlines()
    head = lines.index("[pay_change]")
    line = next(i for i in range(head, len(lines)) if lines[i].startswith("equation")) + 1
    with pytest.raises(StructureError) as err:
        build_models.build("japan", models)
    msg = str(err.value)
    assert f"{pay}:{line}: 'pay_change' uses 'pay_adjustmnet_time'" in msg


def test_a_bad_field_is_refused_by_its_schema(tmp_path: Path) -> None:
    models = _family(tmp_path)
    pay = models / "structure" / "03-pay.toml"
    _edit(pay, 'kind = "flow"', 'kind = "flwo"')
    with pytest.raises(StructureError, match=r"03-pay.toml:\d+: variable 'pay_change', field kind"):
        read_sector(pay)


def test_a_lookup_names_a_data_file_and_belongs_to_an_aux(tmp_path: Path) -> None:
    dram = tmp_path / "11-dram.toml"
    shutil.copy(MODELS / "structure" / "hardware" / "11-dram.toml", dram)
    yen = read_sector(dram).variables["dram_yen"]
    assert yen.lookup == "fx/jpy_per_usd_annual.csv"
    _edit(dram, 'lookup = "fx/jpy_per_usd_annual.csv"', 'lookup = "fx/no_such.csv"')
    with pytest.raises(StructureError, match=r"variable 'dram_yen', field .*no such file"):
        read_sector(dram)
    _edit(dram, 'lookup = "fx/no_such.csv"', 'lookup = "fx/jpy_per_usd_annual.csv"')
    _edit(dram, '[dram_yen]\nkind = "aux"', '[dram_yen]\nkind = "flow"')
    with pytest.raises(StructureError, match=r"variable 'dram_yen', .*only an aux reads a lookup"):
        read_sector(dram)


def test_a_variable_defined_twice_is_refused_naming_both(tmp_path: Path) -> None:
    models = _family(tmp_path, "japan")
    (models / "structure" / "99-extra.toml").write_text(
        'title = "x"\ndoc = "x"\n\n[pay_change]\nkind = "aux"\nunits = "dmnl"\n'
        'equation = "1"\ndoc = "again"\n',
        encoding="utf-8",
    )
    with pytest.raises(StructureError, match=r"defined twice: pay_change \(.*99-extra.toml:4\)"):
        build_models.build("japan", models)


def test_pysimlin_refuses_what_it_cannot_read() -> None:
    text = build_models.build("japan").replace(
        "<eqn>it_workers / it_career_length</eqn>", "<eqn>it_workers / (it_career_length</eqn>"
    )
    with pytest.raises(SystemExit, match="it_exits"):
        build_models.check_in_pysimlin("japan", text)


def test_change_one_equation_touches_one_file(tmp_path: Path) -> None:
    models = _family(tmp_path, "japan")
    _edit(
        models / "structure" / "02-education.toml",
        "it_workers / it_career_length",
        "it_workers / it_career_length * 2",
    )
    text = build_models.build("japan", models)
    assert "<eqn>it_workers / it_career_length * 2</eqn>" in text


def test_add_a_constant_is_two_tables(tmp_path: Path) -> None:
    models = _family(tmp_path, "japan")
    with (models / "structure" / "parameters.csv").open("a", encoding="utf-8") as fh:
        fh.write(
            "exit_scale,dmnl,assumption,it,normal,0,5,Exit scale,離職の倍率,"
            "Scales IT exits.,IT離職の倍率。\n"
        )
    with (models / "japan" / "values.csv").open("a", encoding="utf-8") as fh:
        fh.write("exit_scale,1,0.8,1.2,assumption: a test,,,\n")
    _edit(
        models / "structure" / "02-education.toml",
        "it_workers / it_career_length",
        "it_workers / it_career_length * exit_scale",
    )
    text = build_models.build("japan", models)
    assert '<aux name="exit_scale">' in text
    assert "Scales IT exits. Source: assumption: a test. Range (5th-95th): 0.8 to 1.2." in text


def test_add_a_country_is_a_folder_of_data(tmp_path: Path) -> None:
    models = _family(tmp_path, "korea")
    (models / "korea").rename(models / "atlantis")
    assert build_models.countries(models) == ["atlantis"]
    text = build_models.build("atlantis", models)
    want = (MODELS / "korea" / "model.xmile").read_text(encoding="utf-8")
    assert text == want.replace("korea", "atlantis")
