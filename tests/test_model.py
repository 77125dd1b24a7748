"""Bad values raise the library's own error, with what was expected."""

import datetime as dt
from decimal import Decimal

import pytest

from sociaaldomein import (
    Assignment,
    AtLeast,
    AtMost,
    Between,
    BudgetLine,
    Change,
    Direction,
    Indicator,
    IndicatorSet,
    Measurement,
    MilestoneBy,
    Municipality,
    Period,
    Project,
    RisingTrend,
    SociaaldomeinError,
    parse_dutch_date,
)


def test_end_before_start_of_a_project():
    with pytest.raises(SociaaldomeinError, match=r"eindigt .* voordat het begint"):
        Project(
            "7",
            "Terug in de tijd",
            start=parse_dutch_date("1 januari 2010"),
            end=parse_dutch_date("31 december 2009"),
        )


def test_project_keeps_the_precision_of_its_dates():
    project = Project(
        "2",
        "Netwerk",
        start=parse_dutch_date("januari 2010"),
        end=parse_dutch_date("31 december 2010"),
        prestatievelden=["1.", 4],
    )
    assert project.start.kind == "month"
    assert project.end.kind == "day"
    assert str(project.period) == "2010"
    assert [field.value for field in project.prestatievelden] == [1, 4]


def test_unknown_prestatieveld_on_a_project():
    with pytest.raises(SociaaldomeinError, match="er is geen prestatieveld 10"):
        Project("1", "x", prestatievelden=[10])


def test_change_target_without_a_baseline():
    with pytest.raises(SociaaldomeinError, match="vraagt om een baseline_period"):
        Indicator(
            "vrijwilligers",
            "Vrijwilligers",
            "count",
            direction=Direction.HIGHER_IS_BETTER,
            target=Change(10),
        )


def test_change_against_previous_needs_no_baseline():
    indicator = Indicator(
        "bereik",
        "Bereik",
        "percentage",
        direction="higher_is_better",
        target=Change(5, against="previous"),
    )
    assert indicator.baseline_period is None


def test_change_target_without_a_direction():
    with pytest.raises(SociaaldomeinError, match="vraagt om een richting"):
        Indicator("x", "x", "count", target=Change(10), baseline_period=Period.year(2019))


def test_direction_that_contradicts_the_target():
    with pytest.raises(SociaaldomeinError, match="veronderstelt higher_is_better"):
        Indicator("x", "x", "percentage", direction="lower_is_better", target=AtLeast(15))


def test_rising_trend_tolerance_needs_a_baseline():
    with pytest.raises(SociaaldomeinError, match="vraagt om een baseline_period"):
        Indicator("x", "x", "percentage", target=AtLeast(15), tolerance=RisingTrend())


def test_milestone_target_needs_milestone_type():
    with pytest.raises(SociaaldomeinError, match="measurement_type 'milestone'"):
        Indicator("x", "x", "count", target=MilestoneBy(dt.date(2007, 12, 31)))


@pytest.mark.parametrize("bad_id", ["", "Hoofdletter", "met spatie", "-begin"])
def test_indicator_ids(bad_id):
    with pytest.raises(SociaaldomeinError, match="geen geldige id"):
        Indicator(bad_id, "x", "count")


def test_between_needs_low_below_high():
    with pytest.raises(SociaaldomeinError, match="low <= high"):
        Between(20, 10)


def test_target_values_are_exact_decimals():
    assert AtMost(0.1).value == Decimal("0.1")


def test_cbs_code_format():
    assert Municipality("Kampen", "GM0166").cbs_code == "GM0166"
    with pytest.raises(SociaaldomeinError, match="GM en vier cijfers"):
        Municipality("Kampen", "0166")


def test_measurement_needs_a_value_or_a_fraction():
    period = Period.year(2020)
    with pytest.raises(SociaaldomeinError, match="geen waarde"):
        Measurement("x", "Assen", period)
    with pytest.raises(SociaaldomeinError, match="samen"):
        Measurement("x", "Assen", period, numerator=3)
    with pytest.raises(SociaaldomeinError, match="groter dan 0"):
        Measurement("x", "Assen", period, numerator=3, denominator=0)
    with pytest.raises(SociaaldomeinError, match="0 of meer"):
        Measurement("x", "Assen", period, value=3, n=-1)


def test_measurement_dimensions_are_order_free():
    period = Period.year(2020)
    a = Measurement("x", "Assen", period, 1, dimensions={"gender": "v", "age": "12-17"})
    b = Measurement("x", "Assen", period, 1, dimensions=[("age", "12-17"), ("gender", "v")])
    assert a == b
    assert hash(a) == hash(b)


def test_assignment_codes():
    assert Assignment("1A.", "CJG").code == "1a"
    assert Assignment(12, "Mantelzorg").code == "12"
    with pytest.raises(SociaaldomeinError, match="zoals 1a of 12"):
        Assignment("B-2", "x")


def test_budget_line_needs_a_cost():
    with pytest.raises(SociaaldomeinError, match="vraagt om een bedrag"):
        BudgetLine("Inzet", "gemeente", hours=400)
    with pytest.raises(SociaaldomeinError, match="niet het bedrag"):
        BudgetLine("Inzet", "gemeente", hours=400, rate=150, amount=50_000)
    with pytest.raises(SociaaldomeinError, match="0 of meer"):
        BudgetLine("Inzet", "gemeente", amount=-1)
    assert BudgetLine("Inzet", "gemeente", hours=400, rate=150).cost == 60_000


def test_indicator_ids_are_unique_in_a_set():
    one = Indicator("bereik", "Bereik", "percentage")
    with pytest.raises(SociaaldomeinError, match="twee keer gevonden: bereik"):
        IndicatorSet(
            "drenthe",
            "Drenthe",
            indicators=[one],
            assignments=[Assignment("1a", "CJG", indicators=[one])],
        )
