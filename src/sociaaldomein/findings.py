"""Findings: what a validation rule or an importer noticed, short of an error."""

from __future__ import annotations

import enum

import attrs

__all__ = ["Finding", "Severity"]


class Severity(enum.StrEnum):
    """How serious a finding is: an error makes validation fail, a warning does not."""

    ERROR = "error"
    WARNING = "warning"


@attrs.frozen
class Finding:
    """One thing a rule noticed.

    :param where: what it concerns: a key path (``indicators[3].target``),
        an indicator id or a line (``line 12``).
    :param rule: the rule or plugin that found it.
    :param file: the file it is in, where it concerns a file.
    """

    severity: Severity = attrs.field(converter=Severity)
    message: str
    where: str = ""
    rule: str = ""
    file: str = ""

    @classmethod
    def in_file(cls, file: str, where: str, message: str) -> Finding:
        """An error in an input file: the file, the key path or line, what is wrong."""
        return cls(Severity.ERROR, message, where, file=file)

    def __str__(self) -> str:
        file = f"{self.file}: " if self.file else ""
        where = f"{self.where}: " if self.where else ""
        by = f" [{self.rule}]" if self.rule else ""
        return f"{file}{where}{self.severity.value}: {self.message}{by}"
