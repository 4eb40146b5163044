"""Evaluation order: initial values in dependency order, loops named."""

from __future__ import annotations

import pytest

from doomloop.kernel import CycleError, compile_model

from .conftest import write_model


def test_simultaneous_loop_names_its_variables(tmp_path):
    p = write_model(
        tmp_path,
        '<aux name="a"><eqn>b + 1</eqn></aux><aux name="b"><eqn>c * 2</eqn></aux>'
        '<aux name="c"><eqn>a</eqn></aux><aux name="d"><eqn>a</eqn></aux>',
    )
    with pytest.raises(CycleError) as info:
        compile_model(p)
    msg = str(info.value)
    assert "a -> b -> c -> a" in msg or "b -> c -> a -> b" in msg or "c -> a -> b -> c" in msg
    assert "stock" in msg  # the fix


def test_chained_initial_values_and_static_split(tmp_path):
    p = write_model(
        tmp_path,
        '<stock name="s1"><eqn>s2 * 2</eqn></stock><stock name="s2"><eqn>k + 1</eqn></stock>'
        '<aux name="k"><eqn>3</eqn></aux><aux name="k2"><eqn>k * 2</eqn></aux>'
        '<aux name="x"><eqn>s1 + TIME</eqn></aux>',
    )
    k = compile_model(p)
    init = k.order.init
    assert init.index("k") < init.index("s2") < init.index("s1")
    assert k.order.static == {"k", "k2"}
    assert k.order.dynamic == ["x"]
    ds = k.run(variables=["s1", "x"], times=[0, 1])
    assert ds["s1"].values.tolist() == [[8.0, 8.0]]
    assert ds["x"].values.tolist() == [[8.0, 9.0]]
