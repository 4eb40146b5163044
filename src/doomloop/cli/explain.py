"""``doomloop explain``: which feedback loops dominate when, in plain language."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any

import typer
from rich.markup import escape

from ._options import option
from ._output import JsonOpt, Output

_LANGS = ("en", "ja")


def _short(text: str, limit: int = 240) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def explain(
    scenario: Annotated[
        str | None,
        typer.Argument(help="Scenario name or TOML path (default: baseline, if shipped)."),
    ] = None,
    model: Annotated[str, option("--model", help="Model name or path.")] = "japan",
    lang: Annotated[str, option("--lang", help="Language: en or ja.")] = "en",
    var: Annotated[
        str | None,
        option("--var", help="Show the causes and uses of this variable instead."),
    ] = None,
    start: Annotated[float, option("--start", help="First year to explain.")] = 2024,
    stop: Annotated[float, option("--stop", help="Last year to explain.")] = 2060,
    through: Annotated[
        str | None,
        option("--through", help="Compare only the loops through this variable."),
    ] = None,
    all_loops: Annotated[
        bool,
        option("--all-loops", help="Also compare first-order (stock-outflow) loops."),
    ] = False,
    min_years: Annotated[
        float,
        option(
            "--min-years",
            min=1.0,
            help="Fold a period shorter than this into a neighbour (1: every change).",
        ),
    ] = 3.0,
    as_json: JsonOpt = False,
) -> None:
    """Say which feedback loops dominate when (Loops that Matter), or what a variable
    depends on and feeds."""
    import doomloop

    if lang not in _LANGS:
        raise typer.BadParameter(f"--lang must be one of {', '.join(_LANGS)}, not {lang!r}")
    o = Output("explain", as_json)
    m = doomloop.load_model(model)
    if var is not None:
        _variable(o, m, var)
        o.finish()
        return
    if scenario is None and "baseline" in doomloop.available_scenarios():
        try:
            doomloop.load_scenario("baseline", m)
            scenario = "baseline"
        except doomloop.ScenarioError:
            pass  # the shipped baseline is written for another model
    _dominance(
        o,
        m,
        scenario,
        lang,
        start=start,
        stop=stop,
        first_order=all_loops,
        through=through,
        min_years=min_years,
    )
    o.finish()


def _variable(o: Output, m: Any, var: str) -> None:
    """What *var* is, what it depends on and what uses it."""
    from doomloop.analysis import causes_and_uses, describe_variable

    info = describe_variable(m, var)
    causes, uses = causes_and_uses(m, var)
    o.data("variable", asdict(info))
    o.data("causes", list(causes))
    o.data("uses", list(uses))
    units = info.units or "no units"
    o.line(
        f"{info.name} ({info.kind}, {units})",
        markup=f"[bold]{info.name}[/] ({info.kind}, {escape(units)})",
    )
    if info.doc:
        o.line(f"  {info.doc}")
    o.line(f"  = {_short(info.equation)}")
    for title, names in (("Causes", causes), ("Uses", uses)):
        o.line(f"\n{title} ({len(names)})", markup=f"\n[bold]{title}[/] ({len(names)})")
        for name in names:
            d = describe_variable(m, name)
            line = f"  {name} ({d.kind}, {d.units or '-'})"
            rich = f"  [bold]{name}[/] ({d.kind}, {escape(d.units or '-')})"
            if d.doc:
                line += f": {_short(d.doc, 120)}"
                rich += f": {escape(_short(d.doc, 120))}"
            o.line(line, markup=rich)
            o.line(f"      = {_short(d.equation, 160)}", style="dim")


def _dominance(
    o: Output,
    m: Any,
    scenario: str | None,
    lang: str,
    *,
    start: float,
    stop: float,
    first_order: bool,
    through: str | None,
    min_years: float,
) -> None:
    """The dominant loops period by period, the silent loops and the named loops."""
    from doomloop.analysis import (
        explain_text,
        inactive_loops,
        inactive_text,
        loop_dominance,
        named_loops,
    )

    with o.progress("loop analysis") as prog:
        prog(0, 3)
        periods = loop_dominance(
            m,
            scenario=scenario,
            start=start,
            stop=stop,
            first_order=first_order,
            through=through,
            min_years=min_years,
        )
        prog(1, 3)
        silent = inactive_loops(m, scenario=scenario, start=start, stop=stop)
        prog(2, 3)
        named = named_loops(m, drivers=True)
        prog(3, 3)
    o.data("periods", [asdict(p) for p in periods])
    label = scenario or "parameter table"
    head = "主導するフィードバックループ" if lang == "ja" else "Dominant feedback loops"
    focus = f", through {through}" if through else ""
    o.line(
        f"{head}: {m.name}, {label}{focus}",
        markup=f"[bold]{head}[/]: {m.name}, {escape(label)}{escape(focus)}",
    )
    o.line(explain_text(periods, lang=lang))
    if silent:
        o.data("inactive", silent)
        o.line(inactive_text(silent, lang=lang), style="dim")
    if named:
        title = "名前付きループ" if lang == "ja" else "Named loops"
        o.line(f"\n{title}", markup=f"\n[bold]{title}[/]")
    for lp in named:
        story = lp.story_ja if lang == "ja" and lp.story_ja else lp.story
        name = lp.label_ja if lang == "ja" else lp.label
        if lp.driver:
            name += "（人口要因）" if lang == "ja" else " (driver)"
        story = " ".join(story.split())
        o.line(f"  {name}: {story}", markup=f"  [bold]{escape(name)}[/]: {escape(story)}")


def register(app: typer.Typer) -> None:
    """Add the ``explain`` command to *app*."""
    app.command()(explain)
