"""A SALib ``ProblemSpec`` for any doomloop model, for SALib's own sample-evaluate-analyse chain.

::

    import doomloop
    from doomloop.analysis.salib import problem_spec

    sp = problem_spec(doomloop.load_model("japan"), outputs=["ai_specialists_domestic"], year=2040)
    sp.sample_sobol(256).evaluate(sp.doomloop_evaluate).analyze_sobol()
    sp.to_df()

Like ``doomloop sensitivity``, the problem lives in *quantile space*: each input's bounds are
[0, 1] and a sample is mapped through that parameter's own truncated distribution
(:func:`~doomloop.analysis.sampling.distribution`) before the model runs, so Sobol indices
are those of the outputs under the declared distributions. ``sp.doomloop_values(sp.samples)``
gives the parameter values a sample stands for.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import SimulationError, UnknownParameterError, did_you_mean
from .evaluate import evaluate, resolve_backend
from .montecarlo import uncertain_parameters
from .sensitivity import to_values


def problem_spec(
    model: Any,
    *,
    outputs: Sequence[str] | None = None,
    year: float = 2040.0,
    names: Sequence[str] | None = None,
    scenario: str | Path | None = None,
    params: Mapping[str, float] | None = None,
    backend: str = "auto",
) -> Any:
    """A ``SALib.ProblemSpec`` over *model*'s uncertain assumptions (or *names*), of
    *outputs* (default: the output its profile studies for sensitivity).

    The spec carries two callables: ``doomloop_evaluate(X)``, which runs the model at the
    quantile samples *X* and returns the *outputs* at *year* (shape ``(n, len(outputs))``, or
    ``(n,)`` for one output, as SALib expects),
    and ``doomloop_values(X)``, the parameter values of the samples.
    """
    from SALib import ProblemSpec

    if outputs is None:
        studied = model.profile.views.sensitivity
        if not studied:
            raise SimulationError(
                f"model '{model.name}' has no output to study in its profile: name outputs"
            )
        outputs = [studied]
    have = set(model.variable_names)
    for o in outputs:
        if o not in have:
            raise UnknownParameterError(
                f"output '{o}' is not a variable of model '{model.name}'.{did_you_mean(o, have)}"
            )
    plist = uncertain_parameters(model, names, include_policy=names is not None)
    keys = [p.name for p in plist]
    base = model.resolve_params(params, scenario)
    for k in keys:
        base.pop(k, None)
    be = resolve_backend(model, backend)
    spec = ProblemSpec(
        {
            "names": keys,
            "bounds": [[0.0, 1.0]] * len(keys),
            "outputs": list(outputs),
        }
    )

    def values(x: np.ndarray) -> np.ndarray:
        return to_values(plist, x)

    def run(x: np.ndarray) -> np.ndarray:
        runs = evaluate(model, values(x), keys, list(outputs), [float(year)], base=base, backend=be)
        bad = [e for e, ok in zip(runs.errors, runs.ok, strict=True) if not ok]
        if bad:
            raise SimulationError(
                f"{len(bad)} of {len(runs)} runs failed; the first: {bad[0]}. "
                "Narrow the parameter ranges or fix the model."
            )
        y = runs.values[:, :, 0]
        return y[:, 0] if y.shape[1] == 1 else y  # SALib wants 1-D for one output

    spec.doomloop_evaluate = run
    spec.doomloop_values = values
    return spec
