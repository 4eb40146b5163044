"""How a model is run: load an XMILE model with pysimlin, apply parameters, simulate.

:func:`load_model` returns a :class:`Model`; :meth:`Model.run` returns a pandas DataFrame
indexed by time with one column per variable. Runs reuse one compiled engine simulation per
time setting, so a loop of runs costs little more than the engine itself. Every failure is a
:class:`~doomloop.errors.DoomloopError` that names what, where and the fix.
"""

from __future__ import annotations

import math
import os
import threading
import warnings
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .diagnostics import unit_problems
from .errors import DataError, ModelFileError, SimulationError, UnknownParameterError, did_you_mean
from .parameters import Parameter, ParameterTable, table_files
from .profile import Profile, fallback_profile, load_profile, profile_path
from .runner import Runs, Status, start_runs
from .xmlsafety import check_model_file, check_run_size

if TYPE_CHECKING:
    import simlin

    from .scenarios import Scenario

MODELS_DIR = Path(__file__).parent / "models"
_ENGINE_NAMES = frozenset({"time", "dt", "initial_time", "final_time"})
MODEL_FILE_NAMES = ("model.xmile", "model.stmx")


def available_models() -> list[str]:
    """Names of the models shipped with doomloop."""
    if not MODELS_DIR.is_dir():
        return []
    return sorted(
        p.name
        for p in MODELS_DIR.iterdir()
        if p.is_dir() and any((p / f).exists() for f in MODEL_FILE_NAMES)
    )


def _resolve(name_or_path: str | Path) -> Path:
    p = Path(name_or_path)
    if p.suffix.lower() in (".xmile", ".stmx", ".xml", ".mdl"):
        if not p.exists():
            raise ModelFileError(f"model file {p} does not exist; check the path")
        return p
    if p.is_dir():
        folder = p
    else:
        folder = MODELS_DIR / str(name_or_path)
        if not folder.is_dir():
            hint = did_you_mean(str(name_or_path), available_models())
            raise ModelFileError(
                f"no model named '{name_or_path}'.{hint}"
                f" Shipped models: {', '.join(available_models())}; or give a path to an "
                ".xmile/.stmx file"
            )
    for f in MODEL_FILE_NAMES:
        if (folder / f).exists():
            return folder / f
    raise ModelFileError(f"{folder} holds no model.xmile or model.stmx")


def is_shipped(path: Path) -> bool:
    """True for a model file shipped inside the package (trusted: not probed in a child)."""
    try:
        return path.resolve().is_relative_to(MODELS_DIR.resolve())
    except OSError:
        return False


def canonical_name(name: str) -> str:
    """The engine's identifier for a display name: lower case, runs of spaces as '_'."""
    return "_".join(name.replace("\\n", " ").split()).lower()


def _table_from_constants(sm: simlin.Model) -> ParameterTable:
    """A parameter table for a model without a table beside it: its numeric constants."""
    import simlin as _s

    params = []
    for v in sm.variables:
        if (
            isinstance(v, _s.Aux)
            and v.graphical_function is None
            and not getattr(v, "dimensions", None)
        ):
            try:
                value = float(v.equation)
            except (TypeError, ValueError):
                continue
            params.append(
                Parameter(
                    name=canonical_name(v.name),
                    value=value,
                    units=v.units or "",
                    low=value,
                    high=value,
                    lower_bound=-math.inf,
                    upper_bound=math.inf,
                    group="assumption",
                    sector="",
                    distribution="fixed",
                    source="",
                    note="read from the model file; no parameters.csv beside it",
                )
            )
    return ParameterTable(params)


@dataclass(frozen=True)
class TimeSpec:
    """Time settings of a run; ``save_step`` 0 keeps every dt, ``method`` euler or rk4."""

    start: float
    stop: float
    dt: float
    save_step: float = 0.0
    method: str = "euler"


