"""Every claim of the essay with its source check and the model's computed verdict.

``data/claims.toml`` lists the essay's quantitative and causal claims, paragraph by paragraph:
the claim, its essay note, the source check against ``data/gaps.md`` and ``data/figures.csv``
(``verified``, ``conflicts`` or ``unverified``, with the better figure where one exists), and,
where the claim is about the system's behaviour, a *rule*: runs of the model and a test on
them. The verdict is computed from the runs, never typed in:

* ``supports``: every test of the claim holds;
* ``does not support``: a test fails;
* ``cannot tell``: the claim has no rule (a statistic the model takes as data, a fact outside
  the model's structure, or an assumption the model makes rather than a result); its
  ``why_not`` says which.

A rule (``[claim.rule]``, or several as ``[[claim.rules]]``, all of which must hold) names the
``model`` (default japan), an optional ``scenario``, a knock-out ``link`` of the model's
``links.toml`` (or several, ``links``), optional ``params``, an optional reference scenario
``versus``, and a ``test`` in one of these forms (VAR is a variable or ``A / B``)::

    VAR at YEAR OP X                      OP is <, <=, > or >=
    VAR at YEAR between LO and HI
    change VAR at YEAR OP X               the run minus its reference run
    relative change VAR at YEAR OP X      (run - reference) / |reference|
    change VAR from Y1 to Y2 OP X         within the run
    VAR falls from Y1 to Y2               (or rises): the end value against the start value
    LAYER achieved between Y1 and Y2      a sovereignty index reaches 0.5 in some year
    LAYER not achieved between Y1 and Y2
    together closes VAR at YEAR more than the links alone
                                          the links knocked out together move VAR by more
                                          (more negative) than the sum of each alone

The reference run of ``change`` is the ``versus`` scenario if given, else the same scenario
without the knock-out and params, else the baseline.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import ClaimsFileError, did_you_mean
from ..profile import Profile
from ..summary import first_year_achieved

CLAIMS = Path(__file__).resolve().parents[1] / "data" / "claims.toml"
VERDICTS = ("supports", "does not support", "cannot tell")
SOURCE_CHECKS = ("verified", "conflicts", "unverified")
KINDS = ("quantitative", "causal")
CLAIM_KEYS = (
    "id",
    "section",
    "claim",
    "note",
    "kind",
    "source",
    "better",
    "ref",
    "rule",
    "rules",
    "why_not",
)
RULE_KEYS = ("model", "scenario", "link", "links", "params", "versus", "test")

_NUM = r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?"
_VAR = r"[A-Za-z_][A-Za-z0-9_]*(?:\s*/\s*[A-Za-z_][A-Za-z0-9_]*)?"
_OP = r"<=|>=|<|>"
FORMS: dict[str, re.Pattern[str]] = {
    "at": re.compile(
        rf"^(?P<rel>relative change |change )?(?P<var>{_VAR}) at (?P<year>{_NUM}) "
        rf"(?P<op>{_OP}) (?P<x>{_NUM})$"
    ),
    "between": re.compile(
        rf"^(?P<var>{_VAR}) at (?P<year>{_NUM}) between (?P<lo>{_NUM}) and (?P<hi>{_NUM})$"
    ),
    "span": re.compile(
        rf"^change (?P<var>{_VAR}) from (?P<y1>{_NUM}) to (?P<y2>{_NUM}) "
        rf"(?P<op>{_OP}) (?P<x>{_NUM})$"
    ),
    "trend": re.compile(
        rf"^(?P<var>{_VAR}) (?P<dir>falls|rises) from (?P<y1>{_NUM}) to (?P<y2>{_NUM})$"
    ),
    "layer": re.compile(
        rf"^(?P<var>[a-z_]+) (?P<neg>not )?achieved between (?P<y1>{_NUM}) and (?P<y2>{_NUM})$"
    ),
    "together": re.compile(
        rf"^together closes (?P<var>{_VAR}) at (?P<year>{_NUM}) more than the links alone$"
    ),
}
_OPS: dict[str, Callable[[float, float], bool]] = {
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
}


@dataclass(frozen=True)
class Rule:
    """Runs of a model and one test on them (see the module docstring)."""

    test: str
    model: str = "japan"
    scenario: str | None = None
    links: tuple[str, ...] = ()
    params: Mapping[str, float] = field(default_factory=dict)
    versus: str | None = None

    @property
    def form(self) -> tuple[str, re.Match[str]]:
        for name, pat in FORMS.items():
            m = pat.match(" ".join(self.test.split()))
            if m:
                return name, m
        raise ClaimsFileError(f"test {self.test!r} matches no form of doomloop.analysis.audit")

    def variables(self) -> list[str]:
        """The model variables the test reads."""
        var = self.form[1].group("var")
        return [v.strip() for v in var.split("/")]


@dataclass(frozen=True)
class Claim:
    """One claim of the essay."""

    id: str
    section: str
    claim: str
    note: str
    kind: str
    source: str
    better: str = ""
    ref: str = ""
    rules: tuple[Rule, ...] = ()
    why_not: str = ""


def _rule(raw: Any, where: str) -> Rule:
    if not isinstance(raw, dict):
        raise ClaimsFileError(f"{where}: a rule must be a table")
    for key in raw:
        if key not in RULE_KEYS:
            raise ClaimsFileError(
                f"{where}: unknown rule key {key!r}.{did_you_mean(key, RULE_KEYS)}"
            )
    if not isinstance(raw.get("test"), str):
        raise ClaimsFileError(f'{where}: a rule needs test = "..."')
    links = raw.get("links", [raw["link"]] if "link" in raw else [])
    if not isinstance(links, list) or not all(isinstance(x, str) for x in links):
        raise ClaimsFileError(f"{where}: links must be a list of link ids")
    params = raw.get("params", {})
    if not isinstance(params, dict) or not all(
        isinstance(v, int | float) and not isinstance(v, bool) for v in params.values()
    ):
        raise ClaimsFileError(f"{where}: params must be a table of numbers")
    rule = Rule(
        test=" ".join(raw["test"].split()),
        model=str(raw.get("model", "japan")),
        scenario=raw.get("scenario"),
        links=tuple(links),
        params={k: float(v) for k, v in params.items()},
        versus=raw.get("versus"),
    )
    try:
        name, _ = rule.form
    except ClaimsFileError as exc:
        raise ClaimsFileError(f"{where}: {exc}") from None
    if name == "together" and len(rule.links) < 2:
        raise ClaimsFileError(f"{where}: 'together closes ...' needs links = two or more ids")
    return rule


def load_claims(path: str | Path | None = None) -> list[Claim]:
    """The claims file, validated (keys, kinds, source checks, rule forms)."""
    p = Path(path) if path is not None else CLAIMS
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ClaimsFileError(f"{p}: cannot read the claims file ({exc})") from None
    out: list[Claim] = []
    seen: set[str] = set()
    for i, raw in enumerate(data.get("claim", [])):
        where = f"{p}: [[claim]] number {i + 1}"
        if not isinstance(raw, dict):
            raise ClaimsFileError(f"{where} must be a table")
        for key in raw:
            if key not in CLAIM_KEYS:
                hint = did_you_mean(key, CLAIM_KEYS)
                raise ClaimsFileError(f"{where}: unknown key {key!r}.{hint}")
        for key in ("id", "section", "claim", "note", "kind", "source"):
            if not isinstance(raw.get(key), str) or not raw[key].strip():
                raise ClaimsFileError(f'{where}: needs {key} = "..."')
        where = f"{p}: claim {raw['id']}"
        if raw["id"] in seen:
            raise ClaimsFileError(f"{where}: id used twice")
        seen.add(raw["id"])
        if raw["kind"] not in KINDS:
            raise ClaimsFileError(f"{where}: kind {raw['kind']!r}; use {' or '.join(KINDS)}")
        if raw["source"] not in SOURCE_CHECKS:
            raise ClaimsFileError(
                f"{where}: source {raw['source']!r}; use one of {', '.join(SOURCE_CHECKS)}"
            )
        rules_raw = raw.get("rules", [raw["rule"]] if "rule" in raw else [])
        if not isinstance(rules_raw, list):
            raise ClaimsFileError(f"{where}: rules must be a list of tables ([[claim.rules]])")
        rules = tuple(_rule(r, where) for r in rules_raw)
        why_not = " ".join(str(raw.get("why_not", "")).split())
        if not rules and not why_not:
            raise ClaimsFileError(
                f'{where}: needs a rule or why_not = "..." (why the model cannot tell)'
            )
        out.append(
            Claim(
                id=raw["id"],
                section=raw["section"],
                claim=" ".join(raw["claim"].split()),
                note=raw["note"],
                kind=raw["kind"],
                source=raw["source"],
                better=" ".join(str(raw.get("better", "")).split()),
                ref=str(raw.get("ref", "")),
                rules=rules,
                why_not=why_not,
            )
        )
    if not out:
        raise ClaimsFileError(f"{p}: holds no [[claim]]")
    return out


RunKey = tuple[str, str | None, tuple[tuple[str, float], ...]]


class Runs:
    """Model runs by (model, scenario, params), each made once (``Model.run``)."""

    def __init__(self) -> None:
        self._cache: dict[RunKey, pd.DataFrame] = {}
        self._links: dict[str, dict[str, Mapping[str, float]]] = {}

    def link_overrides(self, model: str, link: str) -> Mapping[str, float]:
        """The parameter overrides of knock-out *link* of *model*'s ``links.toml``."""
        if model not in self._links:
            from ..engine import load_model
            from .links import load_links

            self._links[model] = {lk.id: lk.overrides for lk in load_links(load_model(model))}
        try:
            return self._links[model][link]
        except KeyError:
            hint = did_you_mean(link, self._links[model])
            raise ClaimsFileError(f"model {model} has no link {link!r}.{hint}") from None

    def threshold(self, model: str) -> float:
        """The verdict threshold of *model*'s profile (a layer is achieved at or above it)."""
        return self.profile(model).threshold

    def profile(self, model: str) -> Profile:
        """*model*'s profile (its verdict threshold and layers)."""
        from ..engine import load_model

        return load_model(model).profile

    def get(self, model: str, scenario: str | None, params: Mapping[str, float]) -> pd.DataFrame:
        key = (model, scenario, tuple(sorted(params.items())))
        if key not in self._cache:
            from ..engine import load_model

            self._cache[key] = load_model(model).run(scenario=scenario, params=dict(params))
        return self._cache[key]


