"""What the page shows of the served model: curated levers, assumptions, graphs, scenarios.

Nothing here is data: each parameter's name is its label in the parameter table; the levers
(their controls, sliders, marks, hints, timing and cost),
the curated assumptions, the graphs a person can choose, every output's name and unit, the
verdict layers and the country's name come from the model's profile
(:mod:`doomloop.profile`), and each shipped scenario's title, question and Japanese
description from its own file (:mod:`doomloop.scenarios`).
:func:`display_for` puts them in the shape ``app.js`` reads (``GET /api/display``), where a
value is shown as ``value / scale``, the profile's own convention, in each language.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from typing import Any

from ..profile import Control, Lever, Profile, Text

#: A timing role of a lever (start, delay, ...) and the name the page gives its kind.
_KINDS = {"start": "start", "delay": "delay", "ramp": "ramp_years", "duration": "duration_years"}


def _scales(en: float, ja: float | None) -> dict[str, float]:
    """The profile's scale per language (a value is shown as ``value / scale``)."""
    return {"en": en, "ja": ja or en}


def _words(text: Text) -> dict[str, str]:
    return {"en": text.en, "ja": text.ja}


def _slider(p: Any, lo: float, hi: float, step: float) -> dict[str, float]:
    """A slider range inside the parameter's possible range."""
    return {
        "min": max(float(lo), p.lower_bound),
        "max": min(float(hi), p.upper_bound),
        "step": float(step),
    }


def _timing(profile: Profile, lever: Lever, table: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The settings of a lever's detail view: its timing, then its detail controls."""
    out = []
    sliders = profile.timing_sliders
    roles = lever.timing.parameters() if lever.timing and sliders else {}
    for role, name in roles.items():
        sl = getattr(sliders, role)
        if name not in table or sl is None:
            continue
        out.append(
            {
                "name": name,
                "kind": _KINDS[role],
                "en": sl.label.en,
                "ja": sl.label.ja,
                "unit": _words(sl.unit),
                "scale": {"en": 1.0, "ja": 1.0},
                **_slider(table[name], sl.min, sl.max, sl.step),
            }
        )
    for c in lever.controls:
        if c.detail and c.parameter in table:
            out.append(
                {
                    "name": c.parameter,
                    "kind": "detail",
                    **_name(table[c.parameter]),
                    "unit": _words(c.unit),
                    "scale": _scales(c.scale, c.scale_ja),
                    **_slider(table[c.parameter], c.slider.min, c.slider.max, c.slider.step),
                }
            )
    return out


def _name(p: Any) -> dict[str, str]:
    """A parameter's name as shown: its labels in the parameter table."""
    return {"en": p.label_en, "ja": p.label_ja}


def _lever_entry(
    c: Control,
    lever: Lever,
    timing: list[dict[str, Any]],
    outputs: Collection[str],
    table: Mapping[str, Any],
) -> dict[str, Any]:
    e: dict[str, Any] = {
        "name": c.parameter,
        **_name(table[c.parameter]),
        "unit": _words(c.unit),
        "scale": _scales(c.scale, c.scale_ja),
        "min": float(c.slider.min),
        "max": float(c.slider.max),
        "step": float(c.slider.step),
        "timing": timing,
    }
    if c.off is not None:
        e["off"] = c.off
    if c.marks is not None:
        e["marks"] = c.marks.model_dump()
    if c.hint is not None:
        e["hint_en"], e["hint_ja"] = c.hint.en, c.hint.ja
    if lever.cost in outputs:
        e["cost"] = lever.cost
    return e


def _output_entry(profile: Profile, output: str) -> dict[str, Any]:
    d = profile.display(output)
    return {
        "output": output,
        "en": d.label.en,
        "ja": d.label.ja,
        "unit": _words(d.unit),
        "scale": _scales(d.scale, d.scale_ja),
    }


def _scenario_entry(sc: Any) -> dict[str, Any]:
    e: dict[str, Any] = {"name": sc.name, "en": sc.title["en"], "ja": sc.title["ja"]}
    if sc.question:
        e["question_en"], e["question_ja"] = sc.question["en"], sc.question["ja"]
    if sc.description_ja:
        e["description_ja"] = sc.description_ja
    if sc.start_here:
        e["start_here"] = True
    if sc.axis:
        e["own_axis"], e["axis"] = True, list(sc.axis)
    return e


def _sentence_en(clause: str) -> str:
    return clause[:1].upper() + clause[1:] + "."


def display_for(
    model: str,
    profile: Profile,
    table: Mapping[str, Any],
    outputs: Collection[str],
    scenarios: Iterable[Any],
) -> dict[str, Any]:
    """The display data of *model*, from its *profile* and its shipped *scenarios*.

    Parameters
    ----------
    model
        The model's name (``"japan"``).
    profile
        The model's profile (checked against the model when it was loaded).
    table
        The model's parameter table (name -> :class:`~doomloop.params.Parameter`).
    outputs
        The outputs the model can return.
    scenarios
        The shipped scenarios written for the model (:class:`~doomloop.scenarios.Scenario`);
        those without a ``title`` are not shown.

    A model without a profile file (its profile a fallback built from the model) has no
    curated levers, assumptions or graphs: the page then shows its parameters and stocks.
    """
    declared = bool(profile.source)
    levers = []
    for lever in profile.levers.values() if declared else ():
        timing = _timing(profile, lever, table)
        for c in lever.controls:
            if not c.detail and c.parameter in table:
                levers.append(_lever_entry(c, lever, timing, outputs, table))
    assumptions = [
        {
            "name": a.parameter,
            **_name(table[a.parameter]),
            "unit": _words(a.unit),
            "scale": _scales(a.scale, None),
            "step": a.step,
        }
        for a in profile.assumptions
        if a.parameter in table
    ]
    shown = {o: _output_entry(profile, o) for o in profile.outputs if o in outputs}
    graphs = [shown[o] for o in profile.views.graphs if o in shown]
    layers = [
        {
            "output": x.output,
            "en": x.label.en,
            "ja": x.label.ja,
            "define_en": _sentence_en(x.meaning.en),
            "define_ja": x.meaning.ja + "状態です。",
        }
        for x in (profile.verdicts.layers if profile.verdicts else ())
        if x.output in outputs
    ]
    country = profile.country.name if profile.country else None
    return {
        "model": model,
        "country": _words(country) if country else None,
        "levers": levers,
        "assumptions": assumptions,
        "graphs": graphs,
        "outputs": list(shown.values()) if declared else [],
        "layers": layers,
        "scenarios": [_scenario_entry(sc) for sc in scenarios if sc.title],
    }
