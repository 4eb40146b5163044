"""Calibration: fit chosen parameters to historical data with bounded least squares.

Reference data is a table ``name, year, value[, weight]`` (a CSV, or rows of
the shipped ``data/figures.csv`` mapped to model variables by :func:`reference_from_figures`).
:func:`calibrate` fits with :func:`scipy.optimize.least_squares` inside each parameter's
physical bounds, in log space for lognormal parameters, with each series' residuals scaled
by its mean observed magnitude so that series in different units weigh alike. The result
holds the fitted values, fit statistics per series (RMSE, MAPE and Theil's inequality
decomposition U_M, U_S, U_C) and the simulated series; :func:`write_scenario` saves the
fitted values as a scenario TOML file and :func:`plot_calibration` draws runs against data.

References
----------
Sterman, J. D. (1984). Appropriate summary statistics for evaluating the historical fit of
system dynamics models. Dynamica 10(2), 51-66; see also Sterman, J. D. (1984), Instruments
for the evaluation of system dynamics models, Technological Forecasting and Social Change.
doi:10.1016/0040-1625(84)90117-4

Theil, H. (1966). Applied Economic Forecasting. North-Holland.

Branch, M. A., Coleman, T. F. and Li, Y. (1999). A subspace, interior, and conjugate
gradient method for large-scale bound-constrained minimization problems. SIAM Journal on
Scientific Computing 21(1), 1-23. doi:10.1137/S1064827595289108
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..errors import DataError, ParameterError
from ..fitstats import fit_summary
from ..reference import read_reference
from .evaluate import Backend, evaluate, resolve_backend

#: figures.csv keys with the model variable they measure and the factor to the model's units.
FIGURES_MAPPING: dict[str, tuple[str, float]] = {
    "pop_total": ("population_total", 1000.0),
    "pop_0_14": ("population_0_14", 1000.0),
    "pop_15_64": ("population_15_64", 1000.0),
    "pop_65plus": ("population_65_plus", 1000.0),
}

DEFAULT_FIGURES = Path(__file__).resolve().parents[1] / "data" / "figures.csv"


def load_reference(path: str | Path) -> pd.DataFrame:
    """Reference data as a table ``name, year, value, weight`` (weight 1 where not given).

    The CSV is read and validated by :func:`doomloop.reference.read_reference` (columns
    ``name, year, value`` and optionally ``weight`` >= 0 and one ``country``); years outside
    the run are left to :func:`calibrate`, which drops them.

    Raises
    ------
    DataError
        For a missing column, a value that is not a finite number, a negative weight, a
        repeated (name, year) or no rows (names the line).
    """
    rows = read_reference(path)
    return pd.DataFrame(
        [(r.name, r.year, r.value, r.weight) for r in rows],
        columns=["name", "year", "value", "weight"],
    )


def reference_from_figures(
    path: str | Path = DEFAULT_FIGURES,
    mapping: Mapping[str, tuple[str, float]] | None = None,
    *,
    country: str = "Japan",
    years: tuple[float, float] | None = None,
    source: str | None = "S01",
) -> pd.DataFrame:
    """Reference rows from a ``figures.csv`` (key, country, year, value, unit, ...).

    *mapping* takes a figures key to ``(model variable, factor)``, e.g. ``pop_0_14``
    (thousands) to ``("population_0_14", 1000.0)`` (people). Rows of other keys or countries
    are ignored. Only rows whose ``source`` starts with *source* are kept: by default S01,
    UN WPP 2024 estimates (1 July, 1970-2024, every country). The shipped file also holds
    Japan's population from WPP 2022, the 1 October census and estimates, and the essay's
    2050 projection; with ``source=None`` every row is kept and a key with several rows in
    one year keeps their mean.
    """
    mapping = dict(FIGURES_MAPPING if mapping is None else mapping)
    path = Path(path)
    if not path.is_file():
        raise DataError(f"figures file {path} does not exist; check the path")
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    for col in ("key", "country", "year", "value"):
        if col not in df.columns:
            raise DataError(f"{path}: no column '{col}'; expected key,country,year,value,...")
    df = df[df["key"].isin(list(mapping)) & (df["country"] == country)]
    if source is not None:
        if "source" not in df.columns:
            raise DataError(
                f"{path}: no column 'source' to keep the rows of {source!r}; add it, or "
                "pass source=None to keep every row"
            )
        df = df[df["source"].str.startswith(source)]
    out = []
    for line, (_, row) in zip(df.index.to_numpy() + 2, df.iterrows(), strict=True):
        try:
            year, value = float(row["year"]), float(row["value"])
        except ValueError:
            raise DataError(
                f"{path}:{line}: '{row['key']}' has year {row['year']!r} and value "
                f"{row['value']!r}; both must be numbers"
            ) from None
        if years and not (years[0] <= year <= years[1]):
            continue
        var, factor = mapping[row["key"]]
        out.append({"name": var, "year": year, "value": value * factor, "weight": 1.0})
    if not out:
        of = f" from source {source!r}" if source is not None else ""
        raise DataError(
            f"{path}: no rows for keys {', '.join(mapping)} and country {country!r}{of}"
        )
    ref = pd.DataFrame(out).groupby(["name", "year"], as_index=False).mean()
    return ref[["name", "year", "value", "weight"]]


def fit_table(
    model: Any, reference: pd.DataFrame, params: Mapping[str, float] | None = None
) -> pd.DataFrame:
    """Fit statistics per series of one run (*params* over the table) against *reference*:
    :func:`doomloop.fitstats.fit_summary` and the largest absolute error in %."""
    names = sorted(reference["name"].unique())
    run = model.run(params=dict(params or {}), variables=names)
    rows = {}
    for name, part in reference.groupby("name"):
        sim = run.loc[part["year"].to_numpy(), name].to_numpy()
        obs = part["value"].to_numpy()
        rows[name] = fit_summary(sim, obs)
        with np.errstate(divide="ignore", invalid="ignore"):
            rows[name]["max abs % error"] = float(np.nanmax(np.abs(sim / obs - 1)) * 100)
    return pd.DataFrame(rows).T[
        ["n", "rmse", "mape", "max abs % error", "theil_um", "theil_us", "theil_uc"]
    ]


@dataclass
class CalibrationResult:
    """What :func:`calibrate` found."""

    params: dict[str, float]
    initial: dict[str, float]
    statistics: pd.DataFrame
    fitted: pd.DataFrame
    success: bool
    message: str
    nfev: int
    cost: float
    base: dict[str, float] = field(default_factory=dict)

    def overrides(self) -> dict[str, float]:
        """Every override of the calibrated run: the base (scenario) and the fitted values."""
        return {**self.base, **self.params}


def _transforms(model: Any, names: Sequence[str]) -> tuple[list[bool], np.ndarray, np.ndarray]:
    logs, lb, ub = [], [], []
    for k in names:
        p = model.parameters[k]
        use_log = p.distribution == "lognormal"
        if use_log:
            lo = p.lower_bound if p.lower_bound > 0 else min(p.low, p.value) * 1e-6
            lb.append(math.log(lo))
            ub.append(math.log(p.upper_bound) if math.isfinite(p.upper_bound) else np.inf)
        else:
            lb.append(p.lower_bound)
            ub.append(p.upper_bound)
        logs.append(use_log)
    return logs, np.array(lb, dtype=float), np.array(ub, dtype=float)


def calibrate(
    model: Any,
    params: Sequence[str],
    reference: pd.DataFrame | str | Path,
    *,
    scenario: Any = None,
    fixed: Mapping[str, float] | None = None,
    x0: Mapping[str, float] | None = None,
    max_nfev: int | None = 200,
    backend: str | Backend = "engine",
    progress: Callable[[int, int], None] | None = None,
) -> CalibrationResult:
    """Fit *params* of *model* to *reference* by bounded nonlinear least squares.

    Parameters
    ----------
    model
        A :class:`doomloop.Model`.
    params
        Names of the parameters to fit.
    reference
        A table ``name, year, value, weight`` or a path to such a CSV.
    scenario, fixed
        Overrides held fixed during the fit.
    x0
        Start values (default: the scenario's or the table's values).
    max_nfev
        Cap on model evaluations of the optimiser.
    backend
        How runs are computed (see :func:`~doomloop.analysis.evaluate.evaluate`).
    progress
        ``progress(evaluations, max_nfev)`` after each residual evaluation.

    Returns
    -------
    CalibrationResult
    """
    from scipy.optimize import least_squares

    ref = load_reference(reference) if isinstance(reference, (str, Path)) else reference.copy()
    if "weight" not in ref:
        ref["weight"] = 1.0
    if not params:
        raise ParameterError("name at least one parameter to calibrate")
    if not len(ref):
        raise DataError(
            "the reference table holds no observations: nothing to fit the parameters to; "
            "give it rows of name, year, value"
        )
    names = list(params)
    from .montecarlo import _base_overrides

    base = _base_overrides(model, scenario, fixed)
    for k in names:
        base.pop(k, None)
    variables = sorted(ref["name"].unique())
    years = np.array(sorted(ref["year"].unique()), dtype=float)
    ts = model.time_spec
    outside = years[(years < ts.start) | (years > ts.stop)]
    if outside.size:
        ref = ref[(ref["year"] >= ts.start) & (ref["year"] <= ts.stop)]
        years = np.array(sorted(ref["year"].unique()), dtype=float)
        if not len(ref):
            raise DataError(f"no reference year falls in the model's run {ts.start:g}-{ts.stop:g}")
    var_idx = {v: i for i, v in enumerate(variables)}
    year_idx = {y: i for i, y in enumerate(years)}
    rv = np.array([var_idx[v] for v in ref["name"]])
    ry = np.array([year_idx[y] for y in ref["year"]])
    obs = ref["value"].to_numpy(dtype=float)
    scale = ref.groupby("name")["value"].transform(lambda s: s.abs().mean()).to_numpy(float).copy()
    scale[scale == 0] = 1.0
    sqrt_w = np.sqrt(ref["weight"].to_numpy(dtype=float))
    be = resolve_backend(model, backend)

    logs, lb, ub = _transforms(model, names)
    start = {k: model.parameters[k].value for k in names}
    start.update({k: v for k, v in model.resolve_params(None, scenario).items() if k in start})
    start.update(x0 or {})
    z0 = np.array(
        [math.log(start[k]) if lg else start[k] for k, lg in zip(names, logs, strict=True)]
    )
    z0 = np.clip(z0, lb + 1e-12 * np.abs(lb), ub - 1e-12 * np.abs(ub))

    def decode(z: np.ndarray) -> np.ndarray:
        return np.array([math.exp(v) if lg else v for v, lg in zip(z, logs, strict=True)])

    calls = [0]

    def simulate(x: np.ndarray) -> tuple[np.ndarray, str]:
        runs = evaluate(model, x[None, :], names, variables, years, base=base, backend=be)
        return runs.values[0], "" if runs.ok[0] else runs.errors[0]

    def residuals(z: np.ndarray) -> np.ndarray:
        calls[0] += 1
        if progress is not None:
            progress(calls[0], max_nfev or 0)
        vals, err = simulate(decode(z))
        if err:
            return np.full(len(obs), 1e3)
        return (vals[rv, ry] - obs) / scale * sqrt_w

    res = least_squares(
        residuals, z0, bounds=(lb, ub), method="trf", x_scale="jac", max_nfev=max_nfev
    )
    x = decode(res.x)
    vals, err = simulate(x)
    if err:
        raise DataError(f"the calibrated parameters fail to run: {err}")
    fitted = ref[["name", "year", "value", "weight"]].rename(columns={"value": "observed"})
    fitted["simulated"] = vals[rv, ry]
    stats_rows = {
        name: fit_summary(g["simulated"].to_numpy(), g["observed"].to_numpy())
        for name, g in fitted.groupby("name")
    }
    statistics = pd.DataFrame.from_dict(stats_rows, orient="index")
    statistics.index.name = "series"
    return CalibrationResult(
        params=dict(zip(names, (float(v) for v in x), strict=True)),
        initial=start,
        statistics=statistics,
        fitted=fitted.reset_index(drop=True),
        success=bool(res.success),
        message=str(res.message),
        nfev=int(res.nfev),
        cost=float(res.cost),
        base=base,
    )


def scenario_toml(
    values: Mapping[str, float],
    model: Any,
    *,
    name: str = "calibrated",
    description: str = "",
) -> str:
    """TOML text of a scenario setting *values*, split into [policy] and [assumptions]."""
    policy = {k: v for k, v in values.items() if model.parameters[k].group == "policy"}
    assumptions = {k: v for k, v in values.items() if k not in policy}
    lines = [f"name = {_toml_str(name)}"]
    if description:
        lines.append(f"description = {_toml_str(description)}")
    if getattr(model, "name", None):
        lines.append(f"model = {_toml_str(model.name)}")
    for section, table in (("policy", policy), ("assumptions", assumptions)):
        if table:
            lines += ["", f"[{section}]"]
            lines += [f"{k} = {float(v)!r}" for k, v in table.items()]
    return "\n".join(lines) + "\n"


def _toml_str(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def write_scenario(
    result: CalibrationResult,
    model: Any,
    path: str | Path,
    *,
    name: str | None = None,
    description: str | None = None,
    force: bool = False,
) -> Path:
    """Write the calibrated parameter set as a scenario TOML (checked by the scenario parser)."""
    from ..io.atomic import atomic_write_text as write_text
    from ..scenarios import parse_scenario

    path = Path(path)
    desc = description or (
        f"Calibrated {', '.join(result.params)} to {len(result.fitted)} reference points "
        f"({', '.join(result.statistics.index)})."
    )
    text = scenario_toml(result.overrides(), model, name=name or path.stem, description=desc)
    parse_scenario(text, model, origin=str(path))  # refuse to write what cannot be loaded
    return write_text(path, text, force)


def plot_calibration(
    result: CalibrationResult,
    model: Any,
    path: str | Path,
    *,
    title: str = "",
    force: bool = False,
) -> Path:
    """A PNG of the calibrated (and initial) runs against the reference points."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from ..io.atomic import atomic_output as atomic_path

    series = list(result.statistics.index)
    fit = model.run({**result.overrides()}, variables=series)
    start = model.run({**result.base, **result.initial}, variables=series)
    k = len(series)
    cols = min(2, k)
    rows = -(-k // cols)
    fig, axes = plt.subplots(rows, cols, figsize=(5 * cols, 3.2 * rows), squeeze=False)
    for ax, s in zip(axes.flat, series, strict=False):
        pts = result.fitted[result.fitted["name"] == s]
        ax.plot(start.index, start[s], color="0.6", ls="--", lw=1, label="before")
        ax.plot(fit.index, fit[s], color="C0", lw=1.5, label="calibrated")
        ax.scatter(pts["year"], pts["observed"], s=10, color="k", zorder=3, label="data")
        st = result.statistics.loc[s]
        ax.set_title(f"{s}  (MAPE {st['mape']:.1f}%)", fontsize=9)
        ax.tick_params(labelsize=8)
    for ax in list(axes.flat)[k:]:
        ax.set_visible(False)
    axes.flat[0].legend(fontsize=7)
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    with atomic_path(path, force) as tmp:
        fig.savefig(tmp, format="png", dpi=110)
    plt.close(fig)
    return Path(path)
