"""Side-by-side benchmarks of the analysis stack (not part of the test suite).

    PYTHONPATH=src python benchmarks/bench_analysis.py [--model PATH_OR_NAME] [--runs N]
        [--pysd-runs K] [--sobol-n N] [--json out.json] [--skip-dask]

Reports, in one run:

1. runs per second of ``Model.run`` and of :func:`doomloop.analysis.evaluate` (engine
   backend) against PySD (``pysd.read_xmile`` on the same XMILE file, few runs);
2. doomloop's per-run overhead over a bare pysimlin loop
   (``sim.reset(); sim.set_value(...); sim.run_to_end(); sim.get_series(...)``);
3. 1 vs 2 workers with :class:`~doomloop.executors.PoolExecutor` and Dask (a local cluster of
   processes), on the same ensemble;
4. a Sobol study end to end (sample, evaluate, analyse).

Goals: overhead <= 25%, >= 1,000x PySD, 2 workers >= 1.7x one. The numbers are what they
are: on a shared machine, parallel speed-ups depend on what else runs.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import tempfile
import time
from pathlib import Path

import numpy as np

from doomloop import load_model
from doomloop.analysis.evaluate import EngineBackend, evaluate
from doomloop.analysis.montecarlo import uncertain_parameters
from doomloop.analysis.sampling import sample
from doomloop.analysis.sensitivity import sobol
from doomloop.engine import TimeSpec
from doomloop.executors import DaskExecutor, PoolExecutor

ROOT = Path(__file__).resolve().parent.parent


def _default_model() -> str:
    japan = ROOT / "src" / "doomloop" / "models" / "japan" / "model.xmile"
    return "japan" if japan.exists() else str(ROOT / "tests" / "fixtures" / "logistic")


def _timeit(fn, repeat: int = 1) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def bench_single(model, matrix, names, variables, pysd_runs: int) -> dict:
    n = matrix.shape[0]
    out: dict = {"runs": n}
    rows = [dict(zip(names, map(float, r), strict=True)) for r in matrix]

    # bare pysimlin loop on the same compiled simulation evaluate() uses
    ts = model.time_spec
    sim = model._sim(TimeSpec(ts.start, ts.stop, ts.dt, 0.0, model.method))

    def bare():
        for r in rows:
            sim.reset()
            for k, v in r.items():
                sim.set_value(k, v)
            sim.run_to_end()
            for v in variables:
                sim.get_series(v)

    def via_evaluate():
        evaluate(model, matrix, names, variables, backend=EngineBackend())

    def via_run():
        for r in rows:
            model.run(r, variables=variables)

    via_evaluate()  # warm: compile
    model.run(rows[0], variables=variables)
    # default values restored at the start of each run, as doomloop does
    # interleaved, best of five: the machine is shared, so the minimum is the fair figure
    t_bare = t_eval = float("inf")
    for _ in range(5):
        t_bare = min(t_bare, _timeit(bare) / n)
        t_eval = min(t_eval, _timeit(via_evaluate) / n)
    t_run = _timeit(via_run, 1) / n
    # the vectorized kernel (doomloop.kernel), when it covers the model: first call compiles
    t_kernel = None
    try:
        from doomloop.analysis.evaluate import kernel_for

        if kernel_for(model) is not None:
            t0 = time.perf_counter()
            evaluate(model, matrix[:2], names, variables, backend="kernel")
            out["kernel_compile_s"] = time.perf_counter() - t0
            t_kernel = (
                min(
                    _timeit(lambda: evaluate(model, matrix, names, variables, backend="kernel"))
                    for _ in range(3)
                )
                / n
            )
            out["kernel_us"] = t_kernel * 1e6
    except ImportError:
        pass
    out.update(
        bare_us=t_bare * 1e6,
        evaluate_us=t_eval * 1e6,
        model_run_us=t_run * 1e6,
        evaluate_overhead=t_eval / t_bare - 1,
        model_run_overhead=t_run / t_bare - 1,
    )
    if pysd_runs <= 0:
        out["pysd_error"] = "skipped (--pysd-runs 0)"
        return out
    try:
        import pysd

        with tempfile.TemporaryDirectory() as d:
            xm = Path(d) / "model.xmile"
            shutil.copy(model.path, xm)
            t0 = time.perf_counter()
            pm = pysd.read_xmile(str(xm))
            out["pysd_translate_s"] = time.perf_counter() - t0
            py_names = {k: k for k in names}
            t0 = time.perf_counter()
            for r in rows[:pysd_runs]:
                pm.run(params={py_names[k]: v for k, v in r.items()}, return_columns=variables)
            t_pysd = (time.perf_counter() - t0) / pysd_runs
        if t_kernel is not None:
            out["speedup_kernel_vs_pysd"] = t_pysd / t_kernel
        out.update(
            pysd_ms=t_pysd * 1e3,
            speedup_evaluate_vs_pysd=t_pysd / t_eval,
            speedup_model_run_vs_pysd=t_pysd / t_run,
        )
    except Exception as exc:  # PySD cannot translate every XMILE model
        out["pysd_error"] = f"{type(exc).__name__}: {exc}"[:300]
    return out


def bench_workers(model, matrix, names, variables, skip_dask: bool, backend: str) -> dict:
    out: dict = {"runs": matrix.shape[0], "cores": os.cpu_count(), "backend": backend}
    chunk = max(1, matrix.shape[0] // 16)
    ref = None
    for w in (1, 2):
        with PoolExecutor(w) as ex:
            ex.warm_up()
            evaluate(
                model, matrix[: 2 * w], names, variables, executor=ex, chunk_size=1, backend=backend
            )
            t0 = time.perf_counter()
            vals = evaluate(
                model, matrix, names, variables, executor=ex, chunk_size=chunk, backend=backend
            ).values
            out[f"pool_{w}_s"] = time.perf_counter() - t0
        ref = vals if ref is None else ref
        out["pool_identical"] = bool(np.array_equal(ref, vals, equal_nan=True))
    out["pool_speedup"] = out["pool_1_s"] / out["pool_2_s"]
    if not skip_dask:
        for w in (1, 2):
            with DaskExecutor(n_workers=w, threads_per_worker=1, processes=True) as ex:
                ex.warm_up()
                ex.client.wait_for_workers(w)
                evaluate(
                    model,
                    matrix[: 2 * w],
                    names,
                    variables,
                    executor=ex,
                    chunk_size=1,
                    backend=backend,
                )
                t0 = time.perf_counter()
                vals = evaluate(
                    model, matrix, names, variables, executor=ex, chunk_size=chunk, backend=backend
                ).values
                out[f"dask_{w}_s"] = time.perf_counter() - t0
            out["dask_identical"] = bool(np.array_equal(ref, vals, equal_nan=True))
        out["dask_speedup"] = out["dask_1_s"] / out["dask_2_s"]
    return out


def bench_sobol(model, output: str, year: float, n: int, backend: str) -> dict:
    t0 = time.perf_counter()
    df = sobol(model, output, year, n=n, seed=0, backend=backend)
    dt = time.perf_counter() - t0
    return {
        "output": output,
        "year": year,
        "n": n,
        "runs": df.attrs["runs"],
        "seconds": dt,
        "runs_per_s": df.attrs["runs"] / dt,
        "top5": [
            {
                "parameter": k,
                "ST": float(r["ST"]),
                "ST_conf": float(r["ST_conf"]),
                "S1": float(r["S1"]),
            }
            for k, r in df.head(5).iterrows()
        ],
        "failed": df.attrs["failed"],
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default=_default_model())
    ap.add_argument("--runs", type=int, default=2000, help="runs for the single-core timings")
    ap.add_argument("--scale-runs", type=int, default=8000, help="runs for 1 vs 2 workers")
    ap.add_argument("--pysd-runs", type=int, default=5)
    ap.add_argument("--sobol-n", type=int, default=256, help="0 skips the Sobol study")
    ap.add_argument("--output", default=None)
    ap.add_argument("--year", type=float, default=None)
    ap.add_argument("--skip-dask", action="store_true")
    ap.add_argument("--json", type=Path, default=None)
    ap.add_argument(
        "--backend", default="engine", help="backend of the worker and Sobol benchmarks"
    )
    args = ap.parse_args()

    model = load_model(args.model)
    params = uncertain_parameters(model)
    names = [p.name for p in params]
    variables = list(model.outputs) or [
        v for v in model.variable_names if v not in set(model.parameters)
    ]
    output = args.output or (
        "frontier_gap_oom" if "frontier_gap_oom" in variables else variables[-1]
    )
    year = args.year if args.year is not None else min(2040.0, model.time_spec.stop)
    print(
        f"model {model.name}: {len(names)} uncertain parameters, {len(variables)} outputs, "
        f"{os.cpu_count()} cores"
    )

    results: dict = {"model": model.name}
    matrix = sample(params, args.runs, seed=0)
    r = results["single"] = bench_single(model, matrix, names, variables, args.pysd_runs)
    print(
        f"\n1-2. per run: bare pysimlin {r['bare_us']:.0f} us, evaluate {r['evaluate_us']:.0f} "
        f"us ({r['evaluate_overhead']:+.0%}), Model.run {r['model_run_us']:.0f} us "
        f"({r['model_run_overhead']:+.0%})"
    )
    if "kernel_us" in r:
        print(
            f"     kernel (vectorized) {r['kernel_us']:.1f} us/run after a "
            f"{r['kernel_compile_s']:.1f} s compile: {r['bare_us'] / r['kernel_us']:.0f}x the "
            "bare engine"
        )
    if "pysd_ms" in r:
        print(
            f"     PySD {r['pysd_ms']:.1f} ms/run -> evaluate {r['speedup_evaluate_vs_pysd']:.0f}x"
            f", Model.run {r['speedup_model_run_vs_pysd']:.0f}x faster than PySD"
            + (
                f"; kernel {r['speedup_kernel_vs_pysd']:.0f}x"
                if "speedup_kernel_vs_pysd" in r
                else ""
            )
        )
    else:
        print(f"     PySD: {r['pysd_error']}")

    big = sample(params, args.scale_runs, seed=1)
    w = results["workers"] = bench_workers(
        model, big, names, variables, args.skip_dask, args.backend
    )
    print(
        f"\n3. {w['runs']} runs: pool 1 worker {w['pool_1_s']:.2f} s, 2 workers "
        f"{w['pool_2_s']:.2f} s -> {w['pool_speedup']:.2f}x (identical: {w['pool_identical']})"
    )
    if "dask_speedup" in w:
        print(
            f"   dask 1 worker {w['dask_1_s']:.2f} s, 2 workers {w['dask_2_s']:.2f} s -> "
            f"{w['dask_speedup']:.2f}x (identical: {w['dask_identical']})"
        )

    if args.sobol_n <= 0:
        if args.json:
            args.json.write_text(json.dumps(results, indent=2))
        return
    s = results["sobol"] = bench_sobol(model, output, year, args.sobol_n, args.backend)
    print(
        f"\n4. Sobol of {output} in {year:g}: N={s['n']}, {s['runs']} runs in "
        f"{s['seconds']:.1f} s ({s['runs_per_s']:.0f} runs/s), {s['failed']} failed"
    )
    for row in s["top5"]:
        print(
            f"   {row['parameter']:<40} ST {row['ST']:.3f} ± {row['ST_conf']:.3f}  "
            f"S1 {row['S1']:.3f}"
        )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
