"""Settings of the web simulator, validated once at start-up.

``pydantic-settings`` is not a dependency, so this is a plain pydantic model: build it from
keyword arguments (the CLI does) or from ``DOOMLOOP_WEB_*`` environment variables with
:meth:`Settings.from_env`. A bad value fails at start-up with the field and its allowed range,
never later in a request.
"""

from __future__ import annotations

import os
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator


class Settings(BaseModel):
    """Where the server listens, which model it serves and the limits on every request."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    host: str = Field(
        default="127.0.0.1", min_length=1, max_length=255, description="Address to bind."
    )
    port: int = Field(default=8000, ge=0, le=65535, description="TCP port (0 picks a free one).")
    model: str = Field(
        default="japan", min_length=1, max_length=4096, description="Shipped model name or path."
    )
    max_members: int = Field(
        default=200, ge=2, le=2000, description="Most ensemble members one request may ask for."
    )
    live_members: int = Field(
        default=30, ge=2, le=500, description="Members of the live band the page asks for."
    )
    first_members: int = Field(
        default=10,
        ge=0,
        le=500,
        description=(
            "Members of the first band the page draws when an assumption moves (every member "
            "then runs whole), before the rest of the live band's members complete it; the "
            "live band's own members, so none is run twice. 0: the whole band at once."
        ),
    )
    max_outputs: int = Field(
        default=40, ge=1, le=500, description="Most series one request may ask for."
    )
    max_params: int = Field(
        default=500, ge=1, le=10000, description="Most parameter overrides in one request."
    )
    max_body_bytes: int = Field(
        default=65536, ge=1024, le=16 * 1024 * 1024, description="Largest request body (else 413)."
    )
    max_concurrency: int = Field(
        default=4, ge=1, le=64, description="Simulation requests running at once (others queue)."
    )
    queue_timeout_s: float = Field(
        default=60.0, gt=0, le=600, description="Longest wait for a simulation slot (else 503)."
    )
    request_timeout_s: float = Field(
        default=120.0,
        gt=0,
        le=3600,
        description="Longest simulation time of one request (else 504).",
    )
    workers: int = Field(
        default=2, ge=1, le=64, description="Threads (each with its own engine) running members."
    )
    view_start: float | None = Field(
        default=None, description="First year the page shows (default: 2000, or the model start)."
    )
    loops_timeout_s: float = Field(
        default=60.0, gt=0, le=3600, description="Time budget of loop discovery (large models)."
    )
    loops_dt: float | None = Field(
        default=None,
        gt=0,
        le=1,
        description=(
            "Time step of the why panel's loop-score run (None: the model's own; never finer "
            "than the model's). None since the population has single-year age slots: 0.25 "
            "and 0.125 year told another story than the model's own step on three Japan "
            "scenarios (R3 against other feedback in 2029-2035 and 2056-2059), "
            "tests/analysis/test_loops.py."
        ),
    )
    moves_wait_s: float = Field(
        default=2.0, ge=0, le=600, description="Wait for the lever-effect table per request."
    )
    background: bool = Field(
        default=True, description="Work out lever effects and warm the kernel at start-up."
    )
    use_kernel: bool = Field(
        default=True, description="Use doomloop.kernel for ensembles when it compiles the model."
    )
    cache_size: int = Field(default=256, ge=0, le=100000, description="Cached runs (0 disables).")
    allowed_hosts: tuple[str, ...] = Field(
        default=(),
        max_length=100,
        description="Host names served besides localhost, 127.0.0.1, [::1] and the bind address "
        "(others get 400: a page on another site cannot rebind its name to this server).",
    )
    header_timeout_s: float = Field(
        default=10.0, gt=0, le=600, description="Longest wait for a request's headers."
    )
    body_timeout_s: float = Field(
        default=10.0, gt=0, le=600, description="Longest wait for each part of a request body."
    )
    keep_alive_s: float = Field(
        default=5.0, gt=0, le=600, description="Idle time before a kept-alive connection closes."
    )

    @field_validator("allowed_hosts", mode="before")
    @classmethod
    def _split_hosts(cls, value: Any) -> Any:
        if isinstance(value, str):  # DOOMLOOP_WEB_ALLOWED_HOSTS=a.example,b.example
            return tuple(h.strip() for h in value.split(",") if h.strip())
        return value

    @property
    def served_hosts(self) -> frozenset[str]:
        """Host names (lower case, no port) this server answers."""
        hosts = {"localhost", "127.0.0.1", "[::1]", "::1"}
        if self.host not in ("0.0.0.0", "::", ""):
            hosts.add(self.host.lower())
        hosts.update(h.lower() for h in self.allowed_hosts)
        return frozenset(hosts)

    @model_validator(mode="after")
    def _live_within_max(self) -> Settings:
        if self.live_members > self.max_members:
            raise ValueError(
                f"live_members ({self.live_members}) must not exceed max_members "
                f"({self.max_members})"
            )
        return self

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **overrides: Any) -> Settings:
        """Settings from ``DOOMLOOP_WEB_<FIELD>`` variables, with *overrides* on top."""
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for name in cls.model_fields:
            key = f"DOOMLOOP_WEB_{name.upper()}"
            if key in env:
                values[name] = env[key]
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls.model_validate(values)
