"""Diagrams: the views in the shipped model files, their rendering, and the loop diagram."""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

import doomloop
from doomloop.cli import app
from doomloop.diagram import (
    NAMESPACE,
    find_view,
    loop_diagram,
    loop_diagram_svg,
    render_view,
    view_names,
)

ROOT = Path(__file__).resolve().parents[1]
MODELS = ROOT / "src" / "doomloop" / "models"
sys.path.insert(0, str(ROOT / "tools"))

from structure import read_structure  # noqa: E402

SECTORS = read_structure(MODELS / "structure")
HARDWARE = read_structure(MODELS / "structure" / "hardware")  # the back-test's extension


def _views(text: str) -> dict[str, str]:
    return {
        m.group(1): m.group(0)
        for m in re.finditer(r'<view [^>]*\bname="([^"]*)".*?</view>', text, re.S)
    }


# Unprefixed attributes the XMILE 1.1 schema (System Dynamics Society, xmile.xsd: views,
# view_content_type, positioning_attributes) declares on what the shipped views hold; any other
# must be in a vendor namespace (its anyAttribute excludes ##local).
XMILE_ATTRIBUTES = {
    "view": {
        "type",
        "background",
        "zoom",
        "scroll_x",
        "scroll_y",
        "home_page",
        "home_view",
        "page_width",
        "page_height",
        "show_pages",
        "page_orientation",
        "page_sequence",
        "x",
        "y",
        "content",
        "width",
        "height",
    },
    "stock": {"name", "x", "y", "width", "height"},
    "flow": {"name", "x", "y", "width", "height"},
    "aux": {"name", "x", "y", "width", "height"},
    "connector": {"uid", "x", "y", "angle", "delay_mark", "line_style", "polarity"},
    "pt": {"x", "y"},
}


@pytest.mark.parametrize("country", doomloop.available_models())
def test_views_use_only_attributes_xmile_declares(country: str) -> None:
    import xml.etree.ElementTree as ET

    root = ET.parse(MODELS / country / "model.xmile").getroot()
    views = root.find("{*}model/{*}views")
    assert views is not None
    bad = set()
    for el in views.iter():
        tag = el.tag.split("}")[-1]
        for attr in el.attrib:
            if not attr.startswith("{") and attr not in XMILE_ATTRIBUTES.get(tag, set()):
                bad.add(f"<{tag} {attr}>")
    assert not bad, f"undeclared unprefixed attributes: {sorted(bad)}"
    names = [v.get(f"{{{NAMESPACE}}}name") for v in views.findall("{*}view")]
    assert all(names) and names == view_names(MODELS / country / "model.xmile")


@pytest.mark.parametrize("country", doomloop.available_models())
def test_each_sector_has_a_view_with_its_variables(country: str) -> None:
    text = (MODELS / country / "model.xmile").read_text(encoding="utf-8")
    views = _views(text)
    assert len(views) >= 6 and list(views)[0] == "Population"
    for s in SECTORS:
        body = views[s.title]
        for name, v in s.variables.items():
            assert re.search(rf'<{v.kind} name="{name}"', body), (s.title, name)
    gf = set(re.findall(r'<aux name="([^"]+)">\s*<eqn>[^<]*</eqn>\s*<gf', text))
    gf |= set(re.findall(r'<aux name="(log_mx_[fm]_\d+|fertility_share_\d)"', text))
    # the demography's data lookups sit on its inputs view; a sector's own lookup (the DRAM
    # race's yen) is drawn on its sector's view, checked above
    gf -= {name for s in SECTORS + HARDWARE for name in s.variables}
    main = "".join(b for n, b in views.items() if "inputs" not in n.lower())
    on_main = set(re.findall(r'name="([^"]+)"', main))
    assert gf and not (gf & on_main), sorted(gf & on_main)[:5]


def test_pysimlin_reads_every_view_back(japan: doomloop.Model) -> None:
    import simlin

    written = simlin.load(japan.path).project.to_xmile().decode()
    assert list(_views(written)) == view_names(japan.path)
    # each stock keeps its place and each flow its pipe
    assert len(re.findall(r"<pts>", written)) >= 25


def test_a_view_renders_as_svg_and_png(japan: doomloop.Model) -> None:
    name = find_view(japan.path, "pay")
    assert name.startswith("Pay")
    svg = render_view(japan.path, name, "svg").decode()
    assert svg.lstrip().startswith("<svg") or "<svg" in svg[:400]
    assert "relative specialist pay" in svg.replace("_", " ")
    assert render_view(japan.path, name, "png")[:8] == b"\x89PNG\r\n\x1a\n"


def test_an_unknown_view_is_refused_naming_the_views(japan: doomloop.Model) -> None:
    with pytest.raises(doomloop.DoomloopError, match="no single view named 'wages'.*pay"):
        find_view(japan.path, "wages")


def test_the_loop_diagram_names_model_variables_and_named_loops(japan: doomloop.Model) -> None:
    d = loop_diagram()
    for country in doomloop.available_models():
        names = set(doomloop.load_model(country).variable_names)
        missing = [n["variable"] for n in d.nodes.values() if n["variable"] not in names]
        assert not missing, (country, missing)
    loops = tomllib.loads((MODELS / "japan" / "loops.toml").read_text(encoding="utf-8"))
    ids = {lp["id"] for lp in loops["loop"]} | {dr["id"] for dr in loops["driver"]}
    assert {lp["id"] for lp in d.loops} == ids
    assert all(link["sign"] in "+-" for link in d.links)
    svg = loop_diagram_svg(japan)
    assert "<svg" in svg and "brain drain" in svg and "R1" in svg
    assert "頭脳流出" in loop_diagram_svg(japan, "ja")


def test_cli_writes_one_view(tmp_path: Path) -> None:
    res = CliRunner().invoke(app, ["diagram", "--sector", "pay", "--out", str(tmp_path)])
    assert res.exit_code == 0, res.output
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == ["japan-03-pay.png", "japan-03-pay.svg"]


def test_each_link_of_the_loop_diagram_is_a_causal_path_of_the_model() -> None:
    import build_models

    vs, _ = build_models.model_variables("japan")
    known = {v.name for v in vs}
    uses: dict[str, set[str]] = {n: set() for n in known}
    for v in vs:
        text = " ".join([v.eqn, *(v.elements or {}).values()])
        for w in re.findall(r"\b[A-Za-z_][A-Za-z0-9_]*\b", text):
            if w in known and w != v.name and v.kind != "stock":
                uses[w].add(v.name)
        for f in [*v.inflows, *v.outflows]:
            uses[f].add(v.name)
    d = loop_diagram()
    for link in d.links:
        a, b = d.nodes[link["from"]]["variable"], d.nodes[link["to"]]["variable"]
        seen, todo = {a}, [a]
        while todo:
            for nxt in uses[todo.pop()] - seen:
                seen.add(nxt)
                todo.append(nxt)
        assert b in seen, f"no causal path {a} -> {b}"
