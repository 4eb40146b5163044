"""``doomloop check``: the automatable model tests of Sterman's canon, and a model card.

:func:`run_checks` runs, within a cap on the number of simulations:

* structure: dimensional consistency (the engine's unit inference) and undefined or unused
  variables (:mod:`.structure`);
* parameter provenance: a source for every constant (:mod:`.provenance`);
* extreme conditions: every lever and assumption at its bounds, alone and together, with no
  NaN, no negative stocks and exact conservation (:mod:`.extremes`);
* integration error: dt halved, Euler against RK4 (:mod:`.integration`);
* behaviour reproduction against reference data, with Theil statistics (:mod:`.reproduction`);
* model-specific predicates from a checks file (:mod:`.checksfile`, :mod:`.user`);
* family-member results of doomloop's own models (:mod:`.family`).

It returns a :class:`~.results.CheckReport`; :mod:`.card` renders it as Markdown and HTML.
Nothing here prints or writes files.

References
----------
Sterman, J. D. (2000). *Business Dynamics: Systems Thinking and Modeling for a Complex
World*, ch. 21. Irwin/McGraw-Hill.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import DoomloopError
from ._common import RunBudget
from .checksfile import ChecksFile, load_checks, parse_checks
from .conservation import check_conservation
from .extremes import check_extremes, conservation_rules
from .family import check_family
from .integration import check_integration
from .provenance import check_provenance
from .reproduction import ReferenceSeries, check_reproduction, load_reference, merge_reference
from .results import CheckReport, Finding, Section, Table
from .structure import check_structure
from .user import check_user

if TYPE_CHECKING:
    from ..analysis.history_match import Record
    from ..engine import Model

__all__ = [
    "CheckReport",
    "ChecksFile",
    "Finding",
    "ReferenceSeries",
    "Section",
    "Table",
    "default_checks_path",
    "default_reference_path",
    "default_reference_paths",
    "load_checks",
    "load_reference",
    "load_references",
    "parse_checks",
    "run_checks",
]

#: Order of the sections in the report and card.
ORDER = (
    "structure",
    "provenance",
    "extremes",
    "conservation",
    "integration",
    "reproduction",
    "user",
    "family",
)


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "unknown"


def default_checks_path(model: Model) -> Path | None:
    """``checks.toml`` beside a model folder's ``model.xmile``, if there is one."""
    from ..engine import MODEL_FILE_NAMES

    if model.path.name in MODEL_FILE_NAMES:
        p = model.path.parent / "checks.toml"
        if p.is_file():
            return p
    return None


#: Reference files beside a model folder's model.xmile, read in this order and merged:
#: history.csv (population, workforce, language; calibration reads it too) and
#: history_ai.csv (the AI side from the Epoch record and figures.csv, for checks only).
REFERENCE_FILES = ("history.csv", "history_ai.csv")


def default_reference_paths(model: Model) -> list[Path]:
    """Every file of :data:`REFERENCE_FILES` beside a model folder's ``model.xmile``."""
    from ..engine import MODEL_FILE_NAMES

    if model.path.name not in MODEL_FILE_NAMES:
        return []
    return [p for n in REFERENCE_FILES if (p := model.path.parent / n).is_file()]


def load_references(paths: list[Path], model: Model) -> list[ReferenceSeries]:
    """The reference files at *paths*, each validated for *model*, merged by variable.

    Raises :class:`~doomloop.errors.DataError` for a refused file or a (variable, year) that
    two files both give.
    """
    return merge_reference([(str(p), load_reference(p, model)) for p in paths])


def history_record(model: Model) -> Record | None:
    """The record a history match reads (:mod:`doomloop.analysis.history_match`): the model
    folder's reference files, each series compared as behaviour reproduction compares it
    (by difference under an ``mae`` rule of its ``checks.toml``, by log10 ratio otherwise)."""
    from ..analysis.history_match import record

    paths = default_reference_paths(model)
    if not paths:
        return None
    checks_path = default_checks_path(model)
    checks = load_checks(checks_path, model) if checks_path else ChecksFile()
    linear = {r.variable for r in checks.reproduction if r.metric == "mae"}
    return record(model, load_references(paths, model), linear)


def default_reference_path(model: Model) -> Path | None:
    """``history.csv`` beside a model folder's ``model.xmile`` (reference data), if any."""
    from ..engine import MODEL_FILE_NAMES

    if model.path.name in MODEL_FILE_NAMES:
        p = model.path.parent / "history.csv"
        if p.is_file():
            return p
    return None


def run_checks(
    model: Model,
    checks: ChecksFile | None = None,
    reference: list[ReferenceSeries] | None = None,
    reference_origin: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> CheckReport:
    """Run every automatable test on *model*; return the report (never prints or writes).

    Parameters
    ----------
    model
        A loaded model (load with ``strict=False`` so that unit issues are reported here
        rather than refused at load time).
    checks
        A validated checks file (:func:`load_checks`); defaults apply without one.
    reference
        Validated reference data (:func:`load_reference`) for behaviour reproduction.
    progress
        ``progress(done, total)`` after the baseline run and after each section.

    Notes
    -----
    At most ``checks.max_runs`` simulations are made (default 80): the baseline, two for
    integration error, one per user check, three for conservation, then as many extreme runs
    as fit, all-together first. Runs that do not fit are reported, not silently dropped.
    """
    from .. import __version__

    checks = checks or ChecksFile()
    budget = RunBudget(model, checks.max_runs)
    ts = model.time_spec
    report = CheckReport(
        model_name=model.name,
        model_path=str(model.path),
        model_sha256=hashlib.sha256(model.path.read_bytes()).hexdigest(),
        doomloop_version=__version__,
        engine_version=f"pysimlin {_version('pysimlin')}",
        time={"start": ts.start, "stop": ts.stop, "dt": ts.dt, "method": model.method},
    )
    rules, _ = conservation_rules(model, checks)
    reported = {v for r in rules for v in (r.stock, *r.inflows, *r.outflows)}
    reported.update(p.variable for c in checks.checks for p in c.expect)
    sections: dict[str, Section] = {}
    total = len(ORDER) + 1  # the sections and the baseline run

    def done(key: str, section: Section) -> None:
        sections[key] = section
        if progress is not None:
            progress(len(sections) + (key != "structure"), total)

    done("structure", check_structure(model, reported))
    base = None
    base_error: DoomloopError | None = None
    try:
        base = budget.run(None, save_every=None)
    except DoomloopError as exc:
        base_error = exc
    if progress is not None:
        progress(2, total)
    done("provenance", check_provenance(model))
    integ = check_integration(model, checks, budget, base=base)
    if base_error is not None:
        integ.findings.insert(
            0, Finding("baseline", "fail", f"the baseline run failed: {base_error}")
        )
    done("integration", integ)
    done(
        "reproduction",
        check_reproduction(
            model, reference, base, checks.max_mape, reference_origin, checks.reproduction
        ),
    )
    done("user", check_user(checks, budget))
    done("conservation", check_conservation(model, checks, budget))
    done("extremes", check_extremes(model, checks, budget, base, base_error))
    done("family", check_family(model))
    report.sections = [sections[k] for k in ORDER]
    report.runs = budget.used
    return report
