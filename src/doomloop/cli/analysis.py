"""Analysis commands: uncertainty, sensitivity, calibrate, robustness, search.

A thin shell over :mod:`doomloop.analysis`: parse options, build an executor (connected before
the model loads, so a wrong scheduler fails first), show a progress bar, write results under
``--out`` (default ``./out/<command>``), print a table (or ``--json``).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import typer

from ..errors import DataError
from ..executors import EXECUTORS
from ..io.atomic import output_set
from . import _options
from ._console import err
from ._options import MAX_RUNS, MAX_WORKERS, option
from ._output import JsonOpt, Output

ExecutorOpt = Annotated[
    str,
    option(
        "--executor",
        help="Where runs go: local, pool or dask.",
        callback=_options.choice(EXECUTORS),
    ),
]
WorkersOpt = Annotated[
    int | None,
    option(
        "--workers",
        help="Worker processes (pool, local Dask cluster).",
        callback=_options.between(1, MAX_WORKERS),
    ),
]
SchedulerOpt = Annotated[
    str | None,
    option(
        "--scheduler",
        help="Address of a running Dask scheduler, tcp://host:port.",
        callback=_options.scheduler,
    ),
]
RunsOpt = Annotated[
    int, option("--runs", help="Ensemble members.", callback=_options.between(1, MAX_RUNS))
]
ModelOpt = Annotated[str, option("--model", help="Shipped model name or path.")]
ScenarioOpt = Annotated[
    str | None, option("--scenario", help="Scenario name or TOML path (default: none).")
]
SeedOpt = Annotated[int, option("--seed", help="Random seed (same seed, same numbers).")]
ForceOpt = Annotated[bool, option("--force", help="Overwrite existing output files.")]
OutOpt = Annotated[Path | None, option("--out", help="Output folder (default ./out/<command>).")]
ParamsOpt = Annotated[str | None, option("--params", help="Comma-separated parameters to vary.")]


def _split(text: str | None) -> list[str] | None:
    if not text:
        return None
    return [s.strip() for s in text.split(",") if s.strip()]


@contextlib.contextmanager
def _executor(kind: str, workers: int | None, scheduler: str | None) -> Iterator[Any]:
    """The executor, connected now when it is a remote Dask scheduler (fails in seconds)."""
    from ..executors import get_executor

    ex = get_executor(kind if not scheduler else "dask", workers=workers, scheduler=scheduler)
    try:
        if scheduler:
            _ = getattr(ex, "client", None)  # connect before the model loads, not after
        yield ex
    finally:
        ex.close()


def _outdir(out_dir: Path | None, command: str) -> Path:
    """The output folder, created and checked writable before any work."""
    from ..io.atomic import ensure_output_dir

    return ensure_output_dir(out_dir if out_dir is not None else Path("out") / command)


def _refuse_all_failed(failed: int, runs: int, errors: Any) -> None:
    """Write nothing when every member failed (the bands would be NaN)."""
    if runs and failed >= runs:
        from ..errors import SimulationError

        first = next((str(e) for e in errors if e), "")
        raise SimulationError(
            f"all {runs} runs failed, so there is nothing to summarise; no file was written. "
            f"First failure: {first}"
        )


def _write_csv(df: Any, path: Path, force: bool, **kwargs: Any) -> Path:
    from ..io.atomic import atomic_write_text as write_text

    return write_text(path, df.to_csv(**kwargs), force)


def _written(o: Output, *paths: Path, head: str = "wrote ") -> None:
    o.files(*paths)
    o.line(head + ", ".join(str(p) for p in paths))


# --- uncertainty -------------------------------------------------------------------------


def uncertainty(
    model: ModelOpt = "japan",
    scenario: ScenarioOpt = None,
    runs: RunsOpt = 200,
    seed: SeedOpt = 0,
    variables: Annotated[
        str | None, option("--variables", help="Comma-separated outputs to keep.")
    ] = None,
    executor: ExecutorOpt = "local",
    workers: WorkersOpt = None,
    scheduler: SchedulerOpt = None,
    out_dir: OutOpt = None,
    force: ForceOpt = False,
    save_ensemble: Annotated[
        bool,
        option(
            "--save-ensemble",
            help="Stream every member to ensemble.zarr (bounded memory), then summarise "
            "(matched to the record, those of the --runs drawn that agree with it).",
        ),
    ] = False,
    match_history: Annotated[
        bool,
        option(
            "--match-history/--no-match-history",
            help="Keep only members whose runs agree with the model's record (history.csv, "
            "history_ai.csv), drawing more until --runs agree; the default where there is a "
            "record. --no-match-history summarises every member drawn.",
        ),
    ] = True,
    as_json: JsonOpt = False,
) -> None:
    """Monte Carlo over every uncertain parameter: bands and verdict probabilities, from the
    members that agree with the observed record."""
    from .. import load_model
    from ..analysis import history_match as hm
    from ..check import history_record

    o = Output("uncertainty", as_json)
    d = _outdir(out_dir, "uncertainty")  # before any work
    m = load_model(model)
    rec = history_record(m) if match_history else None
    if rec and hm.world_overrides(m, scenario):
        rec = None  # the scenario's assumptions change the world the record was observed in
        err.print(
            f"[yellow]note:[/] scenario '{scenario}' sets assumptions, so the world its members "
            "run in is not the one the record was observed in: the ensemble is not matched "
            "to history (as with --no-match-history)"
        )
    if rec:
        _note_baseline_ruled_out(rec)
    names = ["bands.csv", "bands.png", "verdicts.csv"]
    names += ["ensemble.zarr"] if save_ensemble else []
    names += (
        ["history_match.csv", "history_match_parameters.csv", "history_match.png"] if rec else []
    )
    with (
        _executor(executor, workers, scheduler) as ex,
        output_set([d / n for n in names], force) as files,
    ):
        with o.progress("uncertainty") as prog:
            ds = _ensemble(
                m, runs, _split(variables), seed, scenario, ex, prog, save_ensemble, files, rec
            )
        _refuse_all_failed(ds.attrs["failed"], ds.attrs["members"], ds["error"].values)
        title = f"{m.name}: {runs} runs, seed {seed}"
        if rec:
            _write_history_match(ds, rec, files)
            _refuse_none_kept(ds)
            title = f"{m.name}: {runs} runs that agree with the record, seed {seed}"
            summarised = hm.conditioned_ensemble(
                m, ds, runs, scenario=scenario, variables=_split(variables), executor=ex
            )
            tolerance = hm.tolerance_table(
                m, ds, TOLERANCE_YEAR, scenario=scenario, n=runs, declared=summarised, executor=ex
            )
            ds = summarised
        verdicts = _write_bands(m, ds, files, title)
    if rec and not tolerance.columns.drop(["kept", "drawn"]).empty:
        o.table(
            "tolerance",
            tolerance,
            f"Members kept and P(verdict achieved) in {TOLERANCE_YEAR} among the first "
            f"{runs} of them, with every observation's tolerance halved, as declared, doubled "
            f"(none from fewer than {hm.MIN_MEMBERS} members)",
            "{:.0%}",
            index="tolerance",
            formats={"kept": "{:.0f}", "drawn": "{:.0f}"},
        )
    _show_uncertainty(o, ds, verdicts, runs, d, rec)


#: The year whose verdict probabilities the tolerance table shows.
TOLERANCE_YEAR = 2040


def _write_history_match(ds: Any, rec: Any, files: Any) -> None:
    from ..analysis import history_match as hm

    _write_csv(hm.series_table(ds, rec), files["history_match.csv"], True)
    _write_csv(hm.parameter_table(ds), files["history_match_parameters.csv"], True)
    hm.plot_history_match(ds, rec, files["history_match.png"], force=True)


def _note_baseline_ruled_out(rec: Any) -> None:
    """Say where the record rules out the run with every parameter at its value."""
    worst = rec.baseline_implausibility()
    for name in rec.ruled_out_baseline():
        err.print(
            f"[yellow]note:[/] the model with every parameter at its value is itself ruled "
            f"out by the record of '{name}' (implausibility {worst[name]:.2f}, cutoff "
            f"{rec.cutoff:g}): as it stands it contradicts that record by more than the "
            "declared observation error and model discrepancy allow (history_match.csv); the "
            "members kept are those that fit it better"
        )


def _refuse_none_kept(ds: Any) -> None:
    """Write nothing when no member agrees with the record (the bands would be of none); say
    so when too few do to read a probability from them."""
    from ..analysis.history_match import MIN_MEMBERS

    if 0 < ds.attrs["kept"] < MIN_MEMBERS:
        err.print(
            f"[yellow]note:[/] only {ds.attrs['kept']} of the {ds.attrs['drawn']} members drawn "
            f"agree with the model's record, fewer than {MIN_MEMBERS}: the bands are of those "
            "few, and a share of them is not a probability to quote (history_match.csv says "
            "which series rule the others out)"
        )
    if not ds.attrs["kept"]:
        from ..errors import SimulationError

        raise SimulationError(
            f"none of the {ds.attrs['drawn']} members drawn agrees with the model's record, "
            "so there is nothing to summarise; no file was written. See which series rule "
            "them out with --no-match-history and `doomloop check`, or widen the tolerances "
            "in the profile's [history_match]"
        )


def _ensemble(
    m: Any,
    runs: int,
    variables: list[str] | None,
    seed: int,
    scenario: str | None,
    ex: Any,
    prog: Any,
    save: bool,
    files: Any,
    rec: Any = None,
) -> Any:
    """The Monte Carlo Dataset: in memory, or streamed to ensemble.zarr and opened from it.
    With a record, in memory it is drawn in waves until *runs* members agree with it; a
    streamed ensemble is the *runs* members drawn, each with its implausibility."""
    from ..analysis import history_match as hm
    from ..analysis.montecarlo import monte_carlo, open_ensemble, stream_monte_carlo

    kw = {"variables": variables, "seed": seed, "scenario": scenario, "executor": ex}
    if rec and not save:
        return hm.match_history(m, runs, rec=rec, progress=prog, **kw)
    if not save:
        return monte_carlo(m, runs, progress=prog, **kw)
    if rec:  # the prior as the world was (no policies), matched below
        kw["variables"] = hm.variables_for(m, rec, variables)
        kw.update(scenario=None, params=hm.world_overrides(m, scenario))
    path = stream_monte_carlo(m, runs, files["ensemble.zarr"], progress=prog, force=True, **kw)
    ds = open_ensemble(path)
    return hm.with_implausibility(ds, rec) if rec else ds


def _write_bands(m: Any, ds: Any, files: Any, title: str) -> Any:
    """Write bands.csv, bands.png and (when the model has verdicts) verdicts.csv."""
    from ..analysis.montecarlo import (
        bands_frame,
        percentile_bands,
        plot_bands,
        verdict_probabilities,
    )

    bands = percentile_bands(ds)
    _write_csv(bands_frame(bands), files["bands.csv"], True, index=False)
    have = [str(v) for v in bands.data_vars]
    shown = [v for v in m.profile.views.bands if v in have]
    shown += [v for v in have if v not in shown]
    plot_bands(bands, files["bands.png"], shown[:9], title=title, force=True)
    verdicts = verdict_probabilities(ds, m.profile.verdict_outputs, m.profile.threshold)
    if not verdicts.empty:
        _write_csv(verdicts, files["verdicts.csv"], True)
    return verdicts


def _show_uncertainty(
    o: Output, ds: Any, verdicts: Any, runs: int, d: Path, rec: Any = None
) -> None:
    if not verdicts.empty:
        every = verdicts[verdicts.index % 5 == 0]
        if (every.index >= 2020).any():  # history before 2020 is not the question
            every = every[every.index >= 2020]
        o.table("verdicts", every, "P(verdict achieved) by year", "{:.0%}", index="year")
    paths = [
        d / "bands.csv",
        d / "bands.png",
        *([d / "verdicts.csv"] if not verdicts.empty else []),
        *(
            [
                d / n
                for n in ("history_match.csv", "history_match_parameters.csv", "history_match.png")
            ]
            if rec
            else []
        ),
    ]
    if rec:
        a = ds.attrs
        head = (
            f"{a['kept']} of {a['drawn']} members drawn agree with the record (implausibility "
            f"below {a['cutoff']:g} at every observation); summarised: {a['members']}; wrote "
        )
    else:
        head = f"{ds.attrs['members'] - ds.attrs['failed']} of {runs} runs succeeded; wrote "
    _written(o, *paths, head=head)
    if ds.attrs["failed"]:
        first = next(e for e in ds["error"].values if e)
        err.print(f"[yellow]warning:[/] {ds.attrs['failed']} runs failed; first: {first}")
    o.finish()


# --- sensitivity -------------------------------------------------------------------------


def _check_sobol_n(method: str, n: int) -> None:
    if method == "sobol" and n & (n - 1):
        raise typer.BadParameter(
            f"{n} is not a power of 2, which Sobol sampling needs; use "
            f"{1 << (n.bit_length() - 1)} or {1 << n.bit_length()}",
            param_hint="--n",
        )


def sensitivity(
    model: ModelOpt = "japan",
    output: Annotated[
        str | None,
        option("--output", help="Output variable (default: the profile's)."),
    ] = None,
    year: Annotated[float, option("--year", help="Year of the output.")] = 2040,
    method: Annotated[
        str,
        option("--method", help="sobol or morris.", callback=_options.choice(("sobol", "morris"))),
    ] = "sobol",
    n: Annotated[
        int,
        option(
            "--n",
            help="Sobol base sample (power of 2) or Morris trajectories.",
            callback=_options.between(2, 16384),
        ),
    ] = 512,
    params: ParamsOpt = None,
    scenario: ScenarioOpt = None,
    seed: SeedOpt = 0,
    top: Annotated[int, option("--top", help="Rows to show.", callback=_options.between(1))] = 15,
    executor: ExecutorOpt = "local",
    workers: WorkersOpt = None,
    scheduler: SchedulerOpt = None,
    out_dir: OutOpt = None,
    force: ForceOpt = False,
    as_json: JsonOpt = False,
) -> None:
    """Global sensitivity (Sobol or Morris) of one output in one year."""
    from .. import load_model
    from ..analysis import sensitivity as sa

    _check_sobol_n(method, n)
    o = Output("sensitivity", as_json)
    d = _outdir(out_dir, "sensitivity")  # before any work
    with _executor(executor, workers, scheduler) as ex:
        m = load_model(model)
        output = output or m.profile.views.sensitivity or (m.outputs or m.stocks)[0]
        stem = f"{method}_{output}_{year:g}"
        fn = sa.sobol if method == "sobol" else sa.morris
        csv, png = d / f"{stem}.csv", d / f"{stem}.png"
        with output_set([csv, png], force) as files, o.progress(method) as prog:
            df = fn(
                m,
                output,
                year,
                n=n,
                params=_split(params),
                seed=seed,
                scenario=scenario,
                executor=ex,
                progress=prog,
            )
            _write_csv(df, files[csv], True)
            sa.plot_indices(df, files[png], force=True)
    title = f"{method} indices of {output} in {year:g} ({df.attrs['runs']} runs)"
    o.table("indices", df.head(top), title, "{:.3f}", index="parameter")
    _written(o, csv, png)
    if df.attrs.get("failed"):
        err.print(
            f"[yellow]warning:[/] {df.attrs['failed']} runs failed and were imputed with "
            f"the mean; first: {df.attrs['first_error']}"
        )
    o.finish()


# --- calibrate ---------------------------------------------------------------------------


def _reference(m: Any, reference: str, until: float | None) -> Any:
    """The reference rows: the model's history, the shipped figures, or a CSV."""
    from ..analysis import calibration as cal
    from ..analysis.family import members

    if reference == "history":
        ref = cal.load_reference(m.path.parent / "history.csv")
    elif reference == "figures":
        family = members()
        if m.name not in family:
            raise typer.BadParameter(
                f"figures.csv holds the population of the shipped countries "
                f"({', '.join(family)}), not of model '{m.name}'; give a reference CSV",
                param_hint="--reference",
            )
        ref = cal.reference_from_figures(country=family[m.name])
    else:
        ref = cal.load_reference(reference)
    if until is not None:
        ref = ref[ref["year"] <= until]
    return ref


