"""Generate a numba-compiled, per-member scalar loop for a whole run.

The NumPy backend pays Python's per-operation cost once per variable and step, which
dominates for small ensembles. This backend writes one function that loops over members
and, inside, over time, with every scalar variable a machine-level local and every 1-D
array a small scratch array reused for all members. It is compiled once per kernel and
integration method (``numba.njit(nogil=True, error_model="numpy")``, so division by zero
gives inf/NaN as in NumPy); the variables to keep are chosen at run time by slot index.
``nogil`` lets :meth:`Kernel.run` split members over threads.

**Shared work is done once.** A variable that reads neither a stock nor a constant that
members may vary (the *varying* constants: by default every constant; for a model with a
parameter table, its parameters other than fixed data) has the same value in every member
at a given time. A second function, ``_run_shared``, computes those variables once per run
on the time grid (every step, and for RK4 also the half steps) into a table ``INV``; the
member loop reads them from it. On the Japan model this takes the cohort demography's
age-weight sums out of the member loop. The arithmetic is unchanged, so results are equal.

**State snapshots.** The member function can store every member's state (stock values
and ``INIT`` values) at any steps (``IS[i]``: where in ``XS`` the state of step ``i`` goes,
or -1) and start from such a state at a later run, so a caller that changes only what acts
after that step (a policy lever) reruns only the rest.
"""

from __future__ import annotations

import hashlib
import math
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from .errors import NotCovered
from .hoist import hoist, member_variables
from .ir import Binary, Call, Expr, If, ModelIR, Num, Ref, Unary, Variable
from .numpy_backend import Generator, is_constant
from .order import Order, rate_deps, var_deps

_UNARY = {
    "ABS": "np.abs",
    "EXP": "np.exp",
    "LN": "np.log",
    "LOG10": "np.log10",
    "SQRT": "np.sqrt",
    "SIN": "np.sin",
    "COS": "np.cos",
    "TAN": "np.tan",
    "ARCSIN": "np.arcsin",
    "ARCCOS": "np.arccos",
    "ARCTAN": "np.arctan",
    "INT": "np.floor",
    "SIGN": "np.sign",
    "ROUND": "np.rint",
}


def _num(x: float) -> str:
    if math.isnan(x):
        return "np.nan"
    if math.isinf(x):
        return "np.inf" if x > 0 else "(-np.inf)"
    return repr(float(x))


