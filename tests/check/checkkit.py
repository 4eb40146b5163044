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
    """The SDXorg collection: $DOOMLOOP_TEST_MODELS or the copy in tests/sdxorg-test-models."""
    env = os.environ.get("DOOMLOOP_TEST_MODELS")
    candidates = [Path(env)] if env else []
    candidates += [REPO / "tests" / "sdxorg-test-models"]
    for c in candidates:
        if c.is_dir():
            return c
    return None


def xmile(variables: str, stop: float = 20, dt: float = 0.25, method: str = "Euler") -> str:
    """A minimal XMILE document around *variables*."""
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<xmile version="1.0" xmlns="http://docs.oasis-open.org/xmile/ns/XMILE/v1.0">'
        '<header><vendor>doomloop</vendor><product version="0.1">tests</product></header>'
        f'<sim_specs method="{method}" time_units="year"><start>0</start><stop>{stop}</stop>'
        f"<dt>{dt}</dt></sim_specs><model><variables>{variables}</variables></model></xmile>\n"
    )


def aging_chain(leak: float = 1.0) -> str:
    """Two cohorts with births, aging, deaths and net migration; *leak* < 1 loses people."""
    return xmile(
        '<stock name="young"><eqn>100</eqn><inflow>births</inflow><inflow>net_migration</inflow>'
        "<outflow>aging</outflow><units>people</units></stock>"
        '<stock name="old"><eqn>50</eqn><inflow>aging_in</inflow><outflow>deaths</outflow>'
        "<units>people</units></stock>"
        '<flow name="births"><eqn>birth_rate * young</eqn><units>people/year</units></flow>'
        '<flow name="net migration"><eqn>migrants</eqn><units>people/year</units></flow>'
        '<flow name="aging"><eqn>young / 20</eqn><units>people/year</units></flow>'
        f'<flow name="aging in"><eqn>aging * {leak}</eqn><units>people/year</units></flow>'
        '<flow name="deaths"><eqn>old / 30</eqn><units>people/year</units></flow>'
        '<aux name="population total"><eqn>young + old</eqn><units>people</units></aux>'
        '<aux name="birth rate"><eqn>0.03</eqn><units>1/year</units></aux>'
        '<aux name="migrants"><eqn>2</eqn><units>people/year</units></aux>'
    )


AGING_PARAMETERS = """\
name,value,units,low,high,lower_bound,upper_bound,group,sector,distribution,source,note
birth_rate,0.03,1/year,0.02,0.04,0,0.1,assumption,people,normal,UN WPP 2024,crude rate
migrants,2,people/year,0,4,-5,10,policy,people,normal,assumption: test,net inflow
"""
