"""The README's EMA Workbench and SALib snippets run as printed (slow: the EMA snippet's 400
experiments follow a numba compile, minutes on a fresh machine; the Sobol study is 2,560 runs)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[2] / "README.md"
BLOCKS = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)


def _block(word: str) -> str:
    (code,) = [b for b in BLOCKS if word in b]
    return code


@pytest.mark.slow
@pytest.mark.timeout(1800)
@pytest.mark.parametrize(
    ("word", "check"),
    [
        (
            "perform_experiments",
            "assert experiments.shape[0] == 400, experiments.shape\n"
            "assert outcomes['frontier_gap_oom'].shape[0] == 400\n",
        ),
        (
            "problem_spec",
            "import numpy as np\nst = np.asarray(sp.analysis['ST'])\n"
            "assert st.shape == (len(names),) and np.isfinite(st).all() and st.max() > 0.1\n",
        ),
    ],
    ids=["ema", "salib"],
)
def test_readme_snippet_runs(tmp_path: Path, word: str, check: str) -> None:
    pytest.importorskip("ema_workbench" if word == "perform_experiments" else "SALib")
    script = tmp_path / "snippet.py"
    script.write_text(_block(word) + check, encoding="utf-8")
    out = subprocess.run(
        [sys.executable, str(script)], cwd=tmp_path, capture_output=True, text=True, timeout=1700
    )
    assert out.returncode == 0, out.stderr[-3000:]
