"""The simulator layer: sampling, loop names, the request gate, settings, the CLI seam."""

from __future__ import annotations

import asyncio
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest
import typer
from pydantic import ValidationError
from typer.testing import CliRunner

from doomloop.engine import load_model
from doomloop.parameters import Parameter
from doomloop.web import Settings
from doomloop.web.routes import APIError, Gate
from doomloop.web.service import Simulator, sample_parameters

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "logistic"


def _param(dist: str, value: float = 1.0, low: float = 0.5, high: float = 2.0) -> Parameter:
    return Parameter("x", value, "1", low, high, 0.0, 10.0, "assumption", "s", dist, "src", "n")


@pytest.mark.parametrize("dist", ["lognormal", "normal", "uniform"])
def test_sampling_reads_low_high_as_5_95_and_is_seeded(dist: str) -> None:
    p = _param(dist)
    draws = np.array([d["x"] for d in sample_parameters([p], {}, 4000, seed=3)])
    lo, hi = np.percentile(draws, [5, 95])
    if dist != "uniform":
        assert lo == pytest.approx(p.low, rel=0.1) and hi == pytest.approx(p.high, rel=0.1)
    assert draws.min() >= p.lower_bound and draws.max() <= p.upper_bound
    again = [d["x"] for d in sample_parameters([p], {}, 4000, seed=3)]
    assert np.array_equal(draws, again)


def test_sampling_centres_on_a_moved_assumption() -> None:
    p = _param("lognormal")
    draws = np.array([d["x"] for d in sample_parameters([p], {"x": 2.0}, 4000, seed=1)])
    assert np.median(draws) == pytest.approx(2.0, rel=0.08)


def test_the_band_and_doomloop_uncertainty_draw_the_same_members() -> None:
    """One sampler: the page's band and the Monte Carlo ensemble draw the same values of the
    same parameters for the same seed (truncated inverse CDF on a Latin hypercube), and a
    moved assumption moves its whole distribution within its bounds (truncated, not clipped:
    no draw piles up on a bound)."""
    from doomloop.analysis.montecarlo import monte_carlo

    m = load_model(FIXTURE)
    sim = Simulator(Settings(model=str(FIXTURE), background=False, use_kernel=False), model=m)
    try:
        varied = sim.varied_parameters()
        assert varied
        page = sample_parameters(varied, {}, 64, seed=5)
    finally:
        sim.close()
    ds = monte_carlo(m, 64, seed=5, variables=["population"], uncertain=[p.name for p in varied])
    cli = ds["params"].sel(parameter=[p.name for p in varied]).to_numpy()
    assert np.array_equal(np.array([[d[p.name] for p in varied] for d in page]), cli)
    p = _param("normal", value=1.0, low=0.5, high=1.5)
    moved = np.array([d["x"] for d in sample_parameters([p], {"x": 9.8}, 2000, seed=2)])
    assert moved.max() <= p.upper_bound and (moved == p.upper_bound).sum() <= 1


def test_runs_do_not_leak_overrides_between_calls() -> None:
    m = load_model(FIXTURE)
    first = m.run(variables=["population"])
    m.run({"initial_population": 12.0}, variables=["population"])
    assert m.run(variables=["population"]).equals(first)


def test_named_loops_reach_the_api(tmp_path: Path) -> None:
    for f in ("model.xmile", "parameters.csv"):
        (tmp_path / f).write_bytes((FIXTURE / f).read_bytes())
    (tmp_path / "loops.toml").write_text(
        '[[loop]]\nid = "R1"\nname = "growth"\nname_ja = "成長"\npolarity = "reinforcing"\n'
        'subject = "the population"\nsubject_ja = "人口"\nstory = "More people, more births."\n'
        'story_ja = "人が増えれば出生も増える。"\nvariables = ["population", "net_growth"]\n',
        encoding="utf-8",
    )
    sim = Simulator(Settings(model=str(tmp_path), background=False))
    try:
        res = sim.loops({})
    finally:
        sim.close()
    assert res["named"]
    first = res["periods"][0]
    assert "R1 growth" in first["text_en"] and "成長" in first["text_ja"]
    (loop,) = [lp for lp in res["loops"] if lp["id"] == "R1 growth"]
    assert loop["description"] == "More people, more births."
    assert loop["description_ja"] == "人が増えれば出生も増える。"
    assert loop["variables"] == ["population", "net_growth"]


def test_ensemble_uses_the_pool_and_respects_deadline() -> None:
    sim = Simulator(Settings(model=str(FIXTURE), workers=2, use_kernel=False))
    try:
        res = sim.ensemble({}, ["population"], 20, seed=0)
        assert res.members == 20 and res.engine == "loop"
        with pytest.raises(TimeoutError):
            sim.ensemble({}, ["population"], 20, seed=1, deadline=time.monotonic() - 1)
    finally:
        sim.close()


