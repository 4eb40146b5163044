"""What a command shows: Rich tables and lines on a terminal, or one JSON document.

Every command that prints a table builds it through :class:`Output`, so ``--json`` is one
switch here and not code in each command. With ``--json`` stdout holds exactly one JSON
document::

    {"command": "uncertainty",
     "tables": {"verdicts": {"title": "...", "columns": [...], "rows": [{...}, ...]}},
     "messages": ["30 of 30 runs succeeded; ..."],
     "files": ["out/uncertainty/bands.csv", ...]}

The rows are the table's data (numbers as numbers, not as the formatted cells; ``null`` for a
missing value); warnings still go to stderr. Progress bars go to stderr too, and only when
stderr is a terminal and the output is not JSON.
"""

from __future__ import annotations

import contextlib
import json
import math
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Annotated, Any

from rich.markup import escape

from ._console import err, out
from ._options import option

JsonOpt = Annotated[
    bool,
    option(
        "--json",
        help="Print the results as one JSON document on stdout (the tables' data, messages "
        "and files written), with no progress bar.",
    ),
]

#: A cell formatter: ``fmt(value) -> text`` or a format pattern such as ``"{:.3g}"``.
CellFormat = str | Callable[[Any], str]


def _plain(value: Any) -> Any:
    """A JSON-ready value: numpy scalars as Python numbers, NaN and infinities as null."""
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        try:
            value = value.item()
        except (TypeError, ValueError):
            pass
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    try:
        import pandas as pd

        if value is pd.NA or value is pd.NaT:
            return None
    except ImportError:  # pragma: no cover - pandas is a dependency
        pass
    return str(value)


def _cell(value: Any, fmt: CellFormat) -> str:
    if callable(fmt):
        return fmt(value)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        try:
            if isinstance(value, str) or value is None:
                raise TypeError
            value = float(value)
        except (TypeError, ValueError):
            return escape(str(value))
    if math.isnan(value):
        return "-"  # no value (a probability of too few members, a statistic of none)
    return fmt.format(float(value))


def progress_bar(label: str, enabled: bool = True) -> contextlib.AbstractContextManager[Any]:
    """A context yielding a ``progress(done, total)`` callback (*total* 0: not known yet).

    A Rich bar on stderr when *enabled* and stderr is a terminal; otherwise a callback that
    does nothing, so logs, pipes and ``--json`` stay clean.
    """
    if not enabled or not err.is_terminal:
        return contextlib.nullcontext(_silent)
    return _rich_bar(label)


def _silent(done: int, total: int) -> None:
    pass


@contextlib.contextmanager
def _rich_bar(label: str) -> Iterator[Any]:
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    with Progress(
        SpinnerColumn(),
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=err,
        transient=True,
    ) as bar:
        task = bar.add_task(label, total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total or None)

        yield update


class Output:
    """Collects one command's tables, messages and files; shows them as text or JSON.

    In text mode tables and lines are printed as they come; in JSON mode they are kept and
    :meth:`finish` prints the document (call it once, at the end of the command).
    """

    def __init__(self, command: str, as_json: bool = False):
        self.command = command
        self.as_json = as_json
        self.doc: dict[str, Any] = {"command": command, "tables": {}, "messages": [], "files": []}

    def progress(self, label: str) -> contextlib.AbstractContextManager[Any]:
        """A progress callback context (silent with ``--json`` or off a terminal)."""
        return progress_bar(label, enabled=not self.as_json)

    def table(
        self,
        key: str,
        frame: Any,
        title: str,
        fmt: CellFormat = "{:.3g}",
        *,
        index: str | bool | None = None,
        formats: dict[str, CellFormat] | None = None,
        **table_kwargs: Any,
    ) -> None:
        """Show a DataFrame as a table titled *title*; in JSON, under ``tables[key]``.

        *index*: a column heading for the frame's index (True: its name), or None/False to
        leave the index out. *formats*: per-column cell formats overriding *fmt*.
        """
        if index is True:
            index = str(frame.index.name or "index")
        columns = [str(c) for c in frame.columns]
        if self.as_json:
            rows = []
            for idx, row in zip(frame.index, frame.itertuples(index=False), strict=True):
                rec = {index: _plain(idx)} if index else {}
                rec.update({c: _plain(v) for c, v in zip(columns, row, strict=True)})
                rows.append(rec)
            self.doc["tables"][key] = {
                "title": title,
                "columns": ([index] if index else []) + columns,
                "rows": rows,
            }
            return
        import pandas as pd
        from rich.table import Table

        table_kwargs.setdefault("title_justify", "left")
        t = Table(title=escape(title), **table_kwargs)
        if index:
            t.add_column(escape(index), style="bold", no_wrap=True)
        for c, col in zip(columns, frame.columns, strict=True):
            numeric = pd.api.types.is_numeric_dtype(frame[col])
            t.add_column(escape(c), justify="right" if numeric else "left", overflow="fold")
        per = formats or {}
        for idx, row in zip(frame.index, frame.itertuples(index=False), strict=True):
            cells = [_cell(v, per.get(c, fmt)) for c, v in zip(columns, row, strict=True)]
            head = [f"{idx:g}" if isinstance(idx, float) else escape(str(idx))] if index else []
            t.add_row(*head, *cells)
        out.print(t)

    def rich_table(self, key: str, table: Any, rows: Sequence[dict[str, Any]]) -> None:
        """Show a ready Rich *table*; in JSON, its data *rows* under ``tables[key]``."""
        if self.as_json:
            title = str(table.title or "")
            columns = list(rows[0]) if rows else [str(c.header) for c in table.columns]
            self.doc["tables"][key] = {
                "title": title,
                "columns": columns,
                "rows": [{k: _plain(v) for k, v in r.items()} for r in rows],
            }
            return
        out.print(table)

    def line(self, text: str, *, markup: str | None = None, **print_kwargs: Any) -> None:
        """A message: printed (*markup* is its Rich form) or kept as plain text in JSON."""
        if self.as_json:
            self.doc["messages"].append(text)
            return
        if markup is None:
            out.print(text, markup=False, **print_kwargs)
        else:
            out.print(markup, **print_kwargs)

    def files(self, *paths: Path | str) -> None:
        """Record files the command wrote (listed in the JSON document)."""
        self.doc["files"].extend(str(p) for p in paths)

    def data(self, key: str, value: Any) -> None:
        """Extra machine-readable data (JSON only), e.g. a result that has no table."""
        self.doc[key] = _plain(value)

    def finish(self) -> None:
        """Print the JSON document (nothing in text mode)."""
        if self.as_json:
            out.print_json(json.dumps(self.doc, ensure_ascii=False, allow_nan=False))
