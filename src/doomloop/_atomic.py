"""Atomic writes for analysis outputs, over :mod:`doomloop.io.atomic`.

A temporary file beside the target moves into place when writing succeeds; an existing
target is refused (:class:`~doomloop.errors.OutputExistsError`) unless *force*.
"""

from __future__ import annotations

from pathlib import Path

from .io.atomic import atomic_output as atomic_path
from .io.atomic import atomic_write_text


def write_text(path: str | Path, text: str, force: bool = False) -> Path:
    """Write *text* (UTF-8) to *path* atomically."""
    return atomic_write_text(path, text, force)


__all__ = ["atomic_path", "write_text"]
