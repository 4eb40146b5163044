"""Where work runs: one :class:`Executor` protocol, in-process, over local processes, or on Dask.

Analysis code hands an executor a picklable function and a sequence of work items (chunks of
ensemble members) and reads the results back *in order*; it never learns where they ran. At
most ``2 * n_workers`` items are in flight at once, so a long stream of chunks uses bounded
memory. An item whose function raises (or whose worker dies) comes back as the exception
object rather than sinking the stream: the caller records it against the members of that
chunk.

Executors report progress through an optional ``progress(done, total)`` callback and never
print.

Examples
--------
>>> from doomloop.executors import LocalExecutor
>>> with LocalExecutor() as ex:
...     list(ex.map(abs, [-1, 2, -3]))
[1, 2, 3]
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol, TypeVar, runtime_checkable

from .errors import ExecutorError

T = TypeVar("T")
R = TypeVar("R")

#: ``progress(done, total)``: called as items finish; *total* may be 0 when unknown.
ProgressCallback = Callable[[int, int], None]

EXECUTORS = ("local", "pool", "dask")
#: Longest wait for a Dask scheduler to answer (a wrong address fails fast, not in a minute).
CONNECT_TIMEOUT_S = 5.0
#: How long a Dask run may go on with no worker at all before it fails (a nanny restarting
#: a worker takes a second or two); the scheduler is asked every :data:`POLL_S` seconds.
NO_WORKERS_S = 3.0
POLL_S = 0.5


@runtime_checkable
class Executor(Protocol):
    """Runs a function over work items and yields the results in the items' order."""

    @property
    def n_workers(self) -> int:
        """How many items can run at the same time."""
        ...

    def map(
        self,
        fn: Callable[[T], R],
        items: Iterable[T],
        *,
        total: int | None = None,
        progress: ProgressCallback | None = None,
    ) -> Iterator[R | BaseException]:
        """Yield ``fn(item)`` for each item in order; a raised exception is yielded instead."""
        ...

    def close(self) -> None:
        """Release workers and clusters this executor started."""
        ...

    def __enter__(self) -> Executor: ...

    def __exit__(self, *exc: object) -> None: ...


class _Base:
    n_workers: int = 1

    def __enter__(self) -> Any:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:  # pragma: no cover - overridden where needed
        pass

    def _ordered(
        self,
        submit: Callable[[Any], Any],
        result: Callable[[Any], Any],
        items: Iterable[Any],
        total: int | None,
        progress: ProgressCallback | None,
    ) -> Iterator[Any]:
        """Submit items with at most ``2 * n_workers`` in flight; yield results in order."""
        limit = max(2, 2 * self.n_workers)
        pending: deque[Any] = deque()
        done = 0
        n = total or 0
        it = iter(items)
        exhausted = False
        while True:
            while not exhausted and len(pending) < limit:
                try:
                    item = next(it)
                except StopIteration:
                    exhausted = True
                    break
                try:
                    pending.append(submit(item))
                except Exception as exc:  # a payload that cannot be sent
                    pending.append(_Failed(exc))
            if not pending:
                return
            fut = pending.popleft()
            if isinstance(fut, _Failed):
                value: Any = fut.exc
            else:
                try:
                    value = result(fut)
                except ExecutorError:  # the executor itself is gone: stop, do not record
                    raise
                except Exception as exc:
                    value = exc
            done += 1
            if progress is not None:
                progress(done, n)
            yield value


class _Failed:
    def __init__(self, exc: BaseException):
        self.exc = exc


class LocalExecutor(_Base):
    """Runs every item in this process, one after the other."""

    n_workers = 1

    def map(
        self,
        fn: Callable[[T], R],
        items: Iterable[T],
        *,
        total: int | None = None,
        progress: ProgressCallback | None = None,
    ) -> Iterator[R | BaseException]:
        done = 0
        for item in items:
            try:
                value: R | BaseException = fn(item)
            except Exception as exc:
                value = exc
            done += 1
            if progress is not None:
                progress(done, total or 0)
            yield value

    def close(self) -> None:
        pass

    def __repr__(self) -> str:
        return "LocalExecutor()"


def _mp_context() -> Any:
    # fork from a process with threads (Dask, BLAS) can deadlock; forkserver forks a clean one.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def _pid(_: object) -> int:
    return os.getpid()