class Model:
    """A loaded model: its file, parameter table and a reusable engine simulation.

    Build it with :func:`load_model`. Instances are picklable (the engine objects are
    rebuilt lazily), so they can be sent to Dask workers.
    """

    def __init__(
        self, path: Path, parameters: ParameterTable | None = None, *, strict: bool = True
    ):
        self.path = Path(path)
        self.name = self.path.parent.name if self.path.name in MODEL_FILE_NAMES else self.path.stem
        self._strict = strict
        self._lock = threading.RLock()
        self._sm: simlin.Model | None = None
        self._sims: dict[TimeSpec, Any] = {}
        self._held: dict[TimeSpec, frozenset[str]] = {}  # keys set_value'd on each cached sim
        files = table_files(self.path) if parameters is None else None
        if parameters is None:  # a bad table fails before the engine starts
            parameters = ParameterTable.for_model(self.path)
        sm = self._engine_model()
        if parameters is None:
            parameters = _table_from_constants(sm)
        self.parameters = parameters
        self._check_parameters_exist(files[-1] if files else None)
        ts = sm.time_spec
        self.time_spec = TimeSpec(float(ts.start), float(ts.stop), float(ts.dt))
        self.method = _file_method(self.path)
        self._var_names: tuple[str, ...] | None = None
        self._profile: Profile | None = None
        self._info: dict[str, tuple[str, str]] | None = None

    def _check_parameters_exist(self, csv_path: Path | None) -> None:
        """Refuse a parameter the model file lacks now, not at the first run of a batch."""
        names = getattr(self, "_file_names", None)
        if names is None:
            return
        have = {canonical_name(n) for n in names}
        missing = [p for p in self.parameters if p not in have]
        if missing:
            where = f"{csv_path}" if csv_path is not None else "the parameter table"
            raise DataError(
                f"{where}: parameter '{missing[0]}' is not a variable of {self.path}"
                f"{f' (and {len(missing) - 1} more)' if len(missing) > 1 else ''}."
                f"{did_you_mean(missing[0], have)} Remove the row or add the variable to the "
                "model"
            )

    # -- pickling: engine objects are rebuilt where the model lands -------------------------
    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        state["_sm"] = None
        state["_sims"] = {}
        state["_held"] = {}
        state["_lock"] = None
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._lock = threading.RLock()

    def __repr__(self) -> str:
        return f"Model({self.name!r}, {len(self.parameters)} parameters, file={str(self.path)!r})"

    # -- engine -----------------------------------------------------------------------------
    def _engine_model(self) -> simlin.Model:
        if self._sm is None:
            import simlin

            shipped = is_shipped(self.path)  # trusted package files: not measured, not probed
            self._file_names = check_model_file(self.path, measure=not shipped)
            if not getattr(self, "_probed", False) and not shipped:
                from .isolation import probe_model_file

                probe_model_file(self.path)  # untrusted: a child process meets a crash first
                self._probed = True  # pickled along: workers do not probe again
            try:
                sm = simlin.load(self.path)
            except Exception as exc:  # the engine's own parse errors
                raise ModelFileError(
                    f"{self.path}: the engine could not read the model: {exc}. "
                    "Open it in Simlin or Stella to find the malformed element."
                ) from exc
            problems = [i for i in sm.check() if i.severity == "error"]
            if problems:
                lines = "; ".join(
                    f"{i.variable or 'model'}: {i.message.strip().splitlines()[-1]}"
                    for i in problems[:8]
                )
                raise ModelFileError(
                    f"{self.path}: the engine rejects the model ({len(problems)} error(s)): "
                    f"{lines}. Fix these equations and load again."
                )
            if self._strict:
                units = unit_problems(sm)
                if units:
                    lines = "; ".join(units[:8])
                    raise ModelFileError(
                        f"{self.path}: units are inconsistent ({len(units)} issue(s)): {lines}. "
                        "Fix the declared units or the equations (`doomloop check` lists them), "
                        "or run anyway: load with strict=False, or `doomloop --lenient-units`."
                    )
            self._sm = sm
        return self._sm

    @property
    def engine(self) -> simlin.Model:
        """The underlying :class:`simlin.Model` (for loop analysis and diagrams)."""
        return self._engine_model()

    def _sim(self, spec: TimeSpec) -> Any:
        sim = self._sims.get(spec)
        if sim is None:
            sm = self._engine_model() if spec == self.time_spec else _with_time(self.path, spec)
            sim = sm.simulate(enable_ltm=False)
            self._sims[spec] = sim
        return sim

    @property
    def variable_names(self) -> tuple[str, ...]:
        """Every variable the engine reports, array elements as ``name[element]``."""
        if self._var_names is None:
            with self._lock:
                names = self._sim(self.time_spec).get_var_names()
            self._var_names = tuple(n for n in names if n not in _ENGINE_NAMES)
        return self._var_names

    @property
    def array_dimensions(self) -> dict[str, str]:
        """The dimension of each arrayed variable (``{"population": "cohort"}``), so that an
        ensemble Dataset holds it along that dimension (:mod:`doomloop.analysis.arrays`)."""
        return {
            canonical_name(v.name): str(dims[0])
            for v in self._engine_model().variables
            if (dims := getattr(v, "dimensions", None))
        }

    @property
    def stocks(self) -> tuple[str, ...]:
        """The names of the model's stocks, in the file's order."""
        import simlin

        return tuple(
            canonical_name(v.name)
            for v in self._engine_model().variables
            if isinstance(v, simlin.Stock)
        )

    @property
    def profile(self) -> Profile:
        """What this model shows and lets a person move (:mod:`doomloop.profile`): the
        ``profile.toml`` beside the file, checked against the parameter table, or a fallback
        built from the model's stocks when there is none."""
        if self._profile is None:
            path = profile_path(self.path)
            if path is not None:
                self._profile = load_profile(path).check(self.parameters)
            else:
                self._profile = fallback_profile(self.stocks, self.parameters)
        return self._profile

    @property
    def outputs(self) -> tuple[str, ...]:
        """The key outputs this model has (its profile's, else its stocks)."""
        have = set(self.variable_names)
        return tuple(o for o in self.profile.key_outputs if o in have)

    def describe(self, names: Iterable[str]) -> dict[str, tuple[str, str]]:
        """``{name: (units, long name)}`` of variables (array elements as their variable).

        Units as declared in the model file (``"1"`` where none is: dimensionless); the long
        name is the profile's label where it has one, else the first sentence of the doc.
        """
        if self._info is None:
            labels = {k: d.label("en") for k, d in self.profile.outputs.items()}
            info: dict[str, tuple[str, str]] = {}
            for v in self.engine.variables:
                doc = (getattr(v, "documentation", None) or "").strip()
                first = doc.split(". ")[0].rstrip(".") if doc else v.name.replace("_", " ")
                units = getattr(v, "units", None) or "1"
                info[v.name] = ("1" if units == "dmnl" else units, labels.get(v.name, first))
            self._info = info
        return {n: self._info.get(n.split("[")[0], ("", n)) for n in names}

    # -- running ----------------------------------------------------------------------------
    @contextmanager
    def simulation(self, spec: TimeSpec, keys: Iterable[str]) -> Iterator[Any]:
        """The compiled engine simulation of *spec*, held for this thread, for runs that set
        the parameters *keys* (each run resets it and sets its values).

        The engine keeps a ``set_value`` across ``reset()``: a cached simulation that had a
        key overridden which these runs leave at their default is rebuilt, not reused.
        """
        keys = frozenset(keys)
        with self._lock:
            if not self._held.get(spec, frozenset()) <= keys:
                self._sims.pop(spec, None)
            sim = self._sim(spec)
            self._held[spec] = keys
            yield sim

    def resolve_params(
        self,
        params: Mapping[str, float] | None = None,
        scenario: Scenario | str | Path | None = None,
    ) -> dict[str, float]:
        """Parameter overrides of a run: the scenario's, then *params* on top, validated."""
        values: dict[str, float] = {}
        if scenario is not None:
            from .scenarios import load_scenario

            sc = load_scenario(scenario, self)
            values.update(sc.overrides)
        if params:
            values.update(self.parameters.validate(params, origin="params"))
        return values

    def run(
        self,
        params: Mapping[str, float] | None = None,
        scenario: Scenario | str | Path | None = None,
        *,
        variables: Sequence[str] | None = None,
        start: float | None = None,
        stop: float | None = None,
        dt: float | None = None,
        method: str | None = None,
        save_every: float | None = 1.0,
    ) -> pd.DataFrame:
        """Simulate and return a DataFrame indexed by time, one column per variable.

        Parameters
        ----------
        params
            Overrides of the parameter table, by name; checked against its bounds.
        scenario
            A :class:`~doomloop.scenarios.Scenario`, a TOML path or a shipped scenario name;
            its overrides apply first, *params* on top.
        variables
            Columns to return (default: every variable).
        start, stop, dt, method
            Change the time settings or integration method (``"euler"`` or ``"rk4"``) of the
            run (default: the model file's).
        save_every
            Keep rows this many time units apart (default one year); ``None`` keeps every step.

        Raises
        ------
        UnknownParameterError, OutOfBoundsError, ScenarioError
            For a bad parameter name, value or scenario.
        SimulationError
            When a variable becomes NaN or infinite; names the variable and the first time.
        """
        overrides = self.resolve_params(params, scenario)
        base = self.time_spec
        spec = TimeSpec(
            base.start if start is None else float(start),
            base.stop if stop is None else float(stop),
            base.dt if dt is None else float(dt),
            0.0 if save_every is None else float(save_every),
            (method or self.method).lower(),
        )
        if spec.method not in ("euler", "rk4"):
            raise SimulationError(f"method {spec.method!r} is not 'euler' or 'rk4'")
        if spec.save_step and spec.save_step < spec.dt:
            spec = TimeSpec(spec.start, spec.stop, spec.dt, 0.0, spec.method)
        if not (spec.stop > spec.start and spec.dt > 0):
            raise SimulationError(
                f"time settings start={spec.start:g}, stop={spec.stop:g}, dt={spec.dt:g} are "
                "not usable; need stop > start and dt > 0"
            )
        check_run_size(self.path, spec.start, spec.stop, spec.dt)
        names = list(self.variable_names if variables is None else variables)
        if variables is not None:
            have = set(self.variable_names)
            for v in names:
                if v not in have:
                    raise UnknownParameterError(
                        f"model '{self.name}' has no variable '{v}'.{did_you_mean(v, have)}"
                    )
        with self.simulation(spec, overrides.keys()) as sim:
            time, data = _trajectory(sim, overrides.items(), names, self.name)
        raise_on_nonfinite(data, time, names, self.name)
        if save_every is not None:
            keep = _save_mask(time, spec.start, save_every, spec.dt)
            if not keep.all():
                time, data = time[keep], data[keep]
            time = np.round(time, 9)
        df = pd.DataFrame(data, index=pd.Index(time, name="time"), columns=names)
        info = self.describe(names)
        df.attrs.update(
            model=self.name,
            units={n: u for n, (u, _) in info.items()},
            long_names={n: ln for n, (_, ln) in info.items()},
        )
        return df


