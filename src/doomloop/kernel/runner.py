"""The runner seam (:mod:`doomloop.runner`) on the compiled kernel: all members at once."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from ..runner import Runs, Status, start_runs

#: Failed members whose variable an engine run names when no kept output shows it (each
#: costs one run; the others say when the kernel saw a NaN or infinity).
NAMED_BY_ENGINE = 3


def engine_says(model: Any, params: Mapping[str, float]) -> str | None:
    """The engine's message for a run of *params*: the variable and first time it turned NaN."""
    from ..errors import SimulationError

    if not hasattr(model, "run"):
        return None
    try:
        model.run(params=dict(params), save_every=None)
    except SimulationError as exc:
        return str(exc)
    except Exception:  # noqa: S110 (any other failure: the kernel's own message is used)
        return None
    return None


class KernelRunner:
    """Runs a matrix of members through a compiled kernel (``Kernel.run``) in one call.

    Members out of bounds are refused before the kernel sees them (it would refuse them
    too); the kernel's per-member codes are :class:`~doomloop.runner.Status` values.
    """

    name = "kernel"

    def __init__(self, kernel: Any, model: Any, threads: int = 1):
        self.kernel = kernel
        self.model = model
        self.threads = int(threads)

    def run(
        self,
        matrix: np.ndarray,
        names: Sequence[str],
        variables: Sequence[str],
        times: np.ndarray,
        base: Mapping[str, float],
    ) -> Runs:
        model = self.model
        runs = start_runs(model.parameters, matrix, names, variables, times)
        good = runs.ok
        m = int(good.sum())
        if m:
            params = {k: np.full(m, float(v)) for k, v in base.items()}
            for j, k in enumerate(names):
                params[k] = matrix[good, j].astype(float)
            res = self.kernel.run(
                params,
                n_members=m,
                variables=list(variables),
                times=np.asarray(times),
                output="arrays",
                threads=self.threads,
            )
            runs.values[good] = np.stack(
                [np.asarray(res.values[v], dtype=float) for v in variables], 1
            )
            code = np.asarray(res.status)
            when = np.asarray(getattr(res, "nonfinite_time", np.full(m, np.nan)), dtype=float)
            named = 0
            for j, i in enumerate(np.flatnonzero(good)):
                if code[j] != Status.OK:
                    at = f" at time {when[j]:g}" if np.isfinite(when[j]) else ""
                    said = runs.nonfinite_error(int(i), model.name)
                    if said is None and named < NAMED_BY_ENGINE:  # a state that is not kept
                        named += 1
                        row = dict(zip(names, matrix[i], strict=True))
                        said = engine_says(model, {**base, **row})
                    runs.fail(
                        int(i),
                        Status(int(code[j])),
                        said or f"model '{model.name}': a state became NaN or infinite{at}",
                    )
        runs.check_finite(model.name)
        return runs
