"""The web API under bad requests: 4xx with the field and the fix, never a 500 or a hang."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from badinput import nan_model

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from doomloop.web import Settings, create_app  # noqa: E402
from doomloop.web.server import uvicorn_config  # noqa: E402


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    folder = nan_model(tmp_path_factory.mktemp("web"))
    settings = Settings(
        model=str(folder), use_kernel=False, background=False, max_members=20, live_members=10
    )
    with TestClient(create_app(settings), base_url="http://localhost") as c:
        yield c


def _detail(r: Any) -> dict[str, Any]:
    body = r.json()
    assert "Traceback" not in r.text
    return dict(body["detail"][0])


#: case -> (method, path, body, status, loc, words of the message)
CASES: dict[str, tuple[str, str, Any, int, list[Any], tuple[str, ...]]] = {
    "run_empty_outputs": ("post", "/api/run", {"outputs": []}, 422, ["body", "outputs"],
                          ("outputs", "at least 1")),
    "ensemble_empty_outputs": ("post", "/api/ensemble", {"outputs": []}, 422,
                               ["body", "outputs"], ("at least 1",)),
    "run_turns_nan": ("post", "/api/run", {"params": {"shift": 5}}, 422, ["body", "params"],
                      ("variable 'level' became NaN at time 6", "Check the parameters")),
    "ensemble_all_nan": ("post", "/api/ensemble", {"params": {"shift": 0.5}, "members": 4},
                         422, ["body", "params"], ("all 4 ensemble members",)),
    "loops_turns_nan": ("post", "/api/loops", {"params": {"shift": 5}}, 422, ["body", "params"],
                        ("variable 'level' became NaN",)),
    "true_as_a_number": ("post", "/api/run", {"params": {"shift": True}}, 422,
                         ["body", "params", "shift"], ("valid number", "not true/false")),
    "text_as_a_number": ("post", "/api/run", {"params": {"shift": "5"}}, 422,
                         ["body", "params", "shift"], ("valid number",)),
    "true_as_members": ("post", "/api/ensemble", {"members": True}, 422, ["body", "members"],
                        ("valid integer",)),
    "unknown_parameter": ("post", "/api/run", {"params": {"shfit": 1}}, 422,
                          ["body", "params", "shfit"], ("unknown parameter", "Did you mean")),
    "out_of_bounds": ("post", "/api/run", {"params": {"shift": 99}}, 422,
                      ["body", "params", "shift"], ("outside its possible range",)),
    "unknown_output": ("post", "/api/run", {"outputs": ["nope"]}, 422, ["body", "outputs", 0],
                       ("no output 'nope'", "GET /api/models")),
    "members_too_many": ("post", "/api/ensemble", {"members": 50}, 422, ["body", "members"],
                         ("allowed 2 to 20",)),
    "unknown_field": ("post", "/api/run", {"parms": {}}, 422, ["body", "parms"],
                      ("Extra inputs",)),
    "window_outside": ("post", "/api/run", {"start": 1900}, 422, ["body", "start"],
                       ("outside the run",)),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_request_gets_a_named_4xx(client: TestClient, case: str) -> None:
    method, path, body, status, loc, words = CASES[case]
    r = getattr(client, method)(path, json=body)
    assert r.status_code == status, r.text
    d = _detail(r)
    assert d["loc"] == loc
    for w in words:
        assert w in d["msg"], (w, d)


def test_type_error_carries_no_unrelated_hint(client: TestClient) -> None:
    d = _detail(client.post("/api/run", json={"params": {"shift": "x"}}))
    assert "entries" not in d["msg"] and "allowed" not in d


@pytest.mark.parametrize(
    ("body", "words"),
    [
        (b"{not json", ("not valid JSON", "at character 1", '{"params"')),
        (b"[1, 2]", ("not a JSON object",)),
        (b"", ("body: empty",)),
    ],
)
def test_unparsable_body_is_a_named_422(client: TestClient, body: bytes, words: tuple) -> None:
    r = client.post("/api/run", content=body, headers={"content-type": "application/json"})
    assert r.status_code == 422
    d = _detail(r)
    assert d["loc"] == ["body"]
    for w in words:
        assert w in d["msg"], (w, d)


def test_oversized_body_is_413(client: TestClient) -> None:
    r = client.post("/api/run", content=b" " * 70_000, headers={"content-type": "application/json"})
    assert r.status_code == 413 and "larger than the limit" in _detail(r)["msg"]


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "127.0.0.1.nip.io"])
def test_foreign_host_is_refused(client: TestClient, host: str) -> None:
    r = client.get("/api/health", headers={"host": host})
    assert r.status_code == 400
    d = _detail(r)
    assert d["type"] == "host_not_allowed" and "DOOMLOOP_WEB_ALLOWED_HOSTS" in d["msg"]


@pytest.mark.parametrize("host", ["localhost:8000", "127.0.0.1", "[::1]:8000"])
def test_local_hosts_are_served(client: TestClient, host: str) -> None:
    assert client.get("/api/health", headers={"host": host}).status_code == 200


def test_configured_host_is_served(tmp_path: Path) -> None:
    s = Settings(model=str(nan_model(tmp_path)), use_kernel=False, background=False,
                 allowed_hosts="sim.example, other.example")  # fmt: skip
    assert s.allowed_hosts == ("sim.example", "other.example")
    with TestClient(create_app(s), base_url="http://sim.example") as c:
        assert c.get("/api/health").status_code == 200


@pytest.mark.parametrize("path", ["/", "/api/health", "/static/app.js", "/nope"])
def test_security_headers_on_every_answer(client: TestClient, path: str) -> None:
    h = client.get(path).headers
    assert h["x-content-type-options"] == "nosniff"
    assert h["x-frame-options"] == "DENY"
    assert "frame-ancestors 'none'" in h["content-security-policy"]
    assert "script-src 'self'" in h["content-security-policy"]


# -- slow clients against the real server -----------------------------------------------------


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    import uvicorn

    folder = nan_model(tmp_path_factory.mktemp("srv"))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    settings = Settings(model=str(folder), port=port, use_kernel=False, background=False,
                        header_timeout_s=0.5, body_timeout_s=0.5, keep_alive_s=0.5)  # fmt: skip
    srv = uvicorn.Server(uvicorn_config(create_app(settings), settings))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.02)
    yield port
    srv.should_exit = True
    thread.join(timeout=10)


def _read_all(sock: socket.socket, limit: float = 5.0) -> bytes:
    sock.settimeout(limit)
    data = b""
    try:
        while chunk := sock.recv(65536):
            data += chunk
    except TimeoutError:
        pass
    return data


def test_stalled_request_head_is_closed(server: int) -> None:
    with socket.create_connection(("127.0.0.1", server)) as sock:
        sock.sendall(b"GET /api/health HTTP/1.1\r\nHost: localhost\r\nX-Slow: ")
        t0 = time.monotonic()
        assert _read_all(sock) == b""  # closed, no answer
        assert time.monotonic() - t0 < 4


def test_idle_connection_is_closed(server: int) -> None:
    with socket.create_connection(("127.0.0.1", server)) as sock:
        assert _read_all(sock) == b""


def test_stalled_body_is_408(server: int) -> None:
    with socket.create_connection(("127.0.0.1", server)) as sock:
        sock.sendall(b"POST /api/run HTTP/1.1\r\nHost: localhost\r\nContent-Type: "
                     b"application/json\r\nContent-Length: 100\r\n\r\n{\"params\": ")  # fmt: skip
        reply = _read_all(sock)
    assert reply.startswith(b"HTTP/1.1 408"), reply[:200]
    assert b"stalled" in reply


def test_oversized_head_is_refused(server: int) -> None:
    with socket.create_connection(("127.0.0.1", server)) as sock:
        sock.sendall(b"GET /api/health HTTP/1.1\r\nHost: localhost\r\nX-Big: " + b"a" * 40_000)
        reply = _read_all(sock)
    assert reply == b"" or reply.startswith(b"HTTP/1.1 4"), reply[:200]


def test_a_normal_request_still_works(server: int) -> None:
    with socket.create_connection(("127.0.0.1", server)) as sock:
        sock.sendall(b"GET /api/health HTTP/1.1\r\nHost: localhost\r\n\r\n")
        reply = _read_all(sock, 3)
    assert reply.startswith(b"HTTP/1.1 200")
