"""doomloop models as EMA Workbench models: the workbench's experiments are doomloop's runs."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import doomloop
from doomloop.analysis.sampling import distribution

ema = pytest.importorskip("ema_workbench")
doomloop_ema = pytest.importorskip("doomloop.ema")


def test_uncertainties_levers_and_outcomes_come_from_the_model(logistic) -> None:
    m = doomloop_ema.model(logistic, outcomes=["population"], backend="engine")
    assert {u.name for u in m.uncertainties} == {"growth_rate", "carrying_capacity"}
    assert [lv.name for lv in m.levers] == ["initial_population"]
    assert [o.name for o in m.outcomes] == ["TIME", "population"]
    r = next(u for u in m.uncertainties if u.name == "growth_rate")
    q = np.array([0.05, 0.5, 0.95])
    assert r.dist.ppf(q) == pytest.approx(distribution(logistic.parameters["growth_rate"]).ppf(q))


def test_experiments_equal_doomloop_runs(logistic) -> None:
    m = doomloop_ema.model(logistic, outcomes=["population"], years=[0, 10, 20], backend="engine")
    experiments, outcomes = ema.perform_experiments(m, scenarios=6, policies=2)
    assert len(experiments) == 12
    for i in (0, 7):
        row = experiments.iloc[i]
        names = ("growth_rate", "carrying_capacity", "initial_population")
        params = {k: float(row[k]) for k in names}
        ref = logistic.run(params=params, variables=["population"])
        assert outcomes["population"][i] == pytest.approx(
            ref.loc[[0.0, 10.0, 20.0], "population"].to_numpy(), rel=1e-12
        )


def test_japan_runs_in_perform_experiments() -> None:
    m = doomloop_ema.model("japan", years=[2030, 2040], backend="engine")
    assert "frontier_gap_oom" in {o.name for o in m.outcomes}
    assert len(m.uncertainties) > 50 and len(m.levers) > 10
    experiments, outcomes = ema.perform_experiments(m, scenarios=2, policies=1)
    assert np.isfinite(outcomes["frontier_gap_oom"]).all()
    assert outcomes["frontier_gap_oom"].shape == (2, 2)


def test_a_model_without_a_profile_reports_its_stocks(logistic) -> None:
    em = doomloop_ema.model(logistic)  # no profile.toml: the fallback profile's outputs
    assert [o.name for o in em.outcomes] == ["TIME", *logistic.stocks]
    with pytest.raises(doomloop.UnknownParameterError, match="not a variable"):
        doomloop_ema.model(logistic, outcomes=["nope"])


def test_the_kernel_is_compiled_before_the_one_member_experiments(tmp_path, monkeypatch) -> None:
    """The workbench runs one member at a time, where NumPy code is slowest: model() compiles
    the numba loop first (precompile=False leaves the kernel in NumPy)."""
    pytest.importorskip("numba")
    from doomloop.analysis.evaluate import kernel_for

    monkeypatch.setenv("DOOMLOOP_KERNEL_CACHE", str(tmp_path / "cache"))
    src = Path(__file__).parents[1] / "fixtures" / "logistic" / "model.xmile"
    copy = tmp_path / "logistic.xmile"  # a file of its own: no kernel compiled for it yet
    copy.write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
    m = doomloop.load_model(copy)
    doomloop_ema.model(m, backend="kernel", precompile=False)
    assert not kernel_for(m).is_compiled()
    doomloop_ema.model(m, backend="kernel")
    assert kernel_for(m).is_compiled()
