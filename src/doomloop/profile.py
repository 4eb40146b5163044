"""A model's profile: its levers, headline outputs, verdicts, graphs and how they are shown.

A ``profile.toml`` beside a model file declares, in the spirit of SDEverywhere's app
configuration (sliders, graphs and strings next to a model):

* ``levers``: per lever, the parameters it sets (``controls``, each with a slider range, step,
  display unit and scale, marks, the value at which it is off, a hint), its ``timing``
  parameters (start, delay, ramp; a duration) and their sliders (``timing_sliders``), its
  yearly ``cost`` variable and the unit-cost assumptions behind it, names in English and
  Japanese;
* ``assumptions``: the uncertain assumptions the page lets a person move, most important
  first;
* ``key_outputs`` and ``headline``: what tools read by name and what the page keeps in view;
* ``outputs``: label, display unit, scale and better direction of each output;
* ``verdicts``: the threshold an index must reach to count as achieved, with its reason, and
  the layers it applies to;
* ``views``: which outputs each consumer shows (run table, compare, report, bands, the
  page's graphs, ...);
* ``graphs``: the curated graphs, with units; ``costs``, ``backtest``, ``country``.

A profile may ``extends = "other.toml"`` (a path relative to it): the other file is read first
and this one's tables are merged over it key by key (lists are replaced). The shipped
countries share ``models/profile-base.toml`` and add their ``[country]``.

A model without a profile (a user's ``teacup.xmile``) still works: :func:`profile_for` builds
a fallback from the model's stocks and its policy parameters (grouped by sector). This module
is the only place that reads profiles; every consumer asks it (the web page through
:mod:`doomloop.web.display`), so each label, unit and slider is written once.
"""

from __future__ import annotations

import functools
import math
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from .errors import ProfileError, did_you_mean

if TYPE_CHECKING:
    from .parameters import ParameterTable

PROFILE_FILE = "profile.toml"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(_Strict):
    """A string in English and Japanese."""

    en: str
    ja: str

    def __call__(self, lang: str = "en") -> str:
        return self.ja if lang == "ja" else self.en


def _text(s: str) -> Text:
    return Text(en=s, ja=s)


class Slider(_Strict):
    """A slider's range and step, in the parameter's own units."""

    min: float
    max: float
    step: float = Field(gt=0)

    @model_validator(mode="after")
    def _ordered(self) -> Slider:
        if not self.max > self.min:
            raise ValueError(f"slider max ({self.max:g}) must be above min ({self.min:g})")
        return self


Scale = Annotated[float, Field(gt=0)]


class Marks(_Strict):
    """Qualitative settings of a slider (in the parameter's units): today, low, high."""

    status_quo: float
    low: float
    high: float


class Control(_Strict):
    """A parameter a lever sets, with its slider and how its value is shown.

    A value is shown as ``value / scale`` in ``unit`` (``scale_ja`` in Japanese when its
    number units differ: 1e8 for 億ドル against 1e9 for USD bn). ``off`` is the value at which
    the lever does nothing; ``detail`` puts the control in the lever's detail view (with its
    timing) rather than among the main sliders. Its name is the parameter's label in the
    model's parameter table (``label_en``, ``label_ja``), written once.
    """

    parameter: str
    slider: Slider
    unit: Text
    scale: Scale = 1.0
    scale_ja: Scale | None = None
    off: float | None = None
    marks: Marks | None = None
    hint: Text | None = None
    detail: bool = False

    @model_validator(mode="after")
    def _marks_on_slider(self) -> Control:
        sl = self.slider
        for name, v in (self.marks.model_dump() if self.marks else {}).items():
            if not sl.min <= v <= sl.max:
                raise ValueError(
                    f"{self.parameter}: mark {name} = {v:g} is outside its slider "
                    f"{sl.min:g} to {sl.max:g}; move the mark or widen the slider"
                )
        return self


