"""The public kernel: compile a model once, run thousands of members in one array pass.

:func:`compile_model` reads an XMILE file (or a :class:`doomloop.Model`) into the IR,
lowers it, orders it and returns a :class:`Kernel`. :meth:`Kernel.run` takes per-member
parameter values and returns only the requested variables at the requested times, with a
per-member status (members whose state turned NaN or infinite are flagged, never raised).
:func:`try_compile` returns ``None`` (with one warning) when the model is not covered, so
callers fall back to pysimlin.
"""

from __future__ import annotations

import os
import threading
import warnings
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import (
    OutOfBoundsError,
    SimulationError,
    UnknownParameterError,
    did_you_mean,
)
from ..runner import Status
from .errors import NotCovered
from .ir import ModelIR, Num, canonical
from .lower import lower
from .numpy_backend import compile_run, generate, is_constant
from .order import Order, evaluation_order
from .parse import parse_xmile
from .prune import prune

if TYPE_CHECKING:
    import xarray as xr

    from ..engine import Model
    from ..parameters import ParameterTable

#: Largest output a run may allocate (bytes); ask for fewer variables or times beyond it.
MAX_OUTPUT_BYTES = 4 * 1024**3

#: Status codes of :attr:`KernelResult.status`.
OK, NONFINITE, OUT_OF_BOUNDS = (int(s) for s in (Status.OK, Status.NONFINITE, Status.OUT_OF_BOUNDS))


@dataclass(frozen=True)
class KernelState:
    """Every member's state (its stock and ``INIT`` values) at one step of a run.

    Made by ``Kernel.run(..., state_at=time)`` (or ``state_at=[times]``: one for each);
    ``Kernel.run(..., resume=state)`` starts there instead of at the start time. Valid only
    for parameter values that give the same run up to ``time`` (a policy that acts later,
    say): the kernel cannot check that.
    """

    time: float
    step: int
    start: float
    dt: float
    method: str
    values: np.ndarray  # (member, state value)
    stocks: tuple[str, ...] = ()  # the kernel's stocks, in the order of the rows

    @property
    def members(self) -> int:
        return int(self.values.shape[0])


@dataclass
class KernelResult:
    """Raw output of a kernel run.

    Attributes
    ----------
    times
        The kept times, shape ``(time,)``.
    values
        Variable name -> array of shape ``(member, time)``.
    status
        ``(member,)`` int array: 0 fine, 1 some state or output became NaN or infinite,
        2 a parameter was not finite or outside its bounds (values set to NaN).
    nonfinite_time
        ``(member,)`` first kept time at which the member was non-finite (NaN if never).
    states
        Every member's state at each time of ``state_at``, in time order.
    """

    times: np.ndarray
    values: dict[str, np.ndarray]
    status: np.ndarray
    nonfinite_time: np.ndarray
    states: tuple[KernelState, ...] = ()

    @property
    def state(self) -> KernelState | None:
        """The state at the (last) time of ``state_at``; ``None`` without one."""
        return self.states[-1] if self.states else None

    def to_dataset(self) -> xr.Dataset:
        """The result as an :class:`xarray.Dataset` with dims ``(member, time)``."""
        import xarray as xr

        n = len(self.status)
        return xr.Dataset(
            {k: (("member", "time"), v) for k, v in self.values.items()},
            coords={
                "member": np.arange(n),
                "time": self.times,
                "status": ("member", self.status),
                "nonfinite_time": ("member", self.nonfinite_time),
            },
        )


