"""Exact findings of the checks in core/validation.py: message, place, severity and rule."""

from __future__ import annotations

from sociaaldomein import (
    Budget,
    Indicator,
    IndicatorSet,
    Measurement,
    MeasurementTypeRegistry,
    Period,
    Project,
)
from sociaaldomein.app.checks import validate_plan, validate_set
from sociaaldomein.core.validation import check_consistency, check_indicators, check_plan
from sociaaldomein.findings import Finding
from sociaaldomein.model.consistency import NotAbove, Together
from sociaaldomein.model.project import Milestone, Phase
from sociaaldomein.plugin import hookimpl
from sociaaldomein.plugin.manager import Plugins

TYPES = MeasurementTypeRegistry()
INDICATORS = {
    i.id: i
    for i in [
        Indicator("deelnemers", "Deelnemers", "count"),
        Indicator("doelgroep", "Doelgroep", "count"),
        Indicator("uren", "Uren", "hours"),
        Indicator("tarief", "Tarief", "amount"),
    ]
}
SLICE = (("leeftijd", "12-17"), ("wijk", "noord"))


def m(indicator, subject, value, dimensions=()):
    return Measurement(indicator, subject, Period.year(2024), value, dimensions=dimensions)


def check(rules, measurements):
    return check_consistency(rules, measurements, TYPES, INDICATORS)


def test_every_group_missing_a_partner_is_reported_with_its_slice():
    found = check(
        [Together(["uren", "tarief"])],
        [
            m("uren", "Assen", 1.0),
            m("uren", "Emmen", 2.0, SLICE),
            m("uren", "Emmen", 3.0),
            m("tarief", "Emmen", 60),
        ],
    )
    message = "uren is measured but tarief is not; the set asks for both"
    assert found == [
        Finding("error", message, "Assen 2024", "consistency.together"),
        Finding("error", message, "Emmen 2024 leeftijd=12-17 wijk=noord", "consistency.together"),
    ]


def test_not_above_checks_every_group_after_one_without_either():
    rules = [NotAbove("deelnemers", "doelgroep", missing="report")]
    found = check(
        rules,
        [
            m("uren", "Aa", 1.0),  # neither: nothing to say
            m("deelnemers", "Borger", 10),  # no limit
            m("doelgroep", "Coevorden", 10),  # no value
            m("deelnemers", "Emmen", 100),  # equal: fine
            m("doelgroep", "Emmen", 100),
            m("deelnemers", "Zuidwolde", 101),
            m("doelgroep", "Zuidwolde", 100),
        ],
    )
    assert found == [
        Finding(
            "warning",
            "doelgroep is missing, so deelnemers <= doelgroep cannot be checked",
            "Borger 2024",
            "consistency.not_above",
        ),
        Finding(
            "warning",
            "deelnemers is missing, so deelnemers <= doelgroep cannot be checked",
            "Coevorden 2024",
            "consistency.not_above",
        ),
        Finding(
            "error",
            "deelnemers (101) is above doelgroep (100)",
            "Zuidwolde 2024",
            "consistency.not_above",
        ),
    ]


def test_not_above_skips_missing_values_by_default_and_goes_on():
    found = check(
        [NotAbove("deelnemers", "doelgroep")],
        [m("deelnemers", "Assen", 10), m("deelnemers", "Emmen", 11), m("doelgroep", "Emmen", 10)],
    )
    assert [f.where for f in found] == ["Emmen 2024"]


def test_every_unknown_measurement_type_is_named_with_the_known_ones():
    types = {"percentage": TYPES["percentage"], "grade": TYPES["grade"]}
    odd = [Indicator("a", "A", "score"), Indicator("b", "B", "tally")]
    assert check_indicators(odd, types, where="set: ") == [
        Finding("error", "onbekend meettype 'score' (bekende meettypen: percentage, grade)",
                "set: a"),
        Finding("error", "onbekend meettype 'tally' (bekende meettypen: percentage, grade)",
                "set: b"),
    ]  # fmt: skip


def plan(**fields):
    return Project(
        "HR 35",
        "Vraagarticulatie",
        start=Period.month(2010, 1),
        end=Period.month(2010, 12),
        **fields,
    )


