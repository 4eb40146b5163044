"""What each parameter's value rests on (its basis), read from its source, and what the shipped
models' bases say against their own calibration lists and Sobol rankings."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import doomloop
from doomloop.cli import main
from doomloop.parameters import BASES, basis

ROOT = Path(__file__).resolve().parents[1]
COUNTRIES = ["japan", "india", "usa", "uk", "korea", "japan-vlsi"]
SOBOL = sorted((ROOT / "benchmarks" / "results").glob("japan_sobol_*_2040_*.csv"))


@pytest.mark.parametrize(
    ("source", "group", "expected"),
    [
        ("S22 BLS OEWS May 2024 median", "data", "cited"),
        ("essay note [17] JPY 5.69m", "data", "cited"),
        ("assumption: a few percent (S06 lists nationalities)", "assumption", "cited"),
        ("fit: least squares to the Epoch record", "assumption", "fitted"),
        ("assumption calibrated to S06 foreign workers", "assumption", "fitted"),
        ("assumption: calibrated to S08: 74 companies", "assumption", "fitted"),
        ("structure: one year", "data", "structure"),
        ("policy lever: bankruptcy and re-entry reform", "policy", "policy"),
        ("policy lever; essay note [63]", "policy", "policy"),
        ("policy lever; essay note [63]", "assumption", "cited"),  # not a lever's setting
        ("assumption: culture changes slowly", "assumption", "assumption"),
        ("assumption: the benefit of a profitable fit-out", "assumption", "assumption"),
        ("assumption: 2010s S-curve, section S1", "assumption", "assumption"),
    ],
)
def test_a_source_says_what_its_value_rests_on(source: str, group: str, expected: str) -> None:
    assert basis(source, group) == expected


@pytest.mark.parametrize("country", COUNTRIES)
def test_what_a_profile_calibrates_says_it_is_fitted(country: str) -> None:
    m = doomloop.load_model(country)
    wrong = {
        n: m.parameters[n].source
        for n in m.profile.calibration.parameters
        if m.parameters[n].basis != "fitted"
    }
    assert not wrong, wrong


@pytest.mark.parametrize("path", SOBOL, ids=[p.stem for p in SOBOL])
def test_the_leading_drivers_are_cited_or_fitted(path: Path) -> None:
    """The five largest total-order Sobol indices of each 2040 output rest on data."""
    assert SOBOL, "benchmarks/results holds no Sobol results"
    m = doomloop.load_model("japan")
    top = pd.read_csv(path).nlargest(5, "ST")["parameter"]
    bare = {
        n: m.parameters[n].basis for n in top if m.parameters[n].basis not in ("cited", "fitted")
    }
    assert not bare, bare


def test_the_cli_lists_the_parameters_of_one_basis(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parameters", "-m", "japan", "--basis", "assumption", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)["tables"]["parameters"]["rows"]
    m = doomloop.load_model("japan")
    expected = {p.name for p in m.parameters.values() if p.basis == "assumption"}
    assert {r["name"] for r in rows} == expected and "culture_adjustment_time" in expected
    assert {r["basis"] for r in rows} == {"assumption"}


def test_the_model_card_counts_the_bases_and_names_the_bare_assumptions() -> None:
    from doomloop.check.provenance import check_provenance

    m = doomloop.load_model("japan")
    notes = check_provenance(m).notes
    (counts,) = [n for n in notes if n.startswith("what the values rest on")]
    total = sum(int(part.split()[-1]) for part in counts.split(": ", 1)[1].split(", "))
    assert total == len(m.parameters)
    assert all(
        b in BASES for b in (part.split()[0] for part in counts.split(": ", 1)[1].split(", "))
    )
    (bare,) = [n for n in notes if n.startswith("declared assumptions that cite nothing")]
    assert "culture_adjustment_time" in bare and "talent_exponent" not in bare
