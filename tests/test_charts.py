"""Charts from the data up (issue 25): read back from their SVG and checked against the data.

Each chart's SVG is parsed with xml.etree. Its parts have fixed ids after the
chart's prefix (``value-points``, ``reference-1``, ``target``,
``reporting-period``, ``y-tick-0``, ``x-tick-0``, ``y-axis-title``); a test
turns pixel positions back into values and dates through the tick labels
and the points, and compares them with what was measured.
"""

import calendar
import datetime as dt
import itertools
import re
import types
import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sociaaldomein import account_for, build_report
from sociaaldomein.model import Measurement, Period
from sociaaldomein.model.measurement_type import MeasurementType
from sociaaldomein.plugin import hookimpl
from sociaaldomein.plugin.manager import Plugins

pytest.importorskip("matplotlib", reason="charts are the optional charts extra")

ROOT = Path(__file__).resolve().parent.parent
KAMPEN = ROOT / "examples" / "kampen-ontwikkelpilot"
BBV = ROOT / "examples" / "bbv-begroting"
SVG = "{http://www.w3.org/2000/svg}"
#: A Dutch number as a tick shows it: thousands with points, decimals with a comma, no unit.
DUTCH_NUMBER = re.compile(r"-?\d{1,3}(?:\.\d{3})*(?:,\d+)?")


def dutch(text):
    assert DUTCH_NUMBER.fullmatch(text), f"not a plain Dutch number: {text!r}"
    return float(text.replace(".", "").replace(",", "."))


def position(date):
    """A date as a year and its share gone by (what the chart's time axis is linear in)."""
    days = 366 if calendar.isleap(date.year) else 365
    return date.year + (date - dt.date(date.year, 1, 1)).days / days


def span(period):
    return position(period.start), position(period.end + dt.timedelta(days=1))


def middle(period):
    start, end = span(period)
    return (start + end) / 2


