"""Refuse hostile or oversized model files before the engine reads them.

XMILE is XML: a file could carry entity-expansion bombs or external entities. Every model file
is parsed first with :mod:`defusedxml`, which forbids DTD entities and external references, and
files above :data:`MAX_MODEL_BYTES` are refused.

The engine (pysimlin, native code) recurses over equations and allocates every saved value up
front, so a small file can crash the interpreter: an equation nested thousands of parentheses
deep, a sum of 200,000 terms, a dimension of 10^8 elements, dt 1e-6 over a million years. The
same pass measures what the engine would have to hold (:class:`Limits`) and refuses a file
beyond any limit with a message that names the variable, the measured value, the limit and the
fix. What cannot be known in advance (the engine's own cost) is bounded by loading untrusted
files in a child process first (:mod:`doomloop.isolation`).
"""

from __future__ import annotations

import math
import re
import xml.sax
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.handler import ContentHandler

from .errors import ModelFileError

#: Largest model file doomloop reads (the shipped models are well under 1 MiB).
MAX_MODEL_BYTES = 32 * 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """What a model file may ask of the engine (the shipped models use a small part of each).

    The shipped models have at most 434 variables, equations of 1,593 characters, 75
    operators and nesting 5, dimensions of 38 elements, 2,284 array elements and 1,440 steps
    (so do the 105 readable files of the XMILE test-model collection).
    """

    #: Characters of one equation.
    equation_chars: int = 20_000
    #: Parentheses (and runs of unary signs) one inside another in one equation.
    nesting: int = 100
    #: Operators in one equation (the engine's tree of a long sum is as deep as it is long).
    operators: int = 2_000
    #: Variables (stocks, flows, auxiliaries, modules) in the file.
    variables: int = 5_000
    #: Elements of one dimension.
    dimension_size: int = 10_000
    #: Steps of a run, (stop - start) / dt.
    steps: int = 1_000_000
    #: Values the engine keeps for a run: steps x array elements of every variable.
    values: int = 100_000_000


LIMITS = Limits()

_VARIABLE_TAGS = frozenset({"aux", "stock", "flow", "module"})
_TEXT_TAGS = frozenset({"eqn", "start", "stop", "dt", "ypts", "xpts"})
_OPERATOR_RE = re.compile(r"[-+*/^<>=]|\b(?:and|or|not)\b", re.IGNORECASE)
_SIGN_RUN_RE = re.compile(r"(?:[-+]\s*){2,}")


def _local(qname: str) -> str:
    return qname.rsplit(":", 1)[-1].lower()


def equation_nesting(text: str) -> int:
    """Deepest nesting of *text*: parentheses and brackets, plus the longest run of signs."""
    depth = deepest = 0
    for ch in text:
        if ch in "([":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in ")]":
            depth -= 1
    runs = (m.group(0).count("-") + m.group(0).count("+") for m in _SIGN_RUN_RE.finditer(text))
    signs = max(runs, default=0)
    return deepest + signs


