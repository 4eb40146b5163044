"""The deployment and specialised-model layers, each by a mechanism of its own (issue 16).

Each test moves one cause and checks the effect its mechanism must have, and that what it
must not move stays put: the Sakana path lifts the specialised layer without training a
larger model; the specialised layer is not the frontier gap relabelled; higher inference
demand brings more domestic hosting; demand is bounded by what the economy spends; the
government programme ramps down instead of stopping; no layer counts as achieved before its
technology exists.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

import doomloop
from doomloop.analysis.calibration import DEFAULT_FIGURES
from doomloop.summary import first_year_achieved

LAYERS = [
    "specialised_model_sovereignty",
    "specialised_gap_years",
    "specialised_gap_oom",
    "specialised_log10",
    "open_weight_log10",
    "post_training_adaptation",
    "frontier_on_tasks_log10",
    "frontier_log10_compute",
    "compute_power",
    "ai_power_capacity",
    "frontier_growth_rate",
    "domestic_capability_log10",
    "frontier_gap_oom",
    "domestic_ai_compute",
    "hosting_orders",
    "private_hosting_investment",
    "inference_demand",
    "inference_demand_unbounded",
    "inference_spend_max",
    "h100e_year_cost",
    "deployment_index",
    "deployment_sovereignty",
    "frontier_sovereignty",
    "gov_ai_spend",
    "post_training_cost",
]


@pytest.fixture(scope="module")
def base(japan: doomloop.Model) -> pd.DataFrame:
    return japan.run(variables=LAYERS)


def _lever_at(japan: doomloop.Model, share: float) -> float:
    (control,) = japan.profile.levers["post_training"].controls
    return control.slider.min + share * (control.slider.max - control.slider.min)


def test_the_sakana_path_lifts_the_specialised_layer_without_a_larger_model(
    japan: doomloop.Model, base: pd.DataFrame
) -> None:
    lever = japan.run(params={"sakana_path_specialists": _lever_at(japan, 0.3)}, variables=LAYERS)
    for year in (2030, 2035, 2040):
        assert (
            lever.loc[year, "post_training_adaptation"]
            > base.loc[year, "post_training_adaptation"] + 0.1
        )
        assert lever.loc[year, "specialised_gap_years"] < base.loc[year, "specialised_gap_years"]
        # no base model is trained; the domestic hires leave the frontier lab's pool, which
        # moves the frontier gap by less than a tenth of an order of magnitude
        assert abs(lever.loc[year, "frontier_gap_oom"] - base.loc[year, "frontier_gap_oom"]) < 0.1
        # closed form: the gap narrows by the language penalty times the extra adaptation
        penalty = japan.parameters["language_penalty_oom"].value
        extra = (
            lever.loc[year, "post_training_adaptation"] - base.loc[year, "post_training_adaptation"]
        )
        assert lever.loc[year, "specialised_gap_oom"] == pytest.approx(
            base.loc[year, "specialised_gap_oom"] - penalty * extra, abs=1e-9
        )
    assert lever.loc[2030, "post_training_cost"] > 0 == base.loc[2030, "post_training_cost"]


@pytest.mark.xfail(
    strict=True,
    reason="issue 16's goal is not met: with the bar in OOM and the open base closing on a "
    "power-bound frontier, the 2035 baseline index is already 0.87, and the lever narrows "
    "the gap by 0.06 OOM (penalty 0.3 times 0.18 more adaptation): the index rises 0.025",
)
def test_issue_16_goal_the_sakana_path_raises_the_2035_index_by_a_tenth(
    japan: doomloop.Model, base: pd.DataFrame
) -> None:
    lever = japan.run(params={"sakana_path_specialists": _lever_at(japan, 0.3)}, variables=LAYERS)
    assert (
        lever.loc[2035, "specialised_model_sovereignty"]
        > base.loc[2035, "specialised_model_sovereignty"] + 0.1
    )
    assert abs(lever.loc[2035, "frontier_gap_oom"] - base.loc[2035, "frontier_gap_oom"]) < 0.1


def test_the_specialised_layer_is_not_the_frontier_gap_relabelled(
    japan: doomloop.Model, base: pd.DataFrame
) -> None:
    """No global capital for the domestic lab widens the frontier gap by about a third of an
    order of magnitude; while an open-weight base is better than the domestic model, the
    specialised model hardly moves (only its post-training teams are a little smaller)."""
    weaker = japan.run(params={"global_capital_openness": 0.0}, variables=LAYERS)
    year = 2040
    assert base.loc[year, "open_weight_log10"] > base.loc[year, "domestic_capability_log10"]
    assert weaker.loc[year, "frontier_gap_oom"] > base.loc[year, "frontier_gap_oom"] + 0.25
    assert weaker.loc[year, "specialised_log10"] == pytest.approx(
        base.loc[year, "specialised_log10"], abs=0.02
    )


def test_the_comparison_is_symmetric_closed_form(japan: doomloop.Model) -> None:
    """Both sides are post-trained; only the language penalty the country recovers beyond what
    the frontier labs recover counts. While the open base is the best the country holds, the
    gap is the open base's distance to the frontier plus penalty * (coverage - adaptation);
    with no penalty (an English-speaking country), the gap is the open base's distance alone,
    whatever the post-training effort."""
    p = japan.parameters
    penalty = p["language_penalty_oom"].value
    coverage = p["frontier_language_coverage"].value
    run = japan.run(variables=LAYERS)
    for year in (2030, 2045, 2060):
        row = run.loc[year]
        behind = row["frontier_log10_compute"] - row["open_weight_log10"]
        closed = behind + penalty * (coverage - row["post_training_adaptation"])
        assert row["specialised_gap_oom"] == pytest.approx(closed, abs=1e-9)
    english = japan.run(
        params={"language_penalty_oom": 0.0, "sakana_path_specialists": 3000}, variables=LAYERS
    )
    for year in (2045, 2060):
        row = english.loc[year]
        behind = row["frontier_log10_compute"] - row["open_weight_log10"]
        assert row["specialised_gap_oom"] == pytest.approx(behind, abs=1e-9)


def test_the_open_base_trails_the_frontier_as_epochs_record_does(
    japan: doomloop.Model, base: pd.DataFrame
) -> None:
    """Independent truth, S45: the best run so far against the best open-weight run so far on
    1 July 2020-2024 (doomloop.epoch.open_weight_gap: 1.01, 0.62, 0.80, 1.58, 0.44 OOM, mean
    0.89). The model's open base follows the frontier with the measured time lag
    (method_diffusion_years, a median over single records, a different statistic); its mean
    gap over the same years is within 0.15 OOM of the record's and each year within its
    range. (A lag of one year at the present pace, the old rule, gave 0.66.)"""
    from doomloop import epoch

    record = epoch.open_weight_gap()
    years = [float(y) + 0.5 for y in record["year"]]
    run = japan.run(variables=["frontier_log10_compute", "open_weight_log10"], save_every=0.5)
    gap = (run["frontier_log10_compute"] - run["open_weight_log10"]).loc[years]
    assert len(gap) == 5 and gap.notna().all()
    assert abs(gap.mean() - record["gap_oom"].mean()) < 0.15
    assert (gap >= record["gap_oom"].min()).all()
    assert (gap <= record["gap_oom"].max()).all()


def test_years_behind_are_years_of_the_reference_pace(japan: doomloop.Model) -> None:
    """A gap in orders of magnitude is worth the same years whatever the frontier's present
    pace: a frontier slowed by power (the end of the run) or bound earlier (a small share of
    the world's AI power for one run) does not inflate 'years behind' (review S1-2: Japan's
    frontier gap was 61.5 years in 2060 at the present pace). The yardstick is the frontier's
    2010-2024 growth, log10(4.6) = 0.66 OOM a year."""
    pace = math.log10(japan.parameters["frontier_growth"].value)
    names = [
        "frontier_gap_years",
        "frontier_gap_oom",
        "specialised_gap_years",
        "specialised_gap_oom",
        "frontier_growth_rate",
    ]
    for params in (None, {"frontier_power_share_max": 0.01}):
        run = japan.run(params=params, variables=names)
        for year in (2030, 2040, 2060):
            row = run.loc[year]
            assert row["frontier_gap_years"] == pytest.approx(row["frontier_gap_oom"] / pace)
            assert row["specialised_gap_years"] == pytest.approx(row["specialised_gap_oom"] / pace)
        assert run.loc[2060, "frontier_growth_rate"] < 0.2 * pace  # the frontier has slowed


def test_the_specialised_verdict_is_a_bar_in_orders_of_magnitude(
    japan: doomloop.Model, base: pd.DataFrame
) -> None:
    """The verdict is the logistic of the OOM gap against the OOM bar (S92's year of
    2010-2024 progress), the same form and softness as the frontier verdict's."""
    p = japan.parameters
    bar = p["specialised_threshold_oom"].value
    soft = p["verdict_softness_oom"].value
    assert bar == pytest.approx(math.log10(p["frontier_growth"].value), abs=0.01)
    era = japan.run(variables=["technology_era_active"])["technology_era_active"]
    for year in (2030, 2040, 2060):
        gap = base.loc[year, "specialised_gap_oom"]
        want = era.loc[year] / (1 + math.exp(-(bar - gap) / soft))
        assert base.loc[year, "specialised_model_sovereignty"] == pytest.approx(want, rel=1e-9)