class Assumption(_Strict):
    """An uncertain assumption the page lets a person move (most important first), named by
    its label in the parameter table."""

    parameter: str
    unit: Text
    scale: Scale = 1.0
    step: float = Field(gt=0)


class Timing(_Strict):
    """The parameters that say when a lever acts: start year, delay, ramp (and duration)."""

    start: str
    delay: str
    ramp: str
    duration: str | None = None

    def parameters(self) -> dict[str, str]:
        """Role -> parameter name."""
        out = {"start": self.start, "delay": self.delay, "ramp": self.ramp}
        if self.duration:
            out["duration"] = self.duration
        return out


class Lever(_Strict):
    label: Text
    controls: tuple[Control, ...] = ()
    timing: Timing | None = None
    cost: str | None = None  # the model variable: this lever's cost, USD a year
    cost_parameters: tuple[str, ...] = ()  # the unit-cost assumptions behind it

    @property
    def parameters(self) -> tuple[str, ...]:
        timing = tuple(self.timing.parameters().values()) if self.timing else ()
        return (*(c.parameter for c in self.controls), *timing)


class OutputDisplay(_Strict):
    """How an output is shown: ``value / scale`` in ``unit`` (``scale_ja`` in Japanese)."""

    label: Text
    unit: Text = Text(en="", ja="")
    scale: Scale = 1.0
    scale_ja: Scale | None = None
    better: Literal["higher", "lower"] | None = None

    @property
    def heading(self) -> str:
        """The English label with its unit in brackets: ``"Years behind the frontier (years)"``."""
        return f"{self.label.en} ({self.unit.en})" if self.unit.en else self.label.en


class Layer(_Strict):
    """A verdict layer: its index output, what achieving it means, the bar and why, and the
    first year its technology exists (earlier years never count as achieved)."""

    output: str
    label: Text
    meaning: Text
    bar: Text | None = None
    reason: Text | None = None
    since: float = -math.inf


class Verdicts(_Strict):
    threshold: float
    reason: str
    layers: tuple[Layer, ...]


class Graph(_Strict):
    id: str
    title: Text
    outputs: tuple[str, ...] = Field(min_length=1)
    unit: Text
    scale: Scale = 1.0


class Views(_Strict):
    cards: tuple[str, ...] = ()
    page: tuple[str, ...] = ()
    graphs: tuple[str, ...] = ()
    table: tuple[str, ...] = ()
    table_years: tuple[int, ...] = (2024, 2030, 2040, 2050, 2060)
    panel: tuple[str, ...] = ()
    compare: tuple[str, ...] = ()
    compare_years: tuple[int, ...] = (2030, 2040, 2050, 2060)
    report: tuple[str, ...] = ()
    report_years: tuple[int, ...] = (2024, 2030, 2040, 2050, 2060)
    loop_focus: tuple[str, ...] = ()
    bands: tuple[str, ...] = ()
    robustness: tuple[str, ...] = ()
    search_target: str | None = None
    sensitivity: str | None = None


class Costs(_Strict):
    total: str | None = None
    gap: str | None = None
    bite_gap: float = 0.05
    bite_index: float = 0.05


class Backtest(_Strict):
    scenario: str
    capability: str
    layer: str


class DramKnockout(_Strict):
    """One condition of the DRAM back-test removed: parameter overrides (a text value takes
    that parameter's own value in the model, e.g. the AI-era ``generalist_weight``)."""

    id: str
    label: str
    params: dict[str, float | str]


class DramBacktest(_Strict):
    """The hardware-era back-test against the DRAM record (Japan's model only)."""

    share: str  # the country's share of the world market: the record's observable
    rivals: dict[str, str] = {}  # producer label -> its share output
    calendar: str = "dram_calendar_shift"  # the parameter that moves the race in model time
    start: int = 1976
    stop: int = 2000
    knockouts: tuple[DramKnockout, ...] = ()
    lags: dict[str, str] = {}  # producer label -> its process lag output (years)
    generations: str | None = None  # file (beside the model) of documented generation dates


