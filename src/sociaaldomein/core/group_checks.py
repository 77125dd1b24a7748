"""Names in targets and groups checked against what was measured.

A ``compared_to`` subject or a group member spelled otherwise than the
measurements spell it gives no value, silently; these warnings name it and
suggest what it may have meant. validate, evaluate and report all go through
:func:`measured_names`.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from sociaaldomein.core.target_checks import target_paths
from sociaaldomein.findings import Finding, Severity
from sociaaldomein.model.indicator import Indicator
from sociaaldomein.model.reference_group import ReferenceGroup
from sociaaldomein.model.target import ComparedTo
from sociaaldomein.text.language import _
from sociaaldomein.text.suggest import unknown_name

__all__ = ["absent_members", "measured_names", "unknown_references"]


def absent_members(
    groups: Iterable[ReferenceGroup], indicators: Iterable[Indicator], subjects: Collection[str]
) -> list[Finding]:
    """A warning for each member of a group a target names that no measurement names.

    It counts as not delivered; the warning catches a name spelled otherwise
    than the measurements spell it (``Mepel``, or ``GM0106`` for ``Assen``),
    and suggests the measured subject it may have meant.
    """
    named = {name for indicator in indicators for name in indicator.reference_subjects}
    return [
        Finding(
            Severity.WARNING,
            unknown_name(
                _(
                    "lid {member!r} van referentiegroep {group!r} komt in geen meting voor;"
                    " het telt als niet geleverd"
                ).format(member=member, group=group.name),
                member,
                subjects,
            ),
            f"reference_groups.{group.name}.members[{position}]",
            rule="groups.absent_member",
        )
        for group in groups
        if group.name in named
        for position, member in enumerate(group.members)
        if member not in subjects
    ]


def unknown_references(
    groups: Iterable[ReferenceGroup], indicators: Iterable[Indicator], subjects: Collection[str]
) -> list[Finding]:
    """A warning for each ``compared_to`` subject that is neither a group nor measured.

    Such a target has no value to compare with, ever: it would be "geen
    gegevens" without a word why. The warning is at the target's key path and
    suggests the group or measured subject it may have meant.
    """
    names = [group.name for group in groups]
    known = [*names, *sorted(subjects)]
    findings = []
    for indicator in indicators:
        for path, target in target_paths(indicator):
            if not isinstance(target, ComparedTo):
                continue
            if target.subject in names or target.subject in subjects:
                continue
            message = _(
                "vergeleken met {subject!r}, maar dat is geen referentiegroep en komt in"
                " geen meting voor: er is niets om mee te vergelijken"
            ).format(subject=target.subject)
            findings.append(
                Finding(
                    Severity.WARNING,
                    unknown_name(message, target.subject, known),
                    f"{indicator.id}.{path}",
                    rule="groups.unknown_reference",
                )
            )
    return findings


def measured_names(
    groups: Iterable[ReferenceGroup], indicators: Iterable[Indicator], subjects: Collection[str]
) -> list[Finding]:
    """Every name in the targets and groups that the measured ``subjects`` do not have.

    The one check of them against measurements, used by validate, evaluate
    and report alike: :func:`unknown_references`, then :func:`absent_members`.
    """
    groups, indicators = list(groups), list(indicators)
    return unknown_references(groups, indicators, subjects) + absent_members(
        groups, indicators, subjects
    )
