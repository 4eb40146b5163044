"""``doomloop conformance DIR``: run XMILE test models through the vectorized kernel."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ._console import out


def register(app: typer.Typer) -> None:
    """Add the ``conformance`` command to *app*."""

    @app.command("conformance")
    def conformance(
        directory: Annotated[
            Path,
            typer.Argument(help="Folder searched for test models (beside output.csv/.tab)."),
        ],
        write: Annotated[
            Path | None,
            typer.Option("--write", help="Also write the Markdown report (CONFORMANCE.md) here."),
        ] = None,
    ) -> None:
        """Check the kernel against each model's canonical output; exit 1 if any fails."""
        from ..errors import ModelFileError
        from ..io.atomic import atomic_write_text, ensure_output_dir
        from ..kernel.conformance import check_folder, find_cases, report, summary

        if not directory.is_dir():
            raise ModelFileError(f"{directory} is not a folder; give the test-model directory")
        if write is not None:  # before the cases, not after
            ensure_output_dir(write.parent, "--write")
            if write.is_dir():
                raise ModelFileError(f"--write {write} is a folder; give a file name")
        results = []
        for folder in find_cases(directory):
            r = check_folder(folder)
            results.append(r)
            out.print(r.line(directory), markup=False)
        out.print(summary(results), markup=False)
        if write is not None:
            atomic_write_text(write, report(results, directory), force=True)
        if any(r.status == "failed" for r in results):
            raise typer.Exit(1)
