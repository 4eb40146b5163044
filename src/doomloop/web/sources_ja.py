"""The parameters' sources in Japanese: what the page shows as a parameter's 出典 in Japanese.

The table is ``data/sources_ja.toml``: one entry per parameter name, ``en`` the exact text of
the parameter's ``source`` in a model's ``values.csv`` and ``ja`` its Japanese rendering. A
parameter gets the Japanese only while its source is still ``en`` word for word: a source
edited in ``values.csv`` falls back to its English (the page labels it 出典（英語の原文）) until
the table follows it, and :func:`untranslated_sources` names each such parameter.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from ..errors import DataError

#: The table of Japanese sources (one place for each parameter's Japanese source).
SOURCES_JA = Path(__file__).resolve().parents[1] / "data" / "sources_ja.toml"

#: The groups of parameters the page shows with a detail view (and so with a source).
SHOWN_GROUPS = ("policy", "assumption")


@functools.cache
def japanese_sources(path: Path = SOURCES_JA) -> dict[str, tuple[str, str]]:
    """The table at *path*: parameter name -> (its English source, its Japanese source)."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise DataError(f"{path}: cannot read the Japanese sources: {exc}") from exc
    out = {}
    for name, entry in raw.items():
        if not (
            isinstance(entry, dict)
            and set(entry) == {"en", "ja"}
            and all(isinstance(entry[k], str) and entry[k].strip() for k in ("en", "ja"))
        ):
            raise DataError(
                f"{path}: [{name}] must have exactly two non-empty strings, en (the "
                f"parameter's source in values.csv, word for word) and ja (its Japanese); "
                f"it has {sorted(entry) if isinstance(entry, dict) else type(entry).__name__}"
            )
        out[name] = (entry["en"], entry["ja"])
    return out


def source_ja(name: str, source: str, path: Path = SOURCES_JA) -> str | None:
    """The Japanese of parameter *name*'s *source*, or None when the table has none for this
    text (no entry, or an entry translating an earlier text of the source)."""
    entry = japanese_sources(path).get(name)
    return entry[1] if entry and entry[0] == source else None


def untranslated_sources(
    table: Mapping[str, Any], groups: Iterable[str] = SHOWN_GROUPS, path: Path = SOURCES_JA
) -> list[tuple[str, str, str | None]]:
    """The parameters of *table* in *groups* whose source has no Japanese: each as (name,
    its source now, the English the table's entry translates, or None without an entry)."""
    known = japanese_sources(path)
    wanted = set(groups)
    out = []
    for p in table.values():
        if p.group in wanted and p.source and source_ja(p.name, p.source, path) is None:
            entry = known.get(p.name)
            out.append((p.name, p.source, entry[0] if entry else None))
    return out
