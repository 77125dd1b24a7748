"""Reference groups, and measurements of their members at the edges of coverage."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import strategies as st

from sociaaldomein.model import GroupStatistic, ReferenceGroup
from sociaaldomein.testing.strategies._basics import REFERENCE_SUBJECTS, names

__all__ = ["reference_groups"]


@st.composite
def reference_groups(
    draw: st.DrawFn,
    *,
    name: str | None = None,
    members: Sequence[str] | None = None,
    min_members: int = 1,
    max_members: int = 6,
    statistic: GroupStatistic | str | None = None,
) -> ReferenceGroup:
    """A group of municipalities, valid by construction (each member once).

    :param name: the group's name; by default one of :data:`REFERENCE_SUBJECTS`
        or any name.
    :param members: the pool members are drawn from, in any order, so a
        suite can draw groups that hold its subject (the subject is then a
        member), that share members (a municipality in a size class and in
        a typology), or that name municipalities its measurements never
        measure; any names by default.
    :param statistic: ``aggregate`` or ``median``; either by default.
    """
    pool = st.sampled_from(list(members)) if members else names(max_size=20)
    drawn = draw(
        st.lists(
            pool,
            min_size=min_members,
            max_size=max(min_members, min(max_members, len(members) if members else max_members)),
            unique=True,
        )
    )
    return ReferenceGroup(
        name if name is not None else draw(st.sampled_from(REFERENCE_SUBJECTS) | names()),
        drawn,
        GroupStatistic(statistic)
        if statistic is not None
        else draw(st.sampled_from(GroupStatistic)),
        source=draw(st.sampled_from(["", "https://www.waarstaatjegemeente.nl/"])),
    )
