"""doomloop: a cited system-dynamics model of whether a country can build frontier AI.

Quick start::

    import doomloop
    model = doomloop.load_model("japan")
    df = model.run(params={"pay_reform_target": 0.8}, scenario="baseline")
    df[["frontier_gap_oom", "ai_specialists_domestic"]].loc[2024:2060]
"""

from .engine import KEY_OUTPUTS, Model, available_models, load_model
from .errors import (
    DataError,
    DoomloopError,
    ModelFileError,
    OutOfBoundsError,
    OutputExistsError,
    ParameterError,
    ScenarioError,
    SimulationError,
    UnknownParameterError,
)
from .parameters import Parameter, ParameterTable
from .scenarios import Scenario, available_scenarios, load_scenario, parse_scenario

__version__ = "0.1.0"

__all__ = [
    "KEY_OUTPUTS",
    "DataError",
    "DoomloopError",
    "Model",
    "ModelFileError",
    "OutOfBoundsError",
    "OutputExistsError",
    "Parameter",
    "ParameterError",
    "ParameterTable",
    "Scenario",
    "ScenarioError",
    "SimulationError",
    "UnknownParameterError",
    "__version__",
    "available_models",
    "available_scenarios",
    "load_model",
    "load_scenario",
    "parse_scenario",
]
