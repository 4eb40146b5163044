"""One exception hierarchy for doomloop.

Every message says what went wrong, where (file, line, variable, time), the offending value
and how to fix it, so that the command line and the web API can show it unchanged.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable


class DoomloopError(Exception):
    """Base class of every error doomloop raises on purpose."""


class ModelFileError(DoomloopError):
    """A model file is missing, malformed, hostile or rejected by the engine."""


class ParameterError(DoomloopError):
    """A parameter name or value is not acceptable."""


class UnknownParameterError(ParameterError, KeyError):
    """A parameter name that the model's parameter table does not have."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


class OutOfBoundsError(ParameterError, ValueError):
    """A parameter value outside its physically possible range."""


class ScenarioError(DoomloopError, ValueError):
    """A scenario file that cannot be used as it is."""


class SimulationError(DoomloopError, RuntimeError):
    """A run that produced NaN or infinity, or that the engine stopped."""


class DataError(DoomloopError, ValueError):
    """Reference data (CSV) that is missing columns, years or numbers."""


class ProfileError(DataError):
    """A model's ``profile.toml`` (levers, outputs, verdicts, graphs) that cannot be used."""


class ChecksFileError(DoomloopError, ValueError):
    """A checks file (``doomloop check --checks``) with unknown, duplicate or bad entries."""


class LinksFileError(DoomloopError, ValueError):
    """A links file (``doomloop links``) with unknown, duplicate or bad entries."""


class ClaimsFileError(DoomloopError, ValueError):
    """The essay's claims file (``doomloop audit``) with an unknown or malformed entry."""


class ExecutorError(DoomloopError, RuntimeError):
    """An executor that cannot start or reach its workers (a Dask scheduler address)."""


class OutputError(DoomloopError, OSError):
    """An output folder or file that cannot be written (a file in the way, read-only, full)."""


class OutputExistsError(DoomloopError, FileExistsError):
    """An output file exists and would be overwritten without --force."""


def did_you_mean(name: str, choices: Iterable[str], n: int = 3) -> str:
    """Return ' Did you mean: a, b?' for close matches of *name*, or ''."""
    close = difflib.get_close_matches(name, list(choices), n=n, cutoff=0.6)
    return f" Did you mean: {', '.join(close)}?" if close else ""
