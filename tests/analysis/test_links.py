"""Knock-outs of the essay's chain and the named loops (links.toml, doomloop links)."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

import doomloop
from doomloop.analysis.links import Link, knockout_table, load_links, plot_knockouts
from doomloop.errors import LinksFileError


@pytest.fixture(scope="module")
def links(japan: doomloop.Model) -> dict[str, Link]:
    return {lk.id: lk for lk in load_links(japan)}


@pytest.mark.parametrize("country", ["japan", "korea"])
def test_the_essays_chain_and_every_named_loop_are_defined(country: str) -> None:
    links = {lk.id: lk for lk in load_links(doomloop.load_model(country))}
    assert {"C1", "C2", "C3", "C4", "C5", "R1", "R2", "R3", "B1", "M1", "D1"} <= set(links)
    for lk in links.values():
        assert lk.overrides and lk.name_ja and lk.essay and lk.why
    assert links["C3"].overrides == links["D1"].overrides  # same_as: one definition


def test_copied_values_are_the_us_models(links: dict[str, Link]) -> None:
    usa = doomloop.load_model("usa")
    for name in ("rotation_rate_base", "specialist_track_share_base"):
        assert links["C1"].overrides[name] == usa.parameters[name].value
    risk = usa.parameters["risk_tolerance_base"].value
    assert links["C5"].overrides["risk_tolerance_base"] == risk


@pytest.mark.parametrize("country", ["japan", "korea"])
def test_numbers_written_in_links_toml_follow_from_the_models(country: str) -> None:
    usa = doomloop.load_model("usa")
    japan = doomloop.load_model(country)  # the model whose links.toml is checked
    links = {lk.id: lk for lk in load_links(japan)}
    pj = japan.run(variables=["population_total", "population_20_24"])
    pu = usa.run(variables=["population_total"])
    per_head = usa.parameters["foreign_specialist_inflow_base"].value
    want = per_head * pj.loc[2024, "population_total"] / pu.loc[2024, "population_total"]
    assert links["C4"].overrides["foreign_specialist_inflow_base"] == pytest.approx(want, rel=0.02)
    ratio = pj.loc[1976, "population_20_24"] / pj.loc[2040, "population_20_24"]
    for name in ("tertiary_graduation_rate", "doctoral_rate"):
        got = links["D1"].overrides[name] / japan.parameters[name].value
        assert got == pytest.approx(ratio, rel=0.02), name


def test_a_loop_knockout_makes_its_cut_variable_constant(
    japan: doomloop.Model, links: dict[str, Link], japan_baseline
) -> None:  # type: ignore[no-untyped-def]
    for lid in ("R1", "R2", "R3"):
        lk = links[lid]
        assert lk.constant is not None
        run = japan.run(params=lk.overrides, variables=[lk.constant])
        after = run.loc[2012:, lk.constant].to_numpy()
        assert np.ptp(after) < 1e-9 * max(1.0, abs(after[0])), lid
        base = japan_baseline.loc[2012:, lk.constant].to_numpy()
        assert np.ptp(base) > 1e-6, f"{lid}: {lk.constant} already constant without the knock-out"


def test_knockout_table_against_direct_runs(japan: doomloop.Model, links: dict[str, Link]) -> None:
    c5 = links["C5"]
    idle = Link("X", "loop", "idle", "休止", "-", "Meiji off", {"meiji_exit_capability": 10})
    table = knockout_table(japan, links=[c5, idle]).set_index("id")
    assert list(table.index) == ["C5", "X", "chain", "loops", "all"]
    base = japan.run(variables=["frontier_gap_oom"]).loc[2040, "frontier_gap_oom"]
    knocked = japan.run(params=c5.overrides, variables=["frontier_gap_oom"])
    assert table.loc["C5", "delta_gap_oom"] == pytest.approx(
        knocked.loc[2040, "frontier_gap_oom"] - base, abs=1e-12
    )
    # the Meiji programme is off in the baseline: removing its exit rule moves nothing
    assert table.loc["X", "delta_gap_oom"] == 0.0
    assert table.loc["all", "delta_gap_oom"] == pytest.approx(table.loc["C5", "delta_gap_oom"])
    assert math.isnan(table.loc["C5", "first_frontier_sovereignty"])  # never, in this model


def test_plot_is_written(tmp_path: Path) -> None:
    import pandas as pd

    t = pd.DataFrame(
        {
            "id": ["C1", "all"],
            "name": ["a link", "every link together"],
            "kind": ["chain", "together"],
            "delta_gap_oom": [-1.0, 0.5],
            "first_deployment_sovereignty": [2024.0, math.nan],
            "first_specialised_model_sovereignty": [2030.0, math.nan],
            "first_frontier_sovereignty": [math.nan, 2050.0],
        }
    )
    path = plot_knockouts(t, tmp_path / "k.png")
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


BASE = """[[link]]
id = "R1"
kind = "loop"
name = "brain drain"
name_ja = "頭脳流出"
essay = "e"
why = "w"
"""


@pytest.mark.parametrize(
    ("extra", "match"),
    [
        ("overrides = { no_such = 1 }\n", "no parameter 'no_such'"),
        ("overrides = { revenue_pay_elasticity = 7 }\n", "revenue_pay_elasticity"),
        ("overrides = { revenue_pay_elasticity = 'x' }\n", "not a number"),
        ("colour = 'red'\n", "unknown key 'colour'"),
        ("", "nothing is knocked out"),
        (
            'cuts = ["ai_startups", "risk_tolerance"]\n'
            "overrides = { revenue_pay_elasticity = 0 }\n",
            "not an arrow of R1",
        ),
        ("copy = ['rotation_rate_base']\n", "copy_from"),
        ("copy_from = 'usa'\ncopy = ['nope']\n", "usa has no parameter 'nope'"),
        ("same_as = 'Z'\n", "not a defined link"),
    ],
)
def test_bad_links_files_are_refused(
    japan: doomloop.Model, tmp_path: Path, extra: str, match: str
) -> None:
    path = tmp_path / "links.toml"
    path.write_text(BASE + extra, encoding="utf-8")
    with pytest.raises(LinksFileError, match=match):
        load_links(japan, path)


def test_conflicting_values_together_are_refused(japan: doomloop.Model) -> None:
    a = Link("A", "chain", "a", "a", "e", "w", {"rotation_rate_base": 0.0})
    b = Link("B", "chain", "b", "b", "e", "w", {"rotation_rate_base": 0.01})
    with pytest.raises(LinksFileError, match="one value"):
        knockout_table(japan, links=[a, b])


def test_a_model_without_links_file_is_named(logistic: doomloop.Model) -> None:
    with pytest.raises(LinksFileError, match="no links file"):
        load_links(logistic)
