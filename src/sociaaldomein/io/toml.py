"""Model objects from and to TOML files.

Every problem of a file is reported at once, as a :class:`LoadError` whose
problems name the file and the key path or line. Input is bounded before it
is parsed (see :mod:`sociaaldomein.io.limits`); nothing in it is executed.
"""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path
from typing import Any, TypeVar

from sociaaldomein.errors import LoadError
from sociaaldomein.findings import Finding
from sociaaldomein.io.atomic import write_atomic
from sociaaldomein.io.converter import structure, unstructure
from sociaaldomein.io.limits import (
    DEFAULT_LIMITS,
    Limits,
    check_digits,
    decode_text,
    read_bounded,
    scan_toml,
)
from sociaaldomein.model.indicator_set import IndicatorSet
from sociaaldomein.model.project import Project
from sociaaldomein.text.language import _

__all__ = [
    "dump_toml",
    "load_plan",
    "load_set",
    "load_toml",
    "loads_toml",
    "read_toml",
    "save_toml",
]

T = TypeVar("T")

_LINE = re.compile(r"line (\d+)")


def _read_text(path: Path, limits: Limits) -> str:
    data = read_bounded(path, limits.max_toml_bytes, setting="max_toml_bytes")
    text, _, _ = decode_text(data, str(path))  # TOML is UTF-8 by definition
    return text


def _parse_toml(text: str, file: str, limits: Limits = DEFAULT_LIMITS) -> dict[str, Any]:
    scan_toml(text, file, limits)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        line = _LINE.search(message)
        raise LoadError(
            [
                Finding.in_file(
                    file,
                    f"line {line.group(1)}" if line else "",
                    _("geen geldige TOML: {error}").format(error=message),
                )
            ]
        ) from None
    except ValueError as error:  # an integer of more than 4,300 digits
        check_digits(text, file, limits)
        raise LoadError(
            [Finding.in_file(file, "", _("niet als TOML te lezen: {error}").format(error=error))]
        ) from None
    except (RecursionError, MemoryError) as error:
        # The scan bounds what makes these happen; this is the second line of defence.
        raise LoadError(
            [Finding.in_file(file, "", _("niet als TOML te lezen: {error}").format(error=error))]
        ) from None


def read_toml(path: str | os.PathLike[str], *, limits: Limits = DEFAULT_LIMITS) -> dict[str, Any]:
    """A TOML file's data, before it is turned into model objects (see ``converter.structure``).

    :raises LoadError: the file cannot be read, is over ``limits``, or is not TOML.
    """
    path = Path(path)
    return _parse_toml(_read_text(path, limits), str(path), limits)


def loads_toml(
    text: str, cl: type[T], *, file: str = "<text>", limits: Limits = DEFAULT_LIMITS
) -> T:
    """Build a ``cl`` from TOML text.

    :raises LoadError: the text is over ``limits``, not TOML, or does not
        describe a ``cl``; every problem is listed with ``file`` and its key
        path or line.
    """
    return structure(_parse_toml(text, file, limits), cl, file=file)


def load_toml(path: str | os.PathLike[str], cl: type[T], *, limits: Limits = DEFAULT_LIMITS) -> T:
    """Read a ``cl`` from a TOML file; see :func:`loads_toml`."""
    path = Path(path)
    return loads_toml(_read_text(path, limits), cl, file=str(path), limits=limits)


def load_set(path: str | os.PathLike[str]) -> IndicatorSet:
    """Read an indicator set from a TOML file."""
    return load_toml(path, IndicatorSet)


def load_plan(path: str | os.PathLike[str]) -> Project:
    """Read a project plan (a project with indicators, phases and budget) from TOML."""
    return load_toml(path, Project)


def dump_toml(obj: object) -> str:
    """``obj`` as TOML text; :func:`loads_toml` gives an equal object back."""
    import tomli_w

    return tomli_w.dumps(unstructure(obj))


def save_toml(obj: object, path: str | os.PathLike[str]) -> None:
    """Write ``obj`` to ``path`` as TOML, atomically (see :func:`write_atomic`)."""
    write_atomic(path, dump_toml(obj))
