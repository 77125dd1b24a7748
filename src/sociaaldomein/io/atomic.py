"""Writing files so that nothing is lost: atomic, permission-keeping, all or none.

- :func:`write_atomic` replaces one file in one step; a failed write leaves
  the old file as it was. The new file keeps the old file's permissions, or
  gets what the umask gives a new file (0644 under the usual umask 022).
- :func:`write_files` writes several files as one set: all of them or none,
  and two processes writing the same set in one folder take turns, so a
  report's Markdown and HTML always come from one run.
- :func:`check_output` refuses to write over a command's own input, or an
  empty result over an existing file.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

from sociaaldomein.errors import SociaaldomeinError

__all__ = ["OutputError", "check_output", "write_atomic", "write_files"]


class OutputError(SociaaldomeinError):
    """An output file is not written, to keep data; the message says why and what to do."""


def _umask() -> int:
    # Reading the umask without changing it: Linux shows it in /proc; elsewhere
    # set and restore it at once (os.umask is the only portable way to read it).
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _mode_for(target: Path) -> int:
    try:
        return stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        return 0o666 & ~_umask()


def _write_temporary(target: Path, text: str | bytes) -> Path:
    """``text`` (or bytes) in a temporary file beside ``target``, on disk, with its mode."""
    handle, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
    )
    try:
        os.fchmod(handle, _mode_for(target))
        data = text.encode("utf-8") if isinstance(text, str) else text
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return Path(temporary)


def write_atomic(path: str | os.PathLike[str], text: str | bytes) -> None:
    """Replace ``path`` with ``text`` (UTF-8, or bytes as they are) in one step.

    The text goes to a temporary file beside ``path`` first, which then
    takes its place; if anything fails on the way, ``path`` is untouched.
    An existing file's permissions are kept; a new file gets the umask's.
    """
    target = Path(path)
    temporary = _write_temporary(target, text)
    try:
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


@contextlib.contextmanager
def _folder_lock(folder: Path) -> Iterator[None]:
    # flock on the folder itself: no lock file is left behind. Where folders
    # cannot be locked (not POSIX), writes still replace each file atomically.
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - an unreadable folder: the writes will say so
        yield
        return
    try:
        with contextlib.suppress(OSError):  # a file system without locks
            fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # closing releases the lock


def write_files(files: Mapping[str | os.PathLike[str], str]) -> None:
    """Write several files as one set: afterwards all have the new text, or none has.

    Every text is written to a temporary file first; only when all are on
    disk do they take their places, under a lock on each folder so that two
    runs writing the same set take turns. If a replacement fails half-way,
    the files already replaced get their old contents back.
    """
    targets = [Path(path) for path in files]
    temporaries: list[Path] = []
    try:
        for target, text in zip(targets, files.values(), strict=True):
            temporaries.append(_write_temporary(target, text))
    except BaseException:
        for temporary in temporaries:
            temporary.unlink(missing_ok=True)
        raise
    folders = sorted({target.parent.resolve() for target in targets})
    with contextlib.ExitStack() as stack:
        for folder in folders:  # in a fixed order, so two runs cannot deadlock
            stack.enter_context(_folder_lock(folder))
        _replace_all(targets, temporaries)


def _replace_all(targets: Sequence[Path], temporaries: Sequence[Path]) -> None:
    backups: dict[Path, Path | None] = {}
    replaced: list[Path] = []
    try:
        for target, temporary in zip(targets, temporaries, strict=True):
            backups[target] = _backup(target)
            os.replace(temporary, target)
            replaced.append(target)
    except BaseException:
        for target in replaced:
            backup = backups[target]
            try:
                if backup is None:
                    target.unlink()
                else:
                    os.replace(backup, target)
            except OSError:
                backups[target] = None  # the old contents stay under the backup's name
        for temporary in temporaries:
            temporary.unlink(missing_ok=True)
        raise
    finally:
        # A backup not moved back is a second name of a file that stays: drop the name.
        for backup in backups.values():
            if backup is not None:
                backup.unlink(missing_ok=True)


def _backup(target: Path) -> Path | None:
    """A hard link to ``target``'s current contents (None if it does not exist)."""
    if not target.exists():
        return None
    backup = target.with_name(f".{target.name}.{os.getpid()}.old")
    backup.unlink(missing_ok=True)
    try:
        os.link(target, backup)
    except OSError:  # a file system without hard links
        shutil.copy2(target, backup)
    return backup


def check_output(
    output: str | os.PathLike[str],
    *,
    inputs: Sequence[str | os.PathLike[str]] = (),
    records: int | None = None,
    force: bool = False,
) -> None:
    """Refuse an output that would lose data; call it before writing ``output``.

    :param inputs: the files the result was made from; ``output`` may not be one of them.
    :param records: how many records the result holds; 0 may not replace an
        existing file unless ``force``.
    :raises OutputError: the output is an input, or an empty result would
        replace an existing file.
    """
    target = Path(output)
    for source in inputs:
        if _same_file(target, Path(source)):
            raise OutputError(
                f"{target}: this is the input file ({source}); writing would replace it."
                " Choose another output file"
            )
    if records == 0 and target.exists() and not force:
        raise OutputError(
            f"{target}: nothing was found to write, and the file exists; it is left as it"
            " was (use --force to replace it with an empty result)"
        )


def _same_file(first: Path, second: Path) -> bool:
    try:
        return os.path.samefile(first, second)
    except OSError:
        return first.resolve() == second.resolve()
