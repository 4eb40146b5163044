"""Helpers for the `doomloop check` tests: small models written into tmp_path."""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
LOGISTIC = REPO / "tests" / "fixtures" / "logistic"

#: The logistic fixture with bounds that keep Euler stable at every extreme (P0 <= 2 K).
SAFE_PARAMETERS = """\
name,value,units,low,high,lower_bound,upper_bound,group,sector,distribution,source,note
growth_rate,0.3,1/year,0.2,0.4,0,1,assumption,growth,lognormal,assumption: test fixture,r
carrying_capacity,1000,people,800,1200,500,2000,assumption,growth,lognormal,Verhulst (1838),K
initial_population,10,people,8,12,1,20,policy,growth,lognormal,assumption: test fixture,P0
"""


def write_model(directory: Path, xml: str, parameters: str | None = None) -> Path:
    """Write model.xmile (and parameters.csv) into *directory*; return the model path."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "model.xmile"
    path.write_text(xml, encoding="utf-8")
    if parameters is not None:
        (directory / "parameters.csv").write_text(parameters, encoding="utf-8")
    return path


def logistic_xml(**replace: str) -> str:
    text = (LOGISTIC / "model.xmile").read_text(encoding="utf-8")
    for old, new in replace.items():
        assert old in text, old
        text = text.replace(old, new)
    return text


def find_test_models() -> Path | None:
    """The SDXorg collection: $DOOMLOOP_TEST_MODELS or <repo>/../shared/test-models."""
    env = os.environ.get("DOOMLOOP_TEST_MODELS")
    candidates = [Path(env)] if env else []
    candidates += [REPO.parent / "shared" / "test-models", Path("/work/shared/test-models")]
    for c in candidates:
        if c.is_dir():
            return c
    return None
