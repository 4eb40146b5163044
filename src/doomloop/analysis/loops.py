"""Which feedback loops drive a model when, told in plain language.

Method
------
Dominance follows the Loops that Matter method (LTM; Schoenberg, Davidsen & Eberlein 2020).
The engine (pysimlin) runs the model with LTM instrumentation and reports, for every causal
link ``x -> z`` and every step, the *link score*: the share of the change in ``z`` that came
through ``x``, signed by the direction of the effect. A *loop score* is the product of the link
scores around the loop; it is positive for a loop that is reinforcing at that moment and
negative for a balancing one. The *relative loop score* divides a loop's score by the sum of
the absolute scores of all loops considered, so the relative scores of those loops add up to
one in absolute value.

The loops considered are the model's *named* loops (``loops.toml`` beside the model file:
the loops of docs/MODEL.md, each an ordered list of variables), plus the loops the engine finds
(exhaustive enumeration on small models, post-simulation discovery on large ones) that share
a variable with a named loop, or all of them when the model names none. An engine loop whose
variables are (almost) the same as a named loop's is that named loop. Each year the loops
with the largest mean relative score, taken in order until together they explain at least
half of the change, *dominate*; consecutive years with the same dominant loops and polarity
are merged into a :class:`Period`. When a model names its loops, the unnamed first-order
loops (a stock and its own outflow) are left out unless asked for (see
:func:`loop_dominance`).

To keep the story readable, an engine loop through the same stocks as a named loop, and of
its polarity, is told as that named loop (its *family*: "B1 shortage pressure" rather than
"b8, a variant of B1 ..."), and a period shorter than ``min_years`` is folded into a
neighbour (:func:`loop_dominance`). :func:`loop_scores` still reports every loop apart.

Loops over arrayed elements (the demographic cohorts) live in their own cycle partitions; LTM
scores are only comparable within a partition (the engine's note), so they are left out of
the comparison. Loop structure is discovered once per model file on the base case; scores
are recomputed for every run, so a scenario changes which loops dominate, not which exist.

References
----------
Schoenberg, W., Davidsen, P., & Eberlein, R. (2020). Understanding model behavior using the
Loops that Matter method. *System Dynamics Review*, 36(2), 158-190.
https://doi.org/10.1002/sdr.1658
"""

from __future__ import annotations

import functools
import threading
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import ModelFileError, UnknownParameterError, did_you_mean

if TYPE_CHECKING:
    import pandas as pd

    from ..engine import Model
    from ..scenarios import Scenario

LOOPS_FILE = "loops.toml"
#: An engine loop is the same as a named loop when their variable sets overlap this much
#: (Jaccard index).
MATCH_THRESHOLD = 0.8
#: Dominant loops are added, largest first, until they explain this share of the change.
DOMINANCE_SHARE = 0.5
#: At most this many loops are named as dominating one period.
MAX_DOMINANT = 3

_POLARITY_WORDS = {
    "en": {"reinforcing": "reinforcing", "balancing": "balancing"},
    "ja": {"reinforcing": "自己強化型", "balancing": "バランス型"},
}


@dataclass(frozen=True)
class NamedLoop:
    """A loop (or an open driver chain) named in a model's ``loops.toml``."""

    id: str
    name: str
    variables: tuple[str, ...]
    polarity: str = ""
    subject: str = ""
    story: str = ""
    name_ja: str = ""
    subject_ja: str = ""
    story_ja: str = ""
    driver: bool = False
    #: the stock whose course in a run picks the story told (see :mod:`.stories`)
    state: str = ""
    state_en: str = ""
    state_ja: str = ""
    state_unit: tuple[str, str] = ("", "")  # English, Japanese
    state_scale: float = 1.0
    story_up: str = ""
    story_down: str = ""
    story_up_ja: str = ""
    story_down_ja: str = ""

    @property
    def label(self) -> str:
        """``"R1 brain drain"``."""
        return f"{self.id} {self.name}"

    @property
    def label_ja(self) -> str:
        """``"R1 頭脳流出"``."""
        return f"{self.id} {self.name_ja or self.name}"

    def links(self) -> list[tuple[str, str]]:
        """The causal links of the loop in order (a driver chain is not closed)."""
        v = self.variables
        pairs = list(zip(v[:-1], v[1:], strict=True))
        if not self.driver and len(v) > 1:
            pairs.append((v[-1], v[0]))
        return pairs


