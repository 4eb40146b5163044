"""The engine's diagnostics of a loaded model, sorted into unit and undefined-name problems.

pysimlin reports unit mismatches only as warnings of ``project.get_errors()`` (its
``Model.check_units()`` sees unit-definition errors alone). Strict loading
(:class:`doomloop.engine.Model`) and the structure test of ``doomloop check``
(:mod:`doomloop.check.structure`) both read unit problems through :func:`unit_problems`, so
a model ``doomloop check`` fails on units is also refused by a strict load.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import simlin

#: Engine error codes about units (pysimlin ``ErrorCode`` names).
UNIT_CODES = frozenset(
    {
        "UNIT_DEFINITION_ERRORS",
        "UNIT_MISMATCH",
        "NO_APP_IN_UNITS",
        "NO_SUBSCRIPT_IN_UNITS",
        "NO_IF_IN_UNITS",
        "NO_UNARY_OP_IN_UNITS",
        "BAD_BINARY_OP_IN_UNITS",
        "NO_CONST_IN_UNITS",
        "EXPECTED_INTEGER",
        "EXPECTED_INTEGER_ONE",
        "DUPLICATE_UNIT",
    }
)
#: Engine error codes about names an equation uses but the model does not define.
UNDEFINED_CODES = frozenset({"UNKNOWN_DEPENDENCY", "DOES_NOT_EXIST", "EMPTY_EQUATION"})


def engine_diagnostics(sm: simlin.Model) -> list[Any]:
    """Every error and warning the engine reports for *sm* (``ErrorDetail`` objects)."""
    project = sm.project
    return list(project.get_errors()) if project is not None else []


def code_name(detail: Any) -> str:
    """The ``ErrorCode`` name of an engine diagnostic, e.g. ``"UNIT_MISMATCH"``."""
    return str(getattr(detail.code, "name", detail.code))


def describe(detail: Any) -> str:
    """``variable: problem`` for one diagnostic (``model`` when no variable is named)."""
    lines = [ln.strip() for ln in detail.message.strip().splitlines() if ln.strip()]
    text = lines[-1] if lines else detail.message.strip()
    return f"{detail.variable_name or 'model'}: {text}"


def unit_problems(sm: simlin.Model) -> list[str]:
    """The distinct unit problems the engine finds in *sm*, each as ``variable: problem``."""
    out: list[str] = []
    for d in engine_diagnostics(sm):
        if code_name(d) in UNIT_CODES:
            text = describe(d)
            if text not in out:
                out.append(text)
    return out
