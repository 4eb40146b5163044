"""Fixtures shared by the analysis tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from doomloop import load_model

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@pytest.fixture(scope="session")
def logistic():
    return load_model(FIXTURES / "logistic")


@pytest.fixture(scope="session")
def ishigami_xmile():
    return load_model(FIXTURES / "ishigami")
