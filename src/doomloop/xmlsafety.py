"""Refuse hostile or oversized model files before the engine reads them.

XMILE is XML: a file could carry entity-expansion bombs or external entities. Every model file
is parsed first with :mod:`defusedxml`, which forbids DTD entities and external references, and
files above :data:`MAX_MODEL_BYTES` are refused.
"""

from __future__ import annotations

from pathlib import Path

from .errors import ModelFileError

#: Largest model file doomloop reads (the shipped models are well under 1 MiB).
MAX_MODEL_BYTES = 32 * 1024 * 1024


def check_model_file(path: str | Path) -> None:
    """Raise :class:`ModelFileError` unless *path* is a safe, well-formed XML model file."""
    path = Path(path)
    if not path.is_file():
        raise ModelFileError(f"model file {path} does not exist; check the path")
    size = path.stat().st_size
    if size > MAX_MODEL_BYTES:
        raise ModelFileError(
            f"{path}: {size:,} bytes is larger than the {MAX_MODEL_BYTES:,}-byte "
            f"({MAX_MODEL_BYTES / 2**20:g} MiB) limit for a model file; split the model or "
            "remove embedded data"
        )
    if path.suffix.lower() == ".mdl":
        return
    # SAX without namespace processing: XMILE files from Stella and xmutil often use an
    # undeclared ``isee:`` prefix, which is well-formed XML (and the engine reads it) but not
    # namespace-well-formed, so a namespace-aware parser would refuse valid models.
    import xml.sax
    from xml.sax.handler import ContentHandler

    import defusedxml.sax as safe_sax
    from defusedxml import DefusedXmlException

    try:
        safe_sax.parse(str(path), ContentHandler())
    except DefusedXmlException as exc:
        raise ModelFileError(
            f"{path}: refused, the XML declares entities or external references ({exc}); "
            "remove the DOCTYPE/ENTITY declarations"
        ) from None
    except xml.sax.SAXParseException as exc:
        raise ModelFileError(
            f"{path}: malformed XML at {exc.getMessage()}: line {exc.getLineNumber()}, "
            f"column {exc.getColumnNumber()}; fix the file and load again"
        ) from None
