"""One way to evaluate many parameter sets: :func:`evaluate` (and its streaming twin).

Every analysis (Monte Carlo, Sobol, Morris, calibration, robustness, search) turns its
question into a matrix of parameter values, one row per ensemble member, and calls
:func:`evaluate`; it gets back :class:`~doomloop.runner.Runs`: values ``(member, variable,
time)``, a :class:`~doomloop.runner.Status` and an error text per member. *Where* the rows
run is an :class:`~doomloop.executors.Executor`; *how* one chunk of rows is computed is a
runner of the seam (:mod:`doomloop.runner`), chosen by a :class:`Backend`:

* :class:`EngineBackend`: :class:`doomloop.engine.EngineRunner` (pysimlin, one member after
  another, the checks of :meth:`doomloop.Model.run` without a DataFrame per run);
* :class:`KernelBackend`: :class:`doomloop.kernel.runner.KernelRunner`, the whole chunk in
  the vectorized kernel when it covers the model;
* :class:`FunctionBackend`: :class:`FunctionRunner`, a :class:`FunctionModel` (a plain
  Python callable wrapped to look like a model, for analytic test functions).

``backend="auto"`` prefers the kernel and falls back to the engine.
"""

from __future__ import annotations

import uuid
from collections import OrderedDict, deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from ..engine import EngineRunner, RequestError, time_index
from ..errors import SimulationError, UnknownParameterError, did_you_mean
from ..executors import Executor, LocalExecutor, ProgressCallback
from ..parameters import ParameterTable
from ..runner import Runs, Status, start_runs

OK = Status.OK


class FunctionModel:
    """A Python function dressed as a model, so analyses can run it like an XMILE model.

    Parameters
    ----------
    fn
        ``fn(params) -> outputs``: *params* maps each parameter name to a 1-D array (one
        value per member); *outputs* maps each variable to an array of shape ``(members,)``
        (a time-invariant output) or ``(members, len(times))``.
    parameters
        The parameter table (values, ranges, distributions) of the function's inputs.
    variables
        Names of the outputs *fn* returns.
    times
        The times the outputs refer to (default ``(0.0,)``).
    name
        A label.
    """

    def __init__(
        self,
        fn: Callable[[Mapping[str, np.ndarray]], Mapping[str, np.ndarray]],
        parameters: ParameterTable,
        variables: Sequence[str],
        times: Sequence[float] = (0.0,),
        name: str = "function",
    ):
        self.fn = fn
        self.parameters = parameters
        self.variable_names = tuple(variables)
        self.times = np.asarray(times, dtype=float)
        self.name = name

    def __repr__(self) -> str:
        return f"FunctionModel({self.name!r}, {len(self.parameters)} parameters)"


class Backend(Protocol):
    """Which runner computes a chunk of members of *model* (see :mod:`doomloop.runner`)."""

    name: str

    def run(
        self,
        model: Any,
        matrix: np.ndarray,
        names: Sequence[str],
        variables: Sequence[str],
        times: np.ndarray,
        base: Mapping[str, float],
    ) -> Runs: ...


class EngineBackend:
    """Runs chunks on the engine: :class:`doomloop.engine.EngineRunner`."""

    name = "engine"

    def run(
        self,
        model: Any,
        matrix: np.ndarray,
        names: Sequence[str],
        variables: Sequence[str],
        times: np.ndarray,
        base: Mapping[str, float],
    ) -> Runs:
        return EngineRunner(model).run(matrix, names, variables, times, base)


