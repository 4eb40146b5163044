"""Scenarios: named lists of overrides of a model's parameter table, kept in TOML files.

A scenario file looks like::

    name = "pay-parity"
    description = "Specialist pay rises to US parity from 2026."
    model = "japan"              # optional; the model the scenario is written for

    [policy]                     # levers: parameters whose group is "policy"
    pay_reform_target = 1.0

    [assumptions]                # world-view parameters (group "assumption" or "data")
    frontier_growth = 4.5

How the page shows a scenario is optional and kept in the same file: ``title`` and
``question`` (English and Japanese: ``{ en = "...", ja = "..." }``), ``description_ja``,
``start_here = true`` (in the first view's row of the essay's questions) and ``axis = [1970,
1995]`` (a back-test, drawn on its own time axis).

Every name is checked against the parameter table, and a policy in ``[assumptions]`` (or the
reverse) is refused, so that a change from a policy is never confused with a change of
assumption. Errors name the file, the line and the fix.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from .errors import ScenarioError, UnknownParameterError, did_you_mean
from .io.text import read_user_text
from .parameters import ParameterTable


class Model(Protocol):
    """What a scenario needs of a model (a :class:`doomloop.Model` has it): its name and
    parameter table. A protocol, so that this module does not import the engine."""

    name: str
    parameters: ParameterTable


SCENARIOS_DIR = Path(__file__).parent / "scenarios"
TOP_KEYS = {
    "name",
    "description",
    "model",
    "policy",
    "assumptions",
    "title",
    "question",
    "description_ja",
    "start_here",
    "axis",
}
SECTIONS = {"policy": ("policy",), "assumptions": ("assumption", "data")}
#: Largest scenario doomloop reads (the shipped ones are under 4 KiB).
MAX_SCENARIO_CHARS = 1 << 20


@dataclass(frozen=True)
class Scenario:
    """A validated scenario: its policy and assumption overrides."""

    name: str
    description: str = ""
    model: str | None = None
    policy: dict[str, float] = field(default_factory=dict)
    assumptions: dict[str, float] = field(default_factory=dict)
    path: Path | None = None
    title: dict[str, str] = field(default_factory=dict)  # {"en": ..., "ja": ...}
    question: dict[str, str] = field(default_factory=dict)
    description_ja: str = ""
    start_here: bool = False
    axis: tuple[float, float] | None = None  # a back-test's own time axis

    @property
    def overrides(self) -> dict[str, float]:
        """All overrides: assumptions first, then policies."""
        return {**self.assumptions, **self.policy}


_HINT = "a scenario lists overrides, one `name = number` line each"


def available_scenarios() -> list[str]:
    """Names of the scenarios shipped with doomloop."""
    return sorted(p.stem for p in SCENARIOS_DIR.glob("*.toml"))


def _line_of(text: str, key: str, section: str | None = None) -> int | None:
    lines = text.splitlines()
    start = 0
    if section is not None:  # search from the section's [header] on
        for i, line in enumerate(lines):
            if re.match(rf"\s*\[\s*{re.escape(section)}\s*\]", line):
                start = i
                break
    for i, line in enumerate(lines[start:], start=start + 1):
        if re.match(rf"\s*\"?{re.escape(key)}\"?\s*=", line):
            return i
    return _line_of(text, key) if start else None


def parse_scenario(text: str, model: Model, origin: str = "<scenario>") -> Scenario:
    """Validate scenario TOML *text* against *model*'s parameter table."""
    if len(text) > MAX_SCENARIO_CHARS:
        raise ScenarioError(
            f"{origin}: {len(text):,} characters, over the limit of {MAX_SCENARIO_CHARS:,} for "
            "a scenario; a scenario lists overrides, one line each"
        )
    try:
        data: dict[str, Any] = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ScenarioError(
            f"{origin}: not valid TOML ({exc}); write `name = value` lines under "
            "[policy] and [assumptions]"
        ) from None
    except RecursionError:  # tomllib recurses once per nested array or inline table
        raise ScenarioError(
            f"{origin}: arrays or tables nested too deeply to read; a scenario holds "
            "`name = number` lines under [policy] and [assumptions]"
        ) from None

    def where(key: str, section: str | None = None) -> str:
        line = _line_of(text, key, section)
        return f"{origin}:{line}" if line else origin

    for key in data:
        if key not in TOP_KEYS:
            raise ScenarioError(
                f"{where(key)}: unknown top-level key '{key}'.{did_you_mean(key, TOP_KEYS)} "
                f"Allowed: {', '.join(sorted(TOP_KEYS))}; parameters go under [policy] or "
                "[assumptions]"
            )
    name = data.get("name", Path(origin).stem)
    if not isinstance(name, str) or not name:
        raise ScenarioError(f"{where('name')}: 'name' must be a non-empty string")
    description = data.get("description", "")
    if not isinstance(description, str):
        raise ScenarioError(f"{where('description')}: 'description' must be a string")
    wanted_model = data.get("model")
    if wanted_model is not None and not isinstance(wanted_model, str):
        raise ScenarioError(f"{where('model')}: 'model' must be a model name such as \"japan\"")

    shown = _shown(data, where)
    parts: dict[str, dict[str, float]] = {"policy": {}, "assumptions": {}}
    seen: dict[str, str] = {}
    for section, groups in SECTIONS.items():
        table = data.get(section, {})
        if not isinstance(table, dict):
            raise ScenarioError(f"{where(section)}: '{section}' must be a table ([{section}])")
        for key, value in table.items():
            loc = where(key, section)
            if key in seen:
                raise ScenarioError(
                    f"{loc}: '{key}' is set in both [{seen[key]}] and [{section}]; keep one"
                )
            seen[key] = section
            try:
                param = model.parameters[key]
            except UnknownParameterError:
                raise ScenarioError(
                    f"{loc}: unknown parameter '{key}' for model '{model.name}'."
                    f"{did_you_mean(key, model.parameters)} "
                    "List them with `doomloop parameters`."
                ) from None
            if param.group not in groups:
                right = "policy" if param.group == "policy" else "assumptions"
                raise ScenarioError(
                    f"{loc}: '{key}' is a {param.group} parameter; move it to [{right}]"
                )
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise ScenarioError(
                    f"{loc}: '{key}' = {value!r} is not a number; give a number in "
                    f"[{param.lower_bound:g}, {param.upper_bound:g}] {param.units}"
                )
            try:
                parts[section][key] = param.check(value)
            except ValueError as exc:
                raise ScenarioError(f"{loc}: {exc}") from None
    return Scenario(
        name=name,
        description=description,
        model=wanted_model,
        policy=parts["policy"],
        assumptions=parts["assumptions"],
        path=Path(origin) if origin != "<scenario>" else None,
        **shown,
    )


