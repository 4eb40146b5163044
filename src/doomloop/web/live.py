"""The lines and the band of a slider move, on the compiled kernel.

A slider move asks for two lines (the current scenario and its baseline) and a band of
ensemble members drawn around the current assumptions. On the numba kernel one Japan member
takes a few milliseconds; a band of 30 about a hundred. But a move changes one
slider, and most sliders act only from some year on: a policy lever from its start plus its
delay, many assumptions from the year their part of the model starts (2012 for the AI
sector of the Japan model, say). Up to then every member runs as it did before the move.
So :class:`LiveKernel` keeps every member's state at every kept year, and a move reruns
only the years from the last one it leaves as it was.

Which year that is, is checked, not assumed:

- the members of the kept band and of the new one differ only in the parameter columns
  that differ (compared, not inferred from the request);
- an assumption is sampled, so each member has its own value of it: the band resumes
  no later than the last year before the assumption, at any value within its bounds,
  changes the run (probed at start-up by :func:`quiet_until`); one that acts only through
  a lever (the cost of a programme, say) is checked like a lever;
- a lever has one value for every member: the current scenario's own line (one member,
  run whole) decides: the band resumes from the last kept year at which that line's state,
  and its values before it, are bitwise those of the kept band's line. A lever whose start
  depended on a member's state rather than on time could still fool this check; the
  models here start every lever by time.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any

import numpy as np

from ..profile import fallback_profile
from ..runner import Status
from .lru import LRU

#: Kept bands (every member's state at every kept year: ~2 MiB for 30 Japan members).
_KEEP = 16


@dataclass(frozen=True)
class Line:
    """One member's yearly series by output name, and its states at the checkpoints."""

    series: dict[str, np.ndarray]
    states: tuple[Any, ...]  # KernelState at each checkpoint

    @cached_property
    def path(self) -> np.ndarray:
        """checkpoints x state values: the line's states, to compare in one go."""
        return np.stack([s.values[0] for s in self.states])

    def values(self, outputs: Sequence[str]) -> np.ndarray:
        """years x outputs."""
        return np.stack([self.series[o] for o in outputs], axis=-1)


@dataclass(frozen=True)
class Band:
    """Every member's yearly values (members x years x outputs), status and states."""

    values: np.ndarray
    status: np.ndarray  # doomloop.runner.Status codes per member
    states: tuple[Any, ...]  # KernelState at each checkpoint
    line: Line  # the central line of the same parameters, to check a resume against
    columns: np.ndarray  # parameters x members, in the order of LiveKernel.names
    outputs: tuple[str, ...]  # the outputs of values' last axis
    resumed_from: float | None = None  # the checkpoint the band was resumed from


