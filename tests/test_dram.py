"""The DRAM race of the VLSI back-test: mechanism, independent re-computation, extremes.

The share record itself is withheld for validation: nothing here checks the share path
against it. These tests check the structure (a learning curve re-computed in closed form
from the run's own stocks, the calendar shift, the direction of each knock-out) and that
shares stay shares under extreme parameters.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import doomloop
from doomloop.dram import dram_backtest, generation_dates, generation_lags, year_passed
from doomloop.errors import DataError, ProfileError

SHARES = ["world_market_share", "dram_share_us", "dram_share_kr"]
YEARS = list(range(1976, 2001))


@pytest.fixture(scope="module")
def japan() -> doomloop.Model:
    """The back-test model: Japan's structure and data plus the DRAM race."""
    return doomloop.load_model("japan-vlsi")


def _param(m: doomloop.Model, name: str) -> float:
    return float(m.parameters[name].value)


def test_unit_costs_follow_the_closed_form_learning_curve(japan: doomloop.Model) -> None:
    names = [
        *(f"dram_{k}_{x}" for k in ("cumulative", "lag", "unit_cost") for x in ("jp", "us")),
        "dram_factor_cost_jp",
    ]
    r = japan.run(variables=names).loc[YEARS]
    lr, spill = _param(japan, "dram_learning_rate"), _param(japan, "dram_spillover")
    n_jp, n_us = _param(japan, "dram_firms_jp"), _param(japan, "dram_firms_us")
    rate = _param(japan, "dram_cost_decline_rate")
    b = math.log2(1 / lr)  # a doubling of experience multiplies cost by the learning rate
    assert b == pytest.approx(0.3219, abs=1e-4)
    world = r["dram_cumulative_jp"] + r["dram_cumulative_us"]  # Korea has made nothing yet
    own_jp, own_us = r["dram_cumulative_jp"] / n_jp, r["dram_cumulative_us"] / n_us
    e_jp = own_jp + spill * (world - own_jp)
    e_us = own_us + spill * (world - own_us)
    lag_cost = _param(japan, "dram_lag_cost_share")
    expected = (
        (e_jp / e_us) ** (-b)
        * np.exp(rate * lag_cost * (r["dram_lag_jp"] - r["dram_lag_us"]))
        * r["dram_factor_cost_jp"]
    )
    ratio = r["dram_unit_cost_jp"] / r["dram_unit_cost_us"]
    before_korea = ratio.index < 1983
    np.testing.assert_allclose(ratio[before_korea], expected[before_korea], rtol=1e-9)


@pytest.mark.parametrize("lr", [0.7, 0.8, 0.85])
def test_a_doubling_of_experience_costs_the_learning_rate(japan: doomloop.Model, lr: float) -> None:
    """The engine's exponent against the closed form, and the start from the initial
    experience (the incumbents' cumulative output before the race begins)."""
    r = japan.run(
        params={"dram_learning_rate": lr},
        variables=["dram_learning_exponent", "dram_cumulative_us"],
    )
    b = float(r["dram_learning_exponent"].iloc[0])
    assert 2.0 ** (-b) == pytest.approx(lr, rel=1e-12)
    ref = _param(japan, "dram_capital_us_1976") / (
        _param(japan, "dram_capital_intensity") * _param(japan, "dram_cost_1976")
    )
    ref *= _param(japan, "dram_initial_experience_years")
    start = _param(japan, "dram_start_year") - _param(japan, "dram_ramp_years")
    assert r.loc[start, "dram_cumulative_us"] == pytest.approx(ref, rel=1e-12)


def test_the_consortium_knock_out_lowers_japans_share(japan: doomloop.Model) -> None:
    base = japan.run(variables=SHARES).loc[YEARS, "world_market_share"]
    none = japan.run(params={"dram_consortium_budget_jpy": 0}, variables=SHARES)
    none = none.loc[YEARS, "world_market_share"]
    assert none.loc[1980] < base.loc[1980]
    assert none.loc[1990] < base.loc[1990]
    assert none.loc[1976:1990].max() < base.loc[1976:1990].max()
    assert none.loc[1976] == pytest.approx(base.loc[1976], rel=1e-9)  # same start


