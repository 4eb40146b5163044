"""The HTTP API: health, models, parameters, run, ensemble, loops.

Every simulation runs in a worker thread behind a semaphore (at most
``settings.max_concurrency`` at once, a bounded wait for a slot, a time limit), so that no
request can start unbounded work. Bad input gets a 422 whose ``detail`` names the field and
its allowed range, in the same shape as FastAPI's own validation errors.
"""

from __future__ import annotations

import asyncio
import functools
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from .. import __version__, available_models
from ..errors import OutOfBoundsError, SimulationError, UnknownParameterError
from .display import display_for
from .loop_route import add_loop_diagram_route
from .schemas import (
    Band,
    EnsembleRequest,
    EnsembleResponse,
    Health,
    LoopInfo,
    LoopsRequest,
    LoopsResponse,
    ModelInfo,
    ModelsResponse,
    ParameterInfo,
    ParametersResponse,
    Period,
    RunRequest,
    RunResponse,
    ScenarioInfo,
    ScenariosResponse,
    Story,
)
from .service import Simulator
from .settings import Settings
from .sources_ja import source_ja

T = TypeVar("T")


class APIError(HTTPException):
    """An HTTP error whose detail is a list of FastAPI-style error entries."""

    def __init__(self, status: int, loc: Sequence[str | int], msg: str, kind: str, **extra: Any):
        entry: dict[str, Any] = {"loc": list(loc), "msg": msg, "type": kind}
        entry.update(extra)
        super().__init__(status_code=status, detail=[entry])


def _finite_or_none(x: float) -> float | None:
    return x if abs(x) != float("inf") else None


def _display_name(profile: Any) -> dict[str, str] | None:
    country = profile.country
    return {"en": country.name.en, "ja": country.name.ja} if country else None


def _shipped_name(name: str) -> dict[str, str] | None:
    from ..engine import MODELS_DIR
    from ..errors import ProfileError
    from ..profile import PROFILE_FILE, load_profile

    path = MODELS_DIR / name / PROFILE_FILE
    try:
        return _display_name(load_profile(path)) if path.is_file() else None
    except ProfileError:
        return None


class Gate:
    """Runs blocking work in a thread with a concurrency cap, a queue timeout and a deadline."""

    def __init__(self, settings: Settings, slots: int | None = None):
        self.settings = settings
        self.slots = settings.max_concurrency if slots is None else slots
        self._sem: asyncio.Semaphore | None = None
        self.executor = ThreadPoolExecutor(
            max_workers=self.slots, thread_name_prefix="doomloop-req"
        )

    def _semaphore(self) -> asyncio.Semaphore:
        if self._sem is None:
            self._sem = asyncio.Semaphore(self.slots)
        return self._sem

    async def run(self, fn: Callable[[float], T]) -> T:
        """Call ``fn(deadline)`` in a thread; 503 if no slot frees in time, 504 past the limit."""
        sem = self._semaphore()
        try:
            await asyncio.wait_for(sem.acquire(), timeout=self.settings.queue_timeout_s)
        except TimeoutError:
            raise APIError(
                503,
                ["server"],
                f"the server is busy ({self.slots} simulations running); try again in a moment",
                "busy",
            ) from None
        loop = asyncio.get_running_loop()
        deadline = time.monotonic() + self.settings.request_timeout_s
        fut = loop.run_in_executor(self.executor, fn, deadline)
        # The slot is freed when the work really ends, not when we stop waiting for it.
        fut.add_done_callback(lambda _f: sem.release())
        try:
            return await asyncio.wait_for(
                asyncio.shield(fut), timeout=self.settings.request_timeout_s
            )
        except TimeoutError:
            raise APIError(
                504,
                ["server"],
                f"the simulation took longer than {self.settings.request_timeout_s:g} s; "
                "ask for fewer members or outputs",
                "timeout",
            ) from None

    def close(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)


