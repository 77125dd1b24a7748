"""Projects (projectaanvragen and projectplannen) with their phases."""

from __future__ import annotations

from decimal import Decimal

import attrs

from sociaaldomein.errors import InvalidValueError
from sociaaldomein.model._convert import as_tuple, finite_decimal
from sociaaldomein.model.budget import Budget
from sociaaldomein.model.indicator import Indicator
from sociaaldomein.model.parties import Municipality, Organisation
from sociaaldomein.model.period import Period
from sociaaldomein.model.prestatieveld import Prestatieveld, to_prestatievelden
from sociaaldomein.model.reference_group import ReferenceGroup, unique_group_names

__all__ = ["EvaluationMoment", "Milestone", "Phase", "Portfolio", "Project"]


def _optional_hours(value: int | float | Decimal | None) -> Decimal | None:
    if value is None:
        return None
    hours = finite_decimal(value)
    if hours < 0:
        raise InvalidValueError(f"budget_hours must be 0 or more, got {hours}")
    return hours


@attrs.frozen
class Milestone:
    """Something that must be done or decided by a moment (mijlpaal)."""

    description: str
    due: Period


@attrs.frozen
class EvaluationMoment:
    """A moment of evaluation and reporting, and to whom (raad, VWS, bewoners)."""

    description: str
    due: Period
    audience: str = ""


@attrs.frozen
class Phase:
    """A phase of a project plan with its milestones and evaluation moments."""

    name: str
    period: Period | None = None
    milestones: tuple[Milestone, ...] = attrs.field(default=(), converter=as_tuple)
    evaluations: tuple[EvaluationMoment, ...] = attrs.field(default=(), converter=as_tuple)


def _end_not_before_start(
    instance: Project, attribute: attrs.Attribute[Period | None], end: Period | None
) -> None:
    if end is not None and instance.start is not None and end.end < instance.start.start:
        raise InvalidValueError(
            f"project {instance.number!r}: it ends ({end}) before it starts ({instance.start})"
        )


@attrs.frozen
class Project:
    """A project: an application record (Holland Rijnland) or a plan (Kampen).

    ``start`` and ``end`` keep the precision the source gave: ``januari 2010``
    is a month, ``1 januari 2010`` a day; :attr:`period` spans both.

    :param number: the project's number or code in its overview.
    :param municipalities: the municipalities it is for (empty: the region).
    :param budget_hours: hours asked for, as in the application overviews.
    :param commissioned_by: who commissioned it (opdrachtgevers), as written.
    """

    number: str = attrs.field(converter=str)
    name: str
    submitters: tuple[Organisation, ...] = attrs.field(default=(), converter=as_tuple)
    municipalities: tuple[Municipality, ...] = attrs.field(default=(), converter=as_tuple)
    start: Period | None = None
    end: Period | None = attrs.field(default=None, validator=_end_not_before_start)
    prestatievelden: tuple[Prestatieveld, ...] = attrs.field(
        default=(), converter=to_prestatievelden
    )
    cluster: str = ""
    commissioned_by: str = ""
    background: str = ""
    goal: str = ""
    results: str = ""
    activities: str = ""
    budget_hours: Decimal | None = attrs.field(default=None, converter=_optional_hours)
    themes: tuple[str, ...] = attrs.field(default=(), converter=as_tuple)
    indicators: tuple[Indicator, ...] = attrs.field(default=(), converter=as_tuple)
    phases: tuple[Phase, ...] = attrs.field(default=(), converter=as_tuple)
    budget: Budget | None = None
    reference_groups: tuple[ReferenceGroup, ...] = attrs.field(
        default=(), converter=as_tuple, validator=unique_group_names
    )

    @property
    def period(self) -> Period | None:
        """From the start of ``start`` to the end of ``end``, where both are known."""
        if self.start is None or self.end is None:
            return None
        return Period.span(self.start, self.end)


@attrs.frozen
class Portfolio:
    """A collection of projects: an overview of applications, a portfolio page."""

    title: str = ""
    projects: tuple[Project, ...] = attrs.field(default=(), converter=as_tuple)
