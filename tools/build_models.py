"""Build the shipped XMILE models from the structure files, each country's data and values.

The model file of every country (``src/doomloop/models/<country>/model.xmile``) is generated
here from:

* the structure (``src/doomloop/models/structure/*.toml``, one file per sector, read by
  ``tools/structure.py``): the same stocks, flows and equations for every country;
* the population sector, generated in code from the country's UN WPP 2024 inputs
  (``tools/demography.py``; the folder's ``profile.toml`` names the country in WPP:
  ``[country] wpp``);
* the constants: the family's metadata table (``structure/parameters.csv``) and the
  country's ``values.csv``;
* the diagrams (``tools/views.py``): one view per sector;
* a model's build settings: its ``profile.toml`` may hold ``[build]`` with
  ``extensions = ["hardware"]`` (the sector files and metadata table of
  ``structure/hardware/`` join that model only) and ``values_from = "japan"`` (Japan's values
  for every family constant; the folder's own ``values.csv`` holds only the extensions'
  rows): the VLSI back-test model ``japan-vlsi`` is Japan's structure and data plus the DRAM
  race.

The builder refuses an equation that names no variable (with its file and line) and checks
what it wrote by loading it in pysimlin (no errors allowed). The XMILE files are committed so
that Simlin, Stella and PySD open them as they are; a test checks that they are what this
script writes (no drift). Run after editing the structure or a table::

    python tools/build_models.py            # every country folder
    python tools/build_models.py japan      # one

A new country is a folder ``src/doomloop/models/<name>/`` with ``profile.toml`` (``extends``
the shared profile; its ``[country]`` names it, in WPP too: ``wpp = "..."``) and ``values.csv``.
"""

from __future__ import annotations

import math
import re
import sys
import tempfile
import tomllib
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parent))

from demography import DIM, DT, ELEMENTS, START, STOP, demography, population_sector  # noqa: E402
from sdvar import Var  # noqa: E402
from structure import Sector, StructureError, check_names, read_structure, variables  # noqa: E402
from views import views_xml  # noqa: E402

from doomloop.diagram import NAMESPACE  # noqa: E402
from doomloop.parameters import build_settings, merged_rows  # noqa: E402

WEIGHT = re.compile(r"(age|mortality)_weight_\d+$")  # interpolation weights: off the main view
ROOT = Path(__file__).resolve().parents[1]
PKG = ROOT / "src" / "doomloop"
MODELS = PKG / "models"


def countries(models: Path = MODELS) -> list[str]:
    """Every country folder (one with ``profile.toml`` and ``values.csv``)."""
    return sorted(
        p.name
        for p in models.iterdir()
        if (p / "profile.toml").exists() and (p / "values.csv").exists()
    )


def wpp_country(country: str, models: Path = MODELS) -> str:
    """The country's name in the UN WPP 2024 tables: ``[country] wpp`` of its profile."""
    path = models / country / "profile.toml"
    try:
        name = tomllib.loads(path.read_text(encoding="utf-8"))["country"]["wpp"]
    except (OSError, KeyError, TypeError, tomllib.TOMLDecodeError) as exc:
        msg = (
            f'{path}: needs [country] wpp = "<its name in the WPP tables>", e.g. wpp = "Japan" '
            f"({exc!r})"
        )
        raise SystemExit(msg) from None
    return str(name)


def constants(country: str, models: Path = MODELS) -> list[Var]:
    """The constants of *country*: metadata table and values table, one aux each."""
    extra, tables = build_settings(models / country)
    rows = merged_rows(
        models / "structure" / "parameters.csv", tables[-1], tuple(extra), tuple(tables[:-1])
    )
    return [
        Var(
            "aux",
            p["name"],
            repr(float(p["value"])) if "e" not in p["value"].lower() else p["value"],
            p["units"] or "dmnl",
            f"{p['note']} Source: {p['source']}. Range (5th-95th): {p['low']} to {p['high']}.",
        )
        for _, p in rows
    ]


def _units(u: str) -> str:
    """Units as the model file declares them: every variable has some, ``dmnl`` where none."""
    return u or "dmnl"


def portable(eqn: str) -> str:
    """Rewrite LOG10(x) as LN(x) / LN(10): PySD's XMILE reader lacks LOG10."""
    while "LOG10(" in eqn:
        i = eqn.index("LOG10(")
        depth, j = 0, i + 5
        for j in range(i + 5, len(eqn)):
            depth += {"(": 1, ")": -1}.get(eqn[j], 0)
            if depth == 0:
                break
        eqn = f"{eqn[:i]}(LN{eqn[i + 5 : j + 1]} / {math.log(10)!r}){eqn[j + 1 :]}"
    return eqn


def subscript_references(eqn: str, arrayed: set[str]) -> str:
    """Write references to arrayed variables as ``name[Age]`` (PySD needs it in calls)."""
    import re

    return re.sub(
        r"\b([A-Za-z_][A-Za-z0-9_]*)\b(?!\s*[\[(])",
        lambda m: f"{m.group(1)}[{DIM}]" if m.group(1) in arrayed else m.group(1),
        eqn,
    )


