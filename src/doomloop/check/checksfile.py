"""The checks file: model-specific tests for ``doomloop check``, in TOML.

A checks file looks like::

    # which stocks must stay >= 0: by default those with a physical unit (people, USD, ...)
    nonnegative = ["ai_adoption"]        # add these (or "all" for every stock)
    may_be_negative = ["net_debt"]       # and exempt these

    [options]
    max_runs = 200                 # cap on simulations for the whole check (default 80)
    integration_tolerance = 0.05   # largest relative change allowed by dt/2 or RK4
    max_mape = 0.10                # reference data: fail above this MAPE (default: report only)
    fixed_method = "why"           # the equations hold for the model's own method only: the
                                   # other method is not compared (dt/2 still is); say why

    [[reproduction]]               # one series' own measure and limit (replaces max_mape for it)
    variable = "domestic_capability_log10"
    metric = "mae"                 # mape | mae (in the series' units) | mae_log10 (OOM)
    limit = 0.5
    expect = "fail"                # pass (default) | fail (a known failure, reported as warn)
                                   # | report (info, never a verdict)
    reason = "why it is expected to fail or only reported"

    [[check]]
    name = "no children without births"
    when = { fertility_multiplier = 0 }          # parameter overrides for this run
    expect = "population_0_14 never rises after 1975"   # or a list of such strings

    [[conservation]]               # the change in STOCK equals dt * (inflows - outflows)
    name = "people"
    stock = "population_total"
    inflows = ["births", "net_migration"]
    outflows = ["deaths"]

Predicate language (one predicate per string, names as in ``Model.variable_names``; put a
name holding blanks in backticks)::

    VAR never rises   [WINDOW]      each step's change <= 0 (tolerance 1e-9 of the scale)
    VAR never falls   [WINDOW]      each step's change >= 0
    VAR stays >= X    [WINDOW]      also <=, > and <; >= and <= allow the same tolerance
    VAR ends below X  [WINDOW]      the last value in the window < X  (also: ends above X)
    WINDOW = [from|after YEAR] [to|until|before YEAR]    both ends inclusive

Every entry is checked when the file is read: unknown keys, duplicate names, unknown
variables or parameters, values outside a parameter's possible range, years outside the run
and mistyped values raise :class:`~doomloop.errors.ChecksFileError` naming the file, the line
and the fix, before any simulation runs.
"""

from __future__ import annotations

import math
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ChecksFileError, DoomloopError, UnknownParameterError, did_you_mean
from ..io.text import read_user_text

if TYPE_CHECKING:
    import pandas as pd

    from ..engine import Model

DEFAULT_MAX_RUNS = 80
DEFAULT_INTEGRATION_TOLERANCE = 0.05
MAX_CHECKS_BYTES = 1024 * 1024
TOP_KEYS = ("nonnegative", "may_be_negative", "options", "check", "conservation", "reproduction")
CHECK_KEYS = ("name", "description", "when", "expect")
CONSERVATION_KEYS = ("name", "stock", "inflows", "outflows")
OPTION_KEYS = ("max_runs", "integration_tolerance", "max_mape", "fixed_method")
REPRODUCTION_KEYS = ("variable", "metric", "limit", "expect", "reason")
#: Error measures of a reproduction rule: mean absolute percentage error, mean absolute error
#: in the series' own units (for series already in log10), mean absolute error of log10 values.
METRICS = ("mape", "mae", "mae_log10")
EXPECTS = ("pass", "fail", "report")
FORMS = (
    "VAR never rises",
    "VAR never falls",
    "VAR stays >= X",
    "VAR stays <= X",
    "VAR stays > X",
    "VAR stays < X",
    "VAR ends below X",
    "VAR ends above X",
)
_NUM = r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?"
_VERB = re.compile(
    rf"^(?P<verb>never\s+rises|never\s+falls|stays\s*(?P<op>>=|<=|>|<)\s*(?P<x>{_NUM})"
    rf"|ends\s+(?P<dir>below|above)\s+(?P<y>{_NUM}))(?=\s|$)",
    re.I,
)
_FROM = re.compile(rf"^\s*(?:from|after)\s+(?P<v>{_NUM})(?=\s|$)", re.I)
_TO = re.compile(rf"^\s*(?:to|until|before)\s+(?P<v>{_NUM})(?=\s|$)", re.I)
#: Relative tolerance of the "never rises/falls" and "stays >=/<=" predicates.
REL_TOL = 1e-9


