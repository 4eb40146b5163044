"""Fuzzing the two parsers of user text: only doomloop's own errors may come out."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from doomloop import DoomloopError, load_model, parse_scenario
from doomloop.kernel.errors import EquationError
from doomloop.kernel.expression import parse_equation

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "logistic"
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# TOML-ish text: the characters TOML cares about, names of the model, numbers, deep nesting
TOML_BITS = st.sampled_from(
    ["[", "]", "{", "}", "=", "\n", '"', "'", ",", ".", " ", "#", "policy", "assumptions",
     "growth_rate", "initial_population", "name", "model", "1", "-0.5", "1e999", "nan", "inf",
     "true", "[[policy]]", "9" * 30, "\ufeff", "\x00", "é"]
)  # fmt: skip
EQUATION_BITS = st.sampled_from(
    ["(", ")", "[", "]", "+", "-", "*", "/", "^", ",", " ", "IF", "THEN", "ELSE", "AND",
     "OR", "NOT", "MIN", "MAX", "EXP", "LN", "SMTH1", "TIME", "a", "b c", '"q r"', "1",
     "2.5e3", "1e400", ".", "=", "<", ">=", "<>", "{", "}", "'", ":", "\n", "é"]
)  # fmt: skip


@pytest.fixture(scope="module")
def model():  # type: ignore[no-untyped-def]
    return load_model(FIXTURE)


@FUZZ
@given(st.one_of(st.lists(TOML_BITS, max_size=60).map("".join), st.text(max_size=200)))
def test_scenario_parser_raises_only_doomloop_errors(model, text: str) -> None:  # type: ignore[no-untyped-def]
    try:
        parse_scenario(text, model, origin="fuzz.toml")
    except DoomloopError as exc:
        assert "fuzz.toml" in str(exc)


@settings(max_examples=20, deadline=None)
@given(st.integers(min_value=100, max_value=2000), st.sampled_from(["[", "{", "a = ["]))
def test_deep_scenario_nesting(model, depth: int, opener: str) -> None:  # type: ignore[no-untyped-def]
    close = {"[": "]", "{": "}", "a = [": "]"}[opener]
    text = "[policy]\nx = " + opener * depth + close * depth
    with pytest.raises(DoomloopError):
        parse_scenario(text, model, origin="deep.toml")


@FUZZ
@given(st.one_of(st.lists(EQUATION_BITS, max_size=80).map("".join), st.text(max_size=200)))
def test_expression_parser_raises_only_equation_errors(text: str) -> None:
    try:
        parse_equation(text, where="fuzz")
    except EquationError as exc:
        assert str(exc).startswith("fuzz")


@settings(max_examples=30, deadline=None)
@given(
    st.integers(min_value=50, max_value=20_000),
    st.sampled_from(["(", "-", "+", "NOT ", "a^", "MIN(1,", "IF a THEN "]),
)
def test_expression_parser_survives_deep_chains(depth: int, unit: str) -> None:
    text = unit * depth + "1" + (")" * depth if "(" in unit else "")
    try:
        parse_equation(text, where="deep")
    except EquationError as exc:
        assert str(exc).startswith("deep")
