"""One CSV file, read and evaluated as columns, gives the run that objects give.

``account_for`` takes the columnar path for a single CSV file the table
reader reads whole (:mod:`sociaaldomein.app.measured_table`); given the
same measurements as objects it takes the objects' path, the
specification. The two runs must be equal in every field: results,
history, slices, comparison, reference values, findings, aggregates.
"""

from __future__ import annotations

import contextlib

import attrs
import pytest
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st
from test_engine_kinds import SLICES, cases

from sociaaldomein import (
    Indicator,
    Measurement,
    Period,
    Project,
    SociaaldomeinError,
    account_for,
    format_measurements,
    load_measurements,
)
from sociaaldomein.core.engine import MeasurementTable, evaluate_table
from sociaaldomein.core.lazy import Lazy, LazyMapping
from sociaaldomein.io.toml import dump_toml
from sociaaldomein.model.consistency import NotAbove, Together
from sociaaldomein.model.indicator_set import IndicatorSet
from sociaaldomein.model.parties import Municipality, Province, Region
from sociaaldomein.table.schema import TooManyDigitsError
from sociaaldomein.testing import strategies as sds
from sociaaldomein.testing.strategies._basics import REFERENCE_SUBJECTS


@contextlib.contextmanager
def columnar_always():
    """Small files take the columnar path too (by default, files of 256 KiB and more)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("sociaaldomein.app.measured_table.COLUMNAR_FROM_BYTES", 0)
        yield


def _objects_and_file(tmp_path, indicators, measurements):
    path = tmp_path / "metingen.csv"
    path.write_text(format_measurements(measurements), encoding="utf-8")
    # The objects as the scalar reader reads them back from the same file.
    return load_measurements(path, indicators=indicators), path


def _run(measurements, **kwargs):
    try:
        return account_for(measurements=measurements, **kwargs)
    except SociaaldomeinError as error:
        return type(error), str(error)


def assert_same_run(columnar, objects):
    """Field by field, so that a failure names the field; reasons too."""
    if isinstance(objects, tuple):  # both refused: the same error, in the same words
        assert columnar == objects
        return
    for field in attrs.fields(type(objects)):
        assert getattr(columnar, field.name) == getattr(objects, field.name), field.name
    for mine, theirs in [
        (columnar.results, objects.results),
        (columnar.slices, objects.slices),
        (tuple(columnar.comparison.values()), tuple(objects.comparison.values())),
        (columnar.evaluations, objects.evaluations),
    ]:
        assert [e.reason for e in mine] == [e.reason for e in theirs]
    assert columnar == objects


def _province(draw, subjects):
    names = sorted(subjects)
    cut = draw(st.integers(0, len(names)))
    regions = [
        Region(f"Regio {n}", tuple(Municipality(name) for name in part))
        for n, part in enumerate((names[:cut], names[cut:]))
        if part
    ]
    return Province("Provincie", tuple(regions))


def _frequency(draw):
    return draw(st.sampled_from([None, "yearly", "half_yearly", "quarterly", "monthly"]))


@st.composite
def runs(draw):
    indicators, measurements = draw(cases())
    if draw(st.booleans()):
        # Notes and sources in plain words, so that most files are read as columns
        # (a line break in a cell sends a file to the scalar reader).
        measurements = [
            attrs.evolve(m, note="", source="bron", unknown=m.unknown and "n.b.")
            for m in measurements
        ]
    # A file gives each series and period once (a duplicate is refused by both readers).
    firsts = {(m.indicator, m.subject, m.period, m.dimensions): m for m in measurements[::-1]}
    measurements = [
        m for m in measurements if firsts[m.indicator, m.subject, m.period, m.dimensions] is m
    ]
    indicators = [
        attrs.evolve(
            i,
            frequency=_frequency(draw),
            slices=draw(st.sampled_from([(), ("leeftijd",), ("leeftijd", "dorp")])),
        )
        for i in indicators
    ]
    subjects = sorted({m.subject for m in measurements} - set(REFERENCE_SUBJECTS))
    references = draw(st.lists(st.sampled_from(REFERENCE_SUBJECTS), max_size=2, unique=True))
    periods = sorted({m.period for m in measurements}, key=lambda p: (p.start, p.end))
    period = draw(st.none() | st.sampled_from([*periods, Period.year(2019)]))
    options = {
        "subject": draw(st.sampled_from(subjects)) if subjects else None,
        "references": references,
        "period": period,
        "regions": _province(draw, subjects) if subjects and draw(st.booleans()) else None,
    }
    # The targets that name "grootteklasse" compare with a group of the subjects
    # (and a member no measurement names) where the set or plan defines one.
    groups = (
        [
            draw(
                sds.reference_groups(
                    name="grootteklasse", members=[*subjects, "regio", "Nergenshuizen"]
                )
            )
        ]
        if draw(st.booleans())
        else []
    )
    return indicators, measurements, options, groups


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(runs(), st.booleans())
def test_a_csv_file_read_as_columns_gives_the_run_objects_give(tmp_path_factory, run, as_plan):
    indicators, measurements, options, groups = run
    tmp_path = tmp_path_factory.mktemp("run")
    try:
        objects, path = _objects_and_file(tmp_path, indicators, measurements)
    except SociaaldomeinError:
        assume(False)  # a value the file cannot hold; the readers are compared elsewhere
    if as_plan:
        years = sorted(m.period.start.year for m in measurements) or [2016]
        framework = {
            "plan": Project(
                "1",
                "Plan",
                indicators=indicators,
                start=Period.year(years[len(years) // 2]),
                end=Period.year(years[len(years) // 2] + 1),
                reference_groups=groups,
            )
        }
    else:
        ids = [i.id for i in indicators]
        rules = [Together((ids[0], ids[-1]))] if len(ids) > 1 else []
        if len(ids) > 1:
            rules.append(NotAbove(ids[0], ids[1]))
        indicator_set = IndicatorSet(
            "run", "Set", indicators=indicators, consistency=rules, reference_groups=groups
        )
        set_file = tmp_path / "set.toml"
        set_file.write_text(dump_toml(indicator_set), encoding="utf-8")
        framework = {"set_file": set_file}
    event("plan" if as_plan else "set with consistency rules")
    expected = _run(objects, **framework, **options)
    with columnar_always():
        got = _run([path], **framework, **options)
    if not isinstance(expected, tuple) and not isinstance(got.measurements, Lazy):
        # A file the table reader leaves to the scalar reader takes the objects'
        # path itself (with that reader's findings): nothing to compare.
        event("objects' path")
        return
    if isinstance(expected, tuple):
        event(f"both refuse: {expected[0].__name__}")
    else:
        event(f"{len(expected.findings)} findings")
        event(f"{len(expected.slices)} slices")
        event(f"{len(expected.aggregates)} aggregates")
        event(f"{len(expected.group_values)} group values")
    assert_same_run(got, expected)


def test_the_whole_run_is_columnar_and_makes_only_the_objects_shown(tmp_path):
    indicator = Indicator("a", "A", "percentage", frequency="yearly", slices=("leeftijd",))
    rows = [
        Measurement("a", f"GM{n:04d}", Period.year(year), 40 + n % 7 + year % 3)
        for n in range(60)
        for year in range(2015, 2020)
    ] + [Measurement("a", "GM0001", Period.year(2019), 50, dimensions={"leeftijd": "12-17"})]
    objects, path = _objects_and_file(tmp_path, [indicator], rows)
    plan = Project("1", "Plan", indicators=[indicator])
    # A file this small is read as objects: importing polars would cost more.
    small = account_for(plan=plan, measurements=[path], subject="GM0001", period="2019")
    assert not isinstance(small.measurements, Lazy)
    with columnar_always():
        got = account_for(plan=plan, measurements=[path], subject="GM0001", period="2019")
    # Nothing but the subject's own objects is made until a caller reads the rest.
    assert isinstance(got.measurements, Lazy)
    assert got.measurements._items is None
    assert isinstance(got.evaluations, Lazy)
    assert got.evaluations._items is None
    assert len(got.subject_measurements) == 6
    assert len(got.comparison) == 60
    assert [e.dimensions for e in got.slices] == [(("leeftijd", "12-17"),)]
    expected = account_for(plan=plan, measurements=objects, subject="GM0001", period="2019")
    assert_same_run(got, expected)
    assert len(got.evaluations) == 60 * 5 + 1


@pytest.mark.parametrize("dimensions", [SLICES[2], SLICES[4]])
def test_a_slice_without_a_value_in_the_period_keeps_its_slice_and_target(tmp_path, dimensions):
    indicator = Indicator("a", "A", "percentage", slices=tuple(dimensions))
    rows = [
        Measurement("a", "GM0001", Period.year(2017), 40),
        Measurement("a", "GM0001", Period.year(2016), 30, dimensions=dimensions),
    ]
    plan = Project("1", "Plan", indicators=[indicator])
    got = account_for(plan=plan, measurements=rows, period="2017")
    (only,) = got.slices
    assert only.dimensions == tuple(dimensions.items())
    assert only.reason == "geen meting voor 2017"


def test_one_reference_may_be_given_as_a_name(tmp_path):
    indicator = Indicator("a", "A", "percentage")
    rows = [
        Measurement("a", subject, Period.year(2019), value)
        for subject, value in (("GM0001", 40), ("Nederland", 45), ("Neder", 50))
    ]
    objects, path = _objects_and_file(tmp_path, [indicator], rows)
    plan = Project("1", "Plan", indicators=[indicator])
    runs = []
    for source in (objects, [path]):
        for references in ("Nederland", ["Nederland"]):
            with columnar_always():
                runs.append(
                    account_for(
                        plan=plan, measurements=source, subject="GM0001", references=references
                    )
                )
    # "Neder" is a subject of its own, not a part of the name "Nederland".
    assert all(run == runs[0] for run in runs)
    assert runs[0].subjects == ("GM0001", "Neder")
    assert runs[0].references == ("Nederland",)


def test_values_too_many_digits_for_a_table_are_judged_as_objects(tmp_path):
    # 10**10 beside a derived 1/3 (28 digits) needs 39 digits: more than a table holds.
    big = Indicator("big", "Groot", "count")
    ratio = Indicator("ratio", "Verhouding", "amount", formula="value(een) / value(drie)")
    one, three = Indicator("een", "Een", "count"), Indicator("drie", "Drie", "count")
    indicators = [big, ratio, one, three]
    rows = [
        Measurement("big", "GM0001", Period.year(2019), 10**10),
        Measurement("een", "GM0001", Period.year(2019), 1),
        Measurement("drie", "GM0001", Period.year(2019), 3),
    ]
    objects, path = _objects_and_file(tmp_path, indicators, rows)
    plan = Project("1", "Plan", indicators=indicators)
    with pytest.raises(TooManyDigitsError):
        evaluate_table(MeasurementTable.from_measurements(objects, indicators))
    with columnar_always():
        got = account_for(plan=plan, measurements=[path])
    assert got == account_for(plan=plan, measurements=objects)
    assert str(got.result("ratio").value).startswith("0.333333")


def test_account_for_makes_no_comparison_objects_until_the_comparison_is_read(tmp_path):
    # Issue 27: 102,000 Evaluation objects were made for the comparison of the
    # whole country (2.5 s of 3.4 s) before anyone read one.
    indicator = Indicator("a", "A", "percentage", frequency="yearly")
    rows = [
        Measurement("a", f"GM{n:04d}", Period.year(year), 40 + n % 7)
        for n in range(50)
        for year in (2018, 2019)
    ]
    objects, path = _objects_and_file(tmp_path, [indicator], rows)
    plan = Project("1", "Plan", indicators=[indicator])
    with columnar_always():
        got = account_for(plan=plan, measurements=[path], subject="GM0001", period="2019")
    assert isinstance(got.comparison, LazyMapping)
    assert len(got.comparison) == 50  # counted without making them
    assert got.comparison._items is None
    expected = account_for(plan=plan, measurements=objects, subject="GM0001", period="2019")
    assert got.comparison == expected.comparison
    assert got.comparison["a", "GM0049"].value == 40 + 49 % 7