def _shown(data: dict[str, Any], where: Any) -> dict[str, Any]:
    """The optional keys that say how the page shows the scenario, checked."""
    out: dict[str, Any] = {}
    for key in ("title", "question"):
        v = data.get(key)
        if v is None:
            continue
        if not (isinstance(v, dict) and set(v) == {"en", "ja"}) or not all(
            isinstance(x, str) and x for x in v.values()
        ):
            raise ScenarioError(
                f"{where(key)}: '{key}' must give English and Japanese text: "
                f'{key} = {{ en = "...", ja = "..." }}'
            )
        out[key] = dict(v)
    if "description_ja" in data:
        if not isinstance(data["description_ja"], str):
            raise ScenarioError(f"{where('description_ja')}: 'description_ja' must be a string")
        out["description_ja"] = data["description_ja"]
    if "start_here" in data:
        if not isinstance(data["start_here"], bool):
            raise ScenarioError(f"{where('start_here')}: 'start_here' must be true or false")
        out["start_here"] = data["start_here"]
    if "axis" in data:
        ax = data["axis"]
        ok = isinstance(ax, list) and len(ax) == 2
        ok = ok and all(isinstance(x, int | float) and not isinstance(x, bool) for x in ax)
        if not ok or not ax[0] < ax[1]:
            raise ScenarioError(
                f"{where('axis')}: 'axis' must be two years, first before last: axis = [1970, 1995]"
            )
        out["axis"] = (float(ax[0]), float(ax[1]))
    return out


def scenario_path(scenario: str | Path) -> Path:
    """The file of a shipped scenario name or a TOML path (checked to exist)."""
    path = Path(scenario)
    if path.suffix != ".toml":
        shipped = SCENARIOS_DIR / f"{scenario}.toml"
        if not shipped.exists():
            raise ScenarioError(
                f"no scenario named '{scenario}'."
                f"{did_you_mean(str(scenario), available_scenarios())} "
                f"Shipped: {', '.join(available_scenarios())}; or give a path to a .toml file"
            )
        path = shipped
    if not path.is_file():
        raise ScenarioError(f"scenario file {path} does not exist; check the path")
    return path


def scenario_model(scenario: Scenario | str | Path) -> str | None:
    """The model a scenario is written for (its ``model`` key), without validating the rest."""
    if isinstance(scenario, Scenario):
        return scenario.model
    path = scenario_path(scenario)
    text = read_user_text(
        path, what="scenario file", error=ScenarioError, limit=MAX_SCENARIO_CHARS, hint=_HINT
    )
    try:
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError):
        return None  # load_scenario reports it with the line
    value = data.get("model")
    return value if isinstance(value, str) else None


def load_scenario(scenario: Scenario | str | Path, model: Model) -> Scenario:
    """A :class:`Scenario` from an object, a TOML path or a shipped scenario name.

    Raises :class:`ScenarioError` when the scenario names another model than *model*.
    """
    if isinstance(scenario, Scenario):
        sc = scenario
    else:
        path = scenario_path(scenario)
        text = read_user_text(
            path, what="scenario file", error=ScenarioError, limit=MAX_SCENARIO_CHARS, hint=_HINT
        )
        sc = parse_scenario(text, model, origin=str(path))
    if sc.model and sc.model != model.name:
        raise ScenarioError(
            f"scenario '{sc.name}' is written for model '{sc.model}', not '{model.name}'; "
            f"load it with doomloop.load_model('{sc.model}') (CLI: --model {sc.model})"
        )
    return sc