def _value(frame: pd.DataFrame, var: str, year: float) -> float:
    parts = [v.strip() for v in var.split("/")]
    for v in parts:
        if v not in frame:
            raise ClaimsFileError(f"the run has no variable {v!r}.{did_you_mean(v, frame.columns)}")
    if year not in frame.index:
        raise ClaimsFileError(
            f"the run has no year {year:g} (it covers {frame.index[0]:g}-{frame.index[-1]:g})"
        )
    x = float(frame.loc[year, parts[0]])
    return x / float(frame.loc[year, parts[1]]) if len(parts) == 2 else x


def _params(rule: Rule, runs: Runs, links: tuple[str, ...]) -> dict[str, float]:
    out: dict[str, float] = {}
    for lk in links:
        out.update(runs.link_overrides(rule.model, lk))
    out.update(rule.params)
    return out


def evaluate(rule: Rule, runs: Runs) -> tuple[bool, str]:
    """(holds, what was measured) of *rule* on *runs*."""
    form, m = rule.form
    var = m.group("var")
    run = runs.get(rule.model, rule.scenario, _params(rule, runs, rule.links))
    if rule.versus is not None:
        ref_key: tuple[str | None, dict[str, float]] = (rule.versus, {})
    elif rule.links or rule.params:
        ref_key = (rule.scenario, {})
    else:
        ref_key = (None, {})
    if form == "at":
        year, op, x = float(m.group("year")), m.group("op"), float(m.group("x"))
        value = _value(run, var, year)
        what = f"{var} at {year:g} = {value:.4g}"
        if m.group("rel"):
            ref = _value(runs.get(rule.model, *ref_key), var, year)
            value = value - ref if m.group("rel") == "change " else (value - ref) / abs(ref)
            what = f"{m.group('rel').strip()} of {var} at {year:g} = {value:+.4g} (from {ref:.4g})"
        return _OPS[op](value, x), f"{what}; test {op} {x:g}"
    if form == "between":
        year, lo, hi = float(m.group("year")), float(m.group("lo")), float(m.group("hi"))
        value = _value(run, var, year)
        return lo <= value <= hi, f"{var} at {year:g} = {value:.4g}; test in [{lo:g}, {hi:g}]"
    if form in ("span", "trend"):
        y1, y2 = float(m.group("y1")), float(m.group("y2"))
        d = _value(run, var, y2) - _value(run, var, y1)
        if form == "trend":
            ok = d < 0 if m.group("dir") == "falls" else d > 0
            return ok, f"{var} {y1:g} -> {y2:g}: change {d:+.4g}"
        op, x = m.group("op"), float(m.group("x"))
        return _OPS[op](d, x), f"change of {var} {y1:g} -> {y2:g} = {d:+.4g}; test {op} {x:g}"
    if form == "layer":
        y1, y2 = float(m.group("y1")), float(m.group("y2"))
        part = run.loc[(run.index >= y1) & (run.index <= y2), var]
        first_year = first_year_achieved(part, var, runs.profile(rule.model))
        first = (
            f"first achieved {first_year:g}"
            if first_year is not None
            else f"not achieved {y1:g}-{y2:g}"
        )
        return (first_year is None) == bool(m.group("neg")), f"{var}: {first}"
    year = float(m.group("year"))
    ref = _value(runs.get(rule.model, *ref_key), var, year)
    alone = [
        _value(runs.get(rule.model, rule.scenario, _params(rule, runs, (lk,))), var, year) - ref
        for lk in rule.links
    ]
    together = _value(run, var, year) - ref
    what = f"together {together:+.3g} against the sum alone {sum(alone):+.3g} ({var} at {year:g})"
    return together < sum(alone), what