def test_a_later_korean_entry_gives_korea_less_share(japan: doomloop.Model) -> None:
    early = japan.run(variables=SHARES).loc[YEARS, "dram_share_kr"]
    late = japan.run(params={"dram_korea_entry_year": 1990}, variables=SHARES)
    late = late.loc[YEARS, "dram_share_kr"]
    assert late.loc[:1989].max() == 0
    assert late.sum() < early.sum()
    assert early.loc[1985:1990].min() > 0


def test_the_calendar_shift_runs_the_same_race_on_later_cohorts(japan: doomloop.Model) -> None:
    """Without Japan's own engineers (no process R&D share) the cohorts cannot matter: the
    race moved 36 years later is the same race, year for year."""
    alone = {"dram_rnd_share": 0.0}
    a = japan.run(params=alone, variables=SHARES).loc[YEARS]
    b = japan.run(params={**alone, "dram_calendar_shift": 36}, variables=SHARES)
    b = b.loc[[y + 36 for y in YEARS]]
    np.testing.assert_allclose(b.to_numpy(), a.to_numpy(), rtol=1e-9, atol=1e-12)
    # with its engineers, today's smaller cohorts give Japan a smaller share by 1990
    c = japan.run(params={"dram_calendar_shift": 36}, variables=SHARES)
    assert (
        c.loc[1990 + 36, "world_market_share"]
        < japan.run(variables=SHARES).loc[1990, "world_market_share"]
    )


def test_the_price_clears_the_market_on_the_demand_curve(japan: doomloop.Model) -> None:
    """The price re-computed in closed form from the bits sold: the reference price (the
    frontier's cost plus the margin) times sales over reference output to -1/elasticity."""
    r = japan.run(
        variables=["dram_price", "dram_world_sales", "dram_frontier_cost", "dram_year"]
    ).loc[YEARS]
    eps = _param(japan, "dram_demand_elasticity")
    margin = _param(japan, "dram_normal_margin")
    ref_out = (
        _param(japan, "dram_capital_us_1976")
        * (1 + _param(japan, "dram_capital_jp_ratio_1976"))
        / (_param(japan, "dram_capital_intensity") * _param(japan, "dram_cost_1976"))
        * np.exp(_param(japan, "dram_bit_demand_growth") * (r["dram_year"] - 1976))
    )
    expected = (
        (1 + margin) * r["dram_frontier_cost"] * (r["dram_world_sales"] / ref_out) ** (-1 / eps)
    )
    np.testing.assert_allclose(r["dram_price"], expected, rtol=1e-9)
    # more sold than demand at the reference price means a price below it (and the reverse)
    below = r["dram_world_sales"] > ref_out
    assert ((r["dram_price"] < (1 + margin) * r["dram_frontier_cost"]) == below).all()


def test_the_lags_reproduce_the_documented_generation_dates(japan: doomloop.Model) -> None:
    """The capability observable the lag constants are fitted on (tools/calibrate_dram.py):
    each producer's lag behind the first working device of each DRAM generation, 64K-256M,
    from contemporary dates (generations.csv). Tolerance: every fitted row within 1.5 years,
    the root mean square within 0.8 (the dates themselves mix prototypes and products and are
    good to about half a year)."""
    lags = generation_lags(japan)
    fit = lags[lags["role"] == "fit"]
    assert len(fit) >= 18
    assert set(fit["country"]) == {"Japan", "US", "Korea"}
    assert fit["error"].abs().max() <= 1.5, fit.loc[fit["error"].abs().idxmax()].to_dict()
    assert float(np.sqrt((fit["error"] ** 2).mean())) <= 0.8
    # the documented lag is the date less the generation's first date, 0 for the first
    first = lags.groupby("generation")["documented_lag"].min()
    assert (first == 0).all()


def test_generation_dates_refuse_a_bad_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder = _folder(tmp_path, '[build]\nextensions = ["hardware"]\nvalues_from = "japan"')
    path = folder / "generations.csv"
    text = path.read_text(encoding="utf-8").replace(",role\n", ",kind\n", 1)
    path.write_text(text, encoding="utf-8")
    m = doomloop.load_model(folder / "model.xmile")
    with pytest.raises(DataError, match=r"generations.csv: missing column\(s\) \['role'\]"):
        generation_dates(m)


def test_every_run_of_the_backtest_shares_the_market_out(japan: doomloop.Model) -> None:
    result = dram_backtest(japan)
    for run, frame in result.paths.items():
        np.testing.assert_allclose(frame.sum(axis=1), 1.0, rtol=1e-9, err_msg=run)
        assert (frame.to_numpy() >= -1e-12).all(), run


