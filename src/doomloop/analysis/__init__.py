"""What is done with runs: uncertainty, sensitivity, calibration, robustness, policy search,
and feedback-loop dominance in plain language.

Each analysis takes arrays and returns data (xarray Datasets, pandas DataFrames); where the
runs happen is an :mod:`~doomloop.executors` executor, and every ensemble run goes through
:func:`~doomloop.analysis.evaluate.evaluate`::

    import doomloop
    from doomloop.analysis import monte_carlo, percentile_bands, sobol
    from doomloop.executors import PoolExecutor

    model = doomloop.load_model("japan")
    with PoolExecutor(2) as ex:
        ds = monte_carlo(model, 500, seed=1, executor=ex)
        indices = sobol(model, model.profile.views.sensitivity, 2040, n=64, executor=ex)
    bands = percentile_bands(ds)

The members that agree with the observed record (:mod:`.history_match`)::

    from doomloop.analysis import conditioned_ensemble, match_history
    from doomloop.check import history_record

    drawn = match_history(model, 200, rec=history_record(model))
    ds = conditioned_ensemble(model, drawn, 200, scenario="pay-parity")

Modules: :mod:`.evaluate` (the one evaluation function and its backends), :mod:`.sampling`,
:mod:`.montecarlo`, :mod:`.history_match`, :mod:`.sensitivity`, :mod:`.calibration`,
:mod:`.robustness`, :mod:`.search`, :mod:`.loops`.
"""

from ..fitstats import fit_statistics, fit_summary
from .calibration import calibrate, load_reference, reference_from_figures
from .evaluate import (
    EngineBackend,
    FunctionBackend,
    FunctionModel,
    KernelBackend,
    evaluate,
    evaluate_iter,
)
from .history_match import conditioned_ensemble, match_history
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
from .montecarlo import (
    monte_carlo,
    open_ensemble,
    percentile_bands,
    stream_monte_carlo,
    verdict_probabilities,
)
from .robustness import robustness_map
from .sampling import sample
from .search import search
from .sensitivity import morris, sobol

__all__ = [
    "EngineBackend",
    "FunctionBackend",
    "FunctionModel",
    "KernelBackend",
    "NamedLoop",
    "Period",
    "VariableInfo",
    "calibrate",
    "causes_and_uses",
    "conditioned_ensemble",
    "describe_variable",
    "evaluate",
    "evaluate_iter",
    "explain_text",
    "fit_statistics",
    "fit_summary",
    "inactive_loops",
    "inactive_text",
    "load_reference",
    "loop_dominance",
    "loop_scores",
    "match_history",
    "missing_links",
    "monte_carlo",
    "morris",
    "named_loops",
    "open_ensemble",
    "percentile_bands",
    "reference_from_figures",
    "robustness_map",
    "sample",
    "search",
    "sobol",
    "stream_monte_carlo",
    "verdict_probabilities",
]