class ScalarGenerator:
    """Emits per-member scalar source for a lowered, ordered model."""

    def __init__(self, ir: ModelIR, order: Order, semantics: str):
        self.ir = ir
        self.order = order
        self.ref_semantics = semantics == "reference"
        # scalars are locals v<i>; 1-D arrays are scratch arrays v<i> reused for every member
        self.ids = {name: f"v{i}" for i, name in enumerate(ir.variables)}
        self.tables: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self.issues: list[tuple[str, str]] = []
        self.np_gen = Generator(ir, order, semantics)  # element order, shared checks
        # name -> first column in INV of a shared variable; read from there while
        # ``read_shared`` is set (the member loop's dynamic block)
        self.shared: dict[str, int] = {}
        self.read_shared = False

    def size(self, v: Variable) -> int:
        return len(self.ir.dims[v.dims[0]]) if v.dims else 0

    def var(self, name: str, index: str | None = None) -> str:
        """Source reading variable *name*: whole (``index=None``) or one element."""
        vid = self.ids[name]
        if self.read_shared and name in self.shared:
            col = self.shared[name]
            if index is None:
                n = self.size(self.ir.variables[name])
                return f"INV[g, {col}:{col + n}]" if n else f"INV[g, {col}]"
            return f"INV[g, {col} + {index}]"
        return vid if index is None else f"{vid}[{index}]"

    # -- expressions ------------------------------------------------------------------------
    def ex(self, e: Expr, j: str | None, host: Variable) -> str:
        if isinstance(e, Num):
            return _num(e.value)
        if isinstance(e, Ref):
            v = self.ir.variables[e.name]
            if not v.dims:
                return self.var(e.name)
            assert e.subs is not None
            s = e.subs[0]
            if s == "*":
                return self.var(e.name)
            if s == v.dims[0]:
                if j is None:
                    self.issues.append(
                        (host.display, f"whole array '{v.display}' in a scalar equation")
                    )
                    return "0.0"
                return self.var(e.name, j)
            return self.var(e.name, str(self.ir.dims[v.dims[0]].index(s)))
        if isinstance(e, Unary):
            a = self.ex(e.operand, j, host)
            if e.op == "-":
                return f"(-{a})"
            if e.op == "+":
                return a
            return f"_not({a})"
        if isinstance(e, Binary):
            a = self.ex(e.left, j, host)
            b = self.ex(e.right, j, host)
            op = e.op
            if op in ("+", "-", "*", "/"):
                return f"({a} {op} {b})"
            if op == "^":
                return f"np.power({a}, {b})"
            if op == "MOD":
                return f"{'np.fmod' if self.ref_semantics else 'np.mod'}({a}, {b})"
            names = {
                "<": "_lt",
                "<=": "_le",
                ">": "_gt",
                ">=": "_ge",
                "=": "_eq",
                "<>": "_ne",
                "AND": "_and",
                "OR": "_or",
            }
            if op in names:
                return f"{names[op]}({a}, {b})"
            self.issues.append((host.display, f"operator {op}"))
            return "0.0"
        if isinstance(e, If):
            c = self.ex(e.cond, j, host)
            a = self.ex(e.then, j, host)
            b = self.ex(e.orelse, j, host)
            return f"_if({c}, {a}, {b})"
        assert isinstance(e, Call)
        return self.call(e, j, host)

    def call(self, e: Call, j: str | None, host: Variable) -> str:
        fn = e.fn
        if fn == "LOOKUP":
            table = e.args[0]
            assert isinstance(table, Ref)
            tv = self.ir.variables[table.name]
            if tv.gf is None:
                self.issues.append((host.display, f"LOOKUP on arrayed table '{tv.display}'"))
                return "0.0"
            return self.lookup(tv.gf, self.ex(e.args[1], j, host))
        a = [self.ex(x, j, host) for x in e.args]
        if fn == "INT" and self.ref_semantics:
            return f"np.trunc({a[0]})"
        if fn in _UNARY:
            return f"{_UNARY[fn]}({a[0]})"
        if fn in ("MIN", "MAX") and len(a) == 2:
            return f"np.{'minimum' if fn == 'MIN' else 'maximum'}({a[0]}, {a[1]})"
        if fn in ("MIN", "MAX", "SUM", "MEAN"):
            arg = e.args[0]
            if isinstance(arg, Ref) and self.ir.variables[arg.name].dims and arg.subs in (("*",),):
                how = {"MIN": "min", "MAX": "max", "SUM": "sum", "MEAN": "mean"}[fn]
                return f"np.{how}({self.var(arg.name)})"
            if fn in ("MIN", "MAX", "SUM", "MEAN") and not any(
                isinstance(n, Ref) and n.subs == ("*",) for n in [arg]
            ):
                return a[0]
            self.issues.append((host.display, f"{fn}() of an array expression"))
            return "0.0"
        if fn in ("SAFEDIV", "XIDZ"):
            x = a[2] if len(a) > 2 else "0.0"
            return f"_safediv({a[0]}, {a[1]}, {x})"
        if fn == "ZIDZ":
            return f"_safediv({a[0]}, {a[1]}, 0.0)"
        simple = {"PI": "np.pi", "TIME": "t", "DT": "dt", "STARTTIME": "t0", "STOPTIME": "t1"}
        if fn in simple:
            return simple[fn]
        if fn == "STEP":
            return f"_step(t, {a[0]}, {a[1]})"
        if fn == "RAMP":
            end = a[2] if len(a) > 2 else "np.inf"
            return f"_ramp(t, {a[0]}, {a[1]}, {end})"
        if fn == "PULSE":
            interval = a[2] if len(a) > 2 else "0.0"
            return f"_pulse(t, dt, {a[0]}, {a[1]}, {interval})"
        self.issues.append((host.display, f"function {fn}()"))
        return "0.0"

    def lookup(self, gf: Any, x: str) -> str:
        kind = gf.kind if self.ref_semantics else "continuous"
        name = f"G{len(self.tables)}"
        self.tables[name] = (np.asarray(gf.xpts, dtype=float), np.asarray(gf.ypts, dtype=float))
        fn = {"continuous": "_interp", "extrapolate": "_extrap", "discrete": "_discrete"}[kind]
        return f"{fn}({x}, {name}x, {name}y)"

    # -- variables --------------------------------------------------------------------------
    def assign(self, name: str, slots: dict[str, int]) -> list[str]:
        v = self.ir.variables[name]
        vid = self.ids[name]
        n = self.size(v)
        if name in slots and is_constant(v):
            s = slots[name]
            if not n:
                return [f"{vid} = P[m, {s}]"]
            return [f"for j in range({n}):", f"    {vid}[j] = P[m, {s} + j]"]
        if v.eqn is None and not v.elements:
            return [f"{vid} = np.nan"] if not n else []
        is_stock = v.kind == "stock"
        clamp = self.ref_semantics and v.kind == "flow" and v.non_negative

        def finish(src: str, gf: Any) -> str:
            if not is_stock and gf is not None:
                src = self.lookup(gf, src)
            if clamp:
                src = f"np.maximum({src}, 0.0)"
            return src

        if not n:
            assert v.eqn is not None
            return [f"{vid} = {finish(self.ex(v.eqn, None, v), v.gf)}"]
        if v.elements is None:
            assert v.eqn is not None
            return [
                f"for j in range({n}):",
                f"    {vid}[j] = {finish(self.ex(v.eqn, 'j', v), v.gf)}",
            ]
        elems = self.ir.dims[v.dims[0]]
        lines = []
        for idx in self.np_gen.element_order(v):
            key = elems[idx]
            gf = (v.gfs or {}).get(key, v.gf)
            lines.append(f"{vid}[{idx}] = {finish(self.ex(v.elements[key], None, v), gf)}")
        return lines

    def rate(self, v: Variable, j: str | None) -> str:
        if v.rate is not None:
            return self.ex(v.rate, j, v)

        def term(f: str) -> str:
            fv = self.ir.variables[f]
            return self.var(f, j) if fv.dims and j is not None else self.var(f)

        ins = " + ".join(term(f) for f in v.inflows) or "0.0"
        outs = " + ".join(term(f) for f in v.outflows)
        return f"({ins}) - ({outs})" if outs else f"({ins})"


