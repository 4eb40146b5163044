"""A self-contained HTML report comparing scenarios with the baseline.

:func:`build_report` returns the HTML text; :func:`write_report` writes it atomically and
refuses to overwrite an existing file unless asked. The report holds the key outputs at
2024/2030/2040/2050/2060, charts (PNG embedded as base64, so the file needs nothing else),
the sovereignty verdicts in words, the dominant feedback loops of each run (Loops that
Matter; Schoenberg, Davidsen & Eberlein 2020, https://doi.org/10.1002/sdr.1658) and every
parameter used, policies kept apart from assumptions, with units and source.
"""

from __future__ import annotations

import base64
import html
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from .errors import ScenarioError
from .scenarios import Scenario, available_scenarios, load_scenario

if TYPE_CHECKING:
    from .engine import Model
    from .executors import ProgressCallback
    from .profile import Profile

e = html.escape


@dataclass(frozen=True)
class _Run:
    label: str
    scenario: Scenario | None
    frame: pd.DataFrame
    explanation: str
    focus: tuple[tuple[str, str], ...] = ()
    periods: tuple[Any, ...] = ()  # analysis.loops.Period, all loops compared
    band: dict[str, pd.DataFrame] = field(default_factory=dict)  # var -> p5, p95 by time


def _baseline(model: Model) -> Scenario | None:
    """The shipped ``baseline`` scenario when it fits *model*, else None (parameter table)."""
    if "baseline" not in available_scenarios():
        return None
    try:
        sc = load_scenario("baseline", model)
    except ScenarioError:
        return None  # written for another model
    return sc if sc.model in (None, model.name) else None


def _label(sc: Scenario | None) -> str:
    return "baseline" if sc is None else sc.name


def verdict(series: pd.Series, profile: Profile) -> str:
    """A verdict index in words: when it reaches the profile's threshold, or how far it gets.

    An index at or above the threshold means the layer is achieved; years before the layer's
    technology exists do not count (:func:`doomloop.summary.first_year_achieved`).
    """
    from .summary import first_year_achieved

    threshold = profile.threshold
    last_year = f"{series.index[-1]:g}"
    first = first_year_achieved(series, str(series.name), profile)
    if first is None:
        return f"not achieved by {last_year} (reaches {series.max():.2f} at most)"
    if (series.loc[first:] >= threshold).all():
        return f"achieved from {first:g} (index {series.iloc[-1]:.2f} in {last_year})"
    return f"achieved in {first:g} but not held (index {series.iloc[-1]:.2f} in {last_year})"


def _chart(
    runs: Sequence[_Run],
    var: str,
    title: str,
    units: str,
    scale: float = 1.0,
    threshold: float | None = None,
) -> str:
    """One output in every run as a base64 PNG: its display label, units and scale, and
    readable tick labels (``125m``, not ``1.25e+08``)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter

    from .summary import readable

    fig = Figure(figsize=(6.4, 3.2), dpi=80)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    for run in runs:
        s = run.frame[var]
        (line,) = ax.plot(
            s.index,
            s.to_numpy() / scale,
            label=run.label,
            lw=2 if run.label == "baseline" else 1.5,
        )
        if var in run.band:
            b = run.band[var]
            ax.fill_between(
                b.index, b["p5"] / scale, b["p95"] / scale, color=line.get_color(), alpha=0.15, lw=0
            )
    if threshold is not None:
        ax.axhline(threshold / scale, color="grey", ls=":", lw=1)
    ax.set_title(title)
    ax.set_xlabel("year")
    ax.set_ylabel(units or "")
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: readable(v, short=True)))
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    fig.subplots_adjust(left=0.13, right=0.97, bottom=0.15, top=0.9)
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return base64.b64encode(buf.getvalue()).decode("ascii")


def _fmt(x: float) -> str:
    from .summary import readable

    return readable(x)


def _units(model: Model, var: str) -> str:
    v = model.engine.get_variable(var)
    return (getattr(v, "units", None) or "") if v is not None else ""


def _shown(model: Model, var: str) -> tuple[str, str, float]:
    """The label, units and scale *var* is shown in: the profile's display (its unit and
    scale when it gives a unit), else the variable's own name and model units."""
    d = model.profile.display(var)
    if d.unit.en:
        return d.label.en, d.unit.en, d.scale
    return d.label.en, _units(model, var), 1.0


