"""Errors of the vectorized kernel, all :class:`~doomloop.errors.ModelFileError` subclasses."""

from __future__ import annotations

from ..errors import ModelFileError

FALLBACK = "not covered by the vectorized kernel; doomloop falls back to pysimlin"


class NotCovered(ModelFileError):
    """A model uses a construct the kernel does not compile.

    ``constructs`` lists ``(variable, construct)`` pairs; the message names each one and
    says that doomloop falls back to pysimlin for this model.
    """

    def __init__(self, path: str, constructs: list[tuple[str, str]]):
        self.path = path
        self.constructs = list(constructs)
        shown = "; ".join(f"variable '{v}': {c}" for v, c in self.constructs[:6])
        more = f" (and {len(self.constructs) - 6} more)" if len(self.constructs) > 6 else ""
        super().__init__(
            f"{path}: {shown}{more}: {FALLBACK}. To use the kernel, rewrite these equations "
            "with the covered builtins (see doomloop/kernel/CONFORMANCE.md)."
        )


class EquationError(ModelFileError):
    """An equation the kernel's parser cannot read (a syntax error)."""


class CycleError(ModelFileError):
    """Variables that depend on each other within one time step (a simultaneous loop)."""