def elementwise(n: int, indent: str, line: Any) -> list[str]:
    """Source of ``line(index)`` for each of *n* elements (a loop over ``j``), or of
    ``line(None)`` once for a scalar (``n == 0``)."""
    if n:
        return [indent + f"for j in range({n}):", indent + "    " + line("j")]
    return [indent + line(None)]


def slot_layout(
    ir: ModelIR, saved: frozenset[str] | None = None
) -> tuple[dict[str, int], int, dict[str, int], int]:
    """Parameter slots of constants and save slots of every visible value (or of those
    named in *saved*)."""
    pslots: dict[str, int] = {}
    p = 0
    sslots: dict[str, int] = {}
    s = 0
    for name, v in ir.variables.items():
        n = len(ir.dims[v.dims[0]]) if v.dims else 0
        if is_constant(v):
            pslots[name] = p
            p += max(n, 1)
        if (v.eqn is not None or v.elements) and not v.hidden and (saved is None or name in saved):
            sslots[name] = s
            s += max(n, 1)
    return pslots, p, sslots, s


def shared_variables(ir: ModelIR, order: Order, varying: frozenset[str] | None) -> list[str]:
    """Dynamic variables with one value for every member at a given time, in order."""
    member = member_variables(ir, order, varying)
    return [n for n in order.dynamic if n not in member]