class FunctionRunner:
    """The runner seam on a :class:`FunctionModel`: the whole chunk in one call."""

    name = "function"

    def __init__(self, model: FunctionModel):
        self.model = model

    def run(
        self,
        matrix: np.ndarray,
        names: Sequence[str],
        variables: Sequence[str],
        times: np.ndarray,
        base: Mapping[str, float],
    ) -> Runs:
        model = self.model
        n = matrix.shape[0]
        runs = start_runs(model.parameters, matrix, names, variables, times)
        params = {k: np.full(n, p.value) for k, p in model.parameters.items()}
        for k, v in base.items():
            params[k] = np.full(n, float(v))
        for j, k in enumerate(names):
            params[k] = matrix[:, j].astype(float)
        res = model.fn(params)
        idx = time_index(model.times, times, 1e-9, model.name)
        for v, var in enumerate(variables):
            a = np.asarray(res[var], dtype=float)
            runs.values[:, v, :] = a[:, None] if a.ndim == 1 else a[:, idx]
        runs.values[~runs.ok] = np.nan
        runs.check_finite(model.name)
        return runs


class FunctionBackend:
    """Runs a :class:`FunctionModel`: :class:`FunctionRunner`."""

    name = "function"
    vectorized = True

    def run(
        self,
        model: Any,
        matrix: np.ndarray,
        names: Sequence[str],
        variables: Sequence[str],
        times: np.ndarray,
        base: Mapping[str, float],
    ) -> Runs:
        return FunctionRunner(model).run(matrix, names, variables, times, base)


class KernelBackend:
    """Runs chunks in a vectorized kernel: :class:`doomloop.kernel.runner.KernelRunner`.

    Parameters
    ----------
    kernel
        A compiled kernel; default: ``doomloop.kernel.try_compile(model)`` on first use (in
        each worker).
    threads
        Threads the kernel splits each chunk over (its compiled loop releases the GIL), so
        one process can use every core with a single compile.
    """

    name = "kernel"
    vectorized = True

    def __init__(self, kernel: Any = None, threads: int = 1):
        self.kernel = kernel
        self.threads = int(threads)

    def __getstate__(self) -> dict[str, Any]:
        return {"kernel": None, "threads": self.threads}  # recompiled where it lands

    def _get(self, model: Any) -> Any:
        if self.kernel is None:
            self.kernel = kernel_for(model)
            if self.kernel is None:
                raise SimulationError(
                    f"model '{model.name}' is not covered by the vectorized kernel; "
                    "use backend='engine'"
                )
        return self.kernel

    def run(
        self,
        model: Any,
        matrix: np.ndarray,
        names: Sequence[str],
        variables: Sequence[str],
        times: np.ndarray,
        base: Mapping[str, float],
    ) -> Runs:
        from ..kernel.runner import KernelRunner

        runner = KernelRunner(self._get(model), model, self.threads)
        return runner.run(matrix, names, variables, times, base)


_KERNELS: dict[tuple[str, int, int], Any] = {}


def kernel_for(model: Any) -> Any:
    """The compiled kernel of *model* (None if the kernel does not cover it), once per process.

    Compiling (and numba's first-run compile) is paid once per model file and process, not
    per study: the kernel is cached by the file's path, size and modification time.
    """
    from ..kernel import try_compile

    path = getattr(model, "path", None)
    if path is None:
        return try_compile(model)
    st = Path(path).stat()
    key = (str(Path(path).resolve()), st.st_size, st.st_mtime_ns)
    if key not in _KERNELS:
        _KERNELS[key] = try_compile(model)
    return _KERNELS[key]


def resolve_backend(model: Any, backend: str | Backend = "auto") -> Backend:
    """The backend to use for *model*: ``"auto"``, ``"engine"``, ``"kernel"`` or an object.

    ``"auto"`` picks :class:`FunctionBackend` for a :class:`FunctionModel`, else a
    :class:`KernelBackend` when ``doomloop.kernel`` covers the model, else
    :class:`EngineBackend`.
    """
    if not isinstance(backend, str):
        return backend
    if isinstance(model, FunctionModel):
        return FunctionBackend()
    if backend == "engine":
        return EngineBackend()
    if backend in ("auto", "kernel"):
        kernel = kernel_for(model)
        if kernel is not None:
            return KernelBackend(kernel)
        if backend == "kernel":
            raise SimulationError(
                f"model '{model.name}' is not covered by the vectorized kernel; "
                "use backend='engine'"
            )
        return EngineBackend()
    raise ValueError(f"unknown backend {backend!r}; use 'auto', 'engine' or 'kernel'")


