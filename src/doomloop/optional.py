"""Optional dependencies: which extra brings which package, and one clear error when missing.

``pip install doomloop`` gives the core (models, scenarios, runs, analyses, reports, charts);
the rest comes with extras (see ``pyproject.toml``; ``doomloop[all]`` has everything).
"""

from __future__ import annotations

import importlib
from types import ModuleType

from .errors import DoomloopError

#: Extra -> the packages it installs that doomloop imports, and what they are for.
EXTRAS: dict[str, tuple[tuple[str, ...], str]] = {
    "web": (("fastapi", "uvicorn", "plotly"), "the web simulator (doomloop serve)"),
    "kernel": (("numba",), "the compiled ensemble kernel (NumPy runs it, slower, without)"),
    "dask": (("dask", "distributed"), "Dask scale-out (--executor dask)"),
    "store": (("pyarrow", "zarr"), "streaming ensembles to Parquet or Zarr (--save-ensemble)"),
    "ema": (("ema_workbench",), "the EMA Workbench adapter (doomloop.ema)"),
}


class MissingDependencyError(DoomloopError, ImportError):
    """A feature needs a package of an extra that is not installed."""


def extra_of(package: str) -> str:
    """The extra that installs *package* (``package`` itself if none does)."""
    top = package.split(".")[0]
    return next((e for e, (pkgs, _) in EXTRAS.items() if top in pkgs), top)


def require(module: str, feature: str) -> ModuleType:
    """Import *module*, or raise :class:`MissingDependencyError` naming the extra to install."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        extra = extra_of(module)
        raise MissingDependencyError(
            f"{feature} needs the Python package {module.split('.')[0]!r}, which is not "
            f"installed ({exc}). Install it with: pip install 'doomloop[{extra}]' "
            "(or 'doomloop[all]' for every feature)."
        ) from None