def _trajectory(
    sim: Any, values: Iterable[tuple[str, float]], names: Sequence[str], model: str
) -> tuple[np.ndarray, np.ndarray]:
    """One run of *sim* with *values* set: (every time, every step of *names*)."""
    sim.reset()
    for key, value in values:
        sim.set_value(key, value)
    try:
        sim.run_to_end()
    except Exception as exc:
        raise SimulationError(f"model '{model}': the engine stopped: {exc}") from exc
    time = np.asarray(sim.get_series("time"), dtype=float)
    data = np.empty((time.size, len(names)))
    for j, n in enumerate(names):
        data[:, j] = sim.get_series(n)
    return time, data


class EngineRunner:
    """The runner seam (:mod:`doomloop.runner`) on the engine: members one after another on
    the model's compiled pysimlin simulation, with the bounds and NaN checks of
    :meth:`Model.run`, keeping only *times* (no DataFrame per member)."""

    name = "engine"

    def __init__(self, model: Model):
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
        runs = start_runs(model.parameters, matrix, names, variables, times)
        ts = model.time_spec
        spec = TimeSpec(ts.start, ts.stop, ts.dt, 0.0, model.method)
        fixed = [(k, float(v)) for k, v in base.items() if k not in set(names)]
        names = list(names)
        rows = matrix.tolist()
        n_vars = len(variables)
        with model.simulation(spec, [*names, *(k for k, _ in fixed)]) as sim:
            set_value, get_series = sim.set_value, sim.get_series
            sel: Any = None
            for i in range(matrix.shape[0]):
                if runs.status[i] != Status.OK:
                    continue
                try:
                    sim.reset()
                    for k, v in fixed:
                        set_value(k, v)
                    for k, v in zip(names, rows[i], strict=True):
                        set_value(k, v)
                    sim.run_to_end()
                    if sel is None:
                        sel = time_selector(get_series("time"), times, spec.dt, model.name)
                    o = runs.values[i]
                    for v in range(n_vars):
                        o[v] = get_series(variables[v])[sel]
                except RequestError:
                    raise
                except SimulationError as exc:
                    runs.fail(i, Status.NONFINITE, str(exc))
                except Exception as exc:  # the engine's own failures
                    runs.fail(
                        i, Status.ENGINE_ERROR, f"model '{model.name}': the engine stopped: {exc}"
                    )
        runs.check_finite(model.name)  # NaN or infinity in a kept value fails the member
        return runs


