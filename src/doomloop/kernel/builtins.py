"""Runtime helpers of the NumPy backend: the XMILE builtins, vectorized over members.

Every helper takes scalars, ``(members,)`` or ``(elements, members)`` arrays and
broadcasts. Semantics follow pysimlin (checked by experiment and by the conformance
models): ``STEP`` switches on at ``TIME >= start``; ``PULSE`` gives ``magnitude / DT``
during the step that starts at ``first``, ``first + interval``, ...; graphical functions
clamp (continuous), extend the end segments (extrapolate) or hold each y until the next x
(discrete); ``ROUND`` rounds half to even. :data:`PURE` maps the elementwise builtins to
the names the generated code uses.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Any

import numpy as np

Array = Any  # np.ndarray | np.float64 | float

#: Elementwise builtins with one or two arguments -> name in the generated code's namespace.
PURE: dict[str, str] = {
    "ABS": "np.abs",
    "EXP": "np.exp",
    "LN": "np.log",
    "LOG10": "np.log10",
    "SQRT": "np.sqrt",
    "SIN": "np.sin",
    "COS": "np.cos",
    "TAN": "np.tan",
    "ARCSIN": "np.arcsin",
    "ARCCOS": "np.arccos",
    "ARCTAN": "np.arctan",
    "INT": "np.floor",
    "SIGN": "np.sign",
    "ROUND": "np.round",
}


def _mod(a: Array, b: Array) -> Array:
    """``a MOD b`` with the sign of the divisor (floored modulo)."""
    return np.mod(a, b)


def _safediv(a: Array, b: Array, x: Array = 0.0) -> Array:
    """``a / b``, or *x* (default 0) where ``b == 0``."""
    zero = np.equal(b, 0)
    return np.where(zero, x, np.divide(a, np.where(zero, 1.0, b)))


def _step(t: Array, height: Array, start: Array) -> Array:
    """``STEP(height, start)``: 0 before *start*, *height* from *start* on."""
    return np.where(t >= start, height, 0.0)


def _ramp(t: Array, slope: Array, start: Array, end: Array | None = None) -> Array:
    """``RAMP(slope, start[, end])``: 0 before *start*, then rising with *slope* until *end*."""
    tt = t if end is None else np.minimum(t, end)
    return np.where(t > start, slope * (tt - start), 0.0)


def _pulse(
    t: Array, dt: Array, magnitude: Array, first: Array, interval: Array | None = None
) -> Array:
    """``PULSE(magnitude, first[, interval])``: a pulse of *magnitude* spread over one DT.

    The pulse is on during ``first <= t < first + dt`` and, with a positive interval,
    every *interval* after that (also at RK4's intermediate stage times).
    """
    eps = dt * 1e-9
    since = t - first
    if interval is not None:
        positive = np.greater(interval, 0)
        period = np.where(positive, interval, np.inf)
        k = np.floor((since + eps) / period)
        since = since - np.where(positive & (k > 0), k * period, 0.0)
    on = (since >= -eps) & (since < dt - eps)
    return np.where(on, magnitude / dt, 0.0)


def _lookup(x: Array, xs: np.ndarray, ys: np.ndarray, kind: str) -> Array:
    """Evaluate a graphical function at *x* (any shape)."""
    if kind == "discrete":
        i = np.searchsorted(xs, x, side="right") - 1
        return ys[np.clip(i, 0, len(ys) - 1)]
    y = np.interp(x, xs, ys)
    if kind == "extrapolate" and len(xs) > 1:
        lo_slope = (ys[1] - ys[0]) / (xs[1] - xs[0])
        hi_slope = (ys[-1] - ys[-2]) / (xs[-1] - xs[-2])
        y = np.where(x < xs[0], ys[0] + lo_slope * (x - xs[0]), y)
        y = np.where(x > xs[-1], ys[-1] + hi_slope * (x - xs[-1]), y)
    return y


def _full(x: Array, n: int, m: int) -> np.ndarray:
    """*x* as an ``(n, m)`` array (broadcast into a new array when it has fewer axes)."""
    if isinstance(x, np.ndarray) and x.shape == (n, m):
        return x
    out = np.empty((n, m))
    out[...] = x
    return out


def _interp1(x: float, xs: list[float], ys: list[float]) -> float:
    """:func:`numpy.interp` for one number, without NumPy's call overhead (same formula)."""
    if not x > xs[0]:
        return ys[0] if x == x else x
    if x >= xs[-1]:
        return ys[-1]
    j = bisect_right(xs, x) - 1
    slope = (ys[j + 1] - ys[j]) / (xs[j + 1] - xs[j])
    return slope * (x - xs[j]) + ys[j]


def _reduce(x: Array, how: str) -> Array:
    """SUM/MEAN/MIN/MAX of an ``(elements, members)`` array over its elements."""
    a = np.asarray(x)
    if a.ndim < 2:
        return a
    return getattr(a, how)(axis=0)


def namespace() -> dict[str, Any]:
    """The globals the generated step code runs in."""
    return {
        "np": np,
        "_mod": _mod,
        "_safediv": _safediv,
        "_step": _step,
        "_ramp": _ramp,
        "_pulse": _pulse,
        "_lookup": _lookup,
        "_full": _full,
        "_interp1": _interp1,
        "_reduce": _reduce,
        "_where": np.where,
        "_and": np.logical_and,
        "_or": np.logical_or,
        "_not": np.logical_not,
        "_min": np.minimum,
        "_max": np.maximum,
        "_pow": np.power,
        "_pi": np.float64(np.pi),
        "_nan": np.float64(np.nan),
        "_inf": np.float64(np.inf),
        "_f64": np.float64,
    }
