"""Set resolution and hour roll-ups: what a resolved set holds, and the exact error messages."""

from __future__ import annotations

import re

import pytest

from sociaaldomein import (
    AtLeast,
    Indicator,
    IndicatorSet,
    InvalidValueError,
    Override,
    Project,
    Retirement,
    SetError,
    resolve_set,
    roll_up_hours,
)
from sociaaldomein.core.trend import TrendThresholds
from sociaaldomein.model.assignment import Assignment


def test_an_unknown_set_among_none_says_so():
    with pytest.raises(SetError, match=r"^er is geen set 'x' \(bekende sets: \(geen\)\)$"):
        resolve_set("x", {})


REACH = Indicator("bereik", "Bereik", "percentage", target=AtLeast(15))
HOURS = Indicator("uren", "Uren", "hours")
BASE = IndicatorSet(
    "basis",
    "Basis",
    assignments=[Assignment("1a", "Ontmoeting", indicators=[REACH, HOURS])],
    trend_thresholds=TrendThresholds(clear=2.0),
)


def test_inherited_assignments_carry_overridden_and_lose_retired_indicators():
    local = IndicatorSet(
        "lokaal",
        "Lokaal",
        extends="basis",
        overrides=[Override("bereik", target=AtLeast(20))],
        retired=[Retirement("uren", "niet in uren")],
    )
    flat = resolve_set("lokaal", {"basis": BASE, "lokaal": local}).indicator_set
    [assignment] = flat.assignments
    assert assignment.code == "1a"
    assert assignment.indicators == (
        Indicator("bereik", "Bereik", "percentage", target=AtLeast(20)),
    )
    assert flat.indicators == ()


def test_the_nearest_trend_thresholds_win():
    child = IndicatorSet("kind", "Kind", extends="basis")
    grandchild = IndicatorSet(
        "kleinkind", "Kleinkind", extends="kind", trend_thresholds=TrendThresholds(clear=3.0)
    )
    sets = {"basis": BASE, "kind": child, "kleinkind": grandchild}
    assert resolve_set("kind", sets).indicator_set.trend_thresholds == TrendThresholds(clear=2.0)
    assert resolve_set("kleinkind", sets).indicator_set.trend_thresholds == TrendThresholds(
        clear=3.0
    )


def project(number, hours):
    return Project(number, f"Project {number}", cluster="C", budget_hours=hours)


def test_projects_after_one_without_hours_still_count():
    rollup = roll_up_hours([project("1", None), project("2", 50), project("3", None)], "cluster")
    assert (rollup.by, rollup.hours, rollup.total, rollup.without_hours) == (
        "cluster",
        {"C": 50},
        50,
        ("1", "3"),
    )


@pytest.mark.parametrize(
    ("by", "message"),
    [
        ("weeks", "roll up by project, cluster, municipality, prestatieveld, theme, not 'weeks'"),
        ("theme", "rolling up by theme needs a taxonomy"),
    ],
)
def test_a_roll_up_names_what_it_needs(by, message):
    with pytest.raises(InvalidValueError, match=f"^{re.escape(message)}$"):
        roll_up_hours([project("1", 5)], by)
