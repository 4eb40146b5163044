"""Helpers shared by the check modules: canonical names, stocks, and the run budget."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

    from ..engine import Model

#: Vensim control variables that xmutil conversions keep as plain constants; changing them
#: changes nothing (the engine reads sim_specs), so they are no lever and no extreme test.
CONTROL_NAMES = frozenset({"initial_time", "final_time", "time_step", "saveper"})


def canonical(name: str) -> str:
    """The engine's canonical form of a display name (lower case, ``_`` for blanks)."""
    text = name.replace("\\n", " ").strip().lower()
    return re.sub(r"\s+", "_", text)


def engine_variables(model: Model) -> list[Any]:
    """The engine's variable objects (stocks, flows, auxes, modules)."""
    return list(model.engine.variables)


def stocks(model: Model) -> dict[str, str]:
    """Canonical name -> units of every stock of *model* (scalar and arrayed)."""
    import simlin

    have = set(model.variable_names)
    out: dict[str, str] = {}
    for v in engine_variables(model):
        if isinstance(v, simlin.Stock):
            name = canonical(v.name)
            cols = [name] if name in have else [n for n in have if n.startswith(name + "[")]
            for c in cols:
                out[c] = v.units or ""
    return out


class RunBudget:
    """Counts simulations so that ``doomloop check`` stays fast; refuses runs past the cap."""

    def __init__(self, model: Model, cap: int):
        self.model = model
        self.cap = int(cap)
        self.used = 0

    @property
    def left(self) -> int:
        return max(self.cap - self.used, 0)

    def run(self, params: Mapping[str, float] | None = None, **kwargs: Any) -> pd.DataFrame:
        """One :meth:`Model.run`, counted (a failed run counts too)."""
        if self.used >= self.cap:
            raise RuntimeError("run budget exhausted")  # callers check ``left`` first
        self.used += 1
        return self.model.run(params, **kwargs)


def display_path(path: str) -> str:
    """The model path as shown on a card: package-relative, cwd-relative or as given."""
    from ..engine import MODELS_DIR

    p = Path(path)
    for base, prefix in ((MODELS_DIR.parent, "doomloop/"), (Path.cwd(), "")):
        try:
            return prefix + p.resolve().relative_to(base.resolve()).as_posix()
        except (ValueError, OSError):
            continue
    return p.as_posix()
