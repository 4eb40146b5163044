"""Shared fixtures of the kernel tests: paths to models and the shared test collection."""

from __future__ import annotations

from pathlib import Path

import pytest

import doomloop
from doomloop.kernel.conformance import default_models_dir

ROOT = Path(__file__).resolve().parents[2]
LOGISTIC = ROOT / "tests" / "fixtures" / "logistic" / "model.xmile"
BUILTINS = Path(__file__).parent / "models" / "builtins.xmile"
JAPAN = ROOT / "src" / "doomloop" / "models" / "japan" / "model.xmile"


@pytest.fixture(scope="session")
def test_models() -> Path:
    """The SDXorg XMILE test-model collection (vendored in tests/), or fail naming it."""
    d = default_models_dir()
    if d is None:
        pytest.fail(
            "SDXorg test models not found: set DOOMLOOP_TEST_MODELS or restore "
            "tests/sdxorg-test-models"
        )
    return d


def write_model(tmp_path: Path, variables: str, *, dims: str = "", specs: str = "") -> Path:
    """Write a small XMILE model with the given <variables> body; return its path."""
    specs = (
        specs or '<sim_specs method="Euler"><start>0</start><stop>10</stop><dt>0.5</dt></sim_specs>'
    )
    text = f"""<?xml version="1.0" encoding="utf-8"?>
<xmile version="1.0" xmlns="http://docs.oasis-open.org/xmile/ns/XMILE/v1.0">
  <header><vendor>t</vendor><product version="1">t</product><name>t</name></header>
  {specs}
  {f"<dimensions>{dims}</dimensions>" if dims else ""}
  <model><variables>{variables}</variables></model>
</xmile>"""
    p = tmp_path / "model.xmile"
    p.write_text(text, encoding="utf-8")
    return p


def model_with_table(directory: Path, variables: str, table: str) -> doomloop.Model:
    """A small XMILE model (write_model) with its parameter table beside it, loaded."""
    write_model(directory, variables)
    (directory / "parameters.csv").write_text(table, encoding="utf-8")
    return doomloop.load_model(directory)


@pytest.fixture(autouse=True, scope="session")
def _kernel_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Compiled numba kernels go to a temporary directory unless DOOMLOOP_KERNEL_CACHE is set."""
    import os

    os.environ.setdefault("DOOMLOOP_KERNEL_CACHE", str(tmp_path_factory.mktemp("kernel-cache")))
