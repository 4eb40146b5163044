"""The parameter table: every constant of a model with its value, range and source.

A shipped country folder holds ``values.csv`` (:data:`VALUES_COLUMNS`: the country's value,
5-95% range and source of each constant), completed by the model family's metadata table
``models/structure/parameters.csv`` (:data:`METADATA_COLUMNS`: units, group, sector,
distribution, physical bounds, note and labels in English and Japanese). Any other model
folder may hold one ``parameters.csv`` with every column (:data:`COLUMNS`, labels optional).
``low`` and ``high`` are read as the 5th and 95th percentiles of the analyst's uncertainty;
``lower_bound`` and ``upper_bound`` are the physically possible range, which no run may leave.
``group`` keeps policy levers apart from world-view assumptions (and from fixed data).
"""

from __future__ import annotations

import math
import re
from collections import Counter
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
# the family's metadata table (one row per constant, the same for every country)
METADATA_COLUMNS = (
    "name",
    "units",
    "group",
    "sector",
    "distribution",
    "lower_bound",
    "upper_bound",
    "label_en",
    "label_ja",
    "note",
    "note_ja",
)
# a country's values table; the last three, where filled, replace the metadata's
VALUES_COLUMNS = (
    "name",
    "value",
    "low",
    "high",
    "source",
    "lower_bound",
    "upper_bound",
    "distribution",
)
LABEL_COLUMNS = ("label_en", "label_ja", "note_ja")  # optional in a parameters.csv
GROUPS = ("policy", "assumption", "data")
DISTRIBUTIONS = ("lognormal", "normal", "uniform", "fixed")
#: What a value rests on, read from its source: ``structure`` (a unit or a modelling
#: convention, "structure: ..."), ``fitted`` (a fit to data, "fit: ..." or "assumption
#: calibrated ..." with what it is fitted to), ``policy`` (a lever's setting, "policy lever:
#: ..."), ``cited`` (a source id S01..., a figures.csv row or an essay note [N]) and
#: ``assumption`` (a declared assumption that cites nothing: its reasoning and range are in
#: its source and note).
BASES = ("cited", "fitted", "structure", "policy", "assumption")
_FITTED = re.compile(r"fit\b|assumption:? calibrated\b")
_CITATION = re.compile(r"\bS\d{2,3}\b|figures\.csv|\[\d+\]")


def basis(source: str, group: str = "") -> str:
    """The :data:`BASES` entry of a parameter with this ``source`` (and ``group``)."""
    s = source.strip().lower()
    if s.startswith("structure"):
        return "structure"
    if _FITTED.match(s):
        return "fitted"
    if group == "policy" and s.startswith("policy lever"):
        return "policy"
    return "cited" if _CITATION.search(source) else "assumption"


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
    label_en: str = ""
    label_ja: str = ""
    note_ja: str = ""

    @property
    def is_policy(self) -> bool:
        return self.group == "policy"

    @property
    def basis(self) -> str:
        """What the value rests on, read from its source (one of :data:`BASES`)."""
        return basis(self.source, self.group)

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


def _num(row: dict[str, str], key: str, where: str) -> float:
    text = (row.get(key) or "").strip()
    try:
        return float(text)
    except ValueError:
        raise DataError(
            f"{where}: column '{key}' of parameter '{row.get('name')}' is {text!r}, "
            "not a number; write a plain number such as 0.25 or 1e-3"
        ) from None


