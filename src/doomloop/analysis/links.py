"""Knock out the essay's causal chain and the model's named loops, one at a time and together.

A model's ``links.toml`` (beside its ``model.xmile``) defines each link as data: a name in
English and Japanese, the essay sentence it stands for, and the parameter overrides that
remove it, with the reason those overrides are a knock-out (see the file's header). A loop's
link names the arrow of ``loops.toml`` it cuts, so that the definition cannot drift from the
loop it claims to cut.

:func:`knockout_table` runs the model (``Model.run``, the public API) with each knock-out
alone, the essay's chain together, the loops together and everything together, and reports how
each moves the frontier gap in a given year and each sovereignty layer's first year achieved
(from 2024 on: earlier years are history, not a verdict). :func:`plot_knockouts` draws it.
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from ..errors import DoomloopError, LinksFileError, did_you_mean
from ..profile import Profile
from ..summary import first_year_achieved

if TYPE_CHECKING:
    from ..engine import Model

LINKS_FILE = "links.toml"
KINDS = ("chain", "loop", "driver")
KEYS = (
    "id",
    "kind",
    "name",
    "name_ja",
    "essay",
    "overrides",
    "copy_from",
    "copy",
    "cuts",
    "constant",
    "scenario",
    "same_as",
    "why",
)
#: First year a layer can count as achieved: the verdicts are about the future, not history.
VERDICT_FROM = 2024
GROUPS = {"chain": "the essay's chain together", "loop": "the loops together"}


@dataclass(frozen=True)
class Link:
    """One knock-out: a causal claim and the parameter overrides that remove it."""

    id: str
    kind: str
    name: str
    name_ja: str
    essay: str
    why: str
    overrides: dict[str, float] = field(default_factory=dict)
    cuts: tuple[str, str] | None = None
    constant: str | None = None
    scenario: str | None = None
    same_as: str | None = None


def _fail(path: Path, msg: str) -> LinksFileError:
    return LinksFileError(f"{path}: {msg}")


def _copied(path: Path, entry: dict[str, Any], where: str) -> dict[str, float]:
    """The values *entry* copies from another shipped model."""
    if "copy" not in entry:
        return {}
    from ..engine import load_model

    source = entry.get("copy_from")
    if not isinstance(source, str):
        raise _fail(path, f"{where}: copy needs copy_from = a shipped model name, e.g. 'usa'")
    try:
        other = load_model(source)
    except DoomloopError as exc:
        raise _fail(path, f"{where}: copy_from = {source!r}: {exc}") from None
    names = entry["copy"]
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise _fail(path, f"{where}: copy must be a list of parameter names")
    out = {}
    for n in names:
        if n not in other.parameters:
            hint = did_you_mean(n, other.parameters)
            raise _fail(path, f"{where}: copy: {source} has no parameter {n!r}.{hint}")
        out[n] = float(other.parameters[n].value)
    return out


def _link(path: Path, entry: Any, i: int, model: Model, loops: dict[str, Any]) -> Link:
    where = f"[[link]] number {i + 1}"
    if not isinstance(entry, dict):
        raise _fail(path, f"{where} must be a table")
    for key in entry:
        if key not in KEYS:
            raise _fail(path, f"{where}: unknown key {key!r}.{did_you_mean(key, KEYS)}")
    for key in ("id", "kind", "name", "name_ja", "essay", "why"):
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            raise _fail(path, f'{where}: needs {key} = "..." (a non-empty string)')
    where = f"link {entry['id']}"
    if entry["kind"] not in KINDS:
        raise _fail(path, f"{where}: kind = {entry['kind']!r}; use one of {', '.join(KINDS)}")
    raw = entry.get("overrides", {})
    if not isinstance(raw, dict):
        raise _fail(path, f"{where}: overrides must be a table, e.g. {{ rotation_rate_base = 0 }}")
    overrides = {**_copied(path, entry, where), **raw}
    for name, value in overrides.items():
        if name not in model.parameters:
            hint = did_you_mean(name, model.parameters)
            raise _fail(path, f"{where}: {model.name} has no parameter {name!r}.{hint}")
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise _fail(path, f"{where}: {name} = {value!r} is not a number")
        try:
            overrides[name] = model.parameters[name].check(float(value))
        except DoomloopError as exc:
            raise _fail(path, f"{where}: {exc}") from None
    cuts = entry.get("cuts")
    if cuts is not None:
        loop = loops.get(entry["id"])
        if loop is None:
            raise _fail(path, f"{where}: cuts an arrow, but loops.toml has no loop {entry['id']}")
        if not (isinstance(cuts, list) and len(cuts) == 2 and tuple(cuts) in loop.links()):
            raise _fail(
                path,
                f"{where}: cuts = {cuts!r} is not an arrow of {loop.label} in loops.toml; "
                f"its arrows are {', '.join(f'{a} -> {b}' for a, b in loop.links())}",
            )
        cuts = (str(cuts[0]), str(cuts[1]))
    constant = entry.get("constant")
    if constant is not None and constant not in model.variable_names:
        raise _fail(path, f"{where}: constant = {constant!r} is not a variable of {model.name}")
    if not overrides and "same_as" not in entry:
        raise _fail(path, f"{where}: needs overrides, copy or same_as: nothing is knocked out")
    return Link(
        id=entry["id"],
        kind=entry["kind"],
        name=entry["name"],
        name_ja=entry["name_ja"],
        essay=entry["essay"].strip(),
        why=" ".join(entry["why"].split()),
        overrides=overrides,
        cuts=cuts,
        constant=constant,
        scenario=entry.get("scenario"),
        same_as=entry.get("same_as"),
    )


def load_links(model: Model, path: str | Path | None = None) -> list[Link]:
    """The links of *model* (its ``links.toml``, or the file at *path*), validated.

    A link with ``same_as`` takes the other link's overrides. Raises :class:`LinksFileError`
    naming the file, the link and the fix: a missing file, unknown keys, parameters or
    variables, values outside a parameter's bounds, an arrow that is not in ``loops.toml``.
    """
    from .loops import named_loops

    p = Path(path) if path is not None else model.path.parent / LINKS_FILE
    if not p.is_file():
        raise LinksFileError(
            f"{p}: no links file for model '{model.name}'; write one like "
            f"doomloop/models/japan/{LINKS_FILE}"
        )
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise _fail(p, f"not valid UTF-8 TOML ({exc})") from None
    loops = {lp.id: lp for lp in named_loops(model, drivers=True)}
    links = [_link(p, e, i, model, loops) for i, e in enumerate(data.get("link", []))]
    if not links:
        raise _fail(p, "holds no [[link]] table")
    ids = [lk.id for lk in links]
    dup = sorted({i for i in ids if ids.count(i) > 1})
    if dup:
        raise _fail(p, f"link id(s) {', '.join(dup)} used twice")
    by_id = {lk.id: lk for lk in links}
    out = []
    for lk in links:
        if lk.same_as is not None:
            other = by_id.get(lk.same_as)
            if other is None or other.same_as is not None:
                raise _fail(p, f"link {lk.id}: same_as = {lk.same_as!r} is not a defined link")
            lk = Link(**{**lk.__dict__, "overrides": dict(other.overrides)})
        out.append(lk)
    return out


def _combined(links: list[Link], label: str) -> dict[str, float]:
    """The overrides of *links* together; refuses two values for one parameter."""
    out: dict[str, float] = {}
    for lk in links:
        for name, value in lk.overrides.items():
            if name in out and not math.isclose(out[name], value):
                raise LinksFileError(
                    f"{label}: links set {name} to {out[name]:g} and {value:g}; "
                    "a knock-out together needs one value"
                )
            out[name] = value
    return out


def _outcome(frame: pd.DataFrame, year: float, profile: Profile) -> dict[str, float]:
    gap = profile.costs.gap or ""
    row = {gap: float(frame.loc[year, gap])}
    for layer in profile.verdict_outputs:
        first = first_year_achieved(frame, layer, profile, start=VERDICT_FROM)
        row[f"first_{layer}"] = math.nan if first is None else first
    return row


def knockout_table(
    model: Model,
    scenario: str | None = None,
    year: float = 2040,
    links: list[Link] | None = None,
) -> pd.DataFrame:
    """How each knock-out moves the frontier gap in *year* and each layer's first year achieved.

    One row per link alone, then the chain together, the loops together (loops and drivers)
    and all links together, all against *scenario* (default the baseline); a link with its own
    ``scenario`` is compared with that scenario without the knock-out. Columns: ``id``,
    ``name``, ``name_ja``, ``kind``, ``scenario``, the gap (the profile's ``costs.gap``, in *year*),
    ``baseline_gap_oom``, ``delta_gap_oom`` (knocked out minus not), and for each layer
    ``first_<layer>`` and ``baseline_first_<layer>`` (NaN: never by the end of the run).
    """
    links = load_links(model) if links is None else links
    profile = model.profile
    gap = profile.costs.gap
    if not gap:
        raise LinksFileError(f"model '{model.name}': its profile names no gap ([costs] gap)")
    variables = [gap, *profile.verdict_outputs]
    bases: dict[str | None, dict[str, float]] = {}

    def base(sc: str | None) -> dict[str, float]:
        if sc not in bases:
            bases[sc] = _outcome(model.run(scenario=sc, variables=variables), year, profile)
        return bases[sc]

    rows = []
    groups: list[tuple[str, str, str, str, list[Link]]] = [
        (lk.id, lk.name, lk.name_ja, lk.kind, [lk]) for lk in links
    ]
    chain = [lk for lk in links if lk.kind == "chain"]
    loops = [lk for lk in links if lk.kind != "chain"]
    if chain:
        groups.append(("chain", GROUPS["chain"], "因果の連鎖すべて", "together", chain))
    if loops:
        groups.append(("loops", GROUPS["loop"], "ループすべて", "together", loops))
    groups.append(("all", "every link together", "すべてのリンク", "together", links))
    combined = [_combined(g[4], f"links {g[0]}") for g in groups]  # refuse before any run
    for (gid, name, name_ja, kind, members), params in zip(groups, combined, strict=True):
        sc = members[0].scenario if len(members) == 1 and members[0].scenario else scenario
        out = _outcome(model.run(scenario=sc, params=params, variables=variables), year, profile)
        ref = base(sc)
        row: dict[str, Any] = {
            "id": gid,
            "name": name,
            "name_ja": name_ja,
            "kind": kind,
            "scenario": sc or "baseline",
            gap: out[gap],
            "baseline_gap_oom": ref[gap],
            "delta_gap_oom": out[gap] - ref[gap],
        }
        for layer in profile.verdict_outputs:
            row[f"first_{layer}"] = out[f"first_{layer}"]
            row[f"baseline_first_{layer}"] = ref[f"first_{layer}"]
        rows.append(row)
    return pd.DataFrame(rows)


def plot_knockouts(
    table: pd.DataFrame,
    path: str | Path,
    *,
    year: float = 2040,
    title: str = "",
    force: bool = False,
    profile: Profile | None = None,
) -> Path:
    """Write a PNG of *table* (:func:`knockout_table`): the change in the gap, and first years
    (layers labelled by *profile* when given)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from ..io.atomic import atomic_output

    t = table.iloc[::-1]
    labels = [r.name if r.kind == "together" else f"{r.id} {r.name}" for r in t.itertuples()]
    fig, (ax1, ax2) = plt.subplots(
        1, 2, figsize=(14, 0.42 * len(t) + 1.8), sharey=True, constrained_layout=True
    )
    colours = ["tab:blue" if d < 0 else "tab:red" for d in t["delta_gap_oom"]]
    ax1.barh(labels, t["delta_gap_oom"], color=colours)
    ax1.axvline(0, color="black", linewidth=0.8)
    ax1.set_xlabel(f"change in the {year:g} frontier gap (orders of magnitude; < 0 closes it)")
    ax1.grid(axis="x", alpha=0.3)
    stop = 2060.0
    layers = [c[6:] for c in t.columns if c.startswith("first_")]
    for k, layer in enumerate(layers):
        label = profile.display(layer).label.en if profile else layer
        years = t[f"first_{layer}"].fillna(stop + 2)
        ax2.scatter(years, labels, marker="osD^v"[k % 5], label=label, alpha=0.8)
    ax2.axvline(stop + 2, color="grey", linestyle=":", linewidth=0.8)
    ax2.set_xlabel(f"first year achieved from {VERDICT_FROM} (dotted line: never by {stop:g})")
    ax2.grid(axis="x", alpha=0.3)
    ax2.legend(fontsize=8, loc="lower left")
    if title:
        fig.suptitle(title)
    path = Path(path)
    with atomic_output(path, force=force) as tmp:
        fig.savefig(tmp, dpi=110, format="png")
    plt.close(fig)
    return path