class _Measure(ContentHandler):
    """Walk the XMILE file once, checking each equation, dimension and the time settings."""

    def __init__(self, path: Path, limits: Limits):
        super().__init__()
        self.path = path
        self.limits = limits
        self.stack: list[str] = []
        self.variable = ""  # the variable being read
        self.variables = 0
        self.text: list[str] = []
        self.dims: dict[str, int] = {}  # top-level dimension sizes
        self.dim_name: str | None = None
        self.var_dims: list[str] = []
        self.elements = 0  # array elements of every variable
        self.specs: dict[str, str] = {}
        self.reciprocal = False
        self.gf_attrs: list[tuple[str, str]] = []

    # -- helpers ----------------------------------------------------------------------------
    def where(self) -> str:
        return f"{self.path}: variable '{self.variable}'" if self.variable else f"{self.path}"

    def refuse(self, what: str, value: float, limit: float, fix: str) -> ModelFileError:
        return ModelFileError(
            f"{self.where()}: {what} is {value:,.0f}, over the limit of {limit:,.0f}; {fix}"
        )

    # -- SAX --------------------------------------------------------------------------------
    def startElement(self, name: str, attrs: Any) -> None:  # noqa: N802 (SAX API)
        tag = _local(name)
        parent = self.stack[-1] if self.stack else ""
        self.stack.append(tag)
        if tag in _VARIABLE_TAGS and "name" in attrs:
            self.variables += 1
            self.variable = attrs["name"]
            self.var_dims = []
            if self.variables > self.limits.variables:
                raise self.refuse(
                    "the number of variables",
                    self.variables,
                    self.limits.variables,
                    "split the model into smaller ones",
                )
        elif tag == "dim" and parent == "dimensions":
            if self.variable:  # a variable's own dimension list
                self.var_dims.append(attrs.get("name", ""))
            else:
                self.dim_name = attrs.get("name", "")
                size = attrs.get("size")
                self.dims[self.dim_name] = 0
                if size is not None:
                    n = _number(size, f"{self.path}: dimension '{self.dim_name}' size")
                    self._check_dim(n)
                    self.dims[self.dim_name] = int(n)
        elif tag == "elem" and parent == "dim" and self.dim_name is not None:
            self.dims[self.dim_name] = self.dims.get(self.dim_name, 0) + 1
            self._check_dim(self.dims[self.dim_name])
        elif tag == "xscale" or tag == "yscale":
            for key in ("min", "max"):
                if key in attrs:
                    _number(attrs[key], f"{self.where()}: graphical function <{tag} {key}>")
        if tag == "dt" and (attrs.get("reciprocal") or "").strip().lower() == "true":
            self.reciprocal = True
        if tag in _TEXT_TAGS:
            self.text = []

    def characters(self, content: str) -> None:
        if self.stack and self.stack[-1] in _TEXT_TAGS:
            self.text.append(content)

    def endElement(self, name: str) -> None:  # noqa: N802 (SAX API)
        tag = self.stack.pop() if self.stack else _local(name)
        parent = self.stack[-1] if self.stack else ""
        if tag in _TEXT_TAGS:
            text = "".join(self.text)
            if tag == "eqn":
                self._check_equation(text)
            elif tag in ("ypts", "xpts"):
                self._check_points(text, tag)
            elif parent == "sim_specs":
                self.specs[tag] = text.strip()
        elif tag == "dim" and not self.variable:
            self.dim_name = None
        elif tag in _VARIABLE_TAGS:
            n = 1
            for d in self.var_dims:
                n *= max(1, self.dims.get(d, 1))
            self.elements += n
            self.variable = ""
            self.var_dims = []

    # -- checks -----------------------------------------------------------------------------
    def _check_dim(self, n: float) -> None:
        if n > self.limits.dimension_size:
            raise self.refuse(
                f"the size of dimension '{self.dim_name}'",
                n,
                self.limits.dimension_size,
                "use fewer elements (aggregate them)",
            )

    def _check_equation(self, text: str) -> None:
        lim = self.limits
        if len(text) > lim.equation_chars:
            raise self.refuse(
                "the equation's length in characters",
                len(text),
                lim.equation_chars,
                "split it into intermediate variables",
            )
        depth = equation_nesting(text)
        if depth > lim.nesting:
            raise self.refuse(
                "the equation's nesting depth (parentheses and signs)",
                depth,
                lim.nesting,
                "split it into intermediate variables",
            )
        ops = len(_OPERATOR_RE.findall(text))
        if ops > lim.operators:
            raise self.refuse(
                "the number of operators in the equation",
                ops,
                lim.operators,
                "split it into intermediate variables (or use SUM over an array)",
            )

    def _check_points(self, text: str, tag: str) -> None:
        for item in re.split(r"[,;\s]+", text.strip()):
            if item:
                _number(item, f"{self.where()}: graphical function <{tag}> point")

    def finish(self) -> None:
        """Check the time settings and what a run would hold."""
        if not self.specs:
            return
        where = f"{self.path}: <sim_specs>"
        start = _number(self.specs.get("start") or "0", f"{where} <start>")
        stop = _number(self.specs.get("stop") or "0", f"{where} <stop>")
        dt = _number(self.specs.get("dt") or "1", f"{where} <dt>")
        if self.reciprocal:
            if dt == 0:
                raise ModelFileError(
                    f'{where}: <dt reciprocal="true"> is 0 (dt = 1/0); give a positive number '
                    "of steps per time unit"
                )
            dt = 1.0 / dt
        if not (dt > 0 and stop > start):
            raise ModelFileError(
                f"{where}: start={start:g}, stop={stop:g}, dt={dt:g} cannot be run; "
                "give stop > start and dt > 0"
            )
        steps = (stop - start) / dt
        lim = self.limits
        if steps > lim.steps:
            raise ModelFileError(
                f"{where}: (stop - start) / dt = ({stop:g} - {start:g}) / {dt:g} = {steps:,.0f} "
                f"steps, over the limit of {lim.steps:,}; use a larger dt or a shorter run"
            )
        held = steps * max(1, self.elements)
        if held > lim.values:
            raise ModelFileError(
                f"{where}: a run would hold {held:,.0f} values ({steps:,.0f} steps x "
                f"{self.elements:,} array elements), over the limit of {lim.values:,}; use a "
                "larger dt, a shorter run or smaller dimensions"
            )