class LiveKernel:
    """Lines and bands of a model on its compiled kernel (see the module docstring).

    *quiet* maps an assumption to the last year that moving it leaves as it was
    (:func:`quiet_until`); names in *levers* are checked on the central line instead.
    """

    def __init__(
        self,
        kernel: Any,
        defaults: Mapping[str, float],
        years: np.ndarray,
        quiet: Mapping[str, float],
        levers: Sequence[str] = (),
        threads: int = 1,
        always: Sequence[str] = (),
    ):
        self.kernel = kernel
        self.always = tuple(always)  # outputs every line keeps, so requests share lines
        self._known = set(kernel.variable_names)
        self._line_lock = threading.Lock()
        self.defaults = dict(defaults)
        self.names = tuple(self.defaults)
        self.years = np.asarray(years, dtype=float)
        # a state at every kept year but the first (a resume from it is a whole run)
        self.checkpoints = self.years[1:]
        lever = set(levers)
        limit = np.array([math.inf if n in lever else quiet.get(n, -math.inf) for n in self.names])
        self._limit = limit  # per parameter: the latest checkpoint a change of it allows
        self.threads = threads
        self._lines = LRU(_KEEP * 4)
        self._bands = LRU(_KEEP)

    def covers(self, outputs: Sequence[str]) -> bool:
        return all(o in self._known for o in outputs)

    def _run(self, params: Mapping[str, Any], m: int, outputs: Sequence[str], **kw: Any) -> Any:
        return self.kernel.run(
            params,
            n_members=m,
            variables=list(outputs),
            times=self.years,
            output="arrays",
            threads=self.threads if m > 1 else 1,
            **kw,
        )

    def line(self, params: Mapping[str, float], outputs: Sequence[str]) -> Line:
        """The yearly values of one scenario (every table parameter: defaults, then params)."""
        key = tuple(sorted(params.items()))
        with self._line_lock:  # a move's line and band ask for the same line at once
            hit = self._lines.get(key)
            if hit is None or not all(o in hit.series for o in outputs):
                want = sorted({*self.always, *outputs, *(hit.series if hit else ())})
                full = {**self.defaults, **params}
                # on the whole kernel: lines' states are compared stock by stock
                res = self._run(full, 1, want, state_at=self.checkpoints, pruned=False)
                hit = Line({o: res.values[o][0] for o in want}, res.states)
                self._lines.put(key, hit)
        return hit

    def band(
        self,
        params: Mapping[str, float],
        draws: Sequence[Mapping[str, float]],
        outputs: Sequence[str],
    ) -> Band:
        """Members ``{**defaults, **params, **draw}`` for each draw.

        Resumed from the kept band (of the same outputs and number of members) that lets
        it resume latest; the same members and outputs again are the kept band itself.
        """
        outputs = tuple(outputs)
        columns = self._columns(params, draws)
        own = (columns.shape, columns.tobytes(), outputs)
        hit = self._bands.get(own)
        if hit is not None:
            return hit
        m = len(draws)
        cols = dict(zip(self.names, columns, strict=True))
        candidates = self._candidates(columns, outputs)
        line = None
        kept, j = None, -1
        if candidates:  # the central line decides how far; else the line can wait
            line = self.line(params, outputs)
            kept, j = self._resumable(line, candidates, outputs)
        if kept is not None:
            res = self._run(cols, m, outputs, resume=kept.states[j], state_at=self.checkpoints[j:])
            cut = int(np.searchsorted(self.years, self.checkpoints[j]))
            values = np.stack([res.values[o] for o in outputs], axis=-1)
            values[:, :cut] = kept.values[:, :cut]
            # a member that failed before the resume time stays failed; later failures are
            # this run's own
            early = ~np.isfinite(values[:, :cut]).all(axis=(1, 2))
            status = np.where(early, int(Status.NONFINITE), np.asarray(res.status))
            states = _own(kept.states[:j] + res.states)
            assert line is not None
            band = Band(values, status, states, line, columns, outputs, float(self.checkpoints[j]))
        else:
            res = self._run(cols, m, outputs, state_at=self.checkpoints)
            values = np.stack([res.values[o] for o in outputs], axis=-1)
            line = line or self.line(params, outputs)  # the page asks for it meanwhile
            band = Band(values, np.asarray(res.status), res.states, line, columns, outputs)
        self._bands.put(own, band)
        return band

    def _columns(self, params: Mapping[str, float], draws: Sequence[Mapping[str, float]]) -> Any:
        """parameters x members: defaults, then *params*, then each member's draw."""
        m = len(draws)
        columns = np.empty((len(self.names), m))
        drawn = {k for d in draws for k in d}
        for i, n in enumerate(self.names):
            fallback = params.get(n, self.defaults[n])
            if n in drawn:
                columns[i] = [d.get(n, fallback) for d in draws]
            else:
                columns[i] = fallback
        return columns

    def _candidates(self, columns: np.ndarray, outputs: tuple[str, ...]) -> list[tuple[Band, int]]:
        """Kept bands of these outputs and members that the changed parameters let resume,
        each with the latest checkpoint the changes allow (the central line may cut it)."""
        out = []
        for kept in self._bands.values():
            if kept.columns.shape != columns.shape or kept.outputs != outputs:
                continue
            changed = (kept.columns != columns).any(axis=1)
            limit = float(self._limit[changed].min()) if changed.any() else math.inf
            j = int(np.searchsorted(self.checkpoints, limit, side="right")) - 1
            if j >= 0:
                out.append((kept, j))
        return out

    def _resumable(
        self, line: Line, candidates: list[tuple[Band, int]], outputs: tuple[str, ...]
    ) -> tuple[Band | None, int]:
        """The kept band to resume from and the index of its checkpoint (latest wins)."""
        best: Band | None = None
        best_j = -1
        now = line.values(outputs)
        path = line.path
        for kept, j in candidates:
            # no later than the central line's first difference: in its values before the
            # checkpoint (a value at the checkpoint itself is run again) ...
            was = kept.line.values(outputs)
            differs = ~((was == now) | (np.isnan(was) & np.isnan(now)))
            rows = np.flatnonzero(differs.any(axis=1))
            if rows.size:
                j = min(j, int(np.searchsorted(self.checkpoints, self.years[rows[0]], "right")) - 1)
            # ... or in its state at any checkpoint up to it
            a = kept.line.path[: j + 1]
            b = path[: j + 1]
            moved = (~((a == b) | (np.isnan(a) & np.isnan(b)))).any(axis=1)
            if moved.any():
                j = int(moved.argmax()) - 1
            if j > best_j:
                best, best_j = kept, j
        return best, best_j


