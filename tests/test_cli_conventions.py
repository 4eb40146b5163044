"""The command line's conventions, checked on the whole Typer app (not command by command).

Every option and argument has help; a short flag means the same everywhere (the table in
``doomloop.cli._options.SHORT_FLAGS``); every command that prints results takes ``--json``
and then prints one JSON document and nothing else; progress goes to stderr only on a
terminal.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import typer

from doomloop.cli import app, main
from doomloop.cli._options import SHORT_FLAGS

M = str(Path(__file__).resolve().parent / "fixtures" / "logistic")

#: Commands that print no results: they start a server.
NO_JSON = {"serve": "starts the web server and prints only where it listens"}


def _commands() -> dict[str, Any]:
    group = typer.main.get_command(app)  # a click group (Typer may vendor its own click)
    return dict(group.commands)  # type: ignore[attr-defined]


def _options(cmd: Any) -> list[Any]:
    return [p for p in cmd.params if p.param_type_name == "option" and p.name != "help"]


def test_the_app_has_the_commands_this_file_checks():
    names = set(_commands())
    assert {"run", "uncertainty", "sensitivity", "report", "check", "serve"} <= names


def test_every_option_and_argument_has_help():
    missing = []
    for name, cmd in _commands().items():
        assert (cmd.help or "").strip(), f"command {name} has no help"
        for p in cmd.params:
            if p.name == "help":
                continue
            text = getattr(p, "help", None)
            if not (text or "").strip():
                missing.append(f"{name} {p.opts[0]}")
    assert missing == [], f"options without help: {missing}"


def test_short_flags_mean_the_same_in_every_command():
    short_of = {}  # short flag -> long option, over the whole app
    wrong = []
    for name, cmd in _commands().items():
        for p in _options(cmd):
            longs = [o for o in p.opts + p.secondary_opts if o.startswith("--")]
            shorts = [o for o in p.opts + p.secondary_opts if not o.startswith("--")]
            for s in shorts:
                if short_of.setdefault(s, longs[0]) != longs[0]:
                    wrong.append(f"{name}: {s} is {longs[0]}, elsewhere {short_of[s]}")
                if SHORT_FLAGS.get(longs[0]) != s:
                    wrong.append(f"{name}: {longs[0]} takes {s}, not listed in SHORT_FLAGS")
            for long in longs:
                if long in SHORT_FLAGS and SHORT_FLAGS[long] not in shorts:
                    wrong.append(f"{name}: {long} lacks its short flag {SHORT_FLAGS[long]}")
    assert wrong == []


def test_every_command_but_serve_takes_json():
    lacking = [
        name
        for name, cmd in _commands().items()
        if name not in NO_JSON and not any("--json" in p.opts for p in _options(cmd))
    ]
    assert lacking == []


def _json_of(args: list[str], capsys: pytest.CaptureFixture[str]) -> dict:
    code = main(args)
    captured = capsys.readouterr()
    assert code == 0, captured.err
    doc = json.loads(captured.out)  # stdout is one JSON document, nothing else
    assert doc["command"] == args[0]
    return doc


def test_json_holds_the_tables_data(tmp_path, capsys):
    doc = _json_of(["parameters", "-m", M, "--json"], capsys)
    rows = doc["tables"]["parameters"]["rows"]
    assert {r["name"]: r["value"] for r in rows}["growth_rate"] == pytest.approx(0.3)
    doc = _json_of(["run", "-m", M, "-o", str(tmp_path), "--json"], capsys)
    (row,) = doc["tables"]["outputs"]["rows"]
    # the fixture integrated by hand: Euler, dt 1/16, P0 10, r 0.3, K 1000, to t = 10
    p = 10.0
    for _ in range(160):
        p += 0.0625 * 0.3 * p * (1 - p / 1000)
    assert row["output"] == "population"
    assert row["10"] == pytest.approx(p, rel=1e-9)
    assert doc["files"] == [str(tmp_path / "logistic-baseline.png")]


def test_json_of_an_analysis_and_its_files(tmp_path, capsys):
    out = tmp_path / "s"
    args = ["sensitivity", "-m", M, "--output", "population", "--year", "10", "--n", "16"]
    doc = _json_of([*args, "-o", str(out), "--json"], capsys)
    rows = doc["tables"]["indices"]["rows"]
    assert rows[0]["parameter"] == "growth_rate"
    assert all(Path(f).exists() for f in doc["files"]) and len(doc["files"]) == 2


def test_progress_only_on_a_terminal(tmp_path, capsys, monkeypatch):
    """The library reports ``progress(done, total)``; the CLI draws it only on a terminal."""
    import contextlib

    from doomloop.cli import _console, _output

    calls: list[tuple[str, int, int]] = []

    @contextlib.contextmanager
    def spy(label):
        yield lambda done, total: calls.append((label, done, total))

    monkeypatch.setattr(_output, "_rich_bar", spy)
    args = ["uncertainty", "-m", M, "-n", "8", "-f", "-o", str(tmp_path)]
    assert main(args) == 0
    assert calls == [] and capsys.readouterr().err == ""  # stderr is not a terminal here
    monkeypatch.setattr(_console.err, "_force_terminal", True)
    assert main(args) == 0
    assert calls and calls[-1][0] == "uncertainty" and calls[-1][1] == 8
    calls.clear()
    capsys.readouterr()
    assert main([*args, "--json"]) == 0  # --json: no bar even on a terminal
    assert calls == []
    json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("command", ["report", "check", "explain", "parameters"])
def test_slow_commands_report_progress(command, tmp_path, capsys, monkeypatch):
    """The slow commands pass a progress callback to the library (done rises to total);
    compare's callback is checked in test_compare."""
    import contextlib

    from doomloop.cli import _console, _output

    calls: list[tuple[int, int]] = []

    @contextlib.contextmanager
    def spy(label):
        yield lambda done, total: calls.append((done, total))

    monkeypatch.setattr(_output, "_rich_bar", spy)
    monkeypatch.setattr(_console.err, "_force_terminal", True)
    args = {
        "report": [
            *("report", str(_scenario(tmp_path)), "-m", M, "--no-loops", "-f"),
            *("-o", str(tmp_path / "r.html")),
        ],
        "check": ["check", "-m", M, "-o", str(tmp_path), "-f"],
        "explain": ["explain", "-m", M, "--start", "0", "--stop", "40"],
        "parameters": ["parameters", "-m", M],
    }[command]
    main([*args, "--json"])
    assert calls == []
    main(args)
    capsys.readouterr()
    assert calls and calls[-1][0] == calls[-1][1] > 0, calls


def _scenario(folder: Path) -> Path:
    path = folder / "more.toml"
    path.write_text('name = "more"\n[policy]\ninitial_population = 20.0\n')
    return path