class RequestError(SimulationError):
    """A mistake in the request (such as a time outside the run), raised, not recorded."""


def time_index(all_times: np.ndarray, times: np.ndarray, dt: float, model: str) -> np.ndarray:
    """Positions of *times* in *all_times* (within half a step), or raise naming the time."""
    idx = np.searchsorted(all_times, times - 0.5 * dt)
    idx = np.clip(idx, 0, len(all_times) - 1)
    off = np.abs(all_times[idx] - times) > 0.5 * dt
    if off.any():
        t = times[np.flatnonzero(off)[0]]
        raise RequestError(
            f"model '{model}': time {t:g} is not simulated (runs cover "
            f"{all_times[0]:g} to {all_times[-1]:g}); ask for times inside that range"
        )
    return idx


def time_selector(all_times: Any, times: np.ndarray, dt: float, model: str) -> Any:
    """A slice (fast) or index array picking *times* out of the engine's time series."""
    idx = time_index(np.asarray(all_times, dtype=float), times, dt, model)
    if len(idx) > 1:
        step = int(idx[1] - idx[0])
        if step > 0 and np.array_equal(idx, idx[0] + step * np.arange(len(idx))):
            return slice(int(idx[0]), int(idx[-1]) + 1, step)
    elif len(idx) == 1:
        return slice(int(idx[0]), int(idx[0]) + 1)
    return idx