def state_layout(ir: ModelIR) -> list[tuple[str, int, int]]:
    """``(name, first row, elements)`` of a member's state: its stocks (hidden ones too).

    ``INIT`` values are not part of it: a resumed run has the same start, so it computes
    them again, equal.
    """
    out: list[tuple[str, int, int]] = []
    r = 0
    for name, v in ir.variables.items():
        if v.kind == "stock":
            n = len(ir.dims[v.dims[0]]) if v.dims else 0
            out.append((name, r, n))
            r += max(n, 1)
    return out


@dataclass
class Generated:
    """Source of the member and shared functions, with the layouts :mod:`.kernel` needs."""

    src: str
    glb: dict[str, Any]
    pslots: dict[str, int]
    n_params: int
    sslots: dict[str, int]
    shared: dict[str, int]  # shared variable -> first column of INV
    n_shared: int
    state: list[tuple[str, int, int]] = field(default_factory=list)
    fixed_rows: list[int] = field(default_factory=list)  # rows of P equal in all members

    @property
    def n_state(self) -> int:
        return sum(max(n, 1) for _, _, n in self.state)


def generate(
    ir: ModelIR,
    order: Order,
    method: str,
    semantics: str = "pysimlin",
    varying: frozenset[str] | None = None,
    saved: frozenset[str] | None = None,
) -> Generated:
    """Source of ``_run_members`` and ``_run_shared`` and what they need.

    ``varying`` names the constants members may differ in (``None``: all); the others must
    be equal in every member of a run (see :func:`shared_variables`). ``saved`` names the
    variables a run can keep (``None``: every visible one).
    """
    ir, order = hoist(ir, order, varying)
    e = _Emitter(ir, order, method, semantics, varying, saved)
    shared_src, member_src = e.shared_function(), e.member_function()
    if e.g.issues:
        raise NotCovered(ir.path, e.g.issues)
    src = "\n".join(shared_src) + "\n\n\n" + "\n".join(member_src) + "\n"
    glb: dict[str, Any] = {}
    for name, (xs, ys) in e.g.tables.items():
        glb[f"{name}x"] = xs
        glb[f"{name}y"] = ys
    fixed_rows: list[int] = []
    if varying is not None:
        for name, row in e.pslots.items():
            if name not in varying:
                fixed_rows += range(row, row + max(e.g.size(ir.variables[name]), 1))
    return Generated(
        src,
        glb,
        e.pslots,
        e.n_params,
        e.sslots,
        dict(e.g.shared),
        e.n_shared,
        e.state,
        fixed_rows,
    )


IND = "    "


