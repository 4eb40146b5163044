"""Regression tests for the engine-seam bugs found while building `doomloop check`."""

from __future__ import annotations

from pathlib import Path

from checkkit import logistic_xml, write_model

from doomloop import available_models, load_model


def test_overrides_do_not_leak_into_later_runs(logistic: Path) -> None:
    model = load_model(logistic)
    default = model.run()["population"].iloc[-1]
    model.run({"growth_rate": 0.01})
    assert model.run()["population"].iloc[-1] == default
    model.run({"growth_rate": 0.01, "carrying_capacity": 600})
    again = model.run({"growth_rate": 0.3})["population"].iloc[-1]
    assert again == default


def test_model_without_parameters_csv_gets_its_constants(tmp_path: Path) -> None:
    model = load_model(write_model(tmp_path / "m", logistic_xml()))
    assert sorted(model.parameters) == ["carrying_capacity", "growth_rate", "initial_population"]
    assert set(model.parameters) <= set(model.variable_names)
    assert all(p.source == "" for p in model.parameters.values())


def test_available_models_is_a_list() -> None:
    assert isinstance(available_models(), list)