def test_open_weights_are_a_base_the_country_can_lose(
    japan: doomloop.Model, base: pd.DataFrame
) -> None:
    """If labs stop releasing weights, the country keeps its last download, which falls
    behind; the specialised model then rests on the domestic model, which a national lab
    moves."""
    stop = japan.run(params={"open_weight_release_share": 0.0}, variables=LAYERS)
    assert stop.loc[2040, "open_weight_log10"] < base.loc[2040, "open_weight_log10"] - 3
    assert (stop["open_weight_log10"].diff().dropna().abs() < 1e-9).all()  # frozen
    # the index falls from near 1 to near 0: the domestic model is 1.5 OOM behind
    assert base.loc[2040, "specialised_model_sovereignty"] > 0.8
    assert stop.loc[2040, "specialised_model_sovereignty"] < 0.1
    assert stop.loc[2040, "specialised_log10"] == pytest.approx(
        stop.loc[2040, "domestic_capability_log10"], abs=1e-9
    )
    lab = japan.run(
        params={"open_weight_release_share": 0.0, "national_lab_share": 1.0}, variables=LAYERS
    )
    moved = stop.loc[2040, "specialised_gap_oom"] - lab.loc[2040, "specialised_gap_oom"]
    assert moved > 0.2
    # it moves one for one with the frontier gap: the specialised model is the domestic one
    assert moved == pytest.approx(
        stop.loc[2040, "frontier_gap_oom"] - lab.loc[2040, "frontier_gap_oom"], abs=1e-6
    )