class PoolExecutor(_Base):
    """Runs items in worker processes on this machine (:mod:`concurrent.futures`).

    Parameters
    ----------
    n_workers
        Number of processes (default: the machine's cores as ``os.cpu_count()`` reports).
        The pool starts on first use and lives until :meth:`close`.
    """

    def __init__(self, n_workers: int | None = None):
        self.n_workers = int(n_workers or os.cpu_count() or 1)
        if self.n_workers < 1:
            raise ValueError(f"n_workers={n_workers} must be at least 1")
        self._pool: Any = None

    def _get_pool(self) -> Any:
        if self._pool is None:
            from concurrent.futures import ProcessPoolExecutor

            self._pool = ProcessPoolExecutor(max_workers=self.n_workers, mp_context=_mp_context())
        return self._pool

    def map(
        self,
        fn: Callable[[T], R],
        items: Iterable[T],
        *,
        total: int | None = None,
        progress: ProgressCallback | None = None,
    ) -> Iterator[R | BaseException]:
        pool = self._get_pool()
        return self._ordered(
            lambda item: pool.submit(fn, item), lambda f: f.result(), items, total, progress
        )

    def warm_up(self) -> None:
        """Start every worker process now (so that timings exclude start-up)."""
        pool = self._get_pool()
        list(pool.map(_pid, range(self.n_workers)))

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __repr__(self) -> str:
        return f"PoolExecutor(n_workers={self.n_workers})"


class DaskExecutor(_Base):
    """Runs items on a Dask cluster: an existing one, or a local one it starts and closes.

    Parameters
    ----------
    scheduler
        Address of a running scheduler (``"tcp://host:8786"``); the executor connects a
        client and closes only that client. Without it, a ``distributed.LocalCluster`` of
        *n_workers* is started on first use and shut down by :meth:`close`.
    n_workers, threads_per_worker, processes
        Shape of the local cluster (ignored with *scheduler*). ``processes=False`` keeps the
        workers as threads of this process (cheap, for tests); the engine holds a lock per
        model, so use processes for speed-ups.
    """

    def __init__(
        self,
        scheduler: str | None = None,
        *,
        n_workers: int | None = None,
        threads_per_worker: int = 1,
        processes: bool = True,
        **cluster_kwargs: Any,
    ):
        self.scheduler = scheduler
        self._n_workers = n_workers
        self.threads_per_worker = threads_per_worker
        self.processes = processes
        self.cluster_kwargs = cluster_kwargs
        self._client: Any = None
        self._cluster: Any = None

    @property
    def n_workers(self) -> int:  # type: ignore[override]
        if self._client is not None:
            info = self._client.scheduler_info()
            threads = sum(w.get("nthreads", 1) for w in info.get("workers", {}).values())
            return max(1, threads)
        return max(1, (self._n_workers or os.cpu_count() or 1) * self.threads_per_worker)

    @property
    def client(self) -> Any:
        """The ``distributed.Client`` (connecting or starting the cluster on first use)."""
        if self._client is None:
            from .optional import require

            require("distributed", "the Dask executor")
            from distributed import Client, LocalCluster

            if self.scheduler is not None:
                _probe(self.scheduler)
                try:
                    self._client = Client(
                        self.scheduler, set_as_default=False, timeout=CONNECT_TIMEOUT_S
                    )
                except (OSError, TimeoutError) as exc:
                    raise ExecutorError(
                        f"--scheduler {self.scheduler}: no Dask scheduler answered within "
                        f"{CONNECT_TIMEOUT_S:g} s ({type(exc).__name__}); start one "
                        "(`dask scheduler`) or check the address"
                    ) from None
            else:
                kwargs: dict[str, Any] = {
                    "n_workers": self._n_workers or os.cpu_count() or 1,
                    "threads_per_worker": self.threads_per_worker,
                    "processes": self.processes,
                    "dashboard_address": ":0",  # a free port: 8787 may be taken
                    "silence_logs": 40,
                }
                kwargs.update(self.cluster_kwargs)
                self._cluster = LocalCluster(**kwargs)
                self._client = Client(self._cluster, set_as_default=False)
        return self._client

    def map(
        self,
        fn: Callable[[T], R],
        items: Iterable[T],
        *,
        total: int | None = None,
        progress: ProgressCallback | None = None,
    ) -> Iterator[R | BaseException]:
        client = self.client
        if not self._workers():  # say so before sending work a scheduler would only hold
            try:
                client.wait_for_workers(1, timeout=NO_WORKERS_S)
            except TimeoutError:
                raise self._no_workers() from None
        return self._ordered(
            lambda item: client.submit(fn, item, pure=False),
            self._result,
            items,
            total,
            progress,
        )

    def _result(self, future: Any) -> Any:
        """The future's result; :class:`ExecutorError` when the cluster has had no worker
        for :data:`NO_WORKERS_S` seconds or the scheduler is gone (a bare ``result()``
        would wait for ever)."""
        alone_since: float | None = None
        while True:
            try:
                return future.result(timeout=POLL_S)
            except TimeoutError:
                pass
            where = self.scheduler or "the local Dask cluster"
            try:
                workers = self._workers()
            except Exception as exc:  # the scheduler itself went away or stopped answering
                raise ExecutorError(
                    f"lost the Dask scheduler {where} mid-run ({type(exc).__name__}); "
                    "results so far are discarded: restart it and run again"
                ) from None
            if workers:
                alone_since = None
                continue
            now = time.monotonic()
            alone_since = alone_since if alone_since is not None else now
            if now - alone_since >= NO_WORKERS_S:
                raise self._no_workers()

    def _no_workers(self) -> ExecutorError:
        where = self.scheduler or "the local Dask cluster"
        return ExecutorError(
            f"the Dask scheduler {where} has had no worker for {NO_WORKERS_S:g} s "
            "(every worker is gone or none ever joined); start workers "
            f"(`dask worker {self.scheduler or 'ADDRESS'}`) and run again"
        )

    def _workers(self) -> dict[str, Any]:
        """The scheduler's workers, asked with a deadline: ``Client.scheduler_info`` has
        none and waited for ever once when the scheduler's event loop stalled."""
        client = self._client
        info = client.sync(
            client.scheduler.identity, n_workers=-1, callback_timeout=CONNECT_TIMEOUT_S
        )
        return dict(info.get("workers", {}))

    def warm_up(self) -> None:
        """Connect or start the cluster now."""
        self.client.wait_for_workers(1)

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None

    def __repr__(self) -> str:
        where = self.scheduler or f"LocalCluster(n_workers={self._n_workers})"
        return f"DaskExecutor({where})"


