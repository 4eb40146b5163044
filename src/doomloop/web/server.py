"""How the web simulator is served: uvicorn with limits on slow and oversized requests.

uvicorn closes idle kept-alive connections (``timeout_keep_alive``) and caps an incomplete
request head (``h11_max_incomplete_event_size``), but it waits forever for a request head that
arrives a byte at a time. :class:`GuardedH11Protocol` closes a connection whose request head is
not complete within ``settings.header_timeout_s``; the app's body middleware bounds the body
(:class:`~doomloop.web.app.BodyLimitMiddleware`).
"""

from __future__ import annotations

import asyncio
from typing import Any

from uvicorn.protocols.http.h11_impl import H11Protocol

from .settings import Settings

#: Largest request head (request line and headers) in bytes.
MAX_HEAD_BYTES = 16 * 1024


class GuardedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol that closes a connection stuck before its request head ends."""

    header_timeout_s = 10.0

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._head_timer: asyncio.TimerHandle | None = None
        self._arm_head_timer()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._arm_head_timer()

    def connection_lost(self, exc: Exception | None) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
        super().connection_lost(exc)

    def _arm_head_timer(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
        self._head_timer = self.loop.call_later(self.header_timeout_s, self._head_timeout)

    def _head_timeout(self) -> None:
        # Still no complete request head (a request whose head ended is bounded by the app).
        waiting = self.cycle is None or self.cycle.response_complete
        if waiting and not self.transport.is_closing():
            self.transport.close()


def uvicorn_config(app: Any, settings: Settings, **overrides: Any) -> Any:
    """The uvicorn configuration serving *app* with the limits of *settings*."""
    import uvicorn

    protocol = type(
        "GuardedH11", (GuardedH11Protocol,), {"header_timeout_s": settings.header_timeout_s}
    )
    kwargs: dict[str, Any] = {
        "host": settings.host,
        "port": settings.port,
        "log_level": "warning",
        "http": protocol,
        "ws": "none",
        "timeout_keep_alive": settings.keep_alive_s,
        "h11_max_incomplete_event_size": MAX_HEAD_BYTES,
    }
    kwargs.update(overrides)
    return uvicorn.Config(app, **kwargs)


def serve(app: Any, settings: Settings, **overrides: Any) -> None:
    """Serve *app* until interrupted (what ``doomloop serve`` runs)."""
    import uvicorn

    uvicorn.Server(uvicorn_config(app, settings, **overrides)).run()