@dataclass(frozen=True)
class Predicate:
    """One parsed expectation about a variable's trajectory."""

    variable: str
    kind: str  # never_rises, never_falls, stays, ends_below, ends_above
    op: str | None = None
    threshold: float | None = None
    start: float | None = None
    stop: float | None = None
    text: str = ""

    def evaluate(self, series: pd.Series) -> tuple[bool, str]:
        """Test the predicate on *series* (indexed by time); return (ok, explanation)."""
        import numpy as np

        s = series
        if self.start is not None:
            s = s[s.index >= self.start - 1e-9]
        if self.stop is not None:
            s = s[s.index <= self.stop + 1e-9]
        if s.empty:
            return False, "no simulated values in the window"
        x = s.to_numpy(dtype=float)
        t = s.index.to_numpy(dtype=float)
        tol = REL_TOL * max(1.0, float(np.max(np.abs(x))))
        if self.kind in ("never_rises", "never_falls"):
            d = np.diff(x)
            bad = np.nonzero(d > tol if self.kind == "never_rises" else d < -tol)[0]
            if bad.size:
                i = int(bad[0])
                word = "rose" if self.kind == "never_rises" else "fell"
                return False, (
                    f"{self.variable} {word} from {x[i]:.6g} to {x[i + 1]:.6g} at time {t[i + 1]:g}"
                )
            return True, f"{self.variable} held from {t[0]:g} to {t[-1]:g}"
        if self.kind == "stays":
            assert self.threshold is not None and self.op is not None
            c = self.threshold
            ok = {
                ">=": x >= c - tol,
                "<=": x <= c + tol,
                ">": x > c,
                "<": x < c,
            }[self.op]
            if not ok.all():
                i = int(np.nonzero(~ok)[0][0])
                return False, f"{self.variable} = {x[i]:.6g} at time {t[i]:g}, not {self.op} {c:g}"
            return (
                True,
                f"{self.variable} stayed {self.op} {c:g} (range {x.min():.6g} to {x.max():.6g})",
            )
        assert self.threshold is not None
        end = float(x[-1])
        ok_end = end < self.threshold if self.kind == "ends_below" else end > self.threshold
        word = "below" if self.kind == "ends_below" else "above"
        verdict = "is" if ok_end else "is not"
        return (
            ok_end,
            f"{self.variable} = {end:.6g} at time {t[-1]:g}, {verdict} {word} {self.threshold:g}",
        )


@dataclass(frozen=True)
class UserCheck:
    """A named run (parameter overrides) with the predicates it must satisfy."""

    name: str
    when: dict[str, float]
    expect: tuple[Predicate, ...]
    description: str = ""
    line: int | None = None


@dataclass(frozen=True)
class Conservation:
    """An accounting identity: the change in *stock* equals dt * (inflows - outflows)."""

    name: str
    stock: str
    inflows: tuple[str, ...]
    outflows: tuple[str, ...]


@dataclass(frozen=True)
class ReproductionRule:
    """One reference series' error measure, limit and expected outcome."""

    variable: str
    metric: str  # one of METRICS
    limit: float
    expect: str = "pass"  # one of EXPECTS
    reason: str = ""
    line: int | None = None


@dataclass(frozen=True)
class ChecksFile:
    """A validated checks file (defaults when there is none)."""

    checks: tuple[UserCheck, ...] = ()
    conservation: tuple[Conservation, ...] | None = None  # None: the built-in defaults
    may_be_negative: frozenset[str] = frozenset()
    nonnegative: frozenset[str] | str = frozenset()  # extra stocks, or "all"
    max_runs: int = DEFAULT_MAX_RUNS
    integration_tolerance: float = DEFAULT_INTEGRATION_TOLERANCE
    max_mape: float | None = None
    fixed_method: str | None = None  # why the other integration method is not compared
    reproduction: tuple[ReproductionRule, ...] = ()
    origin: str | None = None


