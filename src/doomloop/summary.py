"""What a run means: the key-output table, the verdicts in words, a chart panel.

What is shown, with which labels, scales and threshold, is the model's profile
(:mod:`doomloop.profile`). Shared by ``doomloop run``, ``doomloop compare``, reports and the
web page; returns data and writes files, never prints.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from .profile import Profile


def verdict(value: float, profile: Profile) -> str:
    """'achieved' when a layer's index reaches the profile's threshold, else 'not achieved'."""
    return "achieved" if profile.achieved(value) else "not achieved"


def verdicts(frame: pd.DataFrame, year: float, profile: Profile) -> dict[str, str]:
    """The verdict of each layer of the profile in *year*."""
    return {
        layer: verdict(float(frame.loc[year, layer]), profile)
        for layer in profile.verdict_outputs
        if layer in frame
    }


def first_year_achieved(
    frame: pd.DataFrame | pd.Series,
    layer: str,
    profile: Profile,
    start: float | None = None,
    since: float | None = None,
) -> float | None:
    """First year a layer's index reaches the profile's threshold (None if never).

    The one place every consumer asks: years before the layer's technology exists (its
    ``since`` in the profile, or *since* for a run whose scenario dates the technology
    itself, such as a back-test) and before *start* never count.
    """
    series = frame[layer] if isinstance(frame, pd.DataFrame) else frame
    exists = profile.since(layer) if since is None else since
    first = max(exists, -np.inf if start is None else start)
    part = series[series.index >= first]
    hit = part.index[part >= profile.threshold]
    return float(hit[0]) if len(hit) else None


def key_table(
    frame: pd.DataFrame, profile: Profile, years: Sequence[int] | None = None
) -> pd.DataFrame:
    """The profile's table outputs (rows, display units) by year (columns).

    Years the run does not reach are left out; a run none of them falls in (a model of
    minutes, a back-test) is shown at five times spread over its own span.
    """
    wanted = profile.views.table_years if years is None else years
    shown: list[float] = [y for y in wanted if y in frame.index] or spread_times(frame.index)
    rows = {}
    for name in profile.views.table or profile.key_outputs:
        if name in frame:
            d = profile.display(name)
            rows[d.heading] = [float(frame.loc[y, name]) / d.scale for y in shown]
    return pd.DataFrame(rows, index=[f"{y:g}" for y in shown]).T


def spread_times(index: pd.Index, n: int = 5) -> list[float]:
    """*n* times of *index* spread evenly from its first to its last."""
    picks = np.unique(np.linspace(0, len(index) - 1, n).round().astype(int))
    return [float(index[i]) for i in picks]


def plot_panel(
    runs: Mapping[str, pd.DataFrame],
    path: str | Path,
    profile: Profile,
    *,
    title: str = "",
    start: float = 2010,
    force: bool = False,
) -> Path:
    """Write a PNG panel of the profile's panel graphs for one or more named runs.

    The first run is drawn in black (the baseline), the others in colour. Returns the path.
    A profile without a panel draws one chart per key output.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from .io.atomic import atomic_output

    charts = profile.panel_graphs()
    cols = 3 if len(charts) > 4 else max(1, len(charts))
    rows = -(-len(charts) // cols) or 1
    fig, axes = plt.subplots(
        rows, cols, figsize=(5 * cols, 4.25 * rows), constrained_layout=True, squeeze=False
    )
    colours = ["black", "tab:blue", "tab:orange", "tab:green", "tab:red", "tab:purple"]
    styles = ["-", "--", ":", "-."]
    for ax, chart in zip(axes.flat, charts, strict=False):
        for i, (run_name, frame) in enumerate(runs.items()):
            part = frame.loc[frame.index >= start]
            for j, name in enumerate(chart.outputs):
                if name not in part:
                    continue
                label = profile.display(name).label.en
                ax.plot(
                    part.index,
                    part[name] / chart.scale,
                    color=colours[i % len(colours)],
                    linestyle=styles[j % len(styles)],
                    label=f"{run_name}: {label}" if len(runs) > 1 else label,
                )
        if profile.verdicts and set(chart.outputs) <= set(profile.verdict_outputs):
            ax.axhline(profile.threshold, color="grey", linestyle=":", linewidth=0.8)
        ax.axvline(2024, color="grey", linewidth=0.6)
        ax.set_title(chart.title.en, fontsize=10)
        ax.grid(alpha=0.3)
        ax.legend(fontsize=7)
    for ax in list(axes.flat)[len(charts) :]:
        ax.set_visible(False)
    if title:
        fig.suptitle(title)
    path = Path(path)
    with atomic_output(path, force=force) as tmp:
        fig.savefig(tmp, dpi=110, format="png")
    plt.close(fig)
    return path


_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")
_WORDS = ((1e12, "trillion", "tn"), (1e9, "billion", "bn"), (1e6, "million", "m"))


def readable(x: float, *, short: bool = False, digits: int = 3) -> str:
    """A number as a person reads it: ``125 million`` (short: ``125m``), ``0.42``, ``2026``,
    ``12,500``, ``2.8×10⁻¹⁸``; empty for NaN.

    *digits* significant figures (three); thousands with separators below a million; words
    for millions to trillions; powers of ten beyond (and for tiny numbers).
    """
    if x is None or not np.isfinite(x):
        return "" if x is None or np.isnan(x) else ("∞" if x > 0 else "-∞")
    ax = abs(x)
    if ax == 0:
        return "0"
    if ax >= 1e15 or ax < 1e-3:
        mant, exp = f"{x:.{digits - 1}e}".split("e")
        mant = mant.rstrip("0").rstrip(".")
        return f"{mant}×10{str(int(exp)).translate(_SUPERSCRIPT)}"
    for size, word, abbr in _WORDS:
        if ax >= size:
            value = f"{x / size:.{digits}g}"
            return f"{value}{abbr}" if short else f"{value} {word}"
    if ax >= 1000 and digits <= 4:  # whole numbers; separators from 10,000 (years stay 2026)
        return f"{x:,.0f}" if ax >= 10_000 else f"{x:.0f}"
    return f"{x:,.{digits}g}" if ax >= 10_000 else f"{x:.{digits}g}"


def comparison_figure(
    runs: Mapping[str, pd.DataFrame],
    profile: Profile,
    *,
    title: str = "",
    start: float = 2010,
    per_row: int = 4,
) -> Any:
    """Small multiples of scenarios against the first run (the baseline), one output each.

    Each output of the profile's panel graphs gets two axes: its level in every run (the
    baseline in black), and below it each scenario's difference from the baseline. One
    legend for the figure names the runs (no per-axis legends); titles are the outputs'
    display labels, axes in their display units with readable numbers.
    Returns a matplotlib ``Figure`` (no pyplot state).
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.ticker import FuncFormatter

    names = list(runs)
    base = runs[names[0]]
    shown: dict[str, tuple[float, str]] = {}  # output -> (scale, unit)
    for chart in profile.panel_graphs():
        for o in chart.outputs:
            if o in base and o not in shown:
                d = profile.display(o)
                shown[o] = (chart.scale, chart.unit.en or d.unit.en)
    cols = max(1, min(per_row, len(shown)))
    blocks = -(-len(shown) // cols) or 1
    fig = Figure(figsize=(3.9 * cols, 4.4 * blocks + 0.6), constrained_layout=True)
    FigureCanvasAgg(fig)
    grid = fig.add_gridspec(2 * blocks, cols, height_ratios=[2.2, 1] * blocks)
    colours = ["black", "tab:blue", "tab:orange", "tab:green", "tab:red", "tab:purple"]
    fmt = FuncFormatter(lambda v, _pos: readable(v, short=True))
    for k, (out, (scale, unit)) in enumerate(shown.items()):
        r, c = divmod(k, cols)
        ax = fig.add_subplot(grid[2 * r, c])
        dx = fig.add_subplot(grid[2 * r + 1, c], sharex=ax)
        ref = base.loc[base.index >= start, out]
        for i, (_name, frame) in enumerate(runs.items()):
            if out not in frame:
                continue
            part = frame.loc[frame.index >= start, out]
            colour = colours[i % len(colours)]
            ax.plot(part.index, part / scale, color=colour, lw=1.8 if i == 0 else 1.3)
            if i:
                diff = (part - ref.reindex(part.index)) / scale
                dx.plot(diff.index, diff, color=colour, lw=1.3)
        if profile.verdicts and out in profile.verdict_outputs:
            ax.axhline(profile.threshold / scale, color="grey", ls=":", lw=0.8)
        dx.axhline(0, color="black", lw=0.8)
        for a in (ax, dx):
            if ref.index.min() <= 2024 <= ref.index.max():  # where history ends
                a.axvline(2024, color="grey", lw=0.6)
            a.grid(alpha=0.3)
            a.yaxis.set_major_formatter(fmt)
            a.tick_params(labelsize=7)
        ax.tick_params(labelbottom=False)
        ax.set_title(profile.display(out).label.en, fontsize=9)
        ax.set_ylabel(unit, fontsize=8)
        dx.set_ylabel("vs baseline", fontsize=8)
    handles = [
        Line2D([], [], color=colours[i % len(colours)], lw=1.8 if i == 0 else 1.3)
        for i in range(len(names))
    ]
    fig.legend(handles, names, loc="outside lower center", ncol=min(len(names), 6), fontsize=9)
    if title:
        fig.suptitle(title, fontsize=11)
    return fig


def plot_comparison(
    runs: Mapping[str, pd.DataFrame],
    path: str | Path,
    profile: Profile,
    *,
    title: str = "",
    start: float = 2010,
    force: bool = False,
) -> Path:
    """Write :func:`comparison_figure` as a PNG (atomically); return the path."""
    from .io.atomic import atomic_output

    fig = comparison_figure(runs, profile, title=title, start=start)
    path = Path(path)
    with atomic_output(path, force=force) as tmp:
        fig.savefig(tmp, dpi=110, format="png")
    return path