def _probe(address: str) -> None:
    """Fail within :data:`CONNECT_TIMEOUT_S` when no Dask scheduler answers at *address*.

    A plain TCP connection first (distributed retries a refused one until its timeout),
    then one Dask handshake without a client, so that a port answering with something other
    than Dask fails here rather than leaving a half-built client to time out at exit.
    """
    try:
        _tcp_probe(address)
        _handshake(address)
    except ExecutorError:
        raise
    except Exception as exc:
        text = str(exc).splitlines()[0] if str(exc) else ""
        if isinstance(exc, ConnectionRefusedError):
            why = "connection refused"
        elif isinstance(exc, TimeoutError) or "timed out" in text.lower():
            why = f"no reply within {CONNECT_TIMEOUT_S:g} s"
        elif isinstance(exc, OSError):
            why = text or type(exc).__name__
        else:
            why = f"what answers is not a Dask scheduler: {type(exc).__name__}"
        raise ExecutorError(
            f"--scheduler {address}: no Dask scheduler answered ({why}); "
            "start one (`dask scheduler`) or check the address"
        ) from None


def _tcp_probe(address: str) -> None:
    import socket
    from urllib.parse import urlsplit

    parts = urlsplit(address)
    if parts.scheme == "tcp" and parts.hostname is not None and parts.port is not None:
        with socket.create_connection((parts.hostname, parts.port), timeout=CONNECT_TIMEOUT_S):
            pass


def _handshake(address: str) -> None:
    import asyncio

    from distributed.comm import connect

    async def handshake() -> None:
        comm = await asyncio.wait_for(
            connect(address, timeout=CONNECT_TIMEOUT_S), CONNECT_TIMEOUT_S
        )
        await comm.close()

    asyncio.run(handshake())


def get_executor(
    kind: str | Executor | None = "local",
    *,
    workers: int | None = None,
    scheduler: str | None = None,
) -> Executor:
    """An executor by name: ``"local"``, ``"pool"`` or ``"dask"`` (an executor passes through).

    A *scheduler* address implies ``"dask"``.
    """
    if kind is None:
        kind = "dask" if scheduler else "local"
    if not isinstance(kind, str):
        return kind
    name = kind.lower()
    if scheduler and name != "dask":
        raise ValueError(f"--scheduler {scheduler} needs the dask executor, not {kind!r}")
    if name == "local":
        return LocalExecutor()
    if name == "pool":
        return PoolExecutor(workers)
    if name == "dask":
        return DaskExecutor(scheduler, n_workers=workers)
    raise ValueError(f"unknown executor {kind!r}; choose one of {', '.join(EXECUTORS)}")