def test_a_plan_names_its_indicators_and_the_moments_outside_its_period():
    project = plan(
        indicators=[Indicator("x", "X", "score")],
        budget=Budget(Period.year(2010)),
        phases=[
            Phase("voorbereiding", Period.year(2009)),
            Phase(
                "uitvoering",
                None,
                milestones=[
                    Milestone("start", Period.month(2010, 3)),
                    Milestone("einde", Period.month(2011, 2)),
                ],
            ),
        ],
    )
    found = check_plan(project, TYPES)
    assert [(f.severity.value, f.where) for f in found] == [
        ("error", "indicators: x"),
        ("warning", "phases[0].period"),
        ("warning", "phases[1].milestones[1]"),
    ]
    assert found[1].message == "2009 lies outside the project period 2010"
    assert found[2].message == "februari 2011 lies outside the project period 2010"


def test_a_plan_without_a_budget_or_a_period_has_nothing_to_compare():
    assert check_plan(plan(), TYPES) == []
    undated = Project("1", "X", phases=[Phase("fase", Period.year(2009))])
    assert check_plan(undated, TYPES) == []


class Recorder:
    """A plugin that keeps every set it is asked to validate."""

    def __init__(self) -> None:
        self.seen: list[IndicatorSet] = []

    @hookimpl
    def sociaaldomein_validate(self, indicator_set):
        self.seen.append(indicator_set)
        return []


def test_plugins_see_a_plan_as_a_set_and_a_set_as_itself():
    recorder = Recorder()
    plugins = Plugins([recorder], entry_points=False)
    indicators = (Indicator("x", "X", "count"),)
    validate_plan(plan(indicators=indicators), plugins)
    the_set = IndicatorSet("s", "S", indicators=indicators)
    validate_set(the_set, plugins)
    assert recorder.seen == [
        IndicatorSet("plan.hr-35", "Vraagarticulatie", indicators=indicators),
        the_set,
    ]


def test_a_value_that_is_not_known_is_not_compared_and_the_next_group_is():
    found = check(
        [NotAbove("deelnemers", "doelgroep")],
        [
            Measurement("deelnemers", "Assen", Period.year(2024), unknown="n.n.b."),
            m("doelgroep", "Assen", 100),
            m("deelnemers", "Emmen", 101),
            m("doelgroep", "Emmen", 100),
        ],
    )
    assert [f.where for f in found] == ["Emmen 2024"]


def test_formulas_and_accumulations_are_checked_with_their_place():
    derived = Indicator("a", "A", "amount", formula="value(b) / value(c)")
    plain = Indicator("b", "B", "count")
    assert check_indicators([derived, plain], TYPES, where="set: ") == [
        Finding(
            "error",
            "indicator 'a': formule 'value(b) / value(c)' leest onbekende indicator 'c'",
            "set: formula",
        )
    ]
    assert check_indicators([derived, plain, Indicator("c", "C", "count")], TYPES) == []
    summed = [
        Indicator("p", "P", "percentage", accumulation="sum"),
        Indicator("q", "Q", "count", accumulation="sum"),
    ]
    assert check_indicators(summed, TYPES, where="set: ") == [
        Finding(
            "error",
            "percentage values do not add up; accumulation 'sum' needs a count, amount or hours"
            " (use 'running_total' for year-to-date figures)",
            "set: p.accumulation",
        )
    ]


def test_a_set_of_derived_indicators_only_is_checked_too():
    derived = Indicator("d", "D", "amount", formula="value(b)")
    assert check_indicators([derived], TYPES) == [
        Finding(
            "error", "indicator 'd': formule 'value(b)' leest onbekende indicator 'b'", "formula"
        )
    ]


def test_not_above_between_a_number_and_text_is_named_and_not_applied():
    indicators = {**INDICATORS, "verhaal": Indicator("verhaal", "Verhaal", "qualitative")}
    rules = [NotAbove("deelnemers", "verhaal"), NotAbove("deelnemers", "onbekend")]
    found = check_consistency(
        rules,
        [m("deelnemers", "Assen", 5), m("verhaal", "Assen", "goed")],
        TYPES,
        indicators,
    )
    assert found == [
        Finding(
            "error",
            "deelnemers <= verhaal compares numbers, but verhaal is of type qualitative;"
            " the rule is not applied",
            "consistency",
            "consistency.not_above",
        ),
        Finding(
            "error",
            "deelnemers <= onbekend compares numbers, but onbekend is not a known indicator;"
            " the rule is not applied",
            "consistency",
            "consistency.not_above",
        ),
    ]
