"""The checks file: its predicate language, its errors, and a property test."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from doomloop import DoomloopError, load_model
from doomloop.check import run_checks
from doomloop.check.checksfile import load_checks, parse_checks, parse_predicate
from doomloop.errors import ChecksFileError

GOOD = """\
may_be_negative = ["population"]

[options]
max_runs = 50
integration_tolerance = 0.1
max_mape = 0.2

[[check]]
name = "no growth without a growth rate"
when = { growth_rate = 0 }
expect = "population never rises"

[[check]]
name = "approaches capacity"
expect = ["population never falls from 0 to 40", "population ends above 900",
          "population stays <= 1000", "`net growth` stays >= 0 after 10"]

[[conservation]]
name = "logistic stock"
stock = "population"
inflows = ["net_growth"]
"""


@pytest.fixture
def model(logistic: Path):  # type: ignore[no-untyped-def]
    return load_model(logistic, strict=False)


def test_good_file_parses(model) -> None:  # type: ignore[no-untyped-def]
    spec = parse_checks(GOOD, model, "good.toml")
    assert spec.max_runs == 50 and spec.integration_tolerance == 0.1 and spec.max_mape == 0.2
    assert spec.may_be_negative == {"population"}
    assert [c.name for c in spec.checks] == [
        "no growth without a growth rate",
        "approaches capacity",
    ]
    assert spec.checks[0].when == {"growth_rate": 0.0}
    preds = spec.checks[1].expect
    assert [p.kind for p in preds] == ["never_falls", "ends_above", "stays", "stays"]
    assert preds[0].start == 0 and preds[0].stop == 40
    assert preds[3].variable == "net_growth" and preds[3].op == ">=" and preds[3].start == 10
    assert spec.conservation is not None and spec.conservation[0].inflows == ("net_growth",)


def test_good_file_runs_and_passes(model) -> None:  # type: ignore[no-untyped-def]
    report = run_checks(model, parse_checks(GOOD, model, "good.toml"))
    user = report.section("user")
    assert user.status == "pass" and user.count("pass") == 5
    assert report.section("conservation").status == "pass"


def test_predicates_that_are_false_fail(model) -> None:  # type: ignore[no-untyped-def]
    text = """
