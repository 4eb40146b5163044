"""Benchmark the vectorized kernel against looping pysimlin and looping PySD.

Usage::

    python benchmarks/bench_kernel.py [--quick] [--json FILE] [--models japan,sir]

For each model (the Japan model when present, and the SIR sample of the shared test
collection) and each ensemble size (1, 100, 1,000, 10,000 members; ``--quick`` stops at
1,000), it runs one ensemble with random parameters through the kernel (NumPy and numba
backends, one and two threads) and reports member-runs per second, peak memory per member
(tracemalloc, measured on at most 100 members; numba's scratch arrays are not traced) and the
ratio to looping pysimlin and looping PySD. The loops are timed on a
few runs and extrapolated to the ensemble size (labelled "extrapolated"). Results go to
stdout as one Markdown table; ``--json`` also writes them as JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import tracemalloc
import warnings
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from doomloop.kernel import compile_model  # noqa: E402
from doomloop.kernel.conformance import default_models_dir  # noqa: E402
from doomloop.kernel.exactness import draw_parameters  # noqa: E402


@dataclass
class Row:
    model: str
    members: int
    engine: str
    threads: int
    seconds: float
    runs_per_s: float
    kib_per_member: float | None
    vs_pysimlin: float | None = None
    vs_pysd: float | None = None
    note: str = ""


def _models(wanted: set[str]) -> list[tuple[str, Path, object, object]]:
    """``(name, XMILE path, what to compile, parameter table)`` of each wanted model.

    Japan compiles from the loaded model, as analyses and the web do, so the kernel knows
    its parameter table (which constants members may vary; the rest is shared work).
    """
    out: list[tuple[str, Path, object, object]] = []
    japan = ROOT / "src" / "doomloop" / "models" / "japan" / "model.xmile"
    if "japan" in wanted and japan.exists():
        import doomloop

        model = doomloop.load_model(japan)
        out.append(("japan", japan, model, model.parameters))
    tm = default_models_dir()
    if "sir" in wanted and tm is not None:
        sir = tm / "samples" / "SIR" / "SIR.xmile"
        out.append(("sir", sir, sir, None))
    return out


def _outputs(name: str, kernel: object) -> list[str]:
    if name == "japan":
        from doomloop.engine import MODELS_DIR
        from doomloop.profile import load_profile

        have = set(kernel.variable_names)  # type: ignore[attr-defined]
        return [o for o in load_profile(MODELS_DIR / "japan").key_outputs if o in have]
    return ["susceptible", "infectious", "recovered"]


def _yearly(kernel: object) -> np.ndarray:
    ir = kernel.ir  # type: ignore[attr-defined]
    return np.arange(ir.start, ir.stop + 1e-9, 1.0)


def bench_kernel(
    kernel: object, params: dict, m: int, outputs: list[str], backend: str, threads: int
) -> float:
    """Seconds for one ensemble of *m* members."""
    p = {k: v[:m] for k, v in params.items()}
    times = _yearly(kernel)
    t = time.perf_counter()
    kernel.run(  # type: ignore[attr-defined]
        p,
        n_members=m,
        variables=outputs,
        times=times,
        backend=backend,
        threads=threads,
        output="arrays",
    )
    return time.perf_counter() - t


def memory_per_member(
    kernel: object, params: dict, m: int, outputs: list[str], backend: str
) -> float:
    """Peak traced memory per member of a run, KiB (tracemalloc; numba's scratch arrays are
    not traced).

    tracemalloc slows every allocation, so the run is one year long: the working set does
    not grow with the horizon, and the kept outputs of the whole run are added exactly.
    """
    p = {k: v[:m] for k, v in params.items()}
    ir = kernel.ir  # type: ignore[attr-defined]
    tracemalloc.start()
    kernel.run(  # type: ignore[attr-defined]
        p,
        n_members=m,
        variables=outputs,
        times=[ir.start, ir.start + 1.0],
        stop=ir.start + 1.0,
        backend=backend,
        output="arrays",
    )
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    kept = 8 * len(outputs) * (len(_yearly(kernel)) - 2)  # the rest of the kept outputs
    return (peak / m + kept) / 1024


def bench_pysimlin(path: Path, params: dict, runs: int, outputs: list[str]) -> float:
    """Seconds per run of pysimlin looped over members (reset, set values, run, read)."""
    import simlin

    sim = simlin.load(path).simulate(enable_ltm=False)
    names = list(params)
    sim.run_to_end()  # warm-up run, untimed
    t = time.perf_counter()
    for i in range(runs):
        sim.reset()
        for n in names:
            sim.set_value(n, float(params[n][i]))
        sim.run_to_end()
        for o in outputs:
            sim.get_series(o)
    return (time.perf_counter() - t) / runs


def bench_pysd(path: Path, params: dict, runs: int, outputs: list[str]) -> float | None:
    """Seconds per run of PySD looped over members, or None when PySD cannot read the model."""
    try:
        import shutil
        import tempfile

        import pysd

        # PySD writes its translation beside the file: translate a copy in a temporary folder
        tmp = Path(tempfile.mkdtemp(prefix="doomloop-bench-"))
        shutil.copy(path, tmp / path.name)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            model = pysd.read_xmile(str(tmp / path.name))
    except Exception as exc:  # PySD translation failures are many and varied
        print(f"<!-- PySD cannot read {path.name}: {type(exc).__name__}: {exc} -->")
        return None
    cols = {c.lower().replace(" ", "_"): c for c in model.namespace}
    pnames = {n: cols.get(n, n) for n in params}
    keep = [cols.get(o, o) for o in outputs]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            t = time.perf_counter()  # no warm-up run: PySD compiles nothing at first use
            for i in range(runs):
                model.run(
                    params={pnames[n]: float(params[n][i]) for n in params},
                    return_columns=keep,
                    progress=False,
                )
    except Exception as exc:  # PySD's translation may not run (e.g. division by zero)
        print(f"<!-- PySD cannot run {path.name}: {type(exc).__name__}: {exc} -->")
        return None
    return (time.perf_counter() - t) / runs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="stop at 1,000 members; fewer loops")
    ap.add_argument("--json", default=None, help="also write the rows as JSON here")
    ap.add_argument("--models", default="japan,sir", help="comma-separated: japan,sir")
    ap.add_argument(
        "--backends", default="numpy,numba", help="comma-separated kernel backends to time"
    )
    ap.add_argument(
        "--numpy-max",
        type=int,
        default=None,
        help="largest ensemble timed with the NumPy backend (default: all sizes)",
    )
    ap.add_argument(
        "--loop-runs", type=int, default=None, help="pysimlin runs timed (default 20, quick 5)"
    )
    ap.add_argument(
        "--pysd-runs",
        type=int,
        default=None,
        help="PySD runs timed (default 5, quick 2; 0 skips PySD: a Japan run takes minutes)",
    )
    ap.add_argument(
        "--pysd-models",
        default="japan,sir",
        help="models to time PySD on (one PySD run of Japan takes 5-15 minutes)",
    )
    a = ap.parse_args(argv)
    counts = [1, 100, 1000] if a.quick else [1, 100, 1000, 10000]
    loop_runs = a.loop_runs or (5 if a.quick else 20)
    pysd_runs = a.pysd_runs if a.pysd_runs is not None else (2 if a.quick else 5)
    rows: list[Row] = []

    def done(row: Row) -> None:
        rows.append(row)
        print(
            f"{row.model} {row.members:>6} {row.engine:<14} threads={row.threads} "
            f"{row.seconds:8.3f} s  {row.runs_per_s:10,.1f} runs/s",
            file=sys.stderr,
            flush=True,
        )

    for name, path, source, table in _models(set(a.models.split(","))):
        kernel = compile_model(source)  # type: ignore[arg-type]
        outputs = _outputs(name, kernel)
        # what an analysis varies: the table's uncertain assumptions and policy levers (the
        # kernel's varying constants), or every constant of a model without a table
        names = sorted(kernel.varying) if kernel.varying is not None else None
        params = draw_parameters(
            kernel, max(counts), np.random.default_rng(0), table=table, names=names
        )
        print(f"{name}: timing {loop_runs} pysimlin runs", file=sys.stderr, flush=True)
        t_sim = bench_pysimlin(path, params, loop_runs, outputs)
        t_pysd = None
        if pysd_runs and name in a.pysd_models.split(","):
            print(f"{name}: timing {pysd_runs} PySD runs", file=sys.stderr, flush=True)
            t_pysd = bench_pysd(path, params, pysd_runs, outputs)
        for backend in a.backends.split(","):
            note = ""
            kibs: dict[int, float] = {}
            if backend == "numba":
                t = time.perf_counter()
                print(f"{name}: numba compile (or load)", file=sys.stderr, flush=True)
                kernel.run(backend="numba", output="arrays")  # compile once (or load the cache)
                note = f"numba compile/load {time.perf_counter() - t:.1f} s, once per process"
            for m in counts:
                if backend == "numpy" and a.numpy_max is not None and m > a.numpy_max:
                    continue
                for threads in (1, 2):
                    if m == 1 and threads == 2:
                        continue
                    el = bench_kernel(kernel, params, m, outputs, backend, threads)
                    kib = kibs.get(m)
                    if kib is None:
                        mm = min(m, 100)  # tracemalloc is slow; memory grows linearly
                        kib = kibs[m] = memory_per_member(kernel, params, mm, outputs, backend)
                    done(
                        Row(
                            name,
                            m,
                            f"kernel {backend}",
                            threads,
                            el,
                            m / el,
                            kib,
                            vs_pysimlin=(t_sim * m) / el,
                            vs_pysd=(t_pysd * m) / el if t_pysd else None,
                            note=note,
                        )
                    )
                    note = ""
        for m in counts:
            done(
                Row(
                    name,
                    m,
                    "pysimlin loop",
                    1,
                    t_sim * m,
                    1 / t_sim,
                    None,
                    note=f"extrapolated from {loop_runs} runs",
                )
            )
            if t_pysd:
                done(
                    Row(
                        name,
                        m,
                        "PySD loop",
                        1,
                        t_pysd * m,
                        1 / t_pysd,
                        None,
                        note=f"extrapolated from {pysd_runs} runs",
                    )
                )
    print(f"Machine: {os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f} at the end.\n")
    print(
        "| model | members | engine | threads | seconds | member-runs/s | KiB/member "
        "| x pysimlin loop | x PySD loop | note |"
    )
    print("|---|---:|---|---:|---:|---:|---:|---:|---:|---|")

    def f(x: float | None, fmt: str) -> str:
        return "" if x is None else format(x, fmt)

    for r in rows:
        print(
            f"| {r.model} | {r.members:,} | {r.engine} | {r.threads} | {r.seconds:.3g} | "
            f"{r.runs_per_s:,.1f} | {f(r.kib_per_member, '.1f')} | {f(r.vs_pysimlin, '.1f')} | "
            f"{f(r.vs_pysd, '.1f')} | {r.note} |"
        )
    if a.json:
        Path(a.json).write_text(json.dumps([asdict(r) for r in rows], indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
