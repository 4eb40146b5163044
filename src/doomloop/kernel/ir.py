"""The kernel's intermediate representation: expressions, variables and a model.

:mod:`.parse` builds it from an XMILE file; :mod:`.lower` rewrites stateful builtins into
hidden stocks; :mod:`.order` finds the evaluation order; :mod:`.numpy_backend` turns it into
Python source. Names are canonical (see :func:`canonical`): lower case, runs of spaces and
underscores folded to one underscore, quotes removed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

# -- expressions ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Num:
    """A number literal."""

    value: float


@dataclass(frozen=True)
class Ref:
    """A reference to a variable, optionally subscripted.

    ``subs`` is ``None`` for a bare name; otherwise one entry per dimension: a canonical
    element name, a canonical dimension name (the current element of that dimension) or
    ``"*"`` (the whole dimension).
    """

    name: str
    subs: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Unary:
    """A prefix operator: ``-``, ``+`` or ``NOT``."""

    op: str
    operand: Expr


@dataclass(frozen=True)
class Binary:
    """An infix operator (arithmetic, comparison or logical), upper-case op text."""

    op: str
    left: Expr
    right: Expr


@dataclass(frozen=True)
class If:
    """``IF cond THEN a ELSE b``."""

    cond: Expr
    then: Expr
    orelse: Expr


@dataclass(frozen=True)
class Call:
    """A builtin call (upper-case name) or a graphical-function call (canonical name)."""

    fn: str
    args: tuple[Expr, ...]


Expr = Num | Ref | Unary | Binary | If | Call


def walk(e: Expr) -> Iterator[Expr]:
    """Every node of *e*, parents before children."""
    yield e
    if isinstance(e, Unary):
        yield from walk(e.operand)
    elif isinstance(e, Binary):
        yield from walk(e.left)
        yield from walk(e.right)
    elif isinstance(e, If):
        yield from walk(e.cond)
        yield from walk(e.then)
        yield from walk(e.orelse)
    elif isinstance(e, Call):
        for a in e.args:
            yield from walk(a)


def refs(e: Expr) -> set[str]:
    """Names of the variables *e* reads."""
    return {n.name for n in walk(e) if isinstance(n, Ref)}


# -- variables and model --------------------------------------------------------------------


@dataclass(frozen=True)
class GraphicalFunction:
    """A graphical function (lookup table) with XMILE semantics.

    ``kind`` is ``continuous`` (linear, clamped at the ends), ``extrapolate`` (linear, the
    end segments extended) or ``discrete`` (steps; each y holds until the next x).
    """

    xpts: tuple[float, ...]
    ypts: tuple[float, ...]
    kind: str = "continuous"


@dataclass
class Variable:
    """One model variable (stock, flow or aux), scalar or 1-D array.

    For arrays, either ``eqn`` is the apply-to-all equation or ``elements`` maps each element
    to its own equation (``gfs`` to its own graphical function). A stock's ``eqn`` is its
    initial value; its rate is ``sum(inflows) - sum(outflows)``, or ``rate`` when set (hidden
    stocks made by :mod:`.lower`).
    """

    name: str
    kind: str  # "stock" | "flow" | "aux"
    display: str = ""
    dims: tuple[str, ...] = ()
    eqn: Expr | None = None
    elements: dict[str, Expr] | None = None
    gf: GraphicalFunction | None = None
    gfs: dict[str, GraphicalFunction] | None = None
    inflows: tuple[str, ...] = ()
    outflows: tuple[str, ...] = ()
    non_negative: bool = False
    rate: Expr | None = None
    hidden: bool = False
    frozen: bool = False  # INIT(...): evaluated once at the start, constant afterwards
    units: str = ""

    def expressions(self) -> Iterator[Expr]:
        """Every equation expression of this variable (not the stock rate)."""
        if self.eqn is not None:
            yield self.eqn
        if self.elements:
            yield from self.elements.values()


@dataclass
class ModelIR:
    """A whole model: time settings, dimensions and variables by canonical name."""

    path: str
    start: float
    stop: float
    dt: float
    method: str = "euler"
    save_step: float | None = None
    dims: dict[str, tuple[str, ...]] = field(default_factory=dict)
    numbered_dims: set[str] = field(default_factory=set)
    variables: dict[str, Variable] = field(default_factory=dict)

    def stocks(self) -> list[Variable]:
        return [v for v in self.variables.values() if v.kind == "stock"]


_WS = re.compile(r"(?:\\n|[\s_])+")


def canonical(name: str) -> str:
    """The canonical form of an XMILE identifier: case-folded, one underscore per gap."""
    s = name.strip()
    if len(s) >= 2 and s[0] == '"' and s[-1] == '"':
        s = s[1:-1]
    s = s.replace('\\"', '"')
    return _WS.sub("_", s).strip("_").lower() if s.strip("_") else s.lower()