def test_gate_caps_concurrency_and_time() -> None:
    gate = Gate(Settings(model="x", max_concurrency=1, queue_timeout_s=0.05, request_timeout_s=0.3))

    async def scenario() -> tuple[int, int]:
        slow = asyncio.ensure_future(gate.run(lambda _d: time.sleep(0.5)))
        await asyncio.sleep(0.02)
        with pytest.raises(APIError) as busy:
            await gate.run(lambda _d: 1)
        with pytest.raises(APIError) as late:
            await slow
        return busy.value.status_code, late.value.status_code

    try:  # in a thread of its own: the browser tests' Playwright owns this thread's loop
        with ThreadPoolExecutor(1) as ex:
            assert ex.submit(lambda: asyncio.run(scenario())).result() == (503, 504)
    finally:
        gate.close()


def test_settings_are_validated_at_start_up() -> None:
    with pytest.raises(ValidationError, match="max_members"):
        Settings(max_members=1)
    with pytest.raises(ValidationError, match="live_members"):
        Settings(max_members=10, live_members=20)
    with pytest.raises(ValidationError, match="port"):
        Settings(port=70000)
    with pytest.raises(ValidationError):
        Settings(colour="red")  # type: ignore[call-arg]
    s = Settings.from_env({"DOOMLOOP_WEB_PORT": "9001", "DOOMLOOP_WEB_MODEL": "x"}, host="0.0.0.0")
    assert (s.port, s.model, s.host) == (9001, "x", "0.0.0.0")


def test_serve_command_is_registered() -> None:
    from doomloop.cli import serve

    app = typer.Typer()

    @app.callback()
    def main() -> None:
        """Test app."""

    serve.register(app)
    out = CliRunner().invoke(app, ["serve", "--help"])
    assert out.exit_code == 0, out.output
    for opt in ("--host", "--port", "--model"):
        assert opt in out.output


@pytest.mark.parametrize("fail", [False, True])
def test_ensemble_prefers_the_kernel_and_falls_back(fail: bool, monkeypatch) -> None:  # noqa: ANN001
    sim = Simulator(Settings(model=str(FIXTURE), background=False))
    try:
        looped = sim.ensemble({"growth_rate": 0.35}, ["population"], 12, seed=4)
        line = sim.run({"growth_rate": 0.35}, ["population"])
        sim._start_kernel()
        assert sim.live is not None, "the kernel should compile the fixture"
        if fail:

            def broken(*args: object, **kw: object) -> None:
                raise RuntimeError("kernel broke")

            monkeypatch.setattr(sim.live, "band", broken)
        sim._ensembles = type(sim._ensembles)(0)  # no cache: really run again
        sim._runs = type(sim._runs)(0)
        res = sim.ensemble({"growth_rate": 0.35}, ["population"], 12, seed=4)
        kline = sim.run({"growth_rate": 0.35}, ["population"])
    finally:
        sim.close()
    assert res.engine == ("loop" if fail else "kernel")
    assert res.years == looped.years
    assert np.allclose(res.bands["population"]["p50"], looped.bands["population"]["p50"])
    assert np.allclose(kline.series["population"], line.series["population"], rtol=1e-9)


@pytest.mark.slow
def test_the_background_warm_up_puts_lines_and_bands_on_the_kernel() -> None:
    sim = Simulator(Settings(model=str(FIXTURE), use_kernel=True))
    try:
        sim._warm_thread.join(timeout=600)
        assert sim.kernel is not None and sim.live is not None
        res = sim.ensemble({"growth_rate": 0.35}, ["population"], 16, seed=2)
        sim.live = None
        sim._ensembles = type(sim._ensembles)(0)
        looped = sim.ensemble({"growth_rate": 0.35}, ["population"], 16, seed=2)
    finally:
        sim.close()
    assert res.engine == "kernel" and looped.engine == "loop"
    assert np.allclose(res.bands["population"]["p50"], looped.bands["population"]["p50"])


