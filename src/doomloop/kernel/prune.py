"""The part of a model some outputs need: their ancestors, through stocks, back to constants.

A run that keeps a few outputs need not compute every variable at every step: only those
the outputs read, directly or through other variables, stocks (their initial values and
rates) and lookup tables. :func:`needed` finds them; :func:`prune` returns the model with
only them. Each kept variable has the same equation and reads the same inputs, so its values
are bitwise those of the whole model's run.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable

from .ir import ModelIR, Ref, Variable, walk


def reads(v: Variable) -> set[str]:
    """Every variable *v*'s equations and rate name, lookup tables included."""
    out = {n.name for e in v.expressions() for n in walk(e) if isinstance(n, Ref)}
    if v.kind == "stock":
        if v.rate is not None:
            out |= {n.name for n in walk(v.rate) if isinstance(n, Ref)}
        out |= set(v.inflows) | set(v.outflows)
    out.discard(v.name)
    return out


def needed(ir: ModelIR, outputs: Iterable[str]) -> set[str]:
    """The variables (canonical names) the *outputs* depend on, the outputs included."""
    out: set[str] = set()
    todo = [o for o in outputs if o in ir.variables]
    while todo:
        n = todo.pop()
        if n in out:
            continue
        out.add(n)
        todo += [d for d in reads(ir.variables[n]) if d not in out and d in ir.variables]
    return out


def prune(ir: ModelIR, outputs: Iterable[str]) -> ModelIR:
    """A copy of *ir* with only the variables *outputs* need, in the model's own order."""
    keep = needed(ir, outputs)
    out = copy.copy(ir)
    out.variables = {n: v for n, v in ir.variables.items() if n in keep}
    return out