class _Emitter:
    """Writes the lines of the two kernel functions of one hoisted model.

    Construction lays out the parameter, save, shared and state slots and generates the
    initial, shared and member blocks (in that order: the member block reads the shared
    values); :meth:`shared_function` and :meth:`member_function` then assemble the source.
    """

    def __init__(
        self,
        ir: ModelIR,
        order: Order,
        method: str,
        semantics: str,
        varying: frozenset[str] | None,
        saved: frozenset[str] | None = None,
    ):
        self.ir, self.order = ir, order
        self.g = g = ScalarGenerator(ir, order, semantics)
        self.pslots, self.n_params, self.sslots, self.n_save_slots = slot_layout(ir, saved)
        self.stocks = [n for n, v in ir.variables.items() if v.kind == "stock"]
        self.shared_names = shared_variables(ir, order, varying)
        self.member_dyn = [n for n in order.dynamic if n not in set(self.shared_names)]
        self.n_shared = self._shared_columns()
        self.state = state_layout(ir)
        self.rk4 = method == "rk4"
        self.init = self.block(order.init)
        needed = self._shared_needs()
        self.shared_init = self.block([n for n in order.init if n in needed and n not in g.shared])
        self.shared_dyn = self.block(self.shared_names)
        g.read_shared = True
        self.member_block = self.block(self.member_dyn)
        self.clamp = {s for s in self.stocks if ir.variables[s].non_negative and g.ref_semantics}

    def _shared_columns(self) -> int:
        """Columns of INV: the shared values the member loop reads first (one short stretch
        of each row), then those kept only for saving. Returns their number."""
        ir, g = self.ir, self.g
        read: set[str] = set()
        for name in self.member_dyn:
            read |= var_deps(ir.variables[name])[0]
        for s in self.stocks:
            read |= rate_deps(ir.variables[s])
        col = 0
        for name in sorted(self.shared_names, key=lambda x: x not in read):
            g.shared[name] = col
            col += max(g.size(ir.variables[name]), 1)
        return col

    def _shared_needs(self) -> set[str]:
        """The constants and static values the shared variables read (transitively)."""
        needed: set[str] = set()
        todo = list(self.shared_names)
        while todo:
            for dep in var_deps(self.ir.variables[todo.pop()])[0] - needed:
                needed.add(dep)
                todo.append(dep)
        return needed

    def block(self, names: list[str]) -> list[str]:
        out: list[str] = []
        for name in names:
            out += self.g.assign(name, self.pslots)
        return out

    def allocations(self, with_stages: bool) -> list[str]:
        out = []
        for name, v in self.ir.variables.items():
            size = self.g.size(v)
            if size:
                vid = self.g.ids[name]
                out.append(IND + f"{vid} = np.zeros({size})")
                if with_stages and v.kind == "stock":
                    out.append(IND + f"r_{vid} = np.zeros({size})")
                    if self.rk4:
                        for pre in ("S", "K1", "K2", "K3", "K4"):
                            out.append(IND + f"{pre}_{vid} = np.zeros({size})")
        return out

    # -- the shared function: shared variables on the time grid, once per run ------------

    def shared_function(self) -> list[str]:
        S = ["def _run_shared(P, n_steps, t0, dt, t1, INV):", *self.allocations(False)]
        S.append(IND + "m = 0")
        S.append(IND + "t = t0")
        S += [IND + x for x in self.shared_init]
        S.append(IND + "for i in range(n_steps + 1):")
        c = IND * 2
        S.append(c + "t = t0 + i * dt")
        S += [c + x for x in self.shared_dyn]
        S += self.store_shared("2 * i" if self.rk4 else "i")
        if self.rk4:
            S.append(c + "if i < n_steps:")
            S.append(c + IND + "t = t0 + (i + 0.5) * dt")
            S += [c + IND + x for x in self.shared_dyn]
            S += [IND + x for x in self.store_shared("2 * i + 1")]
        return S

    def store_shared(self, row: str) -> list[str]:
        out = []
        g, c = self.g, IND * 2
        for name in self.shared_names:
            vid, col0 = g.ids[name], g.shared[name]
            out += elementwise(
                g.size(self.ir.variables[name]),
                c,
                lambda j, vid=vid, col0=col0: (
                    f"INV[{row}, {col0}{' + j' if j else ''}] = {vid}{'[j]' if j else ''}"
                ),
            )
        return out

    # -- the member function ------------------------------------------------------------

    def member_function(self) -> list[str]:
        L = [
            "def _run_members(P, M, n_steps, t0, dt, t1, SAVE, SEL, OUT, BAD, INV, I0, X0, IS, "
            "XS):",
            IND + f"ALL = np.empty({max(self.n_save_slots, 1)})",
            *self.allocations(True),
        ]
        L.append(IND + "for m in range(M):")
        b = IND * 2
        L.append(b + "t = t0")
        L += [b + s for s in self.init]
        L.append(b + "if I0 > 0:")
        L += self.state_copy(False, b + IND)
        L.append(b + "for i in range(I0, n_steps + 1):")
        c = IND * 3
        L.append(c + "t = t0 + i * dt")
        L.append(c + "js = IS[i]")  # the index of the state kept at step i, or -1
        L.append(c + "if js >= 0:")
        L += self.state_copy(True, c + IND)
        L.append(c + f"g = {'2 * i' if self.rk4 else 'i'}")
        L += [c + s for s in self.member_block]
        L += self.saving()
        L += self.rk4_step() if self.rk4 else self.euler_step()
        return L

    def state_copy(self, to_state: bool, indent: str) -> list[str]:
        """Lines copying the state into ``XS`` (or back from ``X0``)."""
        out = []
        for name, row, n in self.state:
            vid = self.g.ids[name]

            def line(j: str | None, vid: str = vid, row: int = row) -> str:
                local, at = vid + ("[j]" if j else ""), f"{row}{' + j' if j else ''}"
                return f"XS[js, m, {at}] = {local}" if to_state else f"{local} = X0[m, {at}]"

            out += elementwise(n, indent, line)
        return out or [indent + "pass"]  # a kernel pruned to outputs without stocks

    def saving(self) -> list[str]:
        """Lines saving the selected outputs at a save step, and flagging a blow-up."""
        g, ir = self.g, self.ir
        c, d = IND * 3, IND * 4
        L = [c + "k = SAVE[i]", c + "if k >= 0:"]
        for name, slot in self.sslots.items():
            n = g.size(ir.variables[name])
            src = g.var(name, "j") if n else g.var(name)
            if n:
                L.append(d + f"for j in range({n}):")
                L.append(d + IND + f"ALL[{slot} + j] = {src}")
            else:
                L.append(d + f"ALL[{slot}] = {src}")
        acc = [f"np.sum({g.ids[s]})" if ir.variables[s].dims else g.ids[s] for s in self.stocks]
        L.append(d + "for q in range(SEL.shape[0]):")
        L.append(d + IND + "OUT[m, q, k] = ALL[SEL[q]]")
        if acc:
            L.append(d + f"if BAD[m] < 0 and not np.isfinite({' + '.join(acc)}):")
            L.append(d + IND + "BAD[m] = k")
        L.append(c + "if i == n_steps:")
        L.append(d + "break")
        return L

    def update(
        self, target: str, base: str, delta: str, name: str, n: int, indent: str
    ) -> list[str]:
        """Lines setting stock *target* = base + delta (arrays elementwise)."""
        clamped = name in self.clamp and target == self.g.ids[name] and base.startswith("S_")
        if n:
            expr = f"{base}[j] + {delta.replace('@', '[j]')}"
            if clamped:
                expr = f"np.maximum({expr}, 0.0)"
            return [indent + f"for j in range({n}):", indent + IND + f"{target}[j] = {expr}"]
        expr = f"{base} + {delta.replace('@', '')}"
        if clamped:
            expr = f"np.maximum({expr}, 0.0)"
        return [indent + f"{target} = {expr}"]

    def rates(self, prefix: str) -> list[str]:
        out: list[str] = []
        c = IND * 3
        for s in self.stocks:
            v = self.ir.variables[s]
            vid = self.g.ids[s]
            n = self.g.size(v)
            if n:
                out += [
                    c + f"for j in range({n}):",
                    c + IND + f"{prefix}_{vid}[j] = {self.g.rate(v, 'j')}",
                ]
            else:
                out.append(c + f"{prefix}_{vid} = {self.g.rate(v, None)}")
        return out

    def euler_step(self) -> list[str]:
        c = IND * 3
        L = self.rates("r")
        for s in self.stocks:
            vid = self.g.ids[s]
            n = self.g.size(self.ir.variables[s])
            if n:
                expr = f"{vid}[j] + dt * r_{vid}[j]"
                if s in self.clamp:
                    expr = f"np.maximum({expr}, 0.0)"
                L += [c + f"for j in range({n}):", c + IND + f"{vid}[j] = {expr}"]
            else:
                expr = f"{vid} + dt * r_{vid}"
                if s in self.clamp:
                    expr = f"np.maximum({expr}, 0.0)"
                L.append(c + f"{vid} = {expr}")
        return L

    def rk4_step(self) -> list[str]:
        c, g, ir = IND * 3, self.g, self.ir
        L: list[str] = []
        for s in self.stocks:
            vid = g.ids[s]
            L += elementwise(
                g.size(ir.variables[s]),
                c,
                lambda j, vid=vid: f"S_{vid}{'[j]' if j else ''} = {vid}{'[j]' if j else ''}",
            )
        L += self.rates("K1")
        for stage, (frac, kprev, grid_row) in enumerate(
            [("0.5", "K1", "2 * i + 1"), ("0.5", "K2", "2 * i + 1"), ("1.0", "K3", "2 * i + 2")],
            start=2,
        ):
            L.append(c + f"t = t0 + (i + {frac}) * dt")
            L.append(c + f"g = {grid_row}")
            for s in self.stocks:
                vid = g.ids[s]
                n = g.size(ir.variables[s])
                L += self.update(vid, f"S_{vid}", f"{frac} * dt * {kprev}_{vid}@", s, n, c)
            L += [c + x for x in self.member_block]
            L += self.rates(f"K{stage}")
        for s in self.stocks:
            vid = g.ids[s]
            n = g.size(ir.variables[s])
            delta = f"dt / 6.0 * (K1_{vid}@ + 2.0 * K2_{vid}@ + 2.0 * K3_{vid}@ + K4_{vid}@)"
            L += self.update(vid, f"S_{vid}", delta, s, n, c)
        return L


