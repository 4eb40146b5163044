"""Result types shared by every check: findings grouped in sections, and the whole report."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: Statuses, mildest first. ``fail`` makes ``doomloop check`` exit non-zero; ``warn`` does
#: not; ``info`` reports numbers without a verdict; ``skip`` says why a test could not run.
STATUSES = ("pass", "info", "skip", "warn", "fail")
_RANK = {s: i for i, s in enumerate(STATUSES)}


def worst(statuses: list[str] | tuple[str, ...], default: str = "pass") -> str:
    """The most serious of *statuses* (``fail`` > ``warn`` > ``skip`` > ``info`` > ``pass``)."""
    return max(statuses, key=_RANK.__getitem__) if statuses else default


@dataclass(frozen=True)
class Finding:
    """One verdict: what was tested, its status and a sentence that says why."""

    test: str
    status: str
    message: str

    def __post_init__(self) -> None:
        if self.status not in _RANK:
            raise ValueError(f"status {self.status!r} is not one of {STATUSES}")


@dataclass
class Table:
    """A small table for the card: column names and rows of plain values."""

    title: str
    columns: list[str]
    rows: list[list[Any]] = field(default_factory=list)


@dataclass(frozen=True)
class FitPanel:
    """One reference series against the baseline run: what a fit chart draws."""

    variable: str
    label: str  # the variable's long name, with its units
    model_times: tuple[float, ...]
    model_values: tuple[float, ...]
    years: tuple[float, ...]
    observed: tuple[float, ...]
    log: bool  # judged in orders of magnitude: drawn on a log axis
    result: str  # e.g. "MAPE 3.1% (limit 5%): pass"


@dataclass
class Section:
    """The result of one kind of test (structure, extremes, ...)."""

    key: str
    title: str
    method: str
    findings: list[Finding] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    fits: list[FitPanel] = field(default_factory=list)

    @property
    def status(self) -> str:
        return worst([f.status for f in self.findings], default="skip")

    def add(self, test: str, status: str, message: str) -> Finding:
        finding = Finding(test, status, message)
        self.findings.append(finding)
        return finding

    def count(self, status: str) -> int:
        return sum(1 for f in self.findings if f.status == status)


@dataclass
class CheckReport:
    """Everything ``doomloop check`` found about one model."""

    model_name: str
    model_path: str
    model_sha256: str
    doomloop_version: str
    engine_version: str
    time: dict[str, Any]
    sections: list[Section] = field(default_factory=list)
    runs: int = 0

    @property
    def status(self) -> str:
        """``fail`` or ``warn`` if any section says so, else ``pass`` (skips do not count)."""
        verdicts = [s.status for s in self.sections if s.status not in ("skip", "info")]
        return worst(verdicts, default="skip" if self.sections else "pass")

    @property
    def failed(self) -> bool:
        return self.status == "fail"

    def section(self, key: str) -> Section:
        for s in self.sections:
            if s.key == key:
                return s
        raise KeyError(key)
