"""Outputs: checked writable before the work, written as one set, leftovers swept."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from badinput import cli, files_in

from doomloop.engine import Model
from doomloop.io import atomic
from doomloop.io.atomic import output_set, sweep_stale


def _dead_pid() -> int:
    proc = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], check=True,
                          capture_output=True, text=True)  # fmt: skip
    return int(proc.stdout)


def _no_model(*_a: object, **_k: object) -> None:
    raise AssertionError("a model was loaded before the output folder was checked")


@pytest.mark.parametrize("command", ["uncertainty", "run", "report", "check", "compare"])
def test_out_under_a_file_fails_before_the_work(
    tmp_path: Path,
    command: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    out = blocker / "out"
    monkeypatch.setattr(Model, "__init__", _no_model)
    args = {
        "uncertainty": ["uncertainty", "--runs", "2", "--out", out],
        "run": ["run", "--out", out],
        "report": ["report", "pay-parity", "--out", out / "r.html"],
        "check": ["check", "--model", "japan", "--out", out],
        "compare": ["compare", "pay-parity", "--out", out],
    }[command]
    code, text = cli(args, capsys)
    assert code == 1
    assert str(blocker) in text and "is a file" in text
    assert files_in(tmp_path) == ["file"]


def test_out_that_is_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    out.write_text("x", encoding="utf-8")
    code, text = cli(["uncertainty", "--runs", "2", "--out", out], capsys)
    assert code == 1 and f"--out {out} is a file, not a folder; give a folder" in text


def test_read_only_folder_fails_before_the_work(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A read-only mount answers access(W_OK) with EROFS (root cannot make one in a test)."""
    real = os.access
    monkeypatch.setattr(os, "access", lambda p, m: False if Path(p) == tmp_path else real(p, m))
    monkeypatch.setattr(Model, "__init__", _no_model)
    code, text = cli(["run", "--out", tmp_path / "out"], capsys)
    assert code == 1 and "is not writable" in text and "choose a folder" in text
    assert files_in(tmp_path) == []


def test_full_disk_while_writing_leaves_no_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """ENOSPC on the second file of `uncertainty`: no bands.csv without verdicts.csv."""
    from doomloop.analysis import montecarlo

    def full(*_a: object, **_k: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(montecarlo, "plot_bands", full)
    out = tmp_path / "out"
    code, text = cli(["uncertainty", "--runs", "4", "--variables", "population_total",
                      "--out", out], capsys)  # fmt: skip
    assert code == 1
    assert "No space left on device" in text and "free some space" in text
    assert files_in(out) == []
    # the rerun is not refused: nothing of the failed run is there
    monkeypatch.undo()
    code, text = cli(["uncertainty", "--runs", "4", "--variables", "population_total",
                      "--out", out], capsys)  # fmt: skip
    assert code == 0, text
    # no sovereignty output: no verdicts; Japan has a record: the history match's three files
    match = ["history_match.csv", "history_match.png", "history_match_parameters.csv"]
    assert files_in(out) == ["bands.csv", "bands.png", *match]
    assert set(pd.read_csv(out / "bands.csv")["variable"]) == {"population_total"}


def test_a_failure_inside_a_set_writes_none(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError), output_set([tmp_path / "a.csv", tmp_path / "b.png"]) as f:
        f["a.csv"].write_text("a", encoding="utf-8")
        raise RuntimeError("killed between the files")
    assert files_in(tmp_path) == []


def test_sweep_finishes_a_set_a_killed_process_was_moving(tmp_path: Path) -> None:
    """Killed between the moves: the journal lists complete files; the next run moves them."""
    pid = _dead_pid()
    (tmp_path / "bands.csv").write_text("moved", encoding="utf-8")
    tmp = tmp_path / f".verdicts.csv.{pid}-abc.part.csv"
    tmp.write_text("complete", encoding="utf-8")
    journal = tmp_path / f".doomloop-commit.{pid}-xyz.json"
    journal.write_text(
        json.dumps([[str(tmp_path / f".bands.csv.{pid}-q.part.csv"), str(tmp_path / "bands.csv"),
                     False], [str(tmp), str(tmp_path / "verdicts.csv"), False]]),
        encoding="utf-8",
    )  # fmt: skip
    sweep_stale(tmp_path)
    assert files_in(tmp_path) == ["bands.csv", "verdicts.csv"]
    assert (tmp_path / "verdicts.csv").read_text(encoding="utf-8") == "complete"


def test_next_run_sweeps_what_sigkill_left(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`.part.png` files and an `.ensemble.zarr.tmp-PID` store of a dead process go."""
    pid = _dead_pid()
    out = tmp_path / "out"
    store = out / f".ensemble.zarr.tmp-{pid}"
    (store / "chunks").mkdir(parents=True)
    (store / "chunks" / "0.0").write_bytes(b"\0" * 1000)
    (out / f".bands.png.{pid}-k2j3.part.png").write_bytes(b"half a png")
    mine = out / f".bands.csv.{os.getpid()}-live.part.csv"  # a running process's: kept
    mine.write_text("in progress", encoding="utf-8")
    code, text = cli(["run", "--out", out], capsys)
    assert code == 0, text
    assert files_in(out) == [mine.name, "japan-baseline.png"]


def test_report_creates_its_folder_like_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "new" / "deeper" / "r.html"
    code, text = cli(["report", "pay-parity", "--no-loops", "--out", target], capsys)
    assert code == 0, text
    assert files_in(tmp_path / "new") == ["deeper", "deeper/r.html"]
    assert oct(target.stat().st_mode & 0o777) == oct(0o644)  # one writer: readable, not 0600


def test_ensemble_store_is_part_of_the_set(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from doomloop.analysis import montecarlo

    def boom(*_a: object, **_k: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(montecarlo, "plot_bands", boom)
    out = tmp_path / "out"
    code, text = cli(["uncertainty", "--runs", "4", "--variables", "population_total",
                      "--save-ensemble", "--out", out], capsys)  # fmt: skip
    assert code == 1 and "No space left" in text
    assert files_in(out) == []  # no ensemble.zarr without its bands


def test_temp_names_carry_the_pid(tmp_path: Path) -> None:
    tmp = atomic._temp_path(tmp_path / "x.png")
    assert f".x.png.{os.getpid()}-" in tmp.name and tmp.name.endswith(".part.png")
