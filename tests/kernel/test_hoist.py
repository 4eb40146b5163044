"""Hoisting the shared parts of member equations: what moves, and that numbers do not."""

from __future__ import annotations

import numpy as np

from doomloop.kernel import compile_model
from doomloop.kernel.hoist import hoist, member_variables
from doomloop.kernel.ir import Call, Ref, walk

from .conftest import write_model

MODEL = """
<aux name="weight"><eqn>0.5</eqn></aux>
<aux name="multiplier"><eqn>1</eqn></aux>
<aux name="rate"><eqn>EXP(SIN(TIME) * weight) * multiplier</eqn></aux>
<aux name="per element"><dimensions><dim name="age"/></dimensions>
  <eqn>(COS(TIME) + weight) * cohort[age] + total + age_weight[age] * weight</eqn></aux>
<aux name="age weight"><dimensions><dim name="age"/></dimensions>
  <element subscript="young"><eqn>1</eqn></element><element subscript="old"><eqn>3</eqn></element>
</aux>
<aux name="total"><eqn>SUM(cohort[*]) * (TIME + weight)</eqn></aux>
<flow name="inflow"><eqn>rate * stock</eqn></flow>
<stock name="stock"><eqn>1</eqn><inflow>inflow</inflow></stock>
<stock name="cohort"><dimensions><dim name="age"/></dimensions><eqn>2</eqn>
  <inflow>grow</inflow></stock>
<flow name="grow"><dimensions><dim name="age"/></dimensions><eqn>per_element * 0.01</eqn></flow>
"""
DIMS = '<dim name="age"><elem name="young"/><elem name="old"/></dim>'


def test_shared_parts_move_to_hidden_variables(tmp_path):
    k = compile_model(write_model(tmp_path, MODEL, dims=DIMS))
    varying = frozenset({"multiplier"})
    ir, order = hoist(k.ir, k.order, varying)
    new = {n: v for n, v in ir.variables.items() if n not in k.ir.variables}
    member = member_variables(ir, order, varying)
    assert all(v.hidden for v in new.values()) and not set(new) & member
    # rate keeps only its member part: EXP(...) moved out, multiplier stays
    rate = ir.variables["rate"].eqn
    assert {r.name for r in walk(rate) if isinstance(r, Ref)} <= {"multiplier", *new}
    # what moved: EXP(SIN(TIME) * weight), COS(TIME) + weight, TIME + weight (scalars) and
    # age_weight[age] * weight (arrayed like its host); SUM(cohort[*]) reads stocks: stays
    assert sorted(v.dims for v in new.values()) == [(), (), (), ("age",)]
    assert not any(isinstance(c, Call) and c.fn == "SUM" for v in new.values() for c in walk(v.eqn))
    # the original IR is untouched
    assert all(not n.startswith("_shared_") for n in k.ir.variables)


def test_hoisting_leaves_every_number_as_it_was(tmp_path):
    k = compile_model(write_model(tmp_path, MODEL, dims=DIMS))
    params = {"multiplier": np.linspace(0.5, 1.5, 7), "weight": np.full(7, 0.5)}
    for method in ("euler", "rk4"):
        a = k.run(params, method=method, backend="numba", output="arrays")
        b = k.run(params, method=method, backend="numpy", output="arrays")
        for name, values in a.values.items():  # NumPy's and LLVM's SIN/EXP may differ by an ulp
            np.testing.assert_allclose(values, b.values[name], rtol=1e-14, err_msg=name)