def test_higher_inference_demand_raises_domestic_build_out(
    japan: doomloop.Model, base: pd.DataFrame
) -> None:
    high = japan.parameters["inference_demand_growth"].high
    more = japan.run(params={"inference_demand_growth": high}, variables=LAYERS)
    """Issue 16's goal: at inference demand growth's high end, domestic AI compute is higher
    in every year shown, 2060 included; investors order more while the grid has power to
    spare (2030, 2040). Near 2060 both runs press on the power the grid can supply for AI,
    which no run exceeds (the compute sector's bound, applied to private hosting)."""
    for year in (2030, 2040):
        assert more.loc[year, "hosting_orders"] > base.loc[year, "hosting_orders"]
    for year in (2030, 2040, 2060):
        assert more.loc[year, "domestic_ai_compute"] > base.loc[year, "domestic_ai_compute"]
    # a run that presses on the bound: every bit of a fast-growing demand hosted at home
    wild = japan.run(
        params={"inference_demand_growth": 3.0, "domestic_hosting_capture": 1.0},
        variables=LAYERS,
    )
    for run in (base, more, wild):
        assert (run["compute_power"] <= run["ai_power_capacity"] * (1 + 1e-9)).all()
    assert wild.loc[2060, "compute_power"] > 0.8 * wild.loc[2060, "ai_power_capacity"]


def test_no_unmet_demand_no_private_build_out(japan: doomloop.Model) -> None:
    """With no demand won at home, investors order nothing."""
    none = japan.run(params={"domestic_hosting_capture": 0.0}, variables=LAYERS)
    assert (none["hosting_orders"].abs() < 1e-9).all()


def test_inference_demand_spends_at_most_its_share_of_income(japan: doomloop.Model) -> None:
    # a run that presses on the bound: every bit of a fast-growing demand hosted at home
    wild = japan.run(
        params={"inference_demand_growth": 3.0, "domestic_hosting_capture": 1.0},
        variables=LAYERS,
    )
    spend = wild["inference_demand"] * wild["h100e_year_cost"]
    assert (spend <= wild["inference_spend_max"] * (1 + 1e-9)).all()
    assert wild["inference_demand"].iloc[-1] < wild["inference_demand_unbounded"].iloc[-1] / 10


