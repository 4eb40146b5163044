"""The Epoch record: best runs against rows checked by hand, attribution and confidence rules."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from doomloop import epoch
from doomloop.engine import MODELS_DIR
from doomloop.errors import DataError


def _best(country: str, t: float, **kw: object) -> pd.Series:
    return epoch.best_run_so_far(country, [t], **kw).iloc[0]  # type: ignore[arg-type]


def test_japan_best_run_is_plamo_100b_in_mid_2024() -> None:
    # Checked by hand in Epoch's table: PLaMo-100B, Preferred Networks, 2024-06-14, 1.2e24 FLOP
    # (figures.csv largest_model_compute, S14, the same figure from an older snapshot).
    b = _best("japan", 2024.5)
    assert b["model"] == "PLaMo-100B" and b["publication_date"] == "2024-06-14"
    assert b["flop"] == pytest.approx(1.2e24, rel=1e-9)
    # a day before its publication it is not yet the record: PLaMo-13B (2023-09-28, 1.17e23)
    before = _best("japan", float(epoch.decimal_year(pd.Series(["2024-06-13"])).iloc[0]))
    assert before["model"] == "PLaMo-13B" and before["flop"] == pytest.approx(1.17e23)


def test_series_start_at_the_first_large_scale_run() -> None:
    # Epoch tracks every run above 1e23 FLOP (S141); a country's series starts at its first
    # 1 July record above it, and the years before are censored (below it, not how far).
    # Checked by hand: Japan's first is PLaMo-13B (2023-09-28, 1.17e23), after mid-2023;
    # Korea's EXAONE 1.0 (2021-12-14); the US's GPT-3 (2020-05-28); the UK's AlphaGo Zero
    # (2017); India has none to 2024 under the lead-organisation rule.
    assert epoch.LARGE_SCALE_FLOP == 1e23
    starts = {c: epoch.best_run_start(c) for c in epoch.COUNTRIES}
    assert starts == {"japan": 2024, "korea": 2022, "usa": 2020, "uk": 2018, "india": None}
    assert epoch.below_large_scale_years("japan") == list(range(2018, 2024))
    assert epoch.below_large_scale_years("india") == list(range(2018, 2025))
    assert epoch.below_large_scale_years("uk") == []
    for c, start in starts.items():
        if start is not None:
            assert _best(c, start + 0.5)["flop"] >= 1e23
        for y in epoch.below_large_scale_years(c):
            assert _best(c, y + 0.5)["flop"] < 1e23


def test_world_frontier_rows_checked_by_hand() -> None:
    assert _best(epoch.WORLD, 2023.5)["model"] == "GPT-4"  # 2023-03-15, 2.1e25 FLOP
    assert _best(epoch.WORLD, 2023.5)["flop"] == pytest.approx(2.1e25)
    assert _best(epoch.WORLD, 2024.5)["model"] == "Gemini 1.0 Ultra"  # 2023-12-06, 5e25
    assert _best("usa", 2020.5)["model"] == "GPT-3 175B (davinci)"  # 2020-05-28, 3.14e23
    assert _best("korea", 2022.5)["model"] == "EXAONE 1.0"  # LG, 2021-12-14, 1.6956e24


def test_attribution_any_country_against_first_country() -> None:
    # LUKE (University of Washington, National Institute of Informatics: US then Japan)
    assert _best("japan", 2021.5, rule="any")["model"] == "LUKE"
    first = _best("japan", 2021.5, rule="first")
    assert first["model"].startswith("(ensemble): AWD-LSTM-DOC")  # NTT and Tohoku, 6.66e17
    # Google DeepMind is listed as "United States of America,United Kingdom ...": the UK gets
    # Gemini 1.0 Ultra only under "any"
    assert _best("uk", 2024.5, rule="any")["model"] == "Gemini 1.0 Ultra"
    assert _best("uk", 2024.5, rule="first")["model"] == "Gopher (280B)"
    eff = epoch.attribution_effect()
    row = eff[(eff["country"] == "uk") & (eff["year"] == 2024)].iloc[0]
    assert row["change_log10"] == pytest.approx(23.800029 - 25.69897, abs=1e-5)
    assert not ((eff["country"] == "japan") & (eff["year"] == 2024)).any()  # PLaMo is Japan's


def test_attribution_on_a_hand_made_table() -> None:
    m = pd.DataFrame(
        {
            "model": ["joint", "solo", "lead"],
            "organization": ["A,B", "C", "D,E"],
            "confidence": ["Confident", "Confident", "Speculative"],
            "flop": [1e24, 1e22, 1e25],
            "countries": [
                ("United States of America", "Japan"),
                ("Japan",),
                ("Japan", "United States of America"),
            ],
            "time": [2020.2, 2019.0, 2021.0],
            "publication_date": ["2020-03-15", "2019-01-01", "2021-01-01"],
        }
    )
    any_ = epoch.best_run_so_far("japan", [2019.5, 2020.5, 2021.5], models=m)
    assert list(any_["model"]) == ["solo", "joint", "lead"]
    first = epoch.best_run_so_far("japan", [2020.5], rule="first", models=m)
    assert first["model"].iloc[0] == "solo"
    strict = epoch.best_run_so_far("japan", [2021.5], confidence=epoch.STRICT_CONFIDENCE, models=m)
    assert strict["model"].iloc[0] == "joint"  # the Speculative estimate does not count
    assert epoch.best_run_so_far("usa", [2019.5], models=m)["flop"].isna().all()


def test_confidence_filter() -> None:
    # Korea's EXAONE 1.0 is Speculative: the strict filter falls back to HyperCLOVA 82B
    strict = _best("korea", 2022.5, confidence=epoch.STRICT_CONFIDENCE)
    assert strict["model"] == "HyperCLOVA 82B" and strict["flop"] == pytest.approx(1.476e23)
    assert "Unknown" not in epoch.DEFAULT_CONFIDENCE
    with pytest.raises(DataError, match="confidence level"):
        epoch.best_run_so_far("japan", [2024.5], confidence=("Sure",))
    with pytest.raises(DataError, match="unknown country"):
        epoch.best_run_so_far("china", [2024.5])
    with pytest.raises(DataError, match="'any' or 'first'"):
        epoch.best_run_so_far("japan", [2024.5], rule="lead")


def test_rows_after_2024_are_refused(tmp_path: Path) -> None:
    text = epoch.MODELS_CSV.read_text(encoding="utf-8").splitlines()
    late = "Future,2025-02-01,Lab,Japan,1e26,,Confident,Language,,notable"
    path = tmp_path / "late.csv"
    path.write_text("\n".join([*text[:3], late]) + "\n", encoding="utf-8")
    with pytest.raises(DataError, match="after 2024-12-31"):
        epoch.load_models(path)
    with pytest.raises(DataError, match="held back"):
        epoch.best_run_so_far("japan", [2025.5])


def test_staircase_discrepancy_of_a_hand_made_record() -> None:
    """Two runs, 1e20 FLOP in 2010 and 1e23 in 2013: the record at 1 July 2010-2014 is 20, 20,
    20, 23, 23 (log10). Its least-squares line (slope 0.9, 21.2 at 2012) leaves residuals 0.6,
    -0.3, -1.2, 0.9, 0: sqrt(2.7 / 3) by hand. A record that grows by the same factor every
    year has none."""

    def table(times: list[float], flops: list[float]) -> pd.DataFrame:
        return pd.DataFrame(
            {
                "model": [f"m{i}" for i in range(len(times))],
                "organization": ["A"] * len(times),
                "confidence": ["Confident"] * len(times),
                "flop": flops,
                "countries": [("United States of America",)] * len(times),
                "time": times,
                "publication_date": [f"{int(t)}-01-01" for t in times],
            }
        )

    steps = table([2010.0, 2013.0], [1e20, 1e23])
    got = epoch.staircase_discrepancy(range(2010, 2015), models=steps)
    assert got == pytest.approx((2.7 / 3) ** 0.5, rel=1e-12)
    smooth = table([2010.0 + k for k in range(5)], [10.0 ** (20 + 0.5 * k) for k in range(5)])
    assert epoch.staircase_discrepancy(range(2010, 2015), models=smooth) == pytest.approx(
        0.0, abs=1e-12
    )
    with pytest.raises(DataError, match="widen the window"):
        epoch.staircase_discrepancy(range(2010, 2012), models=steps)


def test_the_tolerance_of_the_best_run_series_is_the_worlds_staircase() -> None:
    """Japan's record, as the history match reads it: each best-run observation's tolerance
    (the declared discrepancy with the observation error) is the 2010-2024 world record's own
    spread about a smooth path, to the two decimals the discrepancy is written with."""
    import doomloop
    from doomloop.check import history_record

    rec = history_record(doomloop.load_model("japan"))
    s = epoch.staircase_discrepancy()
    for name in ("frontier_log10_compute", "domestic_capability_log10"):
        rows = rec.table[rec.table["series"] == name]
        e_obs = rows["observation_error"].iloc[0]
        assert rows["discrepancy"].iloc[0] == round((s**2 - e_obs**2) ** 0.5, 2), name
        assert rows["sigma"].tolist() == pytest.approx([s] * len(rows), abs=0.005), name


def test_the_gap_is_matched_without_a_discrepancy_because_its_spread_is_within_its_error() -> None:
    """The gap's spread about a smooth path, from the committed gap rows of the UK and Korea
    (history_ai.csv) by hand, is gap_spread's, and it is within the gap's observation error,
    which is why the profile declares no discrepancy for it."""
    import numpy as np

    import doomloop
    from doomloop.check import history_record

    ssr, dof = 0.0, 0
    for c in ("uk", "korea"):
        rows = pd.read_csv(MODELS_DIR / c / "history_ai.csv")
        g = rows[rows["name"] == "frontier_gap_oom"]
        t, y = g["year"].to_numpy(), g["value"].to_numpy()
        ssr += float(np.sum((y - np.polyval(np.polyfit(t, y, 1), t)) ** 2))
        dof += len(y) - 2
    assert epoch.gap_spread() == pytest.approx((ssr / dof) ** 0.5, abs=1e-5)
    rec = history_record(doomloop.load_model("japan"))
    gap = rec.table[rec.table["series"] == "frontier_gap_oom"]
    assert gap["discrepancy"].iloc[0] == 0.0
    assert (
        epoch.gap_spread()
        <= gap["observation_error"].iloc[0]
        == pytest.approx(0.3 * 2**0.5, abs=0.005)
    )


def test_frontier_growth_agrees_with_epochs_published_trend() -> None:
    # Epoch (S15): training compute of frontier models grew 4-5x a year from 2010 to 2024.
    fit = epoch.frontier_growth(2010, 2025)
    assert 4.0 <= fit.factor <= 5.5 and fit.n > 50
    assert 10**fit.low < fit.factor < 10**fit.high


def test_open_weight_lag_matches_the_record() -> None:
    lag = epoch.open_weight_lag().set_index("record")
    # GPT-4 (2.1e25, 2023-03-15) first matched by Llama 3.1-405B (3.8e25, 2024-07-23)
    assert lag.loc["GPT-4", "open_model"] == "Llama 3.1-405B"
    assert lag.loc["GPT-4", "lag_years"] == pytest.approx(1.36, abs=0.01)
    assert pd.isna(lag.loc["Gemini 1.0 Ultra", "lag_years"])  # not matched by the end of 2024


def test_committed_history_ai_files_are_what_the_record_gives() -> None:
    for country in epoch.COUNTRIES:
        path = MODELS_DIR / country / "history_ai.csv"
        committed = pd.read_csv(path)
        fresh = epoch.history_rows(country)
        pd.testing.assert_frame_equal(
            committed.reset_index(drop=True), fresh.reset_index(drop=True), check_dtype=False
        )


def test_frontier_run_cost_agrees_with_cottier_et_al() -> None:
    # Two independent Epoch results: compute of frontier models (S45, fitted here) over ML-GPU
    # price-performance (S47, 0.146 OOM/yr) must give a cost growing like Cottier et al.'s
    # measured 2.4x a year since 2016 (95% CI 2.0-3.1x, S46).
    g = epoch.frontier_growth(2016, 2025)
    cost_factor = 10 ** (g.slope - epoch.PRICE_PERFORMANCE_OOM[0])
    assert 2.0 <= cost_factor <= 3.1
    cost = epoch.frontier_run_cost().set_index("year")
    assert cost.loc[2024, "model"] == "Gemini 1.0 Ultra"
    assert 5e7 < cost.loc[2024, "cost_usd"] < 3e8  # GPT-4 class: USD tens to hundreds of m
    after = cost.index >= 2024  # after the anchor, faster improvement means lower cost
    assert (cost.loc[after, "low_usd"] <= cost.loc[after, "cost_usd"]).all()
