"""Global sensitivity of any output at any time: Sobol (Saltelli sampling) and Morris.

The study follows SALib's sample, evaluate, analyse pattern, with evaluation through
:func:`~doomloop.analysis.evaluate.evaluate` (so it runs on any executor and never learns
about Dask). Sampling happens in *quantile space*: each parameter's quantile in [0, 1] is
mapped through its own (truncated) distribution, the same inverse-CDF the Monte Carlo uses.
Sobol indices are unchanged by that per-parameter monotone map, so they are the indices of
the output under the parameters' stated distributions. Morris elementary effects are per
unit of quantile across each parameter's plausible range (low to high), so they compare
across parameters of different units.

References
----------
Sobol', I. M. (2001). Global sensitivity indices for nonlinear mathematical models and their
Monte Carlo estimates. Mathematics and Computers in Simulation 55, 271-280.
doi:10.1016/S0378-4754(00)00270-6

Saltelli, A., Annoni, P., Azzini, I., Campolongo, F., Ratto, M. and Tarantola, S. (2010).
Variance based sensitivity analysis of model output. Design and estimator for the total
sensitivity index. Computer Physics Communications 181, 259-270.
doi:10.1016/j.cpc.2009.09.018

Morris, M. D. (1991). Factorial sampling plans for preliminary computational experiments.
Technometrics 33(2), 161-174. doi:10.1080/00401706.1991.10484804

Campolongo, F., Cariboni, J. and Saltelli, A. (2007). An effective screening design for
sensitivity analysis of large models. Environmental Modelling & Software 22, 1509-1518.
doi:10.1016/j.envsoft.2006.10.004

Herman, J. and Usher, W. (2017). SALib: An open-source Python library for sensitivity
analysis. Journal of Open Source Software 2(9), 97. doi:10.21105/joss.00097
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..errors import SimulationError
from ..executors import Executor, ProgressCallback
from ..parameters import Parameter
from .evaluate import Backend, evaluate
from .montecarlo import _base_overrides, uncertain_parameters
from .sampling import plausible_quantiles, ppf

#: Quantiles are kept this far inside (0, 1) so unbounded distributions stay finite.
EPS = 1e-9
#: Share of failed runs above which a study stops rather than impute.
MAX_FAILED = 0.05


def problem(params: Sequence[Parameter], *, morris: bool = False) -> dict[str, Any]:
    """The SALib problem in quantile space for *params*."""
    bounds = [list(plausible_quantiles(p)) if morris else [0.0, 1.0] for p in params]
    return {"num_vars": len(params), "names": [p.name for p in params], "bounds": bounds}


def to_values(params: Sequence[Parameter], quantiles: np.ndarray) -> np.ndarray:
    """Map a quantile matrix to parameter values, column by column."""
    q = np.clip(np.asarray(quantiles, dtype=float), EPS, 1 - EPS)
    return np.column_stack([ppf(p, q[:, j]) for j, p in enumerate(params)])


def _output(
    model: Any,
    matrix: np.ndarray,
    names: Sequence[str],
    output: str,
    year: float,
    base: Mapping[str, float],
    executor: Executor | None,
    backend: str | Backend,
    progress: ProgressCallback | None,
) -> tuple[np.ndarray, int, str]:
    runs = evaluate(
        model,
        matrix,
        names,
        [output],
        [year],
        base=base,
        executor=executor,
        backend=backend,
        progress=progress,
    )
    y = runs.values[:, 0, 0]
    failed = ~runs.ok
    n_failed = int(failed.sum())
    first = runs.errors[int(np.flatnonzero(failed)[0])] if n_failed else ""
    if n_failed > MAX_FAILED * len(y):
        raise SimulationError(
            f"{n_failed} of {len(y)} runs failed (first: {first}); sensitivity indices "
            f"would be meaningless. Narrow the parameter ranges or fix the model."
        )
    if n_failed:  # impute the mean so the Saltelli/Morris design stays intact
        y = y.copy()
        y[failed] = np.nanmean(y[~failed])
    return y, n_failed, first


def sobol(
    model: Any,
    output: str,
    year: float,
    *,
    n: int = 512,
    params: Sequence[str] | None = None,
    seed: int = 0,
    scenario: Any = None,
    fixed: Mapping[str, float] | None = None,
    calc_second_order: bool = False,
    num_resamples: int = 200,
    conf_level: float = 0.95,
    executor: Executor | None = None,
    backend: str | Backend = "auto",
    progress: ProgressCallback | None = None,
) -> pd.DataFrame:
    """Sobol first-order (S1) and total (ST) indices of *output* at *year*.

    Parameters
    ----------
    model
        A :class:`doomloop.Model` or :class:`~doomloop.analysis.evaluate.FunctionModel`.
    output, year
        The scalar studied: the value of *output* at time *year*.
    n
        Base sample size (a power of two); the study runs ``n * (k + 2)`` models for *k*
        parameters (``n * (2k + 2)`` with second order).
    params
        Parameters to vary (default: every uncertain one not fixed by the scenario).
    seed
        Seed of the scrambled Sobol' sequence and of the bootstrap.
    scenario, fixed
        Overrides applied to every run.
    calc_second_order
        Also estimate S2 (kept in ``df.attrs["S2"]``).
    num_resamples, conf_level
        Bootstrap confidence intervals.
    executor, backend, progress
        See :func:`~doomloop.analysis.evaluate.evaluate`.

    Returns
    -------
    pandas.DataFrame
        Indexed by parameter: ``S1, S1_conf, ST, ST_conf`` (conf is the half-width of the
        *conf_level* interval), sorted by ST. ``attrs`` hold the output, year, runs and
        failed runs.
    """
    from SALib.analyze import sobol as sobol_analyze
    from SALib.sample import sobol as sobol_sample

    base = _base_overrides(model, scenario, fixed)
    plist = uncertain_parameters(model, params, exclude=[] if params else list(base))
    prob = problem(plist)
    q = sobol_sample.sample(prob, n, calc_second_order=calc_second_order, seed=seed)
    matrix = to_values(plist, q)
    y, n_failed, first = _output(
        model, matrix, prob["names"], output, year, base, executor, backend, progress
    )
    res = sobol_analyze.analyze(
        prob,
        y,
        calc_second_order=calc_second_order,
        num_resamples=num_resamples,
        conf_level=conf_level,
        seed=seed,
    )
    df = pd.DataFrame(
        {
            "S1": res["S1"],
            "S1_conf": res["S1_conf"],
            "ST": res["ST"],
            "ST_conf": res["ST_conf"],
        },
        index=pd.Index(prob["names"], name="parameter"),
    ).sort_values("ST", ascending=False)
    df.attrs.update(
        method="sobol",
        output=output,
        year=year,
        runs=len(y),
        failed=n_failed,
        first_error=first,
        conf_level=conf_level,
        output_variance=float(np.var(y)),
    )
    if calc_second_order:
        df.attrs["S2"] = pd.DataFrame(res["S2"], index=prob["names"], columns=prob["names"])
    return df


def morris(
    model: Any,
    output: str,
    year: float,
    *,
    n: int = 50,
    num_levels: int = 4,
    params: Sequence[str] | None = None,
    seed: int = 0,
    scenario: Any = None,
    fixed: Mapping[str, float] | None = None,
    conf_level: float = 0.95,
    executor: Executor | None = None,
    backend: str | Backend = "auto",
    progress: ProgressCallback | None = None,
) -> pd.DataFrame:
    """Morris elementary effects of *output* at *year* (``n`` trajectories, ``n (k+1)`` runs).

    Returns
    -------
    pandas.DataFrame
        Indexed by parameter: ``mu_star, mu_star_conf, mu, sigma``, sorted by ``mu_star``;
        effects are per unit quantile across each parameter's plausible (low..high) range.
    """
    from SALib.analyze import morris as morris_analyze
    from SALib.sample import morris as morris_sample

    base = _base_overrides(model, scenario, fixed)
    plist = uncertain_parameters(model, params, exclude=[] if params else list(base))
    prob = problem(plist, morris=True)
    q = morris_sample.sample(prob, n, num_levels=num_levels, seed=seed)
    matrix = to_values(plist, q)
    y, n_failed, first = _output(
        model, matrix, prob["names"], output, year, base, executor, backend, progress
    )
    res = morris_analyze.analyze(
        prob, q, y, num_levels=num_levels, conf_level=conf_level, seed=seed
    )
    df = pd.DataFrame(
        {
            "mu_star": np.asarray(res["mu_star"], dtype=float),
            "mu_star_conf": np.asarray(res["mu_star_conf"], dtype=float),
            "mu": np.asarray(res["mu"], dtype=float),
            "sigma": np.asarray(res["sigma"], dtype=float),
        },
        index=pd.Index(prob["names"], name="parameter"),
    ).sort_values("mu_star", ascending=False)
    df.attrs.update(
        method="morris",
        output=output,
        year=year,
        runs=len(y),
        failed=n_failed,
        first_error=first,
        conf_level=conf_level,
    )
    return df


def plot_indices(
    df: pd.DataFrame, path: str | Path, *, top: int = 20, title: str = "", force: bool = False
) -> Path:
    """A horizontal bar chart of indices with confidence intervals (PNG, written atomically)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from ..io.atomic import atomic_output as atomic_path

    d = df.head(top).iloc[::-1]
    cols = ["S1", "ST"] if "ST" in d else ["mu_star"]
    fig, ax = plt.subplots(figsize=(7, 0.35 * len(d) + 1.5))
    y = np.arange(len(d))
    h = 0.8 / len(cols)
    for i, c in enumerate(cols):
        ax.barh(
            y + (i - (len(cols) - 1) / 2) * h,
            d[c],
            height=h,
            xerr=d[f"{c}_conf"],
            capsize=2,
            label=c,
        )
    ax.set_yticks(y, d.index, fontsize=8)
    ax.axvline(0, color="k", lw=0.5)
    ax.legend(fontsize=8)
    meta = df.attrs
    label = title or (
        f"{meta.get('method', '')} indices of {meta.get('output', '')} in "
        f"{_fmt(meta.get('year', ''))} ({meta.get('runs', '?')} runs)"
    )
    ax.set_title(label, fontsize=9)
    fig.tight_layout()
    with atomic_path(path, force) as tmp:
        fig.savefig(tmp, format="png", dpi=110)
    plt.close(fig)
    return Path(path)


