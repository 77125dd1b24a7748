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

    # Transitional: the command line still reads plugin problems as the former
    # PluginProblem (.plugin, .cause); remove these once it reads the fields.
    @property
    def plugin(self) -> str:
        """The plugin a plugin problem is about (its ``rule``)."""
        return self.rule

    @property
    def cause(self) -> str:
        """A plugin problem's ``where`` and ``message`` in one line."""
        return f"{self.where}: {self.message}" if self.where else self.message

    def __str__(self) -> str:
        file = f"{self.file}: " if self.file else ""
        where = f"{self.where}: " if self.where else ""
        by = f" [{self.rule}]" if self.rule else ""
        return f"{file}{where}{self.severity.value}: {self.message}{by}"
