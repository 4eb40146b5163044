"""The package's import graph has no cycles between its layers, and each module imports alone.

Checked with grimp (the import graph library behind import-linter), counting imports inside
functions and under ``TYPE_CHECKING`` too.
"""

from __future__ import annotations

import importlib
import subprocess
import sys

import grimp
import pytest

#: Pairs that once imported each other; each must now go one way only.
ONE_WAY = [
    ("doomloop.engine", "doomloop.scenarios"),  # the engine loads scenarios
    ("doomloop.check", "doomloop.analysis"),  # checks use analyses (family, fit statistics)
]


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph("doomloop", exclude_type_checking_imports=False)


@pytest.mark.parametrize(("upper", "lower"), ONE_WAY)
def test_no_import_cycle(graph: grimp.ImportGraph, upper: str, lower: str) -> None:
    back = graph.find_shortest_chains(importer=lower, imported=upper, as_packages=True)
    assert not back, f"{lower} imports {upper}: {sorted(back)}"


def test_the_fit_statistics_and_the_profile_sit_below_analysis_and_check(
    graph: grimp.ImportGraph,
) -> None:
    for low in ("doomloop.fitstats", "doomloop.profile", "doomloop.runner"):
        for high in ("doomloop.analysis", "doomloop.check", "doomloop.web", "doomloop.cli"):
            chains = graph.find_shortest_chains(importer=low, imported=high, as_packages=True)
            assert not chains, f"{low} imports {high}: {sorted(chains)}"


MODULES = [
    "doomloop.engine",
    "doomloop.scenarios",
    "doomloop.profile",
    "doomloop.runner",
    "doomloop.fitstats",
    "doomloop.analysis",
    "doomloop.check",
    "doomloop.compare",
    "doomloop.report",
    "doomloop.web.service",
]


@pytest.mark.parametrize("module", MODULES)
def test_each_module_imports_alone(module: str) -> None:
    """A fresh interpreter imports the module first (a cycle would fail on a name)."""
    importlib.import_module(module)  # and here, for a clear message if it fails
    code = f"import {module}"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
