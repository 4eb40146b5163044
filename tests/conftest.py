"""Shared fixtures: the shipped Japan model and paths to test data."""

from __future__ import annotations

from pathlib import Path

import pytest

import doomloop

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def japan() -> doomloop.Model:
    return doomloop.load_model("japan")


@pytest.fixture(scope="session")
def japan_baseline(japan: doomloop.Model):
    return japan.run()


@pytest.fixture(scope="session")
def logistic() -> doomloop.Model:
    return doomloop.load_model(FIXTURES / "logistic" / "model.xmile")
