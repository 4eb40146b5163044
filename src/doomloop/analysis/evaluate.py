"""One way to evaluate many parameter sets: :func:`evaluate` (and its streaming twin).

Every analysis (Monte Carlo, Sobol, Morris, calibration, robustness, search) turns its
question into a matrix of parameter values, one row per ensemble member, and calls
:func:`evaluate`; it gets back an array ``(member, variable, time)`` and a per-member status.
*Where* the rows run is an :class:`~doomloop.executors.Executor`; *how* one chunk of rows is
computed is a :class:`Backend`:

* :class:`EngineBackend` loops the compiled engine simulation (pysimlin), with the same
  bounds checks and NaN checks as :meth:`doomloop.Model.run` but without building a
  DataFrame per run;
* :class:`KernelBackend` hands the whole chunk to a vectorized kernel
  (``doomloop.kernel.try_compile``) when one exists and covers the model;
* :class:`FunctionBackend` runs a :class:`FunctionModel`, a plain Python callable wrapped
  to look like a model (used for analytic test functions).

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

from ..errors import OutOfBoundsError, SimulationError, UnknownParameterError, did_you_mean
from ..executors import Executor, LocalExecutor, ProgressCallback
from ..parameters import ParameterTable

OK = "ok"


class _RequestError(SimulationError):
    """A mistake in the request (such as a time outside the run), raised, not recorded."""


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
    """Computes one chunk of members: returns values ``(n, n_vars, n_times)`` and errors."""

    name: str

    def run(
        self,
        model: Any,
        matrix: np.ndarray,
        names: Sequence[str],
        variables: Sequence[str],
        times: np.ndarray,
        base: Mapping[str, float],
    ) -> tuple[np.ndarray, list[str]]:
        """Values (NaN for failed members) and one status per member (``"ok"`` or why not)."""
        ...


def _bounds_errors(
    table: ParameterTable, matrix: np.ndarray, names: Sequence[str]
) -> list[str | None]:
    """Per member, the first out-of-bounds parameter as an error message, or None."""
    n = matrix.shape[0]
    errors: list[str | None] = [None] * n
    if not len(names):
        return errors
    lo = np.array([table[k].lower_bound for k in names])
    hi = np.array([table[k].upper_bound for k in names])
    bad = ~(np.isfinite(matrix) & (matrix >= lo) & (matrix <= hi))
    for i in np.flatnonzero(bad.any(axis=1)):
        j = int(np.flatnonzero(bad[i])[0])
        try:
            table[names[j]].check(matrix[i, j], origin="an ensemble member")
        except OutOfBoundsError as exc:
            errors[i] = f"OutOfBoundsError: {exc}"
    return errors


def _time_index(all_times: np.ndarray, times: np.ndarray, dt: float, model: str) -> np.ndarray:
    idx = np.searchsorted(all_times, times - 0.5 * dt)
    idx = np.clip(idx, 0, len(all_times) - 1)
    off = np.abs(all_times[idx] - times) > 0.5 * dt
    if off.any():
        t = times[np.flatnonzero(off)[0]]
        raise _RequestError(
            f"model '{model}': time {t:g} is not simulated (runs cover "
            f"{all_times[0]:g} to {all_times[-1]:g}); ask for times inside that range"
        )
    return idx


class EngineBackend:
    """Loops the model's compiled engine simulation, one member after another."""

    name = "engine"

    def run(
        self,
        model: Any,
        matrix: np.ndarray,
        names: Sequence[str],
        variables: Sequence[str],
        times: np.ndarray,
        base: Mapping[str, float],
    ) -> tuple[np.ndarray, list[str]]:
        from ..engine import TimeSpec

        n = matrix.shape[0]
        out = np.full((n, len(variables), len(times)), np.nan)
        status = [OK] * n
        pre = _bounds_errors(model.parameters, matrix, names)
        ts = model.time_spec
        spec = TimeSpec(ts.start, ts.stop, ts.dt, 0.0, model.method)
        fixed = [(k, float(v)) for k, v in base.items() if k not in set(names)]
        names = list(names)
        this_run = frozenset(names) | frozenset(k for k, _ in fixed)
        rows = matrix.tolist()
        n_vars = len(variables)
        with model._lock:
            # The engine keeps a set_value across reset(): like Model.run, rebuild a cached
            # simulation that holds a key this study leaves at its default.
            held = model.__dict__.setdefault("_held", {})
            if not held.get(spec, frozenset()) <= this_run:
                model._sims.pop(spec, None)
            sim = model._sim(spec)
            held[spec] = this_run
            set_value = sim.set_value
            get_series = sim.get_series
            sel: Any = None
            for i in range(n):
                if pre[i] is not None:
                    status[i] = pre[i]  # type: ignore[assignment]
                    continue
                try:
                    sim.reset()
                    for k, v in fixed:
                        set_value(k, v)
                    for k, v in zip(names, rows[i], strict=True):
                        set_value(k, v)
                    sim.run_to_end()
                    if sel is None:
                        sel = _selector(get_series("time"), times, spec.dt, model.name)
                    o = out[i]
                    for v in range(n_vars):
                        o[v] = get_series(variables[v])[sel]
                except _RequestError:
                    raise
                except SimulationError as exc:
                    status[i] = f"SimulationError: {exc}"
                    out[i] = np.nan
                except Exception as exc:  # the engine's own failures
                    status[i] = f"SimulationError: model '{model.name}': the engine stopped: {exc}"
                    out[i] = np.nan
        # NaN or infinity in a kept value fails the member (checked once for the chunk)
        ran = np.array([st == OK for st in status])
        bad = ran & ~np.isfinite(out).reshape(n, -1).all(axis=1)
        for i in map(int, np.flatnonzero(bad)):
            v, t = (int(a[0]) for a in np.nonzero(~np.isfinite(out[i])))
            status[i] = (
                f"SimulationError: model '{model.name}': variable '{variables[v]}' is "
                f"{out[i, v, t]} at time {times[t]:g}. Check the parameters feeding it or "
                "shorten dt."
            )
            out[i] = np.nan
        return out, status