class _Checks:
    """Checks of a request's parameters, outputs and window against the served model; each
    failure is an :class:`APIError` naming the field and what is allowed."""

    def __init__(self, sim: Simulator):
        self.sim = sim
        self.settings = sim.settings

    def params(self, params: Mapping[str, float], field: str = "params") -> dict[str, float]:
        out: dict[str, float] = {}
        for name, value in params.items():
            try:
                p = self.sim.table[name]
            except UnknownParameterError as exc:
                raise APIError(
                    422, ["body", field, name], str(exc), "unknown_parameter", name=name
                ) from None
            try:
                out[name] = p.check(value, field)
            except OutOfBoundsError as exc:
                raise APIError(
                    422,
                    ["body", field, name],
                    str(exc),
                    "out_of_bounds",
                    name=name,
                    allowed=f"{p.lower_bound:g} to {p.upper_bound:g}",
                    lower=p.lower_bound,
                    upper=p.upper_bound,
                ) from None
        if len(out) > self.settings.max_params:
            raise APIError(
                422,
                ["body", field],
                f"{field}: {len(out)} overrides; at most {self.settings.max_params} are allowed",
                "too_long",
                allowed=f"at most {self.settings.max_params} entries",
            )
        return out

    def outputs(self, outputs: list[str] | None) -> list[str]:
        if outputs is None:
            return list(self.sim.default_outputs)
        if len(outputs) > self.settings.max_outputs:
            raise APIError(
                422,
                ["body", "outputs"],
                f"outputs: {len(outputs)} series asked for; at most {self.settings.max_outputs} "
                "are allowed",
                "too_long",
                allowed=f"at most {self.settings.max_outputs} items",
            )
        seen: list[str] = []
        for i, name in enumerate(outputs):
            if not self.sim.has_output(name):
                from ..errors import did_you_mean

                raise APIError(
                    422,
                    ["body", "outputs", i],
                    f"model '{self.sim.model.name}' has no output '{name}'."
                    f"{did_you_mean(name, self.sim.outputs)} List them with GET /api/models.",
                    "unknown_output",
                    name=name,
                )
            if name not in seen:
                seen.append(name)
        return seen

    def window(self, start: float | None, stop: float | None) -> None:
        for field, v in (("start", start), ("stop", stop)):
            if v is not None and not (self.sim.start <= v <= self.sim.stop):
                raise APIError(
                    422,
                    ["body", field],
                    f"{field}: {v:g} is outside the run {self.sim.start:g} to {self.sim.stop:g}; "
                    "give a year inside it",
                    "out_of_range",
                    allowed=f"{self.sim.start:g} to {self.sim.stop:g}",
                )
        if start is not None and stop is not None and start > stop:
            raise APIError(
                422, ["body", "start"], f"start ({start:g}) is after stop ({stop:g})", "order"
            )


def _sim_error(exc: SimulationError) -> APIError:
    return APIError(422, ["body", "params"], str(exc), "simulation_failed")


def build_router(sim: Simulator, gate: Gate, loops_gate: Gate | None = None) -> APIRouter:
    """The ``/api`` routes over one :class:`Simulator`.

    Loop analyses (slow, one at a time) pass through *loops_gate*, so that they never hold
    the slots the runs and bands need.
    """
    router = APIRouter(prefix="/api")
    _info_routes(router, sim)
    _simulation_routes(router, sim, gate, loops_gate or gate, _Checks(sim))
    return router


def _info_routes(router: APIRouter, sim: Simulator) -> None:
    """What is served: health, models, parameters, display, scenarios."""
    settings = sim.settings

    @router.get("/health", response_model=Health)
    def health() -> Health:
        return Health(
            status="ok",
            model=sim.model.name,
            version=__version__,
            ensemble_engine="kernel" if sim.kernel is not None else "loop",
            warming=sim.warming,
        )

    @functools.cache
    def units() -> dict[str, str]:
        shown = [g["output"] for g in display()["graphs"]]
        small = sim.outputs if len(sim.outputs) <= 200 else []
        return sim.output_units(list(dict.fromkeys([*sim.key_outputs, *shown, *small])))

    @router.get("/models", response_model=ModelsResponse)
    def models() -> ModelsResponse:
        served = ModelInfo(
            name=sim.model.name,
            served=True,
            path=str(sim.model.path),
            start=sim.start,
            stop=sim.stop,
            view_start=sim.view_start,
            outputs=sim.outputs,
            key_outputs=sim.key_outputs,
            units=units(),
            live_members=settings.live_members,
            first_members=(
                settings.first_members if settings.first_members < settings.live_members else 0
            ),
            max_members=settings.max_members,
            display_name=_display_name(sim.model.profile),
            profile=sim.model.profile.to_api(sim.outputs),
        )
        try:
            shipped = available_models()
        except OSError:  # no models folder in this installation
            shipped = []
        others = [
            ModelInfo(name=n, served=False, display_name=_shipped_name(n))
            for n in shipped
            if n != served.name
        ]
        return ModelsResponse(served=served.name, models=[served, *others])

    @router.get("/parameters", response_model=ParametersResponse)
    async def parameters() -> ParametersResponse:
        moves = await asyncio.to_thread(sim.moves_most_now, settings.moves_wait_s)
        items = []
        for p in sim.table.values():
            items.append(
                ParameterInfo(
                    name=p.name,
                    value=p.value,
                    units=p.units,
                    low=p.low,
                    high=p.high,
                    lower_bound=_finite_or_none(p.lower_bound),
                    upper_bound=_finite_or_none(p.upper_bound),
                    group=p.group,
                    sector=p.sector,
                    distribution=p.distribution,
                    source=p.source,
                    source_ja=source_ja(p.name, p.source),
                    meaning=p.note,
                    name_ja=p.label_ja or None,
                    meaning_ja=p.note_ja or None,
                    moves_most=moves.get(p.name),
                )
            )
        return ParametersResponse(
            model=sim.model.name, parameters=items, moves_most_ready=bool(moves)
        )

    @functools.cache
    def shipped() -> list[Any]:
        """The shipped scenarios written for the served model (others are left out)."""
        from ..errors import DoomloopError
        from ..scenarios import available_scenarios, load_scenario

        out = []
        for name in available_scenarios():
            try:
                sc = load_scenario(name, sim.model)
            except DoomloopError:
                continue
            if sc.model not in (None, sim.model.name):
                continue
            out.append(sc)
        return out

    @router.get("/display")
    def display() -> dict[str, Any]:
        """What the page shows: curated levers, assumptions, graphs, scenario names."""
        return display_for(sim.model.name, sim.model.profile, sim.table, sim._output_set, shipped())

    add_loop_diagram_route(router, sim)

    @router.get("/scenarios", response_model=ScenariosResponse)
    def scenarios() -> ScenariosResponse:
        """The shipped scenarios written for the served model (others are left out)."""
        items = []
        for sc in shipped():
            items.append(
                ScenarioInfo(
                    name=sc.name,
                    description=" ".join(sc.description.split()),
                    policy=sc.policy,
                    assumptions=sc.assumptions,
                )
            )
        return ScenariosResponse(model=sim.model.name, scenarios=items)