def test_the_government_programme_ramps_down(base: pd.DataFrame, japan: doomloop.Model) -> None:
    end = japan.parameters["gov_programme_end"].value
    spend = base["gov_ai_spend"]
    yearly = spend.loc[end - 3 : end + 10].diff().abs()
    assert yearly.max() < 0.25 * spend.loc[end - 1]  # no one-year cliff
    assert spend.loc[end + 5] < spend.loc[end - 1]  # it does fall away
    # across the programme's end (the index still grows with the programme's build-up before)
    dep = base["deployment_index"].loc[end - 1 : end + 3].diff().abs()
    assert dep.max() < 0.05


def test_no_layer_is_achieved_before_its_technology_exists(
    japan: doomloop.Model, base: pd.DataFrame
) -> None:
    profile = japan.profile
    for layer in profile.verdict_outputs:
        since = profile.since(layer)
        assert np.isfinite(since)
        first = first_year_achieved(base, layer, profile)
        assert first is None or first >= since
        forced = base[layer].copy()
        forced.loc[: since - 1] = 1.0  # high before the technology: never counts
        assert first_year_achieved(forced, layer, profile) == first
        # a run that dates the technology itself (a back-test) counts from its own start
        assert first_year_achieved(forced, layer, profile, since=-np.inf) == forced.index[0]


def test_private_hosting_investment_2024_near_the_record(base: pd.DataFrame) -> None:
    """Two firms' announcements bound 2024's private build-out from below: SoftBank's JPY
    150bn of compute and JPY 250bn of AI infrastructure over a few years, about USD 0.6bn a
    year (essay notes [52],[53],[56]), and Microsoft's USD 2.9bn over two years for cloud and
    AI infrastructure (S130), about 1.45bn a year, part of it skilling and research: about
    USD 2bn a year between them, others not counted. It is one of the three records
    ``tools/calibrate_hosting.py`` fits the 2024 demand and the hosting capture to (with the
    world's AI compute times Japan's share of its use, and Japan's share of the counted
    clusters): the fit lands within a factor of two of it only if the three records agree."""
    assert 1.0e9 < base.loc[2024, "private_hosting_investment"] < 4.0e9


def test_the_hosted_share_of_use_in_2025_lies_where_the_count_puts_it(
    japan: doomloop.Model,
) -> None:
    """The hosted share of Japan's AI use is not fitted: the fit matches levels (demand,
    hosted compute, build-out). Their ratio follows from the shares alone, free of the
    world's stock: Japan's 0.73% of Epoch's counted clusters (S149), down to the raw count
    against the world's stock at its high end, over its 3.5-6.6% of the world's AI use
    (S150). The old unsourced demand (20,000 H100e) put it at 0.36, outside."""
    f = pd.read_csv(DEFAULT_FIGURES)

    def record(key: str) -> pd.Series:
        rows = f[f["key"] == key]
        return rows[pd.to_numeric(rows["year"]) == 2025].iloc[0]

    share, counted = record("ai_compute_cluster_share"), record("ai_compute_counted")
    use = record("ai_use_share_of_world")
    world = f[f["key"] == "ai_compute_world_stock"].iloc[0]
    low = counted["value"] / world["high"] / use["high"]
    high = share["value"] / use["low"]
    assert (round(low, 3), round(high, 3)) == (0.018, 0.209)
    run = japan.run(variables=["domestic_hosting_share"])
    assert low <= run.loc[2025, "domestic_hosting_share"] <= high


def test_the_government_programme_builds_up_by_appropriations(japan: doomloop.Model) -> None:
    """No step at the programme's start: its spending rises linearly over the ramp (closed
    form: half the full rate half-way through it), and the whole commitment is spent over
    the programme's years."""
    p = japan.parameters
    start, end = p["gov_programme_start"].value, p["gov_programme_end"].value
    ramp = p["gov_programme_ramp_years"].value
    none = japan.run(params={"gov_commitment_usd": 0.0}, variables=["gov_ai_spend"])
    run = japan.run(variables=["gov_ai_spend"])
    programme = run["gov_ai_spend"] - none["gov_ai_spend"]
    full = p["gov_commitment_usd"].value * p["gov_ai_share"].value / (end - start - ramp / 2)
    assert programme.loc[start] == pytest.approx(0.0, abs=1e-6 * full)
    assert programme.loc[start + ramp / 2] == pytest.approx(full / 2, rel=1e-6)
    assert programme.loc[start + ramp] == pytest.approx(full, rel=1e-6)
    assert programme.loc[start : end - 1].sum() == pytest.approx(
        p["gov_commitment_usd"].value * p["gov_ai_share"].value, rel=0.1
    )