# -- chunks and the worker side ---------------------------------------------------------------

_CACHE: OrderedDict[str, Any] = OrderedDict()
_CACHE_SIZE = 8


def _cached(token: str, model: Any) -> Any:
    """The worker's copy of *model* for this study, so the engine compiles once per worker."""
    hit = _CACHE.get(token)
    if hit is None:
        _CACHE[token] = hit = model
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    else:
        _CACHE.move_to_end(token)
    return hit


@dataclass
class _Chunk:
    token: str
    model: Any
    backend: Backend
    start: int
    matrix: np.ndarray
    names: tuple[str, ...]
    variables: tuple[str, ...]
    times: np.ndarray
    base: dict[str, float] = field(default_factory=dict)


def _run_chunk(chunk: _Chunk) -> tuple[int, Runs]:
    model = _cached(chunk.token, chunk.model)
    backend = _cached(chunk.token + ":backend", chunk.backend)
    runs = backend.run(model, chunk.matrix, chunk.names, chunk.variables, chunk.times, chunk.base)
    return chunk.start, runs


def default_times(model: Any) -> np.ndarray:
    """Every whole time unit (year) from the model's start to its stop."""
    if isinstance(model, FunctionModel):
        return model.times
    ts = model.time_spec
    return np.arange(np.ceil(ts.start), np.floor(ts.stop) + 1e-9, 1.0)


