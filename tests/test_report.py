"""The HTML report: self-contained, complete, and never overwrites by accident."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

import doomloop
from doomloop.cli import main
from doomloop.engine import MODELS_DIR
from doomloop.profile import load_profile
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
    profile = load_profile(MODELS_DIR / "japan")
    idx = pd.Index([2024.0, 2030.0, 2040.0])
    name = "frontier_sovereignty"

    def words(values: list[float]) -> str:
        return verdict(pd.Series(values, index=idx, name=name), profile)

    assert words([0.1, 0.6, 0.7]).startswith("achieved from 2030")
    assert words([0.1, 0.2, 0.3]).startswith("not achieved by 2040")
    assert "not held" in words([0.6, 0.2, 0.3])


def test_verdicts_ignore_years_before_the_technology_exists():
    """A layer whose index is high before its technology exists is achieved only after."""
    profile = load_profile(MODELS_DIR / "japan")
    name = "specialised_model_sovereignty"
    since = profile.since(name)
    assert 2000 < since < 2030
    idx = pd.Index([since - 4.0, since - 1.0, since, since + 5.0])
    series = pd.Series([0.9, 0.9, 0.4, 0.8], index=idx, name=name)
    assert verdict(series, profile).startswith(f"achieved from {since + 5:g}")


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


def test_report_shows_when_loops_dominate_and_the_loop_diagram(japan):
    from doomloop import report

    m = doomloop.load_model(LOGISTIC)
    html_text = build_report(m, [], explain=True, start=0, stop=40)
    assert "Which loops dominate when" in html_text
    assert re.search(r'<img alt="loop dominance by year" src="data:image/png;base64,', html_text)
    assert "<svg" not in html_text  # the fixture has no named loops, so no loop diagram
    diagram = "".join(report._loop_diagram(japan))
    assert diagram.count("<svg") == 1 and "<?xml" not in diagram
    for loop in ("R1", "R2", "R3", "B1", "M1"):
        assert loop in diagram, loop


def test_report_numbers_and_names_are_readable(report_html, japan):
    """Key outputs by display label (the name beneath), in display units, no 1.25e+08."""
    label = japan.profile.display("population_total").label.en
    assert f"{label}<br><small>population_total</small>" in report_html
    assert not re.search(r"<td>-?\d\.\d+e[+-]\d+</td>", report_html)


def test_the_timeline_shows_all_loops_not_a_focus_variables(japan, monkeypatch):
    """The periods a run keeps are those of every loop, not of the last loop_focus query."""
    import doomloop.analysis as analysis
    from doomloop import report
    from doomloop.analysis.loops import Period

    def dominance(model, scenario=None, start=2024, stop=2060, through=None, **_kw):
        return [Period(start, stop, (through or "all loops",), "reinforcing", "")]

    monkeypatch.setattr(analysis, "loop_dominance", dominance)
    monkeypatch.setattr(analysis, "inactive_loops", lambda *a, **k: {})
    assert japan.profile.views.loop_focus  # so a focus query follows the all-loops one
    (run,) = report._runs(japan, [None], True, 2024, 2060, None)
    assert [p.loops for p in run.periods] == [("all loops",)]
    assert [v for v, _ in run.focus] == list(japan.profile.views.loop_focus)


def test_report_bands_are_the_ensembles_percentiles():
    """--bands: each chart's 5-95% band is the percentiles of a seeded ensemble."""
    import numpy as np

    from doomloop import report
    from doomloop.analysis.montecarlo import monte_carlo

    m = doomloop.load_model(LOGISTIC)
    band = report._band(m, None, 16, 3, 0, 40)
    (var,) = [v for v in m.profile.views.report or m.profile.key_outputs if v in m.outputs]
    ds = monte_carlo(m, 16, variables=[var], seed=3)
    lo, hi = np.percentile(ds[var].values, [5, 95], axis=0)
    np.testing.assert_allclose(band[var]["p5"].to_numpy(), lo, rtol=1e-12)
    np.testing.assert_allclose(band[var]["p95"].to_numpy(), hi, rtol=1e-12)
    assert (hi[1:] > lo[1:]).all()  # the fixture's assumptions spread the runs
    html_text = build_report(m, [], explain=False, bands=16, start=0, stop=40)
    assert html_text.count("data:image/png;base64,") == 1
