"""Stock-and-flow diagrams of the model: one XMILE ``<view>`` per sector.

Each sector's view holds its own variables and, drawn at the edge of the view, the
constants and other sectors' variables its equations read (Simlin draws every view on its
own, so each view repeats what it reads rather than pointing to another view). The layout:

* the sector's stocks in a row, a chain of stocks joined by their flows left to right (a flow
  back along the chain runs below it); a stock's first inflow from a cloud comes from the
  left, its first outflow leaves to the right, further ones enter from above or leave below;
* every auxiliary on a layer above the row by how many steps it is from a flow or stock it
  feeds (its inputs further up), or, if it feeds none, on a layer below by how many steps it
  is from the stocks (outputs further down); on its layer at the mean place of what it
  connects to, spread so that no two overlap;
* one connector per dependency, straight.

The WPP lookup tables and the population sector's interpolation weights are not on the main
views: they are on a last view of their own (``Population inputs (UN WPP 2024)``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from sdvar import Var

from doomloop.diagram import VIEW_NAME_ATTR as NAME_ATTR

IDENT = re.compile(r"\b[A-Za-z_][A-Za-z0-9_]*\b")
STOCK_W, STOCK_H = 90, 50
GAP_X = 110  # least distance between two elements of one layer
CHAR_W = 6.6  # width of a label character at the diagrams' font size
LAYER_Y = 95  # distance between layers
ROW_PAD = 175  # from the stock row to the first layer above or below
STOCK_STEP = 300  # between stocks of a chain
MAX_PER_ROW = 11  # a layer wider than this wraps onto another row
MARGIN = 80


@dataclass
class Element:
    """A display object of a view: its variable, kind and place (and a flow's pipe)."""

    name: str
    kind: str  # stock | flow | aux
    x: float = 0.0
    y: float = 0.0
    pts: list[tuple[float, float]] = field(default_factory=list)
    label_side: str = ""


def references(v: Var, known: set[str]) -> set[str]:
    """The variables *v*'s equation (or its element equations) names."""
    text = " ".join([v.eqn, *(v.elements or {}).values()])
    return {w for w in IDENT.findall(text) if w in known and w != v.name}


def _chains(stocks: list[Var], flows: dict[str, Var]) -> list[list[str]]:
    """Stocks joined by flows, each chain ordered along its flows."""
    out_of = {f: s.name for s in stocks for f in s.outflows}
    into = {f: s.name for s in stocks for f in s.inflows}
    nxt: dict[str, set[str]] = {s.name: set() for s in stocks}
    for f in flows:
        if f in out_of and f in into:
            nxt[out_of[f]].add(into[f])
    seen: set[str] = set()
    chains: list[list[str]] = []
    prev = {b for a in nxt for b in nxt[a]}
    for s in [s.name for s in stocks if s.name not in prev] + [s.name for s in stocks]:
        if s in seen:
            continue
        chain, todo = [], [s]
        while todo:
            a = todo.pop(0)
            if a in seen:
                continue
            seen.add(a)
            chain.append(a)
            todo += sorted(nxt[a] - seen)
            todo += sorted(b for b in nxt if a in nxt[b] and b not in seen)
        chains.append(chain)
    return chains


def _place_stocks(stocks: list[Var], flows: dict[str, Var], y: float) -> dict[str, Element]:
    """Stocks on the row and every flow's pipe."""
    els: dict[str, Element] = {}
    x = MARGIN + 170.0
    for chain in _chains(stocks, flows):
        for s in chain:
            els[s] = Element(s, "stock", x, y)
            x += STOCK_STEP
        x += 280
    by_name = {s.name: s for s in stocks}
    out_of = {f: s.name for s in stocks for f in s.outflows}
    into = {f: s.name for s in stocks for f in s.inflows}
    top: dict[str, list[str]] = {s.name: [] for s in stocks}
    bottom: dict[str, list[str]] = {s.name: [] for s in stocks}
    left_used: set[str] = set()
    right_used: set[str] = set()
    between = [f for f in flows if f in out_of and f in into]
    n_under = 0
    for f in between + [f for f in flows if f not in between]:
        a, b = out_of.get(f), into.get(f)
        if a and b:
            xa, xb = els[a].x, els[b].x
            if xa < xb and a not in right_used and b not in left_used:
                right_used.add(a)
                left_used.add(b)
                pts = [(xa + STOCK_W / 2, y), (xb - STOCK_W / 2, y)]
                els[f] = Element(f, "flow", (xa + xb) / 2, y, pts)
            else:
                n_under += 1
                low = y + STOCK_H / 2 + 45 * n_under
                inner = STOCK_W / 2 - 6
                da, db = (-inner, inner) if xa > xb else (inner, -inner)
                pts = [
                    (xa + da, y + STOCK_H / 2),
                    (xa + da, low),
                    (xb + db, low),
                    (xb + db, y + STOCK_H / 2),
                ]
                els[f] = Element(f, "flow", (xa + xb) / 2, low, pts)
        elif b:
            if b not in left_used:
                left_used.add(b)
                xb = els[b].x - STOCK_W / 2
                els[f] = Element(f, "flow", xb - 85, y, [(xb - 160, y), (xb, y)])
            else:
                top[b].append(f)
        elif a:
            if a not in right_used:
                right_used.add(a)
                xa = els[a].x + STOCK_W / 2
                els[f] = Element(f, "flow", xa + 85, y, [(xa, y), (xa + 160, y)])
            else:
                bottom[a].append(f)
    for s, fs in top.items():
        for k, f in enumerate(fs):
            fx = els[s].x + (k - (len(fs) - 1) / 2) * 36
            pts = [(fx, y - STOCK_H / 2 - 120), (fx, y - STOCK_H / 2)]
            side = "left" if k < len(fs) / 2 else "right"
            els[f] = Element(f, "flow", fx, y - STOCK_H / 2 - 60, pts, side)
    for s, fs in bottom.items():
        for k, f in enumerate(fs):
            fx = els[s].x + (k - (len(fs) - 1) / 2) * 36
            pts = [(fx, y + STOCK_H / 2), (fx, y + STOCK_H / 2 + 120)]
            side = "left" if k < len(fs) / 2 else "right"
            els[f] = Element(f, "flow", fx, y + STOCK_H / 2 + 60, pts, side)
    del by_name
    return els


def _levels(names: Iterable[str], fixed: set[str], edges: dict[str, set[str]]) -> dict[str, int]:
    """Steps from each name to the nearest of *fixed* along *edges* (a breadth-first walk)."""
    level = {n: 0 for n in fixed}
    frontier = sorted(fixed)
    while frontier:
        nxt = []
        for a in frontier:
            for b in sorted(edges.get(a, ())):
                if b not in level and b in names:
                    level[b] = level[a] + 1
                    nxt.append(b)
        frontier = nxt
    return level


def _gap(a: str, b: str) -> float:
    """Least distance between two neighbours of a layer: room for both labels."""
    return max(GAP_X, (len(a) + len(b)) / 2 * CHAR_W + 24)


def _spread(items: list[tuple[float, str]], y0: float, dy: float) -> dict[str, tuple[float, float]]:
    """Places of one layer: near their wanted x, in that order, labels clear, wrapped if wide."""
    items = sorted(items)
    out: dict[str, tuple[float, float]] = {}
    n_rows = max(1, math.ceil(len(items) / MAX_PER_ROW))
    for r in range(n_rows):  # a wide layer: every n-th item on the same row, order kept
        row = items[r::n_rows]
        if not row:
            continue
        xs = [x for x, _ in row]
        for i in range(1, len(xs)):
            xs[i] = max(xs[i], xs[i - 1] + _gap(row[i - 1][1], row[i][1]))
        shift = max((sum(x for x, _ in row) - sum(xs)) / len(xs), MARGIN - xs[0])
        for x, (_, name) in zip(xs, row, strict=True):
            out[name] = (x + shift + (r - (n_rows - 1) / 2) * 50, y0 + dy * r)
    return out


def layout(own: list[Var], known: dict[str, str], all_vars: dict[str, Var]) -> list[Element]:
    """Every element of a sector's view, placed."""
    names = {v.name for v in own}
    deps = {v.name: references(v, set(known)) for v in own}
    inputs = sorted(set().union(*deps.values()) - names) if deps else []
    shown = names | set(inputs)
    users: dict[str, set[str]] = {n: set() for n in shown}
    for v, ds in deps.items():
        for d in ds:
            users[d].add(v)
    stocks = [v for v in own if v.kind == "stock"]
    flows = {v.name: v for v in own if v.kind == "flow"}
    core = {v.name for v in stocks} | set(flows)
    sinks = [] if core else [v.name for v in own if not (users[v.name] & names)]
    core |= set(sinks)
    up = _levels(shown, core, {n: {d for d in deps.get(n, ())} for n in shown})
    n_up = max([lv for n, lv in up.items() if n not in core], default=0)
    rows_up = sum(
        math.ceil(sum(1 for lv in up.values() if lv == k) / MAX_PER_ROW) for k in range(1, n_up + 1)
    )
    row_y = MARGIN + 40 + rows_up * LAYER_Y + (ROW_PAD - LAYER_Y if rows_up else 0)
    els = _place_stocks(stocks, flows, row_y)
    for n, (x, yy) in _spread(
        [(MARGIN + i * GAP_X, n) for i, n in enumerate(sinks)], row_y, LAYER_Y
    ).items():
        els[n] = Element(n, "aux", x, yy)
    for f in flows:  # a flow whose stock is another sector's: a pipe between clouds
        if f not in els:
            els[f] = Element(
                f, "flow", MARGIN + 85, row_y, [(MARGIN, row_y), (MARGIN + 170, row_y)]
            )
    y = row_y - ROW_PAD
    for k in range(1, n_up + 1):
        layer = [n for n, lv in up.items() if lv == k]
        want = [(_mean(els, users[n] | deps.get(n, set())), n) for n in layer]
        placed = _spread(want, y, -LAYER_Y)
        for n, (x, yy) in placed.items():
            kind = "stock" if all_vars[n].kind == "stock" and n not in names else "aux"
            els[n] = Element(n, kind, x, yy)
        y = min(yy for _, yy in placed.values()) - LAYER_Y if placed else y
    rest = [n for n in shown if n not in els]
    down = _levels(set(rest) | core, core, users)
    y = row_y + ROW_PAD
    for k in range(1, max(down.values(), default=0) + 1):
        layer = [n for n in rest if down.get(n) == k]
        placed = _spread(
            [(_mean(els, deps.get(n, set()) | users[n]), n) for n in layer], y, LAYER_Y
        )
        for n, (x, yy) in placed.items():
            els[n] = Element(n, all_vars[n].kind if n not in names else "aux", x, yy)
        y = max(yy for _, yy in placed.values()) + LAYER_Y if placed else y
    left = [n for n in shown if n not in els]  # inputs of the outputs below the row
    for n, (x, yy) in _spread(
        [(_mean(els, users[n]), n) for n in sorted(left)], y, LAYER_Y
    ).items():
        kind = "stock" if all_vars[n].kind == "stock" and n not in names else "aux"
        els[n] = Element(n, kind, x, yy)
    for n, e in els.items():  # another sector's flow read here: a short pipe between clouds
        if n not in flows and all_vars[n].kind == "flow":
            e.kind = "flow"
            e.pts = [(e.x - 40, e.y), (e.x + 40, e.y)]
    return list(els.values())


def _mean(els: dict[str, Element], names: set[str]) -> float:
    xs = [els[n].x for n in sorted(names) if n in els]  # a fixed order: the same sum whatever
    # the hash seed (a set's order changed the last digit of a place)
    return sum(xs) / len(xs) if xs else MARGIN


def connectors(own: list[Var], els: list[Element], known: set[str]) -> list[tuple[str, str, float]]:
    """(from, to, angle) of each dependency drawn on the view."""
    at = {e.name: e for e in els}
    out = []
    for v in own:
        for d in sorted(references(v, known)):
            if d in at and v.name in at:
                a, b = at[d], at[v.name]
                angle = math.degrees(math.atan2(-(b.y - a.y), b.x - a.x))
                if abs(b.y - a.y) < 30 and abs(b.x - a.x) > 1.5 * GAP_X:
                    angle += 20  # along a layer: an arc clear of the elements between
                angle %= 360
                out.append((d, v.name, round(angle, 3)))
    return out


def view_xml(
    title: str, own: list[Var], all_vars: dict[str, Var], uid: list[int], hidden: set[str]
) -> str:
    """One ``<view>`` of a sector (leaving out the inputs in *hidden*)."""
    known = {n: v.kind for n, v in all_vars.items() if n not in hidden}
    els = layout(own, known, all_vars)
    width = max(e.x for e in els) + 2 * MARGIN if els else 800
    height = max(e.y for e in els) + 2 * MARGIN if els else 600
    lines = [
        f'      <view type="stock_flow" {NAME_ATTR}="{escape(title)}" page_width="{width:.0f}" '
        f'page_height="{height:.0f}">'
    ]
    for e in els:
        if e.kind == "stock":
            lines.append(
                f'        <stock name="{e.name}" x="{e.x:g}" y="{e.y:g}" '
                f'width="{STOCK_W}" height="{STOCK_H}"/>'
            )
        elif e.kind == "flow":
            pts = "".join(f'<pt x="{x:g}" y="{y:g}"/>' for x, y in e.pts)
            lines.append(
                f'        <flow name="{e.name}" x="{e.x:g}" y="{e.y:g}"><pts>{pts}</pts></flow>'
            )
        else:
            lines.append(f'        <aux name="{e.name}" x="{e.x:g}" y="{e.y:g}"/>')
    for a, b, angle in connectors(own, els, set(known)):
        uid[0] += 1
        lines.append(
            f'        <connector uid="{uid[0]}" angle="{angle:g}"><from>{a}</from><to>{b}</to>'
            "</connector>"
        )
    lines.append("      </view>")
    return "\n".join(lines)


def grid_view_xml(title: str, names: list[str]) -> str:
    """A view of *names* in a plain grid (lookup tables and weights: no connectors)."""
    cols = 7
    lines = [f'      <view type="stock_flow" {NAME_ATTR}="{escape(title)}">']
    for i, n in enumerate(names):
        x, y = MARGIN + (i % cols) * 150, MARGIN + (i // cols) * 90
        lines.append(f'        <aux name="{n}" x="{x}" y="{y}"/>')
    lines.append("      </view>")
    return "\n".join(lines)


def views_xml(
    sectors: list[tuple[str, list[Var]]], all_vars: dict[str, Var], off: list[str]
) -> str:
    """``<views>``: one view per sector, then the view of the variables kept *off* them."""
    uid = [0]
    body = [view_xml(title, own, all_vars, uid, set(off)) for title, own in sectors]
    body.append(grid_view_xml("Population inputs (UN WPP 2024)", off))
    return "    <views>\n" + "\n".join(body) + "\n    </views>"
