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
>>> with output_set(out, ["bands.csv", "bands.png"]) as files:        # doctest: +SKIP
...     write_csv(files["bands.csv"]); fig.savefig(files["bands.png"])  # all appear, or none

A command's outputs are one set (:func:`output_set`): every file is written to a temporary
name first, and only when all of them are written does a commit journal list them and move
them into place. A process killed before the journal leaves only temporary files; one killed
during the moves leaves the journal, and the next command in that folder
(:func:`sweep_stale`) finishes the moves. Temporary names carry the writer's process id, so a
sweep removes only those of processes that are gone.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

from ..errors import OutputError, OutputExistsError

__all__ = [
    "atomic_output",
    "atomic_write_bytes",
    "atomic_write_many",
    "atomic_write_text",
    "ensure_output_dir",
    "output_set",
    "sweep_stale",
]

#: Temporary names: ``.<name>.<pid>-<random>.part<suffix>`` (files and stores),
#: ``.<name>.tmp-<pid>`` (older ensemble stores) and commit journals.
_TEMP_RE = re.compile(r"^\..+\.(\d+)-[^.]*\.part(\.[^.]*)?$|^\..+\.tmp-(\d+)$")
_JOURNAL_RE = re.compile(r"^\.doomloop-commit\.(\d+)-[^.]*\.json$")


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
    try:
        fd, name = tempfile.mkstemp(
            prefix=f".{path.name}.{os.getpid()}-", suffix=f".part{path.suffix}", dir=path.parent
        )
    except OSError as exc:
        raise _write_error(path, exc) from None
    os.close(fd)
    os.chmod(name, 0o644)  # mkstemp makes 0600; a written card or chart is meant to be read
    return Path(name)


def _write_error(path: Path, exc: OSError) -> OutputError:
    what = exc.strerror or str(exc)
    fix = (
        "free some space or choose another --out folder"
        if exc.errno in (errno.ENOSPC, errno.EDQUOT)
        else "choose a folder you can write to (--out)"
    )
    return OutputError(f"cannot write {path}: {what}; {fix}. No output of this command was kept")


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _remove(p: Path) -> None:
    if p.is_dir() and not p.is_symlink():
        shutil.rmtree(p, ignore_errors=True)
    else:
        with contextlib.suppress(FileNotFoundError):
            p.unlink()


def sweep_stale(folder: str | os.PathLike[str]) -> list[Path]:
    """Finish or remove what a killed doomloop process left in *folder*; return what was removed.

    A commit journal of a dead process is finished (its files were complete before it was
    written), then temporary files and stores of dead processes are removed. Nothing of a
    running process is touched.
    """
    folder = Path(folder)
    removed: list[Path] = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return removed
    for p in entries:
        m = _JOURNAL_RE.match(p.name)
        if m and not _alive(int(m.group(1))):
            try:
                entries_of = json.loads(p.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                entries_of = []
            for tmp, target, force in entries_of:
                if os.path.lexists(tmp) and (force or not os.path.lexists(target)):
                    with contextlib.suppress(OSError):
                        _commit(Path(tmp), Path(target), bool(force))
            _remove(p)
            removed.append(p)
    for p in entries:
        m = _TEMP_RE.match(p.name)
        if m and os.path.lexists(p) and not _alive(int(m.group(1) or m.group(3))):
            _remove(p)
            removed.append(p)
    return removed


def ensure_output_dir(
    folder: str | os.PathLike[str], option: str = "--out", *, create: bool = False
) -> Path:
    """Check that *folder* can take outputs, before any work; sweep what killed runs left.

    A missing folder is not created (unless *create*): its nearest existing parent must be a
    folder this process can write to, so that a command that then fails leaves nothing.

    Raises
    ------
    OutputError
        If *folder* is a file, lies under a file, or cannot be written (read-only, no access).
    """
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"{option} {folder} is a file, not a folder; give a folder")
    if not folder.exists() and not create:
        parent = folder.parent
        while not parent.exists() and parent != parent.parent:
            parent = parent.parent
        if not parent.is_dir():
            raise OutputError(
                f"{option} {folder}: {parent} is a file, so the folder cannot be made there; "
                "give a folder path"
            )
        if not os.access(parent, os.W_OK | os.X_OK):
            raise OutputError(
                f"{option} {folder}: cannot create it, {parent} is not writable (read-only or "
                "no permission); choose a folder you can write to"
            )
        return folder
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=f".doomloop-probe.{os.getpid()}-", dir=folder)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise OutputError(
            f"{option} {folder}: cannot write there ({exc.strerror or exc}); choose a folder "
            "you can write to"
        ) from None
    sweep_stale(folder)
    return folder


