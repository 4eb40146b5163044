"""The kernel against the canonical outputs of the shared XMILE test models."""

from __future__ import annotations

import typer
from typer.testing import CliRunner

from doomloop.cli.conformance import register
from doomloop.kernel.conformance import KNOWN_DIFFERENCES, read_canonical, run_suite, summary

KNOWN = set(KNOWN_DIFFERENCES)


def test_canonical_reader_normalises_names(test_models):
    times, cols = read_canonical(test_models / "tests" / "subscripted_flows")
    assert times[:3].tolist() == [0.0, 1.0, 2.0]
    assert "stock_a[entry_1]" in cols


def test_covered_models_match_their_canonical_output(test_models):
    results = run_suite(test_models)
    failed = {str(r.folder.relative_to(test_models)) for r in results if r.status == "failed"}
    assert failed <= KNOWN, [r.line(test_models) for r in results if r.status == "failed"]
    passed = sum(r.status == "passed" for r in results)
    assert passed >= 30, summary(results)


def _app() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def root() -> None:
        """doomloop"""

    register(app)
    return app


def test_cli_prints_one_line_per_folder_and_the_summary(test_models):
    res = CliRunner().invoke(_app(), ["conformance", str(test_models / "samples")])
    lines = res.output.strip().splitlines()
    assert lines[-1] == "2 passed, 0 failed, 0 not covered"
    assert lines[0].startswith("SIR: passed")
    assert res.exit_code == 0


def test_cli_exits_1_when_a_model_fails(test_models):
    res = CliRunner().invoke(_app(), ["conformance", str(test_models / "tests" / "exp")])
    assert res.exit_code == 1
    assert "failed" in res.output and "'stocka' diverges at time" in res.output