@dataclass(frozen=True)
class Period:
    """A span of years in which the same loops dominate with the same polarity.

    ``start`` and ``end`` are years: the period covers ``start <= t < end``. ``loops`` are
    the labels of the dominant loops (largest first), ``polarity`` is ``"reinforcing"``,
    ``"balancing"`` or ``""`` (no loop active), ``sentence`` says it in English and
    ``sentence_ja`` in Japanese.
    """

    start: float
    end: float
    loops: tuple[str, ...]
    polarity: str
    sentence: str
    sentence_ja: str = ""
    share: float = 0.0
    loops_ja: tuple[str, ...] = field(default_factory=tuple)


# -- named loops ----------------------------------------------------------------------------


def named_loops(model: Model, *, drivers: bool = False) -> list[NamedLoop]:
    """The named loops of *model* (its ``loops.toml``), or ``[]`` when it has none.

    Parameters
    ----------
    model
        A loaded model.
    drivers
        Also return the open driver chains (``[[driver]]``), marked ``driver=True``.
    """
    path = model.path.parent / LOOPS_FILE
    if not path.is_file():
        return []
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ModelFileError(f"{path}: not valid UTF-8 TOML ({exc})") from None
    out: list[NamedLoop] = []
    sections = [("loop", False)] + ([("driver", True)] if drivers else [])
    for key, is_driver in sections:
        for i, entry in enumerate(data.get(key, [])):
            try:
                out.append(
                    NamedLoop(
                        id=str(entry["id"]),
                        name=str(entry["name"]),
                        variables=tuple(str(v) for v in entry["variables"]),
                        polarity=str(entry.get("polarity", "")),
                        subject=str(entry.get("subject", "")),
                        story=str(entry.get("story", "")).strip(),
                        name_ja=str(entry.get("name_ja", "")),
                        subject_ja=str(entry.get("subject_ja", "")),
                        story_ja=str(entry.get("story_ja", "")).strip(),
                        driver=is_driver,
                        **_state_fields(entry),
                    )
                )
            except KeyError as exc:
                raise ModelFileError(
                    f"{path}: [[{key}]] number {i + 1} lacks {exc}; give id, name and variables"
                ) from None
    return out


def _state_fields(entry: dict[str, Any]) -> dict[str, Any]:
    """The optional state-dependent story fields of a ``[[loop]]`` entry."""
    unit = entry.get("state_unit", "")
    if isinstance(unit, dict):
        units = (str(unit.get("en", "")), str(unit.get("ja", unit.get("en", ""))))
    else:
        units = (str(unit), str(unit))
    out: dict[str, Any] = {"state_unit": units, "state_scale": float(entry.get("state_scale", 1))}
    for key in ("state", "state_en", "state_ja", "story_up", "story_down"):
        out[key] = str(entry.get(key, "")).strip()
    for key in ("story_up_ja", "story_down_ja"):
        out[key] = str(entry.get(key, "")).strip()
    return out


def _link_set(model: Model) -> set[tuple[str, str]]:
    return {(link.from_var, link.to_var) for link in model.engine.get_links()}


def missing_links(model: Model, loop: NamedLoop) -> list[tuple[str, str]]:
    """The links of *loop* that are not causal links of *model* (``[]`` when all are)."""
    have = _link_set(model)
    return [pair for pair in loop.links() if pair not in have]


def causes_and_uses(model: Model, var: str) -> tuple[list[str], list[str]]:
    """The variables *var* depends on (causes) and the variables that depend on it (uses).

    Raises
    ------
    UnknownParameterError
        When *model* has no variable *var*.
    """
    sm = model.engine
    names = set(sm.get_var_names())
    if var not in names:
        raise UnknownParameterError(
            f"model '{model.name}' has no variable '{var}'.{did_you_mean(var, names)}"
        )
    causes: list[str] = []
    uses: list[str] = []
    for link in sm.get_links():
        if link.to_var == var and link.from_var not in causes:
            causes.append(link.from_var)
        if link.from_var == var and link.to_var not in uses:
            uses.append(link.to_var)
    return sorted(causes), sorted(uses)


