"""The lines and the band of a slider move, on the compiled kernel.

A slider move asks for two lines (the current scenario and its baseline) and a band of
ensemble members drawn around the current assumptions. On the numba kernel one Japan member
takes a few milliseconds; a band of 30 would still take a few hundred. Most moves are of a
policy lever, and a lever acts only from some year on (its start plus its delay), so the
band's members run the same up to then: :class:`LiveKernel` keeps every member's state at
``resume_time`` and, on the next move, runs only the rest.

Resuming is checked, not assumed: the current scenario's own line is run whole (it is one
member), and the band resumes only when that line's state at ``resume_time`` and its values
before it are bitwise those of the line the kept band was made with. Members differ from
the line only in the sampled assumptions, which the move did not change; a lever whose start
depended on a member's state rather than on time could still fool this check, and the
models here start every lever by time.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from .lru import LRU

#: Kept bands (states of every member) and lines; each band is a few hundred KiB.
_KEEP = 16


@dataclass(frozen=True)
class Line:
    """One member's yearly series by output name, and its state at the resume time."""

    series: dict[str, np.ndarray]
    state: Any  # KernelState | None

    def values(self, outputs: Sequence[str]) -> np.ndarray:
        """years x outputs."""
        return np.stack([self.series[o] for o in outputs], axis=-1)


@dataclass(frozen=True)
class Band:
    """Every member's yearly values (members x years x outputs), status and state."""

    values: np.ndarray
    status: np.ndarray
    state: Any  # KernelState | None
    line: Line  # the central line of the same parameters, to check a resume against
    resumed: bool = False


def _same(a: Any, b: Any) -> bool:
    return a is not None and b is not None and np.array_equal(a, b, equal_nan=True)


class LiveKernel:
    """Lines and bands of a model on its compiled kernel (see the module docstring)."""

    def __init__(
        self,
        kernel: Any,
        defaults: Mapping[str, float],
        years: np.ndarray,
        resume_time: float | None,
        threads: int = 1,
        always: Sequence[str] = (),
    ):
        self.kernel = kernel
        self.always = tuple(always)  # outputs every line keeps, so requests share lines
        self._names = set(kernel.variable_names)
        self._line_lock = threading.Lock()
        self.defaults = dict(defaults)
        self.years = np.asarray(years, dtype=float)
        self.resume_time = resume_time
        self.threads = threads
        self._lines = LRU(_KEEP * 4)
        self._bands = LRU(_KEEP)
        # the prefix of kept years that a resumed run takes from the kept band
        self._cut = 0 if resume_time is None else int(np.searchsorted(self.years, resume_time))

    def covers(self, outputs: Sequence[str]) -> bool:
        return all(o in self._names for o in outputs)

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
                res = self._run(full, 1, want, state_at=self.resume_time)
                hit = Line({o: res.values[o][0] for o in want}, res.state)
                self._lines.put(key, hit)
        return hit

    def band(
        self,
        params: Mapping[str, float],
        draws: Sequence[Mapping[str, float]],
        outputs: Sequence[str],
        key: Any,
    ) -> Band:
        """Members ``{**defaults, **params, **draw}`` for each draw.

        *key* names the draws (the same key must mean the same draws whatever the levers):
        the band kept under it is resumed when the central line shows the move left
        everything before the resume time as it was.
        """
        line = self.line(params, outputs)
        m = len(draws)
        drawn = {k for d in draws for k in d}
        cols = {
            n: np.full(m, float(params.get(n, v)))
            for n, v in self.defaults.items()
            if n not in drawn
        }
        for n in drawn:
            fallback = params.get(n, self.defaults.get(n))
            cols[n] = np.array([d.get(n, fallback) for d in draws], dtype=float)
        kept = self._bands.get((key, tuple(outputs)))
        if (
            kept is not None
            and kept.state is not None
            and line.state is not None
            and kept.line.state is not None
            and _same(kept.line.state.values, line.state.values)
            and _same(kept.line.values(outputs)[: self._cut], line.values(outputs)[: self._cut])
        ):
            res = self._run(cols, m, outputs, resume=kept.state)
            values = np.stack([res.values[o] for o in outputs], axis=-1)
            values[:, : self._cut] = kept.values[:, : self._cut]
            # a member that failed before the resume time stays failed; later failures are
            # this run's own
            early = ~np.isfinite(values[:, : self._cut]).all(axis=(1, 2))
            status = np.where(early, 1, np.asarray(res.status))
            return Band(values, status, kept.state, line, resumed=True)
        res = self._run(cols, m, outputs, state_at=self.resume_time)
        values = np.stack([res.values[o] for o in outputs], axis=-1)
        band = Band(values, np.asarray(res.status), res.state, line)
        self._bands.put((key, tuple(outputs)), band)
        return band


def resume_time(kernel: Any, defaults: Mapping[str, float], table: Any, years: np.ndarray) -> Any:
    """The last of *years* before any policy lever, moved to its bounds, changes the run.

    Levers whose every setting changes the run from the first year on (their start years,
    at their earliest) are left out: a move of one of them simply runs whole. ``None`` when
    no lever waits (nothing to resume).
    """
    levers = [p for p in table.values() if p.group == "policy"]
    if not levers or len(years) < 3:
        return None
    sets: list[dict[str, float]] = [dict(defaults)]
    for p in levers:
        for v in (p.lower_bound, p.upper_bound):
            if np.isfinite(v) and v != defaults[p.name]:
                sets.append({**defaults, p.name: float(v)})
    cols = {n: np.array([s[n] for s in sets]) for n in defaults}
    static = set(kernel.order.static)
    outputs = [v for v in kernel.variable_names if v.partition("[")[0] not in static]
    first = np.full(len(sets), np.inf)  # first year each set differs from the defaults
    step = 1200  # outputs per run: keeps the arrays to ~100 MB
    for lo in range(0, len(outputs), step):
        res = kernel.run(cols, variables=outputs[lo : lo + step], times=years, output="arrays")
        for v in res.values.values():
            differs = ~((v == v[0]) | (np.isnan(v) & np.isnan(v[0])))
            when = np.where(differs.any(axis=1), years[differs.argmax(axis=1)], np.inf)
            first = np.minimum(first, when)
    later = first[(first > years[0]) & np.isfinite(first)]
    if not later.size:
        return None
    return float(years[years < later.min()].max())  # the last kept year before any bites
