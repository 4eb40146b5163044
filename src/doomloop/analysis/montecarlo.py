"""Monte Carlo uncertainty: ensembles over every uncertain parameter, bands and verdicts.

:func:`monte_carlo` draws the uncertain parameters (see :mod:`.sampling`), runs them through
:func:`~doomloop.analysis.evaluate.evaluate` and returns an :class:`xarray.Dataset` with one
``(member, time)`` array per requested variable, the drawn parameters, and a per-member
``status`` (a :class:`~doomloop.runner.Status` label: ``"ok"``, ``"nonfinite"``, ...) and
``error``. :func:`stream_monte_carlo` does the same for
ensembles larger than memory, writing chunk by chunk to Parquet or Zarr.

:func:`percentile_bands` and :func:`verdict_probabilities` summarise an ensemble; failed
members are left out of both (their count is in ``ds.attrs["failed"]``).

References
----------
Sterman, J. D. (2000). Business Dynamics, ch. 21 (sensitivity and Monte Carlo analysis of
system-dynamics models). McGraw-Hill. ISBN 978-0-07-231135-8.
"""

from __future__ import annotations

import json
import os
import shutil
from collections import deque
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import xarray as xr

from ..errors import OutputExistsError, ParameterError
from ..executors import Executor, ProgressCallback
from ..parameters import Parameter
from ..runner import Runs, Status
from .arrays import ELEMENT, Arrayed, arrayed, stack_elements
from .evaluate import Backend, default_times, evaluate_iter
from .sampling import Correlation, sample, sample_blocks

PERCENTILES = (5, 25, 50, 75, 95)


def uncertain_parameters(
    model: Any,
    names: Sequence[str] | None = None,
    *,
    exclude: Sequence[str] = (),
    include_policy: bool = True,
) -> list[Parameter]:
    """The parameters to draw: *names*, or every uncertain one (optionally not policies).

    Refuses to return none: an ensemble or a sensitivity study over no uncertain parameter
    would run the same model *n* times and report it as a result.
    """
    if names is not None:
        plist = [model.parameters[n] for n in names]
    else:
        skip = set(exclude)
        plist = [
            p
            for p in model.parameters.uncertain
            if p.name not in skip and (include_policy or p.group != "policy")
        ]
    if not plist:
        raise ParameterError(
            f"model '{getattr(model, 'name', model)}' has no uncertain parameter to vary "
            "(no constant has a range low < high, or all are fixed by the scenario): give "
            "ranges in a parameters.csv beside the model file (columns name, value, units, "
            "low, high, lower_bound, upper_bound, group, sector, distribution, source, note), "
            "or name the parameters to vary"
        )
    return plist


def _base_overrides(
    model: Any, scenario: Any = None, params: Mapping[str, float] | None = None
) -> dict[str, float]:
    if isinstance(model, (str, Path)) or not hasattr(model, "resolve_params"):
        return dict(params or {})
    return model.resolve_params(params, scenario)


