"""The reporting period, records and the accountability result, pinned exactly."""

import json
from decimal import Decimal

import pytest

from sociaaldomein import Accountability, DataStatus, Measurement, Period, Status, to_records
from sociaaldomein.core.evaluation import Evaluation
from sociaaldomein.core.reporting_period import (
    default_period,
    expected_periods,
    in_force,
    latest_inside,
    missing_in_period,
)
from sociaaldomein.findings import Severity
from sociaaldomein.model import Frequency, Indicator, MeasurementTypeRegistry

Y2016 = Period.year(2016)


def Q(quarter):
    return Period.quarter(2016, quarter)


def M(month):
    return Period.month(2016, month)


def indicator(frequency=None):
    return Indicator("x", "X", "count", frequency=frequency)


@pytest.mark.parametrize(
    ("frequency", "period", "expected"),
    [
        (None, Y2016, ()),
        (Frequency.ONCE, Y2016, ()),
        (Frequency.YEARLY, Y2016, (Y2016,)),
        (Frequency.YEARLY, Period.half_year(2016, 1), ()),
        (Frequency.HALF_YEARLY, Y2016, (Period.half_year(2016, 1), Period.half_year(2016, 2))),
        (Frequency.QUARTERLY, Period.half_year(2016, 2), (Q(3), Q(4))),
        (Frequency.MONTHLY, Period.quarter(2016, 1), tuple(M(m) for m in (1, 2, 3))),
        (Frequency.YEARLY, Period.span(Period.year(2015), Y2016), (Period.year(2015), Y2016)),
        (Frequency.MONTHLY, Period.day(Y2016.start), ()),
    ],
)  # fmt: skip
def test_expected_periods(frequency, period, expected):
    assert expected_periods(indicator(frequency), period) == expected


def test_the_default_period_prefers_the_latest_end_then_the_longest():
    def at(*periods):
        return default_period(Measurement("x", "A", p, 1) for p in periods)

    assert at() is None
    assert at(Period.half_year(2016, 2), Y2016) == Y2016
    assert at(Y2016, Period.half_year(2016, 2)) == Y2016
    assert at(Period.year(2015), Period.half_year(2016, 1)) == Period.half_year(2016, 1)


def test_in_force_names_the_subject_and_the_period_when_there_is_no_value():
    earlier = Evaluation("x", "Kampen", Period.year(2015), Status.MET, value=3)
    result = in_force(indicator(Frequency.YEARLY), [earlier], Y2016)
    assert (result.status, result.subject, result.period) == (Status.NO_DATA, "Kampen", Y2016)
    assert result.reason == "geen meting voor 2016"
    assert in_force(indicator(), [], Y2016).subject == ""
    other = Evaluation("y", "Kampen", Y2016, Status.MET, value=3)
    assert in_force(indicator(), [other], Y2016).status is Status.NO_DATA  # another indicator


def test_latest_inside_prefers_the_frequency_and_then_the_latest():
    halves = [Period.half_year(2016, 1), Period.half_year(2016, 2)]
    periods = [*halves, Period.quarter(2016, 4), Period.year(2017)]
    chosen = latest_inside(indicator(Frequency.HALF_YEARLY), periods, Y2016, lambda p: p)
    assert chosen == halves[1]
    assert latest_inside(indicator(), periods, Y2016, lambda p: p) == halves[1]  # longer at the end
    assert latest_inside(indicator(), [Period.year(2017)], Y2016, lambda p: p) is None


