"""The Japan model against independent truth: WPP history, conservation, dt, extremes."""

from __future__ import annotations

import csv
import importlib.util
import re
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import doomloop
from doomloop.engine import MODELS_DIR
from doomloop.profile import load_profile

KEY_OUTPUTS = load_profile(MODELS_DIR / "japan").key_outputs

DATA = Path(doomloop.__file__).parent / "data"
KEYS = {
    "pop_total": "population_total",
    "pop_0_14": "population_0_14",
    "pop_15_64": "population_15_64",
    "pop_65plus": "population_65_plus",
}


def wpp_history(country: str = "Japan") -> list[tuple[str, int, float]]:
    rows = []
    with (DATA / "figures.csv").open(newline="", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            if (
                r["country"] == country
                and r["key"] in KEYS
                and r["source"].startswith("S01")
                and r["year"].isdigit()
                and int(r["year"]) <= 2020
            ):
                rows.append((KEYS[r["key"]], int(r["year"]), float(r["value"]) * 1000))
    return rows


def test_key_outputs_exist(japan: doomloop.Model) -> None:
    assert japan.outputs == KEY_OUTPUTS


def test_population_reproduces_wpp_history(japan_baseline: pd.DataFrame) -> None:
    rows = wpp_history()
    assert len(rows) >= 36
    worst = max(abs(japan_baseline.loc[y, v] / x - 1) for v, y, x in rows)
    assert worst < 0.03, worst


def test_people_conserved_every_step(japan: doomloop.Model) -> None:
    df = japan.run(
        variables=["population_total", "births", "deaths", "net_migration_realised"],
        save_every=None,
    )
    dt = japan.time_spec.dt
    change = np.diff(df["population_total"].to_numpy())
    flows = (df["births"] - df["deaths"] + df["net_migration_realised"]).to_numpy()[:-1] * dt
    np.testing.assert_allclose(change, flows, rtol=1e-9, atol=1e-3)


def test_halving_dt_moves_no_key_output_by_1pct(japan: doomloop.Model) -> None:
    a = japan.run(variables=list(KEY_OUTPUTS))
    b = japan.run(variables=list(KEY_OUTPUTS), dt=japan.time_spec.dt / 2)
    a, b = a.loc[2024:], b.loc[2024:]
    scale = a.abs().max().replace(0, 1)
    rel = ((a - b).abs().max() / scale).sort_values()
    # The verdicts are logistics of a margin and capability_ratio is 10^-gap: they multiply
    # Euler's O(dt) error of the stocks beneath them (the smooth AI-era entry shifts every
    # stock it scales by about dt/2 of a year's flow: 0.004 of AI adoption in 2024 moves the
    # deployment verdict by 0.013; 0.007 OOM of the gap moves capability_ratio by 1.1%).
    # They are held to 2%, every other key output to 1%.
    verdicts = [k for k in rel.index if k.endswith("_sovereignty") or k == "capability_ratio"]
    assert rel.drop(verdicts).max() < 0.01, rel.drop(verdicts).tail()
    assert rel[verdicts].max() < 0.02, rel[verdicts]


def test_zero_fertility_children_fall(japan: doomloop.Model) -> None:
    closed = {"fertility_multiplier": 0, "migration_multiplier": 0}
    # The multipliers act from 2024 (before, the population is WPP's estimate: data)
    df = japan.run(params=closed, variables=["population_0_14"])
    kids = df.loc[2024:, "population_0_14"].to_numpy()
    assert np.all(np.diff(kids) <= 1e-6 * kids[:-1])
    assert kids[-1] == 0


def test_pay_parity_cuts_emigration(japan: doomloop.Model) -> None:
    v = ["specialist_emigration"]
    base = japan.run(variables=v).loc[2035:2060]
    parity = japan.run(params={"pay_reform_target": 1.0}, variables=v).loc[2035:2060]
    assert (parity["specialist_emigration"] < base["specialist_emigration"]).all()


def test_no_compute_budget_stops_capability(japan: doomloop.Model) -> None:
    no_money = {
        "gov_ai_spend_base": 0,
        "gov_ai_share": 0,
        "domestic_hosting_capture": 0,
        "investment_per_startup": 0,
        "global_capital_openness": 0,
        "compute_lifetime": 20,
    }
    v = ["domestic_capability_log10", "domestic_ai_compute", "frontier_gap_oom"]
    df = japan.run(params=no_money, variables=v)
    cap = df.loc[2030:, "domestic_capability_log10"].to_numpy()
    # without money no run is bought: the best domestic model never grows and falls behind
    assert (np.diff(cap) <= 1e-9).all()
    assert cap[-1] < 1  # log10 FLOP: nothing is trained
    assert df.loc[2060, "frontier_gap_oom"] > df.loc[2030, "frontier_gap_oom"]
    # compute starts from spend (review S3-7), so without money none is ever bought
    assert df["domestic_ai_compute"].max() < 1e-6


def test_every_constant_is_in_the_parameter_table(japan: doomloop.Model) -> None:
    import simlin

    constants = set()
    for v in japan.engine.variables:
        if isinstance(v, simlin.Aux) and v.graphical_function is None:
            try:
                float(v.equation)
            except (TypeError, ValueError):
                continue
            constants.add(v.name)
    assert constants == set(japan.parameters)


def test_model_file_values_match_table(japan: doomloop.Model) -> None:
    df = japan.run(variables=list(japan.parameters))
    for name, p in japan.parameters.items():
        assert df[name].iloc[0] == pytest.approx(p.value, rel=1e-12), name


def test_every_parameter_has_a_source(japan: doomloop.Model) -> None:
    for p in japan.parameters.values():
        assert p.source, p.name
        if p.basis == "assumption":  # cites nothing: its reasoning is the source
            assert len(p.source) > len("assumption") + 10, f"{p.name}: give the reasoning"


def test_model_file_is_what_the_builder_writes() -> None:
    root = Path(__file__).resolve().parents[1]
    spec = importlib.util.spec_from_file_location("build_models", root / "tools/build_models.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules["build_models"] = mod
    spec.loader.exec_module(mod)
    shipped = mod.countries()
    assert shipped == ["india", "japan", "japan-vlsi", "korea", "uk", "usa"]
    for country in shipped:
        path = root / "src/doomloop/models" / country / "model.xmile"
        difference = _first_difference(path.read_text(encoding="utf-8"), mod.build(country))
        assert difference is None, f"{country}: {difference}"


#: A number in a model file (graphical-function points are written with 6 significant digits).
_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")


def _first_difference(shipped: str, built: str) -> str | None:
    """Where two model files differ, beyond the last written digit of a number: the residual
    migration rates are solved by Newton steps to 1e-12, and a linear-algebra library of
    another version can move a rate near a rounding boundary by one unit in its sixth digit
    (-9.05572e-08 against -9.05571e-08, seen on a fresh install), which is no change of the
    model. Text must match exactly; numbers within one unit of the sixth digit."""
    a, b = _NUMBER.split(shipped), _NUMBER.split(built)
    if a != b:
        i = next(
            (k for k, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b))
        )
        return f"text differs near {(a[i] if i < len(a) else '')[:80]!r}"
    for x, y in zip(_NUMBER.findall(shipped), _NUMBER.findall(built), strict=True):
        if x != y and abs(float(x) - float(y)) > 1e-5 * max(abs(float(x)), abs(float(y))):
            return f"number {x} written, {y} built"
    return None


def test_2024_gap_matches_model_compute_rows(japan_baseline: pd.DataFrame) -> None:
    # S14 PLaMo-100B 1.2e24 FLOP vs S13 frontier 5e25 FLOP in 2024: 1.62 OOM
    assert japan_baseline.loc[2024, "frontier_gap_oom"] == pytest.approx(1.62, abs=0.25)


def test_broad_age_groups_change_smoothly(japan_baseline: pd.DataFrame) -> None:
    # A cohort still being born counts in full among the 0-14s: before this was fixed the
    # yearly change swung by ~1.2m every five years. Single-year cohorts since: what remains
    # is real (tests/population compares every broad group with an independent projection).
    change = japan_baseline.loc[1975:2060, "population_0_14"].diff().dropna()
    assert change.diff().abs().max() < 400_000