_HELPERS = """
def _interp(x, xs, ys):
    n = xs.shape[0]
    if not (x > xs[0]):
        return ys[0] if x == x else x
    if x >= xs[n - 1]:
        return ys[n - 1]
    lo = 0
    hi = n - 1
    while hi - lo > 1:
        mid = (lo + hi) >> 1
        if xs[mid] <= x:
            lo = mid
        else:
            hi = mid
    slope = (ys[lo + 1] - ys[lo]) / (xs[lo + 1] - xs[lo])
    return slope * (x - xs[lo]) + ys[lo]


def _extrap(x, xs, ys):
    n = xs.shape[0]
    if n > 1 and x < xs[0]:
        return ys[0] + (ys[1] - ys[0]) / (xs[1] - xs[0]) * (x - xs[0])
    if n > 1 and x > xs[n - 1]:
        return ys[n - 1] + (ys[n - 1] - ys[n - 2]) / (xs[n - 1] - xs[n - 2]) * (x - xs[n - 1])
    return _interp(x, xs, ys)


def _discrete(x, xs, ys):
    n = xs.shape[0]
    i = 0
    while i + 1 < n and xs[i + 1] <= x:
        i += 1
    return ys[i]


def _if(c, a, b):
    return a if c != 0.0 else b


def _lt(a, b):
    return 1.0 if a < b else 0.0


def _le(a, b):
    return 1.0 if a <= b else 0.0


def _gt(a, b):
    return 1.0 if a > b else 0.0


def _ge(a, b):
    return 1.0 if a >= b else 0.0


def _eq(a, b):
    return 1.0 if a == b else 0.0


def _ne(a, b):
    return 1.0 if a != b else 0.0


def _and(a, b):
    return 1.0 if (a != 0.0 and b != 0.0) else 0.0


def _or(a, b):
    return 1.0 if (a != 0.0 or b != 0.0) else 0.0


def _not(a):
    return 1.0 if a == 0.0 else 0.0


def _safediv(a, b, x):
    return x if b == 0.0 else a / b


def _step(t, height, start):
    return height if t >= start else 0.0


def _ramp(t, slope, start, end):
    if not (t > start):
        return 0.0
    tt = t if t < end else end
    return slope * (tt - start)


def _pulse(t, dt, magnitude, first, interval):
    eps = dt * 1e-9
    since = t - first
    if interval > 0.0:
        k = np.floor((since + eps) / interval)
        if k > 0.0:
            since = since - k * interval
    if since >= -eps and since < dt - eps:
        return magnitude / dt
    return 0.0
"""