def _commit(tmp: Path, path: Path, force: bool) -> None:
    """Move *tmp* to *path*; without *force* never replace an existing *path*."""
    if force:
        if tmp.is_dir() and os.path.lexists(path):
            _remove(path)
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
    ensure_output_dir(path.parent, "folder", create=True)
    tmp = _temp_path(path)
    try:
        try:
            yield tmp
            _sync_file(tmp)
            _commit(tmp, path, force)
        except OutputExistsError:
            raise
        except OSError as exc:
            raise _write_error(path, exc) from exc
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
    move (see :func:`output_set`).
    """
    targets = {Path(p): data for p, data in files.items()}
    with output_set(list(targets), force=force) as temps:
        for path, data in targets.items():
            temps[path].write_bytes(data)
    return list(targets)


class OutputSet(Mapping[str | Path, Path]):
    """The temporary paths of one set of outputs, by file name or destination path."""

    def __init__(self, targets: Sequence[Path]):
        self.targets = list(targets)
        self.temps: dict[Path, Path] = {}

    def _key(self, key: str | Path) -> Path:
        for t in self.targets:
            if key in (t, t.name, str(t)):
                return t
        raise KeyError(f"{key} is not one of this set's outputs: {[t.name for t in self.targets]}")

    def __getitem__(self, key: str | Path) -> Path:
        target = self._key(key)
        if target not in self.temps:
            tmp = _temp_path(target)
            tmp.unlink()  # writers create it (a store is a folder); only the name is reserved
            self.temps[target] = tmp
        return self.temps[target]

    def __iter__(self) -> Iterator[Path]:
        return iter(self.targets)

    def __len__(self) -> int:
        return len(self.targets)


def _named_output(files: OutputSet, paths: list[Path], filename: object) -> Path:
    """The output an error was about: a temporary file's destination, or the folder's set."""
    if filename:
        for target, tmp in files.temps.items():
            if str(filename).startswith(str(tmp)):
                return target
        return Path(str(filename))
    return Path(f"{paths[0].parent} ({', '.join(p.name for p in paths)})")


@contextlib.contextmanager
def output_set(
    targets: Sequence[str | os.PathLike[str]], force: bool = False
) -> Iterator[OutputSet]:
    """Write a command's outputs as one set: all of them appear, or none.

    Yields an :class:`OutputSet`; ``files[name]`` is the temporary path to write the output
    *name* to (a file or a folder such as a Zarr store). An output never asked for is not
    written. When the block ends cleanly every written output is synced, a commit journal
    lists them, and they are moved into place; on an exception every temporary path is
    removed and no destination is touched. Existing destinations are refused before the
    block runs unless *force*. If a move fails, the files this set created are removed again
    (a file replaced under *force* cannot be restored).
    """
    paths = [Path(t) for t in targets]
    refuse_existing(paths, force)
    for folder in {p.parent for p in paths}:
        ensure_output_dir(folder, "folder", create=True)
    files = OutputSet(paths)
    journal: Path | None = None
    try:
        try:
            yield files
            written = {t: p for t, p in files.temps.items() if os.path.lexists(p)}
            for tmp in written.values():
                if not tmp.is_dir():
                    _sync_file(tmp)
            refuse_existing(list(written), force)
            folder = paths[0].parent
            fd, name = tempfile.mkstemp(
                prefix=f".doomloop-commit.{os.getpid()}-", suffix=".json", dir=folder
            )
            journal = Path(name)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump([[str(p), str(t), force] for t, p in written.items()], fh)
                fh.flush()
                os.fsync(fh.fileno())
            created: list[Path] = []
            try:
                for target, tmp in written.items():
                    existed = os.path.lexists(target)
                    _commit(tmp, target, force)
                    if not existed:
                        created.append(target)
            except BaseException:  # a move failed here: take back the new files of this set
                for target in created:
                    _remove(target)
                raise
        except OutputExistsError:
            raise
        except OSError as exc:
            raise _write_error(_named_output(files, paths, exc.filename), exc) from exc
    finally:
        for tmp in files.temps.values():
            if os.path.lexists(tmp):
                _remove(tmp)
        if journal is not None:
            with contextlib.suppress(FileNotFoundError):
                journal.unlink()
