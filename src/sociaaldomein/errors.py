"""The exceptions sociaaldomein raises.

Every error derives from :class:`SociaaldomeinError`, so a caller can catch
the library's complaints about its input without catching its bugs.
"""

from __future__ import annotations

__all__ = ["InvalidValueError", "SociaaldomeinError", "UnknownNameError"]


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
