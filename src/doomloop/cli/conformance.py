"""``doomloop conformance DIR``: run XMILE test models through the vectorized kernel."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ._options import option
from ._output import JsonOpt, Output


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
            option("--write", help="Also write the Markdown report (CONFORMANCE.md) here."),
        ] = None,
        as_json: JsonOpt = False,
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
        o = Output("conformance", as_json)
        results = []
        cases = list(find_cases(directory))
        with o.progress("conformance") as prog:
            for folder in cases:
                r = check_folder(folder)
                results.append(r)
                o.line(r.line(directory))
                prog(len(results), len(cases))
        rows = [
            {
                "folder": str(f.path.parent),
                "file": f.path.name,
                "status": f.status,
                "detail": f.detail,
            }
            for r in results
            for f in r.files
        ]
        o.data("cases", [{"folder": str(r.folder), "status": r.status} for r in results])
        o.data("models", rows)
        o.line(summary(results))
        if write is not None:
            atomic_write_text(write, report(results, directory), force=True)
            o.files(write)
        o.finish()
        if any(r.status == "failed" for r in results):
            raise typer.Exit(1)