def _save_mask(time: np.ndarray, start: float, every: float, dt: float) -> np.ndarray:
    k = (time - start) / every
    return np.abs(k - np.round(k)) < 0.5 * dt / every


def raise_on_nonfinite(
    data: np.ndarray, time: np.ndarray, names: Sequence[str], model: str
) -> None:
    """Raise naming the first variable and time at which a value is NaN or infinite."""
    bad = ~np.isfinite(data)
    if bad.any():
        rows, cols = np.nonzero(bad)
        first = int(rows.min())
        col = int(cols[rows == first][0])
        kind = "NaN" if np.isnan(data[first, col]) else "infinity"
        raise SimulationError(
            f"model '{model}': variable '{names[col]}' became {kind} at time {time[first]:g}. "
            "Check the parameters feeding it (a zero divisor, a negative stock under a log or "
            "power) or shorten dt."
        )


def _with_time(path: Path, spec: TimeSpec) -> simlin.Model:
    import simlin

    check_run_size(path, spec.start, spec.stop, spec.dt)  # the engine allocates every step
    sm = simlin.load(path)
    project = sm.project
    assert project is not None
    project.set_sim_specs(
        start=spec.start,
        stop=spec.stop,
        dt=spec.dt,
        save_step=spec.save_step or spec.dt,
        sim_method=spec.method,
    )
    return project.get_model()


def _file_method(path: Path) -> str:
    """The integration method the model file asks for (XMILE ``sim_specs/@method``)."""
    import re

    head = path.read_bytes()[:4096].decode("utf-8", "replace")
    m = re.search(r"<sim_specs[^>]*\bmethod=\"([^\"]+)\"", head, flags=re.I)
    return "rk4" if m and m.group(1).strip().lower() == "rk4" else "euler"


#: Set to "1" (or ``doomloop --lenient-units``) to load models with unit warnings.
LENIENT_UNITS_ENV = "DOOMLOOP_LENIENT_UNITS"


def load_model(name_or_path: str | Path = "japan", *, strict: bool | None = None) -> Model:
    """Load a shipped model by name (``"japan"``) or any XMILE or Vensim file by path.

    A ``parameters.csv`` beside the file (or a ``values.csv`` completed by the family's
    ``../structure/parameters.csv``) becomes the parameter table; without one, the
    model's numeric constants are used (with no sources, which ``doomloop check`` reports).
    *strict* refuses a model whose units are inconsistent; the default is strict unless the
    environment sets ``DOOMLOOP_LENIENT_UNITS=1``.
    """
    if strict is None:
        strict = os.environ.get(LENIENT_UNITS_ENV, "") != "1"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return Model(_resolve(name_or_path), strict=strict)
