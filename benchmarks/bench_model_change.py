"""Benchmark a model change: the same model at two git revisions, side by side in one run.

Usage::

    python benchmarks/bench_model_change.py --before 974764e [--after HEAD] [--model japan]
        [--members 30,1000] [--rounds 5] [--pruned] [--json FILE]

Each revision's model folders (``src/doomloop/models``) are taken out of git into a temporary
folder and loaded with today's code (without their profiles, which only say what is shown).
For each ensemble size the compiled kernel (numba, one thread) runs the same number of
members of both, drawing the uncertain assumptions as the page's band and the Monte Carlo
do (once untimed, to compile), then alternating ``rounds`` times so that the machine's drift
falls on both alike; the table gives the median milliseconds, the after/before ratio and
each one's speed against looping pysimlin (one engine run per member, timed on a few runs).
A model change that keeps the kernel fast keeps the ratio near 1. ``--after`` defaults to
the working tree. ``--pruned`` also times each revision on a kernel pruned to the outputs
(``Kernel.warmup(variables=...)``, as the web page's bands run), in the same rounds.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

MODELS = "src/doomloop/models"


def _checkout(rev: str | None, into: Path) -> Path:
    """The models folder of *rev* (None: the working tree) under *into*."""
    if rev is None:
        shutil.copytree(ROOT / MODELS, into / "models")
    else:
        tar = subprocess.run(
            ["git", "-C", str(ROOT), "archive", rev, MODELS], check=True, capture_output=True
        ).stdout
        with tarfile.open(fileobj=BytesIO(tar)) as t:
            t.extractall(into, filter="data")
        shutil.move(into / MODELS, into / "models")
    for p in (into / "models").glob("*/profile.toml"):
        p.unlink()  # what a model shows does not change how fast it runs
    return into / "models"


def _load(models: Path, name: str, pruned: bool = False):  # type: ignore[no-untyped-def]
    import doomloop
    from doomloop.kernel.exactness import draw_parameters

    m = doomloop.load_model(models / name, strict=False)
    k = doomloop.kernel.compile_model(m)
    k.warmup()
    if pruned:  # a second kernel, so the first stays whole
        p = doomloop.kernel.compile_model(m)
        p.warmup(variables=_outputs(m))
        return m, k, draw_parameters, p
    return m, k, draw_parameters, None


#: What each member returns: the same outputs of both revisions (the first two it has).
OUTPUTS = ("frontier_gap_oom", "population_total", "ai_specialists_domestic")


def _outputs(m) -> list[str]:  # type: ignore[no-untyped-def]
    have = set(m.variable_names)
    return [o for o in OUTPUTS if o in have][:2] or list(m.variable_names[:2])


def _ensemble_ms(m, k, draw, members: int, seed: int) -> float:  # type: ignore[no-untyped-def]
    varied = [p.name for p in m.parameters.uncertain if p.group != "policy"]  # as a band does
    params = draw(k, members, np.random.default_rng(seed), table=m.parameters, names=varied)
    times = np.arange(m.time_spec.start, m.time_spec.stop + 1e-9, 1.0)
    t = time.perf_counter()
    k.run(
        params,
        n_members=members,
        variables=_outputs(m),
        times=times,
        output="arrays",
        backend="numba",
        threads=1,
    )
    return 1000 * (time.perf_counter() - t)


def _pysimlin_ms(m, runs: int = 3) -> float:  # type: ignore[no-untyped-def]
    """One engine run (what looping pysimlin costs per member), median of *runs*."""
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        m.run(variables=_outputs(m))
        times.append(1000 * (time.perf_counter() - t))
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--before", required=True, help="git revision of the model before")
    ap.add_argument("--after", default=None, help="git revision after (default: working tree)")
    ap.add_argument("--model", default="japan")
    ap.add_argument("--members", default="30,1000", help="comma-separated ensemble sizes")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--pruned", action="store_true", help="also time kernels pruned to the outputs")
    ap.add_argument("--json", type=Path, default=None, help="also write the rows here")
    a = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        sides = {}
        for label, rev in (("before", a.before), ("after", a.after)):
            models = _checkout(rev, Path(tmp) / label)
            sides[label] = (*_load(models, a.model, a.pruned), rev or "working tree")
        rows = [_row(sides, members, a.rounds) for members in map(int, a.members.split(","))]
    _print(rows, a.before)
    if a.json:
        a.json.write_text(json.dumps(rows, indent=2), encoding="utf-8")
    return 0


def _row(sides: dict[str, tuple[Any, ...]], members: int, rounds: int) -> dict[str, Any]:
    """Median milliseconds of both revisions (and their pruned kernels) for *members*."""
    runs = [(label, 0) for label in sides]
    runs += [(label, 1) for label, side in sides.items() if side[3] is not None]
    ms: dict[tuple[str, int], list[float]] = {run: [] for run in runs}
    for label, which in runs:  # compile for this size first (not timed)
        m, k, draw, p, _ = sides[label]
        _ensemble_ms(m, (k, p)[which], draw, members, seed=0)
    for r in range(rounds):
        for label, which in runs if r % 2 == 0 else runs[::-1]:
            m, k, draw, p, _ = sides[label]
            ms[label, which].append(_ensemble_ms(m, (k, p)[which], draw, members, seed=r))
    row: dict[str, Any] = {"members": members}
    for label in ("before", "after"):
        m = sides[label][0]
        med = statistics.median(ms[label, 0])
        loop = _pysimlin_ms(m) * members
        row[label] = {
            "revision": sides[label][4],
            "variables": len(m.variable_names),
            "kernel_ms": round(med, 2),
            "vs_pysimlin": round(loop / med, 1),
        }
        if (label, 1) in ms:
            row[label]["pruned_ms"] = round(statistics.median(ms[label, 1]), 2)
    row["after_over_before"] = round(row["after"]["kernel_ms"] / row["before"]["kernel_ms"], 3)
    return row


def _print(rows: list[dict[str, Any]], before: str) -> None:
    print(
        f"| members | before ({before}) ms | after ms | after / before | "
        "before vs pysimlin | after vs pysimlin | variables before / after |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in rows:
        b, f = r["before"], r["after"]
        print(
            f"| {r['members']} | {b['kernel_ms']} | {f['kernel_ms']} | "
            f"{r['after_over_before']} | {b['vs_pysimlin']}x | {f['vs_pysimlin']}x | "
            f"{b['variables']} / {f['variables']} |"
        )
    if "pruned_ms" in rows[0]["before"]:
        print("\n| members | before pruned ms | after pruned ms |\n| ---: | ---: | ---: |")
        for r in rows:
            print(f"| {r['members']} | {r['before']['pruned_ms']} | {r['after']['pruned_ms']} |")


if __name__ == "__main__":
    raise SystemExit(main())
