"""Uncertainty, sensitivity, calibration, robustness and policy search.

Each analysis takes arrays and returns data (xarray Datasets, pandas DataFrames); where the
runs happen is an :mod:`~doomloop.executors` executor, and every run goes through
:func:`~doomloop.analysis.evaluate.evaluate`.
"""

from .evaluate import EngineBackend, FunctionBackend, FunctionModel, KernelBackend, evaluate

__all__ = ["EngineBackend", "FunctionBackend", "FunctionModel", "KernelBackend", "evaluate"]
