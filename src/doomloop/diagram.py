"""Diagrams: each sector's stock-and-flow view of a model file, and the named loops.

:func:`view_names` lists the ``<view>`` elements a model file carries (the shipped models
carry one per sector, written by ``tools/build_models.py``); :func:`render_view` draws one
with pysimlin's own renderer (what Simlin shows), as SVG or PNG. :func:`loop_diagram_svg` is
the curated causal-loop diagram of the named loops (``data/loop_diagram.toml``), drawn with
matplotlib, for the report and the page.
"""

from __future__ import annotations

import io
import math
import re
import tempfile
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .engine import Model
from .errors import DoomloopError, ModelFileError, did_you_mean
from .xmlsafety import check_model_file

LOOP_DIAGRAM = Path(__file__).parent / "data" / "loop_diagram.toml"
# XMILE declares no name on a <view> and admits a vendor's attributes only in its own
# namespace (XMILE 1.1 schema: anyAttribute notNamespace="##targetNamespace ##local"), so the
# shipped files name each sector's view as doomloop:name, declared on the root element.
NAMESPACE = "urn:doomloop:xmile"
VIEW_NAME_ATTR = "doomloop:name"
_VIEW = re.compile(r"[ \t]*<view\b[^>]*>.*?</view>\s*", re.S)
_NAME = re.compile(r'<view\b[^>]*\s(?:doomloop:)?name="([^"]*)"')  # also files before the namespace


class DiagramError(DoomloopError):
    """A diagram that cannot be drawn (no such view, a model file without views)."""


def _views(path: Path) -> tuple[str, list[str]]:
    check_model_file(path)
    text = path.read_text(encoding="utf-8")
    views = _VIEW.findall(text)
    if not views:
        raise DiagramError(
            f"{path} has no <views>: it carries no diagram; the shipped models do "
            "(tools/build_models.py writes one view per sector)"
        )
    return text, views


def view_names(path: str | Path) -> list[str]:
    """Names of the views (sectors) of the model file at *path*, in file order."""
    _, views = _views(Path(path))
    return [_name(v) or f"view {i + 1}" for i, v in enumerate(views)]


def slug(name: str) -> str:
    """A short file name for a view: its name up to a '(' ',' or ':', words joined by '-'."""
    head = re.split(r"[(,:]", name)[0]
    return "-".join(re.findall(r"[a-z0-9]+", head.lower()))[:60] or "view"


def find_view(path: str | Path, sector: str) -> str:
    """The view of *path* whose name (or slug, or a unique prefix of either) is *sector*."""
    names = view_names(path)
    key = sector.strip().lower()
    for n in names:
        if key in (n.lower(), slug(n)):
            return n
    hits = [n for n in names if n.lower().startswith(key) or slug(n).startswith(slug(key))]
    if len(hits) == 1:
        return hits[0]
    raise DiagramError(
        f"no single view named '{sector}' in {path}.{did_you_mean(sector, names)} "
        f"Views: {'; '.join(slug(n) for n in names)}"
    )


def render_view(path: str | Path, view: str, fmt: str = "svg", width: int = 2400) -> bytes:
    """One view of the model file at *path*, drawn by pysimlin as ``svg`` or ``png`` bytes."""
    import simlin

    path = Path(path)
    text, views = _views(path)
    chosen = [v for v in views if _name(v) == view]
    if not chosen:
        raise DiagramError(f"{path} has no view named '{view}'; views: {view_names(path)}")
    start = text.index(views[0])
    end = text.index(views[-1]) + len(views[-1])
    one = text[:start] + chosen[0] + text[end:]
    with tempfile.TemporaryDirectory() as tmp:
        p = Path(tmp) / "view.xmile"
        p.write_text(one, encoding="utf-8")
        try:
            project = simlin.load(p).project
            if project is None:
                raise ModelFileError(f"{path}: pysimlin loaded no project to draw")
            if fmt == "png":
                return project.render_png(width=width)
            if fmt == "svg":
                return project.render_svg()
        except simlin.SimlinError as exc:
            raise ModelFileError(f"{path}: pysimlin cannot draw view '{view}': {exc}") from None
    raise DiagramError(f"format {fmt!r} is not 'svg' or 'png'")


def _name(view_xml: str) -> str:
    m = _NAME.search(view_xml)
    return m.group(1) if m else ""


def write_views(
    model: Model,
    out: str | Path,
    sector: str | None = None,
    formats: tuple[str, ...] = ("svg", "png"),
) -> list[Path]:
    """Write each view of *model* (or only *sector*'s) as SVG and PNG into *out*."""
    out = Path(out)
    names = [find_view(model.path, sector)] if sector else view_names(model.path)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for i, name in enumerate(view_names(model.path)):
        if name not in names:
            continue
        for fmt in formats:
            target = out / f"{model.name}-{i:02d}-{slug(name)}.{fmt}"
            target.write_bytes(render_view(model.path, name, fmt))
            written.append(target)
    return written


# --------------------------------------------------------------------------------------------
# the named loops
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LoopDiagram:
    """The curated causal-loop diagram: nodes, signed links, loop markers."""

    nodes: dict[str, dict[str, Any]]
    links: list[dict[str, str]]
    loops: list[dict[str, Any]]


def loop_diagram() -> LoopDiagram:
    """The curated diagram as data (``data/loop_diagram.toml``)."""
    data = tomllib.loads(LOOP_DIAGRAM.read_text(encoding="utf-8"))
    nodes = {n["id"]: n for n in data["node"]}
    return LoopDiagram(nodes, list(data["link"]), list(data["loop"]))