class Calibration(_Strict):
    parameters: tuple[str, ...] = ()
    fit_without: tuple[str, ...] = ()


class HistoryMatch(_Strict):
    """How an ensemble is conditioned on the model's record
    (:mod:`doomloop.analysis.history_match`): the implausibility cutoff, and the observation
    error and model discrepancy of each series, in the units it is compared in (orders of
    magnitude for a series compared by difference, log10 ratio otherwise);
    ``observation_error`` and ``model_discrepancy`` for the series not named. Without a
    declared discrepancy the model is taken to be able to follow its record exactly."""

    cutoff: Annotated[float, Field(gt=0)] = 3.0
    exclude: tuple[str, ...] = ()  # series of the record not matched (and why, in the file)
    observation_error: Annotated[float, Field(ge=0)] = 0.05
    observation_errors: dict[str, Annotated[float, Field(ge=0)]] = {}
    model_discrepancy: Annotated[float, Field(ge=0)] = 0.0
    model_discrepancies: dict[str, Annotated[float, Field(ge=0)]] = {}

    def sigma_parts(self, series: str) -> tuple[float, float]:
        """The observation error and the model discrepancy of *series*."""
        return (
            self.observation_errors.get(series, self.observation_error),
            self.model_discrepancies.get(series, self.model_discrepancy),
        )


class Build(_Strict):
    """How the builder makes the model (``tools/build_models.py``; read from the model's own
    ``profile.toml``, not from a profile it extends): structure extensions to add to the
    family's sectors (folders under ``models/structure/``, each with its sector files and a
    metadata table) and the country whose ``values.csv`` gives every family constant (the
    folder's own ``values.csv`` then holds only the extensions' rows)."""

    extensions: tuple[str, ...] = ()
    values_from: str | None = None


class Country(_Strict):
    name: Text
    figures: str | None = None
    wpp: str | None = None


class TimingSlider(Slider):
    """The slider of one timing role (start, delay, ramp, duration) of every lever."""

    label: Text
    unit: Text


class TimingSliders(_Strict):
    start: TimingSlider
    delay: TimingSlider
    ramp: TimingSlider
    duration: TimingSlider | None = None