CSS = """
body{font-family:system-ui,sans-serif;max-width:1000px;margin:2em auto;padding:0 1em;color:#222}
table{border-collapse:collapse;margin:.5em 0 1.5em;font-size:.9em}
th,td{border:1px solid #ccc;padding:.25em .5em;text-align:right;vertical-align:top}
th:first-child,td:first-child,td.t{text-align:left}
td.changed{background:#fff3c4;font-weight:bold}
img{max-width:100%}.diagram svg{max-width:100%;height:auto}
.achieved{color:#0a6b2c;font-weight:bold}.not{color:#a11}
"""


def build_report(
    model: Model,
    scenarios: Sequence[Scenario | str | Path],
    *,
    explain: bool = True,
    start: float = 2024,
    stop: float = 2060,
    bands: int = 0,
    seed: int = 0,
    progress: ProgressCallback | None = None,
) -> str:
    """The HTML text of a report comparing *scenarios* with the baseline.

    Parameters
    ----------
    model
        A loaded model.
    scenarios
        Shipped scenario names, TOML paths or :class:`~doomloop.scenarios.Scenario` objects.
        The baseline (the shipped ``baseline`` scenario, or the parameter table when none is
        shipped) is always shown first.
    explain
        Include the dominant feedback loops of each run (an LTM run each; slower).
    start, stop
        The years shown.
    bands, seed
        With *bands* members (0: none), each chart shades every run's 5-95% band of a Monte
        Carlo ensemble over the uncertain parameters (:func:`~doomloop.analysis.montecarlo.
        monte_carlo`, seed *seed*; the same draws for every run): where the model has a
        record, of members that agree with it (:mod:`doomloop.analysis.history_match`).
    progress
        ``progress(done, total)`` after each run (and its loop analysis).

    Returns
    -------
    str
        A complete HTML document with no external assets.
    """
    loaded = _scenarios(model, scenarios)
    runs = _runs(model, loaded, explain, start, stop, progress, bands, seed)
    layers = [v for v in model.profile.verdict_outputs if v in model.outputs]
    parts: list[str] = _head(model, start, stop)
    parts += _scenario_list(runs)
    parts += _verdicts(runs, layers, model.profile)
    parts += _key_outputs(
        model, runs, [y for y in model.profile.views.report_years if start <= y <= stop]
    )
    parts += _charts(model, runs, layers)
    parts += (
        _loops(model, runs)
        if explain
        else [
            "<h2>Dominant feedback loops</h2>",
            "<p>Not computed for this report (run without loop analysis).</p>",
        ]
    )
    parts += _dram_section(model)
    parts += _parameters(model, runs)
    from . import __version__

    parts.append(
        f"<p><small>doomloop {e(__version__)}, model file {e(model.path.name)}"
        "</small></p></body></html>"
    )
    return "\n".join(parts)


def _scenarios(model: Model, scenarios: Sequence[Scenario | str | Path]) -> list[Scenario | None]:
    """The baseline first, then each scenario once (by name)."""
    loaded: list[Scenario | None] = [_baseline(model)]
    for sc in scenarios:
        s = load_scenario(sc, model)
        if s.name != _label(loaded[0]) and all(s.name != _label(x) for x in loaded):
            loaded.append(s)
    return loaded


def _runs(
    model: Model,
    loaded: Sequence[Scenario | None],
    explain: bool,
    start: float,
    stop: float,
    progress: ProgressCallback | None,
    bands: int = 0,
    seed: int = 0,
) -> list[_Run]:
    """Run each scenario; with *explain*, also its dominant loops (all, and through each
    of the profile's focus variables); with *bands*, a Monte Carlo band of its charts."""
    from .analysis import explain_text, inactive_loops, inactive_text, loop_dominance

    outputs = list(model.outputs)
    runs: list[_Run] = []
    drawn = _matched(model, bands, seed) if bands else None
    for scen in loaded:
        frame = model.run(scenario=scen, variables=outputs).loc[start:stop]
        text = ""
        focus: list[tuple[str, str]] = []
        periods: list[Any] = []
        if explain:
            periods = loop_dominance(model, scenario=scen, start=start, stop=stop)
            text = explain_text(periods)
            silent = inactive_loops(model, scenario=scen, start=start, stop=stop)
            if silent:
                text += "\n" + inactive_text(silent)
            for var in model.profile.views.loop_focus:
                if var in outputs:
                    through = loop_dominance(
                        model, scenario=scen, start=start, stop=stop, through=var
                    )
                    focus.append((var, explain_text(through)))
        band = _band(model, scen, bands, seed, start, stop, drawn) if bands else {}
        runs.append(_Run(_label(scen), scen, frame, text, tuple(focus), tuple(periods), band))
        if progress is not None:
            progress(len(runs), len(loaded))
    return runs


