"""What a run means: the key-output table, the verdicts in words, a chart panel.

What is shown, with which labels, scales and threshold, is the model's profile
(:mod:`doomloop.profile`). Shared by ``doomloop run``, ``doomloop compare``, reports and the
web page; returns data and writes files, never prints.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

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


def first_year_achieved(frame: pd.DataFrame, layer: str, profile: Profile) -> float | None:
    """First year a layer's index reaches the profile's threshold (None if never)."""
    hit = frame.index[frame[layer] >= profile.threshold]
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
            label = f"{d.label.en} ({d.unit.en})" if d.unit.en else d.label.en
            rows[label] = [float(frame.loc[y, name]) / d.scale for y in shown]
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
