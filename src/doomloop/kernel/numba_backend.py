"""Generate a numba-compiled, per-member scalar loop for a whole run.

The NumPy backend pays Python's per-operation cost once per variable and step, which
dominates for small ensembles. This backend writes one function that loops over members
and, inside, over time, with every scalar variable a machine-level local and every 1-D
array a small scratch array reused for all members. It is compiled once per kernel and
integration method (``numba.njit(nogil=True, error_model="numpy")``, so division by zero
gives inf/NaN as in NumPy); the variables to keep are chosen at run time by slot index.
``nogil`` lets :meth:`Kernel.run` split members over threads.
"""

from __future__ import annotations

import hashlib
import math
import os
import sys
from pathlib import Path
from typing import Any

import numpy as np

from .errors import NotCovered
from .ir import Binary, Call, Expr, If, ModelIR, Num, Ref, Unary, Variable
from .numpy_backend import Generator, is_constant
from .order import Order

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
        # scalars live in the vector X, 1-D arrays in the rows of the matrix A (both scratch,
        # reused for every member), so the step can be split into small jitted functions
        self.xslot: dict[str, int] = {}
        self.arow: dict[str, int] = {}
        for name, v in ir.variables.items():
            if v.dims:
                self.arow[name] = len(self.arow)
            else:
                self.xslot[name] = len(self.xslot)
        self.width = max([self.size(v) for v in ir.variables.values()] + [1])
        self.ids = {n: f"X[{i}]" for n, i in self.xslot.items()}
        self.tables: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self.issues: list[tuple[str, str]] = []
        self.np_gen = Generator(ir, order, semantics)  # element order, shared checks

    def size(self, v: Variable) -> int:
        return len(self.ir.dims[v.dims[0]]) if v.dims else 0

    def el(self, name: str, j: str | int, prefix: str = "") -> str:
        """Element *j* of array variable *name* (in ``A``, or ``{prefix}A``)."""
        return f"{prefix}A[{self.arow[name]}, {j}]"

    def whole(self, name: str) -> str:
        return f"A[{self.arow[name]}, :{self.size(self.ir.variables[name])}]"

    # -- expressions ------------------------------------------------------------------------
    def ex(self, e: Expr, j: str | None, host: Variable) -> str:
        if isinstance(e, Num):
            return _num(e.value)
        if isinstance(e, Ref):
            v = self.ir.variables[e.name]
            if not v.dims:
                return self.ids[e.name]
            assert e.subs is not None
            s = e.subs[0]
            if s == "*":
                return self.whole(e.name)
            if s == v.dims[0]:
                if j is None:
                    self.issues.append(
                        (host.display, f"whole array '{v.display}' in a scalar equation")
                    )
                    return "0.0"
                return self.el(e.name, j)
            return self.el(e.name, self.ir.dims[v.dims[0]].index(s))
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
                return f"np.{how}({self.whole(arg.name)})"
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
        n = self.size(v)
        vid = self.ids.get(name, "")
        if name in slots and is_constant(v):
            s = slots[name]
            if not n:
                return [f"{vid} = P[{s}, m]"]
            return [f"for j in range({n}):", f"    {self.el(name, 'j')} = P[{s} + j, m]"]
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
                f"    {self.el(name, 'j')} = {finish(self.ex(v.eqn, 'j', v), v.gf)}",
            ]
        elems = self.ir.dims[v.dims[0]]
        lines = []
        for idx in self.np_gen.element_order(v):
            key = elems[idx]
            gf = (v.gfs or {}).get(key, v.gf)
            lines.append(f"{self.el(name, idx)} = {finish(self.ex(v.elements[key], None, v), gf)}")
        return lines

    def rate(self, v: Variable, j: str | None) -> str:
        if v.rate is not None:
            return self.ex(v.rate, j, v)

        def term(f: str) -> str:
            fv = self.ir.variables[f]
            return self.el(f, j) if fv.dims and j is not None else self.ids[f]

        ins = " + ".join(term(f) for f in v.inflows) or "0.0"
        outs = " + ".join(term(f) for f in v.outflows)
        return f"({ins}) - ({outs})" if outs else f"({ins})"


