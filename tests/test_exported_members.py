"""The public API is what __all__ says, and nothing drifts silently (httpx's habit)."""

import doomloop


def test_all_is_pinned() -> None:
    assert sorted(doomloop.__all__) == sorted(
        [
            "DataError",
            "DoomloopError",
            "Model",
            "ModelFileError",
            "OutOfBoundsError",
            "OutputError",
            "OutputExistsError",
            "Parameter",
            "ParameterError",
            "ParameterTable",
            "Profile",
            "ProfileError",
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
    )


def test_every_exported_name_exists() -> None:
    for name in doomloop.__all__:
        assert hasattr(doomloop, name), name
