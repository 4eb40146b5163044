"""Builtins pysimlin cannot run, checked against values worked out by hand."""

from __future__ import annotations

import numpy as np
import pytest

from doomloop.kernel import compile_model

from .conftest import write_model


def _values(path, names, semantics="pysimlin", times=(0.0, 1.0, 2.0, 3.0, 4.0)):
    k = compile_model(path, semantics=semantics)
    res = k.run(variables=names, times=list(times), output="arrays", backend="numpy")
    return {n: res.values[n][0].tolist() for n in names}


def test_xidz_zidz_and_tables_called_by_name(tmp_path):
    p = write_model(
        tmp_path,
        '<aux name="d"><eqn>TIME - 2</eqn></aux>'
        '<aux name="x"><eqn>XIDZ(6, d, 99)</eqn></aux><aux name="z"><eqn>ZIDZ(6, d)</eqn></aux>'
        '<gf name="table"><xpts>0,2,4</xpts><ypts>0,10,0</ypts></gf>'
        '<aux name="called"><eqn>table(TIME) + LOOKUP(table, 1)</eqn></aux>',
    )
    v = _values(p, ["x", "z", "called"])
    assert v["x"] == [-3.0, -6.0, 99.0, 6.0, 3.0]
    assert v["z"] == [-3.0, -6.0, 0.0, 6.0, 3.0]
    assert v["called"] == [5.0, 10.0, 15.0, 10.0, 5.0]


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("continuous", [0.0, 0.0, 1.0, 2.0, 2.0]),
        ("extrapolate", [-2.0, -1.0, 1.0, 2.0, 3.0]),
        ("discrete", [0.0, 0.0, 1.0, 2.0, 2.0]),
    ],
)
def test_graphical_function_types_under_reference_semantics(tmp_path, kind, expected):
    p = write_model(
        tmp_path,
        f'<aux name="g"><eqn>TIME - 1</eqn><gf type="{kind}"><xscale min="1" max="3"/>'
        "<ypts>0,1,2</ypts></gf></aux>",
    )
    # at x = -1, 0, 2, 3, 4
    assert _values(p, ["g"], semantics="reference", times=(0, 1, 3, 4, 5))["g"] == expected


def test_pysimlin_semantics_read_every_table_as_continuous(tmp_path):
    p = write_model(
        tmp_path,
        '<aux name="g"><eqn>TIME</eqn><gf type="extrapolate"><xpts>1,3</xpts><ypts>0,2</ypts>'
        "</gf></aux>",
    )
    assert _values(p, ["g"], times=(0, 2, 4))["g"] == [0.0, 1.0, 2.0]


def test_numbered_dimension_and_element_references(tmp_path):
    p = write_model(
        tmp_path,
        '<aux name="a"><dimensions><dim name="n"/></dimensions><eqn>TIME * 10</eqn></aux>'
        '<aux name="b"><dimensions><dim name="n"/></dimensions><eqn>a[n] + 1</eqn></aux>'
        '<aux name="s"><eqn>a[2] + b[3] + SUM(b[*])</eqn></aux>',
        dims='<dim name="n" size="3"/>',
    )
    v = _values(p, ["s", "b[1]"], times=(0, 1))
    assert v["s"] == [4.0, 54.0]  # 10t + (10t+1) + 3(10t+1)
    assert v["b[1]"] == [1.0, 11.0]


def test_non_negative_under_reference_semantics(tmp_path):
    p = write_model(
        tmp_path,
        '<stock name="s"><eqn>3</eqn><outflow>f</outflow><non_negative/></stock>'
        '<flow name="f"><eqn>2 - TIME</eqn><non_negative/></flow>',
        specs="<sim_specs><start>0</start><stop>4</stop><dt>1</dt></sim_specs>",
    )
    v = _values(p, ["s", "f"], semantics="reference")
    assert v["f"] == [2.0, 1.0, 0.0, 0.0, 0.0]
    assert v["s"] == [3.0, 1.0, 0.0, 0.0, 0.0]
    plain = _values(p, ["s"])  # pysimlin ignores <non_negative/>
    assert plain["s"] == [3.0, 1.0, 0.0, 0.0, 1.0]


def test_rk4_on_exponential_growth(tmp_path):
    p = write_model(
        tmp_path,
        '<stock name="s"><eqn>1</eqn><inflow>f</inflow></stock><flow name="f"><eqn>s</eqn></flow>',
        specs='<sim_specs method="RK4"><start>0</start><stop>1</stop><dt>0.5</dt></sim_specs>',
    )
    growth = 1 + 0.5 + 0.5**2 / 2 + 0.5**3 / 6 + 0.5**4 / 24  # RK4 factor per step
    v = _values(p, ["s"], times=(0, 0.5, 1))
    np.testing.assert_allclose(v["s"], [1.0, growth, growth**2], rtol=1e-15)
