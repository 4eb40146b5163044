"""Parameter provenance: every constant has a source, and the table matches the model file.

A parameter passes when its ``source`` is non-empty; a source that starts with
``assumption`` (a declared modelling assumption) also needs its reasoning in ``note``. Each
value's basis (:data:`doomloop.parameters.BASES`: cited, fitted, structure, policy or a bare
assumption) is counted, and the bare assumptions are listed.
Numeric constants in the model file that the parameter table lacks, and table rows that name
no model variable, fail: the first are unsourced numbers, the second are levers that do
nothing. Sterman (2000, ch. 21.4.3, "Parameter Assessment") asks that every parameter have a
real-world meaning and a documented basis.

References
----------
Sterman, J. D. (2000). *Business Dynamics*, ch. 21.4.3, "Parameter Assessment".
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from ..parameters import BASES, table_files
from ._common import CONTROL_NAMES, canonical, engine_variables
from .results import Section, Table

if TYPE_CHECKING:
    from ..engine import Model

#: Names listed in one finding before "and N more".
LIST_LIMIT = 20


def _names(items: list[str]) -> str:
    head = ", ".join(items[:LIST_LIMIT])
    return head + (f" and {len(items) - LIST_LIMIT} more" if len(items) > LIST_LIMIT else "")


def file_constants(model: Model) -> list[str]:
    """Canonical names of the model file's scalar numeric constants."""
    import simlin

    out = []
    for v in engine_variables(model):
        if (
            isinstance(v, simlin.Aux)
            and v.graphical_function is None
            and not getattr(v, "dimensions", None)
        ):
            try:
                float(v.equation)
            except (TypeError, ValueError):
                continue
            out.append(canonical(v.name))
    return out


def check_provenance(model: Model) -> Section:
    """Sources of every parameter, and parameter table against model file."""
    sec = Section(
        "provenance",
        "Parameter provenance",
        "Every parameter-table row needs a non-empty source; a source starting with "
        "'assumption' needs its reasoning in note. Constants in the model file must have a "
        "row, and every row must name a model variable.",
    )
    files = table_files(model.path)
    has_csv = files is not None
    table_name = " and ".join(str(f.relative_to(model.path.parent.parent)) for f in files or ())
    sec.notes.append(
        f"parameter table: {table_name}"
        if has_csv
        else "no parameters.csv beside the model: the table is the model's own constants, "
        "none of which has a source"
    )
    params = [p for p in model.parameters.values() if canonical(p.name) not in CONTROL_NAMES]
    controls = [p.name for p in model.parameters.values() if canonical(p.name) in CONTROL_NAMES]
    if controls:
        sec.notes.append(
            "simulation controls kept as constants by the converter, not parameters: "
            + ", ".join(controls)
        )
    no_source = [p.name for p in params if not p.source.strip()]
    no_reason = [
        p.name
        for p in params
        if p.source.strip().lower().startswith("assumption") and not p.note.strip()
    ]
    if no_source:
        fix = (
            "add a parameters.csv beside the model with a source for each"
            if not has_csv
            else "fill in the source column (a citation, or 'assumption: ...' with a note)"
        )
        sec.add(
            "source",
            "fail",
            f"{len(no_source)} of {len(params)} parameter(s) have no source: "
            f"{_names(no_source)}; {fix}",
        )
    if no_reason:
        sec.add(
            "source",
            "fail",
            f"{len(no_reason)} declared assumption(s) give no reasoning in note: "
            f"{_names(no_reason)}; explain each in the note column",
        )
    if params and not no_source and not no_reason:
        sec.add("source", "pass", f"all {len(params)} parameters have a source")
    if not params:
        sec.add("source", "skip", "the model has no parameters")

    table_names = {canonical(p.name) for p in params}
    variables = set(model.variable_names)
    if has_csv:
        missing = sorted(
            c for c in file_constants(model) if c not in table_names and c not in CONTROL_NAMES
        )
        if missing:
            sec.add(
                "table",
                "fail",
                f"{len(missing)} constant(s) in the model file have no row in {table_name}: "
                f"{_names(missing)}; add a row (value, range, source) for each",
            )
        orphans = sorted(p.name for p in params if canonical(p.name) not in variables)
        if orphans:
            sec.add(
                "table",
                "fail",
                f"{len(orphans)} row(s) of {table_name} name no model variable: "
                f"{_names(orphans)}; fix the name or remove the row",
            )
        if not missing and not orphans:
            sec.add(
                "table",
                "pass",
                f"the parameter table ({table_name}) and the model file list the same constants",
            )
    groups = Counter(p.group for p in params)
    bases = Counter(p.basis for p in params)
    table = Table(
        "Parameters", ["name", "group", "basis", "value", "units", "bounds", "source", "note"]
    )
    for p in params:
        table.rows.append(
            [
                p.name,
                p.group,
                p.basis,
                f"{p.value:g}",
                p.units,
                f"[{p.lower_bound:g}, {p.upper_bound:g}]",
                p.source or "(none)",
                p.note,
            ]
        )
    sec.tables.append(table)
    sec.notes.append(
        "groups: " + (", ".join(f"{g} {n}" for g, n in sorted(groups.items())) or "none")
    )
    sec.notes.append(
        "what the values rest on (basis): "
        + (", ".join(f"{b} {bases[b]}" for b in BASES if bases[b]) or "none")
    )
    bare = [p.name for p in params if p.basis == "assumption"]
    if bare:
        sec.notes.append(
            f"declared assumptions that cite nothing ({len(bare)}; their reasoning and range "
            "are in source and note, and the sensitivity analysis says which matter): "
            + ", ".join(bare)
        )
    return sec
