"""Scenario and parameter files: caps, encodings, short rows, unknown names; bad members."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import numpy as np
import pytest
from badinput import cli, files_in, logistic_copy, nan_model, write

from doomloop import DataError, ScenarioError, load_model
from doomloop.analysis.montecarlo import monte_carlo
from doomloop.kernel.runner import engine_says
from doomloop.scenarios import MAX_SCENARIO_CHARS

HEADER = "name,value,units,low,high,lower_bound,upper_bound,group,sector,distribution,source,note"
ROW = "growth_rate,0.3,1/year,0.2,0.4,0,5,assumption,growth,lognormal,assumption: x,r."

#: scenario case -> (file bytes, words the message must hold)
SCENARIOS: dict[str, tuple[bytes, tuple[str, ...]]] = {
    "nested_600_deep": (
        b"name = 'x'\n[policy]\na = " + b"[" * 600 + b"]" * 600 + b"\n",
        ("nested too deeply", "[policy]"),
    ),
    "larger_than_the_cap": (
        b"# " + b"x" * (MAX_SCENARIO_CHARS + 10) + b"\n",
        ("larger than 1 MiB", "one `name = number` line each"),
    ),
    "not_utf8": (b"name = '\xff\xfe'\n", ("not UTF-8", "save the file as UTF-8")),
    "bad_toml_with_line": (b"name = 'x'\n[policy\n", ("not valid TOML", "line 2")),
    "unknown_parameter": (
        b"[assumptions]\ngrowth_rat = 0.3\n",
        (":2:", "unknown parameter 'growth_rat'", "Did you mean: growth_rate"),
    ),
    "policy_in_assumptions": (
        b"[assumptions]\ninitial_population = 10\n",
        ("policy parameter", "move it to [policy]"),
    ),
    "not_a_number": (b"[assumptions]\ngrowth_rate = true\n", ("is not a number",)),
    "out_of_bounds": (b"[assumptions]\ngrowth_rate = 50\n", ("outside its possible range",)),
    "huge_integer": (
        b"[assumptions]\ngrowth_rate = " + b"9" * 400 + b"\n",
        ("too large for a float",),
    ),
}


@pytest.mark.parametrize("case", sorted(SCENARIOS))
def test_bad_scenario_is_refused_with_file_and_fix(
    tmp_path: Path, case: str, capsys: pytest.CaptureFixture[str]
) -> None:
    data, words = SCENARIOS[case]
    path = write(tmp_path, f"{case}.toml", data)
    model = load_model(Path(__file__).resolve().parents[1] / "fixtures" / "logistic")
    with pytest.raises(ScenarioError) as info:
        model.run(scenario=path)
    msg = str(info.value)
    assert str(path) in msg
    for w in words:
        assert w in msg, (w, msg)
    out = tmp_path / "out"
    code, text = cli(["run", "--model", model.path, "--scenario", path, "--out", out], capsys)
    assert code == 1 and str(path) in text
    assert files_in(out) == []


def test_scenario_with_a_bom_loads(tmp_path: Path) -> None:
    path = write(tmp_path, "s.toml", codecs.BOM_UTF8 + b"[assumptions]\ngrowth_rate = 0.35\n")
    model = load_model(Path(__file__).resolve().parents[1] / "fixtures" / "logistic")
    assert model.resolve_params(scenario=path) == {"growth_rate": 0.35}


#: parameters.csv case -> (file bytes, words the message must hold)
PARAMETERS: dict[str, tuple[bytes, tuple[str, ...]]] = {
    "not_utf8": ((HEADER + "\n" + ROW + "\n").encode("utf-16"), ("not UTF-8", "save the file")),
    "latin1": (
        (HEADER + "\n" + ROW.replace("r.", "\xe9t\xe9") + "\n").encode("latin-1"),
        ("not UTF-8",),
    ),  # fmt: skip
    "short_row": (
        (HEADER + "\n" + "growth_rate,0.3,1/year,0.2\n").encode(),
        (":2:", "4 fields but the header has 12", "give every column a value"),
    ),
    "long_row": (
        (HEADER + "\n" + ROW + ",extra\n").encode(),
        (":2:", "13 fields but the header has 12", "quote a text holding commas"),
    ),
    "missing_column": (
        b"name,value\ngrowth_rate,0.3\n",
        ("missing column(s) units", "the header must be"),
    ),
    "unknown_variable": (
        (HEADER + "\n" + ROW + "\n" + ROW.replace("growth_rate", "growth_rte") + "\n").encode(),
        ("parameter 'growth_rte' is not a variable", "Did you mean: growth_rate", "Remove the row"),
    ),  # fmt: skip
    "not_a_number": (
        (HEADER + "\n" + ROW.replace("0.3,", "0.3x,", 1) + "\n").encode(),
        (
            ":2:",
            "'0.3x', not a number",
        ),
    ),  # fmt: skip
    "too_large": (
        (HEADER + "\n" + ROW + "\n" + "#" * (5 << 20) + "\n").encode(),
        ("larger than 4 MiB", "split it"),
    ),
}


@pytest.mark.parametrize("case", sorted(PARAMETERS))
def test_bad_parameter_file_is_refused_at_load(
    tmp_path: Path, case: str, capsys: pytest.CaptureFixture[str]
) -> None:
    data, words = PARAMETERS[case]
    folder = logistic_copy(tmp_path)
    (folder / "parameters.csv").write_bytes(data)
    with pytest.raises(DataError) as info:
        load_model(folder)
    msg = str(info.value)
    assert str(folder / "parameters.csv") in msg
    for w in words:
        assert w in msg, (w, msg)
    code, text = cli(["parameters", "--model", folder], capsys)
    assert code == 1 and "parameters.csv" in text


def test_parameter_file_with_a_bom_loads(tmp_path: Path) -> None:
    folder = logistic_copy(tmp_path)
    data = (folder / "parameters.csv").read_bytes()
    (folder / "parameters.csv").write_bytes(codecs.BOM_UTF8 + data)
    assert "growth_rate" in load_model(folder).parameters


# -- a bad ensemble member fails alone ------------------------------------------------------


def test_a_bad_member_fails_alone_naming_variable_and_time(tmp_path: Path) -> None:
    model = load_model(nan_model(tmp_path))
    ds = monte_carlo(model, 12, seed=1, backend="engine")
    status = ds["status"].values
    shift = ds["params"].sel(parameter="shift").values
    failed = status != "ok"
    assert failed.any() and not failed.all()
    # exactly the members whose kept output (the stock) turns NaN: growth at the first step
    # past shift, the stock a step (0.5) later, so only for shift below 9.5
    assert (failed == (shift < 9.5)).all()
    for err, s in zip(ds["error"].values[failed], shift[failed], strict=True):
        m = re.search(r"variable '(\w+)' is nan at time ([\d.]+)", err)
        assert m is not None, err
        assert m.group(1) in ("level", "growth")
        assert s < float(m.group(2)) <= s + 1.5  # the first kept time after TIME passed shift
    ok = ds["level"].values[~failed]
    assert np.isfinite(ok).all()


def test_a_member_the_kernel_flags_is_named_by_the_engine(tmp_path: Path) -> None:
    """A state the kernel saw turn NaN but that is not a kept output: the engine names it."""
    model = load_model(nan_model(tmp_path))
    msg = engine_says(model, {"shift": 7.2})
    assert msg is not None and "variable 'growth' became NaN at time 7.5" in msg
    assert engine_says(model, {"shift": 12}) is None


def test_uncertainty_where_every_member_fails_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = nan_model(tmp_path)
    table = folder / "parameters.csv"  # every draw of shift (1 to 4) turns the run NaN
    table.write_text(table.read_text(encoding="utf-8").replace(",5,15,", ",1,4,").replace(
        "shift,12,", "shift,3,"), encoding="utf-8")  # fmt: skip
    (folder / "model.xmile").write_text(
        (folder / "model.xmile").read_text(encoding="utf-8").replace(
            "<eqn>12</eqn>", "<eqn>3</eqn>"), encoding="utf-8")  # fmt: skip
    out = tmp_path / "out"
    code, text = cli(["uncertainty", "--model", folder, "--runs", "3", "--out", out],
                     capsys)  # fmt: skip
    assert code == 1
    assert "all 3 runs failed" in text and "no file was written" in text
    assert "variable 'level'" in text and "is nan at time" in text
    assert files_in(out) == []