def test_the_knock_outs_move_japan_the_way_their_mechanism_says(japan: doomloop.Model) -> None:
    """Fewer engineers (today's cohorts), no consortium researchers, and generalists who do not
    count each leave Japan's firms less know-how, so a smaller 1990 share; the other two
    (methods diffuse, no agreement) have no sign the mechanism fixes, and are not asserted."""
    table = dram_backtest(japan).table.set_index("run")
    for run in ("no-consortium", "today-cohorts", "ai-era-specialists", "ai-era"):
        assert table.loc[run, "1990 change"] < 0, run


def test_under_the_agreement_guidance_holds_back_expansion_from_profit(
    japan: doomloop.Model,
) -> None:
    """MITI's guidance (S125, S143) bites in full in the first half of 1987 and is gone by the
    end of 1988; with the whole restraint Japan invests less than with none while it lasts,
    the two runs are the same before the agreement, and more restraint leaves Japan a
    smaller share and Korea a larger one in 1990."""
    names = ["dram_capex_jp", "dram_guidance_active", *SHARES]
    held = japan.run(params={"dram_guidance_restraint": 1.0}, variables=names, save_every=None)
    free = japan.run(params={"dram_guidance_restraint": 0.0}, variables=names, save_every=None)
    g = held["dram_guidance_active"]
    assert g.loc[1987.0:1987.4].min() == pytest.approx(1.0)
    assert g.loc[:1986.6].max() == 0 and g.loc[1988.9:].max() == 0
    before = held.index < _param(japan, "dram_agreement_year")
    np.testing.assert_allclose(held.loc[before, "dram_capex_jp"], free.loc[before, "dram_capex_jp"])
    assert (
        held.loc[1987.0:1987.4, "dram_capex_jp"] < free.loc[1987.0:1987.4, "dram_capex_jp"]
    ).all()
    assert held.loc[1990, "world_market_share"] < free.loc[1990, "world_market_share"]
    assert held.loc[1990, "dram_share_kr"] > free.loc[1990, "dram_share_kr"]


def test_every_dollar_invested_is_building_in_production_or_worn_out(
    japan: doomloop.Model,
) -> None:
    """Money is conserved through the construction pipeline, re-counted from the flows alone
    at every step (Euler: a stock at step k+1 is its value at k plus dt times its flows at k):
    what each producer's fabs in construction and in production hold at the end equals what
    they held at the start plus every dollar invested, less every dollar worn out."""
    stages = ("fabs_building", "fabs_equipping", "fabs_ramping", "capital")
    xs = ("jp", "us", "kr")
    names = [f"dram_{k}_{x}" for k in (*stages, "capex", "depreciation") for x in xs]
    r = japan.run(variables=names, save_every=None)
    dt = float(r.index[1] - r.index[0])
    for x in xs:
        held = sum(r[f"dram_{k}_{x}"] for k in stages)
        change = (r[f"dram_capex_{x}"] - r[f"dram_depreciation_{x}"]).iloc[:-1].sum() * dt
        assert held.iloc[-1] == pytest.approx(held.iloc[0] + change, rel=1e-9), x


def test_fabs_enter_production_after_their_construction_time(japan: doomloop.Model) -> None:
    """Korea's committed entry investment (from 1984) becomes capacity only as its fabs are
    finished: a longer construction time leaves Korea less capital by 1985, though it has
    invested as much by then, and more of its money is still in fabs being built in 1986."""
    stages = [f"dram_fabs_{k}_kr" for k in ("building", "equipping", "ramping")]
    names = ["dram_capital_kr", "dram_capex_kr", *stages]
    quick = japan.run(params={"dram_fab_construction_years": 0.5}, variables=names)
    slow = japan.run(params={"dram_fab_construction_years": 2.5}, variables=names)
    assert slow.loc[1985, "dram_capital_kr"] < 0.6 * quick.loc[1985, "dram_capital_kr"]
    assert slow.loc[1986, stages].sum() > slow.loc[1986, "dram_capital_kr"]
    assert quick.loc[1986, stages].sum() < quick.loc[1986, "dram_capital_kr"]
    # the same money committed by 1985 either way (the commitment does not wait for fabs)
    assert slow.loc[1983:1985, "dram_capex_kr"].sum() == pytest.approx(
        quick.loc[1983:1985, "dram_capex_kr"].sum(), rel=0.05
    )


