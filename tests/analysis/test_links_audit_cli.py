"""``doomloop links`` and ``doomloop audit``: thin shells over the library functions."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from doomloop.analysis import audit as audit_mod
from doomloop.analysis import links as links_mod
from doomloop.cli import main


def _knockouts(*_a: object, **_k: object) -> pd.DataFrame:
    row = {
        "id": "C1",
        "name": "generalist culture",
        "name_ja": "ジェネラリスト文化",
        "kind": "chain",
        "scenario": "baseline",
        "frontier_gap_oom": 0.75,
        "baseline_gap_oom": 2.42,
        "delta_gap_oom": -1.67,
    }
    for layer in ("deployment_sovereignty", "specialised_model_sovereignty"):
        row[f"first_{layer}"] = 2024.0
        row[f"baseline_first_{layer}"] = 2024.0 if layer.startswith("dep") else math.nan
    row["first_frontier_sovereignty"] = row["baseline_first_frontier_sovereignty"] = math.nan
    return pd.DataFrame([row])


def test_links_prints_plots_and_writes_csv(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(links_mod, "knockout_table", _knockouts)
    assert main(["links", "-m", "japan", "--out", str(tmp_path), "--csv", "--lang", "ja"]) == 0
    text = capsys.readouterr().out
    assert "ジェネラリスト文化" in text and "-1.67" in text and "2024 (was never)" in text
    assert (tmp_path / "japan-links.png").read_bytes()[:4] == b"\x89PNG"
    assert pd.read_csv(tmp_path / "japan-links.csv")["id"].tolist() == ["C1"]
    assert main(["links", "-m", "japan", "--out", str(tmp_path)]) == 1  # exists: refused
    assert main(["links", "-m", "japan", "--lang", "fr"]) == 1


def _audit(*_a: object, progress: Any = None, **_k: object) -> pd.DataFrame:
    if progress is not None:
        progress(2, 2)
    return pd.DataFrame(
        [
            {
                "id": "E1",
                "section": "s",
                "kind": "causal",
                "claim": "money alone does not close the gap",
                "note": "main text",
                "source": "unverified",
                "better": "",
                "verdict": "supports",
                "detail": "relative change -0.02",
            },
            {
                "id": "E2",
                "section": "s",
                "kind": "quantitative",
                "claim": "a statistic",
                "note": "[1]",
                "source": "conflicts",
                "better": "a better figure",
                "verdict": "cannot tell",
                "detail": "data",
            },
        ]
    )


def test_audit_prints_counts_and_json(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(audit_mod, "audit_table", _audit)
    assert main(["audit"]) == 0
    text = capsys.readouterr().out
    assert "2 claims" in text and "supports 1" in text and "Better" in text
    assert main(["audit", "--json", "--verdict", "cannot tell"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert [c["id"] for c in doc["tables"]["claims"]["rows"]] == ["E2"]
    assert doc["counts"]["source"] == {"verified": 0, "conflicts": 1, "unverified": 1}
    assert main(["audit", "--verdict", "maybe"]) == 1


def test_audit_shows_progress_on_a_terminal(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import contextlib

    from doomloop.cli import _console, _output

    calls: list[tuple[int, int]] = []

    @contextlib.contextmanager
    def spy(label: str) -> Any:
        yield lambda done, total: calls.append((done, total))

    monkeypatch.setattr(audit_mod, "audit_table", _audit)
    monkeypatch.setattr(_output, "_rich_bar", spy)
    monkeypatch.setattr(_console.err, "_force_terminal", True)
    assert main(["audit"]) == 0
    assert calls == [(2, 2)]
