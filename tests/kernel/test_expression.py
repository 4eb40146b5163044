"""The equation parser reads XMILE precedence as pysimlin does and names syntax errors."""

from __future__ import annotations

import pytest

from doomloop.kernel.errors import EquationError
from doomloop.kernel.expression import grammar, parse_equation
from doomloop.kernel.ir import Binary, Call, If, Num, Ref, Unary


def test_grammar_is_data():
    g = grammar()
    assert g.binary["^"][1] == "right"
    assert "SMTH1" in g.functions and g.functions["SMTH1"]["args"] == [2, 3]


def test_unary_minus_binds_below_power():
    assert parse_equation("-2^2") == Unary("-", Binary("^", Num(2.0), Num(2.0)))


def test_power_is_right_associative():
    assert parse_equation("2^3^2") == Binary("^", Num(2.0), Binary("^", Num(3.0), Num(2.0)))


def test_precedence_of_logicals_and_comparisons():
    e = parse_equation("a > 1 AND b < 2 OR NOT c")
    assert isinstance(e, Binary) and e.op == "OR"
    assert e.left == Binary("AND", Binary(">", Ref("a"), Num(1.0)), Binary("<", Ref("b"), Num(2.0)))
    assert e.right == Unary("NOT", Ref("c"))


def test_if_then_else_and_calls_are_case_insensitive():
    e = parse_equation("if Time > 3 then Min(x, 2) else smth1(y, 4)")
    assert isinstance(e, If)
    assert e.cond == Binary(">", Call("TIME", ()), Num(3.0))
    assert e.then == Call("MIN", (Ref("x"), Num(2.0)))
    assert e.orelse == Call("SMTH1", (Ref("y"), Num(4.0)))


def test_names_are_canonical_and_subscripts_parsed():
    assert parse_equation('"Birth Rate"') == Ref("birth_rate")
    assert parse_equation("pop[B1870]") == Ref("pop", ("b1870",))
    assert parse_equation("pop[*]") == Ref("pop", ("*",))
    assert parse_equation(".5e1") == Num(5.0)


def test_syntax_error_says_where_and_the_fix():
    with pytest.raises(EquationError, match=r"model\.xmile: variable 'x'.*character 5.*fix"):
        parse_equation("a + * b", "model.xmile: variable 'x'")