_HELPER_NAMES = (
    "_interp",
    "_extrap",
    "_discrete",
    "_ramp",
    "_pulse",
    "_if",
    "_lt",
    "_le",
    "_gt",
    "_ge",
    "_eq",
    "_ne",
    "_and",
    "_or",
    "_not",
    "_safediv",
    "_step",
)


def cache_dir() -> Path | None:
    """Where compiled kernels are kept: ``$DOOMLOOP_KERNEL_CACHE`` or ``~/.cache/doomloop``.

    Set ``DOOMLOOP_KERNEL_CACHE=off`` to compile in memory only.
    """
    env = os.environ.get("DOOMLOOP_KERNEL_CACHE")
    if env and env.lower() in ("off", "0", "no", "false"):
        return None
    d = Path(env) if env else Path.home() / ".cache" / "doomloop" / "kernel"
    try:
        d.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return d if os.access(d, os.W_OK) else None


def _module_source(src: str, glb: dict[str, Any], cache: bool) -> str:
    """A self-contained module: helpers, lookup tables and the jitted run function."""
    jit = f'numba.njit(error_model="numpy", nogil=True, cache={cache})'
    lines = [
        '"""Generated by doomloop.kernel.numba_backend; do not edit."""',
        "import numba",
        "import numpy as np",
        "",
    ]
    helper_src = _HELPERS
    for h in _HELPER_NAMES:
        helper_src = helper_src.replace(f"\ndef {h}(", f"\n@{jit}\ndef {h}(")
    lines.append(helper_src)
    for name, arr in glb.items():
        lines.append(f"{name} = np.array({[float(x) for x in arr]!r})")
    lines += [
        "f8, i8 = numba.float64, numba.int64",
        "SIG_SHARED = numba.void(f8[:, ::1], i8, f8, f8, f8, f8[:, ::1])",
        "SIG = numba.void(",
        "    f8[:, ::1], i8, i8, f8, f8, f8, i8[::1], i8[::1], f8[:, :, ::1], i8[::1],",
        "    f8[:, ::1], i8, f8[:, ::1], i8[::1], f8[:, :, :],",
        ")",
        "",
    ]
    shared, members = src.split("\n\n\n")
    lines += [
        f'@numba.njit(SIG_SHARED, error_model="numpy", nogil=True, cache={cache})',
        shared,
        "",
        f'@numba.njit(SIG, error_model="numpy", nogil=True, cache={cache})',
        members,
    ]
    return "\n".join(lines) + "\n"


