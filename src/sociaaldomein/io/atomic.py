"""The one way an output is written: checked, atomic, permission-keeping, all or none.

Every file the library writes goes through :func:`write_files` (a set of
files) or :func:`write_atomic` (one file, the same function for a set of
one), so that no command and no ``write_*`` function can skip what follows:

- :func:`check_output` refuses an output that is an input of the same run
  (the same file, after links are followed), a symbolic link, anything that
  is not a regular file (a FIFO, a device, a folder), and an empty result
  where a file with data exists (unless forced);
- the text goes to a temporary file beside the output first, which then
  takes its place: a failed write leaves the old file as it was, and the
  error names the output, never the temporary file;
- the new file keeps the old file's permissions, or gets what the umask
  gives a new file (0644 under the usual umask 022);
- several files (a report's Markdown, HTML, results and PDF) are put in
  place as one set, under a lock on their folder: afterwards all have the
  new contents or none has, and two runs writing the same set take turns.

:func:`protected_inputs` names the inputs of a run once (the command line
does so for every command), so that every write within it refuses them.
"""

from __future__ import annotations

import contextlib
import contextvars
import os
import shutil
import stat
import tempfile
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TypeVar

from sociaaldomein.errors import SociaaldomeinError
from sociaaldomein.text.language import N_, _

__all__ = [
    "OutputError",
    "check_output",
    "protect_inputs",
    "protected_inputs",
    "write_atomic",
    "write_files",
]

#: The inputs of the current run, which no write may replace (see protected_inputs).
_PROTECTED: contextvars.ContextVar[tuple[Path, ...]] = contextvars.ContextVar(
    "sociaaldomein_protected_inputs", default=()
)


#: A path, as callers give it: text or a path object (a TypeVar: a Mapping's key is invariant).
_Path = TypeVar("_Path", bound="str | os.PathLike[str]")
_Counted = TypeVar("_Counted", bound="str | os.PathLike[str]")


class OutputError(SociaaldomeinError):
    """An output file is not written, to keep data; the message says why and what to do."""


@contextlib.contextmanager
def protected_inputs(paths: Iterable[str | os.PathLike[str]] = ()) -> Iterator[None]:
    """Within the block, every write refuses ``paths`` (and what :func:`protect_inputs` adds).

    The command line runs each command inside one, with every file named on
    its command line; a program can do the same around its own run.
    """
    token = _PROTECTED.set((*_PROTECTED.get(), *map(Path, paths)))
    try:
        yield
    finally:
        _PROTECTED.reset(token)


def protect_inputs(paths: Iterable[str | os.PathLike[str]]) -> None:
    """Add ``paths`` to the inputs the current :func:`protected_inputs` block protects.

    For inputs found on the way (the files of a project folder). Outside a
    block this protects them for the rest of the current context.
    """
    _PROTECTED.set((*_PROTECTED.get(), *map(Path, paths)))


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


def _failed(target: Path, error: OSError) -> OutputError:
    """The error for a write to ``target`` that the system refused: it names ``target``.

    ``error.filename`` is often the temporary file, which means nothing to a reader.
    """
    reason = error.strerror or str(error)
    return OutputError(
        _("{target}: kan niet geschreven worden: {reason}; het oude bestand is gebleven").format(
            target=target, reason=reason
        )
    )


def _write_temporary(target: Path, data: str | bytes) -> Path:
    """``data`` (text as UTF-8, or bytes) in a temporary file beside ``target``, on disk."""
    try:
        handle, temporary = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
        )
    except OSError as error:
        raise _failed(target, error) from error
    try:
        os.fchmod(handle, _mode_for(target))
        raw = data.encode("utf-8") if isinstance(data, str) else data
        with os.fdopen(handle, "wb") as stream:
            stream.write(raw)
            stream.flush()
            os.fsync(stream.fileno())
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise _failed(target, error) from error
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return Path(temporary)


def write_atomic(
    path: str | os.PathLike[str],
    text: str | bytes,
    *,
    inputs: Sequence[str | os.PathLike[str]] = (),
    records: int | None = None,
    force: bool = False,
) -> None:
    """Replace ``path`` with ``text`` (UTF-8, or bytes as they are) in one step.

    :func:`write_files` with one file: checked by :func:`check_output`
    first, then written to a temporary file beside ``path`` that takes its
    place; if anything fails on the way, ``path`` is untouched. An existing
    file's permissions are kept; a new file gets the umask's.

    :raises OutputError: the output is refused (see :func:`check_output`),
        or the system refused the write (the message names ``path``).
    """
    write_files({path: text}, inputs=inputs, records={path: records}, force=force)


