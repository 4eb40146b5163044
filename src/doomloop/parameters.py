"""The parameter table: every constant of a model with its value, range and source.

A model folder holds ``parameters.csv`` with the columns in :data:`COLUMNS`. ``low`` and
``high`` are read as the 5th and 95th percentiles of the analyst's uncertainty; ``lower_bound``
and ``upper_bound`` are the physically possible range, which no run may leave. ``group`` keeps
policy levers apart from world-view assumptions (and from fixed data).
"""

from __future__ import annotations

import csv
import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .errors import DataError, OutOfBoundsError, UnknownParameterError, did_you_mean

COLUMNS = (
    "name",
    "value",
    "units",
    "low",
    "high",
    "lower_bound",
    "upper_bound",
    "group",
    "sector",
    "distribution",
    "source",
    "note",
)
GROUPS = ("policy", "assumption", "data")
DISTRIBUTIONS = ("lognormal", "normal", "uniform", "fixed")


@dataclass(frozen=True)
class Parameter:
    """One constant of a model, with its uncertainty range and provenance."""

    name: str
    value: float
    units: str
    low: float
    high: float
    lower_bound: float
    upper_bound: float
    group: str
    sector: str
    distribution: str
    source: str
    note: str

    @property
    def is_policy(self) -> bool:
        return self.group == "policy"

    @property
    def is_assumption(self) -> bool:
        """True where the source is a declared modelling assumption, not a figure."""
        return self.source.lower().startswith("assumption")

    def check(self, value: float, origin: str = "") -> float:
        """Return *value* as float, or raise naming the parameter, its bounds and the fix."""
        where = f" in {origin}" if origin else ""
        try:
            x = float(value)
        except (TypeError, ValueError):
            raise OutOfBoundsError(
                f"parameter '{self.name}'{where}: {value!r} is not a number; "
                f"give a number in [{self.lower_bound:g}, {self.upper_bound:g}] {self.units}"
            ) from None
        except OverflowError:  # an integer beyond float range (TOML allows any length)
            raise OutOfBoundsError(
                f"parameter '{self.name}'{where}: the value is too large for a float; "
                f"give a number in [{self.lower_bound:g}, {self.upper_bound:g}] {self.units}"
            ) from None
        if not math.isfinite(x) or not (self.lower_bound <= x <= self.upper_bound):
            raise OutOfBoundsError(
                f"parameter '{self.name}'{where}: {x:g} is outside its possible range "
                f"[{self.lower_bound:g}, {self.upper_bound:g}] {self.units}; "
                f"use a value inside it (default {self.value:g}, "
                f"plausible {self.low:g} to {self.high:g})"
            )
        return x


def _num(row: dict[str, str], key: str, path: Path, line: int) -> float:
    text = (row.get(key) or "").strip()
    try:
        return float(text)
    except ValueError:
        raise DataError(
            f"{path}:{line}: column '{key}' of parameter '{row.get('name')}' is {text!r}, "
            "not a number; write a plain number such as 0.25 or 1e-3"
        ) from None


class ParameterTable(Mapping[str, Parameter]):
    """An ordered, read-only mapping of parameter name to :class:`Parameter`."""

    def __init__(self, params: list[Parameter]):
        self._params = {p.name: p for p in params}

    @classmethod
    def from_csv(cls, path: str | Path) -> ParameterTable:
        """Read and validate a ``parameters.csv`` file."""
        path = Path(path)
        with path.open(newline="", encoding="utf-8") as fh:
            reader = csv.DictReader(fh)
            missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise DataError(
                    f"{path}: missing column(s) {', '.join(missing)}; "
                    f"the header must be: {','.join(COLUMNS)}"
                )
            params: list[Parameter] = []
            seen: dict[str, int] = {}
            for line, row in enumerate(reader, start=2):
                name = (row["name"] or "").strip()
                if not name:
                    raise DataError(f"{path}:{line}: empty parameter name")
                if name in seen:
                    raise DataError(
                        f"{path}:{line}: parameter '{name}' is defined twice "
                        f"(first on line {seen[name]}); keep one row"
                    )
                seen[name] = line
                group = row["group"].strip()
                if group not in GROUPS:
                    raise DataError(
                        f"{path}:{line}: group {group!r} of '{name}' must be one of {GROUPS}"
                    )
                dist = row["distribution"].strip() or "normal"
                if dist not in DISTRIBUTIONS:
                    raise DataError(
                        f"{path}:{line}: distribution {dist!r} of '{name}' must be one of "
                        f"{DISTRIBUTIONS}"
                    )
                p = Parameter(
                    name=name,
                    value=_num(row, "value", path, line),
                    units=row["units"].strip(),
                    low=_num(row, "low", path, line),
                    high=_num(row, "high", path, line),
                    lower_bound=_num(row, "lower_bound", path, line),
                    upper_bound=_num(row, "upper_bound", path, line),
                    group=group,
                    sector=row["sector"].strip(),
                    distribution=dist,
                    source=row["source"].strip(),
                    note=row["note"].strip(),
                )
                if not (p.lower_bound <= p.low <= p.value <= p.high <= p.upper_bound):
                    raise DataError(
                        f"{path}:{line}: '{name}' needs lower_bound <= low <= value <= high "
                        f"<= upper_bound, got {p.lower_bound:g} <= {p.low:g} <= {p.value:g} "
                        f"<= {p.high:g} <= {p.upper_bound:g}"
                    )
                if dist == "lognormal" and p.low <= 0:
                    raise DataError(
                        f"{path}:{line}: '{name}' is lognormal but low={p.low:g} is not "
                        "positive; use distribution 'normal' or a positive low"
                    )
                params.append(p)
        return cls(params)

    def __getitem__(self, name: str) -> Parameter:
        try:
            return self._params[name]
        except KeyError:
            raise UnknownParameterError(
                f"unknown parameter '{name}'.{did_you_mean(name, self._params)} "
                "List them with `doomloop parameters` or Model.parameters."
            ) from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._params)

    def __len__(self) -> int:
        return len(self._params)

    @property
    def defaults(self) -> dict[str, float]:
        return {n: p.value for n, p in self._params.items()}

    def in_group(self, group: str) -> list[Parameter]:
        return [p for p in self._params.values() if p.group == group]

    @property
    def uncertain(self) -> list[Parameter]:
        """Parameters with a range to sample (not fixed data, low < high)."""
        return [
            p
            for p in self._params.values()
            if p.group != "data" and p.distribution != "fixed" and p.low < p.high
        ]

    def validate(self, values: Mapping[str, float], origin: str = "") -> dict[str, float]:
        """Check names and bounds of *values*; return them as floats."""
        return {name: self[name].check(v, origin) for name, v in values.items()}

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame([p.__dict__ for p in self._params.values()]).set_index("name")
