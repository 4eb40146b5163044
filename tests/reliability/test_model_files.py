"""Hostile and broken model files: refused before the engine sees them, or in a child."""

from __future__ import annotations

from pathlib import Path

import pytest
from badinput import cli, files_in, write, xmile

from doomloop import ModelFileError, load_model
from doomloop.isolation import probe_model_file
from doomloop.xmlsafety import LIMITS

CHAIN = "".join(f'<aux name="v{i}"><eqn>v{i - 1} + 1</eqn></aux>' for i in range(1, 20_000))

#: case -> (file text, words the message must hold: what, the limit or value, the fix)
CASES: dict[str, tuple[str, tuple[str, ...]]] = {
    "nested_5000_parentheses": (
        xmile([("a", "(" * 5000 + "1" + ")" * 5000)]),
        ("variable 'a'", "nesting depth", f"limit of {LIMITS.nesting}", "split it"),
    ),
    "unary_minus_10000": (
        xmile([("a", "-" * 10_000 + "1")]),
        ("variable 'a'", "nesting depth", "10,000", "split it"),
    ),
    "sum_of_200000_terms": (
        xmile([("a", "+".join(["1"] * 200_000))]),
        ("variable 'a'", "length in characters", f"{LIMITS.equation_chars:,}", "split it"),
    ),
    "sum_of_3000_terms": (
        xmile([("a", "+".join(["1"] * 3000))]),
        ("variable 'a'", "number of operators", f"{LIMITS.operators:,}", "split it"),
    ),
    "dimension_of_1e8": (
        xmile(dims='<dimensions><dim name="D" size="100000000"/></dimensions>'),
        ("dimension 'D'", "100,000,000", f"{LIMITS.dimension_size:,}", "fewer elements"),
    ),
    "dt_1e-6_stop_1e6": (
        xmile(stop="1e6", dt="1e-6"),
        ("<sim_specs>", "steps", f"{LIMITS.steps:,}", "larger dt"),
    ),
    "chained_20000_auxiliaries": (
        xmile(extra='<aux name="v0"><eqn>1</eqn></aux>' + CHAIN),
        ("number of variables", f"{LIMITS.variables:,}", "split the model"),
    ),
    "start_nan": (xmile(start="nan"), ("<start>", "'nan'", "not a finite number")),
    "reciprocal_dt_0": (
        xmile(dt="0", dt_attrs=' reciprocal="true"'),
        ("reciprocal", "1/0", "positive number"),
    ),
    "stop_before_start": (xmile(start="10", stop="0"), ("stop > start",)),
    "graphical_function_text_points": (
        xmile(
            extra='<aux name="g"><eqn>TIME</eqn><gf><xscale min="0" max="1"/>'
            "<ypts>0,one,2</ypts></gf></aux>"
        ),
        ("variable 'g'", "<ypts>", "'one'", "plain number"),
    ),
    "graphical_function_bad_scale": (
        xmile(
            extra='<aux name="g"><eqn>TIME</eqn><gf><xscale min="low" max="1"/>'
            "<ypts>0,1</ypts></gf></aux>"
        ),
        ("variable 'g'", "xscale min", "'low'", "plain number"),
    ),
    "entity_bomb": (
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><xmile>&b;</xmile>',
        ("entities", "remove the DOCTYPE"),
    ),
    "external_entity": (
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        "<xmile>&e;</xmile>",
        ("entities", "remove the DOCTYPE"),
    ),
    "malformed_xml": ("<xmile><model>", ("malformed XML", "line 1", "fix the file")),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_load_refuses_before_the_engine(tmp_path: Path, case: str) -> None:
    text, words = CASES[case]
    path = write(tmp_path, f"{case}.xmile", text)
    with pytest.raises(ModelFileError) as info:
        load_model(path)
    msg = str(info.value)
    assert str(path) in msg
    for w in words:
        assert w in msg, (w, msg)


@pytest.mark.parametrize("command", ["check", "run", "parameters", "serve"])
def test_every_command_refuses_a_hostile_model(
    tmp_path: Path, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "m.xmile", CASES["nested_5000_parentheses"][0])
    out = tmp_path / "out"
    args = {
        "check": ["check", "--model", path, "--out", out],
        "run": ["run", "--model", path, "--out", out],
        "parameters": ["parameters", "--model", path],
        "serve": ["serve", "--model", path, "--port", "0"],
    }[command]
    code, err = cli(args, capsys)
    assert code == 1
    assert "nesting depth" in err and "split it" in err
    assert files_in(out) == []


def test_conformance_refuses_a_hostile_case_and_keeps_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "suite" / "good"
    write(good, "m.xmile", xmile([("a", "1")]))
    write(good, "output.csv", "time,a\n0,1\n1,1\n")
    bad = tmp_path / "suite" / "bad"
    write(bad, "m.xmile", CASES["nested_5000_parentheses"][0])
    write(bad, "output.csv", "time,a\n0,1\n")
    garbled = tmp_path / "suite" / "garbled"
    write(garbled, "m.xmile", xmile([("a", "1")]))
    write(garbled, "output.csv", "")
    report = tmp_path / "reports" / "CONFORMANCE.md"
    code, text = cli(["conformance", tmp_path / "suite", "--write", report], capsys)
    assert code == 1  # the garbled case fails, alone
    assert "good: passed" in text
    assert "bad: not covered" in text and "nesting depth" in text
    assert "garbled: failed" in text and "canonical output unreadable" in text
    assert report.exists()


# -- what only the engine can tell: a child process with limits ---------------------------


def test_a_native_crash_becomes_a_model_file_error(tmp_path: Path) -> None:
    """The engine overflows its stack on 5,000 nested parentheses (SIGSEGV): in the child."""
    path = write(tmp_path, "deep.xmile", CASES["nested_5000_parentheses"][0])
    with pytest.raises(ModelFileError) as info:
        probe_model_file(path, memory_mb=1024, timeout_s=30)
    msg = str(info.value)
    assert str(path) in msg and "crashed (SIG" in msg and "make the model smaller" in msg


def test_the_child_memory_limit_is_named(tmp_path: Path) -> None:
    """10,000 elements x 5,000 steps is within the static limits but needs 400 MB."""
    text = xmile(
        stop="5000",
        dims='<dimensions><dim name="D" size="10000"/></dimensions>',
        extra='<aux name="b"><dimensions><dim name="D"/></dimensions><eqn>TIME</eqn></aux>',
    )
    path = write(tmp_path, "m.xmile", text)
    with pytest.raises(ModelFileError) as info:
        probe_model_file(path, memory_mb=200, timeout_s=60)
    msg = str(info.value)
    assert "200 MiB memory limit" in msg and "DOOMLOOP_MODEL_MEMORY_MB" in msg


def test_the_child_time_limit_is_named(tmp_path: Path) -> None:
    path = write(tmp_path, "m.xmile", xmile())
    with pytest.raises(ModelFileError) as info:
        probe_model_file(path, memory_mb=1024, timeout_s=0.01)
    msg = str(info.value)
    assert "longer than 0.01 s" in msg and "DOOMLOOP_MODEL_TIMEOUT_S" in msg


def test_a_good_untrusted_model_loads_and_runs(tmp_path: Path) -> None:
    path = write(tmp_path, "m.xmile", xmile([("a", "TIME * 2")]))
    frame = load_model(path).run()
    assert frame["a"].iloc[-1] == 20


def test_run_time_settings_are_capped(tmp_path: Path) -> None:
    m = load_model(write(tmp_path, "m.xmile", xmile([("a", "1")])))
    with pytest.raises(ModelFileError, match="steps, over the limit"):
        m.run(dt=1e-7)
