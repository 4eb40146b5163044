"""The model card's fit chart: each reference series against the baseline run.

Small multiples, one panel per series (Sterman, *Business Dynamics* ch. 21.4.7: plot the
model against the data before reading any statistic): the run as a line, the observed
points as dots, the verdict in the panel's title. Drawn with matplotlib's object API (no
pyplot state) as SVG, reproducibly (fixed ids, no date), so a regenerated card differs only
where the model or the data did.
"""

from __future__ import annotations

import io
import math
import textwrap
from collections.abc import Sequence

from .results import FitPanel

#: Panels per row of the chart.
COLUMNS = 3
_COLOURS = {"pass": "#17643a", "warn": "#8a5a00", "fail": "#a4161a"}


def fit_chart_svg(panels: Sequence[FitPanel], title: str = "") -> str:
    """The fit chart of *panels* as an SVG document (empty string when there are none)."""
    if not panels:
        return ""
    import matplotlib as mpl
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    cols = min(COLUMNS, len(panels))
    rows = math.ceil(len(panels) / cols)
    with mpl.rc_context({"svg.hashsalt": "doomloop-card", "svg.fonttype": "none"}):
        fig = Figure(figsize=(4.2 * cols, 2.9 * rows + 0.4), layout="constrained")
        axes = fig.subplots(rows, cols, squeeze=False).ravel()
        for ax, p in zip(axes, panels, strict=False):
            ax.plot(p.model_times, p.model_values, color="#1f4e79", lw=1.6, label="model")
            ax.plot(p.years, p.observed, "o", ms=4, color="#d35400", label="data")
            both = (*p.observed, *p.model_values)
            if p.log and min(both) > 0 and max(both) > 10 * min(both):  # over a decade
                ax.set_yscale("log")
            status = p.result.rsplit(": ", 1)[-1]
            name = "\n".join(textwrap.wrap(p.label, 48))
            ax.set_title(f"{name}\n{p.result}", fontsize=8.5, color=_COLOURS.get(status, "#444444"))
            ax.xaxis.set_major_locator(MaxNLocator(nbins=6, integer=True))
            ax.tick_params(labelsize=7.5)
            ax.grid(alpha=0.3, lw=0.5)
        for ax in axes[len(panels) :]:
            ax.set_visible(False)
        axes[0].legend(fontsize=7.5, frameon=False)
        if title:
            fig.suptitle(title, fontsize=10)
        buf = io.StringIO()
        fig.savefig(buf, format="svg", metadata={"Date": None})
    return buf.getvalue()
