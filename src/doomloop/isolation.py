"""Load an untrusted model file in a child process first, with memory and time limits.

The engine is native code: what it costs to read, check and run a model cannot all be known
from the file (:mod:`doomloop.xmlsafety` refuses what can), and a failed allocation or a stack
overflow in it kills the interpreter rather than raising. :func:`probe_model_file` therefore
lets a child process load, check and run the file under ``RLIMIT_AS`` (address space) and
``RLIMIT_CPU`` with a wall-clock timeout; a crash, a memory overrun or a timeout there becomes
a :class:`~doomloop.errors.ModelFileError` here, and the caller loads the file only after the
child got through. The shipped models are package files and are not probed.

The limits come from ``DOOMLOOP_MODEL_MEMORY_MB`` (default 4096) and
``DOOMLOOP_MODEL_TIMEOUT_S`` (default 120), or from the arguments.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
from pathlib import Path

from .errors import ModelFileError

DEFAULT_MEMORY_MB = 4096
DEFAULT_TIMEOUT_S = 120.0
#: Exit status of the child when the engine raised MemoryError.
_OUT_OF_MEMORY = 86

# pysimlin imports pandas only to build result frames, which the child never asks for; a
# placeholder module keeps the child's start-up at a third of a second of CPU.
_CHILD = """
import resource, sys, types
path, mem, cpu = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
resource.setrlimit(resource.RLIMIT_AS, (mem, mem))
resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
sys.modules.setdefault("pandas", types.ModuleType("pandas"))
try:
    import simlin
    sm = simlin.load(path)
    if not [i for i in sm.check() if i.severity == "error"]:
        sm.simulate(enable_ltm=False).run_to_end()
except MemoryError:
    sys.exit(86)
except Exception:
    pass  # the parent reads the file again and reports the engine's own message
"""


def _env_number(name: str, default: float) -> float:
    text = os.environ.get(name)
    if not text:
        return default
    try:
        value = float(text)
    except ValueError:
        raise ModelFileError(f"${name}={text!r} is not a number; unset it or give one") from None
    if not value > 0:
        raise ModelFileError(f"${name}={text!r} must be positive; unset it or give a positive one")
    return value


def _signal_name(code: int) -> str:
    try:
        return signal.Signals(code).name
    except ValueError:
        return f"signal {code}"


#: Files that got through, by the SHA-256 of their bytes: the same model is probed once a process.
_PASSED: set[str] = set()


def probe_model_file(
    path: str | Path, *, memory_mb: float | None = None, timeout_s: float | None = None
) -> None:
    """Load, check and run *path* in a child process; raise :class:`ModelFileError` if it dies.

    Parameters
    ----------
    memory_mb
        Address-space limit of the child (default ``$DOOMLOOP_MODEL_MEMORY_MB`` or 4096).
    timeout_s
        Wall-clock limit (default ``$DOOMLOOP_MODEL_TIMEOUT_S`` or 120); CPU time is limited
        to the same.
    """
    path = Path(path)
    key = hashlib.sha256(path.read_bytes()).hexdigest()
    if key in _PASSED and memory_mb is None and timeout_s is None:
        return
    mem = memory_mb if memory_mb is not None else _env_number("DOOMLOOP_MODEL_MEMORY_MB", 4096)
    wall = timeout_s if timeout_s is not None else _env_number("DOOMLOOP_MODEL_TIMEOUT_S", 120)
    fix = (
        "the engine cannot handle this file; make the model smaller (fewer variables, "
        "shorter equations, a larger dt)"
    )
    args = [sys.executable, "-c", _CHILD, str(path), str(int(mem * 2**20)), str(int(wall) + 1)]
    try:
        proc = subprocess.run(
            args,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            timeout=wall,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise ModelFileError(
            f"{path}: the engine took longer than {wall:g} s to load and run the model (the "
            f"limit, $DOOMLOOP_MODEL_TIMEOUT_S); {fix}"
        ) from None
    code = proc.returncode
    if code == 0:
        _PASSED.add(key)
        return
    lines = [ln.strip() for ln in proc.stderr.decode("utf-8", "replace").splitlines()]
    lines = [ln for ln in lines if ln and "RUST_BACKTRACE" not in ln]
    last = lines[-1] if lines else ""
    pick = next((ln for ln in lines if "alloc" in ln or "panicked" in ln), last)
    said = f" ({pick[:200]})" if pick else ""
    if code == _OUT_OF_MEMORY or "alloc" in said:
        raise ModelFileError(
            f"{path}: the engine needed more than the {mem:g} MiB memory limit "
            f"($DOOMLOOP_MODEL_MEMORY_MB) to load and run the model{said}; {fix}"
        )
    if code < 0 and -code == signal.SIGXCPU:
        raise ModelFileError(
            f"{path}: the engine used more than {wall:g} s of CPU time to load and run the "
            f"model (the limit, $DOOMLOOP_MODEL_TIMEOUT_S); {fix}"
        )
    if code < 0:
        raise ModelFileError(
            f"{path}: the engine crashed ({_signal_name(-code)}) loading and running the "
            f"model{said}; {fix}"
        )
    raise ModelFileError(
        f"{path}: the engine's check process failed (exit status {code}){said}; {fix}"
    )
