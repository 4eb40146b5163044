"""Behaviour reproduction: the baseline run against reference data, with Theil statistics.

Reference data is a CSV file with the columns ``name,year,value`` and optionally
``country`` (a file holding several countries is filtered to the model's name); other columns
(``weight``, ``source``, ``note``) are ignored, every point counting once. Each name is a
model variable; each year lies inside the run. For every variable the card reports the number
of points, RMSE, MAPE and Theil's inequality statistics, which split the mean squared error
into bias (U_M), unequal variation (U_S) and unequal covariation (U_C), with
U_M + U_S + U_C = 1. Sterman (1984) reads a large U_M or U_S as a systematic error worth
fixing and a large U_C as unsystematic noise the model need not reproduce. The statistics are
reported without a verdict unless the checks file sets ``[options] max_mape``.

References
----------
Sterman, J. D. (1984). Appropriate summary statistics for evaluating the historical fit of
system dynamics models. *Dynamica* 10(2), 51-66.
Theil, H. (1966). *Applied Economic Forecasting*. North-Holland.
Sterman, J. D. (2000). *Business Dynamics*, ch. 21.4.7, "Behavior Reproduction Tests".
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ..errors import DataError, did_you_mean
from ._common import canonical, display_path
from .results import Section, Table

if TYPE_CHECKING:
    import pandas as pd

    from ..engine import Model

REQUIRED = ("name", "year", "value")
MAX_REFERENCE_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class ReferenceSeries:
    """Observed values of one model variable."""

    variable: str
    years: tuple[float, ...]
    values: tuple[float, ...]


@dataclass(frozen=True)
class FitStatistics:
    """Summary statistics of a simulated against an observed series (Sterman 1984)."""

    n: int
    rmse: float
    mape: float  # NaN when an observed value is zero
    mse: float
    um: float  # NaN when MSE is zero
    us: float
    uc: float


def fit_statistics(simulated: np.ndarray, observed: np.ndarray) -> FitStatistics:
    """RMSE, MAPE and Theil's U_M, U_S, U_C of *simulated* against *observed*.

    ``MSE = mean((S - A)^2)``; ``U_M = (mean S - mean A)^2 / MSE``;
    ``U_S = (s_S - s_A)^2 / MSE``; ``U_C = 2 (1 - r) s_S s_A / MSE``, with population standard
    deviations ``s`` and correlation ``r``, so that ``U_M + U_S + U_C = 1``.

    References
    ----------
    Sterman, J. D. (1984). Appropriate summary statistics for evaluating the historical fit
    of system dynamics models. *Dynamica* 10(2), 51-66.
    """
    s = np.asarray(simulated, dtype=float)
    a = np.asarray(observed, dtype=float)
    n = int(s.size)
    err = s - a
    mse = float(np.mean(err**2))
    rmse = math.sqrt(mse)
    mape = float(np.mean(np.abs(err) / np.abs(a))) if np.all(a != 0) else float("nan")
    if mse == 0.0:
        return FitStatistics(n, rmse, mape, mse, float("nan"), float("nan"), float("nan"))
    ss, sa = float(np.std(s)), float(np.std(a))
    um = float((np.mean(s) - np.mean(a)) ** 2 / mse)
    us = (ss - sa) ** 2 / mse
    if ss > 0 and sa > 0:
        r = float(np.mean((s - s.mean()) * (a - a.mean())) / (ss * sa))
        uc = 2 * (1 - r) * ss * sa / mse
    else:
        uc = 0.0
    return FitStatistics(n, rmse, mape, mse, um, us, uc)


def load_reference(path: str | Path, model: Model) -> list[ReferenceSeries]:
    """Read and validate a reference-data CSV for *model*.

    Raises
    ------
    DataError
        Missing file or columns, an unknown variable, a year outside the run, a value that is
        not a number, a repeated (name, year), or no rows; the message names file and line.
    """
    path = Path(path)
    if not path.is_file():
        raise DataError(f"reference data {path} does not exist; check the path")
    if path.stat().st_size > MAX_REFERENCE_BYTES:
        raise DataError(
            f"{path}: larger than {MAX_REFERENCE_BYTES >> 20} MiB; keep only the series to compare"
        )
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise DataError(f"{path}: not UTF-8 text; save the file as UTF-8 CSV") from None
    reader = csv.DictReader(text.splitlines())
    header = [h.strip() for h in (reader.fieldnames or [])]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise DataError(
            f"{path}:1: missing column(s) {', '.join(missing)} "
            f"(found: {', '.join(header) or 'none'}); "
            "the header must be name,year,value (optionally ,country)"
        )
    reader.fieldnames = header
    rows = list(enumerate(reader, start=2))
    if "country" in header:
        countries = sorted({(r.get("country") or "").strip() for _, r in rows})
        if len(countries) > 1:
            want = [c for c in countries if c.lower() == model.name.lower()]
            if not want:
                raise DataError(
                    f"{path}: holds countries {', '.join(countries)} but none is the model "
                    f"'{model.name}'; keep one country's rows or name it '{model.name}'"
                )
            rows = [(i, r) for i, r in rows if (r.get("country") or "").strip() == want[0]]
    if not rows:
        raise DataError(f"{path}: no data rows; add lines such as population,2020,126.1e6")
    have = set(model.variable_names)
    ts = model.time_spec
    series: dict[str, dict[float, tuple[float, int]]] = {}
    for line, r in rows:
        if None in r:
            raise DataError(f"{path}:{line}: more fields than the header has columns")
        raw = (r.get("name") or "").strip()
        if not raw:
            raise DataError(f"{path}:{line}: empty name; write the model variable's name")
        name = raw if raw in have else canonical(raw)
        if name not in have:
            raise DataError(
                f"{path}:{line}: model '{model.name}' has no variable '{raw}'."
                f"{did_you_mean(raw, have)} Names are as in Model.variable_names"
            )
        values = []
        for col in ("year", "value"):
            cell = (r.get(col) or "").strip()
            try:
                x = float(cell)
            except ValueError:
                x = float("nan")
            if not math.isfinite(x):
                raise DataError(
                    f"{path}:{line}: {col} {cell!r} of '{raw}' is not a finite number; write a "
                    "plain number such as 2020 or 1.5e6 (leave missing years out)"
                )
            values.append(x)
        year, value = values
        if not (ts.start - 1e-9 <= year <= ts.stop + 1e-9):
            raise DataError(
                f"{path}:{line}: year {year:g} of '{raw}' is outside the run ({ts.start:g} to "
                f"{ts.stop:g}); drop the row or extend the run"
            )
        seen = series.setdefault(name, {})
        if year in seen:
            raise DataError(
                f"{path}:{line}: '{raw}' has a second value for {year:g} (first on line "
                f"{seen[year][1]}); keep one"
            )
        seen[year] = (value, line)
    return [
        ReferenceSeries(n, tuple(sorted(d)), tuple(d[y][0] for y in sorted(d)))
        for n, d in series.items()
    ]


def _fmt(x: float) -> str:
    return "n/a" if not math.isfinite(x) else f"{x:.3g}"


def check_reproduction(
    model: Model,
    reference: list[ReferenceSeries] | None,
    base: pd.DataFrame | None,
    max_mape: float | None = None,
    origin: str | None = None,
) -> Section:
    """Fit statistics of the baseline run (*base*, every dt) against *reference*."""
    sec = Section(
        "reproduction",
        "Behaviour reproduction",
        "Baseline run (linearly interpolated to the reference years) against reference data: "
        "RMSE, MAPE and Theil's inequality statistics U_M (bias), U_S (variance), U_C "
        "(covariance), U_M + U_S + U_C = 1 (Sterman 1984).",
    )
    if origin:
        sec.notes.append(f"reference data: {display_path(origin)}")
    if not reference:
        sec.add("reproduction", "skip", "no reference data (give a CSV with --reference)")
        return sec
    if base is None:
        sec.add("reproduction", "fail", "the baseline run failed, so nothing can be compared")
        return sec
    table = Table("Fit", ["variable", "n", "RMSE", "MAPE", "U_M", "U_S", "U_C", "result"])
    sec.tables.append(table)
    t = base.index.to_numpy(dtype=float)
    for ref in reference:
        sim = np.interp(np.asarray(ref.years), t, base[ref.variable].to_numpy(dtype=float))
        st = fit_statistics(sim, np.asarray(ref.values))
        status = "info"
        if max_mape is not None:
            status = "pass" if math.isfinite(st.mape) and st.mape <= max_mape else "fail"
        table.rows.append(
            [
                ref.variable,
                st.n,
                _fmt(st.rmse),
                _fmt(st.mape),
                _fmt(st.um),
                _fmt(st.us),
                _fmt(st.uc),
                status,
            ]
        )
        bound = f" (limit {max_mape:.3g})" if max_mape is not None else ""
        sec.add(
            "reproduction",
            status,
            f"{ref.variable}: n = {st.n}, RMSE {_fmt(st.rmse)}, MAPE {_fmt(st.mape)}{bound}, "
            f"U_M {_fmt(st.um)}, U_S {_fmt(st.us)}, U_C {_fmt(st.uc)}",
        )
    return sec