def slot_layout(ir: ModelIR) -> tuple[dict[str, int], int, dict[str, int], int]:
    """Parameter slots of constants, and where each variable lives (see :func:`selector`).

    Returns ``(pslots, n_pslots, places, width)``: a scalar's place is its index in ``X``;
    an array's place is ``-(1 + row * width)``, its elements following in the flat ``A``.
    """
    pslots: dict[str, int] = {}
    p = 0
    places: dict[str, int] = {}
    nx = 0
    na = 0
    width = max([len(ir.dims[v.dims[0]]) for v in ir.variables.values() if v.dims] + [1])
    for name, v in ir.variables.items():
        n = len(ir.dims[v.dims[0]]) if v.dims else 0
        if is_constant(v):
            pslots[name] = p
            p += max(n, 1)
        if n:
            places[name] = -(1 + na * width)
            na += 1
        else:
            places[name] = nx
            nx += 1
    return pslots, p, places, width


def selector(places: dict[str, int], name: str, idx: int | None) -> int:
    """The save selector of variable *name* (element *idx* of an array)."""
    base = places[name]
    return base if base >= 0 else base - (idx or 0)


#: Statements per jitted block: numba's compile time grows faster than linearly with the
#: size of one function, so the step is cut into blocks of about this many lines.
BLOCK_LINES = 60