def build_settings(folder: Path) -> tuple[list[Path], list[Path]]:
    """The extra metadata tables and the values tables of a country folder's model.

    The folder's own ``profile.toml`` may hold a ``[build]`` table (see
    :class:`doomloop.profile.Build`): ``extensions = ["hardware"]`` adds the metadata table of
    ``models/structure/hardware/`` to the family's, and ``values_from = "japan"`` reads Japan's
    ``values.csv`` before the folder's own (which then holds only the extensions' rows). The
    values tables come back in reading order, the folder's own last.
    """
    import tomllib

    path = folder / "profile.toml"
    build: dict[str, object] = {}
    if path.exists():
        try:
            build = tomllib.loads(path.read_text(encoding="utf-8")).get("build", {})
        except tomllib.TOMLDecodeError as exc:
            raise DataError(f"{path}: {exc}; fix the TOML") from None
    names = build.get("extensions", [])
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise DataError(
            f"{path}: [build] extensions = {names!r} must be a list of folder names under "
            f'{folder.parent / "structure"}, such as ["hardware"]'
        )
    extra = []
    for name in names:
        table = folder.parent / "structure" / name / "parameters.csv"
        if not table.is_file():
            raise DataError(
                f"{path}: [build] extension '{name}' has no metadata table {table}; add it "
                "or remove the extension"
            )
        extra.append(table)
    values = [folder / "values.csv"]
    source = build.get("values_from")
    if source is not None:
        base = folder.parent / str(source) / "values.csv"
        if not isinstance(source, str) or not base.is_file():
            raise DataError(
                f"{path}: [build] values_from = {source!r} names no country folder with a "
                f'values.csv ({base}); name a shipped country such as "japan"'
            )
        values.insert(0, base)
    return extra, values


def table_files(model_path: str | Path) -> tuple[Path, ...] | None:
    """The file(s) holding the table of the model at *model_path*, or None.

    Either ``(parameters.csv,)``, or the family's metadata table, the metadata tables of the
    folder's structure extensions, then the values tables (the folder's own ``values.csv``
    last; see :func:`build_settings`).
    """
    folder = Path(model_path).parent
    full = folder / "parameters.csv"
    if full.exists():
        return (full,)
    values = folder / "values.csv"
    if values.exists():
        extra, tables = build_settings(folder)
        return (folder.parent / "structure" / "parameters.csv", *extra, *tables)
    return None