def monte_carlo(
    model: Any,
    n: int,
    *,
    variables: Sequence[str] | None = None,
    times: Sequence[float] | None = None,
    seed: int = 0,
    scenario: Any = None,
    params: Mapping[str, float] | None = None,
    uncertain: Sequence[str] | None = None,
    correlation: Correlation | None = None,
    sampling: str = "lhs",
    executor: Executor | None = None,
    backend: str | Backend = "auto",
    chunk_size: int | None = None,
    progress: ProgressCallback | None = None,
    draws: pd.DataFrame | None = None,
) -> xr.Dataset:
    """Run an *n*-member ensemble over the uncertain parameters of *model*.

    Parameters
    ----------
    model
        A :class:`doomloop.Model` or :class:`~doomloop.analysis.evaluate.FunctionModel`.
    n
        Ensemble members.
    variables
        Outputs to keep (default: the model's key outputs, or all of a small model's).
    times
        Times to keep (default: each whole year).
    seed
        Seed of the draws; the same seed gives the same ensemble on any executor.
    scenario, params
        Fixed overrides for every member (a scenario, then *params*). A parameter the
        scenario or *params* sets is not drawn.
    uncertain
        Names of the parameters to draw (default: ``model.parameters.uncertain``).
    correlation
        Rank correlations ``{(a, b): rho}`` induced by Iman–Conover.
    sampling
        ``"lhs"`` or ``"random"``.
    executor, backend, chunk_size, progress
        Passed to :func:`~doomloop.analysis.evaluate.evaluate`.
    draws
        Members already drawn (one row each, one column per parameter; for example the
        members of an ensemble that agree with history,
        :func:`~doomloop.analysis.history_match.conditioned`): run these, *n* of them, instead
        of drawing; a column the scenario or *params* sets gives way to it.

    Returns
    -------
    xarray.Dataset
        Variables ``(member, time)`` (an arrayed one ``(member, <its dimension>, time)``),
        ``params (member, parameter)``, ``status`` and ``error`` per member; attrs hold the
        seed, model and number of failed members.
    """
    base = _base_overrides(model, scenario, params)
    if draws is None:
        plist = uncertain_parameters(model, uncertain, exclude=list(base))
        names = [p.name for p in plist]
        matrix = sample(plist, n, seed, correlation=correlation, method=sampling)
    else:
        names = [str(c) for c in draws.columns if c not in base]
        matrix = draws[names].to_numpy(dtype=float)[:n]
        n = len(matrix)
    vars_ = _default_variables(model, variables)
    t = default_times(model) if times is None else np.asarray(times, dtype=float)
    out = Runs.empty(n, vars_, t, Status.OK)
    for start, runs in evaluate_iter(
        model,
        matrix,
        names,
        vars_,
        t,
        base=base,
        executor=executor,
        backend=backend,
        chunk_size=chunk_size,
        progress=progress,
    ):
        k = len(runs)
        out.values[start : start + k] = runs.values
        out.status[start : start + k] = runs.status
        out.errors[start : start + k] = runs.errors
    return ensemble_dataset(
        out,
        matrix,
        names,
        var_attrs=variable_attrs(model, out.variables),
        dims_of=getattr(model, "array_dimensions", None),
        attrs={
            "model": getattr(model, "name", ""),
            "seed": seed,
            "sampling": sampling,
            "scenario": _scenario_name(scenario),
        },
    )


def _scenario_name(scenario: Any) -> str:
    if scenario is None:
        return "baseline"
    return str(getattr(scenario, "name", scenario))


def _default_variables(model: Any, variables: Sequence[str] | None) -> list[str]:
    if variables is not None:
        return list(variables)
    outs = list(getattr(model, "outputs", ()) or ())
    if outs:
        return outs
    names = list(model.variable_names)
    params = set(model.parameters)
    return [v for v in names if v not in params] or names


def variable_attrs(model: Any, variables: Sequence[str]) -> dict[str, dict[str, str]]:
    """``{variable: {"units", "long_name"}}`` for a Dataset (CF names), where the model says."""
    describe = getattr(model, "describe", None)
    if describe is None:
        return {}
    return {v: {"units": u, "long_name": ln} for v, (u, ln) in describe(variables).items()}


def ensemble_dataset(
    runs: Runs,
    matrix: np.ndarray,
    names: Sequence[str],
    *,
    first_member: int = 0,
    attrs: Mapping[str, Any] | None = None,
    var_attrs: Mapping[str, Mapping[str, str]] | None = None,
    dims_of: Mapping[str, str] | None = None,
) -> xr.Dataset:
    """Pack evaluate's runs as an ensemble Dataset (see :func:`monte_carlo`); *var_attrs*
    gives each variable's units and long name; an arrayed variable's elements
    (``name[element]``) become one variable along its dimension (*dims_of* names it:
    :func:`doomloop.analysis.arrays.stack_elements`)."""
    n = len(runs)
    data: dict[str, Any] = {
        v: (("member", "time"), runs.values[:, i, :]) for i, v in enumerate(runs.variables)
    }
    data["params"] = (("member", "parameter"), np.asarray(matrix, dtype=float))
    data["status"] = (("member",), runs.labels)
    data["error"] = (("member",), np.asarray(runs.errors, dtype=str))
    ds = xr.Dataset(
        data,
        coords={
            "member": np.arange(first_member, first_member + n),
            "time": np.asarray(runs.times, dtype=float),
            "parameter": list(names),
        },
        attrs=dict(attrs or {}),
    )
    ds.attrs["failed"] = int((~runs.ok).sum())
    ds.attrs["members"] = int(n)
    for v, a in (var_attrs or {}).items():
        if v in ds:
            ds[v].attrs.update(a)
    return stack_elements(ds, dims_of)