def verdict(claim: Claim, runs: Runs) -> tuple[str, str]:
    """(verdict, why) of *claim*: computed from its rules, or "cannot tell" and why not."""
    if not claim.rules:
        return "cannot tell", claim.why_not
    results = [evaluate(r, runs) for r in claim.rules]
    details = "; ".join(w for _, w in results)
    return ("supports" if all(ok for ok, _ in results) else "does not support"), details


def validate(claims: list[Claim], runs: Runs) -> None:
    """Check every rule's model, scenario, links and variables before any run.

    Raises :class:`ClaimsFileError` naming the claim and the fix.
    """
    from ..engine import load_model
    from ..errors import DoomloopError
    from ..scenarios import available_scenarios

    scenarios = set(available_scenarios())
    for c in claims:
        for r in c.rules:
            try:
                model = load_model(r.model)
            except DoomloopError as exc:
                raise ClaimsFileError(f"claim {c.id}: model {r.model!r}: {exc}") from None
            for sc in (r.scenario, r.versus):
                if sc is not None and sc not in scenarios:
                    hint = did_you_mean(sc, scenarios)
                    raise ClaimsFileError(f"claim {c.id}: no shipped scenario {sc!r}.{hint}")
            for v in r.variables():
                if v not in model.variable_names:
                    hint = did_you_mean(v, model.variable_names)
                    raise ClaimsFileError(f"claim {c.id}: {r.model} has no variable {v!r}.{hint}")
            for lk in r.links:
                try:
                    runs.link_overrides(r.model, lk)
                except ClaimsFileError as exc:
                    raise ClaimsFileError(f"claim {c.id}: {exc}") from None
            for name, value in r.params.items():
                try:
                    model.parameters[name].check(value)
                except DoomloopError as exc:
                    raise ClaimsFileError(f"claim {c.id}: params: {exc}") from None


def audit_table(
    claims: list[Claim] | None = None,
    runs: Runs | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> pd.DataFrame:
    """One row per claim: id, section, kind, claim, note, source, better, verdict, detail.

    Every rule is validated (:func:`validate`) before the first run. *progress*, if given, is
    called with (claims judged, claims) after each claim.
    """
    claims = load_claims() if claims is None else claims
    runs = Runs() if runs is None else runs
    validate(claims, runs)
    rows = []
    for i, c in enumerate(claims):
        v, detail = verdict(c, runs)
        if progress is not None:
            progress(i + 1, len(claims))
        rows.append(
            {
                "id": c.id,
                "section": c.section,
                "kind": c.kind,
                "claim": c.claim,
                "note": c.note,
                "source": c.source,
                "better": c.better,
                "verdict": v,
                "detail": detail,
            }
        )
    return pd.DataFrame(rows)


def counts(table: pd.DataFrame) -> dict[str, dict[str, int]]:
    """Claims by source check and by verdict."""
    return {
        "source": {k: int((table["source"] == k).sum()) for k in SOURCE_CHECKS},
        "verdict": {k: int((table["verdict"] == k).sum()) for k in VERDICTS},
    }
