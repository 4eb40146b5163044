"""The loop periods of a run told as stories that follow the run, and against a baseline.

:func:`doomloop.analysis.loops.loop_dominance` says which loops lead when. This module turns
its periods into plain language for readers who do not know the model: a named loop by its
name (no ids, no variable names), the story picked by the course of the loop's state stock
in that period (``story_up`` while it rises, ``story_down`` while it falls, ``story``
otherwise; ``loops.toml``), with the values the run reached; and a contrast with a baseline
run: which loops lead in other years than in the baseline, and where their stocks end.
Loops the model does not name are told together as "other feedback".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from .loops import NamedLoop, Period

#: A stock "rises" or "falls" in a period when it changes by more than this share of its
#: larger value; smaller changes are told with the loop's general story.
CHANGE = 0.02
#: A loop's lead in the scenario differs from the baseline's when they differ in this many
#: years or more.
MIN_YEARS = 3

_OTHER = {
    "en": "Other feedback loops (not named in the model)",
    "ja": "モデルで名前を付けていない他のフィードバックループ",
}
_OTHER_STORY = {
    "en": "Feedback the model does not name leads in these years; the named loops are weak.",
    "ja": (
        "この期間はモデルで名前を付けていないフィードバックが主導し、"
        "名前の付いたループは弱い状態です。"
    ),
}
_NONE = {
    "en": "No feedback loop is active",
    "ja": "働いているフィードバックループはありません",
}
_NONE_STORY = {
    "en": "Change comes from outside the loops: the demography and the inputs the model is given.",
    "ja": "変化はループの外、人口動態とモデルに与えた入力から来ています。",
}


@dataclass(frozen=True)
class StoryPeriod:
    """One period told in both languages; ``loop`` is the named loop's id or ``""``."""

    start: float
    end: float
    loop: str
    kind: str  # "reinforcing", "balancing" or "none"
    title_en: str
    title_ja: str
    text_en: str
    text_ja: str

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def plain_number(v: float, lang: str, sig: int = 3) -> str:
    """*v* rounded to *sig* significant digits without e-notation: ``12,900``, ``1.3 million``,
    ``1.3万``, ``0.00083``."""
    if not np.isfinite(v):
        return "–"
    if v == 0:
        return "0"
    words = (
        [(1e12, "兆"), (1e8, "億"), (1e4, "万")]
        if lang == "ja"
        else [(1e12, " trillion"), (1e9, " billion"), (1e6, " million")]
    )
    for size, word in words:
        if abs(v) >= size:
            return (
                f"{float(f'{v / size:.{sig}g}'):,.{max(0, sig - 1)}f}".rstrip("0").rstrip(".")
                + word
            )
    r = float(f"{v:.{sig}g}")
    digits = max(0, sig - 1 - int(np.floor(np.log10(abs(r)))))
    return f"{r:,.{digits}f}"


def _value(v: float, lp: NamedLoop, lang: str) -> str:
    unit = lp.state_unit[1 if lang == "ja" else 0]
    n = plain_number(v * lp.state_scale, lang)
    if not unit:
        return n
    if lang == "ja":
        return n + unit
    return f"{n}{unit}" if unit.startswith("%") else f"{n} {unit}"


def _course(series: np.ndarray, years: np.ndarray, a: float, b: float) -> tuple[float, float]:
    """Values at the start and the end of ``[a, b]``."""
    i = int(np.searchsorted(years, a - 1e-9))
    j = int(np.searchsorted(years, b + 1e-9)) - 1
    i, j = min(i, len(years) - 1), max(min(j, len(years) - 1), 0)
    return float(series[i]), float(series[j])


def _direction(v0: float, v1: float) -> str:
    big = max(abs(v0), abs(v1))
    if big == 0 or abs(v1 - v0) <= CHANGE * big:
        return "steady"
    return "up" if v1 > v0 else "down"


def tell(
    periods: Sequence[Period],
    named: Sequence[NamedLoop],
    years: Sequence[float],
    states: Mapping[str, Sequence[float]],
) -> list[StoryPeriod]:
    """The *periods* as stories; *states* holds the run's series of the loops' state stocks.

    A period led by a named loop is told by the loop's name and the story its state stock's
    course picks, with the stock's values at the period's ends; one led by a loop the model
    does not name is told as other feedback; one with no active loop says so.
    """
    by_label = {lp.label: lp for lp in named}
    ys = np.asarray(years, dtype=float)
    out = []
    for p in periods:
        lead = by_label.get(p.loops[0]) if p.loops else None
        kind = p.polarity or "none"
        a, b = p.start, p.end
        if not p.loops:
            out.append(
                StoryPeriod(a, b, "", "none", _NONE["en"], _NONE["ja"], *_NONE_STORY.values())
            )
            continue
        if lead is None:
            out.append(
                StoryPeriod(a, b, "", kind, _OTHER["en"], _OTHER["ja"], *_OTHER_STORY.values())
            )
            continue
        text_en, text_ja = lead.story, lead.story_ja or lead.story
        series = states.get(lead.state)
        if series is not None and len(series) == len(ys):
            v0, v1 = _course(np.asarray(series, dtype=float), ys, a, b)
            way = _direction(v0, v1)
            if way == "up" and lead.story_up:
                text_en, text_ja = lead.story_up, lead.story_up_ja or lead.story_up
            elif way == "down" and lead.story_down:
                text_en, text_ja = lead.story_down, lead.story_down_ja or lead.story_down
            end = min(b, float(ys[-1]))
            if lead.state_en:
                text_en += (
                    f" {lead.state_en[:1].upper()}{lead.state_en[1:]}: {_value(v0, lead, 'en')}"
                    f" in {a:g}, {_value(v1, lead, 'en')} in {end:g}."
                )
            if lead.state_ja:
                text_ja += (
                    f"{lead.state_ja}は{a:g}年に{_value(v0, lead, 'ja')}、"
                    f"{end:g}年に{_value(v1, lead, 'ja')}です。"
                )
        out.append(
            StoryPeriod(
                a, b, lead.id, kind, _title(lead, "en"), _title(lead, "ja"), text_en, text_ja
            )
        )
    return _merge(out)