class Profile(_Strict):
    """What a model shows and lets a person move (see the module docstring)."""

    country: Country | None = None
    key_outputs: tuple[str, ...] = ()
    headline: tuple[str, ...] = ()
    outputs: dict[str, OutputDisplay] = {}
    verdicts: Verdicts | None = None
    views: Views = Views()
    costs: Costs = Costs()
    backtest: Backtest | None = None
    dram: DramBacktest | None = None
    build: Build = Build()
    calibration: Calibration = Calibration()
    history_match: HistoryMatch = HistoryMatch()
    graphs: tuple[Graph, ...] = ()
    levers: dict[str, Lever] = {}
    timing_sliders: TimingSliders | None = None
    assumptions: tuple[Assumption, ...] = ()
    source: str = ""  # the file read, or "" for a fallback

    @model_validator(mode="after")
    def _consistent(self) -> Profile:
        ids = [g.id for g in self.graphs]
        dup = {i for i in ids if ids.count(i) > 1}
        if dup:
            raise ValueError(f"graph id(s) {', '.join(sorted(dup))} given twice")
        for g in self.views.panel:
            if g not in ids:
                raise ValueError(f"views.panel names graph '{g}', which is not in [[graphs]]")
        for o in self.views.graphs:
            if o not in self.outputs:
                raise ValueError(
                    f"views.graphs names '{o}', which has no [outputs.{o}] (its label and unit)"
                )
        owner: dict[str, str] = {}
        for lid, lever in self.levers.items():
            for p in lever.parameters:
                if p in owner:
                    raise ValueError(f"parameter '{p}' belongs to levers '{owner[p]}' and '{lid}'")
                owner[p] = lid
        return self

    # -- verdicts ----------------------------------------------------------------------------
    @property
    def threshold(self) -> float:
        """The index at which a verdict layer counts as achieved (NaN without verdicts)."""
        return self.verdicts.threshold if self.verdicts else math.nan

    @property
    def verdict_outputs(self) -> tuple[str, ...]:
        return tuple(layer.output for layer in self.verdicts.layers) if self.verdicts else ()

    def achieved(self, value: float) -> bool:
        return bool(value >= self.threshold)

    def since(self, output: str) -> float:
        """The first year *output*'s layer can count as achieved (its technology exists)."""
        for layer in self.verdicts.layers if self.verdicts else ():
            if layer.output == output:
                return layer.since
        return -math.inf

    # -- levers ------------------------------------------------------------------------------
    def lever_of(self, parameter: str) -> str | None:
        """The lever a parameter belongs to (None: it is no lever's)."""
        for lid, lever in self.levers.items():
            if parameter in lever.parameters:
                return lid
        return None

    @property
    def control_parameters(self) -> tuple[str, ...]:
        """Parameters that say how much a lever does (not when)."""
        return tuple(c.parameter for lv in self.levers.values() for c in lv.controls)

    @property
    def timing_parameters(self) -> tuple[str, ...]:
        return tuple(
            p for lv in self.levers.values() if lv.timing for p in lv.timing.parameters().values()
        )

    # -- display -----------------------------------------------------------------------------
    def display(self, output: str) -> OutputDisplay:
        """How *output* is shown (its own name, scale 1, when the profile does not say)."""
        return self.outputs.get(output) or OutputDisplay(label=_text(output))

    def graph(self, gid: str) -> Graph:
        for g in self.graphs:
            if g.id == gid:
                return g
        raise ProfileError(f"{self.source or 'profile'}: no graph '{gid}'")

    def panel_graphs(self, limit: int = 6) -> list[Graph]:
        """The graphs of the static chart panel: ``views.panel``, else one per key output."""
        if self.views.panel:
            return [self.graph(g) for g in self.views.panel]
        return [
            Graph(id=o, title=self.display(o).label, outputs=(o,), unit=self.display(o).unit)
            for o in self.key_outputs[:limit]
        ]

    def country_name(self, lang: str = "en") -> str | None:
        return self.country.name(lang) if self.country else None

    # -- checks against a model ----------------------------------------------------------------
    def check(self, table: ParameterTable, variables: Iterable[str] | None = None) -> Profile:
        """Raise :class:`ProfileError` for a name the model lacks or a slider off its bounds.

        Parameters are checked against *table*; outputs against *variables* when given.
        """
        where = self.source or "profile"
        for p in self.calibration.parameters:
            if p not in table:
                raise ProfileError(
                    f"{where}: calibration names parameter '{p}', which the model does not "
                    f"have.{did_you_mean(p, table)} Fix the name in the profile"
                )
        for a in self.assumptions:
            if a.parameter not in table:
                raise ProfileError(
                    f"{where}: assumptions names parameter '{a.parameter}', which the model "
                    f"does not have.{did_you_mean(a.parameter, table)} Fix the name in the profile"
                )
            if table[a.parameter].group in ("policy", "data"):
                raise ProfileError(
                    f"{where}: assumptions names '{a.parameter}', a {table[a.parameter].group} "
                    "parameter; list only uncertain assumptions there"
                )
        named = [c.parameter for lv in self.levers.values() for c in lv.controls]
        for p in (*named, *(a.parameter for a in self.assumptions)):
            if p in table and not (table[p].label_en and table[p].label_ja):
                raise ProfileError(
                    f"{where}: '{p}' is shown by name but has no label_en and label_ja in the "
                    "model's parameters.csv; add both (the page and the CLI read them there)"
                )
        for ko in self.dram.knockouts if self.dram else ():
            ko_named = [self.dram.calendar] if self.dram else []
            ko_named += [*ko.params, *(v for v in ko.params.values() if isinstance(v, str))]
            for p in ko_named:
                if p not in table:
                    raise ProfileError(
                        f"{where}: dram knock-out '{ko.id}' names parameter '{p}', which the "
                        f"model does not have.{did_you_mean(p, table)} Fix the name"
                    )
        for lid, lever in self.levers.items():
            for p in (*lever.parameters, *lever.cost_parameters):
                if p not in table:
                    raise ProfileError(
                        f"{where}: lever '{lid}' names parameter '{p}', which the model does not "
                        f"have.{did_you_mean(p, table)} Fix the name or add it to parameters.csv"
                    )
            for c in lever.controls:
                _check_slider(where, f"levers.{lid}", c.parameter, c.slider, table)
            if lever.timing and self.timing_sliders:
                for role, p in lever.timing.parameters().items():
                    sl = getattr(self.timing_sliders, role)
                    if sl is not None:
                        _check_slider(where, f"levers.{lid}.timing", p, sl, table)
        if variables is None:
            return self
        have = set(variables)
        for key, names in self._output_names().items():
            for n in names:
                if n not in have:
                    raise ProfileError(
                        f"{where}: {key} names output '{n}', which the model does not have."
                        f"{did_you_mean(n, have)} Fix the name in the profile"
                    )
        return self

    def _output_names(self) -> dict[str, tuple[str, ...]]:
        v = self.views
        names = {
            "key_outputs": self.key_outputs,
            "headline": self.headline,
            "outputs": tuple(self.outputs),
            "verdicts.layers": self.verdict_outputs,
            "views.cards": v.cards,
            "views.page": v.page,
            "views.graphs": v.graphs,
            "views.table": v.table,
            "views.compare": v.compare,
            "views.report": v.report,
            "views.loop_focus": v.loop_focus,
            "views.bands": v.bands,
            "views.robustness": v.robustness,
            "views.search_target": (v.search_target,) if v.search_target else (),
            "views.sensitivity": (v.sensitivity,) if v.sensitivity else (),
            "costs": tuple(x for x in (self.costs.total, self.costs.gap) if x),
            "levers.*.cost": tuple(lv.cost for lv in self.levers.values() if lv.cost),
            "history_match.observation_errors": tuple(self.history_match.observation_errors),
            "history_match.model_discrepancies": tuple(self.history_match.model_discrepancies),
            "history_match.exclude": self.history_match.exclude,
        }
        for g in self.graphs:
            names[f"graphs.{g.id}"] = g.outputs
        if self.backtest:
            names["backtest"] = (self.backtest.capability, self.backtest.layer)
        if self.dram:
            names["dram"] = (self.dram.share, *self.dram.rivals.values())
        return names

    # -- the web API -------------------------------------------------------------------------
    def to_api(self, have: Iterable[str] | None = None) -> dict[str, Any]:
        """A JSON-ready dict of the profile for ``/api/models`` (outputs limited to *have*)."""
        data = self.model_dump(mode="json", exclude={"source"})
        if have is not None:
            keep = set(have)
            data["graphs"] = [g for g in data["graphs"] if all(o in keep for o in g["outputs"])]
            data["headline"] = [o for o in data["headline"] if o in keep]
        data["threshold"] = self.threshold if self.verdicts else None
        data["verdict_outputs"] = list(self.verdict_outputs)
        data["declared"] = bool(self.source)  # False: a fallback built from the model
        return data


