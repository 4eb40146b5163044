"""Atomic file output: a file appears whole, or not at all, and is never silently replaced.

Every writer goes to a temporary file in the destination's own directory (so the final rename
stays on one file system), flushes and ``fsync``\\ s it, then moves it into place. Without
``force`` an existing destination is refused with :class:`~doomloop.errors.OutputExistsError`
and the move itself cannot clobber a file that appears meanwhile (it uses a hard link, which
fails on an existing name). With ``force`` the move is :func:`os.replace`, atomic on POSIX and
Windows. An exception before the move removes the temporary file and leaves the destination as
it was.

Examples
--------
>>> atomic_write_text(tmp / "card.md", "# Model card\\n")               # doctest: +SKIP
>>> with atomic_output(tmp / "chart.png") as part:                      # doctest: +SKIP
...     fig.savefig(part)                                               # a writer that wants a path
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path

from ..errors import OutputExistsError

__all__ = ["atomic_output", "atomic_write_bytes", "atomic_write_many", "atomic_write_text"]


def _exists_error(path: Path) -> OutputExistsError:
    return OutputExistsError(
        f"{path} already exists; it was left untouched. Pass --force (force=True) to overwrite "
        "it, or choose another output directory"
    )


def refuse_existing(paths: list[Path] | tuple[Path, ...], force: bool) -> None:
    """Raise :class:`OutputExistsError` for the first of *paths* that exists, unless *force*."""
    if force:
        return
    for p in paths:
        if os.path.lexists(p):
            raise _exists_error(Path(p))


def _fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:  # not supported (Windows)
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _temp_path(path: Path) -> Path:
    """A fresh, empty temporary file beside *path*, with the same suffix (writers use it)."""
    fd, name = tempfile.mkstemp(
        prefix=f".{path.name}.", suffix=f".part{path.suffix}", dir=path.parent
    )
    os.close(fd)
    os.chmod(name, 0o644)  # mkstemp makes 0600; a written card or chart is meant to be read
    return Path(name)


def _commit(tmp: Path, path: Path, force: bool) -> None:
    """Move *tmp* to *path*; without *force* never replace an existing *path*."""
    if force:
        os.replace(tmp, path)
    else:
        try:
            os.link(tmp, path)
        except FileExistsError:
            raise _exists_error(path) from None
        except OSError as exc:  # file systems without hard links
            if exc.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EXDEV):
                raise
            if os.path.lexists(path):
                raise _exists_error(path) from None
            os.replace(tmp, path)
        else:
            tmp.unlink()
    _fsync_dir(path.parent)


def _sync_file(p: Path) -> None:
    fd = os.open(p, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def atomic_output(path: str | os.PathLike[str], force: bool = False) -> Iterator[Path]:
    """Yield a temporary path beside *path*; move it into place when the block ends cleanly.

    Use it for writers that want a file name (``fig.savefig``, ``DataFrame.to_parquet``).
    The temporary name keeps *path*'s suffix so format detection still works.

    Raises
    ------
    OutputExistsError
        If *path* exists and *force* is false (checked before and after writing).
    """
    path = Path(path)
    refuse_existing([path], force)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = _temp_path(path)
    try:
        yield tmp
        _sync_file(tmp)
        _commit(tmp, path, force)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes, force: bool = False) -> Path:
    """Write *data* to *path* atomically; refuse an existing file unless *force*."""
    path = Path(path)
    with atomic_output(path, force) as tmp, open(tmp, "wb") as fh:
        fh.write(data)
    return path


def atomic_write_text(
    path: str | os.PathLike[str], text: str, force: bool = False, encoding: str = "utf-8"
) -> Path:
    """Write *text* to *path* atomically (UTF-8); refuse an existing file unless *force*."""
    return atomic_write_bytes(path, text.encode(encoding), force)


def atomic_write_many(
    files: Mapping[str | os.PathLike[str], bytes], force: bool = False
) -> list[Path]:
    """Write several files as one unit: all of them appear, or none of the new ones is left.

    Every destination is checked and every temporary file written and synced before the first
    move; if a later move fails, files this call created are removed again (a file replaced
    under *force* cannot be restored).
    """
    targets = {Path(p): data for p, data in files.items()}
    refuse_existing(list(targets), force)
    temps: dict[Path, Path] = {}
    created: list[Path] = []
    try:
        for path, data in targets.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = _temp_path(path)
            temps[path] = tmp
            with open(tmp, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
        for path, tmp in temps.items():
            existed = os.path.lexists(path)
            _commit(tmp, path, force)
            if not existed:
                created.append(path)
    except BaseException:
        for path in created:
            with contextlib.suppress(OSError):
                path.unlink()
        raise
    finally:
        for tmp in temps.values():
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()
    return list(targets)
