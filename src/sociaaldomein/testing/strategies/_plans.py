"""Budgets, assignments and project plans."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import strategies as st

from sociaaldomein.model import (
    Assignment,
    Basis,
    Budget,
    BudgetLine,
    Funding,
    Prestatieveld,
    Project,
)
from sociaaldomein.testing.strategies._basics import (
    identifiers,
    municipalities,
    names,
    organisations,
    periods,
    texts,
)
from sociaaldomein.testing.strategies._groups import reference_groups
from sociaaldomein.testing.strategies._indicators import indicators


@st.composite
def budget_lines(draw: st.DrawFn, *, source: str | None = None) -> BudgetLine:
    """A cost line: a fixed amount, or hours times a rate."""
    money = st.decimals(0, 1_000_000, places=2)
    funder = source or draw(names(max_size=15))
    basis = draw(st.sampled_from(list(Basis)))
    if draw(st.booleans()):
        return BudgetLine(draw(names()), funder, amount=draw(money), basis=basis)
    return BudgetLine(
        draw(names()),
        funder,
        hours=draw(st.integers(0, 5000)),
        rate=draw(st.decimals(0, 500, places=2)),
        basis=basis,
    )


@st.composite
def budgets(draw: st.DrawFn, *, sources: Sequence[str] = ("gemeente", "subsidie")) -> Budget:
    """A budget over whole months, with lines and funding from ``sources``."""
    period = draw(periods(kinds=["year", "range"]).filter(lambda p: p.months >= 1))
    return Budget(
        period,
        lines=draw(
            st.lists(
                st.sampled_from(list(sources)).flatmap(lambda source: budget_lines(source=source)),
                max_size=5,
            )
        ),
        funding=draw(
            st.lists(
                st.builds(
                    Funding,
                    st.sampled_from(list(sources)),
                    st.decimals(0, 1_000_000, places=2),
                    st.sampled_from(list(Basis)),
                ),
                max_size=3,
            )
        ),
    )


@st.composite
def assignments(draw: st.DrawFn) -> Assignment:
    return Assignment(
        code=f"{draw(st.integers(1, 30))}{draw(st.sampled_from(['', 'a', 'b']))}",
        title=draw(names()),
        policy_frame=draw(texts()),
        tasks=draw(st.lists(names(), max_size=3)),
        indicators=draw(st.lists(indicators(), max_size=3, unique_by=lambda i: i.id)),
        changes=draw(texts()),
        preconditions=draw(st.lists(names(), max_size=3)),
        prestatievelden=draw(
            st.lists(st.sampled_from(list(Prestatieveld)), max_size=2, unique=True)
        ),
    )


@st.composite
def projects(draw: st.DrawFn, *, with_budget: bool | None = None) -> Project:
    """A project with dates in order, prestatievelden, hours and optionally a budget."""
    start = draw(periods(kinds=["day", "month", "year"], years=(2000, 2020)))
    end = draw(
        periods(kinds=["day", "month", "year"], years=(start.end.year, 2030)).filter(
            lambda p: p.end >= start.start
        )
    )
    budget = (
        draw(budgets()) if with_budget or (with_budget is None and draw(st.booleans())) else None
    )
    return Project(
        number=draw(identifiers()),
        name=draw(names()),
        submitters=draw(st.lists(organisations(), max_size=2)),
        municipalities=draw(st.lists(municipalities(), max_size=3)),
        start=start,
        end=end,
        prestatievelden=draw(
            st.lists(st.sampled_from(list(Prestatieveld)), max_size=3, unique=True)
        ),
        cluster=draw(texts(max_size=20)),
        background=draw(texts()),
        goal=draw(texts()),
        results=draw(texts()),
        activities=draw(texts()),
        budget_hours=draw(st.none() | st.integers(0, 10_000)),
        reference_groups=draw(st.lists(reference_groups(), max_size=2, unique_by=lambda g: g.name)),
        indicators=draw(st.lists(indicators(), max_size=3, unique_by=lambda i: i.id)),
        budget=budget,
    )
