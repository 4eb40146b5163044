"""Reading the small text files users hand in (reference data, checks files, scenarios)."""

from __future__ import annotations

from pathlib import Path

from ..errors import DoomloopError


def _size(n: int) -> str:
    return f"{n >> 20} MiB" if n >= 1 << 20 else f"{n >> 10} KiB"


def read_user_text(
    path: Path,
    *,
    what: str,
    error: type[DoomloopError],
    limit: int | None = None,
    hint: str = "",
) -> str:
    """The UTF-8 text of *path* (a byte-order mark is dropped).

    Raises *error* naming the file when it does not exist, is larger than *limit* bytes
    (``hint`` says what to do) or is not UTF-8.
    """
    if not path.is_file():
        raise error(f"{what} {path} does not exist; check the path")
    if limit is not None and path.stat().st_size > limit:
        raise error(f"{path}: larger than {_size(limit)}; {hint}")
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise error(f"{path}: not UTF-8 text; save the file as UTF-8") from None
