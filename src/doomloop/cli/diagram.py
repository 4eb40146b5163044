"""``doomloop diagram``: the model's stock-and-flow views and the named loops as SVG and PNG."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ._options import option
from ._output import JsonOpt, Output


def diagram(
    model: Annotated[
        str, option("--model", help="A shipped model name or a path to an XMILE file.")
    ] = "japan",
    sector: Annotated[
        str | None,
        option(
            "--sector",
            help="One view, by name or its start (e.g. pay, population); default: every view.",
        ),
    ] = None,
    out_dir: Annotated[Path, option("--out", help="Folder for the files.")] = Path("diagrams"),
    loops: Annotated[
        bool, option("--loops/--no-loops", help="Also the causal-loop diagram.")
    ] = True,
    as_json: JsonOpt = False,
) -> None:
    """Write each sector's stock-and-flow diagram (as Simlin draws it) and the loop diagram."""
    from ..diagram import loop_diagram_png, loop_diagram_svg, write_views
    from ..engine import load_model

    o = Output("diagram", as_json)
    m = load_model(model)
    with o.progress("diagrams") as prog:
        prog(0, 0)
        written = write_views(m, out_dir, sector)
    if loops and sector is None:
        for lang in ("en", "ja"):
            target = out_dir / f"{m.name}-loops{'' if lang == 'en' else '-ja'}.svg"
            target.write_text(loop_diagram_svg(m, lang), encoding="utf-8")
            written.append(target)
        target = out_dir / f"{m.name}-loops.png"
        target.write_bytes(loop_diagram_png(m))
        written.append(target)
    o.files(*written)
    for p in written:
        o.line(str(p))
    o.finish()


def register(app: typer.Typer) -> None:
    app.command()(diagram)
