"""`doomloop check` end to end: exit codes, cards, --force, and no output on bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from doomloop.cli import main


def _balanced(page: str) -> bool:
    """Every opened element is closed in order (void elements aside)."""
    from html.parser import HTMLParser

    stack: list[str] = []
    bad: list[str] = []

    class Parser(HTMLParser):
        def handle_starttag(self, tag: str, attrs: object) -> None:
            if tag not in ("meta", "br"):
                stack.append(tag)

        def handle_endtag(self, tag: str) -> None:
            if not stack or stack.pop() != tag:
                bad.append(tag)

    Parser().feed(page)
    return not bad and not stack


def _cards(out: Path, name: str = "logistic") -> tuple[Path, Path]:
    return out / f"{name}.md", out / f"{name}.html"


def test_passing_model_exits_zero_and_writes_both_cards(
    logistic: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "cards"
    assert main(["check", "--model", str(logistic), "--out", str(out)]) == 0
    md, html = _cards(out)
    text = md.read_text(encoding="utf-8")
    assert text.startswith("# Model card: logistic")
    assert "| **Overall** | PASS |" in text
    page = html.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<style>" in page
    for external in ("<script", "src=", "href=", "@import", "url("):
        assert external not in page
    assert _balanced(page)
    assert "Extreme conditions" in capsys.readouterr().out
    assert sorted(p.name for p in out.iterdir()) == ["logistic.html", "logistic.md"]


def test_failing_model_exits_one_and_still_writes_its_card(
    fixture_logistic: Path, tmp_path: Path
) -> None:
    out = tmp_path / "cards"
    assert main(["check", "--model", str(fixture_logistic), "--out", str(out)]) == 1
    md, _ = _cards(out, "fixture")
    assert "| **Overall** | FAIL |" in md.read_text(encoding="utf-8")


def test_existing_card_is_not_overwritten_without_force(
    logistic: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "cards"
    out.mkdir()
    md, html = _cards(out)
    md.write_text("hand-written", encoding="utf-8")
    assert main(["check", "--model", str(logistic), "--out", str(out)]) == 1
    err = " ".join(capsys.readouterr().err.split())
    assert "logistic.md already exists" in err and "--force" in err
    assert md.read_text(encoding="utf-8") == "hand-written"
    assert not html.exists()
    assert main(["check", "--model", str(logistic), "--out", str(out), "--force"]) == 0
    first = md.read_bytes()
    assert first.startswith(b"# Model card")
    assert main(["check", "--model", str(logistic), "--out", str(out), "--force"]) == 0
    assert md.read_bytes() == first  # reproducible: no timestamp


BAD_INPUTS = {
    "checks_unknown_key": ("--checks", "c.toml", "colour = 1\n", "unknown key 'colour'"),
    "checks_bad_toml": ("--checks", "c.toml", "[[check]\n", "not valid TOML"),
    "checks_missing": ("--checks", "missing.toml", None, "does not exist"),
    "reference_columns": ("--reference", "r.csv", "name,value\nx,1\n", "missing column(s) year"),
    "reference_year": ("--reference", "r.csv", "name,year,value\npopulation,99,1\n", "outside"),
    "reference_number": ("--reference", "r.csv", "name,year,value\npopulation,1,x\n", "finite"),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_inputs_exit_one_with_no_output(
    logistic: Path, tmp_path: Path, case: str, capsys: pytest.CaptureFixture[str]
) -> None:
    option, name, text, expect = BAD_INPUTS[case]
    path = tmp_path / name
    if text is not None:
        path.write_text(text, encoding="utf-8")
    out = tmp_path / "cards"
    assert main(["check", "--model", str(logistic), option, str(path), "--out", str(out)]) == 1
    assert expect in " ".join(capsys.readouterr().err.split())
    assert not out.exists()


def test_checks_toml_beside_the_model_is_used_and_escaped_in_html(
    logistic: Path, tmp_path: Path
) -> None:
    (logistic.parent / "checks.toml").write_text(
        '[[check]]\nname = "<b>bold</b> & co"\nexpect = "population never falls"\n',
        encoding="utf-8",
    )
    out = tmp_path / "cards"
    assert main(["check", "--model", str(logistic), "--out", str(out)]) == 0
    md, html = _cards(out)
    assert "<b>bold</b> & co" in md.read_text(encoding="utf-8")
    page = html.read_text(encoding="utf-8")
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; co" in page and "<b>bold</b>" not in page


def test_usage_error_exits_two(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--no-such-option"]) == 2
    assert "No such option" in capsys.readouterr().err


def test_error_messages_keep_their_brackets(
    logistic: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    checks = tmp_path / "c.toml"
    checks.write_text("check = 3\n", encoding="utf-8")
    args = ["check", "--model", str(logistic), "--checks", str(checks), "--out", str(tmp_path)]
    assert main(args) == 1
    assert "[[check]] table" in capsys.readouterr().err


def test_failure_while_writing_the_card_leaves_nothing(
    logistic: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import doomloop.check.card as card

    def broken(report: object) -> str:
        raise RuntimeError("renderer broke")

    monkeypatch.setattr(card, "to_html", broken)
    out = tmp_path / "cards"
    with pytest.raises(RuntimeError, match="renderer broke"):
        main(["check", "--model", str(logistic), "--out", str(out)])
    assert not out.exists() or list(out.iterdir()) == []


def test_out_that_is_a_file_is_refused(
    logistic: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "cards"
    target.write_text("not a directory", encoding="utf-8")
    assert main(["check", "--model", str(logistic), "--out", str(target)]) == 1
    assert "is a file, not a folder" in " ".join(capsys.readouterr().err.split())
    assert target.read_text(encoding="utf-8") == "not a directory"


def test_history_csv_beside_the_model_is_the_default_reference(
    logistic: Path, tmp_path: Path
) -> None:
    (logistic.parent / "history.csv").write_text(
        "name,year,value,weight,source\npopulation,0,10,1,S0\npopulation,40,999,1,S0\n",
        encoding="utf-8",
    )
    out = tmp_path / "cards"
    assert main(["check", "--model", str(logistic), "--out", str(out)]) == 0
    text = (out / "logistic.md").read_text(encoding="utf-8")
    assert "## Behaviour reproduction: INFO" in text
    assert "| population | 2 |" in text