def _charted(model: Model) -> list[str]:
    charted = [v for v in model.profile.views.report or model.profile.key_outputs]
    return [v for v in charted if v in model.outputs]


def _matched(model: Model, n: int, seed: int) -> Any:
    """The members drawn to find *n* that agree with the model's record (None without one)."""
    from .analysis.history_match import match_history
    from .check import history_record

    rec = history_record(model)
    if rec is None:
        return None
    return match_history(model, n, rec=rec, seed=seed, variables=_charted(model))


def _band(
    model: Model,
    scen: Scenario | None,
    n: int,
    seed: int,
    start: float,
    stop: float,
    drawn: Any = None,
) -> dict[str, pd.DataFrame]:
    """The 5th and 95th percentiles of each charted output over an *n*-member ensemble: the
    members of *drawn* that agree with the record, run under *scen*, where there is one."""
    from .analysis.history_match import conditioned_ensemble
    from .analysis.montecarlo import monte_carlo, percentile_bands

    charted = _charted(model)
    if drawn is not None and drawn.attrs["kept"]:
        ds = conditioned_ensemble(model, drawn, n, scenario=scen, variables=charted)
    else:
        ds = monte_carlo(model, n, variables=charted, seed=seed, scenario=scen)
    bands = percentile_bands(ds, (5.0, 95.0))
    out = {}
    for v in charted:
        lo, hi = bands[v].values
        frame = pd.DataFrame({"p5": lo, "p95": hi}, index=bands["time"].values)
        out[v] = frame.loc[start:stop]
    return out


def _head(model: Model, start: float, stop: float) -> list[str]:
    return [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>doomloop report: {e(model.name)}</title>",
        f"<style>{CSS}</style></head><body>",
        f"<h1>doomloop report: {e(model.name)}</h1>",
        f"<p>Scenarios compared with the baseline, {start:g}-{stop:g}. An index of "
        f"{model.profile.threshold:g} or more means the layer is <em>achieved</em>.</p>",
    ]


def _scenario_list(runs: Sequence[_Run]) -> list[str]:
    parts = ["<h2>Scenarios</h2><ul>"]
    for run in runs:
        scenario = run.scenario
        desc = scenario.description if scenario is not None else "the parameter table's values"
        changes = ", ".join(
            f"{k} = {v:g}" for k, v in (scenario.overrides if scenario else {}).items()
        )
        parts.append(
            f"<li><strong>{e(run.label)}</strong>: {e(desc)}"
            + (f" <small>({e(changes)})</small>" if changes else "")
            + "</li>"
        )
    parts.append("</ul>")
    return parts


def _verdicts(runs: Sequence[_Run], layers: Sequence[str], profile: Profile) -> list[str]:
    parts = ["<h2>Verdicts</h2><table><tr><th>scenario</th>"]
    parts += [f"<th>{e(profile.display(v).label.en)}</th>" for v in layers]
    parts.append("</tr>")
    for run in runs:
        parts.append(f"<tr><td>{e(run.label)}</td>")
        for v in layers:
            words = verdict(run.frame[v], profile)
            cls = "not" if words.startswith("not") else "achieved"
            parts.append(f'<td class="t {cls}">{e(words)}</td>')
        parts.append("</tr>")
    parts.append("</table>")
    return parts


def _key_outputs(model: Model, runs: Sequence[_Run], years: Sequence[float]) -> list[str]:
    parts = ["<h2>Key outputs</h2><table><tr><th>output</th><th>units</th><th>scenario</th>"]
    parts += [f"<th>{y}</th>" for y in years]
    parts.append("</tr>")
    for var in model.outputs:
        label, units, scale = _shown(model, var)
        name = f"{e(label)}<br><small>{e(var)}</small>" if label != var else e(var)
        for i, run in enumerate(runs):
            head = (
                f'<td rowspan="{len(runs)}" class="t">{name}</td>'
                f'<td rowspan="{len(runs)}" class="t">{e(units)}</td>'
                if i == 0
                else ""
            )
            cells = "".join(
                f"<td>{_fmt(float(run.frame[var].get(float(y), float('nan'))) / scale)}</td>"
                for y in years
            )
            parts.append(f"<tr>{head}<td class='t'>{e(run.label)}</td>{cells}</tr>")
    parts.append("</table>")
    return parts