def _merge(periods: list[StoryPeriod]) -> list[StoryPeriod]:
    """Neighbours told alike (other feedback, then other feedback again) as one period."""
    out: list[StoryPeriod] = []
    for p in periods:
        last = out[-1] if out else None
        if (
            last is not None
            and not p.loop
            and (last.loop, last.kind, last.title_en)
            == (
                p.loop,
                p.kind,
                p.title_en,
            )
        ):
            out[-1] = StoryPeriod(**{**last.as_dict(), "end": p.end})
        else:
            out.append(p)
    return out


def _title(lp: NamedLoop, lang: str) -> str:
    if lang == "ja":
        return f"「{lp.name_ja or lp.name}」のループが主導"
    return f"The “{lp.name}” loop leads"


def _lead_years(periods: Sequence[Period], label: str) -> set[int]:
    return {y for p in periods if p.loops[:1] == (label,) for y in range(int(p.start), int(p.end))}


def _spans(years: set[int], lang: str) -> str:
    if not years:
        return "なし" if lang == "ja" else "never"
    ys = sorted(years)
    runs: list[list[int]] = [[ys[0], ys[0]]]
    for y in ys[1:]:
        if y == runs[-1][1] + 1:
            runs[-1][1] = y
        else:
            runs.append([y, y])
    sep = "〜" if lang == "ja" else "–"
    text = [f"{a}{sep}{b + 1}" for a, b in runs]
    return ("、".join(text) + "年") if lang == "ja" else ", ".join(text)


def _changed_lead(name: str, s: set[int], b: set[int], lang: str) -> str:
    if lang == "ja":
        loop = f"「{name}」のループ"
        if not s:
            return f"{loop}はもう主導しません（ベースラインでは{_spans(b, lang)}に主導）。"
        if not b:
            return f"{loop}が{_spans(s, lang)}に主導します（ベースラインでは主導しません）。"
        return f"{loop}は{_spans(s, lang)}に主導します（ベースラインでは{_spans(b, lang)}）。"
    if not s:
        return f"The “{name}” loop no longer leads (in the baseline it leads {_spans(b, lang)})."
    if not b:
        return f"The “{name}” loop now leads {_spans(s, lang)} (never in the baseline)."
    return f"The “{name}” loop leads {_spans(s, lang)} ({_spans(b, lang)} in the baseline)."


def contrast(
    periods: Sequence[Period],
    base_periods: Sequence[Period],
    named: Sequence[NamedLoop],
    end_year: float,
    states: Mapping[str, Sequence[float]],
    base_states: Mapping[str, Sequence[float]],
) -> tuple[list[str], list[str]]:
    """What differs from the baseline: which named loops lead in other years, and where the
    stocks of the loops that lead in either run end. English and Japanese lines."""
    en: list[str] = []
    ja: list[str] = []
    changed = []
    for lp in named:
        s, b = _lead_years(periods, lp.label), _lead_years(base_periods, lp.label)
        if len(s ^ b) >= MIN_YEARS:
            changed.append(lp)
            en.append(_changed_lead(lp.name, s, b, "en"))
            ja.append(_changed_lead(lp.name_ja or lp.name, s, b, "ja"))
    if not changed:
        en.append("The same loops lead in the same years as in the baseline.")
        ja.append("ベースラインと同じループが同じ期間に主導しています。")
    leading = {p.loops[0] for p in [*periods, *base_periods] if p.loops}
    for lp in named:
        if lp.label not in leading or not lp.state_en:
            continue
        ours, theirs = states.get(lp.state), base_states.get(lp.state)
        if ours is None or theirs is None or not len(ours) or not len(theirs):
            continue
        v, w = float(ours[-1]), float(theirs[-1])
        if _direction(w, v) == "steady":
            continue
        en.append(
            f"{lp.state_en[:1].upper()}{lp.state_en[1:]} in {end_year:g}: "
            f"{_value(v, lp, 'en')}, against {_value(w, lp, 'en')} in the baseline."
        )
        ja.append(
            f"{end_year:g}年の{lp.state_ja}：{_value(v, lp, 'ja')}"
            f"（ベースラインは{_value(w, lp, 'ja')}）。"
        )
    return en, ja
