"""``doomloop serve``: the web simulator on a local port."""

from __future__ import annotations

from typing import Annotated

import typer

from ._options import option


def register(app: typer.Typer) -> None:
    """Add the ``serve`` command to *app*."""

    @app.command()
    def serve(
        host: Annotated[str, option("--host", help="Address to listen on.")] = "127.0.0.1",
        port: Annotated[int, option("--port", help="TCP port.")] = 8000,
        model: Annotated[
            str, option("--model", help="Shipped model name or path to a model.")
        ] = "japan",
        workers: Annotated[
            int, option("--workers", help="Engine threads running ensemble members.")
        ] = 2,
        max_members: Annotated[
            int, option("--max-members", help="Most ensemble members one request may ask for.")
        ] = 200,
        live_members: Annotated[
            int, option("--live-members", help="Members of the live uncertainty band.")
        ] = 30,
        kernel: Annotated[
            bool,
            option(
                "--kernel/--no-kernel",
                help="Use the vectorised kernel for bands once it has compiled the model "
                "(in the background; numba can take minutes).",
            ),
        ] = True,
    ) -> None:
        """Start the web simulator (levers, bands, loops; English and Japanese)."""
        from pydantic import ValidationError

        from ..optional import require

        for needed in ("uvicorn", "fastapi", "plotly"):
            require(needed, "doomloop serve")

        from ..errors import DoomloopError
        from ..web import Settings, create_app
        from ._console import err

        try:
            settings = Settings.from_env(
                host=host,
                port=port,
                model=model,
                workers=workers,
                max_members=max_members,
                live_members=live_members,
                use_kernel=kernel,
            )
        except ValidationError as exc:
            lines = "; ".join(
                f"{'.'.join(map(str, e['loc'])) or 'settings'}: {e['msg']}" for e in exc.errors()
            )
            raise DoomloopError(f"bad server settings: {lines}") from None
        web_app = create_app(settings)
        shown = "localhost" if settings.host in ("127.0.0.1", "0.0.0.0") else settings.host
        err.print(
            f"doomloop: serving model '{web_app.state.simulator.model.name}' at "
            f"http://{shown}:{settings.port}/  (Ctrl-C stops)"
        )
        if settings.use_kernel and not _kernel_cached(web_app.state.simulator.model):
            err.print(
                "doomloop: compiling the simulation kernel in the background (first start "
                "only, a few minutes; cached after). Until it is ready, runs use the engine "
                "and bands take seconds."
            )
        from ..web.server import serve as serve_app

        serve_app(web_app, settings)


def _kernel_cached(model: object) -> bool:
    """True when the numba kernel of *model* is compiled on this machine (or not needed)."""
    from ..web.service import model_kernel

    k = model_kernel(model)  # type: ignore[arg-type]
    return k is None or k.is_compiled()
