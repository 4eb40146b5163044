"""English and Japanese: every label in both, every parameter of the Japan model in Japanese."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from doomloop.engine import MODELS_DIR, load_model
from doomloop.profile import load_profile

KEY_OUTPUTS = load_profile(MODELS_DIR / "japan").key_outputs

WEB = Path(__file__).resolve().parents[2] / "src" / "doomloop" / "web"
STATIC = WEB / "static"


def _load(lang: str) -> dict[str, str]:
    data = json.loads((STATIC / "i18n" / f"{lang}.json").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_both_languages_have_the_same_keys_and_no_empty_text() -> None:
    en, ja = _load("en"), _load("ja")
    assert set(en) == set(ja)
    assert all(isinstance(v, str) and v for v in [*en.values(), *ja.values()])


def test_every_label_of_the_page_is_translated() -> None:
    html = (STATIC / "index.html").read_text(encoding="utf-8")
    js = "".join((STATIC / f).read_text(encoding="utf-8") for f in ("app.js", "format.js"))
    keys = set(re.findall(r'data-i18n(?:-label)?="([^"]+)"', html))
    keys |= set(re.findall(r'\bt\("([a-z_0-9.]+)"', js))
    en, ja = _load("en"), _load("ja")
    keys = {k for k in keys if not k.endswith(".")}  # prefixes of computed keys
    missing = sorted(k for k in keys if k not in en or k not in ja)
    assert not missing, f"add these keys to static/i18n/en.json and ja.json: {missing}"


def test_every_key_output_is_named_once_in_both_languages() -> None:
    """In the profile (what the CLI, the report and the page read), not again in the page's
    strings."""
    en, ja = _load("en"), _load("ja")
    prof = load_model("japan").profile
    jp = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
    for name in KEY_OUTPUTS:
        label = prof.outputs[name].label
        assert label.en and jp.search(label.ja), name
        assert f"out.{name}" not in en and f"out.{name}" not in ja, name


@pytest.mark.parametrize("name", ["japan", "india", "korea", "uk", "usa"])
def test_every_unit_word_of_a_model_is_translated(name: str) -> None:
    en, ja = _load("en"), _load("ja")
    symbols = {"1", "FLOP", "H100e"}  # read the same in both languages
    words = {w for p in load_model(name).parameters.values() for w in p.units.split("/")}
    missing = sorted(w for w in words - symbols if f"unit.{w}" not in en or f"unit.{w}" not in ja)
    assert not missing, f"add unit.<word> to static/i18n/en.json and ja.json for: {missing}"


def test_japanese_labels_are_japanese() -> None:
    ja = _load("ja")
    jp = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
    for key in ("levers", "assumptions", "why", "baseline", "current", "band", "achieved"):
        assert jp.search(ja[key]), key


def test_every_parameter_of_the_japan_model_has_a_japanese_entry() -> None:
    if not (MODELS_DIR / "japan").is_dir():
        pytest.skip("the Japan model (src/doomloop/models/japan) has not landed on this branch")
    model = load_model("japan")
    _check_japanese(model.parameters)


@pytest.mark.parametrize("name", ["india", "korea", "uk", "usa"])
def test_every_parameter_of_the_other_country_models_has_a_japanese_entry(name: str) -> None:
    if not (MODELS_DIR / name).is_dir():
        pytest.skip(f"no shipped model '{name}' on this branch")
    _check_japanese(load_model(name).parameters)


def _check_japanese(parameters: object) -> None:
    params = list(parameters.values())  # type: ignore[attr-defined]
    missing = [p.name for p in params if not p.label_ja]
    assert not missing, f"add Japanese names (label_ja) to the parameter table for: {missing}"
    no_meaning = [p.name for p in params if not p.note_ja]
    assert not no_meaning, (
        f"add Japanese meanings (note_ja) to the parameter table for: {no_meaning}"
    )


def test_every_sector_of_the_japan_model_has_a_name_in_both_languages() -> None:
    if not (MODELS_DIR / "japan").is_dir():
        pytest.skip("the Japan model (src/doomloop/models/japan) has not landed on this branch")
    en, ja = _load("en"), _load("ja")
    sectors = {p.sector for p in load_model("japan").parameters.values() if p.group != "data"}
    missing = sorted(s for s in sectors if f"sector.{s}" not in en or f"sector.{s}" not in ja)
    assert not missing, f"add sector.<name> to static/i18n/en.json and ja.json for: {missing}"
