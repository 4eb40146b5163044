"""Check the kernel against the canonical outputs of the XMILE test-model collection.

A case is a folder holding one or more XMILE files (``.xmile``/``.stmx``/``.xml``) and the
canonical ``output.csv`` or ``output.tab``. Each model file is compiled and run; every
output column that names a model variable is compared at every canonical time with
``|a - b| <= atol + rtol * |b|`` (rtol 1e-4 as the collection's own tools; atol 1e-6 for
values printed to six digits near zero). A folder passes when every covered model in it
passes; it is "not covered" when no model in it compiles.

Run ``python -m doomloop.kernel.conformance DIR --write PATH`` to regenerate
``CONFORMANCE.md``; the ``doomloop conformance DIR`` command prints the same lines.
"""

from __future__ import annotations

import csv
import io
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..errors import DoomloopError
from .errors import NotCovered
from .ir import canonical

#: Cases whose canonical output the kernel does not reproduce, with the reason; on each the
#: kernel equals pysimlin (tests/kernel/test_exactness.py checks it).
KNOWN_DIFFERENCES = {
    "tests/active_initial": "the canonical output comes from Vensim's ACTIVE INITIAL, which "
    "the xmutil conversion dropped: the XMILE file's own equations give 0 at the start",
    "tests/exp": "near zero the canonical values carry about 2.5e-6 of single-precision "
    "noise (kernel -1e-15, canonical -2.52e-06 where the exact value is 0)",
    "tests/zeroled_decimals": "the file asks for RK4 while the canonical run used Euler",
}

MODEL_SUFFIXES = (".xmile", ".stmx", ".xml")
OUTPUT_NAMES = ("output.csv", "output.tab")
RTOL = 1e-4
ATOL = 1e-6


def default_models_dir() -> Path | None:
    """The SDXorg test-model collection, or None.

    ``$DOOMLOOP_TEST_MODELS`` when set; otherwise the copy vendored in a source checkout,
    ``tests/sdxorg-test-models`` (an installed wheel does not carry it).
    """
    env = os.environ.get("DOOMLOOP_TEST_MODELS")
    if env:
        return Path(env) if Path(env).is_dir() else None
    here = Path(__file__).resolve()
    roots = [p for p in here.parents if (p / "pyproject.toml").exists()]
    cand = roots[0] / "tests" / "sdxorg-test-models" if roots else None
    return cand if cand is not None and cand.is_dir() else None


@dataclass
class FileResult:
    """Outcome of one model file: ``passed``, ``failed`` or ``not covered``."""

    path: Path
    status: str
    detail: str = ""


@dataclass
class CaseResult:
    """Outcome of one folder (all its model files)."""

    folder: Path
    files: list[FileResult] = field(default_factory=list)

    @property
    def status(self) -> str:
        states = {f.status for f in self.files}
        if "failed" in states:
            return "failed"
        if "passed" in states:
            return "passed"
        return "not covered"

    def line(self, root: Path | None = None) -> str:
        """One human-readable line for this folder."""
        name = str(self.folder.relative_to(root)) if root else str(self.folder)
        if name == ".":
            name = self.folder.name
        st = self.status
        pick = [f for f in self.files if f.status == st]
        if st == "passed":
            extra = [f for f in self.files if f.status != "passed"]
            note = f" ({len(pick)} file(s)"
            note += f"; {len(extra)} not covered: {extra[0].detail})" if extra else ")"
            return f"{name}: passed{note}"
        return f"{name}: {st}: {pick[0].path.name}: {pick[0].detail}"


def find_cases(root: str | Path) -> Iterator[Path]:
    """Folders under *root* holding a canonical output and at least one model file."""
    for dirpath, _dirs, files in sorted(os.walk(root)):
        if any(o in files for o in OUTPUT_NAMES) and any(
            f.lower().endswith(MODEL_SUFFIXES) for f in files
        ):
            yield Path(dirpath)


def read_canonical(folder: Path) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Times and columns (canonical names) of a folder's ``output.csv``/``output.tab``."""
    for name in OUTPUT_NAMES:
        p = folder / name
        if p.exists():
            text = p.read_text(encoding="utf-8", errors="replace")
            break
    else:
        raise FileNotFoundError(f"{folder}: no output.csv or output.tab")
    delim = "\t" if name.endswith(".tab") else ","
    rows = list(
        csv.reader(io.StringIO(text.replace("\r\n", "\n").replace("\r", "\n")), delimiter=delim)
    )
    rows = [r for r in rows if r and any(c.strip() for c in r)]
    header = [c.strip() for c in rows[0]]
    data: dict[str, list[float]] = {_column_name(h): [] for h in header}
    keys = list(data)
    for r in rows[1:]:
        for k, cell in zip(keys, r, strict=False):
            try:
                data[k].append(float(cell))
            except ValueError:
                data[k].append(np.nan)
    cols = {k: np.asarray(v, dtype=float) for k, v in data.items()}
    tkey = keys[0]
    return cols.pop(tkey), cols


def _column_name(h: str) -> str:
    h = h.strip().strip('"')
    if h.endswith("]") and "[" in h:
        base, _, rest = h.partition("[")
        subs = ",".join(canonical(s) for s in rest[:-1].split(","))
        return f"{canonical(base)}[{subs}]"
    return canonical(h)