def test_the_band_draws_kept_by_column_equal_a_fresh_sample() -> None:
    """The page's band redraws only the moved assumptions' columns (service.Draws): the draws
    equal sample_parameters' (analysis.sampling.sample) bit for bit, whatever was moved
    before, for the Japan model's varied assumptions."""
    from doomloop.web.service import Draws

    table = load_model("japan").parameters
    varied = [p for p in table.uncertain if p.group != "policy"]
    a, b = varied[0], varied[len(varied) // 2]
    draws = Draws(varied, 30, seed=1)
    for centre in ({}, {a.name: a.high}, {a.name: a.high, b.name: b.low}, {b.name: b.low}, {}):
        assert draws(centre) == sample_parameters(varied, centre, 30, seed=1), centre


def test_the_kernel_is_pruned_to_the_graphs_the_page_opens_with(japan) -> None:
    """The page opens on the profile's ``views.page`` graphs (app.js); the server warms a
    kernel pruned to them, and to the first outputs of a model without graphs."""
    sim = Simulator(Settings(model="japan", background=False, use_kernel=False), model=japan)
    try:
        assert sim.first_graphs() == list(japan.profile.views.page)
        assert sim.first_graphs() == ["frontier_gap_years", "ai_specialists_domestic"]
    finally:
        sim.close()
    m = load_model(FIXTURE)
    sim = Simulator(Settings(model=str(FIXTURE), background=False, use_kernel=False), model=m)
    try:
        assert sim.first_graphs() == sim.outputs[:2]
    finally:
        sim.close()


def test_the_band_is_drawn_from_members_that_agree_with_the_record(tmp_path: Path) -> None:
    """With a record beside the model and the kernel running, the band's members are those
    that agree with it (history matching at the default assumptions): each one's Euler run,
    integrated here, lies within 3 sigma of the record, and the band's median is theirs."""
    import shutil

    from doomloop.analysis.history_match import implausibility_of

    folder = tmp_path / "logistic"
    shutil.copytree(FIXTURE, folder)
    # the record: the default run's own value at t = 10 (no discrepancy), so the profile's
    # observation error (12%) alone sets the tolerance
    z = _euler_10({"initial_population": 10.0, "growth_rate": 0.3, "carrying_capacity": 1000.0})
    (folder / "history.csv").write_text(f"name,year,value\npopulation,10,{z}\n", encoding="utf-8")
    sim = Simulator(Settings(model=str(folder), background=False))
    try:
        sim._start_kernel()
        sim._read_record()
        assert sim.live is not None and sim._record is not None
        res = sim.ensemble({}, ["population"], 12, seed=4)
        draws = sim._sampler(12, 4)({})
    finally:
        sim.close()
    assert res.extra["record"]["drawn"] > res.extra["record"]["kept"] >= 12
    assert res.extra["record"]["matched"] and res.extra["record"]["ruled_out"] == []
    r, k = (np.array([d[n] for d in draws]) for n in ("growth_rate", "carrying_capacity"))
    p = np.full(len(r), 10.0)  # P0 is a policy of the fixture: not drawn
    for _ in range(160):  # Euler, dt 1/16, to t = 10
        p = p + 0.0625 * r * p * (1 - p / k)
    sigma = sim._record.table["sigma"].iloc[0]
    assert (np.abs(np.log10(p / z)) / sigma < 3).all()
    years = res.years
    assert res.bands["population"]["p50"][years.index(10.0)] == pytest.approx(np.median(p))
    # the prior's draws do not all agree: the match is not a no-op
    prior = sample_parameters(sim.varied_parameters(), {}, 200, seed=4)
    worst = implausibility_of(
        {"population": np.array([[_euler_10(d)] * 2 for d in prior])},
        np.array([10.0, 11.0]), sim._record,
    ).max(axis=1)  # fmt: skip
    assert (worst >= 3).any()


def _euler_10(d: dict[str, float]) -> float:
    p = d.get("initial_population", 10.0)
    for _ in range(160):
        p += 0.0625 * d["growth_rate"] * p * (1 - p / d["carrying_capacity"])
    return p


def test_the_band_says_when_the_record_rules_out_the_default_run(tmp_path: Path) -> None:
    """A record the default run misses (the logistic at r = 0.25, K 1000, against the
    default 0.3: 0.19 in log10 at t = 10, against a tolerance of 0.05): the band's record
    names the series, by its label in both languages, for the page to say so."""
    import math
    import shutil

    folder = tmp_path / "logistic"
    shutil.copytree(FIXTURE, folder)
    z = 1000 / (1 + 99 * math.exp(-0.25 * 10))
    (folder / "history.csv").write_text(f"name,year,value\npopulation,10,{z}\n", encoding="utf-8")
    sim = Simulator(Settings(model=str(folder), background=False))
    try:
        sim._start_kernel()
        sim._read_record()
        assert sim._record is not None and sim._record.ruled_out_baseline() == ["population"]
        res = sim.ensemble({}, ["population"], 12, seed=4)
        label = sim.model.profile.display("population").label
    finally:
        sim.close()
    assert res.extra["record"]["ruled_out"] == [{"en": label.en, "ja": label.ja}]


def test_a_record_too_few_members_agree_with_leaves_the_prior_band_and_says_so(
    tmp_path: Path,
) -> None:
    """An observation error of 1e-6 around a value the default run misses: no draw agrees, so
    the band is drawn from the prior's draws, and its record says it is not matched."""
    import shutil

    folder = tmp_path / "logistic"
    shutil.copytree(FIXTURE, folder)
    (folder / "history.csv").write_text("name,year,value\npopulation,10,150\n", encoding="utf-8")
    (folder / "profile.toml").write_text("[history_match]\nobservation_error = 1e-6\n")
    sim = Simulator(Settings(model=str(folder), background=False))
    try:
        sim._start_kernel()
        sim._read_record()
        res = sim.ensemble({}, ["population"], 12, seed=4)
        draws = sim._sampler(12, 4)({})
    finally:
        sim.close()
    record = res.extra["record"]
    assert not record["matched"] and record["kept"] < 12 and record["drawn"] == 20 * 12
    prior = sample_parameters(sim.varied_parameters(), {}, 12, seed=4)
    assert [d["growth_rate"] for d in draws] == pytest.approx([d["growth_rate"] for d in prior])
