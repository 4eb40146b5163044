"""The HTML report: self-contained, complete, and never overwrites by accident."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

import doomloop
from doomloop.cli import main
from doomloop.report import build_report, verdict, write_report

LOGISTIC = Path(__file__).parent / "fixtures" / "logistic" / "model.xmile"

PAY = """name = "pay-test"
description = "Pay rises to parity."
[policy]
pay_reform_target = 1.0
"""
FRONTIER = """name = "slow-frontier"
description = "The frontier grows more slowly."
[assumptions]
frontier_growth = 3.0
"""


@pytest.fixture(scope="module")
def japan() -> doomloop.Model:
    return doomloop.load_model("japan")


@pytest.fixture(scope="module")
def report_html(japan, tmp_path_factory) -> str:
    d = tmp_path_factory.mktemp("scenarios")
    (d / "pay.toml").write_text(PAY, encoding="utf-8")
    (d / "frontier.toml").write_text(FRONTIER, encoding="utf-8")
    return build_report(japan, [d / "pay.toml", d / "frontier.toml"], explain=False)


def test_report_lists_every_parameter_and_scenario(japan, report_html):
    for name in japan.parameters:
        assert f"<td>{name}</td>" in report_html, name
    assert "pay-test" in report_html and "baseline" in report_html
    assert "slow-frontier" in report_html and "frontier_growth = 3" in report_html
    assert "Policies (levers)" in report_html and "Assumptions and data" in report_html
    assert report_html.index("pay_reform_target") < report_html.index("Assumptions and data")
    for year in (2024, 2030, 2040, 2050, 2060):
        assert f"<th>{year}</th>" in report_html


def test_report_is_self_contained(report_html):
    images = re.findall(r'<img [^>]*src="data:image/png;base64,[A-Za-z0-9+/=]+"', report_html)
    assert len(images) == 6
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", report_html)
    assert "<link" not in report_html and "<script" not in report_html


def test_report_gives_verdicts_in_words(report_html):
    assert "frontier_sovereignty" in report_html
    assert re.search(r"(not achieved by 2060|achieved (from|in) \d{4})", report_html)


def test_verdict_words():
    idx = pd.Index([2024.0, 2030.0, 2040.0])
    assert verdict(pd.Series([0.1, 0.6, 0.7], index=idx), 0.5).startswith("achieved from 2030")
    assert verdict(pd.Series([0.1, 0.2, 0.3], index=idx), 0.5).startswith("not achieved by 2040")
    assert "not held" in verdict(pd.Series([0.6, 0.2, 0.3], index=idx), 0.5)


def test_write_report_refuses_to_overwrite(tmp_path):
    model = doomloop.load_model(LOGISTIC)
    out = tmp_path / "r.html"
    out.write_text("keep me", encoding="utf-8")
    with pytest.raises(doomloop.OutputExistsError, match="--force"):
        write_report(model, [], out, explain=False)
    assert out.read_text(encoding="utf-8") == "keep me"
    write_report(model, [], out, force=True, explain=False)
    text = out.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and "growth_rate" in text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.html"]  # no temp files left


def test_cli_report_and_explain(tmp_path, capsys):
    sc = tmp_path / "big.toml"
    sc.write_text('name = "big"\n[policy]\ninitial_population = 12\n', encoding="utf-8")
    out = tmp_path / "r.html"
    args = ["report", str(sc), "--model", str(LOGISTIC), "--out", str(out), "--no-loops"]
    assert main(args) == 0
    assert out.exists()
    assert main(args) == 1  # exists, no --force
    assert "--force" in capsys.readouterr().err
    assert main([*args, "--force"]) == 0

    assert main(["explain", "--model", str(LOGISTIC), "--start", "0", "--stop", "40"]) == 0
    text = capsys.readouterr().out
    assert "0-15:" in text and "balancing" in text
    assert main(["explain", "--model", str(LOGISTIC), "--var", "net_growth", "--lang", "ja"]) == 0
    text = capsys.readouterr().out
    assert "carrying_capacity" in text and "Uses" in text
