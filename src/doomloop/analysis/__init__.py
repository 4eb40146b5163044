"""Analyses built on a model run: feedback-loop dominance in plain language."""

from .loops import (
    NamedLoop,
    Period,
    causes_and_uses,
    explain_text,
    loop_dominance,
    missing_links,
    named_loops,
)

__all__ = [
    "NamedLoop",
    "Period",
    "causes_and_uses",
    "explain_text",
    "loop_dominance",
    "missing_links",
    "named_loops",
]