def _fmt(x: Any) -> str:
    return f"{x:g}" if isinstance(x, (int, float)) else str(x)


# -- analytic test functions -------------------------------------------------------------------


def ishigami(a: float = 7.0, b: float = 0.1):  # noqa: ANN201 - returns a FunctionModel
    """The Ishigami function as a :class:`FunctionModel` with analytic S1/ST.

    ``y = sin(x1) + a sin(x2)^2 + b x3^4 sin(x1)``, every ``xi ~ U(-pi, pi)``.

    References
    ----------
    Ishigami, T. and Homma, T. (1990). An importance quantification technique in
    uncertainty analysis for computer models. Proc. ISUMA'90, 398-403.
    doi:10.1109/ISUMA.1990.151285
    """
    from .evaluate import FunctionModel

    def fn(p: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
        x1, x2, x3 = p["x1"], p["x2"], p["x3"]
        return {"y": np.sin(x1) + a * np.sin(x2) ** 2 + b * x3**4 * np.sin(x1)}

    params = [_uniform(f"x{i}", -np.pi, np.pi) for i in (1, 2, 3)]
    from ..parameters import ParameterTable

    return FunctionModel(fn, ParameterTable(params), ["y"], name="ishigami")


def ishigami_indices(a: float = 7.0, b: float = 0.1) -> pd.DataFrame:
    """Analytic S1 and ST of :func:`ishigami`."""
    v1 = 0.5 * (1 + b * np.pi**4 / 5) ** 2
    v2 = a**2 / 8
    v13 = b**2 * np.pi**8 * (1 / 18 - 1 / 50)
    v = v1 + v2 + v13
    return pd.DataFrame(
        {"S1": [v1 / v, v2 / v, 0.0], "ST": [(v1 + v13) / v, v2 / v, v13 / v]},
        index=pd.Index(["x1", "x2", "x3"], name="parameter"),
    )


def sobol_g(a: Sequence[float] = (0, 1, 4.5, 9, 99, 99, 99, 99)):  # noqa: ANN201
    """The Sobol' G function as a :class:`FunctionModel`, ``xi ~ U(0, 1)``.

    ``y = prod_i (|4 xi - 2| + ai) / (1 + ai)``.

    References
    ----------
    Saltelli, A. and Sobol', I. M. (1995). About the use of rank transformation in
    sensitivity analysis of model output. Reliability Engineering & System Safety 50,
    225-239. doi:10.1016/0951-8320(95)00099-2
    """
    from ..parameters import ParameterTable
    from .evaluate import FunctionModel

    a_arr = np.asarray(a, dtype=float)

    def fn(p: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
        y = np.ones_like(p["x1"])
        for i, ai in enumerate(a_arr, start=1):
            y = y * (np.abs(4 * p[f"x{i}"] - 2) + ai) / (1 + ai)
        return {"y": y}

    params = [_uniform(f"x{i}", 0.0, 1.0) for i in range(1, len(a_arr) + 1)]
    return FunctionModel(fn, ParameterTable(params), ["y"], name="sobol_g")


def sobol_g_indices(a: Sequence[float] = (0, 1, 4.5, 9, 99, 99, 99, 99)) -> pd.DataFrame:
    """Analytic S1 and ST of :func:`sobol_g`."""
    a_arr = np.asarray(a, dtype=float)
    vi = 1 / (3 * (1 + a_arr) ** 2)
    total = np.prod(1 + vi) - 1
    st = np.array([vi[i] * np.prod(np.delete(1 + vi, i)) for i in range(len(vi))]) / total
    return pd.DataFrame(
        {"S1": vi / total, "ST": st},
        index=pd.Index([f"x{i}" for i in range(1, len(a_arr) + 1)], name="parameter"),
    )


def _uniform(name: str, lo: float, hi: float) -> Parameter:
    return Parameter(
        name=name,
        value=0.5 * (lo + hi),
        units="dmnl",
        low=lo,
        high=hi,
        lower_bound=lo,
        upper_bound=hi,
        group="assumption",
        sector="test",
        distribution="uniform",
        source="assumption: analytic test function",
        note="",
    )
