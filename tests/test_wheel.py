"""The built wheel carries every file the package reads: shipped scenarios, model data, the
page's Japanese names. Built from this checkout, installed into an empty folder and run from
another folder, so nothing of the source tree can stand in for a missing file."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = sorted(p.stem for p in (ROOT / "src/doomloop/scenarios").glob("*.toml"))


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # A copy without build/ and *.egg-info: setuptools would add their stale files.
    src = tmp_path_factory.mktemp("src") / "doomloop"
    junk = shutil.ignore_patterns(".*", "build", "out", "*.egg-info", "__pycache__")
    shutil.copytree(ROOT, src, ignore=junk)
    dist = tmp_path_factory.mktemp("dist")
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(dist), str(src)],
        capture_output=True,
        text=True,
    )
    assert build.returncode == 0, build.stderr[-2000:]
    (wheel,) = dist.glob("doomloop-*.whl")
    target = tmp_path_factory.mktemp("site")
    with zipfile.ZipFile(wheel) as zf:
        zf.extractall(target)
    return target


def _python(target: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(target)}
    return subprocess.run(
        [sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600
    )


def test_wheel_lists_every_shipped_scenario(installed: Path, tmp_path: Path) -> None:
    code = (
        "import doomloop, sys; "
        "assert doomloop.__file__.startswith(sys.argv[1]), doomloop.__file__; "
        "print(','.join(doomloop.available_scenarios()))"
    )
    out = _python(installed, tmp_path, "-c", code, str(installed))
    assert out.returncode == 0, out.stderr[-2000:]
    assert sorted(out.stdout.strip().split(",")) == SHIPPED


def test_wheel_carries_the_model_tables_and_the_page(installed: Path) -> None:
    assert (installed / "doomloop/models/structure/parameters.csv").stat().st_size > 10000
    assert (installed / "doomloop/models/japan/values.csv").stat().st_size > 1000
    assert (installed / "doomloop/web/static/index.html").exists()


@pytest.mark.parametrize("scenario", SHIPPED)
def test_wheel_runs_every_shipped_scenario(installed: Path, tmp_path: Path, scenario: str) -> None:
    out = _python(
        installed, tmp_path, "-m", "doomloop", "run", "--scenario", scenario, "--out", "o"
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert any((tmp_path / "o").glob("*.png"))