[[check]]
name = "wrong on purpose"
expect = ["population never rises", "population ends below 10", "population stays < 500"]
"""
    report = run_checks(model, parse_checks(text, model, "bad.toml"))
    user = report.section("user")
    assert user.count("fail") == 3 and report.failed
    msgs = " ".join(f.message for f in user.findings)
    assert "rose from" in msgs and "is not below 10" in msgs and "not < 500" in msgs


def test_broken_conservation_identity_fails(model) -> None:  # type: ignore[no-untyped-def]
    text = '[[conservation]]\nname = "leaky"\nstock = "population"\ninflows = ["growth_rate"]\n'
    report = run_checks(model, parse_checks(text, model, "c.toml"))
    assert report.section("conservation").status == "fail"
    assert report.section("extremes").status == "fail"  # checked on every Euler extreme too


def test_predicate_evaluate_windows() -> None:
    from doomloop.check.checksfile import Predicate

    s = pd.Series([5.0, 4.0, 4.0, 6.0, 3.0], index=[0.0, 1.0, 2.0, 3.0, 4.0])
    assert not Predicate("x", "never_rises").evaluate(s)[0]
    assert Predicate("x", "never_rises", stop=2).evaluate(s)[0]
    assert Predicate("x", "never_rises", start=3).evaluate(s)[0]
    assert Predicate("x", "stays", ">=", 3.0).evaluate(s)[0]
    assert not Predicate("x", "stays", ">", 3.0).evaluate(s)[0]
    assert Predicate("x", "ends_below", threshold=3.5).evaluate(s)[0]
    assert not Predicate("x", "ends_above", threshold=3.5).evaluate(s)[0]


BAD = [
    (
        "[[check]]\nname = 'a'\nexpect = 'population never rises'\nbogus = 1\n",
        "unknown key 'bogus'",
    ),
    ("colour = 'red'\n", "unknown key 'colour'"),
    ("[options]\nmax_run = 3\n", "Did you mean: max_runs"),
    (
        "[[check]]\nname = 'a'\nexpect = 'population never rises'\n"
        "[[check]]\nname = 'a'\nexpect = 'population never falls'\n",
        "used twice",
    ),
    (
        "[[check]]\nname = 'a'\nwhen = { growth_rate = 7 }\nexpect = 'population never rises'\n",
        "outside its possible range",
    ),
    (
        "[[check]]\nname = 'a'\nwhen = { growth_rat = 0 }\nexpect = 'population never rises'\n",
        "Did you mean: growth_rate",
    ),
    (
        "[[check]]\nname = 'a'\nwhen = { growth_rate = 'zero' }\n"
        "expect = 'population never rises'\n",
        "is not a number",
    ),
    (
        "[[check]]\nname = 'a'\nwhen = { growth_rate = true }\nexpect = 'population never rises'\n",
        "is not a number",
    ),
    (
        "[[check]]\nname = 'a'\nwhen = 3\nexpect = 'population never rises'\n",
        "when must be a table",
    ),
    ("[[check]]\nname = 'a'\nexpect = 'populaton never rises'\n", "no variable 'populaton'"),
    ("[[check]]\nname = 'a'\nexpect = 'population rises'\n", "after the variable expected"),
    ("[[check]]\nname = 'a'\nexpect = 'population never rises from 1800'\n", "outside the run"),
    (
        "[[check]]\nname = 'a'\nexpect = 'population never rises from 30 to 10'\n",
        "must come before",
    ),
    ("[[check]]\nname = 'a'\nexpect = 'population stays >= lots'\n", "after the variable expected"),
    ("[[check]]\nname = 'a'\nexpect = 'population never rises please'\n", "unexpected 'please'"),
    ("[[check]]\nname = 'a'\nexpect = 42\n", "must be a string"),
    ("[[check]]\nname = 'a'\nexpect = []\n", "non-empty list"),
    ("[[check]]\nname = 'a'\n", "needs expect"),
    ("[[check]]\nexpect = 'population never rises'\n", "needs name"),
    ("[options]\nmax_runs = 0\n", "outside 1 to 10000"),
    ("[options]\nmax_runs = 2.5\n", "whole number"),
    ("[options]\nintegration_tolerance = -1\n", "must be in (0, 1]"),
    ("[options]\nmax_mape = 'ten'\n", "not a number"),
    ("[options]\nmax_mape = nan\n", "not finite"),
    ("may_be_negative = 'population'\n", "must be a list"),
    ("may_be_negative = ['nobody']\n", "no variable 'nobody'"),
    ("[[conservation]]\nstock = 'population'\n", "needs inflows or outflows"),
    ("[[conservation]]\nstock = 'population'\ninflows = 'net_growth'\n", "must be a list"),
    ("[[conservation]]\ninflows = ['net_growth']\n", "needs stock"),
    ("check = 3\n", "[[check]] table"),
    ("[[check]\nname = 'a'\n", "not valid TOML"),
    ("a = 1\na = 2\n", "not valid TOML"),
]


@pytest.mark.parametrize(("text", "message"), BAD, ids=[m for _, m in BAD])
def test_bad_checks_files_are_refused_with_a_clear_message(model, text, message) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ChecksFileError) as info:
        parse_checks(text, model, "checks.toml")
    assert message in str(info.value)
    assert str(info.value).startswith("checks.toml")


def test_error_names_the_line(model) -> None:  # type: ignore[no-untyped-def]
    text = (
        "[[check]]\nname = 'a'\nexpect = 'population never rises'\n\n"
        "[[check]]\nname = 'b'\nexpect = 'x never rises'\n"
    )
    with pytest.raises(ChecksFileError, match=r"^checks.toml:5 \(check 'b'\)"):
        parse_checks(text, model, "checks.toml")


def test_load_checks_file_errors(model, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ChecksFileError, match="does not exist"):
        load_checks(tmp_path / "nope.toml", model)
    bad = tmp_path / "latin1.toml"
    bad.write_bytes("name = 'caf\xe9'".encode("latin-1"))
    with pytest.raises(ChecksFileError, match="not UTF-8"):
        load_checks(bad, model)
    big = tmp_path / "big.toml"
    with open(big, "wb") as fh:
        fh.truncate(2 * 1024 * 1024)
    with pytest.raises(ChecksFileError, match="larger than"):
        load_checks(big, model)


def test_parse_predicate_backticks_unclosed(model) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ChecksFileError, match="not closed"):
        parse_predicate("`net growth never rises", model, "here")


_WORDS = st.sampled_from(
    [
        "population",
        "net_growth",
        "never",
        "rises",
        "falls",
        "stays",
        ">=",
        "<",
        "ends",
        "below",
        "above",
        "from",
        "to",
        "after",
        "0",
        "10",
        "1e3",
        "-5",
        "`",
        "nan",
        "x",
    ]
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(_WORDS, max_size=8).map(" ".join))
def test_property_predicates_raise_only_doomloop_errors(model, text: str) -> None:  # type: ignore[no-untyped-def]
    try:
        parse_predicate(text, model, "prop")
    except DoomloopError:
        pass


_TOML_VALUES = st.recursive(
    st.none().map(lambda _: "1")
    | st.integers(-(10**20), 10**20).map(str)
    | st.floats(allow_nan=True).map(lambda x: repr(x).replace("nan", "nan").replace("inf", "inf"))
    | st.text(max_size=20).map(lambda s: '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"')
    | st.booleans().map(lambda b: str(b).lower()),
    lambda inner: (
        st.lists(inner, max_size=3).map(lambda xs: "[" + ", ".join(xs) + "]")
        | st.dictionaries(
            st.sampled_from(["growth_rate", "population", "name", "expect", "x"]), inner, max_size=3
        ).map(lambda d: "{ " + ", ".join(f"{k} = {v}" for k, v in d.items()) + " }")
    ),
    max_leaves=6,
)
_KEYS = st.sampled_from(
    [
        "name",
        "when",
        "expect",
        "stock",
        "inflows",
        "outflows",
        "max_runs",
        "max_mape",
        "integration_tolerance",
        "may_be_negative",
        "bogus",
    ]
)
_HEADERS = st.sampled_from(["", "[[check]]", "[options]", "[[conservation]]", "[when]", "[[x]]"])


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.tuples(_HEADERS, _KEYS, _TOML_VALUES), max_size=6) | st.text(max_size=200))
def test_property_checks_parser_raises_only_doomloop_errors(model, doc) -> None:  # type: ignore[no-untyped-def]
    if isinstance(doc, str):
        text = doc
    else:
        text = "\n".join(f"{h}\n{k} = {v}" for h, k, v in doc)
    try:
        parse_checks(text, model, "prop.toml")
    except DoomloopError:
        pass
