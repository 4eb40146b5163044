"""What the web API computes: runs, ensembles, loop dominance, lever effects.

A thin layer over the public :class:`~doomloop.engine.Model` API, the same one the CLI uses.
It keeps a small pool of engine instances (one per worker thread, since an engine
simulation is not shared between threads) and a bounded cache of recent runs. Once the
vectorised kernel (:mod:`doomloop.kernel`) is compiled for the model (at start-up, in the
background: loaded from the disk cache in a second, or compiled in a few minutes the first
time), lines and bands run on it (:mod:`.live`), equal to the engine's within 1e-9.
"""

from __future__ import annotations

import hashlib
import math
import queue
import threading
import time
import warnings
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ..engine import EngineRunner, Model, load_model, raise_on_nonfinite
from ..errors import DoomloopError, SimulationError
from ..parameters import Parameter
from ..runner import Status
from .live import LiveKernel, probe_value, quiet_until
from .lru import LRU
from .settings import Settings

# -- sampling -------------------------------------------------------------------------------


def sample_parameters(
    params: Sequence[Parameter],
    centre: Mapping[str, float],
    members: int,
    seed: int,
) -> list[dict[str, float]]:
    """Draw *members* sets of values of *params*, each around its *centre* value.

    The same sampler as ``doomloop uncertainty`` (:func:`doomloop.analysis.sampling.sample`:
    Latin hypercube, inverse CDF truncated to the possible bounds); when the user moved an
    assumption its distribution moves with it, keeping its spread. The same seed gives the
    same draws, so the band moves only when the inputs do.
    """
    from ..analysis.sampling import sample

    names = [p.name for p in params]
    matrix = sample(params, members, seed, centre={k: float(v) for k, v in centre.items()})
    return [dict(zip(names, map(float, row), strict=True)) for row in matrix]


class Draws:
    """The draws of :func:`sample_parameters` for one number of members and seed, kept
    column by column: moving an assumption redraws its own column (the quantiles stay), not
    every parameter's (a tenth of a second on a busy machine for the Japan model's 145)."""

    def __init__(
        self, params: Sequence[Parameter], members: int, seed: int, u: np.ndarray | None = None
    ):
        from ..analysis.sampling import quantile_blocks

        self.params = list(params)
        self.names = [p.name for p in self.params]
        if u is None:
            blocks = list(quantile_blocks(len(self.params), members, seed))
            u = np.vstack(blocks) if blocks else np.zeros((members, 0))
        self.u = u  # members x params: each draw's quantile of each parameter
        # kept and drawn, for draws matched to it, and the series whose record rules out the
        # run at the default settings (their labels)
        self.record: dict[str, Any] | None = None
        self._columns = LRU(4 * len(self.params) + 64)

    def __call__(self, centre: Mapping[str, float]) -> list[dict[str, float]]:
        """The draws around *centre* (equal to ``sample_parameters(params, centre, ...)``)."""
        from ..analysis.sampling import ppf

        columns = []
        for j, p in enumerate(self.params):
            c = float(centre[p.name]) if p.name in centre else None
            col = self._columns.get((j, c))
            if col is None:
                col = ppf(p, self.u[:, j], c)
                self._columns.put((j, c), col)
            columns.append(col)
        if not columns:
            return [{} for _ in range(len(self.u))]
        matrix = np.column_stack(columns)
        return [dict(zip(self.names, map(float, row), strict=True)) for row in matrix]


def _key(params: Mapping[str, float], *extra: Any) -> str:
    text = repr((sorted(params.items()), extra))
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


# -- the simulator --------------------------------------------------------------------------
#: Waves of draws a band looks through for members that agree with the model's record.
MATCH_WAVES = 20


@dataclass
class RunResult:
    years: list[float]
    series: dict[str, list[float]]


@dataclass
class EnsembleResult:
    years: list[float]
    bands: dict[str, dict[str, list[float]]]
    members: int
    failed: int
    varied: list[str]
    engine: str
    extra: dict[str, Any] = field(default_factory=dict)


