"""Executors: same seed, same numbers on every executor and chunking; failures recorded."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from doomloop import load_model
from doomloop.analysis.evaluate import evaluate
from doomloop.analysis.montecarlo import monte_carlo
from doomloop.executors import (
    DaskExecutor,
    Executor,
    LocalExecutor,
    PoolExecutor,
    get_executor,
)
from doomloop.runner import Status

LOGISTIC = Path(__file__).resolve().parent / "fixtures" / "logistic"


@pytest.fixture(scope="module")
def model():
    return load_model(LOGISTIC)


def _boom(x: int) -> int:
    if x == 2:
        raise ValueError("item two is bad")
    return x * 10


def test_local_map_in_order_and_failures_come_back_as_values():
    seen = []
    with LocalExecutor() as ex:
        assert isinstance(ex, Executor)
        res = list(ex.map(_boom, range(4), total=4, progress=lambda d, t: seen.append((d, t))))
    assert res[:2] == [0, 10] and res[3] == 30
    assert isinstance(res[2], ValueError)
    assert seen[-1] == (4, 4)


def test_pool_and_dask_map_in_order():
    with PoolExecutor(2) as ex:
        res = list(ex.map(_boom, range(6)))
    assert [r for i, r in enumerate(res) if i != 2] == [0, 10, 30, 40, 50]
    assert isinstance(res[2], ValueError)
    with DaskExecutor(n_workers=1, threads_per_worker=2, processes=False) as ex:
        res = list(ex.map(_boom, range(6)))
    assert res[5] == 50 and isinstance(res[2], ValueError)


def test_same_seed_identical_on_local_pool_dask_and_any_chunking(model):
    ref = monte_carlo(model, 60, seed=7, variables=["population"], chunk_size=60)
    other = monte_carlo(model, 60, seed=7, variables=["population"], chunk_size=7)
    np.testing.assert_array_equal(ref["population"].values, other["population"].values)
    with PoolExecutor(2) as ex:
        pooled = monte_carlo(model, 60, seed=7, variables=["population"], executor=ex)
    np.testing.assert_array_equal(ref["population"].values, pooled["population"].values)
    np.testing.assert_array_equal(ref["params"].values, pooled["params"].values)
    with DaskExecutor(n_workers=2, threads_per_worker=1, processes=False) as ex:
        dasked = monte_carlo(model, 60, seed=7, variables=["population"], executor=ex, chunk_size=9)
    np.testing.assert_array_equal(ref["population"].values, dasked["population"].values)
    different = monte_carlo(model, 60, seed=8, variables=["population"])
    assert not np.array_equal(ref["population"].values, different["population"].values)


def test_failing_member_is_recorded_and_others_run(model):
    m = np.array([[0.3, 1000.0], [-1.0, 1000.0], [0.4, 900.0]])
    with PoolExecutor(2) as ex:
        runs = evaluate(
            model,
            m,
            ["growth_rate", "carrying_capacity"],
            ["population"],
            [0, 40],
            executor=ex,
            chunk_size=1,
            backend="engine",  # the engine path; the kernel path is covered in test_backends
        )
    values = runs.values
    assert list(runs.status) == [Status.OK, Status.OUT_OF_BOUNDS, Status.OK]
    assert "growth_rate" in runs.errors[1] and runs.errors[0] == runs.errors[2] == ""
    assert np.isnan(values[1]).all() and np.isfinite(values[[0, 2]]).all()
    assert values[0, 0, 1] == pytest.approx(1000 / (1 + 99 * np.exp(-0.3 * 40)), rel=2e-2)


def test_numerical_blow_up_is_a_failed_member(model):
    # P0 far above K with a large r makes Euler overshoot to -inf/NaN
    m = np.array([[5.0, 1.0, 1e9], [0.3, 1000.0, 10.0]])
    runs = evaluate(
        model, m, ["growth_rate", "carrying_capacity", "initial_population"], ["population"]
    )
    assert list(runs.status) == [Status.NONFINITE, Status.OK]
    assert "variable 'population'" in runs.errors[0] and "at time" in runs.errors[0]


def test_get_executor_names():
    assert isinstance(get_executor("local"), LocalExecutor)
    assert isinstance(get_executor("pool", workers=1), PoolExecutor)
    ex = get_executor(None, scheduler="tcp://127.0.0.1:1")
    assert isinstance(ex, DaskExecutor) and ex.scheduler == "tcp://127.0.0.1:1"
    with pytest.raises(ValueError, match="unknown executor"):
        get_executor("cloud")


def test_dask_executor_connects_to_an_existing_scheduler(model):
    from distributed import LocalCluster

    ref = monte_carlo(model, 20, seed=3, variables=["population"])
    with LocalCluster(
        n_workers=1,
        threads_per_worker=1,
        processes=False,
        protocol="tcp",
        dashboard_address=":0",
        silence_logs=40,
    ) as cluster:
        assert cluster.scheduler_address.startswith("tcp://")
        with DaskExecutor(cluster.scheduler_address) as ex:
            got = monte_carlo(model, 20, seed=3, variables=["population"], executor=ex)
        assert cluster.scheduler_info["workers"]  # the cluster outlives the executor
    np.testing.assert_array_equal(ref["population"].values, got["population"].values)


def _toy():
    from doomloop.analysis.evaluate import FunctionModel
    from doomloop.parameters import Parameter, ParameterTable

    p = [
        Parameter(n, 0.5, "", 0.0, 1.0, 0.0, 1.0, "assumption", "", "uniform", "a", "")
        for n in ("a", "b")
    ]

    def fn(v):
        return {"y": np.sin(v["a"] * 3) + v["b"] ** 2}

    return FunctionModel(fn, ParameterTable(p), ["y"])


@settings(max_examples=20, deadline=None)
@given(n=st.integers(1, 80), chunk=st.integers(1, 40), seed=st.integers(0, 2**32 - 1))
def test_chunking_never_changes_the_ensemble(n, chunk, seed):
    model = _toy()
    ref = monte_carlo(model, n, seed=seed, chunk_size=n)
    got = monte_carlo(model, n, seed=seed, chunk_size=chunk)
    np.testing.assert_array_equal(ref["y"].values, got["y"].values)
    np.testing.assert_array_equal(ref["params"].values, got["params"].values)


def _slow(x: int) -> int:
    import time

    time.sleep(0.2)
    return x


def _cluster(n_workers: int):
    from distributed import LocalCluster

    return LocalCluster(
        n_workers=n_workers,
        threads_per_worker=1,
        processes=False,
        protocol="tcp",
        dashboard_address=":0",
        silence_logs=40,
    )


def test_dask_run_whose_workers_all_leave_fails_in_seconds(monkeypatch):
    """Every worker gone mid-run: one ExecutorError after NO_WORKERS_S, not a hang."""
    import time

    from doomloop import executors
    from doomloop.errors import ExecutorError

    monkeypatch.setattr(executors, "NO_WORKERS_S", 1.0)
    with _cluster(1) as cluster, DaskExecutor(cluster.scheduler_address) as ex:
        results = ex.map(_slow, range(30))
        assert next(results) == 0
        cluster.scale(0)  # the only worker leaves with 29 items to go
        start = time.monotonic()
        with pytest.raises(ExecutorError, match="has had no worker for 1 s"):
            list(results)
        assert time.monotonic() - start < 10


def test_dask_scheduler_without_workers_fails_in_seconds(monkeypatch):
    from doomloop import executors
    from doomloop.errors import ExecutorError

    monkeypatch.setattr(executors, "NO_WORKERS_S", 1.0)
    with _cluster(0) as cluster, DaskExecutor(cluster.scheduler_address) as ex:
        with pytest.raises(ExecutorError, match=r"dask worker tcp://"):
            list(ex.map(_slow, range(3)))


def test_dask_scheduler_without_workers_is_refused_before_any_work_is_sent(monkeypatch):
    """Work sent to a scheduler with no worker only sits there (large chunks stall its event
    loop, measured 8.7 s, and the run then failed as a 'lost' scheduler after 22 s)."""
    from doomloop import executors
    from doomloop.errors import ExecutorError

    monkeypatch.setattr(executors, "NO_WORKERS_S", 1.0)
    drawn: list[int] = []

    def items():
        for i in range(3):
            drawn.append(i)
            yield i

    with _cluster(0) as cluster, DaskExecutor(cluster.scheduler_address) as ex:
        with pytest.raises(ExecutorError, match="has had no worker for 1 s"):
            ex.map(_slow, items())
    assert drawn == []


def test_dask_something_else_at_the_address_is_one_clear_error():
    """A port that accepts connections but is no Dask scheduler fails in the probe."""
    import socket
    import threading

    from doomloop.errors import ExecutorError

    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen()
    port = srv.getsockname()[1]

    def answer() -> None:
        conn, _ = srv.accept()
        conn.sendall(b"HTTP/1.0 200 OK\r\n\r\nhello" * 10)
        conn.close()

    threading.Thread(target=answer, daemon=True).start()
    with pytest.raises(ExecutorError, match="no Dask scheduler answered"):
        _ = DaskExecutor(f"tcp://127.0.0.1:{port}").client
    srv.close()
