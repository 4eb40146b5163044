"""Command-line options: refused while parsed (exit 2), naming the option and its range."""

from __future__ import annotations

from pathlib import Path

import pytest
from badinput import cli, files_in

from doomloop.engine import Model

#: case -> (arguments, words the message must hold)
CASES: dict[str, tuple[list[str], tuple[str, ...]]] = {
    "uncertainty_runs_0": (["uncertainty", "--runs", "0"], ("'--runs'", "0", "1 to 100,000")),
    "uncertainty_runs_-5": (["uncertainty", "--runs", "-5"], ("'--runs'", "-5", "1 to 100,000")),
    "uncertainty_runs_1e9": (
        ["uncertainty", "--runs", "1000000000"],
        ("'--runs'", "1,000,000,000", "1 to 100,000"),
    ),
    "uncertainty_runs_text": (
        ["uncertainty", "--runs", "many"],
        ("'--runs'", "valid integer"),
    ),
    "sensitivity_n_0": (["sensitivity", "--n", "0"], ("'--n'", "0", "2 to 16,384")),
    "sensitivity_n_not_power_of_2": (
        ["sensitivity", "--n", "100"],
        ("--n", "100 is not a power of 2", "64 or 128"),
    ),
    "sensitivity_method_bogus": (
        ["sensitivity", "--method", "fast"],
        ("'--method'", "'fast'", "sobol, morris"),
    ),
    "workers_-3": (["uncertainty", "--workers", "-3"], ("'--workers'", "-3", "1 to 256")),
    "executor_magic": (
        ["uncertainty", "--executor", "magic"],
        ("'--executor'", "'magic'", "local, pool, dask"),
    ),
    "calibrate_max_evals_0": (
        ["calibrate", "--params", "a", "--reference", "figures", "--max-evals", "0"],
        ("'--max-evals'", "0", "1 to 100,000"),
    ),
    "robustness_runs_0": (["robustness", "--runs", "0"], ("'--runs'", "1 to 100,000")),
    "search_runs_0": (["search", "--runs", "0"], ("'--runs'", "1 to 100,000")),
    "search_prob_2": (["search", "--prob", "2"], ("'--prob'", "2", "0 to 1")),
    "search_popsize_0": (["search", "--popsize", "0"], ("'--popsize'", "1 to 1,000")),
    "parameters_group_bogus": (
        ["parameters", "--group", "bogus"],
        ("'--group'", "'bogus'", "policy, assumption, data"),
    ),
    "parameters_basis_bogus": (
        ["parameters", "--basis", "cited?"],
        ("'--basis'", "'cited?'", "cited, fitted, structure, policy, assumption"),
    ),
    "scheduler_not_a_url": (
        ["uncertainty", "--scheduler", "notaurl"],
        ("'--scheduler'", "'notaurl'", "tcp://host:port"),
    ),
}


def _no_model(*_a: object, **_k: object) -> None:
    raise AssertionError("a model was loaded: the option was checked too late")


@pytest.mark.parametrize("case", sorted(CASES))
def test_option_is_refused_before_any_work(
    tmp_path: Path, case: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    args, words = CASES[case]
    monkeypatch.setattr(Model, "__init__", _no_model)
    out = tmp_path / "out"
    code, text = cli([*args, *(["--out", str(out)] if args[0] != "parameters" else [])], capsys)
    assert code == 2
    assert "Invalid value" in text
    for w in words:
        assert w in text, (w, text)
    assert files_in(out) == []


def test_unreachable_scheduler_fails_fast(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A well-formed address nobody listens on: an error after the (short) connect timeout,
    not a minute's stall."""
    pytest.importorskip("distributed")
    from doomloop import executors

    monkeypatch.setattr(executors, "CONNECT_TIMEOUT_S", 2.0)
    out = tmp_path / "out"
    code, text = cli(
        ["uncertainty", "--runs", "2", "--scheduler", "tcp://127.0.0.1:9", "--out", out], capsys
    )
    assert code == 1
    assert "tcp://127.0.0.1:9" in text and "no Dask scheduler answered" in text
    assert "check the address" in text
    assert files_in(out) == []