class _Where:
    """Line numbers of keys and ``[[table]]`` headers in the TOML text, for messages."""

    def __init__(self, text: str, origin: str):
        self.lines = text.splitlines()
        self.origin = origin

    def key(self, key: str, after: int = 0) -> str:
        pat = re.compile(rf"\s*[\"']?{re.escape(key)}[\"']?\s*=")
        for i, line in enumerate(self.lines[after:], start=after + 1):
            if pat.match(line):
                return f"{self.origin}:{i}"
        for i, line in enumerate(self.lines[after:], start=after + 1):
            if re.search(rf"\b{re.escape(key)}\b", line):
                return f"{self.origin}:{i}"
        return self.origin

    def table(self, name: str, index: int) -> int | None:
        pat = re.compile(rf"^\s*\[\[\s*{re.escape(name)}\s*\]\]")
        hits = [i for i, line in enumerate(self.lines, start=1) if pat.match(line)]
        return hits[index] if index < len(hits) else None


def _fail(msg: str) -> ChecksFileError:
    return ChecksFileError(msg)


def _unknown_keys(data: dict[str, Any], allowed: tuple[str, ...], loc: str, what: str) -> None:
    for key in data:
        if key not in allowed:
            raise _fail(
                f"{loc}: unknown key '{key}' in {what}.{did_you_mean(str(key), allowed)} "
                f"Allowed: {', '.join(allowed)}"
            )


def _variable(name: Any, model: Model, loc: str, role: str) -> str:
    if not isinstance(name, str) or not name.strip():
        raise _fail(f"{loc}: {role} must be a variable name in quotes, got {name!r}")
    from ._common import canonical

    have = set(model.variable_names)
    for cand in (name, canonical(name)):
        if cand in have:
            return cand
    raise _fail(
        f"{loc}: model '{model.name}' has no variable '{name}' ({role}).{did_you_mean(name, have)}"
        " Names are as in Model.variable_names (lower case, '_' for blanks)"
    )