@dataclass(frozen=True)
class VariableInfo:
    """What a model says about one variable: kind, equation, units and documentation."""

    name: str
    kind: str
    equation: str
    units: str
    doc: str


def describe_variable(model: Model, var: str) -> VariableInfo:
    """Kind (stock, flow, aux), equation (a stock's initial value), units and doc of *var*.

    Raises
    ------
    UnknownParameterError
        When *model* has no variable *var*.
    """
    v = model.engine.get_variable(var)
    if v is None:
        names = model.engine.get_var_names()
        raise UnknownParameterError(
            f"model '{model.name}' has no variable '{var}'.{did_you_mean(var, names)}"
        )
    kind = type(v).__name__.lower()
    equation = getattr(v, "equation", None) or getattr(v, "initial_equation", None) or ""
    if kind == "stock":
        ins = " + ".join(getattr(v, "inflows", ()) or ())
        outs = " - ".join(getattr(v, "outflows", ()) or ())
        change = (ins or "0") + (f" - {outs}" if outs else "")
        equation = f"d/dt = {change}; initial {equation}"
    units = getattr(v, "units", None) or ""
    if not units and var in model.parameters:
        units = model.parameters[var].units
    return VariableInfo(var, kind, str(equation), str(units), getattr(v, "documentation", "") or "")


# -- engine loops ---------------------------------------------------------------------------

_STRUCTURE_CACHE: dict[tuple[str, float], list[tuple[str, tuple[str, ...]]]] = {}
_CACHE_LOCK = threading.Lock()


def _engine_loops(model: Model, timeout: float) -> list[tuple[str, tuple[str, ...]]]:
    """(id, variables) of the loops the engine finds, cached per model file."""
    key = (str(model.path.resolve()), model.path.stat().st_mtime)
    with _CACHE_LOCK:
        cached = _STRUCTURE_CACHE.get(key)
    if cached is not None:
        return cached
    sm = _without_arrays(model)
    loops = list(sm.loops)
    if not loops:
        analysis = sm.analyze(timeout=timeout)
        loops = [] if analysis.analysis_error else list(analysis.loops)
    found = [(str(lp.id), tuple(lp.variables)) for lp in loops]
    with _CACHE_LOCK:
        _STRUCTURE_CACHE[key] = found
    return found


XMILE_NS = "http://docs.oasis-open.org/xmile/ns/XMILE/v1.0"


def _without_arrays(model: Model) -> Any:
    """The engine model of *model* for loop discovery, without its arrayed variables.

    Loops over arrayed elements are left out of the comparison anyway (their own cycle
    partitions), but on a model with many elements (the single-year age slots) they would
    fill the engine's report of discovered loops and crowd out the model's own. So discovery
    runs on a copy in which every arrayed variable is gone and every scalar that reads one
    follows its own base-run values (a graphical function of time): the same scalar loops,
    as long as nothing arrayed reads a scalar stock back (the population sector reads only
    levers and constants), and the model itself when it has no arrays.
    """
    import re
    import tempfile
    import xml.etree.ElementTree as ET

    import simlin

    ET.register_namespace("", XMILE_NS)
    q = f"{{{XMILE_NS}}}"
    root = ET.fromstring(model.path.read_text(encoding="utf-8"))
    variables = root.find(f"{q}model/{q}variables")
    assert variables is not None
    arrayed = {v.get("name") for v in variables if v.find(f"{q}dimensions") is not None}
    if not arrayed:
        return model.engine
    reads = re.compile(r"\b(" + "|".join(re.escape(str(n)) for n in arrayed) + r")\b")
    eqn_tags = {f"{q}{t}" for t in ("eqn", "inflow", "outflow")}
    readers = [
        v
        for v in variables
        if v.get("name") not in arrayed
        and reads.search(" ".join(c.text or "" for c in v if c.tag in eqn_tags))
    ]
    base = model.run(variables=[str(v.get("name")) for v in readers])
    for v in list(variables):
        if v.get("name") in arrayed:
            variables.remove(v)
    for v in readers:
        for child in list(v):
            if child.tag in {f"{q}{t}" for t in ("eqn", "gf", "inflow", "outflow", "non_negative")}:
                v.remove(child)
        if v.tag == f"{q}stock":
            v.tag = f"{q}aux"
        ET.SubElement(v, f"{q}eqn").text = "TIME"
        gf = ET.SubElement(v, f"{q}gf", {"type": "continuous"})
        ET.SubElement(gf, f"{q}xpts").text = ",".join(repr(float(t)) for t in base.index)
        ys = base[str(v.get("name"))].to_numpy(dtype=float)
        ET.SubElement(gf, f"{q}ypts").text = ",".join(repr(float(y)) for y in ys)
    m = root.find(f"{q}model")
    assert m is not None
    for views in m.findall(f"{q}views"):
        m.remove(views)
    with tempfile.TemporaryDirectory(prefix="doomloop-loops-") as tmp:
        path = Path(tmp) / model.path.name
        path.write_text(ET.tostring(root, encoding="unicode"), encoding="utf-8")
        return simlin.load(path)


