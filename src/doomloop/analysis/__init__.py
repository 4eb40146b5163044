"""Analyses built on a model run: feedback-loop dominance in plain language."""

from .loops import (
    NamedLoop,
    Period,
    VariableInfo,
    causes_and_uses,
    describe_variable,
    explain_text,
    inactive_loops,
    inactive_text,
    loop_dominance,
    loop_scores,
    missing_links,
    named_loops,
)

__all__ = [
    "NamedLoop",
    "Period",
    "VariableInfo",
    "causes_and_uses",
    "describe_variable",
    "explain_text",
    "inactive_loops",
    "inactive_text",
    "loop_dominance",
    "loop_scores",
    "missing_links",
    "named_loops",
]
