"""``doomloop explain``: which feedback loops dominate when, in plain language."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape

from ._console import out

_LANGS = ("en", "ja")


def _short(text: str, limit: int = 240) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def register(app: typer.Typer) -> None:
    """Add the ``explain`` command to *app*."""

    @app.command()
    def explain(
        scenario: Annotated[
            str | None,
            typer.Argument(help="Scenario name or TOML path (default: baseline, if shipped)."),
        ] = None,
        model: Annotated[str, typer.Option("--model", "-m", help="Model name or path.")] = "japan",
        lang: Annotated[str, typer.Option("--lang", help="Language: en or ja.")] = "en",
        var: Annotated[
            str | None,
            typer.Option("--var", help="Show the causes and uses of this variable instead."),
        ] = None,
        start: Annotated[float, typer.Option(help="First year to explain.")] = 2024,
        stop: Annotated[float, typer.Option(help="Last year to explain.")] = 2060,
        through: Annotated[
            str | None,
            typer.Option("--through", help="Compare only the loops through this variable."),
        ] = None,
        all_loops: Annotated[
            bool,
            typer.Option("--all-loops", help="Also compare first-order (stock-outflow) loops."),
        ] = False,
        min_years: Annotated[
            float,
            typer.Option(
                "--min-years",
                min=1.0,
                help="Fold a period shorter than this into a neighbour (1: every change).",
            ),
        ] = 3.0,
    ) -> None:
        """Say which feedback loops dominate when (Loops that Matter), or what a variable
        depends on and feeds."""
        import doomloop
        from doomloop.analysis import (
            causes_and_uses,
            describe_variable,
            explain_text,
            inactive_loops,
            inactive_text,
            loop_dominance,
            named_loops,
        )

        if lang not in _LANGS:
            raise typer.BadParameter(f"--lang must be one of {', '.join(_LANGS)}, not {lang!r}")
        m = doomloop.load_model(model)
        if var is not None:
            info = describe_variable(m, var)
            causes, uses = causes_and_uses(m, var)
            out.print(f"[bold]{info.name}[/] ({info.kind}, {escape(info.units or 'no units')})")
            if info.doc:
                out.print(f"  {escape(info.doc)}")
            out.print(f"  = {escape(_short(info.equation))}")
            for title, names in (("Causes", causes), ("Uses", uses)):
                out.print(f"\n[bold]{title}[/] ({len(names)})")
                for name in names:
                    d = describe_variable(m, name)
                    line = f"  [bold]{name}[/] ({d.kind}, {escape(d.units or '-')})"
                    if d.doc:
                        line += f": {escape(_short(d.doc, 120))}"
                    out.print(line)
                    out.print(f"      = {escape(_short(d.equation, 160))}", style="dim")
            return
        if scenario is None and "baseline" in doomloop.available_scenarios():
            try:
                doomloop.load_scenario("baseline", m)
                scenario = "baseline"
            except doomloop.ScenarioError:
                pass  # the shipped baseline is written for another model
        periods = loop_dominance(
            m,
            scenario=scenario,
            start=start,
            stop=stop,
            first_order=all_loops,
            through=through,
            min_years=min_years,
        )
        label = scenario or "parameter table"
        head = "フィードバックループの支配" if lang == "ja" else "Dominant feedback loops"
        focus = f", through {through}" if through else ""
        out.print(f"[bold]{head}[/]: {m.name}, {escape(label)}{escape(focus)}")
        out.print(escape(explain_text(periods, lang=lang)))
        silent = inactive_loops(m, scenario=scenario, start=start, stop=stop)
        if silent:
            out.print(escape(inactive_text(silent, lang=lang)), style="dim")
        named = named_loops(m, drivers=True)
        if named:
            out.print("\n[bold]" + ("名前付きループ" if lang == "ja" else "Named loops") + "[/]")
            for lp in named:
                story = lp.story_ja if lang == "ja" and lp.story_ja else lp.story
                title = lp.label_ja if lang == "ja" else lp.label
                if lp.driver:
                    title += "（ドライバー）" if lang == "ja" else " (driver)"
                out.print(f"  [bold]{escape(title)}[/]: {escape(' '.join(story.split()))}")