def calibrate(
    params: Annotated[
        str | None,
        option(
            "--params",
            help="Comma-separated parameters (default: the profile's calibrated ones).",
        ),
    ] = None,
    reference: Annotated[
        str,
        option(
            "--reference",
            help="CSV name,year,value[,weight]; 'history' (default) for the model's "
            "history.csv; 'figures' for the shipped figures.csv population rows of the "
            "model's country (UN WPP 2024, 1970-2024).",
        ),
    ] = "history",
    report_only: Annotated[
        bool,
        option("--report", help="Only report the fit of the current parameters."),
    ] = False,
    model: ModelOpt = "japan",
    out_file: Annotated[
        Path | None,
        option("--out", help="Scenario TOML to write (default out/calibrate/calibrated.toml)."),
    ] = None,
    scenario: ScenarioOpt = None,
    max_evals: Annotated[
        int,
        option(
            "--max-evals",
            help="Most model evaluations of the least-squares fit.",
            callback=_options.between(1, MAX_RUNS),
        ),
    ] = 200,
    until: Annotated[
        float | None,
        option("--until", help="Use reference rows up to this year (history only)."),
    ] = None,
    force: ForceOpt = False,
    as_json: JsonOpt = False,
) -> None:
    """Fit parameters to history; write them as a scenario TOML and a chart."""
    from .. import load_model
    from ..analysis import calibration as cal

    o = Output("calibrate", as_json)
    target = out_file or Path("out") / "calibrate" / "calibrated.toml"
    _outdir(target.parent, "calibrate")  # before any work
    m = load_model(model)
    names = _split(params) or [p for p in m.profile.calibration.parameters]
    ref = _reference(m, reference, until)
    if report_only or not names:
        why = "" if report_only else " (the profile names no parameters to calibrate: --params)"
        o.table(
            "fit",
            cal.fit_table(m, ref),
            f"Fit of {m.name} to {reference}{why}",
            "{:.4g}",
            index="series",
        )
        o.finish()
        return
    if params is None:  # the profile's parameters: fitted without the series it names
        left_out = m.profile.calibration.fit_without
        if len(ref) and ref["name"].isin(left_out).all():
            raise DataError(
                f"{m.name}: the {reference} reference holds only series the profile leaves out "
                f"of the fit ({', '.join(sorted(set(ref['name'])))}): nothing to fit "
                f"{', '.join(names)} to; give --reference a CSV with observations of what "
                "they move, or name the parameters with --params to fit every series"
            )
        ref = ref[~ref["name"].isin(left_out)]
    stats_path = target.with_name(target.stem + "_fit.csv")
    chart = target.with_name(target.stem + "_fit.png")
    with output_set([target, stats_path, chart], force) as files:
        with o.progress("calibrating") as prog:
            res = cal.calibrate(m, names, ref, scenario=scenario, max_nfev=max_evals, progress=prog)
        cal.write_scenario(res, m, files[target], force=True)
        _write_csv(res.statistics, files[stats_path], True)
        cal.plot_calibration(res, m, files[chart], force=True)
    import pandas as pd

    pv = pd.DataFrame({"initial": res.initial, "calibrated": res.params}, index=list(res.params))
    o.table("parameters", pv, "Calibrated parameters", "{:.5g}", index="parameter")
    o.table("fit", res.statistics, "Fit per series", "{:.3g}", index="series")
    o.data("message", res.message)
    o.data("evaluations", res.nfev)
    _written(o, target, stats_path, chart, head=f"{res.message} ({res.nfev} evaluations); wrote ")
    o.finish()