def check_request(
    model: Any, names: Sequence[str], variables: Sequence[str]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Check parameter and variable names up front (a caller's mistake, not a member's)."""
    for k in names:
        model.parameters[k]  # raises UnknownParameterError with suggestions
    have = set(model.variable_names)
    for v in variables:
        if v not in have:
            raise UnknownParameterError(
                f"model '{model.name}' has no variable '{v}'.{did_you_mean(v, have)}"
            )
    return tuple(names), tuple(variables)


def evaluate_iter(
    model: Any,
    param_matrix: np.ndarray,
    names: Sequence[str],
    variables: Sequence[str],
    times: Sequence[float] | np.ndarray | None = None,
    *,
    base: Mapping[str, float] | None = None,
    executor: Executor | None = None,
    backend: str | Backend = "auto",
    chunk_size: int | None = None,
    progress: ProgressCallback | None = None,
) -> Iterator[tuple[int, Runs]]:
    """Like :func:`evaluate` but yield ``(first_member, runs)`` chunk by chunk.

    At most ``2 * executor.n_workers`` chunks are in flight, so memory stays bounded by the
    chunk size whatever the ensemble size. *param_matrix* may also be an iterator of row
    blocks (each ``(k, n_params)``), drawn lazily.
    """
    names, variables = check_request(model, names, variables)
    t = default_times(model) if times is None else np.asarray(times, dtype=float)
    ex = executor or LocalExecutor()
    be = resolve_backend(model, backend)
    token = uuid.uuid4().hex
    base_d = {k: float(v) for k, v in (base or {}).items()}
    if base_d:
        model.parameters.validate(base_d, origin="base parameters")

    if isinstance(param_matrix, np.ndarray):
        matrix = np.atleast_2d(np.asarray(param_matrix, dtype=float))
        if matrix.shape[1] != len(names):
            raise ValueError(
                f"param_matrix has {matrix.shape[1]} columns but {len(names)} names were given"
            )
        n_total = matrix.shape[0]
        size = chunk_size or _auto_chunk(n_total, ex.n_workers, getattr(be, "vectorized", False))
        blocks: Iterator[np.ndarray] = (matrix[i : i + size] for i in range(0, n_total, size))
    else:
        n_total = 0
        size = chunk_size or 256
        blocks = _rechunk(param_matrix, size)

    pending: deque[tuple[int, int]] = deque()

    def chunks() -> Iterator[_Chunk]:
        start = 0
        for block in blocks:
            pending.append((start, block.shape[0]))
            yield _Chunk(token, model, be, start, block, names, variables, t, base_d)
            start += block.shape[0]

    done = 0
    for res in ex.map(_run_chunk, chunks()):
        start, n = pending.popleft()
        if isinstance(res, BaseException):
            if isinstance(res, (RequestError, UnknownParameterError)):
                raise res
            runs = Runs.empty(
                n, variables, t, Status.CHUNK_FAILED, f"{type(res).__name__}: chunk failed: {res}"
            )
        else:
            _, runs = res
        done += n
        if progress is not None:
            progress(done, n_total)
        yield start, runs


def _auto_chunk(n: int, workers: int, vectorized: bool = False) -> int:
    if vectorized:  # one array pass per worker is cheapest; cap memory per chunk
        return int(max(1, min(8192, -(-n // max(1, workers)))))
    # a few chunks per worker for balance; not so small that dispatch dominates
    return int(max(1, min(1024, -(-n // max(1, 4 * workers)))))


def _rechunk(blocks: Any, size: int) -> Iterator[np.ndarray]:
    for block in blocks:
        block = np.atleast_2d(np.asarray(block, dtype=float))
        for i in range(0, block.shape[0], size):
            yield block[i : i + size]


def evaluate(
    model: Any,
    param_matrix: np.ndarray,
    names: Sequence[str],
    variables: Sequence[str],
    times: Sequence[float] | np.ndarray | None = None,
    *,
    base: Mapping[str, float] | None = None,
    executor: Executor | None = None,
    backend: str | Backend = "auto",
    chunk_size: int | None = None,
    progress: ProgressCallback | None = None,
) -> Runs:
    """Run the model once per row of *param_matrix*; return the runs (values, statuses).

    Parameters
    ----------
    model
        A :class:`doomloop.Model` or a :class:`FunctionModel`.
    param_matrix
        Shape ``(n_members, n_params)``; column *j* is the value of ``names[j]``.
    names
        Parameter names of the columns.
    variables
        Output variables to keep.
    times
        Times to keep (default: every whole year of the run).
    base
        Parameter overrides applied to every member before its own row (a scenario).
    executor
        Where chunks run (default :class:`~doomloop.executors.LocalExecutor`).
    backend
        ``"auto"`` (kernel if it covers the model, else engine), ``"engine"``, ``"kernel"``
        or a :class:`Backend` object.
    chunk_size
        Members per chunk (default: about four chunks per worker, at most 1024). Results do
        not depend on it.
    progress
        ``progress(members_done, n_members)``.

    Returns
    -------
    Runs
        ``values`` of shape ``(n_members, len(variables), len(times))`` (NaN for failed
        members), a :class:`~doomloop.runner.Status` per member and an error text naming
        the parameter, or the variable and time, of each failure. A failed member never
        stops the others.
    """
    matrix = np.atleast_2d(np.asarray(param_matrix, dtype=float))
    if matrix.size == 0 and len(names) == 0:
        matrix = np.zeros((matrix.shape[0] if matrix.ndim == 2 else 1, 0))
    n = matrix.shape[0]
    t = default_times(model) if times is None else np.asarray(times, dtype=float)
    out = Runs.empty(n, variables, t, Status.OK)
    for start, runs in evaluate_iter(
        model,
        matrix,
        names,
        variables,
        t,
        base=base,
        executor=executor,
        backend=backend,
        chunk_size=chunk_size,
        progress=progress,
    ):
        k = len(runs)
        out.values[start : start + k] = runs.values
        out.status[start : start + k] = runs.status
        out.errors[start : start + k] = runs.errors
    return out
