"""Reading the small text files users hand in (reference data, checks files, scenarios)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ..errors import DoomloopError

#: Largest scenario, checks or parameter file doomloop reads (the shipped ones are under 64 KiB).
MAX_USER_FILE_BYTES = 4 << 20


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


def read_csv_rows(
    path: Path,
    columns: tuple[str, ...],
    *,
    what: str,
    error: type[DoomloopError],
    limit: int = MAX_USER_FILE_BYTES,
) -> list[tuple[int, dict[str, str]]]:
    """The rows of a CSV file with a header, as ``(line, {column: text})``, checked.

    Raises *error* naming the file (and line) for a missing file, a file over *limit* bytes,
    text that is not UTF-8 (a byte-order mark is dropped), missing columns, and a row with
    fewer or more fields than the header.
    """
    text = read_user_text(
        path, what=what, error=error, limit=limit, hint="split it or remove unused rows"
    )
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""), restkey="\0extra")
        header = [h.strip() for h in (reader.fieldnames or [])]
    except csv.Error as exc:
        raise error(
            f"{path}: not a readable CSV file ({exc}); save it as comma-separated text"
        ) from None
    missing = [c for c in columns if c not in header]
    if missing:
        raise error(
            f"{path}: missing column(s) {', '.join(missing)}; the header must be: "
            f"{','.join(columns)}"
        )
    reader.fieldnames = header
    rows: list[tuple[int, dict[str, str]]] = []
    try:
        for row in reader:
            line = reader.line_num
            extra = row.pop("\0extra", None)
            short = [k for k, v in row.items() if v is None]
            if short or extra:
                got = len(header) - len(short) + len(extra or [])
                raise error(
                    f"{path}:{line}: the row has {got} fields but the header has "
                    f"{len(header)}; give every column a value (quote a text holding commas)"
                )
            rows.append((line, row))
    except csv.Error as exc:
        raise error(f"{path}:{reader.line_num}: {exc}; fix the quoting of this row") from None
    return rows
