"""doomloop: a cited system-dynamics model of whether a country can build frontier AI.

Quick start::

    import doomloop
    model = doomloop.load_model("japan")
    df = model.run(params={"pay_reform_target": 0.8}, scenario="baseline")
    df[list(model.profile.headline)].loc[2024:2060]   # what the profile puts first
"""

from .engine import Model, available_models, load_model
from .errors import (
    DataError,
    DoomloopError,
    ModelFileError,
    OutOfBoundsError,
    OutputError,
    OutputExistsError,
    ParameterError,
    ProfileError,
    ScenarioError,
    SimulationError,
    UnknownParameterError,
)
from .parameters import Parameter, ParameterTable
from .profile import Profile, load_profile
from .scenarios import Scenario, available_scenarios, load_scenario, parse_scenario

__version__ = "0.1.0"

__all__ = [
    "DataError",
    "DoomloopError",
    "Model",
    "ModelFileError",
    "OutOfBoundsError",
    "OutputError",
    "OutputExistsError",
    "Parameter",
    "ParameterError",
    "ProfileError",
    "ParameterTable",
    "Profile",
    "Scenario",
    "ScenarioError",
    "SimulationError",
    "UnknownParameterError",
    "__version__",
    "available_models",
    "available_scenarios",
    "load_model",
    "load_profile",
    "load_scenario",
    "parse_scenario",
]
