"""Rewrite a parsed model into the core the backends compile.

* zero-argument names that are model variables (``INITIAL_TIME`` defined as an aux) stay
  references; graphical functions called by name become ``LOOKUP(table, x)``;
* in non-apply-to-all element equations, references to the element's own dimension become
  explicit element references;
* stateful builtins (SMTH1, SMTH3, DELAY1, DELAY3, TREND) become hidden stocks with the
  structure the XMILE standard library gives them, so both integration methods treat them
  like any other stock; ``INIT(x)`` becomes a hidden variable frozen at the start;
* unknown functions, unknown variables, wrong argument counts and subscripts the kernel
  cannot compile are collected as ``(variable, construct)`` pairs.
"""

from __future__ import annotations

from collections.abc import Callable

from .errors import NotCovered
from .expression import grammar
from .ir import Binary, Call, Expr, If, ModelIR, Num, Ref, Unary, Variable


def _div(a: Expr, b: Expr) -> Expr:
    return Binary("/", a, b)


def _sub(a: Expr, b: Expr) -> Expr:
    return Binary("-", a, b)


def _mul(a: Expr, b: Expr) -> Expr:
    return Binary("*", a, b)


class _Lowerer:
    def __init__(self, ir: ModelIR):
        self.ir = ir
        self.issues: list[tuple[str, str]] = []
        self.new_vars: list[Variable] = []
        self.counter = 0
        self.funcs = grammar().functions

    def hidden_name(self, host: str, what: str) -> str:
        self.counter += 1
        return f"${host}.{what}{self.counter}"

    def add_stock(
        self,
        host: Variable,
        dims: tuple[str, ...],
        what: str,
        init: Expr,
        rate: Callable[[Ref], Expr],
    ) -> Ref:
        name = self.hidden_name(host.name, what)
        ref = Ref(name, None)
        v = Variable(name, "stock", name, dims=dims, eqn=init, hidden=True)
        v.rate = rate(ref)
        self.new_vars.append(v)
        self.ir.variables[name] = v
        return ref

    # -- expression transform ----------------------------------------------------------------
    def tx(self, e: Expr, host: Variable, dims: tuple[str, ...], elem: str | None) -> Expr:
        if isinstance(e, Num):
            return e
        if isinstance(e, Ref):
            return self.ref(e, host, dims, elem)
        if isinstance(e, Unary):
            return Unary(e.op, self.tx(e.operand, host, dims, elem))
        if isinstance(e, Binary):
            return Binary(
                e.op, self.tx(e.left, host, dims, elem), self.tx(e.right, host, dims, elem)
            )
        if isinstance(e, If):
            return If(
                self.tx(e.cond, host, dims, elem),
                self.tx(e.then, host, dims, elem),
                self.tx(e.orelse, host, dims, elem),
            )
        assert isinstance(e, Call)
        return self.call(e, host, dims, elem)

    def ref(self, e: Ref, host: Variable, dims: tuple[str, ...], elem: str | None) -> Expr:
        target = self.ir.variables.get(e.name)
        if target is None:
            self.issues.append((host.display, f"reference to undefined variable '{e.name}'"))
            return Num(0.0)
        if not target.dims:
            if e.subs:
                self.issues.append((host.display, f"subscript on scalar variable '{e.name}'"))
            return Ref(e.name, None)
        tdim = target.dims[0]
        elems = self.ir.dims[tdim]
        subs = e.subs
        if subs is None or subs == (tdim,):
            if dims == (tdim,):
                return Ref(e.name, (elem,) if elem is not None else (tdim,))
            if not dims:
                if subs is not None:  # x[Dim] in a scalar equation: the whole array
                    return Ref(e.name, ("*",))
                self.issues.append(
                    (
                        host.display,
                        f"array '{e.name}' used without a subscript in a scalar equation",
                    )
                )
            else:
                self.issues.append(
                    (host.display, f"reference '{e.name}' maps dimension '{tdim}' onto '{dims[0]}'")
                )
            return Num(0.0)
        if len(subs) != 1:
            self.issues.append((host.display, f"{len(subs)} subscripts on 1-D array '{e.name}'"))
            return Num(0.0)
        s = subs[0]
        if s == "*":
            return Ref(e.name, ("*",))
        if s in elems:
            return Ref(e.name, (s,))
        if s in self.ir.dims and s != tdim:
            self.issues.append(
                (host.display, f"subscript '{s}' on '{e.name}' (dimension mapping or subrange)")
            )
            return Num(0.0)
        if s.isdigit() and 1 <= int(s) <= len(elems):
            return Ref(e.name, (elems[int(s) - 1],))
        self.issues.append((host.display, f"subscript '{s}' is not an element of '{tdim}'"))
        return Num(0.0)

    def call(self, e: Call, host: Variable, dims: tuple[str, ...], elem: str | None) -> Expr:
        fn = e.fn
        if fn not in self.funcs:
            target = self.ir.variables.get(fn.lower())
            if target is not None and (target.gf is not None or target.gfs) and len(e.args) == 1:
                return Call("LOOKUP", (Ref(target.name), self.tx(e.args[0], host, dims, elem)))
            self.issues.append((host.display, f"function {fn.upper()}()"))
            return Num(0.0)
        spec = self.funcs[fn]
        lo, hi = spec["args"]
        if not e.args and lo == 0 and fn.lower() in self.ir.variables:
            return self.ref(Ref(fn.lower()), host, dims, elem)
        if not (lo <= len(e.args) <= hi):
            self.issues.append(
                (host.display, f"{fn}() with {len(e.args)} argument(s) (expects {lo} to {hi})")
            )
            return Num(0.0)
        if fn == "LOOKUP":
            table = e.args[0]
            if not (isinstance(table, Ref) and table.name in self.ir.variables):
                self.issues.append((host.display, "LOOKUP() whose first argument is not a table"))
                return Num(0.0)
            return Call("LOOKUP", (Ref(table.name), self.tx(e.args[1], host, dims, elem)))
        args = tuple(self.tx(a, host, dims, elem) for a in e.args)
        sdims = dims if elem is None else ()
        if fn == "INIT":
            name = self.hidden_name(host.name, "init")
            v = Variable(name, "aux", name, dims=sdims, eqn=args[0], hidden=True, frozen=True)
            self.ir.variables[name] = v
            return Ref(name, (dims[0],) if sdims else None)
        if spec["kind"] == "state":
            return self.stateful(fn, args, host, sdims)
        return Call(fn, args)

    def stateful(
        self, fn: str, args: tuple[Expr, ...], host: Variable, dims: tuple[str, ...]
    ) -> Expr:
        x, tau = args[0], args[1]
        init = args[2] if len(args) > 2 else None
        sub = (dims[0],) if dims else None

        def r(ref: Ref) -> Ref:
            return Ref(ref.name, sub)

        if fn == "SMTH1":
            s = self.add_stock(host, dims, "smth1_", init or x, lambda h: _div(_sub(x, r(h)), tau))
            return r(s)
        if fn == "SMTH3":
            t3 = _div(tau, Num(3.0))
            s1 = self.add_stock(host, dims, "smth3a_", init or x, lambda h: _div(_sub(x, r(h)), t3))
            s2 = self.add_stock(
                host, dims, "smth3b_", init or x, lambda h: _div(_sub(r(s1), r(h)), t3)
            )
            s3 = self.add_stock(
                host, dims, "smth3c_", init or x, lambda h: _div(_sub(r(s2), r(h)), t3)
            )
            return r(s3)
        if fn == "DELAY1":
            s = self.add_stock(
                host, dims, "delay1_", _mul(init or x, tau), lambda h: _sub(x, _div(r(h), tau))
            )
            return _div(r(s), tau)
        if fn == "DELAY3":
            t3 = _div(tau, Num(3.0))
            i3 = _mul(init or x, t3)
            d1 = self.add_stock(host, dims, "delay3a_", i3, lambda h: _sub(x, _div(r(h), t3)))
            d2 = self.add_stock(
                host, dims, "delay3b_", i3, lambda h: _sub(_div(r(d1), t3), _div(r(h), t3))
            )
            d3 = self.add_stock(
                host, dims, "delay3c_", i3, lambda h: _sub(_div(r(d2), t3), _div(r(h), t3))
            )
            return _div(r(d3), t3)
        if fn == "TREND":
            g0 = init or Num(0.0)
            avg0 = _div(x, Binary("+", Num(1.0), _mul(g0, tau)))
            a = self.add_stock(host, dims, "trend_", avg0, lambda h: _div(_sub(x, r(h)), tau))
            return _div(_sub(x, r(a)), _mul(r(a), tau))
        self.issues.append((host.display, f"function {fn}()"))
        return Num(0.0)


def lower(ir: ModelIR) -> ModelIR:
    """Rewrite *ir* in place into the compiled core (see the module docstring); return it.

    Raises
    ------
    NotCovered
        Listing every construct the kernel cannot compile.
    """
    lw = _Lowerer(ir)
    for var in list(ir.variables.values()):
        if var.eqn is not None:
            var.eqn = lw.tx(var.eqn, var, var.dims, None)
        if var.elements:
            var.elements = {k: lw.tx(e, var, var.dims, k) for k, e in var.elements.items()}
        if var.kind == "stock" and not var.hidden:
            for f in var.inflows + var.outflows:
                fv = ir.variables.get(f)
                if fv is None:
                    lw.issues.append((var.display, f"flow '{f}' is not defined"))
                elif fv.dims and fv.dims != var.dims:
                    lw.issues.append(
                        (var.display, f"flow '{f}' has other dimensions than the stock")
                    )
    if lw.issues:
        raise NotCovered(ir.path, lw.issues)
    return ir
