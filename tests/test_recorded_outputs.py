"""Every variable of every shipped baseline and scenario equals the recorded outputs.

A change detector (the numbers were recorded from the code itself by
``tools/record_outputs.py``): moving the model's structure or tables between files must not
change a number. A change meant to move numbers re-records them and says so in its commit.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

import record_outputs  # noqa: E402

RECORDED = np.load(record_outputs.OUT)
RUNS = record_outputs.runs()


def test_recorded_runs_are_the_shipped_ones() -> None:
    keys = {k.split("|")[0] for k in RECORDED.files if "|" in k}
    assert keys == {key for key, _, _ in RUNS}
    assert tuple(RECORDED["years"]) == record_outputs.YEARS


@pytest.mark.parametrize(("key", "country", "scenario"), RUNS, ids=[r[0] for r in RUNS])
def test_outputs_equal_the_recorded_ones(key: str, country: str, scenario: str | None) -> None:
    names, values = record_outputs.simulate(country, scenario)
    want_names = list(RECORDED[f"{key}|names"])
    assert names == want_names, set(names) ^ set(want_names)
    want = RECORDED[f"{key}|values"]
    bad = ~np.isclose(values, want, rtol=1e-9, atol=0.0)
    if bad.any():
        i, j = np.argwhere(bad)[0]
        pytest.fail(
            f"{key}: {int(bad.sum())} value(s) moved, first {names[j]} in "
            f"{record_outputs.YEARS[i]:g}: {values[i, j]!r} != recorded {want[i, j]!r}"
        )