def _read_csv(path: Path, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """Rows of *path* with their line numbers; refuse missing columns and repeated names.

    The file itself is checked by :func:`doomloop.io.text.read_csv_rows` (size, UTF-8, a
    byte-order mark, rows shorter or longer than the header).
    """
    from .io.text import read_csv_rows

    rows: list[tuple[int, dict[str, str]]] = []
    seen: dict[str, int] = {}
    for line, row in read_csv_rows(path, columns, what="parameter table", error=DataError):
        name = (row["name"] or "").strip()
        if not name:
            raise DataError(f"{path}:{line}: empty parameter name")
        if name in seen:
            raise DataError(
                f"{path}:{line}: parameter '{name}' is defined twice "
                f"(first on line {seen[name]}); keep one row"
            )
        seen[name] = line
        rows.append((line, {k: (v or "").strip() for k, v in row.items() if k}))
    return rows


def merged_rows(
    metadata: Path,
    values: Path,
    extra: tuple[Path, ...] = (),
    base_values: tuple[Path, ...] = (),
) -> list[tuple[str, dict[str, str]]]:
    """Each constant's full row (as text, in metadata order) with where its values are.

    *extra* are further metadata tables (a country's structure extensions), read after
    *metadata*; *base_values* are values tables read before *values* (a model that takes
    another country's values, see :func:`build_settings`); a constant may have its value in
    only one of them. A values row's ``lower_bound``, ``upper_bound`` or ``distribution``,
    where filled, replaces the metadata's (a country whose range is wider than the family's).
    """
    meta = _read_csv(metadata, METADATA_COLUMNS)
    for table in extra:
        meta += _read_csv(table, METADATA_COLUMNS)
    counts = Counter(m["name"] for _, m in meta)
    twice = sorted(n for n, k in counts.items() if k > 1)
    if twice:
        raise DataError(
            f"{values}: parameter(s) {', '.join(twice)} have metadata in more than one of "
            f"{', '.join(str(t) for t in (metadata, *extra))}; keep one row"
        )
    vals: dict[str, tuple[str, dict[str, str]]] = {}
    for table in (*base_values, values):
        for line, row in _read_csv(table, VALUES_COLUMNS):
            if row["name"] in vals:
                raise DataError(
                    f"{table}:{line}: parameter '{row['name']}' already has a value in "
                    f"{vals[row['name']][0]}; keep one row"
                )
            vals[row["name"]] = (f"{table}:{line}", row)
    names = {row["name"] for _, row in meta}
    for name, (where, _) in vals.items():
        if name not in names:
            raise DataError(
                f"{where}: parameter '{name}' has no row in {metadata}; add its "
                f"metadata there ({','.join(METADATA_COLUMNS)}){did_you_mean(name, names)}"
            )
    out: list[tuple[str, dict[str, str]]] = []
    for mline, m in meta:
        if m["name"] not in vals:
            raise DataError(
                f"{values}: no row for parameter '{m['name']}' ({metadata}:{mline}); add "
                f"one: {','.join(VALUES_COLUMNS)}"
            )
        vline, v = vals[m["name"]]
        row = dict(m)
        row.update({k: v[k] for k in ("value", "low", "high", "source")})
        row.update({k: v[k] for k in ("lower_bound", "upper_bound", "distribution") if v[k]})
        out.append((vline, row))
    return out


def _parameter(row: dict[str, str], where: str) -> Parameter:
    """One validated :class:`Parameter` from a full row; *where* is its file and line."""
    name = row["name"]
    group = row["group"]
    if group not in GROUPS:
        raise DataError(f"{where}: group {group!r} of '{name}' must be one of {GROUPS}")
    dist = row["distribution"] or "normal"
    if dist not in DISTRIBUTIONS:
        raise DataError(
            f"{where}: distribution {dist!r} of '{name}' must be one of {DISTRIBUTIONS}"
        )
    p = Parameter(
        name=name,
        value=_num(row, "value", where),
        units=row["units"],
        low=_num(row, "low", where),
        high=_num(row, "high", where),
        lower_bound=_num(row, "lower_bound", where),
        upper_bound=_num(row, "upper_bound", where),
        group=group,
        sector=row["sector"],
        distribution=dist,
        source=row["source"],
        note=row["note"],
        label_en=row.get("label_en", ""),
        label_ja=row.get("label_ja", ""),
        note_ja=row.get("note_ja", ""),
    )
    if not (p.lower_bound <= p.low <= p.value <= p.high <= p.upper_bound):
        raise DataError(
            f"{where}: '{name}' needs lower_bound <= low <= value <= high "
            f"<= upper_bound, got {p.lower_bound:g} <= {p.low:g} <= {p.value:g} "
            f"<= {p.high:g} <= {p.upper_bound:g}"
        )
    if dist == "lognormal" and p.low <= 0:
        raise DataError(
            f"{where}: '{name}' is lognormal but low={p.low:g} is not "
            "positive; use distribution 'normal' or a positive low"
        )
    return p


class ParameterTable(Mapping[str, Parameter]):
    """An ordered, read-only mapping of parameter name to :class:`Parameter`."""

    def __init__(self, params: list[Parameter]):
        self._params = {p.name: p for p in params}

    @classmethod
    def from_csv(cls, path: str | Path) -> ParameterTable:
        """Read and validate a ``parameters.csv`` file (every column in one table)."""
        path = Path(path)
        rows = _read_csv(path, COLUMNS)
        return cls([_parameter(row, f"{path}:{line}") for line, row in rows])

    @classmethod
    def from_tables(
        cls,
        metadata: str | Path,
        values: str | Path,
        extra: tuple[Path, ...] = (),
        base_values: tuple[Path, ...] = (),
    ) -> ParameterTable:
        """Read a model family's metadata table (and any extension tables, *extra*) and one
        country's values table (after any *base_values*: see :func:`merged_rows`)."""
        rows = merged_rows(Path(metadata), Path(values), extra, base_values)
        return cls([_parameter(row, where) for where, row in rows])

    @classmethod
    def for_model(cls, model_path: str | Path) -> ParameterTable | None:
        """The table of the model file at *model_path*, or None if it has none.

        A ``parameters.csv`` beside the file holds every column; a ``values.csv`` beside it
        holds the country's values, completed by the family's metadata table
        ``../structure/parameters.csv`` (see :data:`METADATA_COLUMNS`).
        """
        files = table_files(model_path)
        if files is None:
            return None
        if len(files) == 1:
            return cls.from_csv(files[0])
        extra, tables = build_settings(Path(model_path).parent)
        return cls.from_tables(files[0], tables[-1], tuple(extra), tuple(tables[:-1]))

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
