"""What a run means: the key-output table, the sovereignty verdicts in words, a chart panel.

Shared by ``doomloop run``, ``doomloop compare``, reports and the web page; returns data and
writes files, never prints.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import pandas as pd

#: Years the main table shows.
TABLE_YEARS: tuple[int, ...] = (2024, 2030, 2040, 2050, 2060)

#: The three sovereignty layers: output name -> (label, what 'achieved' means).
LAYERS: dict[str, tuple[str, str]] = {
    "deployment_sovereignty": (
        "Deployment sovereignty",
        "a quarter or more of firms' AI use runs on domestic compute",
    ),
    "specialised_model_sovereignty": (
        "Specialised-model sovereignty",
        "the best domestic specialised model is within ~1.5 orders of magnitude of the frontier",
    ),
    "frontier_sovereignty": (
        "Frontier sovereignty",
        "the best domestic model is within ~0.5 orders of magnitude of the frontier",
    ),
}

#: Key outputs with a label and a scale for display (value / scale, unit label).
DISPLAY: dict[str, tuple[str, float, str]] = {
    "population_total": ("Population", 1e6, "million"),
    "population_15_64": ("Working age 15-64", 1e6, "million"),
    "population_65_plus": ("Aged 65+", 1e6, "million"),
    "ai_specialists_domestic": ("AI specialists, domestic", 1, "people"),
    "ai_specialists_foreign": ("AI specialists, foreign", 1, "people"),
    "specialist_emigration": ("Specialist emigration", 1, "people/yr"),
    "relative_specialist_pay": ("Specialist pay / US", 1, "ratio"),
    "it_worker_shortfall": ("IT-worker shortfall", 1e3, "thousand"),
    "english_proficiency": ("English proficiency", 1, "EF 0-100"),
    "risk_tolerance": ("Risk tolerance", 1, "share"),
    "ai_startups": ("AI startups", 1, "companies"),
    "private_ai_investment": ("Private AI investment", 1e9, "USD bn/yr"),
    "domestic_ai_compute": ("Domestic AI compute", 1e3, "thousand H100e"),
    "frontier_gap_oom": ("Frontier gap", 1, "orders of magnitude"),
    "frontier_gap_years": ("Frontier gap", 1, "years"),
    "deployment_sovereignty": ("Deployment sovereignty", 1, "index 0-1"),
    "specialised_model_sovereignty": ("Specialised-model sovereignty", 1, "index 0-1"),
    "frontier_sovereignty": ("Frontier sovereignty", 1, "index 0-1"),
    "care_worker_shortfall": ("Care-worker shortfall", 1e3, "thousand"),
}

#: Charts of the panel: (title, outputs).
PANEL: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Population (million)", ("population_total", "population_15_64", "population_65_plus")),
    ("AI specialists (people)", ("ai_specialists_domestic", "ai_specialists_foreign")),
    ("Specialist pay relative to the US", ("relative_specialist_pay",)),
    ("Frontier gap (orders of magnitude)", ("frontier_gap_oom",)),
    ("Sovereignty layers (index; >= 0.5 achieved)", tuple(LAYERS)),
    ("Care-worker shortfall (thousand)", ("care_worker_shortfall",)),
)


def verdict(value: float) -> str:
    """'achieved' when a layer's index is at least 0.5, else 'not achieved'."""
    return "achieved" if value >= 0.5 else "not achieved"


def verdicts(frame: pd.DataFrame, year: float) -> dict[str, str]:
    """The verdict of each sovereignty layer in *year*."""
    return {layer: verdict(float(frame.loc[year, layer])) for layer in LAYERS if layer in frame}


def first_year_achieved(frame: pd.DataFrame, layer: str) -> float | None:
    """First year a layer's index reaches 0.5 (None if never)."""
    hit = frame.index[frame[layer] >= 0.5]
    return float(hit[0]) if len(hit) else None


def key_table(frame: pd.DataFrame, years: Sequence[int] = TABLE_YEARS) -> pd.DataFrame:
    """Key outputs (rows, display units) by year (columns)."""
    rows = {}
    for name, (label, scale, unit) in DISPLAY.items():
        if name in frame:
            rows[f"{label} ({unit})"] = [float(frame.loc[y, name]) / scale for y in years]
    return pd.DataFrame(rows, index=[str(y) for y in years]).T


def plot_panel(
    runs: Mapping[str, pd.DataFrame],
    path: str | Path,
    *,
    title: str = "",
    start: float = 2010,
    force: bool = False,
) -> Path:
    """Write a PNG panel of the key outputs for one or more named runs; return the path.

    The first run is drawn in black (the baseline), the others in colour.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from .io.atomic import atomic_output

    fig, axes = plt.subplots(2, 3, figsize=(15, 8.5), constrained_layout=True)
    colours = ["black", "tab:blue", "tab:orange", "tab:green", "tab:red", "tab:purple"]
    styles = ["-", "--", ":", "-."]
    for ax, (chart, names) in zip(axes.flat, PANEL, strict=True):
        for i, (run_name, frame) in enumerate(runs.items()):
            part = frame.loc[frame.index >= start]
            for j, name in enumerate(names):
                if name not in part:
                    continue
                scale = DISPLAY.get(name, (name, 1, ""))[1]
                label = DISPLAY.get(name, (name,))[0]
                ax.plot(
                    part.index,
                    part[name] / scale,
                    color=colours[i % len(colours)],
                    linestyle=styles[j % len(styles)],
                    label=f"{run_name}: {label}" if len(runs) > 1 else label,
                )
        ax.axvline(2024, color="grey", linewidth=0.6)
        ax.set_title(chart, fontsize=10)
        ax.grid(alpha=0.3)
        ax.legend(fontsize=7)
    if title:
        fig.suptitle(title)
    path = Path(path)
    with atomic_output(path, force=force) as tmp:
        fig.savefig(tmp, dpi=110, format="png")
    plt.close(fig)
    return path
