from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sociaaldomein import InvalidValueError, Municipality, Project, roll_up_hours


def project(number, hours, municipalities=(), fields=(), cluster="Vraagarticulatie"):
    return Project(
        number,
        f"Project {number}",
        municipalities=[Municipality(m) for m in municipalities],
        prestatievelden=fields,
        cluster=cluster,
        budget_hours=hours,
    )


PROJECTS = [
    project("35", 125),
    project("2", 50, ["Leiden"], [1, 4]),
    project("9", 200, ["Leiden", "Katwijk"], [4], cluster="Activering en vrijwilligers"),
    project("10", None, ["Katwijk"]),
]


def test_per_cluster():
    rollup = roll_up_hours(PROJECTS, "cluster")
    assert rollup.hours == {"Activering en vrijwilligers": 200, "Vraagarticulatie": 175}
    assert rollup.total == 375
    assert rollup.without_hours == ("10",)


def test_a_project_in_several_groups_counts_in_each_and_is_named():
    rollup = roll_up_hours(PROJECTS, "municipality")
    assert rollup.hours == {"(geen)": 125, "Katwijk": 200, "Leiden": 250}
    assert rollup.counted_more_than_once == ("9",)
    fields = roll_up_hours(PROJECTS, "prestatieveld")
    assert fields.hours["4. mantelzorgers en vrijwilligers"] == 250
    assert fields.counted_more_than_once == ("2",)


def test_unknown_grouping():
    with pytest.raises(InvalidValueError, match="tel op per"):
        roll_up_hours(PROJECTS, "wijk")


@given(st.lists(st.integers(0, 1000), max_size=20))
def test_per_project_adds_up_to_the_total(hours):
    projects = [project(str(i), h) for i, h in enumerate(hours)]
    rollup = roll_up_hours(projects, "project")
    assert sum(rollup.hours.values()) == rollup.total == Decimal(sum(hours))


def test_a_project_listed_twice_counts_once():
    from sociaaldomein import Project, roll_up_hours

    project = Project("7", "Zeven", cluster="X", budget_hours=100)
    rollup = roll_up_hours([project, project], "cluster")
    assert rollup.total == 100
    assert rollup.hours == {"X": 100}
    assert rollup.listed_twice == ("7",)


def test_two_different_projects_with_one_number_are_an_error():
    import pytest

    from sociaaldomein import InvalidValueError, Project, roll_up_hours

    with pytest.raises(InvalidValueError, match="twee verschillende projecten hebben nummer '7'"):
        roll_up_hours(
            [Project("7", "Zeven", budget_hours=1), Project("7", "Acht", budget_hours=2)],
            "cluster",
        )
