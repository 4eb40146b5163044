"""User predicates from a checks file: run each ``[[check]]`` and test its expectations."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import DoomloopError
from ._common import display_path
from .checksfile import ChecksFile
from .results import Section, Table

if TYPE_CHECKING:
    from ._common import RunBudget


def check_user(checks: ChecksFile, budget: RunBudget) -> Section:
    """Run every user check (one simulation each, every dt saved) and test its predicates."""
    sec = Section(
        "user",
        "Model-specific checks",
        "Predicates from the checks file, each tested at every saved step (every dt) of a run "
        "with the check's parameter overrides.",
    )
    if checks.origin:
        sec.notes.append(f"checks file: {display_path(checks.origin)}")
    if not checks.checks:
        sec.add("user", "skip", "no [[check]] entries (give a checks file with --checks)")
        return sec
    table = Table("Checks", ["check", "when", "expectation", "result", "detail"])
    sec.tables.append(table)
    for uc in checks.checks:
        when = ", ".join(f"{k} = {v:g}" for k, v in uc.when.items()) or "defaults"
        if budget.left <= 0:
            sec.add("coverage", "warn", f"'{uc.name}' not run: run cap {budget.cap} reached")
            continue
        try:
            frame = budget.run(uc.when, save_every=None)
        except DoomloopError as exc:
            sec.add("user", "fail", f"{uc.name} ({when}): the run failed: {exc}")
            table.rows.append([uc.name, when, "run", "fail", str(exc)])
            continue
        for pred in uc.expect:
            ok, why = pred.evaluate(frame[pred.variable])
            status = "pass" if ok else "fail"
            sec.add("user", status, f"{uc.name} ({when}): '{pred.text}': {why}")
            table.rows.append([uc.name, when, pred.text, status, why])
    return sec