def test_the_race_starts_without_a_dip_or_a_jump(japan: doomloop.Model) -> None:
    """The construction pipeline starts full for a capital growing with the market, so neither
    Japan's nor the US fab capital dips or leaps when the race starts: in each quarter of its
    first two years capital grows, by less than the market's yearly growth in money plus the
    fastest expansion the first year's profit allows."""
    names = [f"dram_capital_{x}" for x in ("jp", "us")]
    r = japan.run(variables=names, save_every=0.25)
    start = _param(japan, "dram_start_year") - _param(japan, "dram_ramp_years")
    for name in names:
        k = r.loc[start : start + 2, name]
        growth = np.log(k).diff().dropna() / 0.25
        assert (growth > 0).all(), name
        assert growth.max() < 0.6, name


def test_the_yen_is_the_federal_reserves_annual_series(japan: doomloop.Model) -> None:
    """Data, not a curve: at the middle of each year the race's yen is that year's average
    of the Federal Reserve's noon rates (data/fx, S113), read here from the file itself."""
    table = pd.read_csv(Path(doomloop.__file__).parent / "data" / "fx" / "jpy_per_usd_annual.csv")
    r = japan.run(variables=["dram_yen"], save_every=0.5)["dram_yen"]
    for year in (1976, 1985, 1988, 1995, 2000):
        expected = float(table.loc[table["year"] == year, "jpy_per_usd"].iloc[0])
        assert r.loc[year + 0.5] == pytest.approx(expected, rel=1e-9), year


def test_fabs_the_floor_idles_cost_japan_their_capital_charges(japan: doomloop.Model) -> None:
    """Capacity the agreement's floor turns away stands idle but still wears out and ties up
    capital: the more buyers shun the floor price (a higher price elasticity idles more of
    Japan's fabs), the less Japan earns on each dollar of fab and the less it invests per
    dollar in 1990, down to a loss at the margin when most of its fabs stand idle."""
    names = ["dram_capex_jp", "dram_capital_jp", "dram_marginal_profit_jp"]
    runs = [
        japan.run(params={"dram_price_elasticity": e}, variables=names).loc[1990]
        for e in (1.5, 3.0, 6.0)
    ]
    earned = [r["dram_marginal_profit_jp"] / r["dram_capital_jp"] for r in runs]
    invested = [r["dram_capex_jp"] / r["dram_capital_jp"] for r in runs]
    assert earned[0] > earned[1] > earned[2] and earned[2] < 0
    assert invested[0] > invested[1] > invested[2]


def test_no_producer_sells_more_than_its_fabs_make(japan: doomloop.Model) -> None:
    """Output is at most capacity for every producer, at every floor premium: the bits the
    agreement's floor turns away from Japan are not sold by rivals without the fabs (Japan's
    capacity stands idle), so world sales fall short of world capacity while it is in force."""
    names = [f"dram_{k}_{x}" for k in ("output", "capacity") for x in ("jp", "us", "kr")]
    for premium in (0.0, 0.3, 2.0):
        r = japan.run(
            params={"dram_floor_premium": premium}, variables=[*names, "dram_world_sales"]
        )
        for x in ("jp", "us", "kr"):
            assert (r[f"dram_output_{x}"] <= r[f"dram_capacity_{x}"] * (1 + 1e-12)).all(), x
        sold = r[[f"dram_output_{x}" for x in ("jp", "us", "kr")]].sum(axis=1)
        made = r[[f"dram_capacity_{x}" for x in ("jp", "us", "kr")]].sum(axis=1)
        idle = made.loc[1990] - sold.loc[1990]
        assert idle > 0.05 * made.loc[1990] if premium >= 0.3 else idle < 0.05 * made.loc[1990]


def test_the_agreement_eases_in_and_out_without_a_step(japan: doomloop.Model) -> None:
    """In force (1) between a ramp after signing and a ramp before expiry, 0 outside, and no
    yearly change larger than the ramp allows."""
    r = japan.run(variables=["dram_agreement_active"])["dram_agreement_active"]
    start, years = _param(japan, "dram_agreement_year"), _param(japan, "dram_agreement_years")
    assert r.loc[1985] == 0 and r.loc[1990] == 1 and r.loc[1998] == 0
    assert r.loc[int(start + years)] < 1  # winding down in its last year
    assert r.diff().abs().max() <= 1 / _param(japan, "dram_ramp_years") + 1e-9


