"""Read the model structure: one TOML file per sector in ``src/doomloop/models/structure``.

Each file holds a sector's ``title`` and ``doc`` and one table per variable::

    [pay_change]
    kind = "flow"                 # stock | flow | aux
    units = "1/year"
    equation = "technology_era_active * (indicated_relative_pay - relative_specialist_pay) /
    pay_adjustment_time"          # (a stock's equation is its initial value)
    doc = "Seniority pay adjusts slowly towards the indicated level."

Stocks also list ``inflows`` and ``outflows`` and may say ``non_negative = true``. An aux may name
a ``lookup``: a CSV file under ``src/doomloop/data`` of annual averages (first column the year,
second the value); the variable is that series as a function of its equation (the year), linear
between the middles of the years and flat beyond the ends. Equations and docs may span lines
(TOML ``\"\"\"`` strings): every run of white space reads as one space.
The files are validated with pydantic; a bad field is refused with its file and line.
"""

from __future__ import annotations

import csv
import re
import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from sdvar import Var

DATA = Path(__file__).resolve().parents[1] / "src" / "doomloop" / "data"
IDENT = re.compile(r"\b[A-Za-z_][A-Za-z0-9_]*\b")
# words of XMILE equations that are not variable names (the builtins the structure uses)
KEYWORDS = frozenset(
    "IF THEN ELSE AND OR NOT TIME DT STARTTIME STOPTIME MIN MAX EXP LN LOG10 ABS SQRT INT "
    "SIN COS TAN PI SUM MEAN SMTH1 SMTH3 DELAY1 DELAY3 DELAYN TREND STEP RAMP PULSE".split()
)


class StructureError(SystemExit):
    """A structure file the builder refuses (its message names the file and line)."""


def _one_line(text: str) -> str:
    return " ".join(text.split())


class Variable(BaseModel):
    """One variable of a sector file."""

    model_config = ConfigDict(extra="forbid")

    kind: Literal["stock", "flow", "aux"]
    units: str
    equation: str = Field(min_length=1)
    doc: str = Field(min_length=1)
    inflows: list[str] = Field(default_factory=list)
    outflows: list[str] = Field(default_factory=list)
    non_negative: bool = False
    lookup: str | None = None

    @field_validator("equation", "doc", "units")
    @classmethod
    def _collapse(cls, v: str) -> str:
        return _one_line(v)

    @model_validator(mode="after")
    def _flows_only_on_stocks(self) -> Variable:
        if self.kind != "stock" and (self.inflows or self.outflows or self.non_negative):
            raise ValueError("only a stock has inflows, outflows or non_negative")
        if self.lookup is not None:
            if self.kind != "aux":
                raise ValueError("only an aux reads a lookup")
            if not (DATA / self.lookup).is_file():
                raise ValueError(f"lookup {self.lookup!r}: no such file under {DATA}")
        return self


class Sector(BaseModel):
    """A sector file: its title, what it holds, and its variables in order."""

    model_config = ConfigDict(extra="forbid")

    name: str
    title: str
    doc: str
    path: Path
    variables: dict[str, Variable]
    lines: dict[str, int]  # line of each variable's table header
    equation_lines: dict[str, int]  # line of each variable's ``equation`` key


def _lines(text: str) -> tuple[dict[str, int], dict[str, int]]:
    heads: dict[str, int] = {}
    eqns: dict[str, int] = {}
    current = None
    for i, line in enumerate(text.splitlines(), start=1):
        m = re.match(r"\s*\[\s*([A-Za-z_][A-Za-z0-9_]*)\s*\]", line)
        if m:
            current = m.group(1)
            heads[current] = i
        elif current and re.match(r"\s*equation\s*=", line):
            eqns[current] = i
    return heads, eqns


def read_sector(path: Path) -> Sector:
    """Read and validate one sector file; refuse a bad one naming its file and line."""
    text = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise StructureError(f"{path}: {exc}") from None
    heads, eqns = _lines(text)
    tables = {k: v for k, v in data.items() if isinstance(v, dict)}
    variables: dict[str, Variable] = {}
    for name, table in tables.items():
        try:
            variables[name] = Variable.model_validate(table)
        except ValidationError as exc:
            err = exc.errors()[0]
            field = ".".join(str(x) for x in err["loc"]) or "(table)"
            raise StructureError(
                f"{path}:{heads.get(name, 0)}: variable '{name}', field {field}: {err['msg']}"
            ) from None
    try:
        return Sector(
            name=re.sub(r"^\d+-", "", path.stem),
            title=data.get("title", ""),
            doc=_one_line(data.get("doc", "")),
            path=path,
            variables=variables,
            lines=heads,
            equation_lines=eqns,
        )
    except ValidationError as exc:
        raise StructureError(f"{path}: {exc.errors()[0]['msg']} (title and doc)") from None


def read_structure(folder: Path) -> list[Sector]:
    """Every sector file of *folder*, in file-name order."""
    return [read_sector(p) for p in sorted(folder.glob("*.toml"))]


def annual_series(name: str) -> tuple[list[float], list[float]]:
    """A lookup file's points: each annual average at the middle of its year."""
    with (DATA / name).open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))[1:]
    return [float(r[0]) + 0.5 for r in rows], [float(r[1]) for r in rows]


def variables(sectors: list[Sector]) -> list[Var]:
    """The sectors' variables as builder records, in order."""
    return [
        Var(
            v.kind,
            name,
            v.equation,
            v.units,
            v.doc,
            inflows=list(v.inflows),
            outflows=list(v.outflows),
            non_negative=v.non_negative,
            gf=annual_series(v.lookup) if v.lookup else None,
        )
        for s in sectors
        for name, v in s.variables.items()
    ]


def check_names(sectors: list[Sector], known: set[str]) -> None:
    """Refuse a name no variable defines, with the file and line of the equation using it."""
    problems: list[str] = []
    for s in sectors:
        for name, v in s.variables.items():
            line = s.equation_lines.get(name, s.lines.get(name, 0))
            used = {w for w in IDENT.findall(v.equation) if w not in KEYWORDS}
            for w in sorted(used - known):
                problems.append(f"{s.path}:{line}: '{name}' uses '{w}', which no variable defines")
            for f in [*v.inflows, *v.outflows]:
                if f not in known:
                    problems.append(
                        f"{s.path}:{s.lines.get(name, 0)}: stock '{name}' lists flow '{f}', "
                        "which no variable defines"
                    )
    if problems:
        raise StructureError(
            "unknown name(s) in the structure (define them, or fix the spelling):\n  "
            + "\n  ".join(problems)
        )
