"""The one seam every run goes through: a parameter matrix in, runs out, a status per member.

A :class:`Runner` takes ``matrix`` (one row per member, one column per parameter name), the
``names`` of its columns, the ``variables`` and ``times`` to keep and ``base`` overrides
applied to every member, and returns :class:`Runs`: values ``(member, variable, time)``
(NaN for a failed member), one :class:`Status` per member and an error text that names the
parameter, or the variable and the time, of each failure. A failed member never stops the
others; a mistake in the request (an unknown name, a time outside the run) raises.

It is implemented once for the engine (:class:`doomloop.engine.EngineRunner`, pysimlin, one
member after another; :meth:`doomloop.Model.run` is its one-member case), once for the
compiled kernel (:class:`doomloop.kernel.runner.KernelRunner`, all members at once) and for
plain Python functions (:class:`doomloop.analysis.evaluate.FunctionRunner`, test functions).
:func:`doomloop.analysis.evaluate.evaluate` spreads a matrix over an executor in chunks,
each run by a runner; the kernel's own result codes are these statuses.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

import numpy as np

from .errors import OutOfBoundsError

if TYPE_CHECKING:
    from .parameters import ParameterTable


class Status(enum.IntEnum):
    """How one member's run ended (the kernel's ``KernelResult.status`` codes are these)."""

    OK = 0
    NONFINITE = 1  # a variable became NaN or infinite (the error names it and the time)
    OUT_OF_BOUNDS = 2  # a parameter outside its possible range: refused before running
    ENGINE_ERROR = 3  # the engine stopped
    CHUNK_FAILED = 4  # the worker running the member's chunk failed

    @property
    def label(self) -> str:
        """Lower-case name, as stored in ensemble files (``"ok"``, ``"nonfinite"``, ...)."""
        return self.name.lower()


@dataclass
class Runs:
    """Runs of many members: values, a status and an error text per member."""

    values: np.ndarray  # (member, variable, time); NaN where a member failed
    status: np.ndarray  # (member,) int8 Status codes
    errors: list[str]  # "" for a member that ran, else what failed, where and when
    variables: tuple[str, ...]
    times: np.ndarray

    @property
    def ok(self) -> np.ndarray:
        """Boolean mask of the members that ran."""
        return np.asarray(self.status) == Status.OK

    @property
    def labels(self) -> np.ndarray:
        """Each member's status as its lower-case name (``"ok"``, ``"nonfinite"``, ...)."""
        names = np.array([s.label for s in Status])
        return names[np.asarray(self.status, dtype=int)]

    def __len__(self) -> int:
        return int(self.values.shape[0])

    @classmethod
    def empty(
        cls, n: int, variables: Sequence[str], times: np.ndarray, status: Status, error: str = ""
    ) -> Runs:
        """*n* members that all ended with *status* (NaN values)."""
        return cls(
            np.full((n, len(variables), len(times)), np.nan),
            np.full(n, int(status), dtype=np.int8),
            [error] * n,
            tuple(variables),
            np.asarray(times, dtype=float),
        )

    def fail(self, i: int, status: Status, error: str) -> None:
        """Mark member *i* failed with *status* and *error*; its values become NaN."""
        self.status[i] = int(status)
        self.errors[i] = error
        self.values[i] = np.nan

    def nonfinite_error(self, i: int, model: str) -> str | None:
        """What member *i*'s first NaN or infinite kept value is, where and when (or None)."""
        where = np.nonzero(~np.isfinite(self.values[i]))
        if not where[0].size:
            return None
        first = int(np.argmin(where[1]))  # the earliest time, then the first variable
        v, t = int(where[0][first]), int(where[1][first])
        return (
            f"model '{model}': variable '{self.variables[v]}' is {self.values[i, v, t]} "
            f"at time {self.times[t]:g}. Check the parameters feeding it or shorten dt."
        )

    def check_finite(self, model: str) -> None:
        """Fail each member that ran but kept a NaN or infinite value, naming the first."""
        n = len(self)
        bad = self.ok & ~np.isfinite(self.values).reshape(n, -1).all(axis=1)
        for i in map(int, np.flatnonzero(bad)):
            self.fail(i, Status.NONFINITE, self.nonfinite_error(i, model) or "")


class Runner(Protocol):
    """Runs a matrix of members (see the module docstring)."""

    name: str

    def run(
        self,
        matrix: np.ndarray,
        names: Sequence[str],
        variables: Sequence[str],
        times: np.ndarray,
        base: Mapping[str, float],
    ) -> Runs: ...


def bounds_errors(table: ParameterTable, matrix: np.ndarray, names: Sequence[str]) -> list[str]:
    """Per member, the first out-of-bounds parameter as an error text, or ""."""
    n = matrix.shape[0]
    errors = [""] * n
    if not len(names):
        return errors
    lo = np.array([table[k].lower_bound for k in names])
    hi = np.array([table[k].upper_bound for k in names])
    bad = ~(np.isfinite(matrix) & (matrix >= lo) & (matrix <= hi))
    for i in np.flatnonzero(bad.any(axis=1)):
        j = int(np.flatnonzero(bad[i])[0])
        try:
            table[names[j]].check(matrix[i, j], origin="an ensemble member")
        except OutOfBoundsError as exc:
            errors[i] = str(exc)
    return errors


def start_runs(
    table: ParameterTable,
    matrix: np.ndarray,
    names: Sequence[str],
    variables: Sequence[str],
    times: np.ndarray,
) -> Runs:
    """Runs with NaN values and members out of bounds already failed (the others OK)."""
    runs = Runs.empty(matrix.shape[0], variables, times, Status.OK)
    for i, err in enumerate(bounds_errors(table, matrix, names)):
        if err:
            runs.status[i] = int(Status.OUT_OF_BOUNDS)
            runs.errors[i] = err
    return runs
