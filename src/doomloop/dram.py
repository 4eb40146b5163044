"""The hardware-era back-test against the DRAM record: share paths and the knock-outs.

The back-test model ``japan-vlsi`` (Japan's structure and data plus the hardware extension,
``models/structure/hardware/11-dram.toml``) carries a DRAM race: Japan's five VLSI firms,
the US incumbents and Korea's entrants, each with a learning curve, process know-how, fab
capital and a share of the world market. :func:`dram_backtest` runs it as it
is (history) and with each of the profile's knock-outs (``[dram]`` in the model's profile:
the VLSI consortium, the demographic tailwind, the hardware character of the technology, the
1986 agreement), and tabulates what each takes away from Japan's share. A knock-out that
moves the race's calendar (``dram_calendar_shift``) is read back on the race's own years, so
every path runs 1976-2000. The historical share record is not in the repository: these paths
are the model's answer, to be checked against it after the fact.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from .engine import Model, load_model
from .errors import DataError, ProfileError
from .profile import DramBacktest

HISTORY = "history"


@dataclass(frozen=True)
class DramResult:
    """Share paths of the race (history and each knock-out) and the knock-out table."""

    spec: DramBacktest
    paths: dict[str, pd.DataFrame]  # run id -> yearly shares (columns: Japan and the rivals)
    labels: dict[str, str]  # run id -> what was removed
    table: pd.DataFrame  # one row per run: peak share, peak year, 1990 share, changes

    def shares(self, step: int = 2) -> pd.DataFrame:
        """History's share of every producer, every *step* years."""
        h = self.paths[HISTORY]
        return h.loc[list(range(self.spec.start, self.spec.stop + 1, step))]


def _spec(m: Model) -> DramBacktest:
    spec = m.profile.dram
    if spec is None:
        raise ProfileError(
            f"model '{m.name}': its profile has no [dram] table (the DRAM race is in the "
            "back-test model); run it on the japan-vlsi model"
        )
    return spec


def _overrides(m: Model, params: dict[str, float | str]) -> dict[str, float]:
    """Knock-out values, a text value read as that parameter's value in the model."""
    return {k: float(m.parameters[v].value) if isinstance(v, str) else v for k, v in params.items()}


def _path(m: Model, spec: DramBacktest, params: dict[str, float]) -> pd.DataFrame:
    """Yearly shares on the race's own calendar (model time less the calendar shift)."""
    outputs = {"Japan": spec.share, **spec.rivals}
    frame = m.run(params=params, variables=list(outputs.values()))
    shift = params.get(spec.calendar, m.parameters[spec.calendar].value)
    years = [y + shift for y in range(spec.start, spec.stop + 1)]
    part = frame.loc[years, list(outputs.values())]
    part.index = pd.Index(range(spec.start, spec.stop + 1), name="year")
    part.columns = list(outputs)
    return part


def year_passed(path: pd.DataFrame, rival: str, of: str = "Japan") -> int | None:
    """The first year of *path* in which *rival*'s share exceeds *of*'s after a year in which
    *of* led it, or None if that never happens (a rival that starts ahead and stays behind
    once passed, such as the US incumbents, has not passed)."""
    led = (path[of] > path[rival]).to_numpy()
    if not led.any():
        return None
    after = path.index[int(led.argmax()) :]
    ahead = after[(path.loc[after, rival] > path.loc[after, of]).to_numpy()]
    return int(ahead[0]) if len(ahead) else None


def _row(run: str, label: str, path: pd.DataFrame, base: pd.Series | None) -> dict[str, object]:
    japan = path["Japan"]
    row: dict[str, object] = {
        "condition": label,
        "run": run,
        "peak share": float(japan.max()),
        "peak year": int(japan.idxmax()),
        "1990 share": float(japan.loc[1990]),
        "2000 share": float(japan.iloc[-1]),
    }
    for rival in path.columns.drop("Japan"):
        year = year_passed(path, rival)
        row[f"{rival} passes Japan"] = "never" if year is None else year
    if base is not None:
        row["peak change"] = float(japan.max() - base.max())
        row["1990 change"] = float(japan.loc[1990] - base.loc[1990])
    return row


