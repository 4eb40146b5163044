"""Atomic output: whole files or none, and no silent overwrite."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from doomloop.errors import OutputExistsError
from doomloop.io import atomic_output, atomic_write_bytes, atomic_write_many, atomic_write_text


def _leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if ".part" in p.name)


def test_write_text_creates_file(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "card.md"
    atomic_write_text(target, "hello\n")
    assert target.read_text(encoding="utf-8") == "hello\n"
    assert _leftovers(target.parent) == []
    assert oct(target.stat().st_mode & 0o777) == oct(0o644)


def test_existing_file_without_force_is_refused_and_untouched(tmp_path: Path) -> None:
    target = tmp_path / "card.md"
    target.write_text("original", encoding="utf-8")
    with pytest.raises(OutputExistsError) as info:
        atomic_write_text(target, "new")
    assert str(target) in str(info.value) and "--force" in str(info.value)
    assert target.read_text(encoding="utf-8") == "original"
    assert _leftovers(tmp_path) == []


def test_force_overwrites(tmp_path: Path) -> None:
    target = tmp_path / "card.md"
    target.write_text("original", encoding="utf-8")
    atomic_write_bytes(target, b"new", force=True)
    assert target.read_bytes() == b"new"


def test_exception_mid_write_leaves_no_partial_file(tmp_path: Path) -> None:
    target = tmp_path / "chart.png"
    with pytest.raises(RuntimeError, match="writer broke"):
        with atomic_output(target) as part:
            part.write_bytes(b"half a png")
            raise RuntimeError("writer broke")
    assert not target.exists()
    assert _leftovers(tmp_path) == []


def test_exception_mid_write_keeps_old_file_under_force(tmp_path: Path) -> None:
    target = tmp_path / "data.csv"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(ValueError):
        with atomic_output(target, force=True) as part:
            part.write_text("partial", encoding="utf-8")
            raise ValueError("boom")
    assert target.read_text(encoding="utf-8") == "old"
    assert _leftovers(tmp_path) == []


def test_context_manager_keeps_suffix_for_format_detection(tmp_path: Path) -> None:
    target = tmp_path / "table.csv"
    with atomic_output(target) as part:
        assert part.suffix == ".csv" and part.parent == tmp_path
        part.write_text("a,b\n1,2\n", encoding="utf-8")
    assert target.read_text(encoding="utf-8") == "a,b\n1,2\n"


def test_file_appearing_during_write_is_not_clobbered(tmp_path: Path) -> None:
    target = tmp_path / "card.md"
    with pytest.raises(OutputExistsError):
        with atomic_output(target) as part:
            part.write_text("mine", encoding="utf-8")
            target.write_text("someone else's", encoding="utf-8")
    assert target.read_text(encoding="utf-8") == "someone else's"
    assert _leftovers(tmp_path) == []


def test_write_many_refuses_before_writing_any(tmp_path: Path) -> None:
    (tmp_path / "b.html").write_text("keep", encoding="utf-8")
    with pytest.raises(OutputExistsError, match="b.html"):
        atomic_write_many({tmp_path / "a.md": b"a", tmp_path / "b.html": b"b"})
    assert not (tmp_path / "a.md").exists()
    assert (tmp_path / "b.html").read_text(encoding="utf-8") == "keep"


def test_write_many_rolls_back_when_a_move_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_link = os.link
    calls = {"n": 0}

    def flaky_link(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError(5, "disk went away")
        real_link(src, dst)

    monkeypatch.setattr(os, "link", flaky_link)
    with pytest.raises(OSError, match="disk went away"):
        atomic_write_many({tmp_path / "a.md": b"a", tmp_path / "b.html": b"b"})
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_write_many_writes_all(tmp_path: Path) -> None:
    paths = atomic_write_many({tmp_path / "a.md": b"a", tmp_path / "b.html": b"b"})
    assert [p.read_bytes() for p in paths] == [b"a", b"b"]