def _jaccard(a: Sequence[str], b: Sequence[str]) -> float:
    sa, sb = set(a), set(b)
    return len(sa & sb) / len(sa | sb) if sa | sb else 0.0


def _kin(
    variables: Sequence[str], named: Sequence[NamedLoop], stocks: set[str]
) -> NamedLoop | None:
    """The named loop whose stocks (two or more) an engine loop passes through, if any."""
    through = set(variables) & stocks
    fits = [
        lp
        for lp in named
        if len(set(lp.variables) & stocks) >= 2 and set(lp.variables) & stocks <= through
    ]
    return max(fits, key=lambda lp: _jaccard(variables, lp.variables), default=None)


def _words(name: str) -> str:
    return name.replace("_", " ")


#: Japanese names of the variables that unnamed loops are described by (shared by the
#: country models, which have one structure), other than the outputs the model's profile
#: names (those are the profile's: :func:`_names_ja_of`).
NAMES_JA = Path(__file__).resolve().parents[1] / "data" / "variables_ja.csv"


@functools.cache
def _names_ja() -> dict[str, str]:
    import csv

    with NAMES_JA.open(encoding="utf-8", newline="") as f:
        return {row["name"]: row["name_ja"] for row in csv.DictReader(f) if row["name_ja"]}


def _names_ja_of(model: Model) -> dict[str, str]:
    """Japanese names of *model*'s variables: its profile's output labels, then the glossary."""
    from ..profile import profile_of

    return {**_names_ja(), **{o: d.label.ja for o, d in profile_of(model).outputs.items()}}


@dataclass(frozen=True)
class _Candidate:
    label: str
    label_ja: str
    subject: str
    subject_ja: str
    links: tuple[tuple[str, str], ...]
    family: str  # the label the story uses: a named loop's for its variants, else label
    family_ja: str
    named: bool = False


