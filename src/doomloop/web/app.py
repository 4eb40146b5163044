"""The app factory: :func:`create_app` builds the FastAPI application for one model.

The model is loaded when the app is built, so a bad model or setting fails at start-up with
the engine's message, not at the first request.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import __version__
from .routes import Gate, build_router, error_response, validation_detail
from .service import Simulator
from .settings import Settings
from .sources_ja import japanese_sources

STATIC_DIR = Path(__file__).parent / "static"


def plotly_js_path() -> Path:
    """The ``plotly.min.js`` shipped inside the installed ``plotly`` package."""
    import plotly

    return Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


#: Headers of every response: no MIME sniffing, no framing by another site, and a content
#: policy that lets the page load only its own scripts, styles and data (Plotly sets inline
#: styles, so style-src allows them; its images are data: URIs).
SECURITY_HEADERS = (
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (
        b"content-security-policy",
        b"default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        b"img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
        b"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    ),
)


def _host_name(value: str) -> str:
    """The name part of a Host header: ``[::1]:8000`` -> ``[::1]``, ``a.b:80`` -> ``a.b``."""
    value = value.strip().lower()
    if value.startswith("["):
        return value.split("]", 1)[0] + "]"
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


class GuardMiddleware:
    """The checks of every request before the app sees it, and the headers of every answer.

    A Host header outside ``settings.served_hosts`` gets 400 (DNS rebinding: a page on another
    site that points its own name at 127.0.0.1 must not reach the API); every response gets
    :data:`SECURITY_HEADERS`.
    """

    def __init__(self, app: ASGIApp, settings: Settings):
        self.app = app
        self.hosts = settings.served_hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        host = next((v.decode("latin-1") for k, v in scope.get("headers", []) if k == b"host"), "")
        if _host_name(host) not in self.hosts:
            msg = (
                f"Host {host!r} is not served here; this server answers "
                f"{', '.join(sorted(self.hosts))}. Open it by one of those names, or start it "
                "with DOOMLOOP_WEB_ALLOWED_HOSTS=name"
            )
            await _reply(send, 400, "host", msg, "host_not_allowed")
            return

        async def secured_send(msg: Message) -> None:
            if msg["type"] == "http.response.start":
                msg = {**msg, "headers": [*msg.get("headers", []), *SECURITY_HEADERS]}
            await send(msg)

        await self.app(scope, receive, secured_send)


async def _reply(send: Send, status: int, loc: str, msg: str, kind: str) -> None:
    resp = error_response(status, [{"loc": [loc], "msg": msg, "type": kind}])
    headers = [(k.encode(), v.encode()) for k, v in resp.headers.items()]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": resp.body})


class BodyLimitMiddleware:
    """Refuse request bodies larger than *limit* bytes with 413, declared or streamed, and
    bodies that stall: each part must arrive within *timeout* seconds (else 408)."""

    def __init__(self, app: ASGIApp, limit: int, timeout: float = 10.0):
        self.app = app
        self.limit = limit
        self.timeout = timeout

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for key, value in scope.get("headers", []):
            if key == b"content-length":
                try:
                    n = int(value)
                except ValueError:
                    await self._reply(send, 400, "content-length is not a number")
                    return
                if n > self.limit:
                    await self._reply(send, 413, self._message(n))
                    return
        seen = 0

        async def limited_receive() -> Message:
            nonlocal seen
            try:
                msg = await asyncio.wait_for(receive(), timeout=self.timeout)
            except TimeoutError:
                raise HTTPException(
                    408,
                    detail=[
                        {
                            "loc": ["body"],
                            "msg": f"the request body stalled: no data for {self.timeout:g} s; "
                            "send the whole body at once",
                            "type": "body_timeout",
                        }
                    ],
                ) from None
            if msg["type"] == "http.request":
                seen += len(msg.get("body", b""))
                if seen > self.limit:
                    # FastAPI re-raises its own HTTPException from body reading unchanged.
                    raise HTTPException(
                        413,
                        detail=[
                            {"loc": ["body"], "msg": self._message(seen), "type": "body_too_large"}
                        ],
                    )
            return msg

        await self.app(scope, limited_receive, send)

    def _message(self, n: int) -> str:
        return f"request body of {n} bytes is larger than the limit of {self.limit} bytes"

    async def _reply(self, send: Send, status: int, msg: str) -> None:
        resp = error_response(status, [{"loc": ["body"], "msg": msg, "type": "body_too_large"}])
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [(k.encode(), v.encode()) for k, v in resp.headers.items()],
            }
        )
        await send({"type": "http.response.body", "body": resp.body})


def create_app(settings: Settings | None = None, *, simulator: Simulator | None = None) -> FastAPI:
    """Build the web simulator for ``settings.model`` (default settings: the Japan model)."""
    settings = settings or Settings()
    japanese_sources()  # a malformed table of Japanese sources fails here, before any work
    sim = simulator or Simulator(settings)
    gate = Gate(settings)
    loops_gate = Gate(settings, slots=1)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        gate.close()
        loops_gate.close()
        sim.close()

    app = FastAPI(
        title="doomloop web simulator",
        version=__version__,
        description="Run the doomloop model from a browser: levers, bands, loops.",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.simulator = sim

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> Response:
        return error_response(422, validation_detail(request, exc.errors()))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        detail: Any = exc.detail
        if not isinstance(detail, list):
            detail = [{"loc": [], "msg": str(detail), "type": "http_error"}]
        return error_response(exc.status_code, detail)

    app.include_router(build_router(sim, gate, loops_gate))

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC_DIR / "index.html", media_type="text/html")

    @app.get("/vendor/plotly.min.js", include_in_schema=False)
    def plotly_js() -> FileResponse:
        return FileResponse(
            plotly_js_path(),
            media_type="text/javascript",
            headers={"Cache-Control": "public, max-age=86400"},
        )

    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.add_middleware(
        BodyLimitMiddleware, limit=settings.max_body_bytes, timeout=settings.body_timeout_s
    )
    app.add_middleware(GuardMiddleware, settings=settings)
    return app