class Kernel:
    """A model compiled for vectorized ensembles. Build it with :func:`compile_model`.

    Attributes
    ----------
    covers
        Always True for a built kernel (uncovered models raise :class:`NotCovered`).
    not_covered
        ``(variable, construct)`` pairs the kernel could not compile (empty here).
    """

    covers = True

    def __init__(
        self,
        ir: ModelIR,
        order: Order,
        parameters: ParameterTable | None = None,
        semantics: str = "pysimlin",
    ):
        self.semantics = semantics
        self.ir = ir
        self.order = order
        self.path = ir.path
        self.parameters = parameters
        self.not_covered: list[tuple[str, str]] = []
        self._cache: dict[tuple[Any, ...], Any] = {}
        self._shared: dict[tuple[Any, ...], np.ndarray] = {}  # a few tables of shared values
        self._param_keys: dict[str, tuple[str, str | None, int | None, Any]] = {}
        self._defaults: dict[str, Any] | None = None
        self._pm_default: dict[int, np.ndarray] = {}  # per generated kernel: the defaults
        # pruned numba kernels (see warmup): (method, outputs) -> (members, shared, generated)
        self._pruned: dict[tuple[str, frozenset[str]], Any] = {}
        self._lock = threading.Lock()
        self._compile_lock = threading.Lock()  # one pruned kernel compiles at a time
        self.constants = [n for n, v in ir.variables.items() if is_constant(v)]
        self.varying = _varying(self.constants, parameters)
        self._stocks = tuple(n for n, v in ir.variables.items() if v.kind == "stock")
        self._display = {canonical(v.display or n): n for n, v in ir.variables.items()}

    def __repr__(self) -> str:
        return f"Kernel({self.path!r}, {len(self.ir.variables)} variables)"

    # -- names -----------------------------------------------------------------------------
    @property
    def variable_names(self) -> list[str]:
        """Every visible variable, array elements as ``name[element]`` (canonical names)."""
        out: list[str] = []
        for n, v in self.ir.variables.items():
            if v.hidden or (v.eqn is None and not v.elements):
                continue
            if v.dims:
                out += [f"{n}[{e}]" for e in self.ir.dims[v.dims[0]]]
            else:
                out.append(n)
        return out

    def _split(self, key: str) -> tuple[str, str | None]:
        key = key.strip()
        elem = None
        if key.endswith("]") and "[" in key:
            key, _, rest = key.partition("[")
            elem = canonical(rest[:-1])
        name = canonical(key)
        if name not in self.ir.variables or self.ir.variables[name].hidden:
            have = [n for n, v in self.ir.variables.items() if not v.hidden]
            raise UnknownParameterError(
                f"model '{self.path}' has no variable '{key}'.{did_you_mean(name, have)}"
            )
        return name, elem

    def _element_index(self, name: str, elem: str | None, what: str) -> int | None:
        v = self.ir.variables[name]
        if elem is None:
            return None
        if not v.dims:
            raise UnknownParameterError(f"{what} '{name}[{elem}]': '{name}' is not an array")
        elems = self.ir.dims[v.dims[0]]
        if elem in elems:
            return elems.index(elem)
        if elem.isdigit() and 1 <= int(elem) <= len(elems):
            return int(elem) - 1
        raise UnknownParameterError(
            f"{what} '{name}[{elem}]': no element '{elem}' in dimension '{v.dims[0]}'."
            f"{did_you_mean(elem, elems)}"
        )

    def _outputs(
        self, variables: Sequence[str] | None
    ) -> tuple[list[tuple[str, int | None]], list[str]]:
        specs: list[tuple[str, int | None]] = []
        keys: list[str] = []
        names = self.variable_names if variables is None else list(variables)
        for raw in names:
            name, elem = self._split(raw)
            v = self.ir.variables[name]
            idx = self._element_index(name, elem, "variable")
            if v.dims and idx is None:
                for i, e in enumerate(self.ir.dims[v.dims[0]]):
                    specs.append((name, i))
                    keys.append(f"{name}[{e}]")
            else:
                specs.append((name, idx))
                keys.append(name if idx is None else f"{name}[{self.ir.dims[v.dims[0]][idx]}]")
        return specs, keys

    # -- parameters ------------------------------------------------------------------------
    def _param_info(self, raw: str) -> tuple[str, str | None, int | None, Any]:
        """``(name, element, element index, table row or None)`` of a parameter key."""
        hit = self._param_keys.get(raw)
        if hit is None:
            name, elem = self._split(raw)
            if name not in self.constants:
                raise UnknownParameterError(
                    f"'{raw}' is not a constant of model '{self.path}' (its equation is not a "
                    "number), so a run cannot set it; set one of the constants it depends on"
                )
            idx = self._element_index(name, elem, "parameter")
            row = None
            if self.parameters is not None:
                table = self.parameters
                row = table.get(name if elem is None else f"{name}[{elem}]") or table.get(name)
            hit = self._param_keys[raw] = (name, elem, idx, row)
        return hit

    def _default_params(self) -> dict[str, Any]:
        if self._defaults is None:
            P: dict[str, Any] = {}
            for name in self.constants:
                v = self.ir.variables[name]
                if not v.dims:
                    assert isinstance(v.eqn, Num)
                    P[name] = np.float64(v.eqn.value)
                else:
                    elems = self.ir.dims[v.dims[0]]
                    if v.elements:
                        vals = [v.elements[e].value for e in elems]  # type: ignore[union-attr]
                    else:
                        assert isinstance(v.eqn, Num)
                        vals = [v.eqn.value] * len(elems)
                    P[name] = np.asarray(vals, dtype=float)[:, None]
            self._defaults = P
        return self._defaults

    def _params(
        self, params: Mapping[str, Any] | None, n_members: int | None, on_bounds: str = "flag"
    ) -> tuple[dict[str, Any], int, np.ndarray]:
        given: list[tuple[str, str, str | None, int | None, Any, np.ndarray]] = []
        sizes: set[int] = set()
        for raw, value in (params or {}).items():
            name, elem, idx, row = self._param_info(raw)
            arr = np.asarray(value, dtype=float)
            if arr.ndim > 1:
                raise SimulationError(
                    f"parameter '{raw}': values of shape {arr.shape}; give a number or a 1-D "
                    "array with one value per member"
                )
            if arr.ndim == 1:
                sizes.add(arr.shape[0])
            given.append((raw, name, elem, idx, row, arr))
        if len(sizes) > 1:
            raise SimulationError(
                f"parameter arrays have different lengths {sorted(sizes)}; give every "
                "parameter one value per member (or a single number)"
            )
        if sizes:
            m = sizes.pop()
            if n_members is not None and n_members != m:
                raise SimulationError(
                    f"n_members={n_members} but parameter arrays have {m} values; make them agree"
                )
        else:
            m = 1 if n_members is None else int(n_members)
        if m < 1:
            raise SimulationError(f"n_members={m}; run at least one member")
        oob = np.zeros(m, dtype=bool)
        if given:
            # one array pass checks every value against its table bounds
            vals = np.empty((len(given), m))
            lo = np.full(len(given), -np.inf)
            hi = np.full(len(given), np.inf)
            for i, (_, _, _, _, row, arr) in enumerate(given):
                vals[i] = arr
                if row is not None:
                    lo[i], hi[i] = row.lower_bound, row.upper_bound
            with np.errstate(invalid="ignore"):
                bad = ~np.isfinite(vals) | (vals < lo[:, None]) | (vals > hi[:, None])
            oob = np.asarray(bad.any(axis=0), dtype=bool)
            if on_bounds == "raise" and oob.any():
                i, j = (int(x[0]) for x in np.nonzero(bad))
                _, name, elem, _, row, _ = given[i]
                where = f"[{row.lower_bound:g}, {row.upper_bound:g}] {row.units}" if row else ""
                raise OutOfBoundsError(
                    f"parameter '{name}{'' if elem is None else f'[{elem}]'}': member {j} has "
                    f"{vals[i, j]:g}, outside its possible range {where or 'finite numbers'}; "
                    "use values inside it"
                )
        P = dict(self._default_params())
        for _, name, _, idx, _, arr in given:
            v = self.ir.variables[name]
            if not v.dims:
                P[name] = arr if arr.ndim else np.float64(arr)
            elif idx is None:
                P[name] = np.broadcast_to(arr, (len(self.ir.dims[v.dims[0]]), m)).copy()
            else:
                cur = np.array(np.broadcast_to(P[name], (P[name].shape[0], m)))
                cur[idx] = arr
                P[name] = cur
        return P, m, oob

    # -- running ---------------------------------------------------------------------------
    def _compiled(self, specs: list[tuple[str, int | None]], method: str) -> Any:
        key = (tuple(specs), method)
        with self._lock:
            hit = self._cache.get(key)
            if hit is None:
                src, layout = generate(self.ir, self.order, specs, method, self.semantics)
                fn = compile_run(src, layout, f"<doomloop kernel {Path(self.path).name}>")
                hit = (fn, layout)
                self._cache[key] = hit
        return hit[0]

    def _grid(
        self, start: float, stop: float, dt: float, times: Any
    ) -> tuple[int, np.ndarray, np.ndarray]:
        if not (dt > 0 and stop > start):
            raise SimulationError(
                f"time settings start={start:g}, stop={stop:g}, dt={dt:g} are not usable; "
                "need stop > start and dt > 0"
            )
        span = (stop - start) / dt
        n_steps = int(round(span))
        if abs(span - n_steps) > 1e-6 * max(1.0, span):
            raise SimulationError(
                f"stop - start = {stop - start:g} is not a whole number of dt = {dt:g}; "
                "choose a dt that divides the run"
            )
        save = np.full(n_steps + 1, -1, dtype=np.int64)
        if times is None:
            every = self.ir.save_step or dt
            k = max(1, int(round(every / dt)))
            steps = np.arange(0, n_steps + 1, k)
        else:
            req = np.atleast_1d(np.asarray(times, dtype=float))
            pos = (req - start) / dt
            steps = np.round(pos).astype(np.int64)
            off = np.abs(pos - steps) > 1e-6
            if np.any(off) or np.any(steps < 0) or np.any(steps > n_steps):
                bad = req[off | (steps < 0) | (steps > n_steps)][0]
                raise SimulationError(
                    f"requested time {bad:g} is not a step of the run ({start:g} to {stop:g} "
                    f"by dt {dt:g}); ask for times on that grid"
                )
            steps = np.unique(steps)
        save[steps] = np.arange(len(steps))
        return n_steps, save, start + steps * dt

    def _backend(self, backend: str, method: str) -> str:
        if backend not in ("auto", "numba", "numpy"):
            raise SimulationError(f"backend {backend!r} is not 'auto', 'numba' or 'numpy'")
        if backend == "numpy" or (backend == "auto" and ("numba-failed", method) in self._cache):
            return "numpy"
        if backend == "auto" and not self._numba_ready(method):
            return "numpy"
        try:
            import numba  # noqa: F401
        except ImportError:
            if backend == "numba":
                raise SimulationError("backend 'numba' needs numba; pip install numba") from None
            return "numpy"
        try:
            self._numba_fn(method)
        except NotCovered:
            if backend == "numba":
                raise
            return "numpy"
        except Exception as exc:  # a numba typing or lowering failure: a kernel bug
            if backend == "numba":
                raise
            if ("numba-failed", method) not in self._cache:
                self._cache[("numba-failed", method)] = (None, None)
                warnings.warn(
                    f"{self.path}: the numba backend failed ({type(exc).__name__}: "
                    f"{str(exc)[:200]}); running with the NumPy backend instead",
                    RuntimeWarning,
                    stacklevel=3,
                )
            return "numpy"
        return "numba"

    def _numba_ready(self, method: str) -> bool:
        """True when the numba kernel is compiled in this process or cached on disk."""
        if ("numba", method) in self._cache:
            return True
        try:
            from . import numba_backend as nb

            gen = self._cache.get(("numba-src", method))
            if gen is None:
                gen = self._cache[("numba-src", method)] = nb.generate(
                    self.ir, self.order, method, self.semantics, self.varying
                )
            return nb.is_cached(gen.src, gen.glb)
        except Exception:  # numba missing or the model not compilable by it
            return False

    def is_compiled(self, method: str | None = None) -> bool:
        """True when the numba kernel is compiled in this process or cached on disk, so a
        run with ``backend="auto"`` uses it without waiting for a compile."""
        return self._numba_ready((method or self.ir.method).lower())

    def warmup(self, method: str | None = None, variables: Sequence[str] | None = None) -> None:
        """Compile the numba kernel now (minutes for a large model; then cached on disk).

        Later runs with ``backend="auto"`` use it; without a warm-up ``"auto"`` uses numba
        only when a compiled copy exists, so no run waits for a compile unasked.

        With *variables*: also compile (or load) a kernel *pruned* to them, which computes
        only what they depend on (see :mod:`.prune`) and keeps nothing else. Later numba
        runs that keep only some of these variables use it; their values are bitwise those
        of the whole kernel's. Such a run flags a member non-finite (status 1) only for the
        stocks and outputs the kept variables depend on; its states hold only those stocks,
        so it resumes only from a state of a run pruned alike.
        """
        method = (method or self.ir.method).lower()
        self._backend("numba", method)
        if variables is not None:
            names = frozenset(name for name, _ in self._outputs(variables)[0])
            self._pruned_fn(method, names)

    def _pruned_fn(self, method: str, names: frozenset[str]) -> Any:
        from . import numba_backend as nb

        key = (method, names)
        # not under self._lock: runs go on (on the whole kernel) while this one compiles
        with self._compile_lock:
            hit = self._pruned.get(key)
            if hit is None:
                ir = prune(self.ir, names)
                gen = nb.generate(
                    ir, evaluation_order(ir), method, self.semantics, self.varying, names
                )
                label = f"<doomloop numba kernel {Path(self.path).name}, {len(names)} outputs>"
                hit = (*nb.compile_members(gen.src, gen.glb, label), gen)
                with self._lock:
                    self._pruned[key] = hit
        return hit

    def _variant(
        self, method: str, specs: list[tuple[str, int | None]], resume: KernelState | None
    ) -> Any:
        """The numba kernel for a run: the smallest pruned one keeping every output in
        *specs* (of the resumed state's stocks, when resuming), else the whole one."""
        full = self._numba_fn(method)
        names = {name for name, _ in specs}
        with self._lock:
            fits = sorted(
                ((len(k[1]), hit) for k, hit in self._pruned.items() if k[0] == method),
                key=lambda x: x[0],
            )
        for _, hit in fits:
            gen = hit[2]
            if not names <= gen.sslots.keys():
                continue
            if resume is None or resume.stocks == _stocks(gen):
                return hit
        return full

    def _numba_fn(self, method: str) -> Any:
        from . import numba_backend as nb

        key = ("numba", method)
        with self._lock:
            hit = self._cache.get(key)
            if hit is None:
                gen = nb.generate(self.ir, self.order, method, self.semantics, self.varying)
                fns = nb.compile_members(
                    gen.src, gen.glb, f"<doomloop numba kernel {Path(self.path).name}>"
                )
                hit = (*fns, gen)
                self._cache[key] = hit
        return hit

    def _run_numpy(
        self,
        specs: list[tuple[str, int | None]],
        method: str,
        P: dict[str, Any],
        m: int,
        n_steps: int,
        t0: float,
        step: float,
        t1: float,
        save: np.ndarray,
        n_save: int,
        bounds: list[int],
    ) -> tuple[list[np.ndarray], np.ndarray]:
        fn = self._compiled(specs, method)
        out = [np.empty((n_save, m)) for _ in specs]
        bad = np.full(m, -1, dtype=np.int64)
        whole = len(bounds) == 2

        def chunk(lo: int, hi: int) -> None:
            Pc = {k: _slice(v, lo, hi, m) for k, v in P.items()}
            oc = out if whole else [o[:, lo:hi] for o in out]
            with np.errstate(all="ignore"):
                fn(
                    Pc,
                    hi - lo,
                    n_steps,
                    np.float64(t0),
                    np.float64(step),
                    np.float64(t1),
                    save,
                    oc,
                    bad[lo:hi],
                )

        _chunked(chunk, bounds)
        return [o.T for o in out], bad

    def _run_numba(
        self,
        specs: list[tuple[str, int | None]],
        method: str,
        P: dict[str, Any],
        m: int,
        n_steps: int,
        t0: float,
        step: float,
        t1: float,
        save: np.ndarray,
        n_save: int,
        bounds: list[int],
        keep_steps: Sequence[int] = (),
        resume: KernelState | None = None,
        pruned: bool = True,
    ) -> tuple[list[np.ndarray], np.ndarray, np.ndarray | None, tuple[str, ...]]:
        fn, fn_shared, gen = (
            self._variant(method, specs, resume) if pruned else self._numba_fn(method)
        )
        stocks = _stocks(gen)
        defaults = self._default_params()
        pm_default = self._pm_default.get(id(gen))
        if pm_default is None:
            pm_default = np.zeros(max(gen.n_params, 1))
            for name, slot in gen.pslots.items():
                pm_default[slot : slot + np.size(defaults[name])] = np.ravel(defaults[name])
            self._pm_default[id(gen)] = pm_default
        # member-major arrays: one member's parameters, outputs and state are contiguous, so
        # a chunk of members is a view (no copies in or out)
        pm = np.repeat(pm_default[None, :], m, axis=0)
        for name, slot in gen.pslots.items():
            if P[name] is defaults[name]:
                continue
            v = np.asarray(P[name], dtype=float)
            var = self.ir.variables[name]
            n = len(self.ir.dims[var.dims[0]]) if var.dims else 0
            if n:
                pm[:, slot : slot + n] = np.broadcast_to(v, (n, m)).T
            else:
                pm[:, slot] = v
        sel = np.asarray([gen.sslots[name] + (idx or 0) for name, idx in specs], dtype=np.int64)
        out = np.empty((m, len(specs), n_save))  # every kept time is written, unless resumed:
        if resume is not None:
            out.fill(np.nan)  # times before the state stay NaN
        bad = np.full(m, -1, dtype=np.int64)
        n_state = max(gen.n_state, 1)
        if resume is not None and (resume.values.shape[1] != n_state or resume.stocks != stocks):
            raise SimulationError(
                f"resume: the state holds the stocks of another model ({len(resume.stocks)} "
                f"stocks, {resume.values.shape[1]} values; this one has {len(stocks)}, "
                f"{n_state}); resume only with a state of the same model and kernel (a pruned "
                "run's state: of a run keeping the same variables, see Kernel.warmup)"
            )
        # the states to keep: XS[j, member] is the state at step keep_steps[j]
        n_keep = len(keep_steps)
        at = np.full(n_steps + 1, -1, dtype=np.int64)
        at[list(keep_steps)] = np.arange(n_keep)
        xs = np.empty((n_keep, m, n_state)) if n_keep else None
        x0 = np.empty((m, 1)) if resume is None else resume.values
        i0 = 0 if resume is None else resume.step
        rows = 2 * n_steps + 1 if method == "rk4" else n_steps + 1
        fixed = np.asarray(gen.fixed_rows, dtype=np.int64)

        def table(pc: np.ndarray) -> np.ndarray:
            """The shared variables on the time grid for the parameters of member ``pc[0]``."""
            key = ("shared", id(gen), t0, step, t1, n_steps, pc[0, fixed].tobytes())
            with self._lock:
                hit = self._shared.get(key)
            if hit is None:
                hit = np.empty((rows, max(gen.n_shared, 1)))
                fn_shared(pc[:1], n_steps, t0, step, t1, hit)
                with self._lock:
                    self._shared[key] = hit
                    while len(self._shared) > 4:
                        self._shared.pop(next(iter(self._shared)))
            return hit

        def members(sub: Any, o: np.ndarray, b: np.ndarray, x: np.ndarray | None) -> None:
            pc = pm[sub]
            fn(
                pc,
                len(pc),
                n_steps,
                t0,
                step,
                t1,
                save,
                sel,
                o,
                b,
                table(pc),
                i0,
                x0[sub],
                at,
                np.empty((1, 1, 1)) if x is None else x,
            )

        def work(subs: list[Any]) -> None:
            for sub in subs:
                if isinstance(sub, slice):  # views: the kernel writes in place
                    members(sub, out[sub], bad[sub], None if xs is None else xs[:, sub])
                    continue
                o, b = out[sub], bad[sub]  # copies for a group picked by index
                x = None if xs is None else np.empty((n_keep, len(sub), n_state))
                members(sub, o, b, x)
                out[sub], bad[sub] = o, b
                if xs is not None:
                    xs[:, sub] = x

        # Members that differ in a constant the shared variables read get a table each.
        if (
            fixed.size
            and m > 1
            and not np.array_equal(pm[:, fixed], np.broadcast_to(pm[:1, fixed], (m, fixed.size)))
        ):
            _, which = np.unique(pm[:, fixed], axis=0, return_inverse=True)
            groups: list[Any] = [np.flatnonzero(which.ravel() == u) for u in range(which.max() + 1)]
            per = [groups[i :: len(bounds) - 1] for i in range(len(bounds) - 1)]
        else:  # a few slices per thread, taken in turn (see _in_threads)
            threads = len(bounds) - 1
            pieces = min(m, _PIECES_PER_THREAD * threads) if threads > 1 else 1
            cuts = [int(x) for x in np.linspace(0, m, pieces + 1)]
            per = [[slice(lo, hi)] for lo, hi in zip(cuts[:-1], cuts[1:], strict=True)]
        _in_threads(work, [p for p in per if p], workers=len(bounds) - 1)
        return list(out.transpose(1, 0, 2)), bad, xs, stocks

    def run(
        self,
        params: Mapping[str, Any] | None = None,
        n_members: int | None = None,
        variables: Sequence[str] | None = None,
        times: Any = None,
        method: str | None = None,
        dt: float | None = None,
        *,
        start: float | None = None,
        stop: float | None = None,
        threads: int | None = None,
        output: str = "dataset",
        backend: str = "auto",
        on_bounds: str = "flag",
        state_at: float | Sequence[float] | None = None,
        resume: KernelState | None = None,
        pruned: bool = True,
    ) -> Any:
        """Run every member at once.

        Parameters
        ----------
        params
            Constant name (or ``name[element]``) -> a number (all members) or a 1-D array
            with one value per member.
        n_members
            Number of members (default: the length of the parameter arrays, or 1).
        variables
            Variables to keep (default: all); an array name keeps all its elements.
        times
            Times to keep (default: the model's save step); each must be a step of the run.
        method, dt, start, stop
            Override the integration method (``"euler"``/``"rk4"``) and time settings.
        threads
            Split the members into this many chunks run in parallel threads (default: one
            per core, at most one per 256 members). Results do not depend on it.
        output
            ``"dataset"`` (an :class:`xarray.Dataset`) or ``"arrays"`` (a
            :class:`KernelResult`).
        backend
            ``"numba"`` (a compiled per-member loop: fastest for small ensembles; compiled
            at its first use, seconds to minutes, then cached on disk), ``"numpy"``
            (generated array code, no compile wait) or ``"auto"`` (numba when a compiled
            copy exists, see :meth:`warmup`; else numpy).
        on_bounds
            ``"flag"`` (default): a member whose parameter is not finite or outside the
            parameter table's bounds gets status 2 and NaN values, the others run on;
            ``"raise"``: raise :class:`~doomloop.errors.OutOfBoundsError` naming it.
        state_at
            Also keep every member's state at this time (a step of the run) as the
            result's ``state`` (a :class:`KernelState`; numba backend); given several
            times, one state at each, in time order, as ``states``.
        resume
            Start from this state (of a run with the same start, dt and method, and as many
            members) instead of the start time; kept times before it are NaN. Only valid
            when the parameters give the same run up to the state's time (numba backend).
        pruned
            Run on a kernel pruned to the kept variables when one was compiled (see
            :meth:`warmup`; the same values); ``False``: on the whole kernel, so the states
            hold every stock.

        Returns
        -------
        xarray.Dataset or KernelResult
            Requested variables with dims ``(member, time)``; coordinates ``status`` and
            ``nonfinite_time`` flag members that became NaN or infinite.
        """
        method = (method or self.ir.method).lower()
        if method not in ("euler", "rk4"):
            raise SimulationError(f"method {method!r} is not 'euler' or 'rk4'")
        if output not in ("dataset", "arrays"):
            raise SimulationError(f"output {output!r} is not 'dataset' or 'arrays'")
        t0 = self.ir.start if start is None else float(start)
        t1 = self.ir.stop if stop is None else float(stop)
        step = self.ir.dt if dt is None else float(dt)
        n_steps, save, kept = self._grid(t0, t1, step, times)
        specs, keys = self._outputs(variables)
        if on_bounds not in ("flag", "raise"):
            raise SimulationError(f"on_bounds {on_bounds!r} is not 'flag' or 'raise'")
        P, m, oob = self._params(params, n_members, on_bounds)
        if threads is None:
            threads = min(os.cpu_count() or 1, max(1, m // 256))
        chunks = max(1, min(int(threads), m))
        size = 8 * m * len(kept) * len(specs)
        if size > MAX_OUTPUT_BYTES:
            raise SimulationError(
                f"keeping {len(specs)} variables at {len(kept)} times for {m} members needs "
                f"{size / 1e9:.1f} GB, more than the {MAX_OUTPUT_BYTES / 1e9:.0f} GB limit; "
                "ask for fewer variables (variables=[...]) or times (times=[...])"
            )
        bounds = [int(x) for x in np.linspace(0, m, chunks + 1)]
        args = (P, m, n_steps, t0, step, t1, save, len(kept), bounds)
        wanted = () if state_at is None else np.atleast_1d(np.asarray(state_at, dtype=float))
        keep_steps = sorted({self._step_of(t, t0, step, n_steps) for t in wanted})
        if resume is not None:
            self._check_resume(resume, t0, step, method, m, n_steps)
            if keep_steps and keep_steps[0] < resume.step:
                raise SimulationError(
                    f"state_at={t0 + keep_steps[0] * step:g} is before the resumed state's "
                    f"time {resume.time:g}; keep states at or after it"
                )
        use = self._backend(backend, method)
        xs, stocks = None, self._stocks
        if use == "numba":
            arrays, bad, xs, stocks = self._run_numba(
                specs, method, *args, keep_steps, resume, pruned
            )
        elif state_at is not None or resume is not None:
            raise SimulationError(
                "state_at and resume need the numba backend: call Kernel.warmup() once (it "
                "compiles the model and caches it on disk), then run with backend='auto'"
            )
        else:
            arrays, bad = self._run_numpy(specs, method, *args)
        values = dict(zip(keys, arrays, strict=True))
        first_kept = 0 if resume is None else int(np.searchsorted(kept, resume.time - 1e-9))
        for o in arrays:
            nf = ~np.isfinite(o[:, first_kept:])
            nf = np.concatenate([np.zeros((m, first_kept), dtype=bool), nf], axis=1)
            if nf.any():
                first = np.where(nf.any(axis=1), nf.argmax(axis=1), -1)
                upd = (first >= 0) & ((bad < 0) | (first < bad))
                bad[upd] = first[upd]
        status = np.where(bad >= 0, NONFINITE, OK).astype(np.int8)
        if oob.any():
            status[oob] = OUT_OF_BOUNDS
            for o in arrays:
                o[oob] = np.nan
        nft = np.where(bad >= 0, kept[np.clip(bad, 0, None)], np.nan)
        states = tuple(
            KernelState(t0 + k * step, k, t0, step, method, xs[j], stocks)
            for j, k in enumerate(keep_steps)
            if xs is not None
        )
        res = KernelResult(kept, values, status, nft, states)
        return res.to_dataset() if output == "dataset" else res

    def _step_of(self, time: float, t0: float, step: float, n_steps: int) -> int:
        pos = (float(time) - t0) / step
        i = int(round(pos))
        if abs(pos - i) > 1e-6 or not 0 <= i <= n_steps:
            raise SimulationError(
                f"state_at={time:g} is not a step of the run ({t0:g} to "
                f"{t0 + n_steps * step:g} by dt {step:g}); choose a time on that grid"
            )
        return i

    def _check_resume(
        self, state: KernelState, t0: float, step: float, method: str, m: int, n_steps: int
    ) -> None:
        same = state.start == t0 and state.dt == step and state.method == method
        if not same:
            raise SimulationError(
                f"resume: the state is of a run from {state.start:g} by dt {state.dt:g} "
                f"({state.method}); this run is from {t0:g} by dt {step:g} ({method}). Resume "
                "with the same start, dt and method"
            )
        if state.members != m:
            raise SimulationError(
                f"resume: the state holds {state.members} members but this run has {m}; "
                "give one parameter value per member of the state"
            )
        if state.step > n_steps:
            raise SimulationError(f"resume: the state's time {state.time:g} is after the stop")


def _stocks(gen: Any) -> tuple[str, ...]:
    """The stocks of a generated numba kernel's state, in the order of its rows."""
    return tuple(name for name, _, _ in gen.state)


def _varying(constants: list[str], table: ParameterTable | None) -> frozenset[str] | None:
    """Constants members may differ in: a table's parameters other than fixed data.

    Without a table every constant may vary (``None``). The others are structure (cohort
    birth years, initial populations) or fixed data (UN rates); the kernel computes what
    depends only on them and on time once per run, for all members.
    """
    if table is None:
        return None
    free = {
        canonical(p.name.partition("[")[0])
        for p in table.values()
        if p.group != "data" or p.low < p.high
    }
    return frozenset(c for c in constants if c in free)


_POOLS: dict[int, ThreadPoolExecutor] = {}
_POOLS_LOCK = threading.Lock()
#: Member slices per thread: a thread held up by a busy machine leaves its later slices to
#: the others.
_PIECES_PER_THREAD = 4


def _in_threads(fn: Any, items: list[Any], workers: int | None = None) -> None:
    """Call ``fn(item)`` for each item, in *workers* threads (default: one per item).

    A thread takes the next item when it is done with one, so a thread the system holds
    up (a busy machine) leaves more of the items to the others. The threads live as long
    as the process (one pool per thread count), so a short run (the web's bands) does not
    pay for starting them; no task waits for another.
    """
    n = min(workers or len(items), len(items))
    if n <= 1:
        for item in items:
            fn(item)
        return
    with _POOLS_LOCK:
        pool = _POOLS.get(n)
        if pool is None:
            pool = _POOLS[n] = ThreadPoolExecutor(n, thread_name_prefix="doomloop-kernel")
    list(pool.map(fn, items))


def _chunked(fn: Any, bounds: list[int]) -> None:
    """Call ``fn(lo, hi)`` for each chunk of members, in threads when there are several."""
    _in_threads(lambda p: fn(*p), list(zip(bounds[:-1], bounds[1:], strict=True)))


def _slice(v: Any, lo: int, hi: int, m: int) -> Any:
    if isinstance(v, np.ndarray) and v.ndim >= 1 and v.shape[-1] == m and m > 1:
        return v[..., lo:hi]
    return v


def _from_model(model: Model | str | Path) -> tuple[Path, ParameterTable | None]:
    path = getattr(model, "path", None)
    if path is not None:
        return Path(path), getattr(model, "parameters", None)
    return Path(model), None  # type: ignore[arg-type]


def compile_model(model: Model | str | Path, *, semantics: str = "pysimlin") -> Kernel:
    """Compile an XMILE model (path or :class:`doomloop.Model`) into a :class:`Kernel`.

    Parameters
    ----------
    model
        A path to an XMILE file or model folder, or a loaded :class:`doomloop.Model`.
    semantics
        ``"pysimlin"`` (default): every member equals a pysimlin run (which ignores
        ``<non_negative/>``, floors in ``INT`` and takes the divisor's sign in ``MOD``).
        ``"reference"``: the test collection's reference tools (non-negative stocks and
        flows clamped at zero, ``INT`` truncates, ``MOD`` keeps the dividend's sign).

    Raises
    ------
    NotCovered
        When the model uses constructs the kernel does not compile (each one named).
    ModelFileError
        For unreadable files and equations; :class:`~.errors.CycleError` for loops
        without a stock.
    """
    if semantics not in ("pysimlin", "reference"):
        raise ValueError(f"semantics {semantics!r} is not 'pysimlin' or 'reference'")
    path, table = _from_model(model)
    if path.is_dir():
        for f in ("model.xmile", "model.stmx"):
            if (path / f).exists():
                path = path / f
                break
    ir = parse_xmile(path)
    lower(ir)
    order = evaluation_order(ir)
    k = Kernel(ir, order, table, semantics)
    k._compiled([], ir.method)  # find codegen problems now, not at the first run
    return k


_warned: set[str] = set()


def coverage(model: Model | str | Path) -> list[tuple[str, str]]:
    """The ``(variable, construct)`` pairs that keep *model* off the kernel (empty: covered)."""
    try:
        compile_model(model)
    except NotCovered as exc:
        return list(exc.constructs)
    return []


def try_compile(model: Model | str | Path) -> Kernel | None:
    """Like :func:`compile_model`, but return ``None`` when the model is not covered.

    Warns once per model file, naming the constructs, so callers can fall back to pysimlin.
    """
    try:
        return compile_model(model)
    except NotCovered as exc:
        key = str(_from_model(model)[0])
        if key not in _warned:
            _warned.add(key)
            warnings.warn(str(exc), stacklevel=2)
        return None