def test_year_passed_is_the_first_year_ahead_after_being_led() -> None:
    """A rival that starts ahead and is passed has not passed; one that overtakes has."""
    path = pd.DataFrame(
        {
            "Japan": [0.3, 0.6, 0.7, 0.4, 0.3],
            "US": [0.7, 0.4, 0.2, 0.1, 0.1],
            "Korea": [0.0, 0.0, 0.1, 0.5, 0.6],
        },
        index=range(1990, 1995),
    )
    assert year_passed(path, "US") is None
    assert year_passed(path, "Korea") == 1993
    assert year_passed(path.assign(Japan=0.0), "Korea") is None  # Japan never led


def test_the_table_says_when_korea_passes_under_full_guidance(japan: doomloop.Model) -> None:
    """The back-test table reports the year Korea passes Japan, or "never", as year_passed
    reads the history path; without the 1986 agreement Korea never passes."""
    result = dram_backtest(japan)
    table = result.table.set_index("run")
    assert table.loc["history", "Korea passes Japan"] in {"never", *range(1984, 2001)}
    assert table.loc["history", "2000 share"] == pytest.approx(
        result.paths["history"].loc[2000, "Japan"]
    )

    path = result.paths["history"]
    year = year_passed(path, "Korea")
    assert table.loc["history", "Korea passes Japan"] == ("never" if year is None else year)
    assert table.loc["no-agreement", "Korea passes Japan"] == "never"


def test_koreas_team_is_the_counted_team_in_its_count_year(japan: doomloop.Model) -> None:
    """Closed form (S124): in the count year the Korean team is the researchers counted, weighted
    as specialists and generalists; a year earlier it is smaller by the team's growth."""
    year = _param(japan, "dram_kr_team_count_year")
    share = _param(japan, "dram_specialist_share_kr")
    weight = _param(japan, "dram_generalist_weight")
    counted = _param(japan, "dram_kr_team_counted")
    team = japan.run(variables=["dram_team_kr"])["dram_team_kr"]
    assert team.loc[year] == pytest.approx(counted * (share + weight * (1 - share)), rel=1e-9)
    growth = _param(japan, "dram_kr_team_growth")
    assert team.loc[year - 1] == pytest.approx(team.loc[year] * math.exp(-growth), rel=1e-9)


EXTREMES = [
    {"dram_learning_rate": 0.5},
    {"dram_learning_rate": 1.0},
    {"dram_spillover": 0.0},
    {"dram_spillover": 1.0},
    {"dram_price_elasticity": 0.0, "dram_floor_premium": 2.0},
    {"dram_price_elasticity": 20.0, "dram_floor_premium": 2.0},
    {"dram_korea_entry_year": 2100},
    {"dram_labour_share": 0.0, "dram_capital_share": 1.0},
    {"dram_reinvestment": 5.0},
    {"dram_generalist_weight": 0.0},
    {"dram_lag_per_decade": 20.0},
    {"dram_foreign_share_gap": 1.0, "dram_home_market_share": 1.0},
    {"dram_demand_elasticity": 0.2},
    {"dram_demand_elasticity": 10.0},
    {"dram_absorption_rate": 0.0},
    {"dram_absorption_rate": 5.0},
    {"dram_us_team_elasticity": 3.0},
    {"dram_lag_cost_share": 0.0},
    {"dram_guidance_restraint": 0.0},
    {"dram_guidance_restraint": 1.0},
]


@pytest.mark.parametrize(
    "params", EXTREMES, ids=lambda p: ",".join(f"{k}={v}" for k, v in p.items())
)
def test_shares_stay_shares_at_the_extremes(
    japan: doomloop.Model, params: dict[str, float]
) -> None:
    r = japan.run(params=params, variables=SHARES).loc[YEARS]
    assert np.isfinite(r.to_numpy()).all()
    assert (r.to_numpy() >= -1e-12).all() and (r.to_numpy() <= 1 + 1e-12).all()
    np.testing.assert_allclose(r.sum(axis=1), 1.0, rtol=1e-9)


def test_no_capital_no_share(japan: doomloop.Model) -> None:
    r = japan.run(params={"dram_capital_jp_ratio_1976": 0.0}, variables=SHARES).loc[YEARS]
    assert (r["world_market_share"] == 0).all()


