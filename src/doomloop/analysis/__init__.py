"""What is done with runs: uncertainty, sensitivity, calibration, robustness, policy search,
and feedback-loop dominance in plain language.

Each analysis takes arrays and returns data (xarray Datasets, pandas DataFrames); where the
runs happen is an :mod:`~doomloop.executors` executor, and every ensemble run goes through
:func:`~doomloop.analysis.evaluate.evaluate`.
"""

from .evaluate import EngineBackend, FunctionBackend, FunctionModel, KernelBackend, evaluate
from .loops import (
    NamedLoop,
    Period,
    VariableInfo,
    causes_and_uses,
    describe_variable,
    explain_text,
    loop_dominance,
    loop_scores,
    missing_links,
    named_loops,
)

__all__ = [
    "EngineBackend",
    "FunctionBackend",
    "FunctionModel",
    "KernelBackend",
    "NamedLoop",
    "Period",
    "VariableInfo",
    "causes_and_uses",
    "describe_variable",
    "evaluate",
    "explain_text",
    "loop_dominance",
    "loop_scores",
    "missing_links",
    "named_loops",
]
