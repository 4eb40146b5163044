"""Policy robustness: in what share of possible worlds does a scenario beat the baseline?

Every scenario package is run on the *same* ensemble of uncertain world-view assumptions
(common random numbers), and for each output the share of members in which it does strictly
better than the baseline is reported (the profile's outputs, e.g. a lower frontier gap).
The result is a robustness map (scenario x output) in the spirit of robust decision making.

References
----------
Lempert, R. J., Popper, S. W. and Bankes, S. C. (2003). Shaping the Next One Hundred Years:
New Methods for Quantitative, Long-Term Policy Analysis. RAND MR-1626. doi:10.7249/MR1626

Kleijnen, J. P. C. (1975). Antithetic variates, common random numbers and optimal computer
time allocation in simulation. Management Science 21(10), 1176-1185.
doi:10.1287/mnsc.21.10.1176
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..errors import DataError
from ..executors import Executor, ProgressCallback
from ..profile import profile_of
from .evaluate import Backend, evaluate
from .montecarlo import uncertain_parameters
from .sampling import Correlation, sample


def default_directions(model: Any) -> dict[str, str]:
    """The profile's robustness outputs the model has, each with its better direction."""
    profile = profile_of(model)
    have = set(model.variable_names)
    return {
        o: better
        for o in profile.views.robustness
        if o in have and (better := profile.display(o).better) is not None
    }


def _scenario(model: Any, sc: Any) -> Any:
    from ..scenarios import load_scenario

    return load_scenario(sc, model)


def robustness_map(
    model: Any,
    scenarios: Sequence[Any],
    *,
    n: int = 200,
    year: float = 2040,
    seed: int = 0,
    baseline: Any = None,
    outputs: Mapping[str, str] | None = None,
    correlation: Correlation | None = None,
    tolerance: float = 1e-9,
    executor: Executor | None = None,
    backend: str | Backend = "auto",
    progress: ProgressCallback | None = None,
) -> pd.DataFrame:
    """Share of ensemble members in which each scenario beats the baseline, per output.

    Parameters
    ----------
    model
        A :class:`doomloop.Model`.
    scenarios
        Scenario objects, TOML paths or shipped names.
    n, seed, correlation
        The common ensemble of uncertain non-policy parameters.
    year
        When outputs are compared.
    baseline
        The reference scenario (default: the parameter table as it is).
    outputs
        ``{output: "lower" | "higher"}`` (default :func:`default_directions`: the profile's
        ``views.robustness``, each with its ``better`` direction).
    tolerance
        A difference smaller than ``tolerance * (1 + |baseline|)`` is a tie (not a win).
    executor, backend, progress
        See :func:`~doomloop.analysis.evaluate.evaluate`; progress counts runs.

    Returns
    -------
    pandas.DataFrame
        Index: scenario names; columns: outputs; values: share of members (0-1) in which
        the scenario is strictly better. ``attrs`` hold ``worse`` (the same table for
        strictly worse; the rest are ties), ``members`` (members that ran under every
        scenario), ``year`` and the directions.
    """
    dirs = dict(outputs) if outputs is not None else default_directions(model)
    if not dirs:
        raise ValueError(
            f"model '{model.name}': its profile names no robustness outputs; pass outputs="
        )
    for d in dirs.values():
        if d not in ("lower", "higher"):
            raise DataError(f"direction {d!r}: use 'lower' or 'higher'")
    scs = [_scenario(model, s) for s in scenarios]
    base_sc = _scenario(model, baseline) if baseline is not None else None
    plist = uncertain_parameters(model, include_policy=False)
    names = [p.name for p in plist]
    matrix = sample(plist, n, seed, correlation=correlation)
    variables = list(dirs)
    runs = [("baseline" if base_sc is None else base_sc.name, base_sc)] + [(s.name, s) for s in scs]
    total = n * len(runs)
    results = []
    for k, (_, sc) in enumerate(runs):
        over = dict(sc.overrides) if sc is not None else {}
        m = matrix.copy()
        for j, name in enumerate(names):  # a scenario's assumption replaces the draw
            if name in over:
                m[:, j] = over.pop(name)
        prog = None
        if progress is not None:
            done_before = k * n

            def prog(d: int, _t: int, _b: int = done_before) -> None:
                progress(_b + d, total)

        ran = evaluate(
            model,
            m,
            names,
            variables,
            [year],
            base=over,
            executor=executor,
            backend=backend,
            progress=prog,
        )
        results.append((ran.values[:, :, 0], ran.ok))
    base_vals, base_ok = results[0]
    rows, worse_rows = {}, {}
    members = base_ok.copy()
    for (name, _), (vals, ok) in zip(runs[1:], results[1:], strict=True):
        both = base_ok & ok
        members &= ok
        row, worse = {}, {}
        for i, (out, d) in enumerate(dirs.items()):
            diff = vals[both, i] - base_vals[both, i]
            tol = tolerance * (1 + np.abs(base_vals[both, i]))
            win = diff < -tol if d == "lower" else diff > tol
            loss = diff > tol if d == "lower" else diff < -tol
            row[out] = float(win.mean()) if both.any() else np.nan
            worse[out] = float(loss.mean()) if both.any() else np.nan
        rows[name] = row
        worse_rows[name] = worse
    df = pd.DataFrame.from_dict(rows, orient="index", columns=variables)
    df.index.name = "scenario"
    worse_df = pd.DataFrame.from_dict(worse_rows, orient="index", columns=variables)
    worse_df.index.name = "scenario"
    df.attrs.update(
        members=int(members.sum()), n=n, year=year, directions=dirs, seed=seed, worse=worse_df
    )
    return df


def plot_robustness(
    df: pd.DataFrame, path: str | Path, *, title: str = "", force: bool = False
) -> Path:
    """A heatmap PNG of a robustness map (share of members beating the baseline)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from ..io.atomic import atomic_output as atomic_path

    fig, ax = plt.subplots(figsize=(1.6 * len(df.columns) + 2.5, 0.5 * len(df.index) + 1.8))
    im = ax.imshow(df.to_numpy(dtype=float), vmin=0, vmax=1, cmap="RdYlGn", aspect="auto")
    ax.set_xticks(range(len(df.columns)), df.columns, rotation=30, ha="right", fontsize=8)
    ax.set_yticks(range(len(df.index)), df.index, fontsize=8)
    for (i, j), v in np.ndenumerate(df.to_numpy(dtype=float)):
        ax.text(j, i, "–" if np.isnan(v) else f"{v:.0%}", ha="center", va="center", fontsize=8)
    fig.colorbar(im, ax=ax, label="share of members beating baseline")
    a = df.attrs
    ax.set_title(
        title or f"Robustness in {a.get('year', 0):g} ({a.get('members', '?')} members)",
        fontsize=9,
    )
    fig.tight_layout()
    with atomic_path(path, force) as tmp:
        fig.savefig(tmp, format="png", dpi=110)
    plt.close(fig)
    return Path(path)