def xml_var(v: Var) -> str:
    tag = v.kind
    out = [f'      <{tag} name="{escape(v.name)}">']
    if v.arrayed or v.elements:
        out.append(f'        <dimensions><dim name="{DIM}"/></dimensions>')
    if v.elements:
        for e, eq in v.elements.items():
            out.append(f'        <element subscript="{e}"><eqn>{escape(eq)}</eqn></element>')
    else:
        out.append(f"        <eqn>{escape(portable(v.eqn))}</eqn>")
    for f in v.inflows:
        out.append(f"        <inflow>{f}</inflow>")
    for f in v.outflows:
        out.append(f"        <outflow>{f}</outflow>")
    if v.non_negative:
        out.append("        <non_negative/>")
    if v.gf:
        xs, ys = v.gf
        out.append('        <gf type="continuous">')
        out.append(f"          <xpts>{','.join(f'{x:.10g}' for x in xs)}</xpts>")
        out.append(f"          <ypts>{','.join(f'{y:.6g}' for y in ys)}</ypts>")
        out.append("        </gf>")
    u = _units(v.units)
    if u:
        out.append(f"        <units>{escape(u)}</units>")
    out.append(f"        <doc>{escape(v.doc)}</doc>")
    out.append(f"      </{tag}>")
    return "\n".join(out)


def model_variables(country: str, models: Path = MODELS) -> tuple[list[Var], list[Sector]]:
    """Every variable of *country*'s model, in file order, and the sectors read."""
    sectors = read_structure(models / "structure")
    for table in build_settings(models / country)[0]:  # the model's structure extensions
        sectors += read_structure(table.parent)
    vs = population_sector(demography(wpp_country(country, models))) + variables(sectors)
    vs += constants(country, models)
    names = [v.name for v in vs]
    dup = sorted({n for n in names if names.count(n) > 1})
    if dup:
        where = {n: f"{s.path}:{s.lines[n]}" for s in sectors for n in s.variables if n in dup}
        raise StructureError(
            f"{country}: defined twice: " + ", ".join(f"{n} ({where.get(n, 'code')})" for n in dup)
        )
    check_names(sectors, set(names))
    arrayed = {v.name for v in vs if v.arrayed or v.elements}
    for v in vs:
        if v.arrayed and v.eqn:
            v.eqn = subscript_references(v.eqn, arrayed)
    return vs, sectors


def sector_views(vs: list[Var], sectors: list[Sector]) -> str:
    """The ``<views>`` of the model: population first, then each sector file's."""
    all_vars = {v.name: v for v in vs}
    in_files = {n for s in sectors for n in s.variables}
    consts = {v.name for v in vs if v.kind == "aux" and _is_number(v.eqn)}
    population = [v for v in vs if v.name not in in_files and v.name not in consts]
    off = [v.name for v in population if v.gf or WEIGHT.match(v.name)]
    main = [v for v in population if v.name not in set(off)]
    groups = [("Population", main)] + [
        (s.title, [all_vars[n] for n in s.variables]) for s in sectors
    ]
    return views_xml(groups, all_vars, off)


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def build(country: str, models: Path = MODELS) -> str:
    """The XMILE text of *country*'s model (folder ``models/<country>``)."""
    vs, sectors = model_variables(country, models)
    head = f"""<?xml version="1.0" encoding="utf-8"?>
<!-- Generated by tools/build_models.py from the doomloop structure
     (src/doomloop/models/structure), UN WPP 2024 data and
     src/doomloop/models/{country}/values.csv. Edit those, then rebuild. -->
<xmile version="1.0" xmlns="http://docs.oasis-open.org/xmile/ns/XMILE/v1.0"
       xmlns:doomloop="{NAMESPACE}">
  <header>
    <vendor>doomloop</vendor>
    <product version="0.1.0">doomloop</product>
    <name>doomloop {country}</name>
    <options>
      <uses_arrays maximum_dimensions="1"/>
    </options>
  </header>
  <sim_specs method="Euler" time_units="year">
    <start>{START}</start>
    <stop>{STOP}</stop>
    <dt>{DT}</dt>
  </sim_specs>
  <dimensions>
    <dim name="{DIM}">
{chr(10).join(f'      <elem name="{c}"/>' for c in ELEMENTS)}
    </dim>
  </dimensions>
  <model>
    <variables>
"""
    body = "\n".join(xml_var(v) for v in vs)
    views = sector_views(vs, sectors)
    return head + body + "\n    </variables>\n" + views + "\n  </model>\n</xmile>\n"


def check_in_pysimlin(country: str, text: str) -> None:
    """Load *text* in pysimlin; refuse it if the engine reports any error."""
    import simlin

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "model.xmile"
        path.write_text(text, encoding="utf-8")
        model = simlin.load(path)
        errors = [
            f"{i.variable or '(model)'}: {i.message}"
            for i in model.check()
            if i.severity == "error"
        ]
        project = model.project
        back = project.to_xmile().decode("utf-8") if project is not None else ""
    views = text.count("<view ")
    if back.count("<view ") != views or back.count("<of></of>"):
        errors.append(f"(views): pysimlin read {back.count('<view ')} of {views} views whole")
    if errors:
        raise SystemExit(
            f"{country}: pysimlin refuses the model it was given:\n  " + "\n  ".join(errors[:20])
        )


def main(argv: list[str]) -> int:
    for c in argv or countries():
        text = build(c)
        check_in_pysimlin(c, text)
        (MODELS / c / "model.xmile").write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
