"""The exceptions sociaaldomein raises.

Every error derives from :class:`SociaaldomeinError`, so a caller can catch
the library's complaints about its input without catching its bugs.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

__all__ = [
    "InvalidValueError",
    "LoadError",
    "Problem",
    "SociaaldomeinError",
    "UnknownNameError",
]


class SociaaldomeinError(Exception):
    """Base class of every error raised by sociaaldomein."""


class InvalidValueError(SociaaldomeinError, ValueError):
    """A value is outside what its field or measurement type allows.

    The message says what was found and what was expected.
    """


class UnknownNameError(SociaaldomeinError, KeyError):
    """A name, number or code does not refer to anything known.

    The message lists the names that are valid.
    """

    def __str__(self) -> str:
        # KeyError would show the message quoted, like a dict key.
        return str(self.args[0]) if self.args else ""


class Problem(NamedTuple):
    """One thing wrong with an input file.

    :param file: the file (or resource) it is in.
    :param where: the key path (``indicators[3].target.value``) or line
        (``line 12``); empty when it concerns the whole file.
    :param message: what was found and what was expected.
    """

    file: str
    where: str
    message: str

    def __str__(self) -> str:
        where = f"{self.where}: " if self.where else ""
        return f"{self.file}: {where}{self.message}"


class LoadError(SociaaldomeinError, ValueError):
    """A file could not be loaded; :attr:`problems` lists every problem found in it."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(map(str, self.problems)))

    def __str__(self) -> str:
        return "\n".join(map(str, self.problems))
