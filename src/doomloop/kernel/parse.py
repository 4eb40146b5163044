"""Read an XMILE file into the kernel's IR (:class:`~.ir.ModelIR`).

The file is checked by :func:`doomloop.xmlsafety.check_model_file` and parsed with
:mod:`defusedxml`. Constructs the kernel does not compile (modules, macros, conveyors,
queues, arrays of more than one dimension, unreadable equations) are collected as
``(variable, construct)`` pairs and raised together as :class:`~.errors.NotCovered`.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

from ..errors import ModelFileError
from ..xmlsafety import check_model_file
from .errors import EquationError, NotCovered
from .expression import parse_equation
from .ir import Expr, GraphicalFunction, ModelIR, Num, Variable, canonical


def _tag(el: Any) -> str:
    t = el.tag
    return t.rsplit("}", 1)[-1] if isinstance(t, str) else ""


def _child(el: Any, name: str) -> Any:
    for c in el:
        if _tag(c) == name:
            return c
    return None


def _children(el: Any, name: str) -> list[Any]:
    return [c for c in el if _tag(c) == name]


def _text(el: Any) -> str:
    return (el.text or "").strip() if el is not None else ""


def _float(text: str, where: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise EquationError(f"{where}: {text!r} is not a number; write a plain number") from None


def _gf(el: Any, where: str) -> GraphicalFunction:
    kind = (el.get("type") or "continuous").strip().lower()
    if kind not in ("continuous", "extrapolate", "discrete"):
        raise NotCovered(where, [(where, f"graphical function type '{kind}'")])
    yel = _child(el, "ypts")
    if yel is None:
        raise EquationError(f"{where}: graphical function without <ypts>; add its y values")
    sep = yel.get("sep") or ","
    ys = tuple(_float(s, where) for s in _text(yel).split(sep) if s.strip())
    xel = _child(el, "xpts")
    if xel is not None:
        xsep = xel.get("sep") or ","
        xs = tuple(_float(s, where) for s in _text(xel).split(xsep) if s.strip())
    else:
        xs_el = _child(el, "xscale")
        if xs_el is None:
            raise EquationError(f"{where}: graphical function needs <xpts> or <xscale>")
        lo = _float(xs_el.get("min", "0"), where)
        hi = _float(xs_el.get("max", "1"), where)
        n = len(ys)
        xs = tuple(lo + (hi - lo) * i / (n - 1) for i in range(n)) if n > 1 else (lo,)
    if len(xs) != len(ys) or not ys:
        raise EquationError(
            f"{where}: graphical function has {len(xs)} x and {len(ys)} y points; "
            "give the same number of each"
        )
    return GraphicalFunction(xs, ys, kind)


def _bool_flag(el: Any) -> bool:
    if el is None:
        return False
    text = _text(el).lower()
    return text in ("", "true", "1", "yes")


def _declare_prefixes(text: str) -> str:
    """Declare namespace prefixes a file uses without declaring (``isee:`` in xmutil output)."""
    used = set(re.findall(r"<\/?([A-Za-z_][\w.-]*):", text))
    used |= set(re.findall(r"\s([A-Za-z_][\w.-]*):[\w.-]+\s*=", text))
    declared = set(re.findall(r"xmlns:([A-Za-z_][\w.-]*)", text))
    missing = sorted(used - declared - {"xml", "xmlns"})
    if not missing:
        return text
    decl = " ".join(f'xmlns:{p}="urn:doomloop:undeclared:{p}"' for p in missing)
    return re.sub(r"<xmile\b", f"<xmile {decl}", text, count=1)


def _read_root(path: Path) -> Any:
    """Parse the file safely; tolerate namespace prefixes used without a declaration."""
    import defusedxml.ElementTree as safe_et

    check_model_file(path)  # size, entities, well-formedness (undeclared prefixes allowed)
    try:
        return safe_et.parse(path).getroot()
    except safe_et.ParseError as exc:
        if "unbound prefix" not in str(exc):
            raise ModelFileError(f"{path}: malformed XML at {exc}; fix the file") from None
    text = _declare_prefixes(path.read_text(encoding="utf-8", errors="replace"))
    try:
        return safe_et.fromstring(text.encode("utf-8"))
    except safe_et.ParseError as exc:
        raise ModelFileError(f"{path}: malformed XML at {exc}; fix the file") from None


def _behavior(root: Any) -> tuple[bool, bool]:
    """Model-wide ``<behavior><non_negative/>`` defaults for (stocks, flows)."""
    b = _child(root, "behavior")
    if b is None:
        return False, False
    both = _child(b, "non_negative") is not None and _bool_flag(_child(b, "non_negative"))
    st = _child(b, "stock")
    fl = _child(b, "flow")
    s_nn = (
        st is not None
        and _child(st, "non_negative") is not None
        and _bool_flag(_child(st, "non_negative"))
    )
    f_nn = (
        fl is not None
        and _child(fl, "non_negative") is not None
        and _bool_flag(_child(fl, "non_negative"))
    )
    return both or s_nn, both or f_nn


def parse_xmile(path: str | Path) -> ModelIR:
    """Parse an XMILE (``.xmile``/``.stmx``/``.xml``) file into a :class:`ModelIR`.

    Raises
    ------
    ModelFileError
        For a missing, hostile or malformed file.
    NotCovered
        When the model uses constructs the kernel does not compile; lists all of them.
    """
    path = Path(path)
    root = _read_root(path)
    where = str(path)
    issues: list[tuple[str, str]] = []
    vars0 = _child(_children(root, "model")[0], "variables") if _children(root, "model") else None
    if vars0 is not None:
        for el in vars0:
            if len(_children(el, "eqn")) > 1:
                issues.append((el.get("name", "?"), "several <eqn> elements in one variable"))

    specs = _child(root, "sim_specs")
    if specs is None:
        raise EquationError(f"{where}: no <sim_specs>; add start, stop and dt")
    start = _float(_text(_child(specs, "start")) or "0", where)
    stop = _float(_text(_child(specs, "stop")) or "0", where)
    dt_el = _child(specs, "dt")
    dt = _float(_text(dt_el) or "1", where)
    if dt_el is not None and (dt_el.get("reciprocal") or "").lower() == "true":
        dt = 1.0 / dt
    method = (specs.get("method") or "euler").strip().lower()
    if method not in ("euler", "rk4"):
        issues.append(("sim_specs", f"integration method '{method}'"))
    save_el = _child(specs, "save_step")
    if save_el is None:
        save_el = _child(specs, "savestep")
    save_step = _float(_text(save_el), where) if save_el is not None and _text(save_el) else None

    ir = ModelIR(
        where, start, stop, dt, method if method in ("euler", "rk4") else "euler", save_step
    )

    dims_el = _child(root, "dimensions")
    if dims_el is not None:
        for d in _children(dims_el, "dim"):
            dname = canonical(d.get("name", ""))
            elems = [canonical(e.get("name", "")) for e in _children(d, "elem")]
            if not elems and d.get("size"):
                n = int(float(d.get("size")))
                elems = [str(i + 1) for i in range(n)]
                ir.numbered_dims.add(dname)
            ir.dims[dname] = tuple(elems)

    if _child(root, "macro") is not None:
        for m in _children(root, "macro"):
            issues.append((m.get("name", "?"), "macro definition"))

    nn_default = _behavior(root)
    models = _children(root, "model")
    if len(models) != 1:
        issues.append(("model", f"{len(models)} <model> sections (modules)"))
    for model in models[:1]:
        vars_el = _child(model, "variables")
        if vars_el is None:  # legacy files put variables straight under <model>
            vars_el = model
        for el in vars_el:
            kind = _tag(el)
            if kind in (
                "group",
                "documentation",
                "views",
                "display",
                "interface",
                "style",
                "dependencies",
            ):
                continue
            display = el.get("name", "")
            name = canonical(display)
            vwhere = f"{where}: variable '{display}'"
            if kind == "module":
                issues.append((display, "module"))
                continue
            if kind == "gf":  # a named, stand-alone graphical function
                try:
                    ir.variables[name] = Variable(name, "aux", display, gf=_gf(el, vwhere))
                except (EquationError, NotCovered) as exc:
                    issues.append((display, str(exc)))
                continue
            if kind not in ("stock", "flow", "aux"):
                issues.append((display or kind, f"<{kind}> element"))
                continue
            try:
                var = _variable(el, kind, name, display, vwhere, ir, issues, nn_default)
            except EquationError as exc:
                issues.append((display, f"equation the kernel cannot read ({exc})"))
                continue
            if var is not None:
                ir.variables[name] = var
    if issues:
        raise NotCovered(where, issues)
    return ir


def _eqn(el: Any, where: str) -> Expr | None:
    e = _child(el, "eqn")
    if e is None:
        return None
    text = e.text or ""
    if not text.strip():
        return None
    return parse_equation(text, where)


def _variable(
    el: Any,
    kind: str,
    name: str,
    display: str,
    where: str,
    ir: ModelIR,
    issues: list[tuple[str, str]],
    nn_default: tuple[bool, bool] = (False, False),
) -> Variable | None:
    for unsupported in ("conveyor", "queue"):
        if _child(el, unsupported) is not None:
            issues.append((display, f"{unsupported} stock"))
            return None
    if kind == "aux" and (el.get("flow_concept") or "").lower() == "true":
        kind = "flow"
    var = Variable(name, kind, display, units=_text(_child(el, "units")))
    dims_el = _child(el, "dimensions")
    if dims_el is not None:
        var.dims = tuple(canonical(d.get("name", "")) for d in _children(dims_el, "dim"))
        if len(var.dims) > 1:
            issues.append((display, f"{len(var.dims)}-D array (only 1-D arrays are compiled)"))
            return None
        for d in var.dims:
            if d not in ir.dims:
                raise EquationError(f"{where}: dimension '{d}' is not defined in <dimensions>")
    if kind == "stock":
        var.inflows = tuple(canonical(_text(f)) for f in _children(el, "inflow"))
        var.outflows = tuple(canonical(_text(f)) for f in _children(el, "outflow"))
    nn = _child(el, "non_negative")
    default = nn_default[0] if kind == "stock" else nn_default[1] if kind == "flow" else False
    var.non_negative = _bool_flag(nn) if nn is not None else default
    gf_el = _child(el, "gf")
    if gf_el is not None:
        var.gf = _gf(gf_el, where)
    elements = _children(el, "element")
    if elements:
        if not var.dims:
            raise EquationError(f"{where}: <element> equations on a variable without dimensions")
        var.elements = {}
        for sub in elements:
            key = canonical(sub.get("subscript", ""))
            if "," in key:
                issues.append((display, "element equation with more than one subscript"))
                return None
            ewhere = f"{where}[{sub.get('subscript', '')}]"
            eq = _eqn(sub, ewhere)
            var.elements[key] = eq if eq is not None else Num(0.0)
            sub_gf = _child(sub, "gf")
            if sub_gf is not None:
                var.gfs = var.gfs or {}
                var.gfs[key] = _gf(sub_gf, ewhere)
        dim_elems = ir.dims[var.dims[0]]
        missing = [e for e in dim_elems if e not in var.elements]
        if missing:
            raise EquationError(
                f"{where}: no equation for element(s) {', '.join(missing)}; "
                "give every element an <element subscript=...> equation"
            )
    else:
        listed = _number_list(el, var, ir)
        if listed is not None:
            var.elements = listed
            return var
        var.eqn = _eqn(el, where)
        if var.eqn is None:
            if var.gf is not None:
                var.eqn = None  # a lookup-only table, called by name
            elif kind == "stock" or kind == "flow" or kind == "aux":
                var.eqn = Num(0.0) if kind == "stock" else var.eqn
                if var.eqn is None:
                    raise EquationError(f"{where}: the variable has no equation; give it one")
    if isinstance(var.eqn, Num) and not math.isfinite(var.eqn.value):
        raise EquationError(f"{where}: the equation is not a finite number")
    return var


def _number_list(el: Any, var: Variable, ir: ModelIR) -> dict[str, Expr] | None:
    """``<eqn>1, 2, 3</eqn>`` on a 1-D array: one number per element, in order."""
    if not var.dims:
        return None
    text = _text(_child(el, "eqn"))
    if "," not in text:
        return None
    parts = [p.strip() for p in text.split(",")]
    elems = ir.dims[var.dims[0]]
    try:
        values = [float(p) for p in parts]
    except ValueError:
        return None
    if len(values) != len(elems):
        return None
    return {e: Num(x) for e, x in zip(elems, values, strict=True)}