def _candidates(model: Model, timeout: float, first_order: bool) -> list[_Candidate]:
    named = named_loops(model)
    out = [
        _Candidate(
            lp.label,
            lp.label_ja,
            lp.subject or _words(lp.variables[0]),
            lp.subject_ja or lp.subject or _words(lp.variables[0]),
            tuple(lp.links()),
            named=True,
            family=lp.label,
            family_ja=lp.label_ja,
        )
        for lp in named
    ]
    named_vars = {v for lp in named for v in lp.variables}
    stocks = set(model.engine.get_var_names(type_mask=_vartype_stock()))
    ja = _names_ja_of(model)

    def _words_ja(name: str) -> str:
        return ja.get(name, name)

    for loop_id, variables in _engine_loops(model, timeout):
        if any("[" in v for v in variables):
            continue  # arrayed elements: a separate partition, not comparable
        if any(_jaccard(variables, lp.variables) >= MATCH_THRESHOLD for lp in named):
            continue  # the same loop as a named one
        if named and not named_vars & set(variables):
            continue
        if named and not first_order and len(variables) <= 2:
            continue  # a stock and its own in- or outflow: adjustment, not a story
        keys = [v for v in variables if v in stocks] or list(variables[:1])
        # start the description at a stock, and name the whole path when it is short
        first = variables.index(keys[0])
        path = list(variables[first:] + variables[:first])
        if len(path) <= 4:
            desc = " → ".join(_words(v) for v in path) + " → …"
            desc_ja = " → ".join(_words_ja(v) for v in path) + " → …"
        else:
            names = [_words(k) for k in keys[:3]]
            joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
            desc = f"loop through {joined}"
            desc_ja = "・".join(_words_ja(k) for k in keys[:3]) + "を通るループ"
        pairs = tuple(zip(variables, variables[1:] + variables[:1], strict=True))
        kin = _kin(variables, named, stocks)
        # the engine's id starts with the loop's polarity in the base run: r, b or u; only a
        # loop of the named loop's own polarity is a variant of it
        same = kin is not None and loop_id[:1].lower() == kin.polarity[:1].lower()
        if kin is not None and same:  # another path through the same stocks, same polarity
            desc = f"a variant of {kin.label}: {desc}"
            desc_ja = f"{kin.label_ja}の別経路：{desc_ja}"
        label, label_ja = f"{loop_id} ({desc})", f"{loop_id}（{desc_ja}）"
        out.append(
            _Candidate(
                label,
                label_ja,
                _words(keys[0]),
                _words_ja(keys[0]),
                pairs,
                family=kin.label if kin is not None and same else label,
                family_ja=kin.label_ja if kin is not None and same else label_ja,
            )
        )
    return out


def _vartype_stock() -> int:
    import simlin

    return int(simlin.VARTYPE_STOCK)


# -- dominance ------------------------------------------------------------------------------


_LINK_CACHE: dict[tuple[Any, ...], tuple[np.ndarray, dict[tuple[str, str], np.ndarray]]] = {}
_LINK_CACHE_SIZE = 4


@functools.lru_cache(maxsize=4)
def _engine_at(path: Path, mtime: float, spec: Any) -> Any:
    """The engine model of the file at *path* with the time settings *spec* (for the loop
    scores of a coarser step than the file's)."""
    from ..engine import _with_time

    return _with_time(path, spec)


def _link_scores(
    model: Model, overrides: Mapping[str, float], dt: float | None = None
) -> tuple[np.ndarray, dict[tuple[str, str], np.ndarray]]:
    """Time and LTM link scores of one run at time step *dt* (the model's by default), the
    last few kept per model file, step and overrides."""
    ts = model.time_spec
    dt = ts.dt if dt is None else float(dt)
    mtime = model.path.stat().st_mtime
    key = (
        str(model.path.resolve()),
        mtime,
        dt,
        tuple(sorted((k, float(v)) for k, v in overrides.items())),
    )
    with _CACHE_LOCK:
        hit = _LINK_CACHE.get(key)
    if hit is not None:
        return hit
    if dt == ts.dt:
        engine = model.engine
    else:
        from ..engine import TimeSpec

        spec = TimeSpec(ts.start, ts.stop, dt, 0.0, model.method)
        engine = _engine_at(model.path.resolve(), mtime, spec)
    sim = engine.simulate(overrides=dict(overrides), enable_ltm=True)
    sim.run_to_end()
    time = np.asarray(sim.get_series("time"), dtype=float)
    scores: dict[tuple[str, str], np.ndarray] = {}
    for link in sim.get_links():
        if link.score is not None and len(link.score) == len(time):
            scores[(link.from_var, link.to_var)] = np.nan_to_num(
                np.asarray(link.score, dtype=float), nan=0.0, posinf=0.0, neginf=0.0
            )
    with _CACHE_LOCK:
        while len(_LINK_CACHE) >= _LINK_CACHE_SIZE:
            _LINK_CACHE.pop(next(iter(_LINK_CACHE)))
        _LINK_CACHE[key] = (time, scores)
    return time, scores