def model_kernel(model: Model) -> Any:
    """The kernel of *model* (not yet numba-compiled), or ``None`` when the kernel does not
    cover the model; then runs loop :meth:`Model.run` in a thread pool."""
    from ..analysis.evaluate import kernel_for

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return kernel_for(model)
    except Exception:  # the kernel is an accelerator; never let it break the server
        return None


class Simulator:
    """The served model, a pool of engines and caches; safe to call from many threads."""

    def __init__(self, settings: Settings, model: Model | None = None):
        self.settings = settings
        self.model = model if model is not None else load_model(settings.model)
        self.table = self.model.parameters
        # Two pools of engines, grown on demand up to ``workers`` each: one for single runs
        # (the lines a user waits for), one for ensemble members and background work, so a
        # run never waits for an engine an ensemble holds.
        self._pools: dict[str, queue.Queue[Model]] = {
            "runs": queue.Queue(),
            "members": queue.Queue(),
        }
        self._pools["runs"].put(self.model)
        self._pool_sizes = {"runs": 1, "members": 0}
        self._pool_lock = threading.Lock()
        self.executor = ThreadPoolExecutor(
            max_workers=settings.workers, thread_name_prefix="doomloop-web"
        )
        self._runs = LRU(settings.cache_size)
        self._ensembles = LRU(max(8, settings.cache_size // 8))
        self._draws = LRU(16)
        self._samplers = LRU(4)  # (members, seed) -> Draws
        self._loops_cache = LRU(max(8, settings.cache_size // 8))
        self._moves_most: dict[str, str | None] | None = None
        self._moves_lock = threading.Lock()
        self.kernel: Any = None  # set by the background warm-up once compiled and warmed
        self.live: LiveKernel | None = None  # lines and bands on the kernel
        self._record: Any = None  # the record bands are matched to (read in the warm-up)
        ts = self.model.time_spec
        self.start, self.stop = ts.start, ts.stop
        if settings.view_start is not None:
            self.view_start = min(max(settings.view_start, self.start), self.stop)
        else:
            self.view_start = 2000.0 if self.start < 2000 < self.stop else self.start
        params = set(self.table)
        self.key_outputs = list(self.model.outputs)
        others = sorted(
            v for v in self.model.variable_names if v not in params and v not in self.key_outputs
        )
        self.outputs = self.key_outputs + others
        self._output_set = set(self.outputs) | set(self.model.variable_names)
        self.default_outputs = self.key_outputs or others[:8]
        self._loops_lock = threading.Lock()
        self._defaults = {p.name: p.value for p in self.table.values()}
        self._levers = {p.name for p in self.table.values() if p.group == "policy"}
        self._moves_ready = threading.Event()
        self._stop = threading.Event()
        # Priorities: single runs (the lines the user waits for) > ensemble members >
        # background work. Lower-priority loops pause between runs while higher work waits.
        self._busy = threading.Condition()
        self._runs_active = 0
        self._ensembles_active = 0
        self._warm_thread = threading.Thread(target=self._warm, name="doomloop-warm", daemon=True)
        if settings.background:
            self._warm_thread.start()

    def _warm(self) -> None:
        """Work done once, in the background: the compiled kernel when the disk cache has it
        (a second), which output each lever moves most, the loops of the baseline, and the
        kernel's first compile when it was not cached (minutes; until then the engine runs
        everything), and last the kernel pruned to the page's first graphs."""
        k = model_kernel(self.model) if self.settings.use_kernel else None
        cached = k is not None and k.is_compiled()
        if cached:
            self._start_kernel(k)
        self._read_record()
        try:
            self.moves_most()
        except Exception:  # reported as "unknown" per lever
            self._moves_most = self._moves_most or {}
        finally:
            self._moves_ready.set()
        if not self._stop.is_set():
            self._give_way(to_ensembles=True)
            try:  # the loops of the baseline: the page asks for them first
                self.loops({}, self.view_start, self.stop)
            except Exception:  # reported when a request asks
                pass
        if k is not None and not cached and not self._stop.is_set():
            self._start_kernel(k)
        self._warm_pruned()

    def _read_record(self) -> None:
        """The model's record, which bands are matched to once the kernel runs."""
        from ..check import history_record

        try:
            with self.engine("members") as m:  # an engine of its own: runs are not shared
                self._record = history_record(m)
        except Exception:  # any problem with the record: bands from the prior, warm-up goes on
            self._record = None

    def _start_kernel(self, k: Any = None) -> None:
        """Compile (or load) the numba kernel, then run lines and bands on it."""
        k = k if k is not None else model_kernel(self.model)
        if k is None:
            return
        years = np.arange(self.start, self.stop + 0.5, 1.0)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                k.warmup()
            quiet = quiet_until(
                k, self._defaults, self.table, years, self.model.profile.control_parameters
            )
            headline = self.model.profile.headline
            always = [o for o in (*self.default_outputs, *headline) if self.has_output(o)]
            live = LiveKernel(
                k,
                self._defaults,
                years,
                quiet,
                levers=sorted(self._levers),
                threads=self.settings.workers,
                always=always,
            )
            live.line({}, list(self.default_outputs[:2]))  # one run: it works for this model
        except Exception:  # not usable for this model: keep looping the engine
            return
        self.kernel = k
        self.live = live

    def _warm_pruned(self) -> None:
        """Compile (or load) a kernel pruned to the page's first graphs: their bands run on
        it (bitwise the same values, less work), the rest on the whole kernel. Last of the
        start-up work: the whole kernel serves meanwhile."""
        graphs = self.first_graphs()
        if self.kernel is None or not graphs or self._stop.is_set():
            return
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                self.kernel.warmup(variables=graphs)
        except Exception:  # the whole kernel serves them as before
            pass

    def first_graphs(self) -> list[str]:
        """The two graphs the page opens with (as the page picks them: the profile's
        ``views.page`` among its graphs, else the first two graphs)."""
        profile = self.model.profile
        choices = [o for o in profile.views.graphs if o in profile.outputs and self.has_output(o)]
        choices = choices or list(self.outputs)
        first = [o for o in profile.views.page if o in choices][:2] or choices[:2]
        return list(dict.fromkeys(first))

    @property
    def warming(self) -> bool:
        """True while the start-up work (:meth:`_warm`) is still running."""
        return self._warm_thread.is_alive()

    def moves_most_now(self, wait: float) -> dict[str, str | None]:
        """:meth:`moves_most` if it is ready within *wait* seconds, else ``{}``."""
        if not self.settings.background:
            return self.moves_most()
        if self._moves_ready.wait(wait):
            return self._moves_most or {}
        return {}

    def close(self) -> None:
        """Stop background work (waiting for a run in progress) and the member threads."""
        self._stop.set()
        self.executor.shutdown(wait=False, cancel_futures=True)
        if self._warm_thread.is_alive():
            self._warm_thread.join(timeout=30)

    # -- engine pool ---------------------------------------------------------------------
    @contextmanager
    def engine(self, pool: str = "members") -> Iterator[Model]:
        """Check out an engine of *pool* for this thread (loaded on demand up to ``workers``)."""
        q = self._pools[pool]
        try:
            m = q.get_nowait()
        except queue.Empty:
            with self._pool_lock:
                grow = self._pool_sizes[pool] < self.settings.workers
                if grow:
                    self._pool_sizes[pool] += 1
            m = Model(self.model.path, self.table, strict=False) if grow else q.get()
        try:
            yield m
        finally:
            q.put(m)

    def output_units(self, names: Sequence[str]) -> dict[str, str]:
        """The declared units of the named outputs (``""`` where a model declares none)."""
        out = {}
        for n in names:
            v = self.model.engine.get_variable(n)
            out[n] = str(getattr(v, "units", "") or "") if v is not None else ""
        return out

    def has_output(self, name: str) -> bool:
        return name in self._output_set

    def full(self, params: Mapping[str, float]) -> dict[str, float]:
        """Every table parameter, defaults then *params*: each engine then always sees the
        same set of overridden names, so it is never rebuilt between runs."""
        return {**self._defaults, **params}

    # -- single runs -------------------------------------------------------------------------
    def _window(self, start: float | None, stop: float | None) -> tuple[float, float]:
        return (self.start if start is None else start, self.stop if stop is None else stop)

    @contextmanager
    def _active(self, kind: str) -> Iterator[None]:
        with self._busy:
            if kind == "run":
                self._runs_active += 1
            else:
                self._ensembles_active += 1
        try:
            yield
        finally:
            with self._busy:
                if kind == "run":
                    self._runs_active -= 1
                else:
                    self._ensembles_active -= 1
                self._busy.notify_all()

    def _give_way(self, to_ensembles: bool, limit: float = 30.0) -> None:
        """Wait (at most *limit* s) while single runs (and, for background work, ensembles)
        are in progress: a slider's line is not held up behind a band or a warm-up."""
        deadline = time.monotonic() + limit
        with self._busy:
            while self._runs_active or (to_ensembles and self._ensembles_active):
                left = deadline - time.monotonic()
                if left <= 0 or self._stop.is_set():
                    return
                self._busy.wait(min(left, 0.5))

    def run_frame(
        self, params: Mapping[str, float], outputs: Sequence[str], background: bool = False
    ) -> Any:
        """A yearly DataFrame of *outputs*; cached by the overrides."""
        key = _key(params, tuple(outputs))
        frame = self._runs.get(key)
        live = self.live
        if frame is None and live is not None and live.covers(outputs):
            try:
                line = live.line(params, outputs)
            except Exception:  # any kernel problem: the engine below runs it
                line = None
            if line is not None:
                # the engine refuses a run whose outputs turn NaN or infinite: so does this
                values = line.values(outputs)
                raise_on_nonfinite(values, live.years, outputs, self.model.name)
                # not cached here: the live kernel keeps its lines
                return pd.DataFrame(values, index=live.years, columns=list(outputs))
        if frame is None:
            if background:
                self._give_way(to_ensembles=True)
                with self.engine() as m:
                    frame = m.run(self.full(params), variables=list(outputs), save_every=1.0)
            else:
                with self._active("run"), self.engine("runs") as m:
                    frame = m.run(self.full(params), variables=list(outputs), save_every=1.0)
            self._runs.put(key, frame)
        return frame

    def run(
        self,
        params: Mapping[str, float],
        outputs: Sequence[str],
        start: float | None = None,
        stop: float | None = None,
    ) -> RunResult:
        frame = self.run_frame(params, outputs)
        a, b = self._window(start, stop)
        frame = frame.loc[(frame.index >= a - 1e-9) & (frame.index <= b + 1e-9)]
        return RunResult(
            years=[float(t) for t in frame.index],
            series={c: _clean(frame[c].to_numpy()) for c in outputs},
        )

    # -- ensembles -------------------------------------------------------------------------
    def varied_parameters(self) -> list[Parameter]:
        """Parameters sampled in an ensemble: uncertain world-view ones, not the levers."""
        return [p for p in self.table.uncertain if p.group != "policy"]

    def ensemble(
        self,
        params: Mapping[str, float],
        outputs: Sequence[str],
        members: int,
        seed: int,
        start: float | None = None,
        stop: float | None = None,
        deadline: float | None = None,
        of: int | None = None,
    ) -> EnsembleResult:
        """5/50/95% bands of *outputs* over *members* draws of the uncertain assumptions.

        With *of*: the band of the first *members* of the draws of a band of *of* members (a
        first band, drawn while the band of *of* members runs). On the kernel a band of more
        than ``settings.first_members`` runs as its first members and the rest, two bands
        each kept and resumed on its own, so a first band asked before is not run again.
        """
        total = members if of is None else max(of, members)
        matched = self._record is not None and self.live is not None
        key = _key(params, tuple(outputs), members, total, seed, start, stop, matched)
        hit = self._ensembles.get(key)
        if hit is not None:
            return hit
        varied = self.varied_parameters()
        sampler = self._sampler(total, seed)
        dkey = (self._draws_key(params, total, seed), matched)  # the sampler's own key
        draws = self._draws.get(dkey)
        if draws is None:  # the same draws for every lever move: sampled once
            draws = sampler(params)
            self._draws.put(dkey, draws)
        draws = draws[:members]
        frames: list[np.ndarray] = []
        failed = 0
        engine = "loop"
        years: np.ndarray | None = None
        live = self.live
        if live is not None and live.covers(outputs):
            first = self.settings.first_members
            parts = [draws[:first], draws[first:]] if 0 < first < len(draws) else [draws]
            try:
                for part in parts:
                    band = live.band(params, part, outputs)
                    ok = band.status == Status.OK
                    frames.extend(band.values[ok])
                    failed += int((~ok).sum())
                years = live.years
                engine = "kernel"
            except Exception:  # any kernel problem: fall back to the looping engine
                frames, failed = [], 0
        if not frames:
            # Policies the user set stay as set; so do values given explicitly for a
            # parameter that is not varied.
            sets = [{**params, **d} for d in draws]
            chunks = _split(sets, self.settings.workers)

            whole_years = np.arange(self.start, self.stop + 1e-9, 1.0)

            def work(chunk: list[dict[str, float]]) -> tuple[list[np.ndarray], int, Any]:
                out: list[np.ndarray] = []
                bad = 0
                idx = None
                with self._active("ensemble"), self.engine() as m:
                    runner = EngineRunner(m)
                    for s in chunk:
                        if deadline is not None and time.monotonic() > deadline:
                            raise TimeoutError("ensemble ran past its time limit")
                        self._give_way(to_ensembles=False, limit=5.0)
                        full = self.full(s)
                        runs = runner.run(
                            np.array([list(full.values())]), list(full), outputs, whole_years, {}
                        )
                        if not runs.ok[0]:
                            bad += 1
                            continue
                        out.append(runs.values[0].T)  # years, outputs
                        idx = whole_years
                return out, bad, idx

            futures = [self.executor.submit(work, c) for c in chunks if c]
            for fut in futures:
                out, bad, idx = fut.result()
                frames.extend(out)
                failed += bad
                if idx is not None:
                    years = idx
        if not frames or years is None:
            raise SimulationError(
                f"all {members} ensemble members failed; the assumptions around these "
                "values make the model blow up. Move the sliders back toward the defaults."
            )
        cube = np.stack(frames)  # members, years, outputs
        a, b = self._window(start, stop)
        keep = (years >= a - 1e-9) & (years <= b + 1e-9)
        kept = cube[:, keep, :]
        # nanpercentile goes column by column (tens of ms); members here are finite as a rule
        pct = np.percentile if np.isfinite(kept).all() else np.nanpercentile
        q = pct(kept, [5, 50, 95], axis=0)
        bands = {
            name: {"p5": _clean(q[0, :, j]), "p50": _clean(q[1, :, j]), "p95": _clean(q[2, :, j])}
            for j, name in enumerate(outputs)
        }
        res = EnsembleResult(
            years=[float(t) for t in years[keep]],
            bands=bands,
            members=len(frames),
            failed=failed,
            varied=[p.name for p in varied],
            engine=engine,
            extra={"record": sampler.record} if sampler.record else {},
        )
        self._ensembles.put(key, res)
        return res

    def _sampler(self, total: int, seed: int) -> Draws:
        """The draws of a band of *total* members: those that agree with the model's record
        (:mod:`doomloop.analysis.history_match`, matched at the default assumptions and no
        policy, the world the record was observed in), once the kernel runs and the record is
        read; the prior's before, or when too few agree (its record then says how few). A moved
        assumption moves its column of the matched draws as it moves the prior's."""
        matched = self._record is not None and self.live is not None
        sampler = self._samplers.get((total, seed, matched))
        if sampler is None:
            sampler = (self._matched_draws(total, seed) if matched else None) or Draws(
                self.varied_parameters(), total, seed
            )
            self._samplers.put((total, seed, matched), sampler)
        return sampler

    def _matched_draws(self, total: int, seed: int) -> Draws | None:
        """The first *total* draws that agree with the record, or the prior's when fewer do in
        :data:`MATCH_WAVES` waves; None without a record the kernel can compare."""
        from ..analysis.history_match import draw_in_waves, implausibility_of, wave_seed

        rec, live, varied = self._record, self.live, self.varied_parameters()
        if rec is None or live is None or not live.covers(rec.series):
            return None
        rows: list[np.ndarray] = []

        def run_wave(i: int, size: int, _drawn: int) -> int:
            prior = Draws(varied, size, wave_seed(seed, i))
            band = live.band({}, prior({}), rec.series)
            runs = {name: band.values[:, :, j] for j, name in enumerate(rec.series)}
            worst = implausibility_of(runs, live.years, rec, band.status != Status.OK).max(axis=1)
            rows.append(prior.u[worst < rec.cutoff])
            return len(rows[-1])

        drawn = draw_in_waves(total, MATCH_WAVES * total, run_wave)
        u = np.vstack(rows)
        matched = len(u) >= total
        # too few agree: the band is the prior's, and the record says so
        out = Draws(varied, total, seed, u=u[:total]) if matched else Draws(varied, total, seed)
        profile = self.model.profile
        ruled_out = [profile.display(n).label for n in rec.ruled_out_baseline()]
        out.record = {
            "matched": matched,
            "kept": len(u),
            "drawn": drawn,
            "ruled_out": [{"en": x.en, "ja": x.ja} for x in ruled_out],
        }
        return out

    def _draws_key(self, params: Mapping[str, float], members: int, seed: int) -> Any:
        """What the ensemble's draws depend on: everything but the policy levers."""
        kept = {k: v for k, v in params.items() if k not in self._levers}
        return (tuple(sorted(kept.items())), members, seed)

    # -- loops -----------------------------------------------------------------------------
    def _periods(self, params: Mapping[str, float], a: float, b: float) -> list[Any]:
        """The loop periods of a run (cached by the overrides); one analysis at a time."""
        from ..analysis.loops import loop_dominance

        key = _key(params, a, b, "periods")
        hit = self._loops_cache.get(key)
        if hit is not None:
            return list(hit)
        with self._loops_lock:
            hit = self._loops_cache.get(key)
            if hit is not None:
                return list(hit)
            # lowest priority: let the lines and the band the user waits for go first
            self._give_way(to_ensembles=True)
            with self.engine() as m, warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)
                try:
                    periods = loop_dominance(
                        m,
                        dict(params),
                        start=a,
                        stop=b,
                        timeout=self.settings.loops_timeout_s,
                        dt=self._loops_dt(m),
                    )
                except DoomloopError:
                    raise
                except Exception as exc:
                    raise SimulationError(f"model '{m.name}': loop analysis failed: {exc}") from exc
            self._loops_cache.put(key, tuple(periods))
            return periods

    def _loops_dt(self, m: Model) -> float | None:
        """The loop-score step: the settings' unless the model's own step is coarser."""
        dt = self.settings.loops_dt
        return None if dt is None or dt <= m.time_spec.dt else dt

    def loops(
        self, params: Mapping[str, float], start: float | None = None, stop: float | None = None
    ) -> dict[str, Any]:
        """Which loops dominate this scenario when, in English and Japanese.

        A thin shell over :func:`doomloop.analysis.loops.loop_dominance` (Loops that Matter
        scores of the named loops of ``loops.toml`` and those the engine finds) and
        :mod:`doomloop.analysis.stories` (the periods told as the run goes, and against the
        baseline: the same assumptions without the levers); results are cached.
        """
        from ..analysis.loops import named_loops
        from ..analysis.stories import contrast, tell

        a, b = self._window(start, stop)
        key = _key(params, a, b)
        hit = self._loops_cache.get(key)
        if hit is not None:
            return hit
        periods = self._periods(params, a, b)
        named_list = named_loops(self.model)
        named = {lp.label: lp for lp in named_list}
        states = sorted({lp.state for lp in named_list if lp.state and self.has_output(lp.state)})
        run = self.run(params, states, a, b) if states else None
        ys = run.years if run is not None else []
        series = run.series if run is not None else {}
        story = [s.as_dict() for s in tell(periods, named_list, ys, series)]
        base = {k: v for k, v in params.items() if k not in self._levers}
        lines: tuple[list[str], list[str]] = ([], [])
        if base != dict(params):
            base_periods = self._periods(base, a, b)
            base_run = self.run(base, states, a, b) if states else None
            base_series = base_run.series if base_run is not None else {}
            lines = contrast(periods, base_periods, named_list, b, series, base_series)
        labels: dict[str, str] = {}
        for p in periods:
            for i, lab in enumerate(p.loops):
                labels.setdefault(lab, p.loops_ja[i] if i < len(p.loops_ja) else lab)
        loops = []
        for lab, lab_ja in labels.items():
            lp = named.get(lab)
            loops.append(
                {
                    "id": lab,
                    "name": lab,
                    "name_ja": lab_ja,
                    "kind": (lp.polarity if lp and lp.polarity else "undetermined"),
                    "variables": list(lp.variables) if lp else [],
                    "description": lp.story if lp else "",
                    "description_ja": lp.story_ja if lp else "",
                }
            )
        out = {
            "loops": loops,
            "periods": [
                {
                    "start": p.start,
                    "end": p.end,
                    "loops": list(p.loops),
                    "polarity": p.polarity,
                    "text_en": p.sentence,
                    "text_ja": p.sentence_ja or p.sentence,
                }
                for p in periods
            ],
            "story": {
                "periods": story if named else [],
                "contrast_en": lines[0],
                "contrast_ja": lines[1],
            },
            "named": bool(named),
            "scope": "scenario",
            "status": "ready",
        }
        self._loops_cache.put(key, out)
        return out

    # -- which graph a lever moves most ---------------------------------------------------
    def moves_most(self) -> dict[str, str | None]:
        """For each policy/assumption parameter, the output its plausible range moves most.

        One run per parameter at its ``high`` (or ``low`` when the default is the high),
        compared with the baseline over the years the page shows, relative to the size of
        each output. Computed once, on first use.
        """
        with self._moves_lock:
            if self._moves_most is not None:
                return self._moves_most
            outs = list(self.default_outputs) or list(self.outputs[:8])
            result: dict[str, str | None] = {}
            if not outs:
                self._moves_most = {p: None for p in self.table}
                return self._moves_most
            base = self.run_frame({}, outs, background=True)
            keep = base.index >= self.view_start - 1e-9
            b = base.loc[keep].to_numpy()
            scale = np.maximum(np.nanmax(np.abs(b), axis=0), 1e-12)
            for p in self.table.values():
                if self._stop.is_set():
                    return result
                if p.group == "data":
                    result[p.name] = None
                    continue
                v = probe_value(p)
                if v == p.value:
                    result[p.name] = None
                    continue
                self._give_way(to_ensembles=True)
                try:
                    f = self.run_frame({p.name: v}, outs, background=True)
                except DoomloopError:
                    result[p.name] = None
                    continue
                d = np.nanmax(np.abs(f.loc[keep].to_numpy() - b), axis=0) / scale
                j = int(np.nanargmax(d)) if np.isfinite(d).any() else -1
                result[p.name] = outs[j] if j >= 0 and d[j] > 1e-9 else None
            self._moves_most = result
            return result


def _split(items: list[Any], n: int) -> list[list[Any]]:
    n = max(1, min(n, len(items)))
    return [items[i::n] for i in range(n)]


def _clean(a: np.ndarray) -> list[float]:
    """Floats for JSON; runs with NaN/inf were refused by the engine, this is a guard."""
    return [float(x) if math.isfinite(x) else 0.0 for x in np.asarray(a, dtype=float)]
