"""Another engine's output: the same XMILE file run in PySD agrees with pysimlin.

PySD is slow on a model this size (about a minute at dt = 0.5), so both engines run at
dt = 0.5 here; the file itself is not changed.
"""

from __future__ import annotations

import shutil
import warnings
from pathlib import Path

import pytest

import doomloop

pysd = pytest.importorskip("pysd")

KEY_STOCKS = [
    "population_total",
    "population_0_14",
    "population_65_plus",
    "ai_specialists_domestic",
    "ai_specialists_foreign",
    "relative_specialist_pay",
    "english_proficiency",
    "foreign_workers",
    "it_workers",
    "risk_tolerance",
    "ai_startups",
    "domestic_ai_compute",
    "care_workers",
    "frontier_gap_oom",
]


def test_pysd_agrees_with_pysimlin_on_key_stocks(tmp_path: Path, japan: doomloop.Model) -> None:
    xmile = tmp_path / "japan.xmile"
    shutil.copy(japan.path, xmile)  # PySD writes its translation beside the file
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        translated = pysd.read_xmile(str(xmile))
        out = translated.run(return_columns=KEY_STOCKS, time_step=0.5, saveper=1, final_time=2060)
    out.index = out.index.astype(float)
    ours = japan.run(variables=KEY_STOCKS, dt=0.5)
    for name in KEY_STOCKS:
        theirs = out.loc[ours.index, name].to_numpy(dtype=float)
        mine = ours[name].to_numpy()
        scale = max(abs(mine).max(), 1e-9)
        worst = abs(theirs - mine).max() / scale
        assert worst < 0.005, f"{name}: PySD and pysimlin differ by {worst:.2%} of its scale"