def _simulation_routes(
    router: APIRouter, sim: Simulator, gate: Gate, loops_gate: Gate, check: _Checks
) -> None:
    """Runs, ensembles and loop analyses, each behind its gate."""
    settings = sim.settings

    @router.post("/run", response_model=RunResponse)
    async def run(req: RunRequest) -> RunResponse:
        params = check.params(req.params)
        outputs = check.outputs(req.outputs)
        check.window(req.start, req.stop)
        t0 = time.perf_counter()
        try:
            res = await gate.run(lambda _d: sim.run(params, outputs, req.start, req.stop))
        except SimulationError as exc:
            raise _sim_error(exc) from None
        return RunResponse(
            model=sim.model.name,
            years=res.years,
            series=res.series,
            seconds=time.perf_counter() - t0,
        )

    @router.post("/ensemble", response_model=EnsembleResponse)
    async def ensemble(req: EnsembleRequest) -> EnsembleResponse:
        if req.of is not None and not req.members <= req.of <= settings.max_members:
            raise APIError(
                422,
                ["body", "of"],
                f"of: {req.of} asked for with members {req.members}; allowed {req.members} "
                f"(members) to {settings.max_members}",
                "out_of_range",
                allowed=f"{req.members} to {settings.max_members}",
            )
        if req.members > settings.max_members:
            raise APIError(
                422,
                ["body", "members"],
                f"members: {req.members} asked for; allowed 2 to {settings.max_members}",
                "less_than_equal",
                allowed=f"2 to {settings.max_members}",
            )
        params = check.params(req.params)
        outputs = check.outputs(req.outputs)
        check.window(req.start, req.stop)
        t0 = time.perf_counter()
        try:
            res = await gate.run(
                lambda d: sim.ensemble(
                    params,
                    outputs,
                    req.members,
                    req.seed,
                    req.start,
                    req.stop,
                    deadline=d,
                    of=req.of,
                )
            )
        except SimulationError as exc:
            raise _sim_error(exc) from None
        except TimeoutError:
            raise APIError(
                504,
                ["body", "members"],
                f"the ensemble took longer than {settings.request_timeout_s:g} s; "
                "ask for fewer members",
                "timeout",
            ) from None
        if res.members and res.failed >= res.members:
            raise APIError(
                422,
                ["body", "params"],
                f"all {res.members} ensemble members turned NaN or infinite with these "
                "parameters, so there is no band; move the parameters back towards their "
                "defaults",
                "simulation_failed",
            )
        return EnsembleResponse(
            model=sim.model.name,
            years=res.years,
            members=res.members,
            failed=res.failed,
            seed=req.seed,
            varied=res.varied,
            bands={k: Band(**v) for k, v in res.bands.items()},
            engine=res.engine,
            seconds=time.perf_counter() - t0,
            record=res.extra.get("record"),
        )

    @router.post("/loops", response_model=LoopsResponse)
    async def loops(req: LoopsRequest) -> LoopsResponse:
        params = check.params(req.params)
        check.window(req.start, req.stop)
        t0 = time.perf_counter()
        try:
            # a run that turns NaN or infinite has no loop story: say so (the run is cached)
            outputs = list(sim.default_outputs)
            await gate.run(lambda _d: sim.run(params, outputs, req.start, req.stop))
            res = await loops_gate.run(lambda _d: sim.loops(params, req.start, req.stop))
        except SimulationError as exc:
            raise _sim_error(exc) from None
        return LoopsResponse(
            model=sim.model.name,
            loops=[LoopInfo(**d) for d in res["loops"]],
            periods=[Period(**d) for d in res["periods"]],
            story=Story(**res.get("story", {})),
            named=res["named"],
            scope=res["scope"],
            status=res["status"],
            seconds=time.perf_counter() - t0,
        )