# --- robustness --------------------------------------------------------------------------


def robustness(
    model: ModelOpt = "japan",
    scenarios: Annotated[
        str | None,
        option("--scenarios", help="Comma-separated scenarios (default: all shipped)."),
    ] = None,
    runs: RunsOpt = 200,
    year: Annotated[float, option("--year", help="Year the outputs are compared.")] = 2040,
    outputs: Annotated[
        str | None,
        option(
            "--outputs",
            help="Comma-separated output:lower|higher (default: frontier gap and "
            "sovereignty layers).",
        ),
    ] = None,
    seed: SeedOpt = 0,
    executor: ExecutorOpt = "local",
    workers: WorkersOpt = None,
    scheduler: SchedulerOpt = None,
    out_dir: OutOpt = None,
    force: ForceOpt = False,
    as_json: JsonOpt = False,
) -> None:
    """Share of possible worlds in which each scenario beats the baseline."""
    from .. import load_model
    from ..analysis.robustness import plot_robustness, robustness_map
    from ..scenarios import available_scenarios

    o = Output("robustness", as_json)
    d = _outdir(out_dir, "robustness")  # before any work
    dirs = None
    if outputs:
        dirs = {}
        for item in _split(outputs) or []:
            name, _, way = item.partition(":")
            dirs[name] = way or "higher"
    names_out = ["robustness.csv", "robustness_worse.csv", "robustness.png"]
    with _executor(executor, workers, scheduler) as ex:
        m = load_model(model)
        names = _split(scenarios) or [s for s in available_scenarios() if s != "baseline"]
        if not names:
            raise typer.BadParameter("no scenarios: pass --scenarios a,b")
        with (
            output_set([d / n for n in names_out], force) as files,
            o.progress("robustness") as prog,
        ):
            df = robustness_map(
                m, names, n=runs, year=year, seed=seed, outputs=dirs, executor=ex, progress=prog
            )
            _write_csv(df, files["robustness.csv"], True)
            _write_csv(df.attrs["worse"], files["robustness_worse.csv"], True)
            plot_robustness(df, files["robustness.png"], force=True)
    o.table(
        "better",
        df,
        f"Share of members beating the baseline in {year:g}",
        "{:.0%}",
        index="scenario",
    )
    o.table(
        "worse",
        df.attrs["worse"],
        f"Share of members worse than the baseline in {year:g}",
        "{:.0%}",
        index="scenario",
    )
    o.files(d / "robustness_worse.csv")
    _written(o, d / "robustness.csv", d / "robustness.png")
    o.finish()


