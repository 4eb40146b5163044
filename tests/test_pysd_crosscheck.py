"""Another engine's output: the same XMILE file run in PySD agrees with pysimlin.

Both engines run the shipped Japan file as it is (its own dt, 1/16 year), and every column
pysimlin reports is compared, array elements included. PySD takes several minutes on a model
this size, so this is a slow test (CI runs it).

Each column's error is measured against its scale: its own largest value, but at least
FLOOR (1e-9) of its variable's largest element. The floor is for elements that are zero by
construction at every saved time: the newborn slot (``[born]``) is emptied into ``a0`` by the
ageing step that ends at each 1 July, so under Euler it holds B + DT (x - (B / DT + x)) = 0
there, and its population and deaths are 0 in exact arithmetic. Both engines give that 0 up to
roundoff (multiples of 2**-33 people, the last bit of a stock near 1e6 people), with different
signs in different years; measured against its own largest value, roundoff, that read as 2.1
of scale (deaths_m[born]) and failed the test after the single-year population redo.
Measured on the ec53afd model (3,967 columns): the worst is 1.9e-7 of scale
(population_male[born], 2.3e-10 people); every other column agrees within 1e-14; the bound
is 1e-5.
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
# An element's scale is its own largest value, but never below this share of its variable's
# largest element: elements that are zero by construction at every saved time hold only
# roundoff, and roundoff is no scale (see the module docstring).
FLOOR = 1e-9


def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def _variable(column: str) -> str:
    return column.split("[", 1)[0]


@pytest.mark.slow
@pytest.mark.timeout(3600)  # PySD runs the whole Japan model: 12 min on a loaded machine
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
    largest: dict[str, float] = {}
    for name in ours.columns:
        size = float(np.abs(ours[name].to_numpy(dtype=float)).max())
        largest[_variable(name)] = max(largest.get(_variable(name), 0.0), size)
    worst = []
    for name in ours.columns:
        mine = ours[name].to_numpy(dtype=float)
        other = out.loc[ours.index, theirs[_key(name)]].to_numpy(dtype=float)
        scale = max(float(np.abs(mine).max()), FLOOR * largest[_variable(name)], 1e-12)
        worst.append((float(np.abs(other - mine).max() / scale), name))
    worst.sort(reverse=True)
    assert worst[0][0] < BOUND, f"PySD and pysimlin differ most on {worst[:3]} (of its scale)"