def validation_detail(request: Request, errors: Sequence[Any]) -> list[dict[str, Any]]:
    """FastAPI's validation errors, each with a message naming the field and its range."""
    schemas: dict[str, type[BaseModel]] = {
        "/api/run": RunRequest,
        "/api/ensemble": EnsembleRequest,
        "/api/loops": LoopsRequest,
    }
    schema_of = schemas.get(request.url.path)
    settings: Settings | None = getattr(request.app.state, "settings", None)
    props: dict[str, Any] = schema_of.model_json_schema().get("properties", {}) if schema_of else {}
    out = []
    for e in errors:
        loc = [x if isinstance(x, int | str) else str(x) for x in e.get("loc", ())]
        shown = loc[1:] if loc[:1] == ["body"] else loc
        field = ".".join(str(x) for x in shown)
        top = str(loc[1]) if len(loc) > 1 and loc[0] == "body" else ""
        kind = str(e.get("type", "invalid"))
        # the field's limits explain a range or length error, not a wrong type
        allowed = _allowed(props.get(top, {})) if kind in _LIMIT_ERRORS else ""
        if top == "members" and settings is not None and kind in _LIMIT_ERRORS:
            allowed = f"2 to {settings.max_members}"
        msg = f"{field or 'body'}: {e.get('msg', 'invalid')}"
        if kind == "json_invalid":
            pos = loc[1] if len(loc) > 1 else "?"
            why = (e.get("ctx") or {}).get("error", "JSON decode error")
            msg = (
                f"body: not valid JSON ({why}) at character {pos}; send a JSON object such as "
                '{"params": {"name": 1.5}}'
            )
            loc = ["body"]
        elif kind in ("model_attributes_type", "dict_type") and not shown:
            msg = (
                "body: not a JSON object; send Content-Type: application/json and an object "
                'such as {"params": {"name": 1.5}}'
            )
        elif kind == "missing" and not shown:
            msg = 'body: empty; send a JSON object such as {"params": {}}'
        elif kind in _NUMBER_ERRORS:
            msg += "; give a plain number (not true/false, text or null)"
        if top == "members" and settings is not None and e.get("type", "").endswith("_equal"):
            msg = f"members: {e.get('input')!r} asked for; allowed 2 to {settings.max_members}"
        if allowed:
            msg += f" (allowed: {allowed})"
        entry: dict[str, Any] = {"loc": loc, "msg": msg, "type": kind}
        if allowed:
            entry["allowed"] = allowed
        out.append(entry)
    return out


_LIMIT_ERRORS = frozenset(
    {
        "too_short",
        "too_long",
        "greater_than",
        "greater_than_equal",
        "less_than",
        "less_than_equal",
        "string_too_short",
        "string_too_long",
    }
)
_NUMBER_ERRORS = frozenset(
    {"float_type", "int_type", "float_parsing", "int_parsing", "finite_number"}
)


def _allowed(prop: Mapping[str, Any]) -> str:
    """A short description of a JSON-schema property's limits."""
    for option in [prop, *prop.get("anyOf", [])]:
        parts = []
        if "minimum" in option or "maximum" in option:
            parts.append(f"{option.get('minimum', '-inf')} to {option.get('maximum', 'inf')}")
        if "maxItems" in option:
            least = f"at least {option['minItems']}, " if option.get("minItems") else ""
            parts.append(f"{least}at most {option['maxItems']} items")
        if "maxProperties" in option:
            parts.append(f"at most {option['maxProperties']} entries")
        if "maxLength" in option:
            parts.append(f"at most {option['maxLength']} characters")
        if parts:
            return ", ".join(parts)
    return ""


def error_response(status: int, detail: Any) -> JSONResponse:
    return JSONResponse(status_code=status, content={"detail": detail})