def _key_and_text(src: str, glb: dict[str, Any], cache: bool) -> tuple[str, str]:
    import numba

    text = _module_source(src, glb, cache=cache)
    key = hashlib.sha256(
        (text + numba.__version__ + np.__version__ + sys.version).encode()
    ).hexdigest()[:20]
    return key, text


def is_cached(src: str, glb: dict[str, Any]) -> bool:
    """True when a compiled copy of this source is in :func:`cache_dir` (loads quickly)."""
    d = cache_dir()
    if d is None:
        return False
    key, _ = _key_and_text(src, glb, cache=True)
    return any((d / "__pycache__").glob(f"k_{key}._run_members-*.nbi"))


def compile_members(src: str, glb: dict[str, Any], filename: str) -> tuple[Any, Any]:
    """Compile the generated source with numba; return ``(_run_members, _run_shared)``.

    The module is written to :func:`cache_dir` under a hash of its text and numba's cache
    is on, so a model compiles once per machine (later processes load it in well under a
    second). Without a writable cache directory it compiles in memory.
    """
    import importlib.util

    d = cache_dir()
    key, text = _key_and_text(src, glb, cache=d is not None)
    if d is None:
        ns: dict[str, Any] = {"__name__": f"doomloop_kernel_{key}"}
        exec(compile(text, filename, "exec"), ns)
        return ns["_run_members"], ns["_run_shared"]
    path = d / f"k_{key}.py"
    if not path.exists():
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    spec = importlib.util.spec_from_file_location(f"doomloop_kernel_{key}", path)
    assert spec is not None and spec.loader is not None
    module = sys.modules.get(spec.name)
    if module is None:
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # numba's cache resolves globals by module name
        spec.loader.exec_module(module)
    return module._run_members, module._run_shared
