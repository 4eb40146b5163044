"""doomloop models as EMA Workbench models (exploratory modelling and analysis).

::

    from ema_workbench import perform_experiments
    import doomloop.ema

    model = doomloop.ema.model("japan")
    experiments, outcomes = perform_experiments(model, scenarios=100, policies=4)

The uncertainties are the model's uncertain assumptions with the distributions doomloop
declares (``doomloop.analysis.sampling.distribution``: the same truncated inverse CDF that
``doomloop uncertainty`` samples with), the levers its policy parameters over their plausible
range, and the outcomes its headline outputs as yearly time series. Each experiment runs
through :func:`doomloop.analysis.evaluate.evaluate`, on the compiled kernel where it covers
the model (``backend="auto"``), else on the engine. Needs the ``ema`` extra
(``pip install 'doomloop[ema]'``).

The workbench runs one experiment at a time, and one member is where the kernel's NumPy code
is slowest and its numba loop fastest (Japan, measured on a busy 2-core machine: 8 s against
25 ms a run). So with the ``kernel`` extra installed, :func:`model` compiles the numba kernel
first: once per machine and model file it takes minutes (107 s of CPU for Japan), later it is
loaded from the disk cache (``~/.cache/doomloop``). ``precompile=False`` skips it.
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib.util import find_spec
from pathlib import Path
from typing import Any

import numpy as np

from .analysis.evaluate import KernelBackend, evaluate, resolve_backend
from .analysis.sampling import distribution
from .engine import Model, load_model
from .errors import SimulationError, UnknownParameterError, did_you_mean
from .optional import require


def _levers(m: Model) -> list[Any]:
    """A policy's strength over its plausible range, else its possible range; its timing
    (start, delay, ramp: parameters in years) stays at the default."""
    from ema_workbench import RealParameter

    out = []
    for p in m.parameters.values():
        lo, hi = (p.low, p.high) if p.high > p.low else (p.lower_bound, p.upper_bound)
        if p.is_policy and p.units != "year" and hi > lo and np.isfinite([lo, hi]).all():
            out.append(RealParameter(p.name, lo, hi, default=p.value))
    return out


def model(
    source: str | Path | Model = "japan",
    *,
    outcomes: Sequence[str] | None = None,
    years: Sequence[float] | None = None,
    scenario: str | Path | None = None,
    backend: str = "auto",
    precompile: bool = True,
) -> Any:
    """An ``ema_workbench.Model`` of a doomloop model.

    Parameters
    ----------
    source
        A shipped model name, a model file, or a loaded :class:`doomloop.Model`.
    outcomes
        Variables reported as time series (default: the model's headline outputs it has).
    years
        Times of each series (default: every year from 2024 to the model's stop time).
    scenario
        A scenario whose overrides hold in every experiment (levers and uncertainties that
        the workbench sets override it).
    backend
        ``"auto"`` (kernel where it covers the model), ``"kernel"`` or ``"engine"``.
    precompile
        On the kernel, compile its numba loop now when numba is installed (see above), so
        no experiment runs in the slower NumPy code.
    """
    ema = require("ema_workbench", "doomloop.ema")
    m = source if isinstance(source, Model) else load_model(source)
    names = set(m.variable_names)
    outs = list(outcomes) if outcomes is not None else list(m.outputs)
    for o in outs:
        if o not in names:
            raise UnknownParameterError(
                f"outcome '{o}' is not a variable of model '{m.name}'.{did_you_mean(o, names)}"
            )
    if not outs:
        raise SimulationError(f"model '{m.name}' has none of the headline outputs: name outcomes")
    stop = m.time_spec.stop
    t = np.asarray(years if years is not None else np.arange(min(2024.0, stop), stop + 0.5))
    base = m.resolve_params(None, scenario)
    be = resolve_backend(m, backend)
    if precompile and isinstance(be, KernelBackend) and find_spec("numba") is not None:
        be.kernel.warmup()

    def run(**values: float) -> dict[str, np.ndarray]:
        keys = list(values)
        row = np.array([[float(values[k]) for k in keys]])
        runs = evaluate(m, row, keys, outs, t, base=base, backend=be)
        if not runs.ok[0]:
            raise SimulationError(f"model '{m.name}': {runs.errors[0]}")
        return {"TIME": t.copy(), **{o: runs.values[0, i] for i, o in enumerate(outs)}}

    em = ema.Model(m.name, function=run)
    em.uncertainties = [
        ema.RealParameter.from_dist(p.name, distribution(p))
        for p in m.parameters.uncertain
        if not p.is_policy
    ]
    em.levers = _levers(m)
    em.outcomes = [ema.TimeSeriesOutcome("TIME"), *(ema.TimeSeriesOutcome(o) for o in outs)]
    return em
