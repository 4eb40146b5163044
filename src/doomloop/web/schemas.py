"""Request and response models of the web API.

Requests carry hard limits (name lengths, counts, ranges) so that parsing alone can never
start unbounded work; the limits that depend on the server's settings (members, outputs) are
checked again in :mod:`doomloop.web.routes` with the same 422 shape. Responses are separate
models so that what the server promises is written down.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

#: Hard ceilings, whatever the settings say.
HARD_MAX_PARAMS = 10000
HARD_MAX_OUTPUTS = 500
HARD_MAX_MEMBERS = 2000

Name = Annotated[str, StringConstraints(min_length=1, max_length=200)]
#: Numbers are strict: ``true`` or ``"3"`` is not a number (an integer is).
Finite = Annotated[float, Field(allow_inf_nan=False, strict=True)]
Year = Annotated[float, Field(ge=-100000, le=100000, allow_inf_nan=False, strict=True)]


class _Request(BaseModel):
    model_config = ConfigDict(extra="forbid")


class RunRequest(_Request):
    """One run: parameter overrides and the series to return."""

    params: dict[Name, Finite] = Field(
        default_factory=dict,
        max_length=HARD_MAX_PARAMS,
        description="Overrides of the parameter table, by name; each within its bounds.",
    )
    outputs: list[Name] | None = Field(
        None,
        min_length=1,
        max_length=HARD_MAX_OUTPUTS,
        description="Series to return (default: the model's key outputs).",
    )
    start: Year | None = Field(None, description="First year returned (default: model start).")
    stop: Year | None = Field(None, description="Last year returned (default: model stop).")


class EnsembleRequest(RunRequest):
    """An ensemble: the uncertain assumptions sampled around the current values."""

    members: int = Field(
        40, ge=2, le=HARD_MAX_MEMBERS, strict=True, description="Ensemble members."
    )
    seed: int = Field(0, ge=0, le=2**32 - 1, strict=True, description="Seed of the sampler.")
    of: int | None = Field(
        None,
        ge=2,
        le=HARD_MAX_MEMBERS,
        strict=True,
        description=(
            "The band of the first `members` of the draws of a band of `of` members (the "
            "same seed): a first band that the band of `of` members completes."
        ),
    )


class LoopsRequest(_Request):
    """Which feedback loops dominate a run with these overrides."""

    params: dict[Name, Finite] = Field(default_factory=dict, max_length=HARD_MAX_PARAMS)
    start: Year | None = None
    stop: Year | None = None


# -- responses ------------------------------------------------------------------------------


class Health(BaseModel):
    status: str
    model: str
    version: str
    ensemble_engine: str = "loop"  # "kernel" once the vectorised kernel is compiled and warm
    warming: bool = False  # start-up work (lever effects, baseline loops, kernel) still running


class ModelInfo(BaseModel):
    name: str
    served: bool
    path: str | None = None
    start: float | None = None
    stop: float | None = None
    view_start: float | None = None
    outputs: list[str] = Field(default_factory=list)
    key_outputs: list[str] = Field(default_factory=list)
    #: units of the key outputs, of the outputs the page's display data names, and of every
    #: output of a small model
    units: dict[str, str] = Field(default_factory=dict)
    live_members: int | None = None
    first_members: int | None = None
    max_members: int | None = None
    display_name: dict[str, str] | None = Field(
        default=None, description="The country's name by language ('en', 'ja'), from the profile."
    )
    profile: dict[str, Any] | None = Field(
        default=None,
        description="The model's profile (doomloop.profile): levers with their controls, "
        "sliders and timing; headline outputs; verdict threshold and layers; output labels, "
        "units and scales; curated graphs.",
    )


class ModelsResponse(BaseModel):
    served: str
    models: list[ModelInfo]


class ParameterInfo(BaseModel):
    name: str
    value: float
    units: str
    low: float
    high: float
    lower_bound: float | None
    upper_bound: float | None
    group: str
    sector: str
    distribution: str
    source: str
    #: the source in Japanese (``data/sources_ja.toml``), where the table has this text
    source_ja: str | None = None
    meaning: str
    name_ja: str | None = None
    meaning_ja: str | None = None
    moves_most: str | None = None


class ParametersResponse(BaseModel):
    model: str
    parameters: list[ParameterInfo]
    moves_most_ready: bool = True


class RunResponse(BaseModel):
    model: str
    years: list[float]
    series: dict[str, list[float]]
    seconds: float


class Band(BaseModel):
    p5: list[float]
    p50: list[float]
    p95: list[float]


class EnsembleResponse(BaseModel):
    model: str
    years: list[float]
    members: int
    failed: int
    seed: int
    varied: list[str]
    bands: dict[str, Band]
    engine: str
    seconds: float
    # the members agree with the model's record: how many of how many drawn (None: the
    # prior), and the labels of the series whose record rules out the default settings' run
    record: dict[str, Any] | None = None


class LoopInfo(BaseModel):
    id: str
    name: str
    name_ja: str
    kind: str  # "reinforcing", "balancing" or "undetermined"
    variables: list[str]
    description: str = ""
    description_ja: str = ""


class Period(BaseModel):
    start: float
    end: float
    loops: list[str]
    polarity: str = ""
    text_en: str
    text_ja: str


class StoryPeriod(BaseModel):
    start: float
    end: float
    loop: str  # the named loop's id, or "" (other feedback, or none active)
    kind: str  # "reinforcing", "balancing" or "none"
    title_en: str
    title_ja: str
    text_en: str
    text_ja: str


class Story(BaseModel):
    """The periods in plain language, and what differs from the baseline (same assumptions,
    no levers)."""

    periods: list[StoryPeriod] = Field(default_factory=list)
    contrast_en: list[str] = Field(default_factory=list)
    contrast_ja: list[str] = Field(default_factory=list)


class LoopsResponse(BaseModel):
    model: str
    loops: list[LoopInfo]
    periods: list[Period]
    story: Story = Field(default_factory=Story)
    named: bool
    scope: str  # "scenario": this run's loops; "baseline": the base configuration's
    status: str  # "ready" or "pending" (background discovery still running)
    seconds: float


class ScenarioInfo(BaseModel):
    name: str
    description: str
    policy: dict[str, float]
    assumptions: dict[str, float]


class ScenariosResponse(BaseModel):
    model: str
    scenarios: list[ScenarioInfo]