def dram_backtest(model: str | Path | Model = "japan-vlsi") -> DramResult:
    """Run the DRAM race as it is and with each of the profile's knock-outs."""
    m = model if isinstance(model, Model) else load_model(model)
    spec = _spec(m)
    paths = {HISTORY: _path(m, spec, {})}
    labels = {HISTORY: "history (every condition present)"}
    for ko in spec.knockouts:
        paths[ko.id] = _path(m, spec, _overrides(m, ko.params))
        labels[ko.id] = ko.label
    base = paths[HISTORY]["Japan"]
    rows = [_row(HISTORY, labels[HISTORY], paths[HISTORY], None)]
    rows += [_row(k, labels[k], p, base) for k, p in paths.items() if k != HISTORY]
    return DramResult(spec, paths, labels, pd.DataFrame(rows))


GENERATION_COLUMNS = ("generation", "country", "year", "event", "source", "role")


def generation_dates(model: str | Path | Model = "japan-vlsi") -> pd.DataFrame:
    """The documented DRAM generation dates (the profile's ``[dram] generations`` file beside
    the model) with each producer's documented lag: its date less the first date of that
    generation (years; 0 for the first to show it)."""
    m = model if isinstance(model, Model) else load_model(model)
    spec = _spec(m)
    if spec.generations is None:
        raise ProfileError(
            f"model '{m.name}': its profile's [dram] table names no generations file; add "
            'generations = "generations.csv" (the documented generation dates)'
        )
    path = m.path.parent / spec.generations
    if not path.is_file():
        raise DataError(f"{path}: no such file (the profile's [dram] generations)")
    frame = pd.read_csv(path)
    missing = [c for c in GENERATION_COLUMNS if c not in frame.columns]
    if missing:
        raise DataError(f"{path}: missing column(s) {missing}; expected {list(GENERATION_COLUMNS)}")
    unknown = sorted(set(frame["country"]) - set(spec.lags))
    if unknown:
        raise DataError(
            f"{path}: country {unknown} has no lag output in the profile's [dram] lags "
            f"(known: {sorted(spec.lags)})"
        )
    years = pd.to_numeric(frame["year"], errors="coerce")
    if years.isna().any():
        bad = int(years.isna().to_numpy().nonzero()[0][0]) + 2
        raise DataError(f"{path}, line {bad}: year is not a number")
    frame = frame.assign(year=years.astype(float))
    first = frame.groupby("generation")["year"].transform("min")
    return frame.assign(documented_lag=frame["year"] - first)


def generation_lags(
    model: str | Path | Model = "japan-vlsi", params: dict[str, float] | None = None
) -> pd.DataFrame:
    """Each documented generation date with the producer's simulated process lag at that date
    (history run, optionally with *params*): the capability observable the lag structure is
    calibrated on (``tools/calibrate_dram.py``). Columns: the dates' columns, ``documented_lag``,
    ``simulated_lag`` and ``error`` (simulated less documented, years)."""
    m = model if isinstance(model, Model) else load_model(model)
    spec = _spec(m)
    dates = generation_dates(m)
    frame = m.run(params=params or {}, variables=list(spec.lags.values()))
    t = frame.index.to_numpy(dtype=float)
    simulated = [
        float(np.interp(year, t, frame[spec.lags[country]].to_numpy(dtype=float)))
        for country, year in zip(dates["country"], dates["year"], strict=True)
    ]
    out = dates.assign(simulated_lag=simulated)
    return out.assign(error=out["simulated_lag"] - out["documented_lag"])


def dram_png(result: DramResult) -> bytes:
    """Japan's share in history and under each knock-out, and every producer's in history,
    as PNG bytes."""
    import io

    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(11, 4.2))
    FigureCanvasAgg(fig)
    left, right = fig.subplots(1, 2)
    for run, frame in result.paths.items():
        style = "-" if run == HISTORY else "--"
        width = 2.4 if run == HISTORY else 1.3
        left.plot(frame.index, frame["Japan"], style, lw=width, label=result.labels[run])
    left.set_title("Japan's share of world DRAM: history and knock-outs")
    left.legend(fontsize=7, loc="upper left")
    history = result.paths[HISTORY]
    for name in history.columns:
        right.plot(history.index, history[name], lw=2, label=name)
    right.set_title("Each producer's share (history run)")
    right.legend(fontsize=8)
    for ax in (left, right):
        ax.set_ylim(0, 1)
        ax.set_xlabel("year")
        ax.set_ylabel("share of world DRAM revenue")
        ax.grid(alpha=0.3)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110)
    return buf.getvalue()


def plot_dram(result: DramResult, path: Path, *, force: bool = False) -> Path:
    """Write :func:`dram_png` to *path* (refusing an existing file unless *force*)."""
    from .io.atomic import atomic_write_bytes

    atomic_write_bytes(path, dram_png(result), force=force)
    return path