def _number(text: str, where: str) -> float:
    try:
        x = float(text)
    except ValueError:
        raise ModelFileError(
            f"{where}: {text.strip()!r} is not a number; write a plain number"
        ) from None
    if not math.isfinite(x):
        raise ModelFileError(f"{where}: {text.strip()!r} is not a finite number; give one")
    return x


def check_run_size(
    path: str | Path, start: float, stop: float, dt: float, limits: Limits = LIMITS
) -> None:
    """Raise :class:`ModelFileError` when a run of these time settings needs too many steps."""
    steps = (stop - start) / dt if dt > 0 else math.inf
    if not math.isfinite(steps) or steps > limits.steps:
        raise ModelFileError(
            f"{path}: (stop - start) / dt = ({stop:g} - {start:g}) / {dt:g} = {steps:,.0f} "
            f"steps, over the limit of {limits.steps:,}; use a larger dt or a shorter run"
        )


def check_model_file(
    path: str | Path, limits: Limits = LIMITS, *, measure: bool = True
) -> list[str] | None:
    """Raise :class:`ModelFileError` unless *path* is a safe, well-formed XML model file.

    Besides entities and size, every equation, dimension and the time settings are measured
    against *limits* (see :class:`Limits`; ``measure=False`` skips that, for the shipped
    models); the message names the variable, the value, the limit and the fix. Returns the
    names of the file's variables as written (None for a Vensim ``.mdl`` file, which is not
    read here).
    """
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
        return None
    # SAX without namespace processing: XMILE files from Stella and xmutil often use an
    # undeclared ``isee:`` prefix, which is well-formed XML (and the engine reads it) but not
    # namespace-well-formed, so a namespace-aware parser would refuse valid models.
    import defusedxml.sax as safe_sax
    from defusedxml import DefusedXmlException

    handler = _Measure(path, limits) if measure else ContentHandler()
    try:
        safe_sax.parse(str(path), handler)
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
    if isinstance(handler, _Measure):
        handler.finish()
    return variable_names(path)


_NAME_RE = re.compile(rb"<(?:\w+:)?(?:aux|stock|flow|module)\b[^>]*?\bname=\"([^\"]*)\"")


def variable_names(path: Path) -> list[str]:
    """Names of the variables of an XMILE file as written (read with one regular expression)."""
    from html import unescape

    return [unescape(m.decode("utf-8", "replace")) for m in _NAME_RE.findall(path.read_bytes())]
