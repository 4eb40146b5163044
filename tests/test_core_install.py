"""`pip install doomloop` (no extras) runs models, scenarios, analyses and reports.

The packages of the extras are made unimportable in a child interpreter (``None`` in
``sys.modules``), so the core's commands must run without them, and a feature that needs one
must say which extra to install instead of failing with an ImportError."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import requires
from pathlib import Path

import pytest

from doomloop.optional import EXTRAS

# Typer >= 0.16 vendors click: the core then has no click, though the test extras bring one.
_NO_CLICK = not any(r.startswith("click") for r in requires("typer") or [])
BLOCKED = sorted(
    {m for pkgs, _ in EXTRAS.values() for m in pkgs}
    | {"llvmlite", "starlette"}
    | ({"click"} if _NO_CLICK else set())
)
SRC = str(Path(__file__).resolve().parents[1] / "src")
WRAPPER = (
    f"import sys; sys.path.insert(0, {SRC!r}); sys.modules.update(dict.fromkeys({BLOCKED!r})); "
    "from doomloop.cli import main; sys.argv = ['doomloop', *sys.argv[1:]]; sys.exit(main())"
)


def _core(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", WRAPPER, *args],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.parametrize(
    "args",
    [
        ("run", "--scenario", "meiji-playbook", "--out", "o"),
        ("backtest",),
        ("uncertainty", "--runs", "4", "--out", "o"),
    ],
    ids=["run", "backtest", "uncertainty"],
)
def test_core_commands_run_without_extras(tmp_path: Path, args: tuple[str, ...]) -> None:
    out = _core(tmp_path, *args)
    assert out.returncode == 0, out.stderr[-3000:]


def test_a_usage_error_is_one_message_without_click(tmp_path: Path) -> None:
    out = _core(tmp_path, "run", "--no-such-option")
    assert out.returncode == 2, out.stderr[-2000:]
    assert "No such option" in out.stderr and "Traceback" not in out.stderr


def test_a_feature_of_an_extra_names_the_extra(tmp_path: Path) -> None:
    out = _core(tmp_path, "serve", "--port", "1")
    assert out.returncode != 0
    assert "pip install 'doomloop[web]'" in " ".join(out.stderr.split())
    assert "Traceback" not in out.stderr


def test_version(tmp_path: Path) -> None:
    import doomloop

    out = _core(tmp_path, "--version")
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == f"doomloop {doomloop.__version__}"
