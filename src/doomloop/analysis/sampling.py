"""Drawing uncertain parameters: distributions from low/high percentiles, truncation, LHS,
and rank correlation (Iman–Conover).

A parameter's ``low`` and ``high`` are its 5th and 95th percentiles. ``normal`` parameters
are normal, ``lognormal`` ones lognormal with those percentiles; ``uniform`` ones are uniform
between low and high. Every distribution is truncated to ``[lower_bound, upper_bound]`` by
inverse-CDF sampling on the truncated range (no rejection, so draws stay reproducible).

Draws come in fixed blocks of :data:`BLOCK` members, each with its own generator spawned from
one :class:`numpy.random.SeedSequence`, so a seed gives the same members however the
ensemble is later chunked or wherever it runs, and a huge ensemble can be drawn block by
block.

References
----------
Iman, R. L. and Conover, W. J. (1982). A distribution-free approach to inducing rank
correlation among input variables. Communications in Statistics - Simulation and
Computation 11(3), 311-334. doi:10.1080/03610918208812265

McKay, M. D., Beckman, R. J. and Conover, W. J. (1979). A comparison of three methods for
selecting values of input variables in the analysis of output from a computer code.
Technometrics 21(2), 239-245. doi:10.1080/00401706.1979.10489755
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import numpy as np
from scipy import stats

from ..errors import ParameterError
from ..parameters import Parameter

#: Members per sampling block (each block has its own spawned seed).
BLOCK = 4096
Z95 = float(stats.norm.ppf(0.95))

Correlation = Mapping[tuple[str, str], float] | np.ndarray


def _frozen(p: Parameter, centre: float | None = None) -> tuple[str, float, float]:
    """(kind, location, scale) of the untruncated distribution implied by low/high.

    With a *centre* other than the default value, the distribution moves with it and keeps
    its spread: by the ratio ``centre / value`` for a lognormal, by the offset
    ``centre - value`` otherwise (a lognormal around a non-positive centre becomes a normal
    with the spread of low..high).
    """
    if centre is not None and centre != p.value:
        kind, loc, scale = _frozen(p)
        if kind == "lognormal":
            if centre > 0 and p.value > 0:
                return kind, loc + float(np.log(centre) - np.log(p.value)), scale
            return "normal", centre + 0.5 * (p.low + p.high) - p.value, (p.high - p.low) / (2 * Z95)
        return kind, loc + (centre - p.value), scale
    if p.distribution == "lognormal":
        if p.low <= 0:
            raise ParameterError(f"'{p.name}' is lognormal but low={p.low:g} is not positive")
        lo, hi = np.log(p.low), np.log(p.high)
        return "lognormal", 0.5 * (lo + hi), (hi - lo) / (2 * Z95)
    if p.distribution == "uniform":
        return "uniform", p.low, p.high - p.low
    # normal (and anything else with a range)
    return "normal", 0.5 * (p.low + p.high), (p.high - p.low) / (2 * Z95)


def _cdf(kind: str, loc: float, scale: float, x: float) -> float:
    if kind == "uniform":
        return float(np.clip((x - loc) / scale, 0.0, 1.0)) if scale > 0 else 0.5
    if kind == "lognormal":
        if x <= 0:
            return 0.0
        x = np.log(x)
    if not np.isfinite(x):
        return 0.0 if x < 0 else 1.0
    return float(stats.norm.cdf(x, loc, scale))


def ppf(p: Parameter, u: np.ndarray, centre: float | None = None) -> np.ndarray:
    """Values of parameter *p* at quantiles *u* of its truncated distribution (moved to
    *centre*, see :func:`_frozen`)."""
    u = np.asarray(u, dtype=float)
    kind, loc, scale = _frozen(p, centre)
    if scale <= 0:
        return np.full_like(u, p.value if centre is None else centre)
    a = _cdf(kind, loc, scale, p.lower_bound)
    b = _cdf(kind, loc, scale, p.upper_bound)
    q = a + np.clip(u, 0.0, 1.0) * (b - a)
    if kind == "uniform":
        x = loc + q * scale
    else:
        z = stats.norm.ppf(np.clip(q, 1e-15, 1 - 1e-15), loc, scale)
        x = np.exp(z) if kind == "lognormal" else z
    return np.clip(x, p.lower_bound, p.upper_bound)


def plausible_quantiles(p: Parameter) -> tuple[float, float]:
    """Quantile range spanning low..high: (0, 1) for uniform, else (0.05, 0.95) untruncated,
    mapped through the truncation."""
    kind, loc, scale = _frozen(p)
    if kind == "uniform" or scale <= 0:
        return 0.0, 1.0
    a = _cdf(kind, loc, scale, p.lower_bound)
    b = _cdf(kind, loc, scale, p.upper_bound)
    return (0.05 - a) / (b - a), (0.95 - a) / (b - a)


def _lhs(rng: np.random.Generator, n: int, k: int) -> np.ndarray:
    """Latin hypercube on [0, 1)^k (McKay et al. 1979)."""
    u = (rng.random((n, k)) + np.arange(n)[:, None]) / n
    for j in range(k):
        u[:, j] = u[rng.permutation(n), j]
    return u


def correlation_matrix(names: Sequence[str], correlation: Correlation | None) -> np.ndarray | None:
    """A full target rank-correlation matrix from pairs ``{(a, b): rho}`` or a matrix."""
    if correlation is None:
        return None
    k = len(names)
    if isinstance(correlation, np.ndarray):
        c = np.asarray(correlation, dtype=float)
        if c.shape != (k, k):
            raise ParameterError(f"correlation matrix is {c.shape}, expected {(k, k)}")
    else:
        c = np.eye(k)
        pos = {n: i for i, n in enumerate(names)}
        for (a, b), rho in correlation.items():
            if a not in pos or b not in pos:
                missing = a if a not in pos else b
                raise ParameterError(
                    f"correlation names '{missing}', which is not among the sampled "
                    f"parameters ({', '.join(names)})"
                )
            if not -1 < rho < 1:
                raise ParameterError(f"correlation of {a} and {b} is {rho}; need -1 < rho < 1")
            c[pos[a], pos[b]] = c[pos[b], pos[a]] = rho
    if np.any(np.linalg.eigvalsh(c) <= 0):
        raise ParameterError(
            "the correlation matrix is not positive definite; lower the correlations"
        )
    return c


def iman_conover(u: np.ndarray, target: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Reorder each column of *u* so that its rank correlation approaches *target*.

    Marginals are unchanged (only the pairing of values changes). Implements Iman and
    Conover (1982), doi:10.1080/03610918208812265, with van der Waerden scores.
    """
    n, k = u.shape
    if n < k + 2:
        return u
    scores = stats.norm.ppf(np.arange(1, n + 1) / (n + 1))
    s = np.column_stack([rng.permutation(scores) for _ in range(k)])
    e = np.corrcoef(s, rowvar=False)
    p = np.linalg.cholesky(target)
    q = np.linalg.cholesky(e)
    t = s @ np.linalg.inv(q).T @ p.T
    out = np.empty_like(u)
    for j in range(k):
        ranks = np.argsort(np.argsort(t[:, j]))
        out[:, j] = np.sort(u[:, j])[ranks]
    return out