def _own(states: tuple[Any, ...]) -> tuple[Any, ...]:
    """*states* as views of one new array: a band does not keep its ancestors' arrays."""
    values = np.stack([s.values for s in states])
    return tuple(replace(s, values=values[i]) for i, s in enumerate(states))


def quiet_until(
    kernel: Any,
    defaults: Mapping[str, float],
    table: Any,
    years: np.ndarray,
    levers: Sequence[str] | None = None,
) -> dict[str, float]:
    """For each assumption (not a lever, not fixed data): the last of *years* that moving it
    anywhere within its bounds leaves as it was (``-inf``: it acts from the first year).

    Probed by running the model with the assumption at each bound (and at the ends of its
    plausible range) and finding the first year any variable differs from the defaults'
    run. An assumption no probe changes is probed again with every lever on: if it acts
    then, it acts through the levers, which act by time in every member alike, and its
    value is ``inf`` (the central line decides); if not, it acts in ways the probes do not
    reach (a threshold only some members cross, say) and is ``-inf``. *levers* are the
    parameters that say how much a lever does (default: the profile's controls, which a
    fallback profile takes from the policy parameters not in years).
    """
    probes: dict[str, list[float]] = {}
    for p in table.values():
        if p.group not in ("policy", "data"):
            values = {p.lower_bound, p.upper_bound, p.low, p.high}
            probes[p.name] = sorted(x for x in values if math.isfinite(x) and x != p.value)
    quiet = _quiet_years(kernel, defaults, probes, years)
    silent = [n for n, q in quiet.items() if q == math.inf]
    if silent:
        # every lever on at its default timing
        if levers is None:
            levers = fallback_profile((), table).control_parameters
        on_values = {n: probe_value(table[n]) for n in levers}
        on = _quiet_years(kernel, {**defaults, **on_values}, {n: probes[n] for n in silent}, years)
        for n in silent:
            quiet[n] = math.inf if on[n] < math.inf else -math.inf
    return quiet


def _quiet_years(
    kernel: Any, base: Mapping[str, float], probes: Mapping[str, list[float]], years: np.ndarray
) -> dict[str, float]:
    """Per name, the last year before any of its probe values changes the run of *base*."""
    names = [n for n, vs in probes.items() for _ in vs]
    sets = [dict(base)] + [{**base, n: v} for n, vs in probes.items() for v in vs]
    if not names:
        return {}
    cols = {n: np.array([s[n] for s in sets]) for n in base}
    static = set(kernel.order.static)
    outputs = [v for v in kernel.variable_names if v.partition("[")[0] not in static]
    first = np.full(len(sets), np.inf)  # first year each set differs from the base
    step = max(1, int(1e8 // (8 * len(sets) * len(years))))  # outputs per run: ~100 MB
    for lo in range(0, len(outputs), step):
        res = kernel.run(cols, variables=outputs[lo : lo + step], times=years, output="arrays")
        for v in res.values.values():
            differs = ~((v == v[0]) | (np.isnan(v) & np.isnan(v[0])))
            when = np.where(differs.any(axis=1), years[differs.argmax(axis=1)], np.inf)
            first = np.minimum(first, when)
    out: dict[str, float] = {}
    for name, when in zip(names, first[1:], strict=True):
        if when <= years[0]:
            q = -math.inf
        elif math.isinf(when):
            q = math.inf
        else:
            q = float(years[years < when].max())
        out[name] = min(out.get(name, math.inf), q)
    return out


def probe_value(p: Any) -> float:
    """A value to try parameter *p* at: its plausible high (or low); for a lever without a
    plausible range (``low == high``, e.g. off by default), half-way to its upper bound."""
    if p.high != p.value:
        return float(p.high)
    if p.low != p.value:
        return float(p.low)
    top = p.upper_bound if math.isfinite(p.upper_bound) else (2 * p.value if p.value else 1.0)
    return float(p.value + (top - p.value) / 2)