def _check_slider(where: str, key: str, name: str, sl: Slider, table: ParameterTable) -> None:
    p = table[name]
    if not (p.lower_bound <= sl.min and sl.max <= p.upper_bound):
        raise ProfileError(
            f"{where}: {key}: the slider of '{name}' ({sl.min:g} to {sl.max:g}) leaves its "
            f"possible range [{p.lower_bound:g}, {p.upper_bound:g}] {p.units}; narrow the slider"
        )
    if not (sl.min <= p.value <= sl.max):
        raise ProfileError(
            f"{where}: {key}: the slider of '{name}' ({sl.min:g} to {sl.max:g}) does not hold "
            f"its default {p.value:g} {p.units}; widen the slider"
        )


# -- reading ---------------------------------------------------------------------------------


def _merge(base: dict[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for k, v in over.items():
        if isinstance(v, Mapping) and isinstance(out.get(k), Mapping):
            out[k] = _merge(out[k], v)
        else:
            out[k] = v
    return out


def _read(path: Path, seen: tuple[Path, ...] = ()) -> dict[str, Any]:
    if path in seen:
        raise ProfileError(
            f"{path}: 'extends' loops back to itself ({' -> '.join(map(str, seen))})"
        )
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ProfileError(f"{path}: cannot read the profile: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"{path}: not valid TOML: {exc}; fix the syntax") from None
    parent = data.pop("extends", None)
    if parent is None:
        return data
    if not isinstance(parent, str):
        raise ProfileError(f"{path}: 'extends' must be a path string, got {parent!r}")
    base_path = (path.parent / parent).resolve()
    if not base_path.is_file():
        raise ProfileError(f"{path}: 'extends' names {base_path}, which does not exist")
    return _merge(_read(base_path, (*seen, path)), data)


@functools.lru_cache(maxsize=64)
def _load_cached(path: Path, _mtime: float) -> Profile:
    data = _read(path)
    try:
        return Profile.model_validate({**data, "source": str(path)})
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(x) for x in e['loc']) or 'profile'}: {e['msg']}" for e in exc.errors()
        )
        raise ProfileError(f"{path}: {problems}. Fix these keys of the profile") from None


