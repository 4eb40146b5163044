"""``GET /api/loop-diagram``: the curated causal-loop diagram of the named loops as data.

The page draws it itself (SVG built in the browser, so the dominant loop of the year under the
cursor can be highlighted); the nodes, links and loop markers come from
:func:`doomloop.diagram.loop_diagram_data`, the same data the report's and the CLI's drawing
uses. A model that lacks a node's variable (a model of its own, not of this structure) gets
an empty diagram, which the page hides.
"""

from __future__ import annotations

import functools
from typing import Any, Literal

from fastapi import APIRouter

from ..diagram import loop_diagram_data
from .service import Simulator


def add_loop_diagram_route(router: APIRouter, sim: Simulator) -> None:
    """Register ``/loop-diagram`` on *router* for the model *sim* serves."""

    @functools.cache
    def data(lang: str) -> dict[str, Any]:
        d = loop_diagram_data(sim.model, lang)
        if not all(sim.has_output(n["variable"]) for n in d["nodes"]):
            return {"nodes": [], "links": [], "loops": []}
        return d

    @router.get("/loop-diagram")
    def loop_diagram(lang: Literal["en", "ja"] = "en") -> dict[str, Any]:
        """The named loops' diagram: nodes (label in *lang*, place), signed links, loops."""
        return data(lang)