def _selector(all_times: Any, times: np.ndarray, dt: float, model: str) -> Any:
    """A slice (fast) or index array picking *times* out of the engine's time series."""
    idx = _time_index(np.asarray(all_times, dtype=float), times, dt, model)
    if len(idx) > 1:
        step = int(idx[1] - idx[0])
        if step > 0 and np.array_equal(idx, idx[0] + step * np.arange(len(idx))):
            return slice(int(idx[0]), int(idx[-1]) + 1, step)
    elif len(idx) == 1:
        return slice(int(idx[0]), int(idx[0]) + 1)
    return idx


class FunctionBackend:
    """Runs a :class:`FunctionModel` on the whole chunk at once."""

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
    ) -> tuple[np.ndarray, list[str]]:
        n = matrix.shape[0]
        pre = _bounds_errors(model.parameters, matrix, names)
        params = {k: np.full(n, p.value) for k, p in model.parameters.items()}
        for k, v in base.items():
            params[k] = np.full(n, float(v))
        for j, k in enumerate(names):
            params[k] = matrix[:, j].astype(float)
        res = model.fn(params)
        idx = _time_index(model.times, times, 1e-9, model.name)
        out = np.empty((n, len(variables), len(times)))
        for v, var in enumerate(variables):
            a = np.asarray(res[var], dtype=float)
            out[:, v, :] = a[:, None] if a.ndim == 1 else a[:, idx]
        status = [OK if e is None else e for e in pre]
        bad = ~np.isfinite(out).reshape(n, -1).all(axis=1)
        for i in np.flatnonzero(bad):
            if status[i] == OK:
                status[i] = f"SimulationError: model '{model.name}': non-finite output"
        failed = np.array([s != OK for s in status])
        out[failed] = np.nan
        return out, status


class KernelBackend:
    """Hands the chunk to a vectorized kernel compiled from the model (``doomloop.kernel``).

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
    ) -> tuple[np.ndarray, list[str]]:
        kernel = self._get(model)
        n = matrix.shape[0]
        pre = _bounds_errors(model.parameters, matrix, names)
        good = np.array([e is None for e in pre], dtype=bool)
        out = np.full((n, len(variables), len(times)), np.nan)
        m = int(good.sum())
        if m:  # the kernel refuses out-of-bounds values, so only members in bounds go in
            params = {k: np.full(m, float(v)) for k, v in base.items()}
            for j, k in enumerate(names):
                params[k] = matrix[good, j].astype(float)
            res = kernel.run(
                params,
                n_members=m,
                variables=list(variables),
                times=np.asarray(times),
                output="arrays",
                threads=self.threads,
            )
            vals = np.stack([np.asarray(res.values[v], dtype=float) for v in variables], 1)
            flagged = np.asarray(res.status) != 0
            out[good] = vals
            for i in np.flatnonzero(good)[flagged]:
                pre[int(i)] = f"SimulationError: model '{model.name}': a variable became NaN or inf"
        status = [OK if e is None else e for e in pre]
        bad = ~np.isfinite(out).reshape(n, -1).all(axis=1)
        for i in np.flatnonzero(bad):
            if status[i] == OK:
                status[i] = f"SimulationError: model '{model.name}': a variable became NaN or inf"
        failed = np.array([s != OK for s in status])
        out[failed] = np.nan
        return out, status


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


def _run_chunk(chunk: _Chunk) -> tuple[int, np.ndarray, list[str]]:
    model = _cached(chunk.token, chunk.model)
    backend = _cached(chunk.token + ":backend", chunk.backend)
    values, status = backend.run(
        model, chunk.matrix, chunk.names, chunk.variables, chunk.times, chunk.base
    )
    return chunk.start, values, status


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
) -> Iterator[tuple[int, np.ndarray, list[str]]]:
    """Like :func:`evaluate` but yield ``(first_member, values, status)`` chunk by chunk.

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
            if isinstance(res, (_RequestError, UnknownParameterError)):
                raise res
            values = np.full((n, len(variables), len(t)), np.nan)
            status = [f"{type(res).__name__}: chunk failed: {res}"] * n
        else:
            _, values, status = res
        done += n
        if progress is not None:
            progress(done, n_total)
        yield start, values, status


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
) -> tuple[np.ndarray, np.ndarray]:
    """Run the model once per row of *param_matrix*; return values and per-member status.

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
    values : numpy.ndarray
        Shape ``(n_members, len(variables), len(times))``; NaN for failed members.
    status : numpy.ndarray
        One string per member: ``"ok"``, or the error type and message of a member that
        failed (out of bounds, NaN, engine error). A failed member never stops the others.
    """
    matrix = np.atleast_2d(np.asarray(param_matrix, dtype=float))
    if matrix.size == 0 and len(names) == 0:
        matrix = np.zeros((matrix.shape[0] if matrix.ndim == 2 else 1, 0))
    n = matrix.shape[0]
    t = default_times(model) if times is None else np.asarray(times, dtype=float)
    values = np.full((n, len(variables), len(t)), np.nan)
    status = np.empty(n, dtype=object)
    for start, vals, st in evaluate_iter(
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
        values[start : start + vals.shape[0]] = vals
        status[start : start + vals.shape[0]] = st
    return values, status.astype(str)
