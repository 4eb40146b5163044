"""Generate and compile the NumPy source of a whole run, every member at once.

:func:`generate` writes one Python function ``_run`` holding every variable as a local:
an init block (stock initial values, constants, ``INIT`` values), then the time loop with
the dynamic block, saving of the requested outputs and the Euler or RK4 update. A scalar
variable is a float or a ``(members,)`` array; a 1-D array variable is an
``(elements, members)`` array. The source is compiled once per kernel and output set.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .builtins import PURE, namespace
from .errors import NotCovered
from .ir import Binary, Call, Expr, If, ModelIR, Num, Ref, Unary, Variable, walk
from .order import Order


@dataclass
class Layout:
    """How model variables map to locals of the generated code."""

    ids: dict[str, str]
    constants: list[str]  # variables read from the parameter dict P
    tables: dict[str, tuple[np.ndarray, np.ndarray, str]] = field(default_factory=dict)


def _num(x: float) -> str:
    if math.isnan(x):
        return "_nan"
    if math.isinf(x):
        return "_inf" if x > 0 else "(-_inf)"
    return repr(float(x))


def is_constant(v: Variable) -> bool:
    """True for a plain number (or array of numbers) that a run may override per member."""
    if v.kind == "stock" or v.hidden or v.gf is not None or v.gfs:
        return False
    exprs = list(v.expressions())
    return bool(exprs) and all(isinstance(e, Num) for e in exprs)


class Generator:
    """Turns a lowered, ordered :class:`ModelIR` into Python source."""

    def __init__(self, ir: ModelIR, order: Order, semantics: str = "pysimlin"):
        self.semantics = semantics
        self.ref_semantics = semantics == "reference"
        self.ir = ir
        self.order = order
        self.ids = {name: f"v{i}" for i, name in enumerate(ir.variables)}
        self.constants = [n for n, v in ir.variables.items() if is_constant(v)]
        self.tables: dict[str, tuple[np.ndarray, np.ndarray, str]] = {}
        self.issues: list[tuple[str, str]] = []

    # -- expressions ---------------------------------------------------------------------------
    def ex(self, e: Expr, host: Variable) -> tuple[str, bool]:
        """Source of *e* and whether it is a whole ``(elements, members)`` array."""
        if isinstance(e, Num):
            return _num(e.value), False
        if isinstance(e, Ref):
            return self.ref(e)
        if isinstance(e, Unary):
            s, arr = self.ex(e.operand, host)
            if e.op == "-":
                return f"(-{s})", arr
            if e.op == "+":
                return s, arr
            return f"_not({s})", arr
        if isinstance(e, Binary):
            if isinstance(e.left, Num) and isinstance(e.right, Num):
                return self.fold(e, host)
            a, aa = self.ex(e.left, host)
            b, ba = self.ex(e.right, host)
            arr = aa or ba
            op = e.op
            if op in ("+", "-", "*", "/"):
                return f"({a} {op} {b})", arr
            if op == "^":
                return f"_pow({a}, {b})", arr
            if op == "MOD":
                return f"{'np.fmod' if self.ref_semantics else '_mod'}({a}, {b})", arr
            if op in ("<", "<=", ">", ">="):
                return f"({a} {op} {b})", arr
            if op == "=":
                return f"({a} == {b})", arr
            if op == "<>":
                return f"({a} != {b})", arr
            if op == "AND":
                return f"_and({a}, {b})", arr
            if op == "OR":
                return f"_or({a}, {b})", arr
            self.issues.append((host.display, f"operator {op}"))
            return "0.0", False
        if isinstance(e, If):
            c, ca = self.ex(e.cond, host)
            a, aa = self.ex(e.then, host)
            b, ba = self.ex(e.orelse, host)
            return f"_where({c}, {a}, {b})", ca or aa or ba
        assert isinstance(e, Call)
        return self.call(e, host)

    def fold(self, e: Binary, host: Variable) -> tuple[str, bool]:
        a = np.float64(e.left.value)  # type: ignore[union-attr]
        b = np.float64(e.right.value)  # type: ignore[union-attr]
        ops = {
            "+": np.add,
            "-": np.subtract,
            "*": np.multiply,
            "/": np.divide,
            "^": np.power,
            "MOD": np.mod,
            "<": np.less,
            "<=": np.less_equal,
            ">": np.greater,
            ">=": np.greater_equal,
            "=": np.equal,
            "<>": np.not_equal,
            "AND": np.logical_and,
            "OR": np.logical_or,
        }
        if e.op not in ops:
            self.issues.append((host.display, f"operator {e.op}"))
            return "0.0", False
        with np.errstate(all="ignore"):
            value = float(ops[e.op](a, b))
        return _num(value), False

    def ref(self, e: Ref) -> tuple[str, bool]:
        v = self.ir.variables[e.name]
        vid = self.ids[e.name]
        if not v.dims:
            return vid, False
        assert e.subs is not None
        s = e.subs[0]
        if s == "*" or s == v.dims[0]:
            return vid, True
        idx = self.ir.dims[v.dims[0]].index(s)
        return f"{vid}[{idx}]", False

    def call(self, e: Call, host: Variable) -> tuple[str, bool]:
        fn = e.fn
        if fn == "LOOKUP":
            table = e.args[0]
            assert isinstance(table, Ref)
            x, xa = self.ex(e.args[1], host)
            tv = self.ir.variables[table.name]
            if tv.gf is None:
                self.issues.append((host.display, f"LOOKUP on arrayed table '{tv.display}'"))
                return "0.0", False
            return self.lookup(tv, tv.gf, x, scalar=_member_free(e.args[1])), xa
        args = [self.ex(a, host) for a in e.args]
        srcs = [a[0] for a in args]
        arr = any(a[1] for a in args)
        if fn == "INT" and self.ref_semantics:
            return f"np.trunc({srcs[0]})", arr
        if fn in PURE:
            return f"{PURE[fn]}({srcs[0]})", arr
        if fn in ("MIN", "MAX") and len(args) == 2:
            return f"_{fn.lower()}({srcs[0]}, {srcs[1]})", arr
        if fn in ("MIN", "MAX", "SUM", "MEAN"):
            how = {"MIN": "min", "MAX": "max", "SUM": "sum", "MEAN": "mean"}[fn]
            return f"_reduce({srcs[0]}, {how!r})", False
        if fn == "SAFEDIV":
            return f"_safediv({', '.join(srcs)})", arr
        if fn == "XIDZ":
            return f"_safediv({', '.join(srcs)})", arr
        if fn == "ZIDZ":
            return f"_safediv({srcs[0]}, {srcs[1]})", arr
        if fn == "PI":
            return "_pi", False
        if fn == "TIME":
            return "t", False
        if fn == "DT":
            return "dt", False
        if fn == "STARTTIME":
            return "t0", False
        if fn == "STOPTIME":
            return "t1", False
        if fn == "STEP":
            return f"_step(t, {srcs[0]}, {srcs[1]})", arr
        if fn == "RAMP":
            return f"_ramp(t, {', '.join(srcs)})", arr
        if fn == "PULSE":
            return f"_pulse(t, dt, {', '.join(srcs)})", arr
        self.issues.append((host.display, f"function {fn}()"))
        return "0.0", False

    def lookup(self, owner: Variable, gf: Any, x: str, scalar: bool = False) -> str:
        """A call of graphical function *gf* at *x* (pysimlin reads every gf as continuous)."""
        kind = gf.kind if self.ref_semantics else "continuous"
        name = f"G{len(self.tables)}"
        self.tables[name] = (
            np.asarray(gf.xpts, dtype=float),
            np.asarray(gf.ypts, dtype=float),
            kind,
        )
        if kind == "continuous" and scalar:
            return f"_interp1({x}, {name}xl, {name}yl)"
        if kind == "continuous":
            return f"np.interp({x}, {name}x, {name}y)"
        return f"_lookup({x}, {name}x, {name}y, {kind!r})"

    # -- variables -----------------------------------------------------------------------------
    def assign(self, name: str) -> list[str]:
        v = self.ir.variables[name]
        vid = self.ids[name]
        if name in self.constants:
            return [f"{vid} = P[{name!r}]"]
        if v.kind == "stock":
            # in the init block: the initial value; stocks are never recomputed otherwise
            return self.value_lines(v, vid, apply_gf=False, clamp=False)
        clamp = self.ref_semantics and v.kind == "flow" and v.non_negative
        return self.value_lines(v, vid, apply_gf=True, clamp=clamp)

    def value_lines(self, v: Variable, vid: str, apply_gf: bool, clamp: bool) -> list[str]:
        def finish(src: str, gf: Any, expr: Expr | None = None) -> str:
            if apply_gf and gf is not None:
                src = self.lookup(v, gf, src, scalar=expr is not None and _member_free(expr))
            if clamp:
                src = f"_max({src}, 0.0)"
            return src

        if v.eqn is None and not v.elements:
            # a table called by name only: it has no value of its own
            return [f"{vid} = _nan"]
        if not v.dims:
            assert v.eqn is not None
            src, arr = self.ex(v.eqn, v)
            if arr:
                self.issues.append((v.display, "array used whole in a scalar equation"))
            return [f"{vid} = {finish(src, v.gf, v.eqn)}"]
        n = len(self.ir.dims[v.dims[0]])
        if v.elements is None:
            assert v.eqn is not None
            src, _ = self.ex(v.eqn, v)
            return [f"{vid} = _full({finish(src, v.gf)}, {n}, M)"]
        lines = [f"{vid} = np.empty(({n}, M))"]
        elems = self.ir.dims[v.dims[0]]
        for idx in self.element_order(v):
            key = elems[idx]
            src, arr = self.ex(v.elements[key], v)
            if arr:
                self.issues.append((v.display, f"array used whole in element '{key}'"))
            gf = (v.gfs or {}).get(key, v.gf)
            lines.append(f"{vid}[{idx}] = {finish(src, gf)}")
        return lines

    def element_order(self, v: Variable) -> list[int]:
        """Element indices of a non-apply-to-all array, each after the elements it reads."""
        assert v.elements is not None
        elems = list(self.ir.dims[v.dims[0]])
        deps: dict[int, set[int]] = {}
        for i, key in enumerate(elems):
            ds: set[int] = set()
            for node in walk(v.elements[key]):
                if isinstance(node, Ref) and node.name == v.name and node.subs:
                    s = node.subs[0]
                    if s in elems:
                        ds.add(elems.index(s))
                    else:
                        ds.update(range(len(elems)))
            deps[i] = ds
        out: list[int] = []
        done: set[int] = set()
        while len(out) < len(elems):
            progress = False
            for i in range(len(elems)):
                if i not in done and deps[i] <= done:
                    out.append(i)
                    done.add(i)
                    progress = True
            if not progress:
                self.issues.append((v.display, "elements that depend on each other"))
                return list(range(len(elems)))
        return out

    def rate(self, v: Variable) -> str:
        if v.rate is not None:
            src, _ = self.ex(v.rate, v)
            return src
        ins = " + ".join(self.ids[f] for f in v.inflows) or "0.0"
        outs = " + ".join(self.ids[f] for f in v.outflows)
        return f"({ins}) - ({outs})" if outs else f"({ins})"


def _member_free(e: Expr) -> bool:
    """True when *e* reads no variable (only numbers and the clock): a plain float."""
    return not any(isinstance(n, Ref) for n in walk(e))


def generate(
    ir: ModelIR,
    order: Order,
    outputs: list[tuple[str, int | None]],
    method: str,
    semantics: str = "pysimlin",
) -> tuple[str, Layout]:
    """Python source of ``_run`` for *ir* keeping *outputs* ``(variable, element index)``.

    *semantics* ``"pysimlin"`` (default) matches pysimlin 0.8: ``<non_negative/>`` is
    ignored, ``INT`` floors and ``MOD`` takes the divisor's sign. ``"reference"`` matches
    the test collection's reference tools: non-negative flows and stocks are clamped at 0,
    ``INT`` truncates and ``MOD`` takes the dividend's sign.

    Raises
    ------
    NotCovered
        When an expression cannot be compiled.
    """
    g = Generator(ir, order, semantics)
    stocks = [n for n, v in ir.variables.items() if v.kind == "stock"]
    dyn: list[str] = []
    for n in order.dynamic:
        dyn += g.assign(n)
    init: list[str] = []
    for n in order.init:
        init += g.assign(n)
    rates = {s: g.rate(ir.variables[s]) for s in stocks}
    if g.issues:
        raise NotCovered(ir.path, g.issues)

    ind = "    "
    L: list[str] = ["def _run(P, M, n_steps, t0, dt, t1, SAVE, OUT, BAD):"]
    L.append(ind + "t = t0")
    L += [ind + s for s in init]
    # the saving block
    save: list[str] = []
    for j, (name, idx) in enumerate(outputs):
        ref = g.ids[name] + (f"[{idx}]" if idx is not None else "")
        save.append(f"OUT[{j}][k] = {ref}")
    acc_terms = []
    for s in stocks:
        vid = g.ids[s]
        acc_terms.append(f"{vid}.sum(axis=0)" if ir.variables[s].dims else vid)
    acc = " + ".join(acc_terms) if acc_terms else "0.0"
    save += [
        f"_bad = ~np.isfinite({acc})",
        "if np.any(_bad):",
        ind + "BAD[np.broadcast_to(_bad, BAD.shape) & (BAD < 0)] = k",
    ]
    clamp = {s for s in stocks if ir.variables[s].non_negative and g.ref_semantics}

    L.append(ind + "for i in range(n_steps + 1):")
    b = ind * 2
    L.append(b + "t = t0 + i * dt")
    L += [b + s for s in dyn]
    L.append(b + "k = SAVE[i]")
    L.append(b + "if k >= 0:")
    L += [b + ind + s for s in save]
    L.append(b + "if i == n_steps:")
    L.append(b + ind + "break")
    if method == "euler":
        for s in stocks:
            L.append(b + f"r_{g.ids[s]} = {rates[s]}")
        for s in stocks:
            vid = g.ids[s]
            upd = f"{vid} + dt * r_{vid}"
            L.append(b + f"{vid} = {'_max(' + upd + ', 0.0)' if s in clamp else upd}")
    else:
        for s in stocks:
            L.append(b + f"S_{g.ids[s]} = {g.ids[s]}")
            L.append(b + f"K1_{g.ids[s]} = {rates[s]}")
        for stage, (frac, kprev) in enumerate(
            [("0.5", "K1"), ("0.5", "K2"), ("1.0", "K3")], start=2
        ):
            L.append(b + f"t = t0 + (i + {frac}) * dt")
            for s in stocks:
                vid = g.ids[s]
                L.append(b + f"{vid} = S_{vid} + {frac} * dt * {kprev}_{vid}")
            L += [b + s for s in dyn]
            for s in stocks:
                L.append(b + f"K{stage}_{g.ids[s]} = {rates[s]}")
        for s in stocks:
            vid = g.ids[s]
            upd = f"S_{vid} + dt / 6.0 * (K1_{vid} + 2.0 * K2_{vid} + 2.0 * K3_{vid} + K4_{vid})"
            L.append(b + f"{vid} = {'_max(' + upd + ', 0.0)' if s in clamp else upd}")
    src = "\n".join(L) + "\n"
    layout = Layout(dict(g.ids), list(g.constants), dict(g.tables))
    return src, layout


def compile_run(src: str, layout: Layout, filename: str) -> Any:
    """Compile the generated source once; return the ``_run`` function."""
    ns = namespace()
    for name, (xs, ys, _kind) in layout.tables.items():
        ns[f"{name}x"] = xs
        ns[f"{name}y"] = ys
        ns[f"{name}xl"] = [float(x) for x in xs]
        ns[f"{name}yl"] = [float(y) for y in ys]
    code = compile(src, filename, "exec")
    exec(code, ns)
    return ns["_run"]
