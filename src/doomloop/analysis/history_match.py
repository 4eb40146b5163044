"""History matching: an ensemble conditioned on the observed record.

Observed history is data, not a random variable: a member of an ensemble whose run contradicts
the record is not a possible world. Following Craig et al. (1997) and Vernon, Goldstein and
Bower (2010), an observation ``z`` of a series rules a member ``x`` out when its implausibility

    I(x) = |d(f(x), z)| / sqrt(e_obs**2 + e_md**2)

reaches the cutoff (3, Pukelsheim's three-sigma rule: at least 95% of any unimodal
distribution lies within three standard deviations of its mean). ``d`` is the series' own
comparison, the one behaviour reproduction uses (its ``checks.toml`` rule): the difference for
an ``mae`` series (kept in orders of magnitude), the log10 ratio otherwise. ``e_obs`` is the
observation error and ``e_md`` the model discrepancy (how closely the model's structure can
follow the series at its best inputs), both declared in the profile (``[history_match]``) with
their reasons, not read from the model's own fit: a tolerance set by the baseline's misfit
would let a series the model misses by far constrain nothing, and would pass the baseline by
construction. A member is kept when no observation reaches the cutoff. The run with every
parameter at its value (the best-input run) is judged the same way
(:meth:`Record.baseline_implausibility`): where it is ruled out, the model contradicts the
record by more than the declared errors allow, and the match says so.

The record of a model folder is its reference files (``history.csv``, ``history_ai.csv``;
:func:`doomloop.check.history_record`) less the series the profile leaves out of fits (UN
WPP's population, which is data the ensemble does not vary before its projection starts).
:func:`match_history` draws the prior in waves until it keeps the members asked for or has
spent its draws; every drawn member stays in the result, with its implausibility per series,
so that the match can be repeated at other tolerances (:func:`kept`). The record is of the
world as it was: members are matched without a scenario's policies and then run under them
(:func:`conditioned_ensemble`).

References
----------
Craig, P. S., Goldstein, M., Seheult, A. H. and Smith, J. A. (1997). Pressure matching for
hydrocarbon reservoirs: a case study in the use of Bayes linear strategies for large computer
experiments. *Case Studies in Bayesian Statistics* III, 37-93. Springer.

Vernon, I., Goldstein, M. and Bower, R. G. (2010). Galaxy formation: a Bayesian uncertainty
analysis. *Bayesian Analysis* 5(4), 619-669. doi:10.1214/10-BA524

Pukelsheim, F. (1994). The three sigma rule. *The American Statistician* 48(2), 88-91.
doi:10.1080/00031305.1994.10476030
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import xarray as xr

from ..errors import DataError, ParameterError, ProfileError
from .montecarlo import _base_overrides, _default_variables, monte_carlo

#: The most members :func:`match_history` draws by default (about 3 GB of a Japan ensemble).
MAX_DRAWS = 200_000
#: The columns of :attr:`Record.table`, one row per observation.
RECORD_COLUMNS = (
    "series",
    "year",
    "value",
    "log",
    "discrepancy",
    "observation_error",
    "sigma",
    "baseline_misfit",
)


@dataclass(frozen=True)
class Record:
    """The observations a history match reads, with the tolerance of each."""

    table: pd.DataFrame  # RECORD_COLUMNS
    cutoff: float

    @property
    def series(self) -> list[str]:
        return list(dict.fromkeys(self.table["series"]))

    def baseline_implausibility(self) -> pd.Series:
        """Per series, the largest implausibility of the run with every parameter at its value
        (the best-input run): 3 or more says the model, as it stands, contradicts the record
        by more than the declared errors allow."""
        i = self.table["baseline_misfit"].abs() / self.table["sigma"]
        return i.groupby(self.table["series"], sort=False).max()

    def ruled_out_baseline(self) -> list[str]:
        """The series whose record rules out the best-input run itself."""
        i = self.baseline_implausibility()
        return list(i.index[i >= self.cutoff])


def _residual(sim: np.ndarray, obs: float, log: bool) -> np.ndarray:
    if not log:
        return sim - obs
    with np.errstate(divide="ignore", invalid="ignore"):
        r = np.log10(sim / obs)
    return np.where(np.isfinite(r), r, np.inf)  # a run at or below 0 cannot match a count


def _at(values: np.ndarray, times: np.ndarray, year: float) -> np.ndarray:
    """Linear interpolation of ``values`` (..., time) at ``year``."""
    k = int(np.clip(np.searchsorted(times, year), 1, len(times) - 1))
    w = (year - times[k - 1]) / (times[k] - times[k - 1])
    return values[..., k - 1] * (1 - w) + values[..., k] * w


def record(model: Any, series: Sequence[Any], linear: Collection[str] = ()) -> Record | None:
    """The record of *model* with each series' tolerance, or None for no series.

    *series* are the observed series (each with ``variable``, ``years`` and ``values``;
    :func:`doomloop.check.history_record` reads a model folder's), *linear* the variables
    compared by difference (the rest by log10 ratio). Series the profile leaves out of fits,
    and those its ``[history_match]`` excludes, are dropped.
    """
    profile = model.profile
    hm = profile.history_match
    _check_named_series(model)
    left_out = {*profile.calibration.fit_without, *hm.exclude}
    series = [s for s in series if s.variable not in left_out]
    if not series:
        return None
    base = model.run(variables=[s.variable for s in series])
    times = base.index.to_numpy(dtype=float)
    rows = []
    for s in series:
        log = s.variable not in linear
        if log and min(s.values) <= 0:
            raise DataError(
                f"the record of '{s.variable}' holds a value of 0 or less, which a log10 ratio "
                "cannot compare; fix the value, or compare the series by difference (an 'mae' "
                "rule in checks.toml)"
            )
        if not log and s.variable not in hm.observation_errors:
            raise ProfileError(
                f"model '{model.name}': '{s.variable}' is compared by difference (an 'mae' rule "
                "in checks.toml), in its own units, but its profile gives it no observation "
                "error of its own ([history_match.observation_errors]); the default is a log10 "
                "ratio's. Declare one, with its reason"
            )
        run = base[s.variable].to_numpy()
        pairs = list(zip(s.years, s.values, strict=True))
        r = np.array([_residual(_at(run, times, y), z, log) for y, z in pairs])
        if not np.isfinite(r).all():
            raise DataError(
                f"the baseline run gives '{s.variable}' no finite value to compare with its "
                "record (0 or less, or not a number), so its tolerance cannot be set; fix the "
                "model, or leave the series out ([history_match] exclude in the profile)"
            )
        e_obs, md = hm.sigma_parts(s.variable)
        sigma = float(np.hypot(md, e_obs))
        rows += [
            (s.variable, y, z, log, md, e_obs, sigma, float(m))
            for (y, z), m in zip(pairs, r, strict=True)
        ]
    return Record(pd.DataFrame(rows, columns=list(RECORD_COLUMNS)), hm.cutoff)


def _check_named_series(model: Any) -> None:
    """Refuse a per-series error that names no variable of *model*: a key meant for
    ``[history_match]`` written after one of its subtables lands in that subtable, and would
    otherwise be read, silently, as a series."""
    hm = model.profile.history_match
    have = set(model.variable_names)
    for table, named in (
        ("observation_errors", hm.observation_errors),
        ("model_discrepancies", hm.model_discrepancies),
    ):
        unknown = sorted(set(named) - have)
        if unknown:
            raise ProfileError(
                f"model '{model.name}': [history_match.{table}] in its profile names "
                f"{', '.join(repr(u) for u in unknown)}, no variable of the model; name a "
                "series of its record there, and write a setting of [history_match] itself "
                "(cutoff, observation_error, model_discrepancy) before its subtables"
            )


def implausibility_of(
    runs: Mapping[str, np.ndarray], times: np.ndarray, rec: Record, failed: np.ndarray | None = None
) -> np.ndarray:
    """Each member's largest implausibility per series of the record, ``(member, series)``,
    from ``runs[series]`` (member, time) at *times*; a member that *failed*, or lacks a
    value, is infinitely implausible."""
    times = np.asarray(times, dtype=float)
    first = np.asarray(runs[rec.series[0]])
    out = np.zeros((first.shape[0], len(rec.series)))
    for j, name in enumerate(rec.series):
        part = rec.table[rec.table["series"] == name]
        values = np.asarray(runs[name], dtype=float)
        for row in part.itertuples():
            i = np.abs(_residual(_at(values, times, row.year), row.value, row.log)) / row.sigma
            out[:, j] = np.fmax(out[:, j], np.where(np.isnan(i), np.inf, i))
    if failed is not None:
        out[np.asarray(failed, dtype=bool)] = np.inf
    return out


def implausibility(ds: xr.Dataset, rec: Record) -> xr.DataArray:
    """:func:`implausibility_of` the members of an ensemble Dataset, ``(member, series)``."""
    failed = np.asarray(ds["status"]) != "ok" if "status" in ds else None
    out = implausibility_of({n: ds[n].values for n in rec.series}, ds["time"].values, rec, failed)
    return xr.DataArray(
        out, dims=("member", "series"), coords={"member": ds["member"], "series": rec.series}
    )


def with_implausibility(ds: xr.Dataset, rec: Record) -> xr.Dataset:
    """*ds* with each member's ``implausibility (member, series)`` and the match's attrs."""
    out = ds.assign(implausibility=implausibility(ds, rec))
    n_kept = int((out["implausibility"].max("series").values < rec.cutoff).sum())
    out.attrs.update(cutoff=rec.cutoff, drawn=int(ds.sizes["member"]), kept=n_kept)
    return out


def variables_for(model: Any, rec: Record, variables: Sequence[str] | None = None) -> list[str]:
    """The outputs to keep (*variables*, or the model's default ones) and the record's series."""
    return list(dict.fromkeys([*_default_variables(model, variables), *rec.series]))


def kept(ds: xr.Dataset, tolerance: float = 1.0) -> np.ndarray:
    """Which members of a matched ensemble (:func:`match_history`) are kept when every
    observation's tolerance is multiplied by *tolerance*."""
    worst = ds["implausibility"].max("series").values / tolerance
    return worst < float(ds.attrs["cutoff"])


def wave_seed(seed: int, i: int) -> int:
    """The seed of wave *i* of a match drawn with *seed*: *seed* itself for the first wave (so
    it is the unmatched ensemble of that seed), then one derived from (*seed*, *i*) by NumPy's
    SeedSequence, so that no wave of one seed is a wave of another (with seed + i, seed 1's
    first wave would be seed 0's second, and two runs meant as independent would share
    members)."""
    if i == 0:
        return seed
    return int(np.random.SeedSequence([seed % 2**64, i]).generate_state(1)[0])


def draw_in_waves(n: int, budget: int, wave: Callable[[int, int, int], int]) -> int:
    """Draw until *n* members agree with the record or *budget* members are drawn: wave
    ``i`` = 0, 1, ... is ``wave(i, size, drawn)``, *size* = min(*n*, what is left of the
    budget), *drawn* the members drawn before it; it draws its members afresh (seed
    :func:`wave_seed`, by both callers: :func:`match_history` and the web page's band) and
    returns how many it kept. Returns the members drawn."""
    drawn = n_kept = i = 0
    while n_kept < n and drawn < budget:
        size = min(n, budget - drawn)
        n_kept += wave(i, size, drawn)
        drawn += size
        i += 1
    return drawn


def match_history(
    model: Any,
    n: int,
    *,
    rec: Record | None,
    max_draws: int | None = None,
    variables: Sequence[str] | None = None,
    seed: int = 0,
    scenario: Any = None,
    progress: Callable[[int, int], None] | None = None,
    **monte_carlo_options: Any,
) -> xr.Dataset:
    """Draw the prior in waves of *n* until *n* members are kept or *max_draws* (default 50
    *n*, at most :data:`MAX_DRAWS` unless *n* is larger: every drawn member is held in memory)
    are spent; return every drawn member, with ``implausibility (member, series)``.

    Wave ``i`` is :func:`~doomloop.analysis.montecarlo.monte_carlo` with seed
    :func:`wave_seed` ``(seed, i)``;
    ``ds.attrs`` hold the ``cutoff``, ``drawn`` and ``kept``. ``progress(drawn, max_draws)``
    follows the draws. The record is of the world as it was, so the members are matched
    without the *scenario*'s policies (only the assumptions it sets apply); run the kept
    members under it with :func:`conditioned_ensemble`. Raises
    :class:`~doomloop.errors.ParameterError` for a model without a record.
    """
    if rec is None:
        raise ParameterError(
            f"model '{getattr(model, 'name', model)}' has no record to match (no history.csv "
            "or history_ai.csv beside it with a series the fit does not leave out); run the "
            "ensemble without matching history"
        )
    budget = max_draws if max_draws is not None else min(50 * n, max(n, MAX_DRAWS))
    wanted = variables_for(model, rec, variables)
    world = world_overrides(model, scenario, monte_carlo_options.pop("params", None))
    waves: list[xr.Dataset] = []

    def run_wave(i: int, size: int, done: int) -> int:
        def step(k: int, _total: int) -> None:
            if progress is not None:
                progress(done + k, budget)

        wave = monte_carlo(
            model,
            size,
            variables=wanted,
            seed=wave_seed(seed, i),
            params=world,
            progress=step,
            **monte_carlo_options,
        )
        wave = with_implausibility(wave.assign_coords(member=np.arange(done, done + size)), rec)
        waves.append(wave)
        return int(wave.attrs["kept"])

    drawn = draw_in_waves(n, budget, run_wave)
    n_kept = sum(int(w.attrs["kept"]) for w in waves)
    if progress is not None:
        progress(budget, budget)
    ds = xr.concat(waves, dim="member", data_vars="minimal", coords="minimal", join="exact")
    ds.attrs.update(waves[0].attrs)
    ds.attrs.update(cutoff=rec.cutoff, drawn=drawn, kept=n_kept, members=drawn)
    ds.attrs["world"] = json.dumps(world)  # the overrides the members were matched with
    ds.attrs["failed"] = int((np.asarray(ds["status"]) != "ok").sum())
    return ds


def _is_policy(model: Any, name: str) -> bool:
    table = model.parameters
    return name in table and table[name].group == "policy"


def world_overrides(
    model: Any, scenario: Any, params: Mapping[str, float] | None = None
) -> dict[str, float]:
    """The overrides of *scenario* and *params* that are not policies: the world as it was,
    in which the record is matched."""
    over = _base_overrides(model, scenario, params)
    return {k: v for k, v in over.items() if not _is_policy(model, k)}


def conditioned_ensemble(
    model: Any,
    ds: xr.Dataset,
    n: int | None = None,
    *,
    tolerance: float = 1.0,
    scenario: Any = None,
    variables: Sequence[str] | None = None,
    **monte_carlo_options: Any,
) -> xr.Dataset:
    """The first *n* kept members of a matched ensemble (all without *n*), run under
    *scenario* where it sets a policy: each member's parameters as drawn, the overrides it was
    matched with, the scenario's settings over them."""
    kept_ds = conditioned(ds, n, tolerance)
    wanted = _default_variables(model, variables)
    policies = [k for k in _base_overrides(model, scenario, None) if _is_policy(model, k)]
    if not policies or not kept_ds.sizes["member"]:  # the record's series only if asked for
        extra = [v for v in kept_ds.data_vars if "time" in kept_ds[v].dims and v not in wanted]
        return kept_ds.drop_vars(extra)
    world = json.loads(ds.attrs.get("world", "{}"))
    out = monte_carlo(
        model,
        kept_ds.sizes["member"],
        draws=kept_ds["params"].to_pandas(),
        variables=wanted,
        scenario=scenario,
        params={**world, **monte_carlo_options.pop("params", {})},
        **monte_carlo_options,
    )
    out.attrs.update({k: ds.attrs[k] for k in ("cutoff", "drawn", "kept")})
    return out


def conditioned(ds: xr.Dataset, n: int | None = None, tolerance: float = 1.0) -> xr.Dataset:
    """The first *n* kept members of a matched ensemble (all kept ones without *n*)."""
    idx = np.flatnonzero(kept(ds, tolerance))[:n]
    out = ds.isel(member=idx)
    out.attrs.update(members=len(idx), failed=0)
    return out


#: Fewer kept members than this give no verdict probabilities in :func:`tolerance_table`.
MIN_MEMBERS = 20


def tolerance_table(
    model: Any,
    ds: xr.Dataset,
    year: float,
    *,
    scenario: Any = None,
    tolerances: Sequence[float] = (0.5, 1.0, 2.0),
    n: int | None = None,
    declared: xr.Dataset | None = None,
    **monte_carlo_options: Any,
) -> pd.DataFrame:
    """How the answer depends on the tolerances: per multiple of every observation's
    tolerance, the members kept and, under *scenario*, the probability of each verdict in
    *year* among the first *n* of them (all without *n*; none with fewer than
    :data:`MIN_MEMBERS`). *declared*: the ensemble of those members at the declared tolerance
    (x1), already run under *scenario* by :func:`conditioned_ensemble`, used as it is."""
    from .montecarlo import verdict_probabilities

    profile = model.profile
    outputs = [o for o in profile.verdict_outputs if o in ds]
    rows = {}
    for tol in tolerances:
        n_kept = int(kept(ds, tol).sum())
        row: dict[str, float] = {"kept": n_kept, "drawn": ds.attrs["drawn"]}
        row.update(dict.fromkeys(outputs, np.nan))
        if n_kept >= MIN_MEMBERS and outputs:
            if declared is not None and tol == 1.0 and all(o in declared for o in outputs):
                sub = declared
            else:
                sub = conditioned_ensemble(
                    model,
                    ds,
                    n,
                    tolerance=tol,
                    scenario=scenario,
                    variables=outputs,
                    **monte_carlo_options,
                )
            p = verdict_probabilities(sub, outputs, profile.threshold)
            if year in p.index:
                row.update(p.loc[year].to_dict())
        rows[f"x{tol:g}"] = row
    return pd.DataFrame(rows).T.rename_axis("tolerance")


def parameter_table(ds: xr.Dataset, tolerance: float = 1.0) -> pd.DataFrame:
    """Which inputs the record informs: per drawn parameter, the two-sample Kolmogorov-Smirnov
    statistic between the members drawn and those kept (the largest gap between their
    cumulative distributions, 0 when the record says nothing of it) with its p-value, and
    both medians; the most narrowed first. Failed members are left out of both."""
    from scipy import stats

    ok = np.asarray(ds["status"]) == "ok" if "status" in ds else np.ones(ds.sizes["member"], bool)
    keep = kept(ds, tolerance) & ok
    x = ds["params"].to_pandas()
    rows = []
    for name in x.columns:
        drawn, kept_values = x[name].to_numpy()[ok], x[name].to_numpy()[keep]
        if not len(kept_values):
            continue
        test = stats.ks_2samp(drawn, kept_values)
        rows.append(
            {
                "parameter": name,
                "KS statistic": float(test.statistic),
                "p-value": float(test.pvalue),
                "median drawn": float(np.median(drawn)),
                "median kept": float(np.median(kept_values)),
            }
        )
    if not rows:
        return pd.DataFrame(columns=["KS statistic", "p-value", "median drawn", "median kept"])
    out = pd.DataFrame(rows).set_index("parameter")
    return out.sort_values("KS statistic", ascending=False)


def series_table(ds: xr.Dataset, rec: Record) -> pd.DataFrame:
    """Per series: its observations and years, tolerance, the best-input run's RMS misfit
    (``Record.table``'s ``baseline_misfit`` is signed, simulated less observed, per observation)
    and implausibility, and the shares of drawn members it rules out (with other series or
    without) and it alone rules out."""
    out_by = ds["implausibility"].values >= rec.cutoff  # (member, series)
    base = rec.baseline_implausibility()
    others = out_by.sum(axis=1)
    rows = []
    for j, name in enumerate(rec.series):
        part = rec.table[rec.table["series"] == name]
        rows.append(
            {
                "series": name,
                "observations": len(part),
                "years": f"{part['year'].min():g}-{part['year'].max():g}",
                "compared as": "log10 ratio" if part["log"].iloc[0] else "difference",
                "discrepancy": part["discrepancy"].iloc[0],
                "observation error": part["observation_error"].iloc[0],
                "sigma": part["sigma"].iloc[0],
                "baseline RMS misfit": float(np.sqrt(np.mean(np.square(part["baseline_misfit"])))),
                "baseline implausibility": float(base[name]),
                "rules out": float(out_by[:, j].mean()),
                "alone rules out": float((out_by[:, j] & (others == 1)).mean()),
            }
        )
    return pd.DataFrame(rows).set_index("series")


def plot_history_match(
    ds: xr.Dataset, rec: Record, path: str | Path, *, title: str = "", force: bool = False
) -> Path:
    """A PNG with one panel per observed series: the 5-95% band of every drawn member (the
    prior) and of the kept ones, and the observations with their 3-sigma tolerance."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from ..io.atomic import atomic_output

    names = rec.series
    cols = min(3, len(names))
    rows = -(-len(names) // cols)
    fig, axes = plt.subplots(rows, cols, figsize=(4.2 * cols, 3.0 * rows), squeeze=False)
    t = ds["time"].values.astype(float)
    keep = kept(ds)
    ok = np.asarray(ds["status"]) == "ok"
    for ax, name in zip(axes.flat, names, strict=False):
        part = rec.table[rec.table["series"] == name]
        lo, hi = part["year"].min() - 4, part["year"].max() + 4
        window = (t >= lo) & (t <= hi)
        values = np.asarray(ds[name].values, dtype=float)[:, window]
        for members, colour, label in ((ok, "0.75", "prior 5-95%"), (keep, "C0", "kept 5-95%")):
            if members.any():
                band = np.nanpercentile(values[members], [5, 95], axis=0)
                ax.fill_between(t[window], *band, color=colour, alpha=0.5, label=label)
        y, z, sigma = part["year"], part["value"], rec.cutoff * part["sigma"]
        if part["log"].iloc[0]:
            ax.set_yscale("log")
            err = [z - z / 10**sigma, z * 10**sigma - z]
        else:
            err = sigma
        ax.errorbar(y, z, yerr=err, fmt="o", color="k", ms=3, lw=0.8, label="record, 3 sigma")
        ax.set_title(name, fontsize=9)
        ax.tick_params(labelsize=8)
    for ax in list(axes.flat)[len(names) :]:
        ax.set_visible(False)
    axes.flat[0].legend(fontsize=7)
    fig.suptitle(
        title or f"{int(keep.sum())} of {ds.attrs['drawn']} drawn members agree with the record"
    )
    fig.tight_layout()
    with atomic_output(path, force) as tmp:
        fig.savefig(tmp, format="png", dpi=110)
    plt.close(fig)
    return Path(path)
