"""File output that never leaves a partial or silently overwritten file."""

from .atomic import atomic_output, atomic_write_bytes, atomic_write_many, atomic_write_text

__all__ = ["atomic_output", "atomic_write_bytes", "atomic_write_many", "atomic_write_text"]
