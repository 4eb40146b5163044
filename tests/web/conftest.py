"""Fixtures of the web tests: an app over the small logistic model, a live server, a browser."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from doomloop.web import Settings, create_app
from doomloop.web.headless import CHROMIUM, launch

FIXTURE_MODEL = Path(__file__).resolve().parents[1] / "fixtures" / "logistic"
AXE = Path(__file__).with_name("vendor") / "axe-core" / "axe.min.js"  # MPL-2.0, see README


def _serious_axe_violations(page: Any) -> list[dict[str, Any]]:
    page.evaluate(AXE.read_text(encoding="utf-8"))  # a script tag would break the page's CSP
    found = page.evaluate(
        "() => axe.run(document, {resultTypes: ['violations']}).then(r => r.violations.map("
        "v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' '))})))"
    )
    return [v for v in found if v["impact"] in ("serious", "critical")]


@pytest.fixture
def axe_serious() -> Any:
    """A function: axe-core's serious and critical violations of what a page shows now."""
    return _serious_axe_violations


@pytest.fixture(scope="session")
def settings() -> Settings:
    # The vectorised kernel (numba compile) is tested on its own, not warmed for every app.
    return Settings(model=str(FIXTURE_MODEL), max_members=100, live_members=20, use_kernel=False)


@pytest.fixture(scope="session")
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings), base_url="http://localhost") as c:
        yield c


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LiveServer:
    """uvicorn serving an app on 127.0.0.1 in a background thread."""

    def __init__(self, app: Any):
        import uvicorn

        self.port = free_port()
        config = uvicorn.Config(
            app,
            host="127.0.0.1",
            port=self.port,
            log_level="warning",
            ws="none",
            http="h11",
            lifespan="on",
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="session")
def live_server(settings: Settings) -> Iterator[LiveServer]:
    with LiveServer(create_app(settings)) as srv:
        yield srv


@pytest.fixture(scope="module")
def japan_live_server() -> Iterator[LiveServer]:
    """The Japan model served as the page would serve it (loops analysed on request; the
    compiled kernel off: it is tested on its own)."""
    settings = Settings(model="japan", background=False, use_kernel=False, live_members=5)
    with LiveServer(create_app(settings)) as srv:
        yield srv


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's chromium driven by Playwright; skips (saying why) where it cannot start."""
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.skip(
            f"chromium not found at {CHROMIUM}; install it with `bash scripts/install-browser.sh`"
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not installed (pip install -e '.[test]')")
    pw = sync_playwright().start()
    try:
        b = launch(pw)
    except Exception as exc:  # no display libraries, sandbox refusal...
        pw.stop()
        pytest.skip(f"chromium at {CHROMIUM} could not be launched: {exc}")
    try:
        yield b
    finally:
        b.close()
        pw.stop()


def _keep(path: Path) -> None:
    target = os.environ.get("DOOMLOOP_ARTIFACTS")
    if target:
        Path(target).mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, Path(target) / path.name)


@pytest.fixture
def keep_artifact() -> Any:
    """A function copying a test artifact to $DOOMLOOP_ARTIFACTS when that is set."""
    return _keep