#: The lock file of a folder whose file system cannot lock the folder itself (NFS, SMB).
LOCK_NAME = ".sociaaldomein.lock"
# POSIX record locks (the lock file's) belong to a process, not to a descriptor:
# threads of one process take turns through these.
_THREAD_LOCKS: dict[Path, threading.Lock] = {}
_THREAD_LOCKS_GUARD = threading.Lock()


def _thread_lock(folder: Path) -> threading.Lock:
    with _THREAD_LOCKS_GUARD:
        return _THREAD_LOCKS.setdefault(folder, threading.Lock())


@contextlib.contextmanager
def _folder_lock(folder: Path) -> Iterator[None]:
    """Hold the folder's lock: runs writing into one folder take turns.

    ``flock`` on the folder itself where the file system allows it (no file
    is left behind); where it does not (a network file system), a POSIX lock
    on :data:`LOCK_NAME` in the folder. Without either (not POSIX, no locks
    at all) each file is still replaced atomically.
    """
    with _thread_lock(folder), contextlib.ExitStack() as held:
        try:
            import fcntl  # noqa: F401 - only to know whether this is POSIX
        except ImportError:  # pragma: no cover - Windows
            yield
            return
        if not _lock_folder(folder, held):
            _lock_file(folder, held)
        yield


def _lock_folder(folder: Path, held: contextlib.ExitStack) -> bool:
    import fcntl

    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:  # an unreadable folder: the writes will say so
        return False
    held.callback(os.close, descriptor)  # closing releases the lock
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
    except OSError:  # NFS, SMB: a folder cannot be locked there
        return False
    return True


def _lock_file(folder: Path, held: contextlib.ExitStack) -> bool:
    import fcntl

    # Never through a link, never opening a FIFO or a device: only a regular file is locked.
    path = folder / LOCK_NAME
    with contextlib.suppress(FileNotFoundError):
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return False
    flags = os.O_RDWR | os.O_CREAT | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0)
    try:
        descriptor = os.open(path, flags | getattr(os, "O_CLOEXEC", 0), 0o644)
    except OSError:
        return False
    held.callback(os.close, descriptor)
    if not stat.S_ISREG(os.fstat(descriptor).st_mode):
        return False
    try:
        fcntl.lockf(descriptor, fcntl.LOCK_EX)
    except OSError:  # a file system without locks
        return False
    return True


def write_files(
    files: Mapping[_Path, str | bytes],
    *,
    inputs: Sequence[str | os.PathLike[str]] = (),
    records: Mapping[_Counted, int | None] | None = None,
    force: bool = False,
    remove: Iterable[str | os.PathLike[str]] = (),
) -> None:
    """Write several files as one set: afterwards all have the new contents, or none has.

    Every output is checked by :func:`check_output` (with its count in
    ``records``, if given), every text is written to a temporary file, and
    only when all are on disk do they take their places, under a lock on
    each folder so that two runs writing the same set take turns. If a
    replacement fails half-way, the files already replaced get their old
    contents back.

    :param remove: files of the set that this run does not make (a report
        without its PDF): removed under the same lock once the others are in
        place, so that an old one is not taken for the new set's.

    :raises OutputError: an output is refused, or the system refused a
        write; nothing of the set is written.
    """
    counts = {Path(path): count for path, count in (records or {}).items()}
    targets = [Path(path) for path in files]
    for target in targets:
        check_output(target, inputs=inputs, records=counts.get(target), force=force)
    temporaries: list[Path] = []
    try:
        for target, data in zip(targets, files.values(), strict=True):
            temporaries.append(_write_temporary(target, data))
        folders = sorted({target.parent.resolve() for target in targets})
        with contextlib.ExitStack() as stack:
            for folder in folders:  # in a fixed order, so two runs cannot deadlock
                stack.enter_context(_folder_lock(folder))
            # Again under the lock: a link or a FIFO may have been put there meanwhile.
            for target in targets:
                check_output(target, inputs=inputs, records=counts.get(target), force=force)
            stale = [Path(path) for path in remove]
            for path in stale:  # refused before anything is replaced, like the outputs
                check_output(path, inputs=inputs)
            _replace_all(targets, temporaries)
            for path in stale:
                try:
                    path.unlink(missing_ok=True)
                except OSError as error:  # the new set is in place; say what is left
                    raise OutputError(
                        _(
                            "{path}: hoort niet bij de nieuwe set maar kan niet worden"
                            " verwijderd ({reason}); verwijder het zelf"
                        ).format(path=path, reason=error.strerror or error)
                    ) from None
    finally:
        for temporary in temporaries:
            temporary.unlink(missing_ok=True)


