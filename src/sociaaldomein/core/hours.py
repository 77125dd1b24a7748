"""Hour roll-ups of projects per cluster, municipality or prestatieveld."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

import attrs

from sociaaldomein.errors import InvalidValueError
from sociaaldomein.model.project import Project
from sociaaldomein.model.taxonomy import Taxonomy, tags_of
from sociaaldomein.text.language import N_, _

__all__ = ["HourRollup", "roll_up_hours"]

_NONE = N_("(geen)")
_GROUPINGS = ("project", "cluster", "municipality", "prestatieveld", "theme")


def _keys(project: Project, by: str, taxonomy: Taxonomy | None) -> tuple[str, ...]:
    if by == "theme":
        assert taxonomy is not None
        tags = tags_of(project)
        covering = tuple(t.name for t in taxonomy.themes if taxonomy.covers(t.id, tags))
        return covering or (_(_NONE),)
    if by == "cluster":
        return (project.cluster or _(_NONE),)
    if by == "municipality":
        return tuple(str(m) for m in project.municipalities) or (_(_NONE),)
    if by == "prestatieveld":
        return tuple(f"{p.value}. {p.short_name}" for p in project.prestatievelden) or (_(_NONE),)
    return (f"{project.number} {project.name}",)


@attrs.frozen
class HourRollup:
    """Budgeted hours per group.

    A project in several groups (three municipalities, two prestatievelden)
    counts fully in each, so the groups can add up to more than
    :attr:`total`; :attr:`counted_more_than_once` names those projects.
    Projects without a group are under ``(geen)``. A project listed again
    (the same number and the same contents, such as in two imported files)
    counts once; :attr:`listed_twice` names it.
    """

    by: str
    hours: dict[str, Decimal]
    total: Decimal
    counted_more_than_once: tuple[str, ...]
    without_hours: tuple[str, ...]
    listed_twice: tuple[str, ...] = ()


def roll_up_hours(
    projects: Iterable[Project], by: str, *, taxonomy: Taxonomy | None = None
) -> HourRollup:
    """Add up ``budget_hours`` by ``project``, ``cluster``, ``municipality``, ``prestatieveld``,
    or ``theme``: the top-level themes of ``taxonomy`` (a project counts under a theme when
    it is tagged with it or with a theme below it).

    :raises InvalidValueError: ``by`` is none of these, or ``theme`` without a taxonomy;
        or two different projects have the same number.
    """
    if by not in _GROUPINGS:
        raise InvalidValueError(
            _("tel op per {choices}, niet per {by!r}").format(choices=", ".join(_GROUPINGS), by=by)
        )
    if by == "theme" and taxonomy is None:
        raise InvalidValueError(_("optellen per thema vraagt om een taxonomie"))
    hours: dict[str, Decimal] = {}
    total = Decimal(0)
    repeated, missing, twice = [], [], []
    seen: dict[str, Project] = {}
    for project in projects:
        earlier = seen.get(project.number)
        if earlier is not None:
            if earlier != project:
                raise InvalidValueError(
                    _(
                        "twee verschillende projecten hebben nummer {number!r}: {first!r} en"
                        " {second!r}"
                    ).format(number=project.number, first=earlier.name, second=project.name)
                )
            twice.append(project.number)
            continue
        seen[project.number] = project
        keys = _keys(project, by, taxonomy)
        if project.budget_hours is None:
            missing.append(project.number)
            continue
        total += project.budget_hours
        if len(keys) > 1:
            repeated.append(project.number)
        for key in keys:
            hours[key] = hours.get(key, Decimal(0)) + project.budget_hours
    return HourRollup(
        by, dict(sorted(hours.items())), total, tuple(repeated), tuple(missing), tuple(twice)
    )