def sample_blocks(
    params: Sequence[Parameter],
    n: int,
    seed: int | np.random.SeedSequence | None = 0,
    *,
    correlation: Correlation | None = None,
    method: str = "lhs",
    centre: Mapping[str, float] | None = None,
) -> Iterator[np.ndarray]:
    """Yield the ``(n, len(params))`` sample in blocks of at most :data:`BLOCK` rows.

    Parameters
    ----------
    params
        Parameters to draw.
    n
        Members.
    seed
        Integer seed or a SeedSequence; block *b* uses child *b* of ``SeedSequence(seed)``.
    correlation
        Target rank correlations (pairs or a full matrix), induced within each block by
        Iman–Conover.
    method
        ``"lhs"`` (Latin hypercube within each block) or ``"random"``.
    centre
        Values to move distributions to (the web page's moved assumptions); the others are
        centred on their defaults.
    """
    centre = centre or {}
    names = [p.name for p in params]
    target = correlation_matrix(names, correlation)
    for u in quantile_blocks(len(params), n, seed, target=target, method=method):
        yield (
            np.column_stack([ppf(p, u[:, j], centre.get(p.name)) for j, p in enumerate(params)])
            if params
            else u
        )


def quantile_blocks(
    k: int,
    n: int,
    seed: int | np.random.SeedSequence | None = 0,
    *,
    target: np.ndarray | None = None,
    method: str = "lhs",
) -> Iterator[np.ndarray]:
    """The quantiles in [0, 1) that :func:`sample_blocks` maps through each parameter's
    :func:`ppf` (column *j* for its *j*-th parameter), in the same blocks: ``(rows, k)``.

    A caller that keeps them can redraw one parameter moved to a new centre with
    ``ppf(p, u[:, j], centre)`` alone (the web band: one column, not every one)."""
    if method not in ("lhs", "random"):
        raise ValueError(f"sampling method {method!r}: use 'lhs' or 'random'")
    ss = seed if isinstance(seed, np.random.SeedSequence) else np.random.SeedSequence(seed)
    n_blocks = -(-n // BLOCK)
    for b, child in enumerate(ss.spawn(n_blocks)):
        rng = np.random.default_rng(child)
        m = min(BLOCK, n - b * BLOCK)
        u = _lhs(rng, m, k) if method == "lhs" else rng.random((m, k))
        if target is not None:
            u = iman_conover(u, target, rng)
        yield u


def sample(
    params: Sequence[Parameter],
    n: int,
    seed: int | np.random.SeedSequence | None = 0,
    *,
    correlation: Correlation | None = None,
    method: str = "lhs",
    centre: Mapping[str, float] | None = None,
) -> np.ndarray:
    """The whole ``(n, len(params))`` sample (see :func:`sample_blocks`).

    Every ensemble draws here: ``doomloop uncertainty`` and the other analyses, and the web
    page's band (with *centre*: the assumptions the user moved)."""
    blocks = list(
        sample_blocks(params, n, seed, correlation=correlation, method=method, centre=centre)
    )
    return np.vstack(blocks) if blocks else np.zeros((0, len(params)))


class _Truncated(stats.rv_continuous):
    """A parameter's distribution as scipy sees it: the same ppf and cdf as :func:`ppf`."""

    def __init__(self, param: Parameter, **kwargs: Any):
        kwargs.setdefault("name", f"doomloop_{param.distribution}")
        kwargs.update(a=param.lower_bound, b=param.upper_bound)
        super().__init__(**kwargs)
        self.param = p = param
        kind, loc, scale = _frozen(p)
        self._spec = (kind, loc, scale)
        self._lo = _cdf(kind, loc, scale, p.lower_bound)
        self._hi = _cdf(kind, loc, scale, p.upper_bound)

    def _ppf(self, q: np.ndarray) -> np.ndarray:
        return ppf(self.param, q)

    def _cdf(self, x: np.ndarray) -> np.ndarray:
        kind, loc, scale = self._spec
        c = np.array([_cdf(kind, loc, scale, float(v)) for v in np.ravel(x)])
        return np.clip((c - self._lo) / (self._hi - self._lo), 0, 1).reshape(np.shape(x))

    def _updated_ctor_param(self) -> dict[str, Any]:  # scipy rebuilds the class when frozen
        return {**super()._updated_ctor_param(), "param": self.param}


def distribution(p: Parameter) -> Any:
    """Parameter *p*'s (truncated) distribution as a frozen ``scipy.stats`` distribution.

    Its ``ppf`` is the inverse CDF every doomloop ensemble samples with, so other tools (the
    EMA Workbench, SALib, your own code) draw exactly what ``doomloop uncertainty`` draws.
    """
    if p.distribution == "fixed" or p.high <= p.low:
        raise ParameterError(f"'{p.name}' is fixed at {p.value:g}: it has no distribution")
    return _Truncated(p)()