def ok_members(ds: xr.Dataset) -> xr.Dataset:
    """The members that ran."""
    if "status" not in ds:
        return ds
    return ds.isel(member=np.flatnonzero(np.asarray(ds["status"]) == "ok"))


def percentile_bands(
    ds: xr.Dataset,
    percentiles: Sequence[float] = PERCENTILES,
    variables: Sequence[str] | None = None,
) -> xr.Dataset:
    """Percentiles across members, per variable and time (failed members left out).

    Returns a Dataset with dims ``(percentile, time)``.
    """
    good = ok_members(ds)
    vars_ = list(variables) if variables is not None else _member_time_vars(ds)
    q = np.asarray(percentiles, dtype=float)
    out = {}
    for v in vars_:
        arr = np.asarray(good[v].values, dtype=float)
        if arr.shape[0] == 0:
            band = np.full((len(q), arr.shape[1]), np.nan)
        else:
            band = np.nanpercentile(arr, q, axis=0)
        out[v] = xr.Variable(("percentile", "time"), band, attrs=dict(ds[v].attrs))
    return xr.Dataset(out, coords={"percentile": q, "time": ds["time"].values})


def _member_time_vars(ds: xr.Dataset) -> list[str]:
    return [str(k) for k, v in ds.data_vars.items() if v.dims == ("member", "time")]


def bands_frame(bands: xr.Dataset) -> pd.DataFrame:
    """Bands as a tidy table: variable, time, p5, p25, ... (for CSV)."""
    frames = []
    for v in bands.data_vars:
        df = pd.DataFrame(
            bands[v].values.T,
            index=pd.Index(bands["time"].values, name="time"),
            columns=[f"p{p:g}" for p in bands["percentile"].values],
        )
        df = df.reset_index()
        df.insert(0, "variable", str(v))
        frames.append(df)
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def verdict_probabilities(
    ds: xr.Dataset,
    outputs: Sequence[str],
    threshold: float | Mapping[str, float],
) -> pd.DataFrame:
    """Probability (share of members that ran) that each verdict is "achieved", by time.

    A verdict is achieved when the output is at or above its *threshold* (a model's are
    ``model.profile.verdict_outputs`` and ``model.profile.threshold``). Outputs the
    ensemble lacks are skipped.
    """
    good = ok_members(ds)
    cols = {}
    for o in outputs:
        if o not in good:
            continue
        th = threshold[o] if isinstance(threshold, Mapping) else threshold
        arr = np.asarray(good[o].values, dtype=float)
        cols[o] = (arr >= th).mean(axis=0) if arr.shape[0] else np.full(arr.shape[1], np.nan)
    return pd.DataFrame(cols, index=pd.Index(ds["time"].values, name="time"))