# --- search ------------------------------------------------------------------------------


def _bounds(text: str | None) -> dict[str, tuple[float, float]]:
    ranges: dict[str, tuple[float, float]] = {}
    for item in _split(text) or []:
        try:
            name, _, span = item.partition("=")
            lo, _, hi = span.partition(":")
            ranges[name.strip()] = (float(lo), float(hi))
        except ValueError:
            raise typer.BadParameter(f"--bounds item {item!r}: write lever=low:high") from None
    return ranges


def search(
    target: Annotated[
        str | None,
        option("--target", help="Output to reach (default: the profile's search target)."),
    ] = None,
    by: Annotated[float, option("--by", help="Year the target must hold.")] = 2035,
    prob: Annotated[
        float,
        option("--prob", help="Share of members needed.", callback=_options.between(0.0, 1.0)),
    ] = 0.8,
    threshold: Annotated[
        float | None,
        option("--threshold", help="Level to reach (default: the verdict threshold)."),
    ] = None,
    budget: Annotated[float | None, option("--budget", help="Largest cost.")] = None,
    cost: Annotated[
        str | None,
        option(
            "--cost",
            help="Model variable whose ensemble mean is the cost (default: the "
            "profile's total cost when the model has it).",
        ),
    ] = None,
    cost_year: Annotated[
        float | None, option("--cost-year", help="Year the cost is read (default --by).")
    ] = None,
    levers: Annotated[
        str | None, option("--levers", help="Comma-separated levers (default: all).")
    ] = None,
    bounds: Annotated[
        str | None,
        option("--bounds", help="Search ranges, e.g. lever_a=0:1,lever_b=0.5:2."),
    ] = None,
    model: ModelOpt = "japan",
    runs: RunsOpt = 100,
    maxiter: Annotated[
        int,
        option(
            "--maxiter",
            help="Most generations of differential evolution.",
            callback=_options.between(1, 10_000),
        ),
    ] = 15,
    popsize: Annotated[
        int,
        option(
            "--popsize",
            help="Candidates per generation, per lever searched.",
            callback=_options.between(1, 1_000),
        ),
    ] = 6,
    seed: SeedOpt = 0,
    executor: ExecutorOpt = "local",
    workers: WorkersOpt = None,
    scheduler: SchedulerOpt = None,
    out_dir: OutOpt = None,
    force: ForceOpt = False,
    as_json: JsonOpt = False,
) -> None:
    """Cheapest lever mix reaching a target in enough possible worlds."""
    from .. import load_model
    from ..analysis.search import search as run_search

    o = Output("search", as_json)
    d = _outdir(out_dir, "search")  # before any work
    ranges = _bounds(bounds)
    with _executor(executor, workers, scheduler) as ex:
        m = load_model(model)
        target = target or m.profile.views.search_target
        if not target:
            raise typer.BadParameter("the model's profile names no target: pass --target")
        if threshold is None:
            threshold = m.profile.threshold
        with (
            output_set([d / "candidates.csv", d / "best.toml"], force) as files,
            o.progress("search") as prog,
        ):
            res = run_search(
                m,
                target,
                by,
                prob=prob,
                threshold=threshold,
                budget=budget,
                levers=_split(levers),
                bounds=ranges or None,
                cost=cost,
                cost_year=cost_year,
                n=runs,
                maxiter=maxiter,
                popsize=popsize,
                seed=seed,
                executor=ex,
                progress=prog,
            )
            _write_search(m, res, files, target, threshold, by, prob)
    _show_search(o, m, res, d)


