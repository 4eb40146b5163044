"""Reference data: the ``name,year,value`` CSV files that runs are compared with.

One reader serves behaviour reproduction in ``doomloop check``
(:func:`doomloop.check.reproduction.load_reference`) and calibration
(:func:`doomloop.analysis.calibration.load_reference`). The columns are ``name``, ``year`` and
``value``, optionally ``weight`` (a number >= 0; an empty cell or no column means 1) and
``country``; other columns (``source``, ``note``) are ignored. Read for a model, a file of
several countries is filtered to the model's name, each name must be a model variable and each
year must lie inside the run. Every refusal is a :class:`~doomloop.errors.DataError` naming
the file and line.
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .engine import canonical_name
from .errors import DataError, did_you_mean
from .io.text import read_user_text

if TYPE_CHECKING:
    from .engine import Model

REQUIRED = ("name", "year", "value")
MAX_REFERENCE_BYTES = 64 * 1024 * 1024
_Row = dict[Any, Any]  # a csv.DictReader row; the key None holds surplus fields


@dataclass(frozen=True)
class ReferenceRow:
    """One observation; *name* is the model variable when read for a model."""

    name: str
    year: float
    value: float
    weight: float
    line: int


def _rows(path: Path) -> tuple[list[str], list[tuple[int, _Row]]]:
    """Header and numbered rows of the CSV at *path*, after the file-level checks."""
    text = read_user_text(
        path,
        what="reference data",
        error=DataError,
        limit=MAX_REFERENCE_BYTES,
        hint="keep only the series to compare",
    )
    reader = csv.DictReader(text.splitlines())
    header = [h.strip() for h in (reader.fieldnames or [])]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise DataError(
            f"{path}:1: missing column(s) {', '.join(missing)} "
            f"(found: {', '.join(header) or 'none'}); "
            "the header must be name,year,value (optionally ,weight and ,country)"
        )
    reader.fieldnames = header
    return header, list(enumerate(reader, start=2))


def _one_country(
    path: Path, rows: list[tuple[int, _Row]], model: Model | None
) -> list[tuple[int, _Row]]:
    """The rows of the model's country (of the only country when read without a model)."""
    countries = sorted({(r.get("country") or "").strip() for _, r in rows})
    if len(countries) <= 1:
        return rows
    if model is None:
        raise DataError(f"{path}: holds countries {', '.join(countries)}; keep one country's rows")
    want = [c for c in countries if c.lower() == model.name.lower()]
    if not want:
        raise DataError(
            f"{path}: holds countries {', '.join(countries)} but none is the model "
            f"'{model.name}'; keep one country's rows or name it '{model.name}'"
        )
    return [(i, r) for i, r in rows if (r.get("country") or "").strip() == want[0]]


def _number(path: Path, line: int, col: str, cell: str, raw: str) -> float:
    try:
        x = float(cell)
    except ValueError:
        x = float("nan")
    if not math.isfinite(x):
        raise DataError(
            f"{path}:{line}: {col} {cell!r} of '{raw}' is not a finite number; write a "
            "plain number such as 2020 or 1.5e6 (leave missing years out)"
        )
    return x


def _weight(path: Path, line: int, cell: str, raw: str) -> float:
    if not cell:
        return 1.0
    try:
        w = float(cell)
    except ValueError:
        w = float("nan")
    if not (math.isfinite(w) and w >= 0):
        raise DataError(
            f"{path}:{line}: weight {cell!r} of '{raw}' is not a number >= 0; write a weight "
            "such as 1 (0 leaves the point out of a fit) or leave the cell empty for 1"
        )
    return w


def read_reference(path: str | Path, model: Model | None = None) -> list[ReferenceRow]:
    """Read and validate the reference-data CSV at *path*, for *model* when given.

    Raises
    ------
    DataError
        A missing, oversized or non-UTF-8 file; missing columns; several countries (none the
        model's); more fields than columns; an empty name or one the model lacks; a year,
        value or weight that is not a finite number (weight also >= 0); a year outside the
        run; a repeated (name, year); or no rows. The message names file and line.
    """
    path = Path(path)
    header, rows = _rows(path)
    if "country" in header:
        rows = _one_country(path, rows, model)
    if not rows:
        raise DataError(f"{path}: no data rows; add lines such as population,2020,126.1e6")
    have = set(model.variable_names) if model is not None else set()
    out: list[ReferenceRow] = []
    first: dict[tuple[str, float], int] = {}
    for line, r in rows:
        if None in r:
            raise DataError(f"{path}:{line}: more fields than the header has columns")
        raw = (r.get("name") or "").strip()
        if not raw:
            raise DataError(f"{path}:{line}: empty name; write the model variable's name")
        name = raw
        if model is not None:
            name = raw if raw in have else canonical_name(raw)
            if name not in have:
                raise DataError(
                    f"{path}:{line}: model '{model.name}' has no variable '{raw}'."
                    f"{did_you_mean(raw, have)} Names are as in Model.variable_names"
                )
        year = _number(path, line, "year", (r.get("year") or "").strip(), raw)
        value = _number(path, line, "value", (r.get("value") or "").strip(), raw)
        weight = _weight(path, line, (r.get("weight") or "").strip(), raw)
        if model is not None:
            ts = model.time_spec
            if not (ts.start - 1e-9 <= year <= ts.stop + 1e-9):
                raise DataError(
                    f"{path}:{line}: year {year:g} of '{raw}' is outside the run ({ts.start:g} "
                    f"to {ts.stop:g}); drop the row or extend the run"
                )
        if (name, year) in first:
            raise DataError(
                f"{path}:{line}: '{raw}' has a second value for {year:g} (first on line "
                f"{first[name, year]}); keep one"
            )
        first[name, year] = line
        out.append(ReferenceRow(name, year, value, weight, line))
    return out