def plot_bands(
    bands: xr.Dataset,
    path: str | Path,
    variables: Sequence[str] | None = None,
    *,
    title: str = "",
    force: bool = False,
) -> Path:
    """A PNG of 5-25-50-75-95% bands, one panel per variable (written atomically)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from ..io.atomic import atomic_output as atomic_path

    vars_ = list(variables) if variables is not None else [str(v) for v in bands.data_vars]
    k = len(vars_)
    cols = min(3, k) or 1
    rows = -(-k // cols) or 1
    fig, axes = plt.subplots(rows, cols, figsize=(4.2 * cols, 3.0 * rows), squeeze=False)
    pct = list(bands["percentile"].values)
    t = bands["time"].values
    for ax, v in zip(axes.flat, vars_, strict=False):
        b = bands[v].values
        lo_o, hi_o = _nearest(pct, 5), _nearest(pct, 95)
        lo_i, hi_i = _nearest(pct, 25), _nearest(pct, 75)
        med = _nearest(pct, 50)
        ax.fill_between(t, b[lo_o], b[hi_o], alpha=0.2, color="C0", label="5-95%")
        ax.fill_between(t, b[lo_i], b[hi_i], alpha=0.4, color="C0", label="25-75%")
        ax.plot(t, b[med], color="C0", lw=1.5, label="median")
        ax.set_title(v, fontsize=9)
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


def _nearest(pct: list[float], p: float) -> int:
    return int(np.argmin([abs(x - p) for x in pct]))


# -- ensembles larger than memory -------------------------------------------------------------


def stream_monte_carlo(
    model: Any,
    n: int,
    path: str | Path,
    *,
    variables: Sequence[str] | None = None,
    times: Sequence[float] | None = None,
    seed: int = 0,
    scenario: Any = None,
    params: Mapping[str, float] | None = None,
    uncertain: Sequence[str] | None = None,
    correlation: Correlation | None = None,
    sampling: str = "lhs",
    executor: Executor | None = None,
    backend: str | Backend = "auto",
    chunk_size: int = 256,
    progress: ProgressCallback | None = None,
    fmt: str | None = None,
    force: bool = False,
) -> Path:
    """Run a Monte Carlo ensemble and write it chunk by chunk to Parquet or Zarr.

    Memory stays bounded by ``chunk_size x len(variables) x len(times)`` per chunk in flight
    (plus one sampling block of parameters), whatever *n*. Only *variables* at *times* are
    kept. Members are drawn exactly as :func:`monte_carlo` draws them, so the file holds the
    same numbers as the in-memory ensemble with the same seed.

    The format follows *fmt* or the suffix: ``.parquet`` (a long table ``member, time,
    status, error, <variables>``) or ``.zarr`` (read back with :func:`open_ensemble`).
    Returns the path.
    """
    path = Path(path)
    if path.exists() and not force:
        raise OutputExistsError(f"{path} exists; remove it or pass force=True (--force)")
    kind = (fmt or path.suffix.lstrip(".")).lower()
    if kind not in ("parquet", "zarr"):
        raise ValueError(f"{path}: stream to a .parquet or .zarr path (or pass fmt=)")
    base = _base_overrides(model, scenario, params)
    plist = uncertain_parameters(model, uncertain, exclude=list(base))
    names = [p.name for p in plist]
    vars_ = _default_variables(model, variables)
    t = default_times(model) if times is None else np.asarray(times, dtype=float)
    blocks = sample_blocks(plist, n, seed, correlation=correlation, method=sampling)
    kept: deque[tuple[int, np.ndarray]] = deque()  # (first member, block) not yet written
    drawn = [0]

    def tap(bs: Iterator[np.ndarray]) -> Iterator[np.ndarray]:
        for b in bs:
            kept.append((drawn[0], b))
            drawn[0] += b.shape[0]
            yield b

    chunks = evaluate_iter(
        model,
        tap(blocks),  # type: ignore[arg-type]
        names,
        vars_,
        t,
        base=base,
        executor=executor,
        backend=backend,
        chunk_size=chunk_size,
        progress=_with_total(progress, n),
    )

    def params_of(start: int, k: int) -> np.ndarray:
        """Parameters of members start..start+k; drops blocks that are fully written."""
        parts = [
            b[max(0, start - a) : max(0, start + k - a)]
            for a, b in kept
            if a < start + k and a + b.shape[0] > start
        ]
        while kept and kept[0][0] + kept[0][1].shape[0] <= start + k:
            kept.popleft()
        return np.vstack(parts) if parts else np.zeros((k, len(names)))

    attrs: dict[str, Any] = {
        "model": getattr(model, "name", ""),
        "seed": seed,
        "sampling": sampling,
        "scenario": _scenario_name(scenario),
        "members": n,
    }
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    if tmp.exists():
        shutil.rmtree(tmp) if tmp.is_dir() else tmp.unlink()
    try:
        dims_of = getattr(model, "array_dimensions", None)
        split = arrayed(vars_, dims_of)
        attrs["arrays"] = {g.name: g.to_json() for g in split[1]}
        if kind == "parquet":
            _write_parquet(tmp, chunks, params_of, names, vars_, t, attrs)
        else:
            _write_zarr(
                tmp,
                n,
                chunks,
                params_of,
                names,
                vars_,
                split,
                t,
                attrs,
                chunk_size,
                variable_attrs(model, vars_),
            )
        if path.exists():
            shutil.rmtree(path) if path.is_dir() else path.unlink()
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp) if tmp.is_dir() else tmp.unlink()
    return path


def _with_total(progress: ProgressCallback | None, n: int) -> ProgressCallback | None:
    if progress is None:
        return None
    return lambda done, _total: progress(done, n)


def _write_parquet(
    path: Path,
    chunks: Iterator[tuple[int, Runs]],
    params_of: Any,
    names: Sequence[str],
    variables: Sequence[str],
    times: np.ndarray,
    attrs: Mapping[str, Any],
) -> None:
    from ..optional import require

    require("pyarrow", "streaming an ensemble to Parquet")
    import pyarrow as pa
    import pyarrow.parquet as pq

    fields = [
        pa.field("member", pa.int64()),
        pa.field("time", pa.float64()),
        pa.field("status", pa.string()),
        pa.field("error", pa.string()),
    ]
    fields += [pa.field(v, pa.float64()) for v in variables]
    fields += [pa.field(f"param:{k}", pa.float64()) for k in names]
    meta = {b"doomloop": json.dumps(dict(attrs)).encode()}
    schema = pa.schema(fields, metadata=meta)
    nt = len(times)
    with pq.ParquetWriter(path, schema) as writer:
        for start, runs in chunks:
            vals = runs.values
            k = vals.shape[0]
            p = params_of(start, k)
            cols: dict[str, Any] = {
                "member": np.repeat(np.arange(start, start + k), nt),
                "time": np.tile(times, k),
                "status": np.repeat(runs.labels, nt),
                "error": np.repeat(np.asarray(runs.errors, dtype=str), nt),
            }
            for i, v in enumerate(variables):
                cols[v] = vals[:, i, :].reshape(-1)
            for j, name in enumerate(names):
                cols[f"param:{name}"] = np.repeat(p[:, j], nt)
            writer.write_table(pa.table(cols, schema=schema))


def _write_zarr(
    path: Path,
    n: int,
    chunks: Iterator[tuple[int, Runs]],
    params_of: Any,
    names: Sequence[str],
    variables: Sequence[str],
    split: tuple[list[str], list[Arrayed]],
    times: np.ndarray,
    attrs: Mapping[str, Any],
    chunk_size: int,
    var_attrs: Mapping[str, Mapping[str, str]],
) -> None:
    from ..optional import require

    require("zarr", "streaming an ensemble to Zarr")
    import zarr

    # Zarr format 2 with xarray's _ARRAY_DIMENSIONS and consolidated metadata: the store is
    # a Dataset to xarray.open_zarr (and to other Zarr readers) as well as to open_ensemble.
    root = zarr.open_group(str(path), mode="w", zarr_format=2)

    def array(name: str, dims: tuple[str, ...], **kwargs: Any) -> Any:
        arr = root.create_array(name, **kwargs)
        arr.attrs["_ARRAY_DIMENSIONS"] = list(dims)
        return arr

    nt = len(times)
    scalars, groups = split  # the scalars and arrayed variables of *variables*
    arrays = {
        v: array(
            v,
            ("member", "time"),
            shape=(n, nt),
            chunks=(chunk_size, nt),
            dtype="f8",
            fill_value=np.nan,
        )
        for v in scalars
    }
    for g in groups:  # an arrayed variable along its own dimension, with its coordinate
        k = len(g.elements)
        arrays[g.name] = array(
            g.name,
            ("member", g.dim, "time"),
            shape=(n, k, nt),
            chunks=(chunk_size, k, nt),
            dtype="f8",
            fill_value=np.nan,
        )
        array(g.dim, (g.dim,), shape=(k,), dtype=str)[:] = np.asarray(g.elements, dtype=object)
    for v, a in var_attrs.items():
        base = ELEMENT.match(v)
        arrays[base["base"] if base else v].attrs.update(a)
    where = {v: i for i, v in enumerate(variables)}
    status_arr = array(
        "status", ("member",), shape=(n,), chunks=(chunk_size,), dtype="i1", fill_value=-1
    )
    status_arr.attrs.update(  # CF flags, so any reader can name the codes
        flag_values=[int(s) for s in Status], flag_meanings=" ".join(s.label for s in Status)
    )
    k = max(1, len(names))
    par_arr = array(
        "params",
        ("member", "parameter"),
        shape=(n, k),
        chunks=(chunk_size, k),
        dtype="f8",
        fill_value=np.nan,
    )
    array("time", ("time",), shape=(nt,), dtype="f8", fill_value=np.nan)[:] = times
    array("member", ("member",), shape=(n,), dtype="i8", fill_value=-1)[:] = np.arange(n)
    if names:
        array("parameter", ("parameter",), shape=(len(names),), dtype=str)[:] = np.asarray(
            names, dtype=object
        )
    errors: dict[str, str] = {}
    for start, runs in chunks:
        vals = runs.values
        k = vals.shape[0]
        for v in scalars:
            arrays[v][start : start + k] = vals[:, where[v], :]
        for g in groups:
            arrays[g.name][start : start + k] = vals[:, [where[c] for c in g.columns], :]
        status_arr[start : start + k] = runs.status
        p = params_of(start, k)
        if names:
            par_arr[start : start + k] = p
        for j in np.flatnonzero(~runs.ok):
            errors[str(start + int(j))] = runs.errors[int(j)]
    root.attrs.update(
        {**dict(attrs), "variables": list(scalars), "parameters": list(names), "errors": errors}
    )
    zarr.consolidate_metadata(str(path))


def open_ensemble(path: str | Path) -> xr.Dataset:
    """Read back a streamed ensemble (Zarr lazily with Dask, Parquet into memory)."""
    path = Path(path)
    if path.suffix == ".parquet" or path.is_file():
        return _open_parquet(path)
    return _open_zarr(path)


def _open_parquet(path: Path) -> xr.Dataset:
    from ..optional import require

    require("pyarrow", "reading a Parquet ensemble")
    df = pd.read_parquet(path)
    import pyarrow.parquet as pq

    meta = json.loads(pq.read_schema(path).metadata.get(b"doomloop", b"{}"))
    members = np.unique(df["member"].to_numpy())
    times = np.unique(df["time"].to_numpy())
    df = df.sort_values(["member", "time"])
    first = df.groupby("member", sort=True).first()
    variables = [
        c
        for c in df.columns
        if c not in ("member", "time", "status", "error") and not c.startswith("param:")
    ]
    names = [c[6:] for c in df.columns if c.startswith("param:")]
    data: dict[str, Any] = {
        v: (("member", "time"), df[v].to_numpy().reshape(len(members), len(times)))
        for v in variables
    }
    data["params"] = (
        ("member", "parameter"),
        first[[f"param:{k}" for k in names]].to_numpy().reshape(len(members), len(names)),
    )
    data["status"] = (("member",), first["status"].to_numpy().astype(str))
    data["error"] = (("member",), first["error"].to_numpy().astype(str))
    stored = meta.pop("arrays", {})
    ds = xr.Dataset(data, coords={"member": members, "time": times, "parameter": names}, attrs=meta)
    ds.attrs["failed"] = int((ds["status"].values != "ok").sum())
    return stack_elements(ds, {g: a["dim"] for g, a in stored.items()})


def _open_zarr(path: Path) -> xr.Dataset:
    from ..optional import require

    require("zarr", "reading a Zarr ensemble")
    require("dask", "reading a Zarr ensemble lazily")
    import dask.array as da
    import zarr

    root: Any = zarr.open_group(str(path), mode="r")
    attrs: dict[str, Any] = dict(root.attrs)
    variables = attrs.pop("variables")
    names = attrs.pop("parameters")
    errors = attrs.pop("errors", {})
    stored = attrs.pop("arrays", {})
    n = root["status"].shape[0]
    data: dict[str, Any] = {v: (("member", "time"), da.from_zarr(root[v])) for v in variables}
    dims: dict[str, Any] = {}
    for name, a in stored.items():
        data[name] = (("member", a["dim"], "time"), da.from_zarr(root[name]))
        dims[a["dim"]] = list(a["elements"])
    params = da.from_zarr(root["params"])
    data["params"] = (("member", "parameter"), params[:, : len(names)])
    codes = np.asarray(root["status"][:], dtype=int)
    ok = codes == Status.OK
    err = np.array([errors.get(str(i), "") for i in range(n)], dtype=object).astype(str)
    data["status"] = (("member",), np.array([s.label for s in Status])[codes])
    data["error"] = (("member",), err)
    ds = xr.Dataset(
        data,
        coords={
            "member": np.arange(n),
            "time": np.asarray(root["time"][:]),
            "parameter": names,
            **dims,
        },
        attrs=attrs,
    )
    ds.attrs["failed"] = int((~ok).sum())
    return ds
