"""Vectorized ensembles: compile an XMILE model once, step every member in one array pass.

Quick start::

    from doomloop.kernel import compile_model
    k = compile_model("tests/fixtures/logistic/model.xmile")
    ds = k.run({"growth_rate": np.linspace(0.2, 0.4, 10_000)}, variables=["population"])

Modules: ``grammar.toml`` (the equation grammar as data), :mod:`.expression` (its Pratt
parser), :mod:`.parse` (XMILE -> IR), :mod:`.ir`, :mod:`.lower` (stateful builtins to hidden
stocks), :mod:`.order` (evaluation order), :mod:`.builtins` and :mod:`.numpy_backend`
(code generation), :mod:`.kernel` (the public API), :mod:`.conformance` (checks against the
canonical test-model outputs).
"""

from .errors import CycleError, EquationError, NotCovered
from .kernel import Kernel, KernelResult, KernelState, compile_model, coverage, try_compile

__all__ = [
    "CycleError",
    "EquationError",
    "Kernel",
    "KernelResult",
    "KernelState",
    "NotCovered",
    "compile_model",
    "coverage",
    "try_compile",
]