def _replace_all(targets: Sequence[Path], temporaries: Sequence[Path]) -> None:
    backups: dict[Path, Path | None] = {}
    replaced: list[Path] = []
    target = targets[0] if targets else Path()
    try:
        for target, temporary in zip(targets, temporaries, strict=True):
            # One file needs no backup: os.replace either happens or not.
            backups[target] = _backup(target) if len(targets) > 1 else None
            os.replace(temporary, target)
            replaced.append(target)
    except BaseException as error:
        for done in replaced:
            backup = backups[done]
            try:
                if backup is None:
                    done.unlink()
                else:
                    os.replace(backup, done)
            except OSError:
                backups[done] = None  # the old contents stay under the backup's name
        if isinstance(error, OSError):
            raise _failed(target, error) from error
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


def _kind(mode: int) -> str:
    kinds = (
        (stat.S_ISDIR, N_("een map")),
        (stat.S_ISFIFO, N_("een FIFO (named pipe)")),
        (stat.S_ISCHR, N_("een apparaat (character device)")),
        (stat.S_ISBLK, N_("een apparaat (block device)")),
        (stat.S_ISSOCK, N_("een socket")),
    )
    return _(next((name for test, name in kinds if test(mode)), N_("geen gewoon bestand")))


def check_output(
    output: str | os.PathLike[str],
    *,
    inputs: Sequence[str | os.PathLike[str]] = (),
    records: int | None = None,
    force: bool = False,
) -> None:
    """Refuse an output that would lose data; :func:`write_files` calls it for every output.

    Refused are: an input of the run (``inputs`` and those of the current
    :func:`protected_inputs` block; the same file after links are followed,
    by device and inode), a symbolic link (replacing it would not write
    where it points, and writing where it points may leave the folder), a
    FIFO, a device or a folder, and, when ``records`` is 0, an existing file
    that is not empty unless ``force``.

    :param inputs: the files the result was made from.
    :param records: how many records the result holds, where it is a list.
    :raises OutputError: the output is refused; the message names it and says what to do.
    """
    target = Path(output)
    try:
        found: os.stat_result | None = os.lstat(target)
    except FileNotFoundError:
        found = None
    except OSError as error:
        raise _failed(target, error) from error
    if found is not None and stat.S_ISLNK(found.st_mode):
        raise OutputError(
            _(
                "{target}: dit is een koppeling (symbolic link) naar {link}; die wordt niet"
                " vervangen en er wordt niet doorheen geschreven. Geef het bestand zelf of een"
                " ander uitvoerbestand op"
            ).format(target=target, link=os.readlink(target))
        )
    if found is not None and not stat.S_ISREG(found.st_mode):
        raise OutputError(
            _(
                "{target}: dit is {kind}, geen gewoon bestand; het wordt niet vervangen. Kies"
                " een ander uitvoerbestand"
            ).format(target=target, kind=_kind(found.st_mode))
        )
    if found is not None:
        for source in (*inputs, *_PROTECTED.get()):
            if _same_file(found, Path(source)):
                raise OutputError(
                    _(
                        "{target}: dit is een invoerbestand van deze opdracht ({source});"
                        " schrijven zou het vervangen. Kies een ander uitvoerbestand"
                    ).format(target=target, source=source)
                )
    if records == 0 and found is not None and found.st_size > 0 and not force:
        raise OutputError(
            _(
                "{target}: er is niets gevonden om te schrijven en het bestand bestaat al; het"
                " blijft zoals het was (met --force wordt het door een leeg resultaat vervangen)"
            ).format(target=target)
        )


def _same_file(found: os.stat_result, source: Path) -> bool:
    # By device and inode, as os.path.samefile does: links, '..' and hard links included.
    try:
        other = os.stat(source)
    except OSError:
        return False
    return (found.st_dev, found.st_ino) == (other.st_dev, other.st_ino)
