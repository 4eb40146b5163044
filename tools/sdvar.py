"""The variable record the model builder writes, and its three short constructors."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Var:
    kind: str  # stock | flow | aux
    name: str
    eqn: str
    units: str
    doc: str
    arrayed: bool = False
    elements: dict[str, str] | None = None
    gf: tuple[list[float], list[float]] | None = None
    inflows: list[str] = field(default_factory=list)
    outflows: list[str] = field(default_factory=list)
    non_negative: bool = False


def A(name: str, eqn: str, units: str, doc: str) -> Var:
    return Var("aux", name, eqn, units, doc)


def F(name: str, eqn: str, units: str, doc: str) -> Var:
    return Var("flow", name, eqn, units, doc)


def S(name: str, init: str, units: str, doc: str, inflows: list[str], outflows: list[str]) -> Var:
    return Var(
        "stock", name, init, units, doc, inflows=inflows, outflows=outflows, non_negative=True
    )
