"""Fixtures for the `doomloop check` tests: small models written into tmp_path."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from checkkit import LOGISTIC, SAFE_PARAMETERS, logistic_xml, write_model


@pytest.fixture
def logistic(tmp_path: Path) -> Path:
    """A copy of the logistic fixture whose every check passes."""
    return write_model(tmp_path / "logistic", logistic_xml(), SAFE_PARAMETERS)


@pytest.fixture
def fixture_logistic(tmp_path: Path) -> Path:
    """An exact copy of tests/fixtures/logistic (its bounds make Euler blow up)."""
    dst = tmp_path / "fixture"
    shutil.copytree(LOGISTIC, dst)
    return dst / "model.xmile"
