"""Structure tests: dimensional consistency and undefined or unused variables.

The engine (Simlin) infers the units of every equation; a mismatch between the inferred and
the declared units, or a unit definition it cannot read, fails the dimensional-consistency
test (Sterman 2000, ch. 21.4.2). An equation that names something the model does not define
is an error the engine already refuses at load time (``doomloop.load_model`` raises
:class:`~doomloop.errors.ModelFileError` naming the variable); a variable that nothing uses
and that is neither a stock nor a key output is reported as a warning (dead structure).

References
----------
Sterman, J. D. (2000). *Business Dynamics: Systems Thinking and Modeling for a Complex
World*, ch. 21, "Truth and Beauty: Validation and Model Testing". Irwin/McGraw-Hill.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..diagnostics import (
    UNDEFINED_CODES,
    UNIT_CODES,
    code_name,
    describe,
    engine_diagnostics,
    unit_problems,
)
from ._common import CONTROL_NAMES, canonical, engine_variables
from .results import Section, Table

if TYPE_CHECKING:
    from ..engine import Model


def check_structure(model: Model, reported: Iterable[str] = ()) -> Section:
    """Dimensional consistency and undefined/unused variables of *model*.

    Parameters
    ----------
    reported
        Variables the checks themselves read (conservation identities, predicates): they are
        outputs, not dead structure.

    Returns
    -------
    Section
        Key ``"structure"``; one finding per unit issue, undefined or unused variable, and a
        pass finding for each test with nothing to report.
    """
    sec = Section(
        "structure",
        "Structure and dimensional consistency",
        "Units inferred and checked by the engine (Simlin); dependency graph from the "
        "engine's incoming links; stocks and key outputs are never 'unused'.",
    )
    sm = model.engine
    details = engine_diagnostics(sm)
    units = unit_problems(sm)
    undefined = [d for d in details if code_name(d) in UNDEFINED_CODES]
    other = [d for d in details if code_name(d) not in UNIT_CODES | UNDEFINED_CODES]

    has_units = any(getattr(v, "units", None) for v in engine_variables(model))
    for text in units:
        sec.add("units", "fail", text)
    if not units and has_units:
        sec.add("units", "pass", "the engine finds the units of every equation consistent")
    elif not units:
        sec.add(
            "units",
            "warn",
            "no variable declares units, so dimensional consistency cannot be tested; "
            "add <units> to the model's variables",
        )
    for d in undefined:
        sec.add("undefined", "fail", describe(d))
    if not undefined:
        sec.add("undefined", "pass", "every name used in an equation is defined")
    for d in other:
        severity = str(getattr(d.severity, "name", d.severity)).upper()
        status = "fail" if severity == "ERROR" else "warn"
        sec.add("engine", status, describe(d))

    unused = [n for n in unused_variables(model) if n not in set(reported)]
    for name in unused:
        sec.add(
            "unused",
            "warn",
            f"'{name}' is used by no equation and is not a stock or key output; remove it or "
            "connect it",
        )
    if not unused:
        sec.add("unused", "pass", "every variable feeds another, or is a stock or key output")
    counts: dict[str, int] = {}
    for v in engine_variables(model):
        kind = type(v).__name__.lower()
        counts[kind] = counts.get(kind, 0) + 1
    sec.tables.append(
        Table("Variables by kind", ["kind", "count"], [[k, n] for k, n in sorted(counts.items())])
    )
    return sec


def unused_variables(model: Model) -> list[str]:
    """Canonical names of variables that nothing uses (stocks, key outputs and the profile's
    back-test shares excepted)."""
    import simlin

    sm = model.engine
    known = set(model.variable_names)
    used: set[str] = set()
    candidates: list[str] = []
    for v in engine_variables(model):
        name = canonical(v.name)
        if isinstance(v, simlin.Stock):
            used.update(canonical(f) for f in (*v.inflows, *v.outflows))
        elif not isinstance(v, simlin.Module):
            candidates.append(name)
        try:
            used.update(canonical(d) for d in sm.get_incoming_links(name))
        except Exception:  # noqa: BLE001 - arrays/modules the link query does not cover
            continue
    dram = model.profile.dram  # the back-test's observables are outputs too
    shown = {dram.share, *dram.rivals.values()} if dram else set()
    keep = set(model.outputs) | shown | CONTROL_NAMES
    return sorted(n for n in candidates if n in known and n not in used and n not in keep)