def test_dram_backtest_tabulates_each_knock_out(japan: doomloop.Model) -> None:
    result = dram_backtest(japan)
    table = result.table.set_index("run")
    assert list(table.index) == ["history", *(k.id for k in japan.profile.dram.knockouts)]
    assert list(result.shares().index) == list(range(1976, 2001, 2))
    hist = result.paths["history"]
    assert table.loc["history", "peak share"] == pytest.approx(hist["Japan"].max())
    assert table.loc["no-consortium", "1990 change"] < 0
    # the AI-era knock-out reads the model's own AI-era generalist weight
    ai = japan.run(
        params={"dram_generalist_weight": _param(japan, "generalist_weight"), "dram_spillover": 1},
        variables=SHARES,
    )
    assert result.paths["ai-era"].loc[1990, "Japan"] == pytest.approx(
        ai.loc[1990, "world_market_share"]
    )


def test_dram_backtest_refuses_a_model_without_the_race() -> None:
    with pytest.raises(ProfileError, match=r"no \[dram\] table"):
        dram_backtest("japan")


def test_the_backtest_model_is_japan_plus_the_race_and_japan_carries_none_of_it(
    japan: doomloop.Model,
) -> None:
    plain = doomloop.load_model("japan")
    assert not [n for n in plain.variable_names if n.startswith("dram_")]
    assert set(plain.parameters) < set(japan.parameters)
    for name, p in plain.parameters.items():  # Japan's values, not a copy
        assert japan.parameters[name].value == p.value, name
    added = set(japan.parameters) - set(plain.parameters)
    assert added and all(n.startswith("dram_") for n in added)
    # the AI-era outputs of the two models are the same run
    a = plain.run(variables=["frontier_gap_oom", "population_20_24"])
    b = japan.run(variables=["frontier_gap_oom", "population_20_24"])
    np.testing.assert_allclose(a.to_numpy(), b.to_numpy(), rtol=1e-12)


def _folder(tmp_path, build: str):  # type: ignore[no-untyped-def]
    import shutil
    from pathlib import Path

    src = Path(doomloop.__file__).parent / "models"
    models = tmp_path / "models"
    shutil.copytree(src / "structure", models / "structure")
    shutil.copytree(src / "japan", models / "japan")
    for shared in src.glob("*.toml"):  # the profiles a model's profile extends
        shutil.copy(shared, models / shared.name)
    folder = models / "japan-vlsi"
    shutil.copytree(src / "japan-vlsi", folder)
    text = (folder / "profile.toml").read_text(encoding="utf-8")
    start = text.index("[build]")
    end = text.index("\n\n", start)
    (folder / "profile.toml").write_text(text[:start] + build + text[end:], encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("build", "message"),
    [
        ('[build]\nextensions = ["software"]\nvalues_from = "japan"', "extension 'software'"),
        (
            '[build]\nextensions = ["hardware"]\nvalues_from = "atlantis"',
            "values_from = 'atlantis'",
        ),
        ('[build]\nextensions = "hardware"\nvalues_from = "japan"', "must be a list"),
        ('[build]\nextensions = []\nvalues_from = "japan"', "has no row in"),
    ],
)
def test_bad_build_settings_are_refused_naming_the_file(tmp_path, build, message) -> None:  # type: ignore[no-untyped-def]
    from doomloop.errors import DataError
    from doomloop.parameters import ParameterTable

    folder = _folder(tmp_path, build)
    with pytest.raises(DataError, match=message) as err:
        ParameterTable.for_model(folder / "model.xmile")
    assert "japan-vlsi" in str(err.value)


@pytest.mark.slow
def test_the_kernel_runs_the_race_exactly(japan: doomloop.Model) -> None:
    """Every kernel member equals a pysimlin run, with the race's constants drawn over their
    ranges (the calendar shift among them)."""
    from doomloop.kernel import compile_model
    from doomloop.kernel.exactness import compare_with_engine, draw_parameters

    k = compile_model(japan)
    names = [n for n in japan.parameters if n.startswith("dram_")]
    params = draw_parameters(k, 3, np.random.default_rng(17), table=japan.parameters, names=names)
    assert len(params) >= 50
    bad = compare_with_engine(japan.path, params, 3, kernel=k, backend="numpy")
    assert not bad, "\n".join(str(b) for b in bad[:5])