def _loop_scores(
    model: Model,
    overrides: Mapping[str, float],
    candidates: Sequence[_Candidate],
    dt: float | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Time and loop scores (one row per candidate): products of link scores."""
    time, scores = _link_scores(model, overrides, dt)
    rows = []
    for cand in candidates:
        s = np.ones_like(time)
        for pair in cand.links:
            s = s * scores.get(pair, np.zeros_like(time))
        rows.append(s)
    return time, np.vstack(rows) if rows else np.zeros((0, len(time)))


def loop_scores(
    model: Model,
    params: Mapping[str, float] | None = None,
    scenario: Scenario | str | Path | None = None,
    *,
    relative: bool = False,
    timeout: float = 60.0,
    first_order: bool = False,
) -> pd.DataFrame:
    """LTM loop scores of one run: one column per loop (named loops by label), by time.

    A loop score is the product of the link scores around the loop (Schoenberg, Davidsen
    & Eberlein 2020, https://doi.org/10.1002/sdr.1658): positive while the loop reinforces,
    negative while it balances, zero while one of its links is inactive. With *relative*,
    each score is divided by the sum of the absolute scores of all loops compared.
    """
    import pandas as pd

    overrides = model.resolve_params(params, scenario)
    candidates = _candidates(model, timeout, first_order)
    time, scores = _loop_scores(model, overrides, candidates)
    if relative:
        total = np.abs(scores).sum(axis=0)
        scores = np.where(total > 0, scores / np.where(total > 0, total, 1.0), 0.0)
    return pd.DataFrame(
        scores.T, index=pd.Index(time, name="time"), columns=[c.label for c in candidates]
    )


def inactive_loops(
    model: Model,
    params: Mapping[str, float] | None = None,
    scenario: Scenario | str | Path | None = None,
    start: float = 2024,
    stop: float = 2060,
) -> dict[str, list[tuple[str, str]]]:
    """Named loops that carry no feedback in ``[start, stop]``, with their silent links.

    A loop is inactive when one of its links has a zero LTM link score throughout: for
    example a talent limit that never binds inside a ``MIN`` (Schoenberg, Davidsen &
    Eberlein 2020, https://doi.org/10.1002/sdr.1658). Returns ``{label: [silent links]}``.
    """
    overrides = model.resolve_params(params, scenario)
    time, scores = _link_scores(model, overrides)
    window = (time >= start) & (time <= stop) & (time > model.time_spec.start)
    out: dict[str, list[tuple[str, str]]] = {}
    for lp in named_loops(model):
        silent = [
            pair
            for pair in lp.links()
            if pair not in scores or not np.any(scores[pair][window] != 0)
        ]
        if silent:
            out[lp.label] = silent
    return out


def inactive_text(inactive: Mapping[str, Sequence[tuple[str, str]]], lang: str = "en") -> str:
    """One line per inactive named loop, naming the links that carry no change."""
    lines = []
    for label, links in inactive.items():
        shown = ", ".join(f"{a} → {b}" for a, b in links[:3])
        if lang == "ja":
            lines.append(f"{label}：働いていません（変化を伝えないリンク：{shown}）。")
        else:
            lines.append(f"{label} is not active: no change passes {shown}.")
    return "\n".join(lines)


def _sentence(
    labels: Sequence[str], subject: str, polarity: str, start: float, end: float, lang: str
) -> str:
    span = f"{start:g}-{end:g}"
    if not labels:
        if lang == "ja":
            return (
                f"{start:g}〜{end:g}年：働いているフィードバックループはありません"
                "（変化はループの外、外生的な要因から来ています）。"
            )
        return (
            f"{span}: no feedback loop is active; change comes from outside the loops "
            "(drivers and external inputs)."
        )
    pol = _POLARITY_WORDS[lang][polarity]
    if lang == "ja":
        names = "、".join(labels)
        return f"{start:g}〜{end:g}年：{names}が{subject}を主に動かしています（{pol}）。"
    names = labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]
    verb = "dominates" if len(labels) == 1 else "dominate"
    return f"{span}: {names} {verb} {subject} ({pol})."


def loop_dominance(
    model: Model,
    params: Mapping[str, float] | None = None,
    scenario: Scenario | str | Path | None = None,
    start: float = 2024,
    stop: float = 2060,
    *,
    step: float = 1.0,
    timeout: float = 60.0,
    first_order: bool = False,
    through: str | None = None,
    min_years: float = 3.0,
    dt: float | None = None,
) -> list[Period]:
    """Which loops dominate *model*'s behaviour, period by period, from *start* to *stop*.

    Parameters
    ----------
    model
        A loaded model.
    params, scenario
        Overrides, as for :meth:`doomloop.Model.run`.
    start, stop
        The span to explain (clipped to the model's time settings).
    step
        Length of the blocks over which relative loop scores are averaged (one year).
    timeout
        Seconds allowed for loop discovery on large models.
    first_order
        Also compare the unnamed first-order loops (a stock and its own in- or outflow:
        drainage, goal seeking at the stock's own adjustment time) of a model that names its
        loops. They are left out by default: every stock has one, they say only how fast a
        stock adjusts, and they would otherwise crowd out the loops the model is about.
        Without named loops every loop the engine finds is compared.
    through
        Compare only the loops through this variable (for example
        ``"ai_specialists_domestic"``: which loop dominates the specialist stock).
    min_years
        A period in which a loop dominates for less than this many years is folded into a
        neighbouring one, so that the story is told in a few periods rather than a year at
        a time; ``min_years=step`` tells every change. Spans with no active loop are kept
        as they are.
    dt
        Time step of the run whose loop scores are compared (the model's own by default).
        Dominance is a comparison of loop scores averaged over years, so a coarser step
        (0.25 year on models of 1/16) tells the story a few times faster where it is the same;
        ``tests/analysis/test_loops.py`` checks that for the web's ``loops_dt`` when it is set.

    Returns
    -------
    list of Period
        Consecutive periods covering ``[start, stop)``.

    Notes
    -----
    See the module docstring for the method (Loops that Matter; Schoenberg, Davidsen &
    Eberlein 2020, https://doi.org/10.1002/sdr.1658).
    """
    overrides = model.resolve_params(params, scenario)
    candidates = _candidates(model, timeout, first_order)
    if through is not None:
        describe_variable(model, through)  # raises for an unknown name
        candidates = [
            c if c.named else replace(c, subject=_words(through), subject_ja=through)
            for c in candidates
            if any(through in pair for pair in c.links)
        ]
    t0 = max(float(start), model.time_spec.start)
    t1 = min(float(stop), model.time_spec.stop)
    if not candidates or t1 <= t0:
        return []
    time, scores = _loop_scores(model, overrides, candidates, dt)
    total = np.abs(scores).sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        relative = np.where(total > 0, scores / np.where(total > 0, total, 1.0), 0.0)
    # the first step carries no change, so no score
    valid = time > model.time_spec.start

    keys = [_dominant(relative[:, j]) for j in range(len(time))]
    blocks: list[tuple[float, float, tuple[int, ...], str, float]] = []
    for a in np.arange(t0, t1, step):
        b = min(a + step, t1)
        idx = np.nonzero(valid & (time >= a - 1e-9) & (time < b - 1e-9))[0]
        if idx.size == 0:
            idx = np.nonzero(valid & (time >= a - 1e-9))[0][:1]
        if idx.size == 0:
            blocks.append((float(a), float(b), (), "", 0.0))
            continue
        # the dominance that holds for most of the block; a tie goes to the later one
        counts: dict[tuple[tuple[int, ...], str], list[int]] = {}
        for j in idx:
            counts.setdefault(keys[j][:2], []).append(int(j))
        best = max(counts, key=lambda k: (len(counts[k]), counts[k][-1]))
        share = float(np.mean([keys[j][2] for j in counts[best]]))
        blocks.append((float(a), float(b), best[0], best[1], share))

    # a named loop and its variants are one story: each block's dominant loops by family,
    # each family once, represented by its first candidate (the named loop when it is one)
    rep: dict[str, int] = {}
    for i, cand in enumerate(candidates):
        rep.setdefault(cand.family, i)
    blocks = [
        (
            a,
            b,
            tuple(dict.fromkeys(rep[candidates[i].family] for i in c)),
            pol,
            share,
        )
        for a, b, c, pol, share in blocks
    ]

    periods = []
    for a, b, chosen, pol, shares, _sets in _periods(blocks, min_years):
        labels = tuple(candidates[i].family for i in chosen)
        labels_ja = tuple(candidates[i].family_ja for i in chosen)
        subject = candidates[chosen[0]].subject if chosen else ""
        subject_ja = candidates[chosen[0]].subject_ja if chosen else ""
        periods.append(
            Period(
                start=a,
                end=b,
                loops=labels,
                polarity=pol,
                sentence=_sentence(labels, subject, pol, a, b, "en"),
                sentence_ja=_sentence(labels_ja, subject_ja, pol, a, b, "ja"),
                share=float(np.mean(shares)),
                loops_ja=labels_ja,
            )
        )
    return periods


def _periods(
    blocks: Sequence[tuple[float, float, tuple[int, ...], str, float]], min_years: float
) -> list[list[Any]]:
    """Blocks as periods ``[start, end, dominant, polarity, shares, sets]``.

    Consecutive blocks with the same leading loop and polarity form one period. A period
    shorter than *min_years* in which a loop dominates is folded into a neighbour in which
    one does too (one of the same polarity if there is one, else the longer), shortest
    first; a span with no active loop is never folded, so it is never told as a loop's. A
    period is named by the dominant set, led by its leading loop, that holds in most of its
    blocks.
    """
    merged: list[list[Any]] = []
    for a, b, chosen, pol, share in blocks:
        _join(merged, [a, b, chosen[:1], pol, [share], [chosen]])
    while True:
        order = sorted(range(len(merged)), key=lambda k: merged[k][1] - merged[k][0])
        fold = None
        for i in order:
            if merged[i][1] - merged[i][0] >= min_years - 1e-9:
                break
            near = [k for k in (i - 1, i + 1) if 0 <= k < len(merged) and merged[k][3]]
            if merged[i][3] and near:
                k = max(
                    near, key=lambda k: (merged[k][3] == merged[i][3], merged[k][1] - merged[k][0])
                )
                fold = (i, k)
                break
        if fold is None:
            break
        i, k = fold
        short, into = merged[i], merged[k]
        into[0], into[1] = min(into[0], short[0]), max(into[1], short[1])
        into[4] += short[4]
        into[5] += short[5]
        del merged[i]
        joined: list[list[Any]] = []
        for item in merged:  # neighbours that now match join
            _join(joined, item)
        merged = joined
    for item in merged:
        sets: list[tuple[int, ...]] = [c for c in item[5] if c[:1] == item[2][:1]]
        item[2] = max(sets, key=lambda c: (sets.count(c), -len(c)))
    return merged


def _join(periods: list[list[Any]], item: list[Any]) -> None:
    """Append *item* to *periods*, or extend the last one when lead and polarity match."""
    last = periods[-1] if periods else None
    if last is not None and last[2][:1] == item[2][:1] and last[3] == item[3]:
        last[1] = item[1]
        last[4] += item[4]
        last[5] += item[5]
    else:
        periods.append(item)


def _dominant(relative: np.ndarray) -> tuple[tuple[int, ...], str, float]:
    """Dominant loops (largest first), polarity and explained share at one step."""
    order = np.argsort(-np.abs(relative), kind="stable")
    chosen: list[int] = []
    share = 0.0
    for i in order:
        if abs(relative[i]) <= 1e-12 or len(chosen) >= MAX_DOMINANT:
            break
        chosen.append(int(i))
        share += abs(float(relative[i]))
        if share >= DOMINANCE_SHARE:
            break
    if not chosen:
        return (), "", 0.0
    net = float(sum(relative[i] for i in chosen))
    return tuple(chosen), ("reinforcing" if net > 0 else "balancing"), share


def explain_text(periods: Sequence[Period], lang: str = "en") -> str:
    """The periods as plain-language sentences, one a line, in English or Japanese.

    Raises
    ------
    ValueError
        For a language other than ``"en"`` or ``"ja"``.
    """
    if lang not in ("en", "ja"):
        raise ValueError(f"language {lang!r} is not 'en' or 'ja'")
    if not periods:
        return (
            "No feedback loops to explain in this span."
            if lang == "en"
            else "この期間に説明できるフィードバックループはありません。"
        )
    return "\n".join(p.sentence if lang == "en" else (p.sentence_ja or p.sentence) for p in periods)
