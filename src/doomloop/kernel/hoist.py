"""Find what every member of an ensemble shares, and move it out of the member loop.

A value is *shared* when it reads neither a stock nor a constant that members may vary
(the kernel's *varying* constants), directly or through other variables: at a given time it
is the same in every member. :func:`member_variables` finds the rest. :func:`hoist`
then moves the shared parts of member equations into hidden variables of their own, so
``exp(sum of age weights x log death rates) * mortality multiplier`` computes its
``exp(...)`` once per run and time step rather than once per member. The arithmetic is the
same, so results are bitwise equal.
"""

from __future__ import annotations

import copy
from dataclasses import replace

from .ir import Binary, Call, Expr, If, ModelIR, Num, Ref, Unary, Variable, walk
from .numpy_backend import is_constant
from .order import Order, evaluation_order, var_deps

#: Builtins without arguments: as cheap to recompute as to look up.
_ATOMS = (Num, Ref)
_REDUCTIONS = frozenset({"SUM", "MIN", "MAX", "MEAN"})


def member_variables(ir: ModelIR, order: Order, varying: frozenset[str] | None) -> set[str]:
    """Variables that may differ between members: stocks, varying constants (``None``:
    every constant) and everything that reads them."""
    member = {n for n, v in ir.variables.items() if v.kind == "stock"}
    if varying is None:
        member |= {n for n, v in ir.variables.items() if is_constant(v)}
    else:
        member |= set(varying)
    for n in order.init:  # every variable, each after the ones it reads
        if n not in member and var_deps(ir.variables[n])[0] & member:
            member.add(n)
    return member


class _Hoister:
    def __init__(self, ir: ModelIR, member: set[str]):
        self.ir = ir
        self.member = member
        self.new: dict[str, Variable] = {}

    def shared(self, e: Expr) -> bool:
        return not any(isinstance(n, Ref) and n.name in self.member for n in walk(e))

    def worth(self, e: Expr) -> bool:
        """Has an operation to save (not a bare number, name or clock reading)."""
        if isinstance(e, _ATOMS):
            return False
        if isinstance(e, Call) and not e.args:
            return False
        return not (isinstance(e, Unary) and isinstance(e.operand, _ATOMS))

    def dims_of(self, e: Expr, host: Variable) -> tuple[str, ...] | None:
        """Dimensions of *e* as a variable of its own in *host*'s equation; ``None`` when
        it cannot stand alone (it reduces a whole array, or reads another dimension)."""
        arrayed = False
        for n in walk(e):
            if isinstance(n, Call) and n.fn in _REDUCTIONS:
                return None
            if isinstance(n, Ref) and n.subs:
                s = n.subs[0]
                if s == "*":
                    return None
                if s in self.ir.dims:
                    if not host.dims or s != host.dims[0]:
                        return None
                    arrayed = True
        return host.dims if arrayed else ()

    def lift(self, e: Expr, host: Variable) -> Expr:
        """*e* with each largest shared, worthwhile part replaced by a hidden variable."""
        if self.shared(e):
            dims = self.dims_of(e, host) if self.worth(e) else None
            if dims is None:
                return e
            name = f"_shared_{len(self.new)}"
            self.new[name] = Variable(
                name,
                "aux",
                display=f"shared part of {host.display or host.name}",
                dims=dims,
                eqn=e,
                hidden=True,
            )
            sub = (dims[0],) if dims else None
            return Ref(name, sub)
        if isinstance(e, Unary):
            return replace(e, operand=self.lift(e.operand, host))
        if isinstance(e, Binary):
            return replace(e, left=self.lift(e.left, host), right=self.lift(e.right, host))
        if isinstance(e, If):
            return If(self.lift(e.cond, host), self.lift(e.then, host), self.lift(e.orelse, host))
        if isinstance(e, Call) and e.fn != "LOOKUP":
            return replace(e, args=tuple(self.lift(a, host) for a in e.args))
        if isinstance(e, Call):  # LOOKUP(table, x): the table is not a value
            return replace(e, args=(e.args[0], *(self.lift(a, host) for a in e.args[1:])))
        return e


def hoist(ir: ModelIR, order: Order, varying: frozenset[str] | None) -> tuple[ModelIR, Order]:
    """A copy of *ir* whose member equations read their shared parts from hidden variables
    (appended after the model's own, so slots and ids of those do not move)."""
    member = member_variables(ir, order, varying)
    h = _Hoister(ir, member)
    variables = dict(ir.variables)
    for name in order.dynamic:
        v = ir.variables[name]
        if name not in member or v.eqn is None or v.elements is not None:
            continue
        eqn = h.lift(v.eqn, v)
        if eqn != v.eqn:
            variables[name] = replace(v, eqn=eqn)
    if not h.new:
        return ir, order
    out = copy.copy(ir)
    out.variables = {**variables, **h.new}
    return out, evaluation_order(out)
