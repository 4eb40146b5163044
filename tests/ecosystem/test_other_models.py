"""A modeller's own model runs from the command line: Stella's teacup (SDXorg test models),
whose units Stella accepts but pysimlin warns about, with --lenient-units; an analysis that
would vary nothing refuses and says why."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from doomloop.cli import main
from doomloop.engine import LENIENT_UNITS_ENV

TEACUP = Path(__file__).resolve().parents[1] / "sdxorg-test-models/samples/teacup/teacup.stmx"


@pytest.fixture(autouse=True)
def _strict_again(monkeypatch: pytest.MonkeyPatch) -> None:
    # --lenient-units sets the variable for the process: undone after each test
    monkeypatch.setenv(LENIENT_UNITS_ENV, "0")


def test_teacup_runs_with_lenient_units(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "--model", str(TEACUP), "--out", str(tmp_path)]) == 1
    assert "--lenient-units" in " ".join(capsys.readouterr().err.split())
    assert main(["--lenient-units", "run", "--model", str(TEACUP), "--out", str(tmp_path)]) == 0
    text = capsys.readouterr().out
    row = next(line for line in text.splitlines() if "teacup_temperature" in line)
    values = [float(x) for x in row.replace("│", " ").split()[1:]]
    # Newton's cooling from 180 towards 70 with a 10-minute time constant, at 0, 8, 15, 22, 30
    exact = 70 + 110 * np.exp(-np.array([0, 8, 15, 22, 30]) / 10)
    assert values == pytest.approx(exact, rel=0.01)
    assert (tmp_path / "teacup-baseline.png").exists()


def test_uncertainty_refuses_a_model_with_nothing_uncertain(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        [
            "--lenient-units",
            "uncertainty",
            "--model",
            str(TEACUP),
            "--runs",
            "5",
            "--out",
            str(tmp_path / "u"),
        ]
    )
    assert code == 1
    assert "no uncertain parameter" in " ".join(capsys.readouterr().err.split())
    assert not (tmp_path / "u").exists() or not any((tmp_path / "u").iterdir())