def check_file(path: Path, times: np.ndarray, expected: dict[str, np.ndarray]) -> FileResult:
    """Compile and run one model file; compare it with *expected* columns."""
    from .kernel import compile_model

    try:
        k = compile_model(path, semantics="reference")
    except NotCovered as exc:
        what = "; ".join(f"{v}: {c}" for v, c in exc.constructs[:2])
        return FileResult(path, "not covered", what)
    except DoomloopError as exc:
        return FileResult(path, "not covered", f"{type(exc).__name__}: {exc}")
    except (RecursionError, MemoryError, ValueError) as exc:  # one bad file fails alone
        return FileResult(path, "failed", f"could not compile: {type(exc).__name__}: {exc}")
    have = set(k.variable_names)
    cols = [c for c in expected if c in have]
    if not cols:
        return FileResult(path, "failed", "no output column names a model variable")
    step = k.ir.dt
    times = np.unique(k.ir.start + np.round((times - k.ir.start) / step) * step)
    times = times[times <= k.ir.stop + step / 2]
    try:
        res = k.run(variables=cols, times=times, output="arrays", backend="numpy")
    except DoomloopError as exc:
        return FileResult(path, "failed", f"run failed: {exc}")
    first: tuple[float, str, float, float] | None = None
    for c in cols:
        got = res.values[c][0]
        want = expected[c][: len(got)]
        ok = np.abs(got - want) <= ATOL + RTOL * np.abs(want)
        ok |= np.isnan(want)
        if not ok.all():
            i = int(np.argmin(ok))
            cand = (float(res.times[i]), c, float(got[i]), float(want[i]))
            if first is None or cand[0] < first[0]:
                first = cand
    if first is not None:
        t, c, g, w = first
        return FileResult(
            path, "failed", f"'{c}' diverges at time {t:g}: kernel {g:.6g}, canonical {w:.6g}"
        )
    return FileResult(path, "passed", f"{len(cols)} columns")


def check_folder(folder: Path) -> CaseResult:
    """Check every model file in *folder* against its canonical output.

    A case whose canonical output cannot be read fails alone (the rest of a suite goes on).
    """
    res = CaseResult(folder)
    try:
        times, expected = read_canonical(folder)
    except (OSError, ValueError, IndexError) as exc:  # a missing, empty or garbled output file
        res.files.append(
            FileResult(folder, "failed", f"canonical output unreadable ({exc}); fix the file")
        )
        return res
    for f in sorted(folder.iterdir()):
        if f.suffix.lower() in MODEL_SUFFIXES and f.is_file():
            res.files.append(check_file(f, times, expected))
    return res


def run_suite(root: str | Path) -> list[CaseResult]:
    """Check every case folder under *root*."""
    return [check_folder(f) for f in find_cases(root)]


def summary(results: list[CaseResult]) -> str:
    """The closing line: ``N passed, M failed, K not covered``."""
    n = sum(r.status == "passed" for r in results)
    m = sum(r.status == "failed" for r in results)
    k = sum(r.status == "not covered" for r in results)
    return f"{n} passed, {m} failed, {k} not covered"


def report(results: list[CaseResult], root: Path) -> str:
    """Markdown of the suite results (the body of ``CONFORMANCE.md``)."""
    lines = [
        "# Kernel conformance",
        "",
        "Generated by `python -m doomloop.kernel.conformance tests/sdxorg-test-models --write "
        "src/doomloop/kernel/CONFORMANCE.md`; do not edit by hand.",
        "",
        f"Collection: the XMILE test models (`{root.name}`), compared at every canonical time "
        f"with rtol {RTOL:g}, atol {ATOL:g}.",
        "",
        f"**{summary(results)}**",
        "",
        "| case | result | detail |",
        "|---|---|---|",
    ]
    for r in results:
        for f in r.files:
            rel = f.path.relative_to(root)
            detail = f.detail.replace("|", "\\|").replace("\n", " ")
            lines.append(f"| `{rel}` | {f.status} | {detail} |")
    lines += [
        "",
        "## Known differences from the canonical outputs",
        "",
        "On each of these the kernel equals pysimlin run on the same file:",
        "",
    ]
    lines += [f"- `{case}`: {why}." for case, why in KNOWN_DIFFERENCES.items()]
    lines += [
        "",
        "## Semantics",
        "",
        'The suite runs the kernel with `semantics="reference"`, the behaviour of the tools '
        "that made the canonical outputs: `<non_negative/>` flows and stocks are clamped at "
        "zero, `INT` truncates, `MOD` keeps the dividend's sign, and graphical functions honour "
        '`type` (extrapolate, discrete). The default, `semantics="pysimlin"`, matches '
        "pysimlin 0.8 instead (which ignores `<non_negative/>`, floors in `INT`, takes the "
        "divisor's sign in `MOD` and reads every graphical function as continuous), so that "
        "every ensemble member equals a pysimlin run.",
        "",
        "Not covered (each reported with the construct): macros, modules, 2-D arrays, "
        "dimension mappings and subranges, Vensim placeholders (`???`), several `<eqn>` in one "
        "variable, postfix `not`.",
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """``python -m doomloop.kernel.conformance [DIR] [--write PATH]``."""
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dir", nargs="?", default=None)
    ap.add_argument("--write", default=None, help="write the Markdown report here")
    a = ap.parse_args(argv)
    root = Path(a.dir) if a.dir else default_models_dir()
    if root is None or not root.is_dir():
        sys.stderr.write("no test-model directory; give DIR or set DOOMLOOP_TEST_MODELS\n")
        return 2
    results = run_suite(root)
    text = "\n".join(r.line(root) for r in results) + "\n" + summary(results) + "\n"
    sys.stdout.write(text)
    if a.write:
        Path(a.write).write_text(report(results, root), encoding="utf-8")
    return 1 if any(r.status == "failed" for r in results) else 0


if __name__ == "__main__":
    raise SystemExit(main())
