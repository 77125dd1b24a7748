"""The Meierijstad plugin: fifteen deelopdrachten and the satisfaction rule."""

import attrs
import sociaaldomein_meierijstad

from sociaaldomein import AtLeast, Change, CountPerPeriod, Improvement, Plugins, Reference


def loaded():
    plugins = Plugins([sociaaldomein_meierijstad], entry_points=False)
    assert plugins.problems == []
    return plugins, plugins.resolve("meierijstad").indicator_set


def indicator(indicator_set, id_):
    return next(i for i in indicator_set.all_indicators() if i.id == id_)


def test_all_fifteen_deelopdrachten():
    _, meierijstad = loaded()
    assert [a.code for a in meierijstad.assignments] == [
        "1a",
        "1b",
        "2",
        "3",
        "4",
        "5",
        "6",
        "7",
        "8",
        "9",
        "10",
        "11",
        "12",
        "13",
        "14",
    ]
    assert all(a.tasks and a.policy_frame for a in meierijstad.assignments)


def test_the_quantified_targets_of_the_assignment():
    _, s = loaded()
    assert indicator(s, "1a.baat").target == AtLeast(90)
    assert indicator(s, "3.bereik").target == AtLeast(15)
    assert indicator(s, "3.baat-coaching").target == AtLeast(90)
    assert indicator(s, "4.bereik-doelgroepkinderen").target == AtLeast(98)
    assert indicator(s, "10.buurtbemiddeling").target == Change(5, True, Reference.PREVIOUS)
    assert indicator(s, "2.trendrapportages").target == CountPerPeriod(2, "year")
    volunteers = indicator(s, "12.actieve-vrijwilligers")
    assert volunteers.target == Improvement(Reference.BASELINE)
    assert str(volunteers.baseline_period) == "2019"
    assert str(indicator(s, "8.bereik-mantelzorgers").baseline_period) == "2019"
    grades = [i for i in s.all_indicators() if "klanttevredenheid" in i.themes]
    assert sum(i.target == AtLeast(8) for i in grades) == 9


def test_the_satisfaction_rule_flags_deelopdracht_7_only():
    plugins, s = loaded()
    findings = plugins.validate(s)
    assert {f.where for f in findings} == {
        "deelopdracht 7: 7.tevredenheid-bezoekers",
        "deelopdracht 7: 7.tevredenheid-vrijwilligers",
    }
    assert all(f.rule == "meierijstad.klanttevredenheid-8" for f in findings)


def test_the_rule_catches_a_lower_grade():
    plugins, s = loaded()
    first = s.assignments[2]
    lowered = attrs.evolve(
        first,
        indicators=[attrs.evolve(first.indicators[0], target=AtLeast(7))],
    )
    changed = attrs.evolve(s, assignments=(lowered, *s.assignments[3:]))
    messages = [f.message for f in plugins.validate(changed)]
    assert (
        "satisfaction indicator asks for a grade of at least 7, below Meierijstad's 8" in messages
    )


def test_the_rule_ignores_other_sets():
    plugins, s = loaded()
    assert plugins.validate(attrs.evolve(s, id="elders")) == []