def _number(value: Any, loc: str, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _fail(f"{loc}: {what} = {value!r} is not a number; write a plain number")
    try:
        x = float(value)
    except OverflowError:  # TOML integers have no size limit
        x = math.inf
    if not math.isfinite(x):
        raise _fail(f"{loc}: {what} = {value!r} is not finite; write a finite number")
    return x


def parse_predicate(text: Any, model: Model, loc: str) -> Predicate:
    """Parse one expectation string (see the module docstring for the language)."""
    if not isinstance(text, str) or not text.strip():
        raise _fail(
            f"{loc}: an expectation must be a non-empty string such as "
            f'"population never falls", got {text!r}'
        )
    s = text.strip()
    if s.startswith("`"):
        end = s.find("`", 1)
        if end < 0:
            raise _fail(f"{loc}: '{text}': the backtick before the variable name is not closed")
        raw, rest = s[1:end], s[end + 1 :]
    else:
        raw, _, rest = s.partition(" ")
    var = _variable(raw, model, f"{loc}: '{text}'", "the predicate's variable")
    rest = rest.strip()
    m = _VERB.match(rest)
    if not m:
        got = rest or "nothing"
        raise _fail(
            f"{loc}: '{text}': after the variable expected one of {'; '.join(FORMS)} "
            f"(optionally followed by 'from YEAR' and 'to YEAR'), got {got!r}"
        )
    verb = " ".join(m.group("verb").lower().split())
    kind, op, threshold = "", None, None
    if verb.startswith("never rises"):
        kind = "never_rises"
    elif verb.startswith("never falls"):
        kind = "never_falls"
    elif verb.startswith("stays"):
        kind, op, threshold = "stays", m.group("op"), float(m.group("x"))
    else:
        kind, threshold = f"ends_{m.group('dir').lower()}", float(m.group("y"))
    rest = rest[m.end() :]
    start = stop = None
    mf = _FROM.match(rest)
    if mf:
        start = float(mf.group("v"))
        rest = rest[mf.end() :]
    mt = _TO.match(rest)
    if mt:
        stop = float(mt.group("v"))
        rest = rest[mt.end() :]
    if rest.strip():
        raise _fail(
            f"{loc}: '{text}': unexpected {rest.strip()!r}; a predicate ends with an optional "
            "'from YEAR' and then an optional 'to YEAR'"
        )
    ts = model.time_spec
    for label, year in (("from", start), ("to", stop)):
        if year is not None and not (ts.start - 1e-9 <= year <= ts.stop + 1e-9):
            raise _fail(
                f"{loc}: '{text}': {label} {year:g} is outside the run ({ts.start:g} to "
                f"{ts.stop:g}); use a year inside it"
            )
    if start is not None and stop is not None and start >= stop:
        raise _fail(f"{loc}: '{text}': from {start:g} must come before to {stop:g}")
    if threshold is not None and not math.isfinite(threshold):
        raise _fail(f"{loc}: '{text}': the threshold must be a finite number")
    return Predicate(var, kind, op, threshold, start, stop, s)


def _string_list(value: Any, loc: str, what: str) -> list[Any]:
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not value:
        raise _fail(f"{loc}: {what} must be a string or a non-empty list of strings")
    return value


def parse_checks(text: str, model: Model, origin: str = "<checks>") -> ChecksFile:
    """Validate checks-file TOML *text* against *model*.

    Raises
    ------
    ChecksFileError
        For malformed TOML, unknown or duplicate entries, unknown variables or parameters,
        out-of-range values, years outside the run, or mistyped values; the message names
        *origin*, the line and the fix.
    """
    try:
        data: dict[str, Any] = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _fail(
            f"{origin}: not valid TOML ({exc}); see `doomloop check --help` for the format"
        ) from None
    where = _Where(text, origin)
    for key in data:
        if key not in TOP_KEYS:
            _unknown_keys({key: None}, TOP_KEYS, where.key(key), "the top level")
    may_set, nonneg = _sign_lists(data, model, where)
    max_runs, tol, max_mape = _options(data, where)
    fixed_method = _fixed_method(data, where)
    checks = _user_checks(data.get("check", []), model, where, origin)
    conservation = (
        _conservation(data["conservation"], model, where, origin)
        if "conservation" in data
        else None
    )
    return ChecksFile(
        checks=tuple(checks),
        conservation=None if conservation is None else tuple(conservation),
        may_be_negative=may_set,
        nonnegative=nonneg,
        max_runs=max_runs,
        integration_tolerance=tol,
        max_mape=max_mape,
        fixed_method=fixed_method,
        reproduction=_reproduction_rules(data.get("reproduction", []), model, where),
        origin=origin,
    )


def _sign_lists(
    data: dict[str, Any], model: Model, where: _Where
) -> tuple[frozenset[str], frozenset[str] | str]:
    """``may_be_negative`` and ``nonnegative``: known names, none in both."""
    may = data.get("may_be_negative", [])
    if not isinstance(may, list) or not all(isinstance(x, str) for x in may):
        raise _fail(f"{where.key('may_be_negative')}: may_be_negative must be a list of names")
    may_set = frozenset(
        _variable(x, model, where.key("may_be_negative"), "may_be_negative") for x in may
    )

    nonneg_raw = data.get("nonnegative", [])
    nonneg: frozenset[str] | str
    if nonneg_raw == "all":
        nonneg = "all"
    elif isinstance(nonneg_raw, list) and all(isinstance(x, str) for x in nonneg_raw):
        loc = where.key("nonnegative")
        nonneg = frozenset(_variable(x, model, loc, "nonnegative") for x in nonneg_raw)
    else:
        raise _fail(
            f'{where.key("nonnegative")}: nonnegative must be "all" or a list of stock names'
        )
    if isinstance(nonneg, frozenset) and nonneg & may_set:
        both = ", ".join(sorted(nonneg & may_set))
        raise _fail(
            f"{where.key('nonnegative')}: {both} listed in both nonnegative and "
            "may_be_negative; keep one"
        )
    return may_set, nonneg


def _fixed_method(data: dict[str, Any], where: _Where) -> str | None:
    """``[options] fixed_method``: the reason the other integration method is not compared."""
    options = data.get("options", {})
    if not isinstance(options, dict) or "fixed_method" not in options:
        return None
    v = options["fixed_method"]
    if not isinstance(v, str) or not v.strip():
        raise _fail(
            f"{where.key('fixed_method')}: fixed_method = {v!r} must say why the model holds "
            'for its own integration method only, e.g. "a yearly move in one Euler step"'
        )
    return v.strip()


def _options(data: dict[str, Any], where: _Where) -> tuple[int, float, float | None]:
    """``[options]``: max_runs, integration_tolerance and max_mape, checked."""
    options = data.get("options", {})
    if not isinstance(options, dict):
        raise _fail(f"{where.key('options')}: 'options' must be a table ([options])")
    _unknown_keys(options, OPTION_KEYS, where.key("options"), "[options]")
    max_runs = DEFAULT_MAX_RUNS
    if "max_runs" in options:
        v = options["max_runs"]
        loc = where.key("max_runs")
        if isinstance(v, bool) or not isinstance(v, int):
            raise _fail(f"{loc}: max_runs = {v!r} must be a whole number between 1 and 10000")
        if not 1 <= v <= 10_000:
            raise _fail(f"{loc}: max_runs = {v} is outside 1 to 10000")
        max_runs = v
    tol = DEFAULT_INTEGRATION_TOLERANCE
    if "integration_tolerance" in options:
        loc = where.key("integration_tolerance")
        tol = _number(options["integration_tolerance"], loc, "integration_tolerance")
        if not 0 < tol <= 1:
            raise _fail(f"{loc}: integration_tolerance = {tol:g} must be in (0, 1], e.g. 0.05")
    max_mape = None
    if "max_mape" in options:
        loc = where.key("max_mape")
        max_mape = _number(options["max_mape"], loc, "max_mape")
        if not 0 < max_mape <= 100:
            raise _fail(f"{loc}: max_mape = {max_mape:g} must be in (0, 100], e.g. 0.1 (10%)")
    return max_runs, tol, max_mape


def _user_checks(raw_checks: Any, model: Model, where: _Where, origin: str) -> list[UserCheck]:
    """The ``[[check]]`` tables: unique names, known overrides, parsed predicates."""
    if not isinstance(raw_checks, list):
        raise _fail(f"{where.key('check')}: write each check as a [[check]] table")
    checks: list[UserCheck] = []
    names: dict[str, int | None] = {}
    for i, entry in enumerate(raw_checks):
        line = where.table("check", i)
        loc = f"{origin}:{line}" if line else origin
        if not isinstance(entry, dict):
            raise _fail(f"{loc}: check #{i + 1} must be a [[check]] table")
        _unknown_keys(entry, CHECK_KEYS, loc, f"check #{i + 1}")
        name = entry.get("name")
        if not isinstance(name, str) or not name.strip():
            raise _fail(f'{loc}: check #{i + 1} needs name = "..." (a non-empty string)')
        if name in names:
            first = names[name]
            raise _fail(
                f"{loc}: check name '{name}' is used twice (first at line {first}); "
                "give each check its own name"
            )
        names[name] = line
        loc = f"{loc} (check '{name}')"
        description = entry.get("description", "")
        if not isinstance(description, str):
            raise _fail(f"{loc}: description must be a string")
        when = _when(entry.get("when", {}), model, loc)
        if "expect" not in entry:
            raise _fail(f'{loc}: needs expect = "VAR never rises" (or a list of predicates)')
        expect = tuple(
            parse_predicate(p, model, loc) for p in _string_list(entry["expect"], loc, "expect")
        )
        checks.append(UserCheck(name, when, expect, description, line))
    return checks


def _when(when_raw: Any, model: Model, loc: str) -> dict[str, float]:
    """A check's ``when`` table: known parameters set to numbers inside their bounds."""
    if not isinstance(when_raw, dict):
        raise _fail(
            f"{loc}: when must be a table of parameter overrides, e.g. when = {{ growth_rate = 0 }}"
        )
    when: dict[str, float] = {}
    for key, value in when_raw.items():
        try:
            param = model.parameters[key]
        except UnknownParameterError:
            raise _fail(
                f"{loc}: when sets unknown parameter '{key}' of model '{model.name}'."
                f"{did_you_mean(key, model.parameters)} List them with Model.parameters"
            ) from None
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise _fail(
                f"{loc}: when: {key} = {value!r} is not a number; give a number in "
                f"[{param.lower_bound:g}, {param.upper_bound:g}] {param.units}"
            )
        try:
            when[key] = param.check(value)
        except DoomloopError as exc:
            raise _fail(f"{loc}: when: {exc}") from None
    return when


def _conservation(raw: Any, model: Model, where: _Where, origin: str) -> list[Conservation]:
    """The ``[[conservation]]`` tables: a known stock with its known in- and outflows."""
    if not isinstance(raw, list):
        raise _fail(f"{where.key('conservation')}: write each as a [[conservation]] table")
    conservation = []
    cnames: set[str] = set()
    for i, entry in enumerate(raw):
        line = where.table("conservation", i)
        loc = f"{origin}:{line}" if line else origin
        if not isinstance(entry, dict):
            raise _fail(f"{loc}: conservation #{i + 1} must be a [[conservation]] table")
        _unknown_keys(entry, CONSERVATION_KEYS, loc, f"conservation #{i + 1}")
        name = entry.get("name", f"conservation #{i + 1}")
        if not isinstance(name, str) or not name.strip():
            raise _fail(f"{loc}: name must be a non-empty string")
        if name in cnames:
            raise _fail(f"{loc}: conservation name '{name}' is used twice; rename one")
        cnames.add(name)
        if "stock" not in entry:
            raise _fail(f"{loc}: conservation '{name}' needs stock = \"...\"")
        stock = _variable(entry["stock"], model, loc, "stock")
        flows: dict[str, tuple[str, ...]] = {}
        for role in ("inflows", "outflows"):
            items = entry.get(role, [])
            if not isinstance(items, list):
                raise _fail(f"{loc}: {role} must be a list of variable names")
            flows[role] = tuple(_variable(x, model, loc, role) for x in items)
        if not flows["inflows"] and not flows["outflows"]:
            raise _fail(f"{loc}: conservation '{name}' needs inflows or outflows")
        conservation.append(Conservation(name, stock, flows["inflows"], flows["outflows"]))
    return conservation


def _reproduction_rules(raw: Any, model: Model, where: _Where) -> tuple[ReproductionRule, ...]:
    """The validated ``[[reproduction]]`` tables."""
    if not isinstance(raw, list):
        raise _fail(f"{where.key('reproduction')}: write each as a [[reproduction]] table")
    rules: dict[str, ReproductionRule] = {}
    for i, entry in enumerate(raw):
        line = where.table("reproduction", i)
        loc = f"{where.origin}:{line}" if line else where.origin
        if not isinstance(entry, dict):
            raise _fail(f"{loc}: reproduction #{i + 1} must be a [[reproduction]] table")
        _unknown_keys(entry, REPRODUCTION_KEYS, loc, f"reproduction #{i + 1}")
        if "variable" not in entry:
            raise _fail(f'{loc}: reproduction #{i + 1} needs variable = "..."')
        var = _variable(entry["variable"], model, loc, "variable")
        if var in rules:
            raise _fail(f"{loc}: reproduction of '{var}' is given twice; keep one table")
        metric = entry.get("metric", "mape")
        if metric not in METRICS:
            raise _fail(f"{loc}: metric = {metric!r} unknown; use one of {', '.join(METRICS)}")
        if "limit" not in entry:
            raise _fail(f"{loc}: reproduction of '{var}' needs limit = a number, e.g. 0.5")
        limit = _number(entry["limit"], loc, "limit")
        if limit <= 0:
            raise _fail(f"{loc}: limit = {limit:g} must be above 0")
        expect = entry.get("expect", "pass")
        if expect not in EXPECTS:
            raise _fail(f"{loc}: expect = {expect!r} unknown; use one of {', '.join(EXPECTS)}")
        reason = entry.get("reason", "")
        if not isinstance(reason, str):
            raise _fail(f"{loc}: reason must be a string")
        if expect != "pass" and not reason.strip():
            raise _fail(f'{loc}: expect = "{expect}" needs reason = "..." saying why')
        rules[var] = ReproductionRule(var, metric, limit, expect, reason.strip(), line)
    return tuple(rules.values())


def load_checks(path: str | Path, model: Model) -> ChecksFile:
    """Read and validate a checks file (see :func:`parse_checks`)."""
    path = Path(path)
    text = read_user_text(
        path,
        what="checks file",
        error=ChecksFileError,
        limit=MAX_CHECKS_BYTES,
        hint="a checks file is a short list",
    )
    return parse_checks(text, model, origin=str(path))
