"""The exceptions sociaaldomein raises.

Every error derives from :class:`SociaaldomeinError`, so a caller can catch
the library's complaints about its input without catching its bugs.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sociaaldomein.findings import Finding

__all__ = [
    "InvalidValueError",
    "LoadError",
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


class LoadError(SociaaldomeinError, ValueError):
    """A file could not be loaded; :attr:`problems` lists every problem found in it.

    Each problem is a :class:`~sociaaldomein.Finding` with the ``file``, the
    key path or line (``where``) and the ``message``.
    """

    def __init__(self, problems: Iterable[Finding]) -> None:
        self.problems = tuple(problems)
        super().__init__(str(self))

    def __str__(self) -> str:
        return "\n".join(
            f"{p.file}: " + (f"{p.where}: " if p.where else "") + p.message for p in self.problems
        )