def generate(
    ir: ModelIR, order: Order, method: str, semantics: str = "pysimlin"
) -> tuple[str, dict[str, Any]]:
    """Source of ``_run_members`` (and its blocks) and the globals (lookup tables) it needs."""
    g = ScalarGenerator(ir, order, semantics)
    pslots, _np, _places, width = slot_layout(ir)
    stocks = [n for n, v in ir.variables.items() if v.kind == "stock"]
    ind = "    "
    args = "X, A, R, RA, P, m, t, dt, t0, t1"
    blocks: list[str] = []

    def blockify(lines: list[str], stem: str) -> list[str]:
        """Cut *lines* (top-level statements with their indented bodies) into functions."""
        groups: list[list[str]] = [[]]
        for line in lines:
            if not line.startswith(" ") and len(groups[-1]) >= BLOCK_LINES:
                groups.append([])
            groups[-1].append(line)
        calls = []
        for gi, grp in enumerate(groups):
            if not grp:
                continue
            fname = f"_{stem}{gi}"
            blocks.append(f"@JIT\ndef {fname}({args}):\n" + "".join(ind + x + "\n" for x in grp))
            calls.append(f"{fname}({args})")
        return calls

    def assigns(names: list[str]) -> list[str]:
        out: list[str] = []
        for n in names:
            out += g.assign(n, pslots)
        return out

    def rate_lines(target: str) -> list[str]:
        """Stock rates into ``R``/``RA`` (``target`` "R") for the current state."""
        out: list[str] = []
        for s in stocks:
            v = ir.variables[s]
            n = g.size(v)
            if n:
                out += [f"for j in range({n}):", ind + f"{g.el(s, 'j', 'R')} = {g.rate(v, 'j')}"]
            else:
                out.append(f"R[{g.xslot[s]}] = {g.rate(v, None)}")
        return out

    init_calls = blockify(assigns(order.init), "init")
    dyn_calls = blockify(assigns(order.dynamic) + rate_lines("R"), "dyn")

    sx = [g.xslot[s] for s in stocks if not ir.variables[s].dims]
    sa = [(g.arow[s], g.size(ir.variables[s])) for s in stocks if ir.variables[s].dims]
    clamp_x = [
        g.xslot[s] for s in stocks if not ir.variables[s].dims and ir.variables[s].non_negative
    ]
    clamp_a = [
        (g.arow[s], g.size(ir.variables[s]))
        for s in stocks
        if ir.variables[s].dims and ir.variables[s].non_negative
    ]
    if not g.ref_semantics:
        clamp_x, clamp_a = [], []
    nx = max(len(g.xslot), 1)
    na = max(len(g.arow), 1)
    L = [
        "def _run_members(P, M, n_steps, t0, dt, t1, SAVE, SEL, OUT, BAD):",
        ind + f"X = np.zeros({nx})",
        ind + f"A = np.zeros(({na}, {width}))",
        ind + f"R = np.zeros({nx})",
        ind + f"RA = np.zeros(({na}, {width}))",
        ind + f"AF = A.reshape({na * width})",
    ]
    if method == "rk4":
        for pre in ("S", "K1", "K2", "K3", "K4"):
            L += [ind + f"{pre} = np.zeros({nx})", ind + f"{pre}A = np.zeros(({na}, {width}))"]
    b, c, d = ind * 2, ind * 3, ind * 4
    L.append(ind + "for m in range(M):")
    L.append(b + "t = t0")
    L += [b + x for x in init_calls]
    L.append(b + "for i in range(n_steps + 1):")
    L.append(c + "t = t0 + i * dt")
    L += [c + x for x in dyn_calls]
    L.append(c + "k = SAVE[i]")
    L.append(c + "if k >= 0:")
    L.append(d + "for q in range(SEL.shape[0]):")
    L.append(d + ind + "s = SEL[q]")
    L.append(d + ind + "OUT[q, m, k] = X[s] if s >= 0 else AF[-1 - s]")
    acc = [f"X[{i}]" for i in sx] + [f"np.sum(A[{r}, :{n}])" for r, n in sa]
    if acc:
        L.append(d + f"if BAD[m] < 0 and not np.isfinite({' + '.join(acc)}):")
        L.append(d + ind + "BAD[m] = k")
    L.append(c + "if i == n_steps:")
    L.append(d + "break")

    def clamp() -> list[str]:
        out = [f"X[{i}] = max(X[{i}], 0.0)" for i in clamp_x]
        for r, n in clamp_a:
            out += [f"for j in range({n}):", ind + f"A[{r}, j] = max(A[{r}, j], 0.0)"]
        return out

    body: list[str] = []
    if method == "euler":
        body += [f"X[{i}] = X[{i}] + dt * R[{i}]" for i in sx]
        for r, n in sa:
            body += [f"for j in range({n}):", ind + f"A[{r}, j] = A[{r}, j] + dt * RA[{r}, j]"]
        body += clamp()
    else:
        for i in sx:
            body += [f"S[{i}] = X[{i}]", f"K1[{i}] = R[{i}]"]
        for r, n in sa:
            body += [
                f"for j in range({n}):",
                ind + f"SA[{r}, j] = A[{r}, j]",
                ind + f"K1A[{r}, j] = RA[{r}, j]",
            ]
        for stage, (frac, kprev) in enumerate(
            [("0.5", "K1"), ("0.5", "K2"), ("1.0", "K3")], start=2
        ):
            body.append(f"t = t0 + (i + {frac}) * dt")
            for i in sx:
                body.append(f"X[{i}] = S[{i}] + {frac} * dt * {kprev}[{i}]")
            for r, n in sa:
                body += [
                    f"for j in range({n}):",
                    ind + f"A[{r}, j] = SA[{r}, j] + {frac} * dt * {kprev}A[{r}, j]",
                ]
            body += ["__DYN__"]
            for i in sx:
                body.append(f"K{stage}[{i}] = R[{i}]")
            for r, n in sa:
                body += [f"for j in range({n}):", ind + f"K{stage}A[{r}, j] = RA[{r}, j]"]
        for i in sx:
            body.append(
                f"X[{i}] = S[{i}] + dt / 6.0 * (K1[{i}] + 2.0 * K2[{i}] + 2.0 * K3[{i}] + K4[{i}])"
            )
        for r, n in sa:
            body += [
                f"for j in range({n}):",
                ind + f"A[{r}, j] = SA[{r}, j] + dt / 6.0 * (K1A[{r}, j] + 2.0 * K2A[{r}, j]"
                f" + 2.0 * K3A[{r}, j] + K4A[{r}, j])",
            ]
        body += clamp()
    for line in body:
        if line == "__DYN__":
            L += [c + x for x in dyn_calls]
        else:
            L.append(c + line)
    if g.issues:
        raise NotCovered(ir.path, g.issues)
    src = "\n\n".join(blocks) + "\n\n" + "\n".join(L) + "\n"
    glb: dict[str, Any] = {}
    for name, (xs, ys) in g.tables.items():
        glb[f"{name}x"] = xs
        glb[f"{name}y"] = ys
    return src, glb


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
        f"JIT = {jit}",
        "f8, i8 = numba.float64, numba.int64",
        "SIG = numba.void(",
        "    f8[:, ::1], i8, i8, f8, f8, f8, i8[::1], i8[::1], f8[:, :, ::1], i8[::1]",
        ")",
        "",
        src.replace(
            "def _run_members(",
            f'@numba.njit(SIG, error_model="numpy", nogil=True, cache={cache})\ndef _run_members(',
        ),
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


def compile_members(src: str, glb: dict[str, Any], filename: str) -> Any:
    """Compile the generated source with numba; return the jitted ``_run_members``.

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
        return ns["_run_members"]
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
    return module._run_members
