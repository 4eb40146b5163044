"""Evaluation order of a lowered model, found once at compile time.

Three lists come out of :func:`evaluation_order`:

* ``init``: every variable in an order that computes stock initial values, constants and
  ``INIT`` values at the start time (stocks count as depending on their initial equation);
* ``static``: the variables that never change during a run (constants and expressions of
  constants), computed once in the init block and never again;
* ``dynamic``: the variables recomputed at every step and integration stage, with stocks
  and static values as sources.

A cycle (variables depending on each other within one step) raises
:class:`~.errors.CycleError` naming the variables on the loop.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass

from .errors import CycleError
from .ir import Call, Expr, ModelIR, Ref, Variable, walk

#: Builtins whose value changes with time even when their arguments do not.
TIME_FUNCTIONS = frozenset({"TIME", "STEP", "RAMP", "PULSE"})


def expr_deps(e: Expr) -> tuple[set[str], bool]:
    """Variables *e* reads (not lookup tables) and whether it reads the clock."""
    deps: set[str] = set()
    timed = False
    tables: set[int] = set()
    for node in walk(e):
        if isinstance(node, Call):
            if node.fn in TIME_FUNCTIONS:
                timed = True
            if node.fn == "LOOKUP":
                tables.add(id(node.args[0]))
        elif isinstance(node, Ref) and id(node) not in tables:
            deps.add(node.name)
    return deps, timed


def var_deps(v: Variable) -> tuple[set[str], bool]:
    """Variables *v*'s own equation(s) read, without self references, and the clock flag."""
    deps: set[str] = set()
    timed = False
    for e in v.expressions():
        d, t = expr_deps(e)
        deps |= d
        timed = timed or t
    if v.elements:
        deps.discard(v.name)
    return deps, timed


def rate_deps(v: Variable) -> set[str]:
    """Variables a stock's rate reads."""
    if v.rate is not None:
        return expr_deps(v.rate)[0]
    return set(v.inflows) | set(v.outflows)


@dataclass
class Order:
    """The evaluation order of one model (see the module docstring)."""

    init: list[str]
    static: set[str]
    dynamic: list[str]


def _toposort(nodes: list[str], deps: dict[str, set[str]], phase: str, path: str) -> list[str]:
    index = {n: i for i, n in enumerate(nodes)}
    remaining = {n: {d for d in deps[n] if d in index} for n in nodes}
    users: dict[str, list[str]] = {n: [] for n in nodes}
    for n, ds in remaining.items():
        for d in ds:
            users[d].append(n)
    count = {n: len(ds) for n, ds in remaining.items()}
    ready = [n for n in nodes if count[n] == 0]
    out: list[str] = []
    heap = [(index[n], n) for n in ready]
    heapq.heapify(heap)
    while heap:
        _, n = heapq.heappop(heap)
        out.append(n)
        for u in users[n]:
            count[u] -= 1
            if count[u] == 0:
                heapq.heappush(heap, (index[u], u))
    if len(out) < len(nodes):
        left = {n for n in nodes if count[n] > 0}
        cycle = _find_cycle(left, remaining)
        raise CycleError(
            f"{path}: variables {' -> '.join(cycle)} depend on each other within one time step "
            f"({phase}); break the loop with a stock (or a SMTH1/DELAY1) somewhere on it"
        )
    return out


def _find_cycle(left: set[str], deps: dict[str, set[str]]) -> list[str]:
    start = min(left)
    seen: dict[str, int] = {}
    path: list[str] = []
    n = start
    while n not in seen:
        seen[n] = len(path)
        path.append(n)
        n = min(d for d in deps[n] if d in left)
    return [*path[seen[n] :], n]


def evaluation_order(ir: ModelIR) -> Order:
    """Find the init, static and dynamic evaluation orders of a lowered model."""
    nodes = list(ir.variables)
    deps: dict[str, set[str]] = {}
    timed: dict[str, bool] = {}
    for n, v in ir.variables.items():
        d, t = var_deps(v)
        deps[n] = d
        timed[n] = t
    init = _toposort(nodes, deps, "at the start time", ir.path)

    static: set[str] = set()
    for n in init:
        v = ir.variables[n]
        if v.kind == "stock":
            continue
        if v.frozen or (not timed[n] and all(d in static for d in deps[n])):
            static.add(n)
    dyn_nodes = [n for n in nodes if n not in static and ir.variables[n].kind != "stock"]
    dyn_deps = {
        n: {d for d in deps[n] if d not in static and ir.variables[d].kind != "stock"}
        for n in dyn_nodes
    }
    dynamic = _toposort(dyn_nodes, dyn_deps, "during the run", ir.path)
    return Order(init, static, dynamic)
