"""The web simulator: ``doomloop serve`` runs it; :func:`create_app` builds it.

A FastAPI application over the same public functions as the command line, with a static page
(Plotly.js from the installed ``plotly`` package, no network) in English and Japanese.
"""

from .app import create_app
from .settings import Settings

__all__ = ["Settings", "create_app"]
