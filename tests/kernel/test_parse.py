"""XMILE files become the IR; uncovered constructs are named with the fallback."""

from __future__ import annotations

import pytest

from doomloop.errors import ModelFileError
from doomloop.kernel import NotCovered, compile_model
from doomloop.kernel.parse import parse_xmile

from .conftest import BUILTINS, LOGISTIC, write_model


def test_logistic_fixture():
    ir = parse_xmile(LOGISTIC)
    assert (ir.start, ir.stop, ir.dt, ir.method) == (0.0, 40.0, 0.0625, "euler")
    pop = ir.variables["population"]
    assert pop.kind == "stock" and pop.inflows == ("net_growth",)


def test_arrays_and_graphical_functions():
    ir = parse_xmile(BUILTINS)
    assert ir.dims["cohort"] == ("b1870", "b1875", "b1880")
    pop = ir.variables["population"]
    assert pop.dims == ("cohort",) and set(pop.elements or {}) == set(ir.dims["cohort"])
    gf = ir.variables["effect_extrapolate"].gf
    assert gf is not None and gf.xpts == (0.0, 5.0, 10.0) and gf.kind == "extrapolate"


def test_unsupported_function_is_named_with_fallback(tmp_path):
    p = write_model(tmp_path, '<aux name="x"><eqn>DELAYN(1, 2, 3, 4)</eqn></aux>')
    with pytest.raises(NotCovered) as info:
        compile_model(p)
    msg = str(info.value)
    assert "variable 'x'" in msg and "DELAYN" in msg
    assert "not covered by the vectorized kernel; doomloop falls back to pysimlin" in msg
    assert info.value.constructs == [("x", "function DELAYN()")]
    assert isinstance(info.value, ModelFileError)


def test_modules_and_2d_arrays_are_not_covered(tmp_path):
    p = write_model(
        tmp_path,
        '<module name="m"/><aux name="a"><dimensions><dim name="d"/><dim name="d"/></dimensions>'
        "<eqn>1</eqn></aux>",
        dims='<dim name="d"><elem name="x"/></dim>',
    )
    with pytest.raises(NotCovered) as info:
        compile_model(p)
    constructs = dict(info.value.constructs)
    assert constructs["m"] == "module" and "2-D array" in constructs["a"]


def test_undeclared_prefix_is_tolerated_but_entities_refused(tmp_path):
    p = tmp_path / "m.xmile"
    p.write_text(
        '<xmile xmlns="http://docs.oasis-open.org/xmile/ns/XMILE/v1.0"><isee:prefs a="1"/>'
        "<sim_specs><start>0</start><stop>1</stop><dt>1</dt></sim_specs>"
        '<model><variables><aux name="x"><eqn>1</eqn></aux></variables></model></xmile>'
    )
    assert "x" in parse_xmile(p).variables
    bomb = tmp_path / "bomb.xmile"
    bomb.write_text('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><xmile>&a;</xmile>')
    with pytest.raises(ModelFileError, match="entities"):
        parse_xmile(bomb)


def test_behavior_section_makes_everything_non_negative(tmp_path):
    p = write_model(
        tmp_path,
        '<stock name="s"><eqn>1</eqn><outflow>f</outflow></stock><flow name="f"><eqn>1</eqn></flow>'
        '<stock name="t"><eqn>1</eqn><non_negative>false</non_negative></stock>',
    )
    text = p.read_text().replace("<model>", "<behavior><non_negative/></behavior><model>")
    p.write_text(text)
    ir = parse_xmile(p)
    assert ir.variables["s"].non_negative and ir.variables["f"].non_negative
    assert not ir.variables["t"].non_negative
