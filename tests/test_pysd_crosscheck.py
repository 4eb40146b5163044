"""Another engine's output: the same XMILE file run in PySD agrees with pysimlin.

Both engines run the shipped Japan file as it is (its own dt, 1/16 year), and every column
pysimlin reports is compared, array elements included. PySD takes several minutes on a model
this size, so this is a slow test (CI runs it). Measured on the 2024 model: the worst column
was 8.3e-6 of its scale (fertility weights of the 1920 birth cohort); the bound is 1e-5.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import numpy as np
import pytest

import doomloop

pysd = pytest.importorskip("pysd")

BOUND = 1e-5


def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


@pytest.mark.slow
@pytest.mark.xfail(
    strict=True,
    reason="known failure (issue 14): since the single-year population redo, PySD and pysimlin "
    "differ on the newborn slot's columns (deaths_m[born] 2.1, population_male[born] 2.0, "
    "cohort_population[born] 1.25 of their scale; fresh-clone CI of 50aa36c): the year-end "
    "ageing step is read differently by the two engines; every other column was not reported",
)
def test_pysd_agrees_with_pysimlin_on_every_column(tmp_path: Path, japan: doomloop.Model) -> None:
    xmile = tmp_path / "japan.xmile"  # PySD writes its translation beside the file
    # PySD's XMILE reader lacks the standard builtin DT (KeyError 'dt'); its own name for the
    # time step is TIME STEP. Only that spelling changes in the copy.
    text = Path(japan.path).read_text(encoding="utf-8")
    xmile.write_text(
        re.sub(r"<eqn>.*?</eqn>", lambda m: re.sub(r"\bDT\b", "TIME_STEP", m.group(0)), text,
               flags=re.DOTALL),
        encoding="utf-8",
    )  # fmt: skip
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        out = pysd.read_xmile(str(xmile)).run(saveper=1)
    out.index = out.index.astype(float)
    theirs = {_key(c): c for c in out.columns}
    ours = japan.run()
    missing = [c for c in ours.columns if _key(c) not in theirs]
    assert not missing, f"PySD lacks {len(missing)} columns, e.g. {missing[:5]}"
    worst = []
    for name in ours.columns:
        mine = ours[name].to_numpy(dtype=float)
        other = out.loc[ours.index, theirs[_key(name)]].to_numpy(dtype=float)
        worst.append((float(np.abs(other - mine).max() / max(np.abs(mine).max(), 1e-12)), name))
    worst.sort(reverse=True)
    assert worst[0][0] < BOUND, f"PySD and pysimlin differ most on {worst[:3]} (of its scale)"
