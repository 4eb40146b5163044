"""Helpers of the bad-input catalogue: hostile files, the command line, leftovers."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path

import pytest

from doomloop.cli import main

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def xmile(
    equations: Sequence[tuple[str, str]] = (("a", "1"),),
    *,
    start: str = "0",
    stop: str = "10",
    dt: str = "1",
    dt_attrs: str = "",
    dims: str = "",
    extra: str = "",
) -> str:
    """A small XMILE model: auxiliaries *equations* (name, equation) and time settings."""
    body = "".join(f'<aux name="{n}"><eqn>{e}</eqn></aux>' for n, e in equations)
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<xmile version="1.0" xmlns="http://docs.oasis-open.org/xmile/ns/XMILE/v1.0">'
        '<header><vendor>t</vendor><product version="1">t</product></header>'
        f'<sim_specs method="Euler"><start>{start}</start><stop>{stop}</stop>'
        f"<dt{dt_attrs}>{dt}</dt></sim_specs>{dims}"
        f"<model><variables>{body}{extra}</variables></model></xmile>"
    )


def write(tmp: Path, name: str, text: str | bytes) -> Path:
    p = tmp / name
    p.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        p.write_bytes(text)
    else:
        p.write_text(text, encoding="utf-8")
    return p


def cli(args: Sequence[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """Run ``doomloop ARGS`` in this process; return the exit code and stderr (one line)."""
    code = main([str(a) for a in args])
    captured = capsys.readouterr()
    text = " ".join((captured.err + captured.out).split())
    assert "Traceback" not in text
    return code, text


def files_in(folder: Path) -> list[str]:
    """Every file and folder under *folder* (hidden ones too), relative, sorted."""
    if not folder.exists():
        return []
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def logistic_copy(tmp: Path) -> Path:
    """A writable copy of the logistic fixture folder."""
    dst = tmp / "logistic"
    shutil.copytree(FIXTURES / "logistic", dst)
    return dst


NAN_MODEL = """<?xml version="1.0" encoding="utf-8"?>
<xmile version="1.0" xmlns="http://docs.oasis-open.org/xmile/ns/XMILE/v1.0">
<header><vendor>t</vendor><product version="1">t</product><name>nanable</name></header>
<sim_specs method="Euler" time_units="year"><start>0</start><stop>10</stop><dt>0.5</dt></sim_specs>
<model><variables>
<stock name="level"><eqn>1</eqn><inflow>growth</inflow></stock>
<flow name="growth"><eqn>SQRT(shift - TIME)</eqn></flow>
<aux name="shift"><eqn>12</eqn></aux>
</variables></model></xmile>
"""
NAN_PARAMETERS = (
    "name,value,units,low,high,lower_bound,upper_bound,group,sector,distribution,source,note\n"
    "shift,12,,5,15,0,20,assumption,test,uniform,"
    "assumption: test fixture,Below 10 the square root turns NaN once TIME passes it.\n"
)


def nan_model(tmp: Path) -> Path:
    """A model folder whose run turns NaN once TIME passes ``shift`` (default 12, after 10)."""
    folder = tmp / "nanable"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "model.xmile").write_text(NAN_MODEL, encoding="utf-8")
    (folder / "parameters.csv").write_text(NAN_PARAMETERS, encoding="utf-8")
    return folder