def _loop_names(model: Model | None, lang: str) -> dict[str, tuple[str, str]]:
    """Each named loop's (name, polarity) from the model's loops.toml (Japan's by default)."""
    from .analysis.loops import named_loops
    from .engine import load_model

    m = model or load_model("japan")
    out = {}
    for lp in named_loops(m, drivers=True):
        name = (lp.name_ja or lp.name) if lang == "ja" else lp.name
        out[lp.id] = (name, "driver" if lp.driver else lp.polarity)
    return out


def loop_diagram_data(model: Model | None = None, lang: str = "en") -> dict[str, Any]:
    """The curated diagram as plain data for a page to draw: nodes with their label in *lang*
    and place, signed links, and each loop's marker with its name and polarity ("reinforcing",
    "balancing" or "driver") taken from the model's ``loops.toml``."""
    d = loop_diagram()
    names = _loop_names(model, lang)
    label = "label_ja" if lang == "ja" else "label"
    nodes = [
        {"id": k, "variable": n["variable"], "label": n[label], "x": n["x"], "y": n["y"]}
        for k, n in d.nodes.items()
    ]
    links = [{"from": x["from"], "to": x["to"], "sign": x["sign"]} for x in d.links]
    loops = []
    for lp in d.loops:
        name, polarity = names.get(lp["id"], (lp["id"], ""))
        loops.append(
            {"id": lp["id"], "name": name, "polarity": polarity, "x": lp["x"], "y": lp["y"]}
        )
    return {"nodes": nodes, "links": links, "loops": loops}


def loop_diagram_svg(model: Model | None = None, lang: str = "en") -> str:
    """The causal-loop diagram of the named loops as SVG text (text kept as text)."""
    import warnings

    import matplotlib
    import matplotlib.pyplot as plt

    buf = io.StringIO()
    with warnings.catch_warnings():
        # Japanese labels: matplotlib's own font has no kana or kanji; the SVG keeps them as
        # text (svg.fonttype none), which the browser draws with its own Japanese font.
        warnings.filterwarnings("ignore", message="Glyph .* missing from font")
        fig = _draw_loops(model, lang)
        with matplotlib.rc_context({"svg.fonttype": "none"}):
            fig.savefig(buf, format="svg", bbox_inches="tight")
    plt.close(fig)
    return buf.getvalue()


def loop_diagram_png(model: Model | None = None, dpi: int = 150) -> bytes:
    """The causal-loop diagram of the named loops as PNG bytes (English labels)."""
    import matplotlib.pyplot as plt

    fig = _draw_loops(model, "en")
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, bbox_inches="tight")
    plt.close(fig)
    return buf.getvalue()


def _draw_loops(model: Model | None, lang: str) -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.patches import Circle, FancyArrowPatch

    d = loop_diagram_data(model, lang)
    nodes = {n["id"]: n for n in d["nodes"]}
    fig, ax = plt.subplots(figsize=(13, 8.2))
    ax.set_aspect("equal")
    ax.set_axis_off()
    ax.set_xlim(-2.4, 13.6)
    ax.set_ylim(-2.4, 7.9)
    family = ["sans-serif"]
    for n in d["nodes"]:
        ax.text(
            n["x"],
            n["y"],
            n["label"],
            ha="center",
            va="center",
            fontsize=11,
            family=family,
            bbox={"boxstyle": "round,pad=0.35", "fc": "white", "ec": "#555555", "lw": 1},
        )
    rad = -0.18
    for link in d["links"]:
        a, b = nodes[link["from"]], nodes[link["to"]]
        arrow = FancyArrowPatch(
            (a["x"], a["y"]),
            (b["x"], b["y"]),
            connectionstyle=f"arc3,rad={rad}",
            arrowstyle="-|>",
            mutation_scale=16,
            lw=1.4,
            color="#333333",
            shrinkA=30,
            shrinkB=30,
        )
        ax.add_patch(arrow)
        # the sign sits beside the arrowhead, on the curve's outer side (arc3's control point)
        dx, dy = b["x"] - a["x"], b["y"] - a["y"]
        cx, cy = (a["x"] + b["x"]) / 2 + rad * dy, (a["y"] + b["y"]) / 2 - rad * dx
        t = 0.72
        px = (1 - t) ** 2 * a["x"] + 2 * t * (1 - t) * cx + t**2 * b["x"]
        py = (1 - t) ** 2 * a["y"] + 2 * t * (1 - t) * cy + t**2 * b["y"]
        norm = math.hypot(dx, dy) or 1.0
        px, py = (
            px + 0.28 * dy / norm * (1 if rad > 0 else -1),
            py - 0.28 * dx / norm * (1 if rad > 0 else -1),
        )
        color = "#1f5fbf" if link["sign"] == "+" else "#c0392b"
        ax.text(
            px,
            py,
            link["sign"],
            ha="center",
            va="center",
            fontsize=15,
            fontweight="bold",
            color=color,
        )
    for lp in d["loops"]:
        name, polarity = lp["name"], lp["polarity"]
        ring = {"reinforcing": "#1f5fbf", "balancing": "#c0392b"}.get(polarity, "#777777")
        ax.add_patch(Circle((lp["x"], lp["y"]), 0.33, fc="#f7f7f7", ec=ring, lw=1.8))
        ax.text(
            lp["x"],
            lp["y"],
            lp["id"],
            ha="center",
            va="center",
            fontsize=12,
            fontweight="bold",
            color=ring,
        )
        ax.text(
            lp["x"],
            lp["y"] - 0.5,
            name,
            ha="center",
            va="top",
            fontsize=9.5,
            family=family,
            color=ring,
            style="italic",
        )
    return fig