def _charts(model: Model, runs: Sequence[_Run], layers: Sequence[str]) -> list[str]:
    profile = model.profile
    parts = ["<h2>Charts</h2>"]
    for var in profile.views.report or profile.key_outputs:
        if var in model.outputs:
            line = profile.threshold if var in layers else None
            label, units, scale = _shown(model, var)
            png = _chart(runs, var, label, units, scale, line)
            parts.append(f'<p><img alt="{e(label)}" src="data:image/png;base64,{png}"></p>')
    return parts


def _loops(model: Model, runs: Sequence[_Run]) -> list[str]:
    """The named loops and each run's dominant loops (Loops that Matter)."""
    from .analysis import named_loops

    parts = [
        "<h2>Dominant feedback loops</h2>",
        "<p>Loops that Matter (Schoenberg, Davidsen &amp; Eberlein 2020, "
        "doi:10.1002/sdr.1658): the loops that explain most of the change, year by "
        "year.</p>",
    ]
    named = named_loops(model, drivers=True)
    if named:
        parts.append("<h3>Named loops</h3><ul>")
        for lp in named:
            kind = "driver" if lp.driver else lp.polarity
            story = " ".join(lp.story.split())
            parts.append(
                f"<li><strong>{e(lp.label)}</strong> ({e(kind)}): {e(story)}"
                f"<br><small>{e(' → '.join(lp.variables))}</small></li>"
            )
        parts.append("</ul>")
        parts += _loop_diagram(model)
    if any(run.periods for run in runs):
        parts.append("<h3>Which loops dominate when</h3>")
        png = _timeline(runs)
        parts.append(f'<p><img alt="loop dominance by year" src="data:image/png;base64,{png}"></p>')
    for run in runs:
        parts.append(f"<h3>{e(run.label)}</h3><p>All loops compared:</p><ul>")
        parts += [f"<li>{e(line)}</li>" for line in run.explanation.splitlines()]
        parts.append("</ul>")
        for var, text in run.focus:
            parts.append(f"<p>Loops through {e(var)}:</p><ul>")
            parts += [f"<li>{e(line)}</li>" for line in text.splitlines()]
            parts.append("</ul>")
    return parts


def _loop_diagram(model: Model) -> list[str]:
    """The causal-loop diagram of the named loops, inline SVG (text kept as text)."""
    from .diagram import loop_diagram_svg

    svg = loop_diagram_svg(model, "en")
    svg = svg[svg.index("<svg") :]  # inline: no XML declaration or doctype
    return ["<h3>The named loops as a diagram</h3>", f'<div class="diagram">{svg}</div>']


