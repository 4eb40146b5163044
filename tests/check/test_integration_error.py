"""Integration error: dt halved and Euler against RK4."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from doomloop import load_model
from doomloop.check import run_checks
from doomloop.check.checksfile import parse_checks
from doomloop.check.integration import relative_change


def test_relative_change_is_scaled_by_the_series() -> None:
    a = pd.Series([0.0, 10.0, 20.0], index=[0.0, 1.0, 2.0])
    b = pd.Series([0.0, 11.0, 20.0, 99.0], index=[0.0, 1.0, 2.0, 3.0])
    change, t = relative_change(a, b)
    assert change == pytest.approx(0.05) and t == 1.0
    zero = pd.Series([0.0, 0.0], index=[0.0, 1.0])
    assert relative_change(zero, zero)[0] == 0.0


def test_logistic_is_insensitive_to_dt_and_method(logistic: Path) -> None:
    sec = run_checks(load_model(logistic, strict=False)).section("integration")
    assert sec.status == "pass"
    variants = {row[1] for row in sec.tables[0].rows}
    assert variants == {"dt/2", "rk4"}
    change = max(float(row[2]) for row in sec.tables[0].rows)
    assert 0 < change < 0.01


def test_tight_tolerance_makes_it_fail(logistic: Path) -> None:
    model = load_model(logistic, strict=False)
    tight = parse_checks("[options]\nintegration_tolerance = 1e-6\n", model, "c.toml")
    sec = run_checks(model, tight).section("integration")
    assert sec.status == "fail"
    assert any("population changes by" in f.message for f in sec.findings)


def test_fixed_method_compares_dt_only_and_says_why(logistic: Path) -> None:
    model = load_model(logistic, strict=False)
    fixed = parse_checks('[options]\nfixed_method = "a yearly step"\n', model, "c.toml")
    assert fixed.fixed_method == "a yearly step"
    sec = run_checks(model, fixed).section("integration")
    assert {row[1] for row in sec.tables[0].rows} == {"dt/2"}
    assert any("rk4 not compared: a yearly step" in n for n in sec.notes)
    with pytest.raises(Exception, match="fixed_method"):
        parse_checks("[options]\nfixed_method = 1\n", model, "c.toml")
