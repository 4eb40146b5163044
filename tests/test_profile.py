"""The profile: one place for levers, headline outputs, verdicts, graphs and their labels."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

import doomloop
from doomloop import summary
from doomloop.engine import MODELS_DIR
from doomloop.errors import ProfileError
from doomloop.profile import Profile, load_profile

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
COUNTRIES = ["japan", "india", "usa", "uk", "korea"]


@pytest.mark.parametrize("name", COUNTRIES)
def test_every_shipped_profile_names_only_what_its_model_has(name: str) -> None:
    m = doomloop.load_model(name)
    prof = m.profile.check(m.parameters, m.variable_names)
    assert prof.country is not None and prof.country.name.en and prof.country.name.ja
    assert 10 <= len(prof.graphs) <= 15
    # every policy parameter of the table belongs to exactly one lever of the profile
    policy = {p.name for p in m.parameters.in_group("policy")}
    assert {p for lv in prof.levers.values() for p in lv.parameters} == policy
    # each lever's cost variable is a term of the total the ledger reads
    for lid, lever in prof.levers.items():
        assert lever.cost in m.variable_names, lid


def test_countries_are_named_once_and_match_the_data() -> None:
    """figures.csv and the WPP files spell the countries differently: the profile names the
    country in both languages, in figures.csv and in WPP (the builder reads `wpp`)."""
    figures = (ROOT / "src" / "doomloop" / "data" / "figures.csv").read_text(encoding="utf-8")
    wpp = "".join(
        p.read_text(encoding="utf-8", errors="replace")[:200_000]
        for p in (ROOT / "src" / "doomloop" / "data" / "wpp2024").glob("*.csv")
    )
    for name in COUNTRIES:
        country = load_profile(MODELS_DIR / name).country
        assert country is not None
        assert f",{country.figures}," in figures, name
        assert country.wpp and f"\n{country.wpp}," in wpp, name


def _write(tmp: Path, text: str) -> Path:
    path = tmp / "profile.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_bad_profile_is_refused_naming_the_file_and_key(tmp_path: Path) -> None:
    with pytest.raises(ProfileError, match=r"profile.toml: levers.x.colour: Extra inputs"):
        load_profile(_write(tmp_path, '[levers.x]\nlabel = {en="x", ja="x"}\ncolour = 1\n'))
    with pytest.raises(ProfileError, match="not valid TOML"):
        load_profile(_write(tmp_path, "[levers\n"))
    with pytest.raises(ProfileError, match="does not exist"):
        load_profile(_write(tmp_path, 'extends = "nowhere.toml"\n'))
    m = doomloop.load_model("japan")
    bad = m.profile.model_copy(
        update={
            "levers": {
                **m.profile.levers,
                "typo": m.profile.levers["visa"].model_copy(
                    update={"cost_parameters": ("visa_cots_usd",)}
                ),
            }
        }
    )
    with pytest.raises(ProfileError, match="visa_cots_usd.*Did you mean: visa_cost_usd"):
        bad.check(m.parameters)
    narrow = m.profile.levers["pay_reform"].controls[0].slider.model_copy(update={"max": 9.0})
    wide = m.profile.levers["pay_reform"].model_copy(
        update={
            "controls": (
                m.profile.levers["pay_reform"].controls[0].model_copy(update={"slider": narrow}),
            )
        }
    )
    with pytest.raises(ProfileError, match="leaves its possible range"):
        m.profile.model_copy(update={"levers": {"pay_reform": wide}}).check(m.parameters)
    with pytest.raises(ProfileError, match="names output 'nope'"):
        m.profile.model_copy(update={"headline": ("nope",)}).check(m.parameters, m.variable_names)
    lever = (
        '[levers.x]\nlabel = {en="x", ja="x"}\n[[levers.x.controls]]\nparameter = "p"\n'
        'unit = {en="", ja=""}\nslider = {min = 0, max = 1, step = 0.1}\n'
    )
    with pytest.raises(ProfileError, match="mark high = 2 is outside its slider 0 to 1"):
        load_profile(_write(tmp_path, lever + "marks = {status_quo = 0, low = 0.5, high = 2}\n"))
    with pytest.raises(ProfileError, match="views.graphs names output 'nope'"):
        m.profile.model_copy(
            update={"views": m.profile.views.model_copy(update={"graphs": ("nope",)})}
        ).check(m.parameters, m.variable_names)
    import dataclasses

    unnamed = {
        **m.parameters,
        "pay_reform_target": dataclasses.replace(m.parameters["pay_reform_target"], label_ja=""),
    }
    with pytest.raises(ProfileError, match="'pay_reform_target' is shown by name but has no"):
        m.profile.check(unnamed)  # type: ignore[arg-type]
    first = m.profile.assumptions[0]
    for name, why in (
        ("talent_concentratoin_base", "Did you mean"),
        ("pay_reform_target", "a policy parameter"),
    ):
        renamed = first.model_copy(update={"parameter": name})
        with pytest.raises(ProfileError, match=f"assumptions names.*{why}"):
            m.profile.model_copy(update={"assumptions": (renamed,)}).check(m.parameters)


def test_a_sixth_country_is_a_folder_of_data_and_a_profile(tmp_path: Path) -> None:
    """No Python changes: copy a model folder, write a profile that extends the shared one."""
    folder = tmp_path / "atlantis"
    shutil.copytree(MODELS_DIR / "korea", folder, ignore=shutil.ignore_patterns("profile.toml"))
    shutil.copytree(MODELS_DIR / "structure", tmp_path / "structure")  # the family's metadata
    base = os.path.relpath(MODELS_DIR / "profile-base.toml", folder)
    (folder / "profile.toml").write_text(
        f'extends = "{base}"\n[country]\nname = {{ en = "Atlantis", ja = "アトランティス" }}\n'
        "[costs]\nbite_gap = 0.1\n",
        encoding="utf-8",
    )
    m = doomloop.load_model(folder)
    assert m.profile.country_name("ja") == "アトランティス"
    assert m.profile.costs.bite_gap == 0.1 and m.profile.costs.bite_index == 0.05  # merged
    frame = m.run(variables=list(m.outputs))
    table = summary.key_table(frame, m.profile)
    assert "Gap to the frontier in training compute (orders of magnitude)" in table.index
    assert set(summary.verdicts(frame, 2060, m.profile)) == set(m.profile.verdict_outputs)


def test_a_model_without_a_profile_falls_back_to_its_stocks(tmp_path: Path) -> None:
    m = doomloop.load_model(FIXTURES / "logistic" / "model.xmile")
    assert m.profile.source == "" and m.profile.verdicts is None
    assert m.outputs == m.stocks and m.stocks
    frame = m.run()
    assert list(summary.key_table(frame, m.profile, years=[0, 10]).index) == list(m.stocks)
    assert summary.verdicts(frame, 10, m.profile) == {}
    assert summary.plot_panel({"base": frame}, tmp_path / "p.png", m.profile).exists()
    # policy parameters become levers grouped by sector (the one place that convention lives)
    policy = [p.name for p in m.parameters.in_group("policy") if p.units.strip() != "year"]
    assert set(m.profile.control_parameters) == set(policy)


def test_headline_names_live_in_the_profile_not_in_code() -> None:
    """The headline and verdict outputs appear in at most two code files outside the model
    folders. The builder (tools/build_models.py) writes their equations until those move
    to the model's sector files."""
    prof = load_profile(MODELS_DIR / "japan")
    names = {*prof.headline, *prof.verdict_outputs}
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, sorted(names))) + r")\b")
    files = [
        p
        for p in [*(ROOT / "src").rglob("*"), *(ROOT / "tools").rglob("*")]
        if p.suffix in (".py", ".js", ".html") and "models" not in p.relative_to(ROOT).parts[:3]
    ]
    hits = sorted(
        str(p.relative_to(ROOT)) for p in files if pattern.search(p.read_text(encoding="utf-8"))
    )
    assert len(hits) <= 2, hits
    assert "tools/build_models.py" in hits or len(hits) <= 1


def test_one_threshold_with_its_reason() -> None:
    prof = load_profile(MODELS_DIR / "japan")
    assert (
        isinstance(prof, Profile) and prof.threshold == 0.5 and "midpoint" in prof.verdicts.reason
    )
    code = [p for p in (ROOT / "src" / "doomloop").rglob("*.py")]
    written = [str(p) for p in code if re.search(r">= ?0\.5\b", p.read_text(encoding="utf-8"))]
    assert not written, f"a verdict threshold written in code: {written}"
