"""What the page shows of the served model: curated levers, assumptions, graphs, scenarios.

The data live in one file, ``display.toml`` beside this module (see its header). The country
models share one structure, so :func:`display_for` keeps, for one model, the entries whose
parameters and outputs it has, and checks each kept entry against the model's parameter table
(a range outside the parameter's bounds, or a mark outside the range, is a
:class:`~doomloop.errors.ModelFileError` naming the entry and the fix).
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any

from ..errors import ModelFileError

DISPLAY_FILE = Path(__file__).with_name("display.toml")


@functools.cache
def _load(path: Path = DISPLAY_FILE) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ModelFileError(f"{path}: cannot be read as UTF-8 TOML ({exc})") from None


def _scales(entry: Mapping[str, Any]) -> dict[str, float]:
    s = entry.get("scale", 1)
    if isinstance(s, Mapping):
        return {"en": float(s.get("en", 1)), "ja": float(s.get("ja", s.get("en", 1)))}
    return {"en": float(s), "ja": float(s)}


def _units(entry: Mapping[str, Any]) -> dict[str, str]:
    u = entry.get("unit", "")
    if isinstance(u, Mapping):
        return {"en": str(u.get("en", "")), "ja": str(u.get("ja", u.get("en", "")))}
    return {"en": str(u), "ja": str(u)}


def _check_range(where: str, entry: dict[str, Any], table: Mapping[str, Any]) -> None:
    p = table[entry["name"]]
    lo, hi = entry["min"], entry["max"]
    if not (p.lower_bound <= lo < hi <= p.upper_bound):
        raise ModelFileError(
            f"{DISPLAY_FILE}: {where} '{entry['name']}': range {lo:g} to {hi:g} is not inside "
            f"the parameter's bounds {p.lower_bound:g} to {p.upper_bound:g}; narrow it"
        )
    for mark, v in entry.get("marks", {}).items():
        if not lo <= v <= hi:
            raise ModelFileError(
                f"{DISPLAY_FILE}: {where} '{entry['name']}': mark {mark} = {v:g} is outside its "
                f"range {lo:g} to {hi:g}; move the mark or widen the range"
            )


def _timing(name: str, data: Mapping[str, Any], table: Mapping[str, Any]) -> dict[str, Any]:
    """A timing setting (``pay_reform_start``) as shown: its kind's words, units, range."""
    kinds = data.get("timing", {})
    kind = next((k for k in kinds if name.endswith("_" + k)), None)
    if kind is None:
        raise ModelFileError(
            f"{DISPLAY_FILE}: timing setting '{name}' ends in none of {sorted(kinds)}; "
            "add its kind to [timing]"
        )
    k = kinds[kind]
    p = table[name]
    entry = {
        "name": name,
        "kind": kind,
        "en": k["en"],
        "ja": k["ja"],
        "unit": _units(k),
        "scale": _scales(k),
        "min": max(float(k["min"]), p.lower_bound),
        "max": min(float(k["max"]), p.upper_bound),
        "step": float(k["step"]),
    }
    return entry


def display_for(
    model: str, table: Mapping[str, Any], outputs: Collection[str], scenarios: Collection[str]
) -> dict[str, Any]:
    """The display data of *model*: entries whose parameters, outputs and scenarios it has.

    Parameters
    ----------
    model
        The model's name (``"japan"``), for its country's name.
    table
        The model's parameter table (name -> :class:`~doomloop.params.Parameter`).
    outputs
        The outputs the model can return.
    scenarios
        The shipped scenarios written for the model.
    """
    data = _load()
    levers = []
    for entry in data.get("lever", []):
        if entry["name"] not in table:
            continue
        e = {**entry, "unit": _units(entry), "scale": _scales(entry)}
        e["min"], e["max"] = float(e["min"]), float(e["max"])
        _check_range("lever", e, table)
        e["timing"] = [_timing(n, data, table) for n in entry.get("timing", []) if n in table]
        if e.get("cost") not in outputs:
            e.pop("cost", None)
        levers.append(e)
    assumptions = []
    for entry in data.get("assumption", []):
        if entry["name"] in table:
            assumptions.append({**entry, "unit": _units(entry), "scale": _scales(entry)})
    graphs = [
        {**g, "unit": _units(g), "scale": _scales(g)}
        for g in data.get("graph", [])
        if g["output"] in outputs
    ]
    layers = [x for x in data.get("layer", []) if x["output"] in outputs]
    shipped = [s for s in data.get("scenario", []) if s["name"] in scenarios]
    country = data.get("country", {}).get(model)
    return {
        "model": model,
        "country": country,
        "levers": levers,
        "assumptions": assumptions,
        "graphs": graphs,
        "layers": layers,
        "scenarios": shipped,
    }