def load_profile(path: str | Path) -> Profile:
    """Read and validate a ``profile.toml`` (a file, or a model folder holding one)."""
    p = Path(path)
    if p.is_dir():
        p = p / PROFILE_FILE
    p = p.resolve()
    if not p.is_file():
        raise ProfileError(f"{p}: no profile file; write one or use a model without it")
    return _load_cached(p, p.stat().st_mtime)


def profile_path(model_path: str | Path) -> Path | None:
    """The profile beside a model file, if there is one."""
    p = Path(model_path).parent / PROFILE_FILE
    return p if p.is_file() else None


def profile_of(model: Any) -> Profile:
    """The profile of *model*: a :class:`~doomloop.engine.Model`'s own, or (for a
    FunctionModel or anything with ``parameters`` and ``variable_names``) a fallback."""
    prof = getattr(model, "profile", None)
    if isinstance(prof, Profile):
        return prof
    return fallback_profile(tuple(model.variable_names), model.parameters)


def fallback_profile(stocks: Sequence[str], table: ParameterTable) -> Profile:
    """A profile for a model without one: its stocks are the outputs; its policy parameters
    are levers grouped by sector (one with units of years sets timing: start/delay/ramp)."""
    stocks = tuple(stocks)
    groups: dict[str, list[Any]] = {}
    for p in table.in_group("policy"):
        if p.units.strip().lower() not in ("year", "years", "yr"):
            groups.setdefault(p.sector or p.name, []).append(p)
    levers = {}
    for sector, params in groups.items():
        controls: list[Control] = []
        for p in params:
            lo = p.lower_bound if math.isfinite(p.lower_bound) else p.low
            hi = p.upper_bound if math.isfinite(p.upper_bound) else p.high
            if not hi > lo:  # no range at all: half its size either side of the default
                half = (abs(p.value) or 1.0) / 2
                lo, hi = p.value - half, p.value + half
            controls.append(
                Control(
                    parameter=p.name,
                    slider=Slider(min=lo, max=hi, step=(hi - lo) / 100),
                    unit=_text(p.units),
                )
            )
        levers[sector.replace(" ", "_")] = Lever(label=_text(sector), controls=tuple(controls))
    return Profile(
        key_outputs=stocks,
        headline=stocks,
        views=Views(table=stocks, bands=stocks),
        levers=levers,
    )