def _timeline(runs: Sequence[_Run]) -> str:
    """Each run's periods of loop dominance as one bar of coloured spans (base64 PNG)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    loops = list(dict.fromkeys(p.loops[0] for run in runs for p in run.periods if p.loops))
    colour = {lp: f"C{i % 10}" for i, lp in enumerate(loops)}  # matplotlib's 10 colours
    bars, axis, legend = 0.55 * len(runs) + 0.15, 0.5, 0.18 * len(loops) + 0.15  # inches
    fig = Figure(figsize=(8.0, bars + axis + legend), dpi=80)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    for row, run in enumerate(runs):
        for p in run.periods:
            c = colour[p.loops[0]] if p.loops else "white"
            hatch = "//" if p.polarity == "balancing" else None
            ax.broken_barh(
                [(p.start, p.end - p.start)], (row - 0.35, 0.7), fc=c, hatch=hatch, ec="white"
            )
    ax.set_yticks(range(len(runs)), [run.label for run in runs])
    ax.invert_yaxis()
    ax.set_xlabel("year (hatched: a balancing loop dominates)")
    ax.grid(axis="x", alpha=0.3)
    handles = [Patch(color=colour[lp], label=lp) for lp in loops]
    fig.legend(handles=handles, loc="lower center", fontsize=8, ncol=1, frameon=False)
    bottom = (axis + legend) / (bars + axis + legend)
    fig.subplots_adjust(left=0.2, right=0.97, top=1 - 0.1 / (bars + axis + legend), bottom=bottom)
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return base64.b64encode(buf.getvalue()).decode("ascii")


def _dram_section(model: Model) -> list[str]:
    """The hardware-era back-test (a model whose profile has a ``[dram]`` table): the share
    paths, the knock-out table and their chart."""
    if model.profile.dram is None:
        return []
    from .dram import dram_backtest, dram_png

    result = dram_backtest(model)
    shares = result.shares()
    parts = [
        "<h2>The VLSI back-test: share of world DRAM, 1976-2000</h2>",
        "<p>The DRAM race of the model (history run); the share record is withheld for "
        "validation and is not used here.</p><table><tr><th>year</th>",
        *(f"<th>{e(str(c))}</th>" for c in shares.columns),
        "</tr>",
    ]
    for year, row in shares.iterrows():
        cells = "".join(f"<td>{v:.3f}</td>" for v in row)
        parts.append(f"<tr><td>{year}</td>{cells}</tr>")
    parts.append(
        "</table><table><tr><th>condition removed</th><th>peak share</th><th>peak year</th>"
        "<th>1990 share</th><th>peak change</th><th>1990 change</th></tr>"
    )
    for _, r in result.table.iterrows():
        changes = "".join(
            f"<td>{r[k]:+.3f}</td>" if pd.notna(r.get(k)) else "<td></td>"
            for k in ("peak change", "1990 change")
        )
        parts.append(
            f"<tr><td>{e(str(r['condition']))}</td><td>{r['peak share']:.3f}</td>"
            f"<td>{r['peak year']}</td><td>{r['1990 share']:.3f}</td>{changes}</tr>"
        )
    png = base64.b64encode(dram_png(result)).decode("ascii")
    parts.append(f'</table><img alt="DRAM share paths" src="data:image/png;base64,{png}">')
    if model.profile.dram.generations is not None:
        from .dram import generation_lags

        parts.append(
            "<p>The capability observable the process lags are calibrated on "
            "(<code>tools/calibrate_dram.py</code>): each producer's lag behind the first "
            "working device of each DRAM generation, documented and simulated (years).</p>"
            "<table><tr><th>generation</th><th>producer</th><th>date</th><th>documented</th>"
            "<th>simulated</th><th>role</th></tr>"
        )
        for _, g in generation_lags(model).iterrows():
            parts.append(
                f"<tr><td>{e(str(g['generation']))}</td><td>{e(str(g['country']))}</td>"
                f"<td>{g['year']:.2f}</td><td>{g['documented_lag']:.2f}</td>"
                f"<td>{g['simulated_lag']:.2f}</td><td>{e(str(g['role']))}</td></tr>"
            )
        parts.append("</table>")
    return parts


def _parameters(model: Model, runs: Sequence[_Run]) -> list[str]:
    """Every parameter, policies apart from assumptions; a scenario's changes highlighted."""
    from .summary import readable

    parts = ["<h2>Parameters</h2>"]
    groups = (
        ("Policies (levers)", ("policy",)),
        ("Assumptions and data", ("assumption", "data")),
    )
    for title, wanted in groups:
        parts.append(f"<h3>{e(title)}</h3><table><tr><th>name</th>")
        parts += [f"<th>{e(run.label)}</th>" for run in runs]
        parts.append("<th>units</th><th>group</th><th>source</th></tr>")
        for name in model.parameters:
            p = model.parameters[name]
            if p.group not in wanted:
                continue
            value_cells: list[str] = []
            for run in runs:
                over = run.scenario.overrides if run.scenario is not None else {}
                value = over.get(name, p.value)
                cls = ' class="changed"' if name in over and over[name] != p.value else ""
                value_cells.append(f"<td{cls}>{readable(value, digits=6)}</td>")
            parts.append(
                f"<tr><td>{e(name)}</td>{''.join(value_cells)}<td class='t'>{e(p.units)}</td>"
                f"<td class='t'>{e(p.group)}</td><td class='t'>{e(p.source)}</td></tr>"
            )
        parts.append("</table>")
    return parts


def check_output(path: str | Path, force: bool = False) -> Path:
    """*path* as a Path; raise :class:`OutputExistsError` if it exists and not *force*."""
    from .io.atomic import refuse_existing

    p = Path(path)
    refuse_existing([p], force)
    return p


def write_report(
    model: Model,
    scenarios: Sequence[Scenario | str | Path],
    out: str | Path,
    *,
    force: bool = False,
    explain: bool = True,
    bands: int = 0,
    progress: ProgressCallback | None = None,
) -> Path:
    """Build the report and write it to *out* atomically; return the path.

    Raises
    ------
    OutputExistsError
        When *out* exists and *force* is false (checked before any run).
    """
    path = check_output(out, force)
    from .io.atomic import atomic_write_text

    text = build_report(model, scenarios, explain=explain, bands=bands, progress=progress)
    return atomic_write_text(path, text, force=force)