def _write_search(
    m: Any, res: Any, files: Any, target: str, threshold: float, by: float, prob: float
) -> None:
    from ..analysis.calibration import scenario_toml
    from ..io.atomic import atomic_write_text as write_text

    _write_csv(res.history, files["candidates.csv"], True, index=False)
    text = scenario_toml(
        res.levers,
        m,
        name="search-best",
        description=f"Cheapest mix found for {target} >= {threshold:g} by {by:g} in "
        f"{prob:.0%} of members: P = {res.probability:.0%}, cost {res.cost:.4g}.",
    )
    write_text(files["best.toml"], text, True)


def _show_search(o: Output, m: Any, res: Any, d: Path) -> None:
    import pandas as pd

    table = pd.DataFrame(
        {"default": {k: m.parameters[k].value for k in res.levers}, "best": res.levers}
    )
    o.table("levers", table, "Lever mix", "{:.4g}", index="lever")
    for key in ("feasible", "probability", "baseline_probability", "cost"):
        o.data(key, getattr(res, key))
    verdict = "reaches" if res.feasible else "does NOT reach"
    _written(
        o,
        d / "candidates.csv",
        d / "best.toml",
        head=f"best mix {verdict} the target: P = {res.probability:.0%} (now "
        f"{res.baseline_probability:.0%}), cost {res.cost:.4g}; {len(res.history)} "
        "candidates; wrote ",
    )
    o.finish()


def register(app: typer.Typer) -> None:
    """Add the analysis commands to *app*."""
    for command in (uncertainty, sensitivity, calibrate, robustness, search):
        app.command()(command)
