"""`doomloop check` on every model of the SDXorg XMILE collection: no crash, a card or a
clear refusal (a model the engine rejects), never a traceback or partial output."""

from __future__ import annotations

from pathlib import Path

import pytest
from checkkit import find_test_models

from doomloop.cli import main

ROOT = find_test_models()
FILES = sorted([*ROOT.rglob("*.xmile"), *ROOT.rglob("*.stmx")]) if ROOT is not None else []


def test_check_runs_on_every_sdxorg_model(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert ROOT is not None and len(FILES) > 50
    carded, refused = 0, 0
    for i, path in enumerate(FILES):
        out = tmp_path / str(i)
        code = main(["check", "--model", str(path), "--out", str(out)])
        captured = capsys.readouterr()
        assert code in (0, 1), path
        assert "Traceback" not in captured.err, path
        if out.exists():
            names = sorted(p.name for p in out.iterdir())
            assert names == [f"{path.stem}.html", f"{path.stem}.md"], path
            card = (out / f"{path.stem}.md").read_text(encoding="utf-8")
            assert card.startswith(f"# Model card: {path.stem}")
            # no parameters.csv: provenance fails honestly where there are constants
            assert "## Parameter provenance" in card
            carded += 1
        else:
            assert code == 1 and "error:" in captured.err, path
            refused += 1
    assert carded >= 60, (carded, refused)