def numbers(d):
    return [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?(?:e-?\d+)?", d)]


class Drawn:
    """One chart's SVG, as a test reads it."""

    def __init__(self, svg, key):
        self.root = ET.fromstring(svg)
        self.prefix = "chart-" + re.sub(r"[^A-Za-z0-9_-]", "-", key) + "-"
        self.parent = {child: parent for parent in self.root.iter() for child in parent}
        self.ids = {e.get("id"): e for e in self.root.iter() if e.get("id")}
        self.width = float(self.root.get("viewBox").split()[2])

    def part(self, name):
        return self.ids.get(self.prefix + name)

    def texts(self, name):
        group = self.part(name)
        return [] if group is None else [t.text or "" for t in group.iter(SVG + "text")]

    def ticks(self, axis):
        """(label, position of its tick mark, the label's text elements) per tick, in order."""
        found = []
        while (label := self._tick(axis, len(found))) is not None:
            texts = list(label.iter(SVG + "text"))
            if axis == "x":  # centred on its place (a label of a time span has no tick mark)
                (text,) = texts
                assert "text-anchor: middle" in text.get("style")
                where = float(text.get("x"))
            elif self.part("y-marks") is not None:  # the tick marks, bottom to top
                where = self.markers("y-marks")[len(found)][1]
            else:  # matplotlib's own tick (a chart drawn before the ids were given)
                where = float(next(self.parent[label].iter(SVG + "use")).get("y"))
            found.append(("".join(t.text or "" for t in texts), where, texts))
        return found

    def _tick(self, axis, number):
        if self.part(f"{axis}-tick-0") is not None:
            return self.part(f"{axis}-tick-{number}")
        # matplotlib's own id for a tick (a chart drawn before the ids were given).
        group = self.part(f"{axis}tick_{number + 1}")
        texts = [] if group is None else [g for g in group if "text_" in g.get("id", "")]
        return texts[0] if texts else None

    def markers(self, name):
        group = self.part(name)
        if group is None:
            return []
        return [(float(u.get("x")), float(u.get("y"))) for u in group.iter(SVG + "use")]

    def pieces(self, name):
        """The polylines of a path: each ``M`` starts one."""
        group = self.part(name)
        if group is None:
            return []
        d = next(group.iter(SVG + "path")).get("d")
        found = []
        for piece in re.split(r"(?=M)", d.strip()):
            values = numbers(piece)
            if values:
                found.append(list(zip(values[::2], values[1::2], strict=True)))
        return found

    # -- pixels back to values and dates ---------------------------------------

    def value_of(self, y):
        """The value at pixel height ``y``, through the value axis's tick labels."""
        ticks = [(dutch(label), where) for label, where, _ in self.ticks("y")]
        (v0, y0), (v1, y1) = ticks[0], ticks[-1]
        return v0 + (y - y0) * (v1 - v0) / (y1 - y0)

    def check_value_axis(self):
        """Every tick a plain number, increasing upwards, evenly spaced in pixels; not cut."""
        ticks = self.ticks("y")
        assert len(ticks) >= 2, ticks
        values = [dutch(label) for label, _, _ in ticks]
        assert values == sorted(set(values)), values  # increasing, none repeated
        for (label, where, texts), value in zip(ticks, values, strict=True):
            assert abs(self.value_of(where) - value) <= 1e-6 * max(1, abs(value)), label
            for text in texts:
                # Right-aligned at x. In DejaVu Sans (wider than most fonts a browser falls
                # back to) a digit is 0.64 em wide, a point or comma 0.32, a minus 0.84.
                size = float(re.search(r"font-size: ([\d.]+)px", text.get("style"))[1])
                ems = sum(0.32 if c in ".," else 0.84 if c == "-" else 0.64 for c in text.text)
                assert float(text.get("x")) - ems * size >= 0, label
        return values

    def time_fit(self, points):
        """Pixel x as a function of the time position, from the first and last point drawn."""
        xs = [x for x, _ in self.markers("value-points") + self.markers("provisional")]
        xs.sort()
        first, last = middle(points[0].period), middle(points[-1].period)
        assert first < last
        scale = (xs[-1] - xs[0]) / (last - first)
        return lambda t: xs[0] + (t - first) * scale


def chart_of(report, key):
    row = next(r for r in report.rows if r.indicator.id == key)
    assert row.chart, f"{key} has no chart"
    return Drawn(row.chart, key)


def bbv_report(subject, period, references=()):
    from sociaaldomein.io.measurements import load_measurements
    from sociaaldomein.io.toml import load_set

    rows = load_measurements(
        BBV / "measurements.csv", indicators=load_set(BBV / "set.toml").indicators
    )
    return build_report(
        account_for(
            set_file=BBV / "set.toml",
            measurements=[m for m in rows if m.subject in (subject, *references)],
            period=period,
            subject=subject,
            references=list(references),
            plugins=Plugins(entry_points=False),
        )
    )


def set_file(tmp_path, body):
    path = tmp_path / "set.toml"
    path.write_text('id = "toets"\nname = "Toets"\nversion = "1"\n\n' + body, encoding="utf-8")
    return path


# -- the cases of issue 25 -------------------------------------------------------


def test_per_10000_and_per_1000_ticks_are_not_cut_to_er_10000():
    neder_betuwe = chart_of(bbv_report("Neder-Betuwe", "2018", ["Nederland"]), "bijstand-per-10000")
    beverwijk = chart_of(bbv_report("Beverwijk", "2018"), "bijstand-per-1000")
    for drawn, unit in ((neder_betuwe, "per 10.000 inwoners"), (beverwijk, "per 1.000 inwoners")):
        drawn.check_value_axis()  # plain numbers, nothing cut at the left
        assert unit in " ".join(drawn.texts("y-axis-title"))


def test_hours_ticks_read_12000_uur_not_2000_uur(tmp_path):
    path = set_file(
        tmp_path,
        '[[indicators]]\nid = "uren"\nname = "Uren"\nmeasurement_type = "hours"\n'
        'target = { kind = "at_least", value = 9000 }\nfrequency = "yearly"\n',
    )
    values = {2021: 4000.0, 2022: 8000.0, 2023: 12000.0}
    report = build_report(
        account_for(
            set_file=path,
            measurements=[
                Measurement("uren", "Kampen", Period.year(y), v) for y, v in values.items()
            ],
            period="2023",
        )
    )
    drawn = chart_of(report, "uren")
    ticks = drawn.check_value_axis()
    assert max(ticks) >= 12000  # the top tick says twelve thousand, not two
    assert all("uur" not in label for label, _, _ in drawn.ticks("y"))
    assert drawn.texts("y-axis-title") == ["uren"]
    for (_, y), value in zip(drawn.markers("value-points"), values.values(), strict=True):
        assert drawn.value_of(y) == pytest.approx(value, rel=1e-4)


def test_years_are_placed_by_their_dates_not_as_categories(tmp_path):
    path = set_file(
        tmp_path,
        '[[indicators]]\nid = "bereik"\nname = "Bereik"\nmeasurement_type = "percentage"\n',
    )
    report = build_report(
        account_for(
            set_file=path,
            measurements=[
                Measurement("bereik", "Kampen", Period.year(y), v)
                for y, v in ((2005, 40), (2007, 42), (2008, 45))
            ],
            period="2008",
        )
    )
    drawn = chart_of(report, "bereik")
    labels = {label: where for label, where, _ in drawn.ticks("x")}
    assert list(labels) == ["2005", "2006", "2007", "2008"]  # a year without a value too
    (x2005, _), (x2007, _), (x2008, _) = sorted(drawn.markers("value-points"))
    assert x2007 - x2005 == pytest.approx(2 * (x2008 - x2007), rel=1e-3)
    # Each year's label stands under that year's point.
    assert labels["2005"] == pytest.approx(x2005, abs=0.5)
    assert labels["2007"] == pytest.approx(x2007, abs=0.5)


def test_the_band_spans_the_whole_reporting_period_september_2005_through_december_2007():
    run = account_for(plan=KAMPEN / "plan.toml", measurements=[KAMPEN / "measurements.csv"])
    assert run.period.dutch() == "september 2005 t/m december 2007"
    report = build_report(run)
    start, end = span(run.period)
    charted = [row for row in report.rows if row.chart]
    assert len(charted) >= 5
    for row in charted:
        drawn = Drawn(row.chart, row.indicator.id)
        points = [m for m in run.history(row.indicator.id) if m.known]
        fit = drawn.time_fit(points)
        (band,) = drawn.pieces("reporting-period")
        xs = [x for x, _ in band]
        assert min(xs) == pytest.approx(fit(start), abs=0.5), row.indicator.id
        assert max(xs) == pytest.approx(fit(end), abs=0.5), row.indicator.id


COMPARED = """\
[[indicators]]
id = "bijstand"
name = "Bijstand per 10.000"
measurement_type = "rate_per_10000"
target = { kind = "compared_to", subject = "Nederland", bound = "at_most", label = "landelijk" }
frequency = "yearly"
"""


def test_no_target_line_across_a_year_without_a_reference_value(tmp_path):
    ours = [
        Measurement("bijstand", "Kampen", Period.year(y), 200 + y % 7) for y in range(2015, 2019)
    ]
    national = [Measurement("bijstand", "Nederland", Period.year(2018), 401)]
    run = account_for(
        set_file=set_file(tmp_path, COMPARED),
        measurements=ours + national,
        period="2018",
        subject="Kampen",
        references=["Nederland"],
    )
    drawn = chart_of(build_report(run), "bijstand")
    fit = drawn.time_fit(ours)
    (goal,) = drawn.pieces("target")  # 2018 only: no national figure, no target before it
    xs = sorted(x for x, _ in goal)
    assert xs[0] == pytest.approx(fit(2018.0), abs=0.5)
    assert xs[-1] == pytest.approx(fit(2019.0), abs=0.5)
    assert [drawn.value_of(y) for _, y in goal] == pytest.approx([401, 401], abs=0.01)


def test_no_target_line_across_a_year_without_a_target_in_force(tmp_path):
    path = set_file(
        tmp_path,
        '[[indicators]]\nid = "bereik"\nname = "Bereik"\nmeasurement_type = "percentage"\n'
        'frequency = "yearly"\n'
        "[indicators.schedule]\n"
        '2020 = { kind = "at_least", value = 50 }\n2022 = { kind = "at_least", value = 60 }\n',
    )
    ours = [
        Measurement("bereik", "Kampen", Period.year(y), 40 + y - 2018) for y in range(2018, 2023)
    ]
    run = account_for(set_file=path, measurements=ours, period="2022")
    drawn = chart_of(build_report(run), "bereik")
    fit = drawn.time_fit(ours)
    found = {
        (round(min(x for x, _ in piece)), round(max(x for x, _ in piece)))
        for piece in drawn.pieces("target")
    }
    in_force = {e.period.start.year: e.target for e in run.judged("bereik") if e.target}
    assert set(in_force) == {2020, 2022}  # 2018, 2019 and 2021 had no target in force
    assert found == {(round(fit(year)), round(fit(year + 1))) for year in in_force}


def test_the_national_figure_in_the_card_is_in_the_chart():
    report = bbv_report("Neder-Betuwe", "2018", ["Nederland"])
    row = next(r for r in report.rows if r.indicator.id == "bijstand-per-10000")
    assert row.references == (("Nederland", "401 per 10.000 (2018)"),)  # the card
    drawn = chart_of(report, "bijstand-per-10000")
    national = [drawn.value_of(y) for _, y in drawn.markers("reference-1")]
    assert national == pytest.approx([405, 413, 419, 401], abs=0.01)
    legend = [t.text for t in drawn.root.iter(SVG + "text")]
    assert "Nederland" in legend
    assert "Neder-Betuwe" in legend


GROUPED = """\
[[indicators]]
id = "bereik"
name = "Bereik"
measurement_type = "percentage"
target = { kind = "compared_to", subject = "G2", bound = "at_least", label = "vergelijkbaar" }

[reference_groups.G2]
members = ["Assen", "Emmen", "Hoogeveen"]
value = "median"
"""


def test_a_reference_groups_value_in_the_card_is_in_the_chart(tmp_path):
    rows = [("Zuidwolde", 2022, 41), ("Zuidwolde", 2023, 44), ("Assen", 2023, 50)]
    rows += [("Emmen", 2023, 40), ("Assen", 2022, 48)]
    run = account_for(
        set_file=set_file(tmp_path, GROUPED),
        measurements=[Measurement("bereik", who, Period.year(y), v) for who, y, v in rows],
        subject="Zuidwolde",
        period="2023",
    )
    report = build_report(run)
    (row,) = report.rows
    assert ("G2", "mediaan 45% (2023; 2 van 3 gemeenten)") in row.references  # the card
    drawn = chart_of(report, "bereik")
    (point,) = drawn.markers("reference-1")  # the group's value is known for 2023 only
    assert drawn.value_of(point[1]) == pytest.approx(45, abs=0.01)
    assert "G2" in [t.text for t in drawn.root.iter(SVG + "text")]


# -- every measurement type ------------------------------------------------------


def extra_types():
    """A plugin with types of its own: a suffix word, a symbol prefix, a negative range."""
    module = types.ModuleType("extra_types")
    module.sociaaldomein_measurement_types = hookimpl(
        lambda: [
            MeasurementType("fte", "formatieplaatsen", minimum=0, decimals=1, suffix=" fte"),
            MeasurementType("saldo", "saldo", prefix="€ ", exact=True, decimals=2, additive=True),
            MeasurementType("index", "index", minimum=-50, maximum=50, suffix=" punten"),
        ]
    )
    return module


def values_for(kind):
    """Four valid values spread over the type's range, from its edges inwards."""
    low = float(kind.minimum) if kind.minimum is not None else -1500.0
    high = float(kind.maximum) if kind.maximum is not None else 125_000.0
    found = [low + share * (high - low) for share in (0.0, 0.9, 0.37, 1.0)]
    if kind.integral:
        return [int(v) for v in found]
    if kind.exact:
        return [Decimal(repr(round(v, 2))) for v in found]
    return [round(v, 1) for v in found]


YEARS = (2004, 2005, 2007, 2008)
REPORTING = Period.parse("2007-07..2008-12")


def test_every_measurement_type_draws_plain_ticks_and_the_band_from_the_data(tmp_path):
    plugins = Plugins([extra_types()], entry_points=False)
    registry = plugins.measurement_types
    assert {"fte", "saldo", "index", "rate_per_10000", "hours"} <= set(registry)
    body = ""
    measurements = []
    for name, kind in registry.items():
        body += (
            f'[[indicators]]\nid = "{name}"\nname = "Indicator {name}"\n'
            f'measurement_type = "{name}"\nfrequency = "yearly"\n\n'
        )
        if kind.numeric:
            values = values_for(kind)
        elif kind.kind.value == "yes_no":
            values = [False, False, True, True]
        else:
            values = ["begonnen", "bezig", "bijna", "klaar"]
        measurements += [
            Measurement(name, "Kampen", Period.year(year), value)
            for year, value in zip(YEARS, values, strict=True)
        ]
    run = account_for(
        set_file=set_file(tmp_path, body),
        measurements=measurements,
        period=str(REPORTING),
        plugins=plugins,
    )
    report = build_report(run)
    from sociaaldomein.render.chart_axes import axis_title

    for name, kind in registry.items():
        row = next(r for r in report.rows if r.indicator.id == name)
        if not kind.numeric:
            assert row.chart == "", f"{name}: yes/no and text have no value axis"
            continue
        drawn = Drawn(row.chart, name)
        drawn.check_value_axis()
        assert drawn.texts("y-axis-title") == [axis_title(kind)], name
        assert translated(kind.label) in axis_title(kind)
        values = [float(v) for v in values_for(kind)]
        for (_, y), value in zip(sorted(drawn.markers("value-points")), values, strict=True):
            span_of_axis = abs(drawn.value_of(0) - drawn.value_of(100))
            assert abs(drawn.value_of(y) - value) <= 1e-4 * span_of_axis, (name, value)
        points = [Measurement(name, "Kampen", Period.year(y), 0) for y in YEARS]
        fit = drawn.time_fit(points)
        (band,) = drawn.pieces("reporting-period")
        xs = [x for x, _ in band]
        assert min(xs) == pytest.approx(fit(span(REPORTING)[0]), abs=0.5), name
        assert max(xs) == pytest.approx(fit(span(REPORTING)[1]), abs=0.5), name
        labels = [label for label, _, _ in drawn.ticks("x")]
        assert labels == [str(year) for year in range(2004, 2009)], (name, labels)


def translated(text):
    from sociaaldomein.text.language import _ as translate

    return translate(text)


# -- the rules, for any periods and values ----------------------------------------


@st.composite
def periods(draw):
    """Months, quarters, half-years, years and partial years, oldest first, with gaps."""
    index = draw(st.integers(1990 * 12, 2030 * 12))  # months since year 0
    found = []
    for _ in range(draw(st.integers(2, 7))):
        kind = draw(st.sampled_from(["month", "quarter", "half", "year", "range"]))
        align = {"month": 1, "quarter": 3, "half": 6, "year": 12, "range": 1}[kind]
        index = -(-index // align) * align  # the next start of such a period
        year, month = divmod(index, 12)
        month += 1
        if kind == "month":
            period, months = Period.month(year, month), 1
        elif kind == "quarter":
            period, months = Period.quarter(year, (month + 2) // 3), 3
        elif kind == "half":
            period, months = Period.half_year(year, 1 if month == 1 else 2), 6
        elif kind == "year":
            period, months = Period.year(year), 12
        else:
            months = draw(st.integers(2, 30))
            last_year, last_month = divmod(index + months - 1, 12)
            period = Period.span(Period.month(year, month), Period.month(last_year, last_month + 1))
        found.append(period)
        index += months + draw(st.integers(0, 14))
    return found


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    found=periods(),
    data=st.data(),
    kind_name=st.sampled_from(
        ["percentage", "grade", "count", "amount", "hours", "ratio", "rate_per_10000"]
    ),
)
def test_any_periods_and_values_are_placed_by_date_and_read_back(found, data, kind_name):
    from sociaaldomein.model.measurement_type import MeasurementTypeRegistry
    from sociaaldomein.render.charts import Point, Series, TargetInForce, chart

    kind = MeasurementTypeRegistry()[kind_name]
    low = float(kind.minimum) if kind.minimum is not None else -1e9
    high = float(kind.maximum) if kind.maximum is not None else 1e12
    number = st.integers(int(low), int(high)) if kind.integral else st.floats(low, high)
    values = [data.draw(number) for _ in found]
    values = [float(v) for v in values]
    reporting = Period.span(found[-1], found[-1])
    goal = data.draw(st.sampled_from([None, values[0]]))
    series = Series(
        key="toets",
        name="Toets",
        points=tuple(Point(p, v) for p, v in zip(found, values, strict=True)),
        measurement_type=kind,
        reporting_period=reporting,
        targets=() if goal is None else (TargetInForce(found[-1], (goal,)),),
    )
    drawn = Drawn(chart(series), "toets")
    drawn.check_value_axis()
    span_of_axis = abs(drawn.value_of(0) - drawn.value_of(100))
    markers = sorted(drawn.markers("value-points"))
    for (_x, y), value in zip(markers, values, strict=True):
        assert abs(drawn.value_of(y) - value) <= 1e-4 * span_of_axis + 1e-9
    # Placed by date: pixel x is linear in each period's middle.
    fit = drawn.time_fit([types.SimpleNamespace(period=p) for p in found])
    for (x, _), period in zip(markers, found, strict=True):
        assert x == pytest.approx(fit(middle(period)), abs=0.05)
    (band,) = drawn.pieces("reporting-period")
    start, end = span(reporting)
    assert min(x for x, _ in band) == pytest.approx(fit(start), abs=0.05)
    assert max(x for x, _ in band) == pytest.approx(fit(end), abs=0.05)
    assert bool(drawn.pieces("target")) == (goal is not None)
    # Every time label lies on the axis, under the part of time it names, clear of the next.
    labels = drawn.ticks("x")
    for label, where, _ in labels:
        assert label
        assert fit(min(span(p)[0] for p in found)) <= where <= fit(max(span(p)[1] for p in found))
    for (left, at, _), (right, then, _) in itertools.pairwise(labels):
        # A digit or letter of these labels is at most 0.64 em wide in DejaVu Sans (10 px).
        assert then - at >= 6.4 * (len(left) + len(right)) / 2 + 2, (left, right)


def test_a_chart_is_the_same_every_time_and_carries_no_date():
    from sociaaldomein.model.measurement_type import MeasurementTypeRegistry
    from sociaaldomein.render.charts import Point, Series, chart

    series = Series(
        "a",
        "Betrokkenheid",
        (Point(Period.year(2022), 40.0), Point(Period.year(2023), 42.5, provisional=True)),
        MeasurementTypeRegistry()["percentage"],
        reporting_period=Period.year(2023),
    )
    first = chart(series)
    assert first == chart(series)
    assert "<metadata" not in first
    assert "dc:date" not in first
    assert not re.search(r"\d{4}-\d{2}-\d{2}", first)  # no date of making, in any form


def test_a_reference_history_is_the_same_read_as_columns_or_as_objects():
    from sociaaldomein.io.measurements import load_measurements
    from sociaaldomein.io.toml import load_set

    options = {
        "set_file": BBV / "set.toml",
        "period": "2018",
        "subject": "Neder-Betuwe",
        "references": ["Nederland"],
        "plugins": Plugins(entry_points=False),
    }
    indicators = load_set(BBV / "set.toml").indicators
    rows = [
        m
        for m in load_measurements(BBV / "measurements.csv", indicators=indicators)
        if m.subject in ("Neder-Betuwe", "Nederland")
    ]
    columns = account_for(measurements=[BBV / "measurements.csv"], **options)
    objects = account_for(measurements=rows, **options)
    for key in ("bijstand-per-10000", "maatwerk-wmo-per-10000"):
        from_columns = columns.history(key, "Nederland")
        assert [m.value for m in from_columns] == [
            m.value for m in objects.history(key, "Nederland")
        ]
        assert len(from_columns) == 4
