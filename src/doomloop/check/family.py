"""Family-member results for doomloop's own models (:mod:`doomloop.analysis.family`)."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from ..errors import DoomloopError
from .results import Section, Table

if TYPE_CHECKING:
    from ..engine import Model


def _row(item: Any) -> dict[str, Any]:
    if dataclasses.is_dataclass(item) and not isinstance(item, type):
        return dataclasses.asdict(item)
    if isinstance(item, dict):
        return dict(item)
    return {"result": str(item)}


def check_family(model: Model) -> Section:
    """Call ``family_member_results(model)`` if it exists; tabulate what it returns."""
    from ..engine import MODELS_DIR

    sec = Section(
        "family",
        "Family-member results",
        "doomloop.analysis.family.family_member_results(model), for doomloop's own models.",
    )
    try:
        shipped = model.path.resolve().is_relative_to(MODELS_DIR.resolve())
    except OSError:
        shipped = False
    if not shipped:
        sec.add("family", "skip", "not a doomloop model: family-member results do not apply")
        return sec
    from ..analysis.family import family_member_results

    try:
        result = family_member_results(model)
    except DoomloopError as exc:
        sec.add("family", "fail", f"family_member_results failed: {exc}")
        return sec
    items = list(result.items()) if isinstance(result, dict) else list(result or [])
    rows = [
        _row(i if not isinstance(i, tuple) else {"member": i[0], "result": i[1]}) for i in items
    ]
    columns = sorted({k for r in rows for k in r})
    sec.tables.append(Table("Members", columns, [[r.get(c, "") for c in columns] for r in rows]))
    statuses = [str(r.get("status", "")).lower() for r in rows]
    failing = [
        str(r.get("name", r.get("member", i)))
        for i, r in enumerate(rows)
        if str(r.get("status", "")).lower() in ("fail", "failed", "false")
    ]
    if failing:
        sec.add("family", "fail", f"family member(s) failing: {', '.join(failing)}")
    elif rows and all(s == "pass" for s in statuses):
        sec.add("family", "pass", f"all {len(rows)} family members pass")
    else:
        sec.add("family", "info", f"{len(rows)} family-member result(s) reported")
    return sec