def test_hosting_reaches_its_target_when_demand_stops_growing(japan: doomloop.Model) -> None:
    """The stock-management rule (Sterman, Business Dynamics ch. 17) keeps the construction
    that should be under way: with flat use per firm and no public compute, installed hosting
    settles on what investors build towards. A rule that counted the pipeline as installed
    would settle short by the pipeline, at 1 / (1 + build years / lifetime) = 0.71 of it."""
    flat = {"inference_demand_growth": 1.0, "gov_commitment_usd": 0.0, "gov_ai_spend_base": 0.0}
    run = japan.run(params=flat, variables=["domestic_ai_compute", "domestic_compute_wanted"])
    ratio = run["domestic_ai_compute"] / run["domestic_compute_wanted"]
    assert ratio.loc[2060] == pytest.approx(1.0, abs=0.02)
    assert ratio.loc[2050] > 0.95


def test_hosting_tracks_its_target_while_demand_grows(japan: doomloop.Model) -> None:
    """No steady-state error in growth (Sterman, Business Dynamics ch. 17): the orders carry
    the growth of the construction that should be under way, so a build-time pipeline's
    completions keep pace with a target growing 30-50% a year. Without that term installed
    capacity settled at 1 / (1 + T g (g + 1/L) / (g + (1 + T g) / A)) of its target, about
    0.71 in 2040 (review of 2026-12-04). Public compute substitutes for private: netted
    against replacements only, it stacked on a private stock that tracked its target (1.48
    times it in 2028). When growth slows, orders placed for yesterday's growth still arrive:
    an overshoot of up to a fifth as the spend cap binds (2055-2060), no more."""
    flat = {"gov_commitment_usd": 0.0, "gov_ai_spend_base": 0.0}
    for params in ({}, flat):
        run = japan.run(params=params, variables=["domestic_ai_compute", "domestic_compute_wanted"])
        ratio = run["domestic_ai_compute"] / run["domestic_compute_wanted"]
        assert ratio.loc[2030:2045].between(0.93, 1.1).all()
        assert ratio.loc[2020:2060].between(0.9, 1.22).all()


def test_the_sakana_paths_domestic_hires_come_from_the_countrys_pool(
    japan: doomloop.Model,
) -> None:
    """Review S2-2: the lever's specialists hired at home are not free. They leave the pool
    the frontier lab gathers from (lab talent falls by the hires times the concentration,
    closed form) and the economy's other posts unfilled (the shortage rises, and with it pay,
    B1); those from abroad come in addition. With every hire from abroad, the frontier side
    does not move at all."""
    names = [
        "lab_talent",
        "specialists_total",
        "it_workers",
        "talent_concentration",
        "specialist_shortage_ratio",
        "frontier_gap_oom",
        "sakana_path_domestic_specialists",
    ]
    p = japan.parameters
    hires = 3000.0
    base = japan.run(variables=names)
    lever = japan.run(params={"sakana_path_specialists": hires}, variables=names)
    abroad = japan.run(
        params={"sakana_path_specialists": hires, "sakana_path_domestic_share": 0.0},
        variables=names,
    )
    weight = p["generalist_weight"].value
    for year in (2035, 2040):
        row = lever.loc[year]
        domestic = hires * p["sakana_path_domestic_share"].value
        assert row["sakana_path_domestic_specialists"] == pytest.approx(domestic)
        want = (row["specialists_total"] - domestic + weight * row["it_workers"]) * row[
            "talent_concentration"
        ]
        assert row["lab_talent"] == pytest.approx(want, rel=1e-9)
        assert row["specialist_shortage_ratio"] > base.loc[year, "specialist_shortage_ratio"]
        for name in ("lab_talent", "frontier_gap_oom", "specialist_shortage_ratio"):
            assert abroad.loc[year, name] == pytest.approx(base.loc[year, name], rel=1e-12)