def test_a_missing_half_year_is_a_warning_naming_it():
    half = indicator(Frequency.HALF_YEARLY)
    first = Measurement("x", "Kampen", Period.half_year(2016, 1), 4)
    found = missing_in_period(half, [first], Y2016, "Kampen")
    assert found is not None
    assert found.severity is Severity.WARNING
    assert (found.where, found.rule) == ("x", "reporting-period")
    assert found.message == (
        "Kampen: geen meting voor 2e halfjaar 2016 (halfjaarlijks);"
        " beoordeeld op de laatste meting in de periode"
    )
    second = Measurement("x", "Kampen", Period.half_year(2016, 2), 5)
    assert missing_in_period(half, [first, second], Y2016, "Kampen") is None
    assert missing_in_period(half, [], Y2016, "Kampen") is None  # no_data says it already
    sliced = Measurement("x", "Kampen", Period.half_year(2016, 2), 5, dimensions={"wijk": "a"})
    assert missing_in_period(half, [first, sliced], Y2016, "Kampen") is not None
    assert missing_in_period(indicator(Frequency.YEARLY), [], Y2016, "Kampen") is None


def test_records_carry_every_field_as_json():
    evaluation = Evaluation(
        "x",
        "Kampen",
        Y2016,
        Status.WITHIN_TOLERANCE,
        value=Decimal("42.5"),
        threshold=Decimal("44"),
        baseline=Decimal("40"),
        reference=Decimal("40"),
        dimensions=(("wijk", "a"),),
        data_status=DataStatus.PROVISIONAL,
        n=120,
        why="uitleg",
    )
    (record,) = to_records([evaluation])
    assert record == {
        "indicator": "x",
        "subject": "Kampen",
        "period": "2016",
        "dimensions": {"wijk": "a"},
        "status": "within_tolerance",
        "value": 42.5,
        "threshold": 44,
        "baseline": 40,
        "compared_with": 40,
        "progress": None,
        "reason": "uitleg",
        "data_status": "provisional",
        "status_given": True,
        "n": 120,
        "references": {},
    }
    assert isinstance(record["threshold"], int)
    assert json.loads(json.dumps(record)) == record
    flag = Evaluation("x", "A", Y2016, Status.MET, value=True, why="")
    assert to_records([flag])[0]["value"] is True
    assert to_records([Evaluation("x", "A", Y2016, Status.MET, value=7, why="")])[0]["value"] == 7


def test_the_accountability_counts_finds_and_writes_its_history():
    types = MeasurementTypeRegistry()
    results = (
        Evaluation("a", "Kampen", Y2016, Status.MET, value=1, why=""),
        Evaluation("b", "Kampen", Y2016, Status.NO_DATA, why="geen meting voor 2016"),
        Evaluation("c", "Kampen", Y2016, Status.MET, value=2, why=""),
    )
    measurements = (
        Measurement("a", "Kampen", Period.year(2017), 9),
        Measurement("a", "Kampen", Y2016, 1),
        Measurement("a", "Kampen", Period.year(2015), 0),
        Measurement("a", "Zwolle", Y2016, 5),
        Measurement("a", "Kampen", Y2016, 3, dimensions={"wijk": "b"}),
        Measurement("b", "Kampen", Y2016, 1),
    )
    run = Accountability(
        title="T",
        subject="Kampen",
        period=Y2016,
        indicators=(),
        types=types,
        results=results,
        measurements=measurements,
        references=("Nederland",),
    )
    assert list(run.summary.items()) == [
        (Status.MET, 2),
        (Status.WITHIN_TOLERANCE, 0),
        (Status.NOT_MET, 0),
        (Status.NO_DATA, 1),
        (Status.NOT_ASSESSED, 0),
    ]
    assert run.result("c") is results[2]
    with pytest.raises(KeyError):
        run.result("d")
    assert [m.period for m in run.history("a")] == [Period.year(2015), Y2016]
    assert [m.value for m in run.history("a", "Zwolle")] == [5]
    envelope = run.envelope()
    assert list(envelope) == [
        "schema", "title", "period", "subject", "references", "reference_groups", "summary",
        "results", "findings",
    ]  # fmt: skip
    assert envelope["schema"] == 2
    assert (envelope["title"], envelope["period"], envelope["subject"]) == ("T", "2016", "Kampen")
    assert envelope["references"] == ["Nederland"]
    assert envelope["summary"]["met"] == 2
    assert [r["indicator"] for r in envelope["results"]] == ["a", "b", "c"]
    assert run.records() == envelope["results"]
