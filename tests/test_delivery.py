"""Figures delivered by organisations: the entry workbook, reading it back, and `status`."""

import json
import os
import re
import shutil
import subprocess
import sys
from decimal import Decimal

import pytest

openpyxl = pytest.importorskip("openpyxl")

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from sociaaldomein.app.delivery import (  # noqa: E402
    Delivery,
    delivery_form,
    expected_figures,
    read_delivery,
    write_template,
)
from sociaaldomein.app.delivery_status import DeliveryState, delivery_status  # noqa: E402
from sociaaldomein.app.run import account_for  # noqa: E402
from sociaaldomein.cli import main  # noqa: E402
from sociaaldomein.errors import InvalidValueError, LoadError, SociaaldomeinError  # noqa: E402
from sociaaldomein.io.atomic import OutputError  # noqa: E402
from sociaaldomein.io.delivery import (  # noqa: E402
    DATA_SHEET,
    INSTRUCTIONS_SHEET,
    META_SHEET,
    read_delivery_layout,
)
from sociaaldomein.io.toml import load_set  # noqa: E402
from sociaaldomein.io.xlsx import load_measurements_xlsx  # noqa: E402
from sociaaldomein.model.indicator import Indicator  # noqa: E402
from sociaaldomein.model.indicator_set import IndicatorSet  # noqa: E402
from sociaaldomein.model.measurement import Measurement  # noqa: E402
from sociaaldomein.model.measurement_type import MeasurementTypeRegistry  # noqa: E402
from sociaaldomein.model.period import Period  # noqa: E402

SET = """\
id = "welzijn"
name = "Welzijn op recept"
version = "2024.1"

[[indicators]]
id = "bereik"
name = "Bereik van de doelgroep"
measurement_type = "percentage"
target = { kind = "at_least", value = 80 }
frequency = "yearly"

[[indicators]]
id = "tevredenheid"
name = "Tevredenheid deelnemers"
measurement_type = "grade"
target = { kind = "at_least", value = 7.5 }
frequency = "yearly"

[[indicators]]
id = "deelnemers"
name = "Aantal deelnemers"
measurement_type = "count"
target = { kind = "at_least", value = 100 }
frequency = "yearly"

[[indicators]]
id = "wachttijd"
name = "Wachttijd in dagen"
measurement_type = "count"
target = { kind = "at_most", value = 30 }
frequency = "yearly"

[[indicators]]
id = "uitval"
name = "Uitval"
measurement_type = "percentage"
target = { kind = "at_most", value = 10 }
frequency = "yearly"

[[assignments]]
code = "2"
title = "Ontmoeting"

[[assignments.indicators]]
id = "2.opgeleverd"
name = "Ontmoetingsplek geopend"
measurement_type = "milestone"
frequency = "yearly"

[[assignments.indicators]]
id = "2.verhaal"
name = "Wat het opleverde"
measurement_type = "qualitative"
frequency = "half_yearly"
"""
SUBJECT = "Stichting Samen"
PERIOD = Period.year(2024)


@pytest.fixture
def welzijn(tmp_path):
    path = tmp_path / "welzijn.toml"
    path.write_text(SET, encoding="utf-8")
    return path


def _rows(sheet):
    """Sheet row of each (indicator id, period), and the column letter of each heading."""
    headings = {cell.value: cell.column_letter for cell in sheet[1]}
    id_column = headings["indicator"]
    rows = {}
    for number in range(2, sheet.max_row + 1):
        rows[sheet[f"{id_column}{number}"].value, sheet[f"C{number}"].value] = number
    return rows, headings


def _make(welzijn, tmp_path, **options):
    path = tmp_path / "levering.xlsx"
    form = write_template(
        load_set(welzijn),
        MeasurementTypeRegistry(),
        path,
        subject=SUBJECT,
        period=PERIOD,
        **options,
    )
    return path, form


def _fill(path, values):
    """Type ``values`` ({(indicator, period): {heading: value}}) as a person would."""
    workbook = openpyxl.load_workbook(path)
    sheet = workbook[DATA_SHEET]
    rows, headings = _rows(sheet)
    cells = {}
    for key, typed in values.items():
        for heading, value in typed.items():
            cell = sheet[f"{headings[heading]}{rows[key]}"]
            if isinstance(value, tuple):  # (value, number format): 85% is 0.85 shown as 0%
                cell.value, cell.number_format = value
            else:
                cell.value = value
            cells[key, heading] = cell.coordinate
    workbook.save(path)
    return cells


FILLED = {
    ("bereik", "2024"): {"Waarde": (0.85, "0%")},
    ("tevredenheid", "2024"): {"Waarde": "7,5", "n (respondenten)": 41, "Status": "voorlopig"},
    ("deelnemers", "2024"): {"Waarde": 120, "Toelichting": "inclusief de zomerweken"},
    ("uitval", "2024"): {"Waarde": "n.n.b."},
    ("2.opgeleverd", "2024"): {"Waarde": "ja"},
    ("2.verhaal", "2024-H1"): {"Waarde": "Goed op gang gekomen"},
    ("2.verhaal", "2024-H2"): {"Waarde": "Vaste groep van twaalf"},
}
# The same figures as a person would type them into a CSV file.
CSV = """\
indicator,subject,period,value,n,status,note,unknown
bereik,Stichting Samen,2024,85,,definitive,,
tevredenheid,Stichting Samen,2024,"7,5",41,provisional,,
deelnemers,Stichting Samen,2024,120,,definitive,inclusief de zomerweken,
uitval,Stichting Samen,2024,,,definitive,,n.n.b.
2.opgeleverd,Stichting Samen,2024,ja,,definitive,,
2.verhaal,Stichting Samen,2024-H1,Goed op gang gekomen,,definitive,,
2.verhaal,Stichting Samen,2024-H2,Vaste groep van twaalf,,definitive,,
"""


def _results(accountability):
    return [(r.indicator, r.period, r.status, r.reason) for r in accountability.results]


# As a person types it: 85% in a percent cell is the number 0.85; or the text "85%".
PERCENT_CELL = pytest.param((0.85, "0%"), id="typed-85%-a-percent-cell")


@pytest.mark.parametrize("percentage", [PERCENT_CELL, pytest.param("85%", id="text-85%")])
def test_a_filled_workbook_reads_back_like_the_same_figures_in_a_csv(welzijn, tmp_path, percentage):
    path, form = _make(welzijn, tmp_path)
    assert [(row.indicator, str(row.period)) for row in form.rows] == [
        ("bereik", "2024"),
        ("tevredenheid", "2024"),
        ("deelnemers", "2024"),
        ("wachttijd", "2024"),
        ("uitval", "2024"),
        ("2.opgeleverd", "2024"),
        ("2.verhaal", "2024-H1"),
        ("2.verhaal", "2024-H2"),
    ]
    filled = {**FILLED, ("bereik", "2024"): {"Waarde": percentage}}
    # A wrong type in one cell: the error names that cell.
    wrong = _fill(path, {**filled, ("deelnemers", "2024"): {"Waarde": "heel veel"}})
    with pytest.raises(LoadError) as raised:
        load_measurements_xlsx(path, indicators=load_set(welzijn).all_indicators())
    [problem] = raised.value.problems
    assert problem.where == f"sheet {DATA_SHEET!r} cell {wrong[('deelnemers', '2024'), 'Waarde']}"
    assert problem.where.endswith("cell G4")
    assert "value" in problem.message
    assert "heel veel" in problem.message
    # Corrected, the workbook evaluates as the CSV with the same figures does;
    # the empty cell (wachttijd) is no measurement in either.
    _fill(path, filled)
    csv = tmp_path / "levering.csv"
    csv.write_text(CSV, encoding="utf-8")
    from_workbook = account_for(
        set_file=welzijn, measurements=[path], period=PERIOD, subject=SUBJECT
    )
    from_csv = account_for(set_file=welzijn, measurements=[csv], period=PERIOD, subject=SUBJECT)
    assert _results(from_workbook) == _results(from_csv)
    assert {m.indicator: m.value for m in from_workbook.measurements}["bereik"] == 85


def test_the_empty_cell_is_reported_missing_by_status(welzijn, tmp_path, capsys):
    path, _ = _make(welzijn, tmp_path)
    _fill(path, FILLED)  # wachttijd is left empty
    indicator_set = load_set(welzijn)
    delivery = read_delivery(path, indicator_set, MeasurementTypeRegistry(), period=PERIOD)
    # Empty means not delivered: no measurement at all, not a zero and not "not known".
    assert "wachttijd" not in {m.indicator for m in delivery.measurements}
    status = delivery_status(indicator_set, PERIOD, [delivery])
    states = {(f.indicator, str(f.period)): f.state for f in status.figures}
    assert states == {
        ("bereik", "2024"): DeliveryState.DELIVERED,
        ("tevredenheid", "2024"): DeliveryState.PROVISIONAL,
        ("deelnemers", "2024"): DeliveryState.DELIVERED,
        ("wachttijd", "2024"): DeliveryState.MISSING,
        ("uitval", "2024"): DeliveryState.NOT_KNOWN,
        ("2.opgeleverd", "2024"): DeliveryState.DELIVERED,
        ("2.verhaal", "2024-H1"): DeliveryState.DELIVERED,
        ("2.verhaal", "2024-H2"): DeliveryState.DELIVERED,
    }
    assert [f.indicator for f in status.missing] == ["wachttijd"]


def test_status_command_says_what_is_missing_in_its_exit_status(tmp_path, capsys):
    path = tmp_path / "levering.xlsx"
    assert (
        main(
            [
                "template",
                "--set",
                "meierijstad",
                "--subject",
                "ONS welzijn",
                "--period",
                "2024",
                "--assignment",
                "2",
                "-o",
                str(path),
            ]
        )
        == 0
    )
    capsys.readouterr()
    assert main(["status", "--set", "meierijstad", "--period", "2024", str(path)]) == 1
    text = capsys.readouterr().out
    assert "ONS welzijn | 2.tevredenheid | 2024 | ontbreekt" in text
    _fill(
        path,
        {("2.tevredenheid", "2024"): {"Waarde": 8}, ("2.trendrapportages", "2024"): {"Waarde": 2}},
    )
    assert (
        main(["status", "--set", "meierijstad", "--period", "2024", "--format", "json", str(path)])
        == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert data["counts"] == {"delivered": 2, "provisional": 0, "not_known": 0, "missing": 0}
    overview = tmp_path / "overzicht.xlsx"
    assert (
        main(["status", "--set", "meierijstad", "--period", "2024", "-o", str(overview), str(path)])
        == 0
    )
    sheet = openpyxl.load_workbook(overview).active
    assert [c.value for c in sheet[1]][:6] == [
        "subject",
        "assignment",
        "indicator",
        "name",
        "period",
        "state",
    ]
    assert sheet.max_row == 3


@pytest.mark.parametrize(
    ("option", "value", "named"),
    [("set", "drenthe", "set 'meierijstad'"), ("period", "2025", "periode '2024'")],
)
def test_a_workbook_for_another_set_or_period_is_refused_by_name(
    tmp_path, capsys, option, value, named
):
    path = tmp_path / "levering.xlsx"
    main(
        [
            "template",
            "--set",
            "meierijstad",
            "--subject",
            "ONS",
            "--period",
            "2024",
            "-o",
            str(path),
        ]
    )
    args = {"set": "meierijstad", "period": "2024", option: value}
    capsys.readouterr()
    assert main(["status", "--set", args["set"], "--period", args["period"], str(path)]) == 1
    error = capsys.readouterr().err
    assert "invulbestand gemaakt voor" in error
    assert named in error


def test_a_workbook_for_another_subject_is_refused_by_name(welzijn, tmp_path):
    path, _ = _make(welzijn, tmp_path)
    with pytest.raises(InvalidValueError, match=r"onderwerp 'Stichting Samen'.*'Anders'"):
        read_delivery(
            path, load_set(welzijn), MeasurementTypeRegistry(), period=PERIOD, subject="Anders"
        )


def test_the_workbook_has_validation_protection_and_hidden_ids(welzijn, tmp_path):
    path, _ = _make(
        welzijn, tmp_path, measurements=[Measurement("bereik", SUBJECT, Period.year(2023), 78.5)]
    )
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == [INSTRUCTIONS_SHEET, DATA_SHEET, META_SHEET]
    assert workbook[META_SHEET].sheet_state == "hidden"
    meta = {row[0]: row[1] for row in workbook[META_SHEET].iter_rows(values_only=True)}
    assert (meta["set"], meta["version"], meta["subject"], meta["period"]) == (
        "welzijn",
        "2024.1",
        SUBJECT,
        "2024",
    )
    sheet = workbook[DATA_SHEET]
    rows, headings = _rows(sheet)
    assert sheet.protection.sheet is True
    for hidden in ("indicator", "onderwerp"):
        assert sheet.column_dimensions[headings[hidden]].hidden
    bereik = rows["bereik", "2024"]
    # Shown: the target in force and the previous value.
    assert sheet[f"{headings['Streefwaarde']}{bereik}"].value == "minimaal 80%"
    assert sheet[f"{headings['Vorige waarde']}{bereik}"].value == "78,5% (2023)"
    # Input cells unlocked, everything else locked.
    value = sheet[f"{headings['Waarde']}{bereik}"]
    assert value.protection.locked is False
    assert sheet[f"{headings['Indicator']}{bereik}"].protection.locked is True
    assert value.number_format.endswith("%")
    # Teller and noemer for a percentage; not for a count, nor n.
    deelnemers = rows["deelnemers", "2024"]
    assert sheet[f"{headings['Teller']}{bereik}"].protection.locked is False
    assert sheet[f"{headings['Teller']}{deelnemers}"].protection.locked is True
    assert sheet[f"{headings['n (respondenten)']}{deelnemers}"].protection.locked is True

    def rule(cell):
        [found] = [v for v in sheet.data_validations.dataValidation if cell in v.sqref]
        return found

    assert rule(value.coordinate).type == "custom"
    assert ">=0" in rule(value.coordinate).formula1
    assert "<=1" in rule(value.coordinate).formula1
    grade = rule(f"{headings['Waarde']}{rows['tevredenheid', '2024']}")
    assert ">=1" in grade.formula1
    assert "<=10" in grade.formula1
    whole = rule(f"{headings['Waarde']}{deelnemers}")
    assert "INT(" in whole.formula1
    milestone = rule(f"{headings['Waarde']}{rows['2.opgeleverd', '2024']}")
    assert (milestone.type, milestone.formula1) == ("list", '"ja,nee,n.n.b."')
    status = rule(f"{headings['Status']}{bereik}")
    assert (status.type, status.formula1) == ("list", '"voorlopig,nader voorlopig,definitief"')
    free = f"{headings['Waarde']}{rows['2.verhaal', '2024-H1']}"
    assert not [v for v in sheet.data_validations.dataValidation if free in v.sqref]


def test_expected_figures_follow_frequency_and_assignment(welzijn):
    indicator_set = load_set(welzijn)
    half = [
        (i.id, str(p)) for _, i, p in expected_figures(indicator_set, Period.half_year(2024, 1))
    ]
    assert half == [("2.verhaal", "2024-H1")]  # a yearly figure is not expected in a half year
    only = expected_figures(indicator_set, PERIOD, assignment="2")
    assert {code for code, _, _ in only} == {"2"}
    with pytest.raises(InvalidValueError, match="geen deelopdracht '9'; wel: 2"):
        expected_figures(indicator_set, PERIOD, assignment="9")
    with pytest.raises(InvalidValueError, match="onderwerp"):
        delivery_form(indicator_set, MeasurementTypeRegistry(), subject=" ", period=PERIOD)


def test_numerator_and_denominator_are_read_from_the_workbook(welzijn, tmp_path):
    path, _ = _make(welzijn, tmp_path)
    _fill(path, {("bereik", "2024"): {"Teller": 34, "Noemer": 40}})
    [found] = load_measurements_xlsx(path, indicators=load_set(welzijn).all_indicators())
    assert (found.numerator, found.denominator, found.value) == (Decimal(34), Decimal(40), None)


# Every command that reads measurements reads an entry workbook through the one reader:
# the bad cell is named the same way by each.
READING_COMMANDS = {
    "evaluate": ["evaluate", "--set", "meierijstad", "--period", "2024"],
    "validate": ["validate", "--set", "meierijstad"],
    "report": ["report", "--set", "meierijstad", "--period", "2024", "--no-charts"],
    "status": ["status", "--set", "meierijstad", "--period", "2024"],
}


@pytest.mark.parametrize("command", sorted(READING_COMMANDS))
def test_every_command_reads_the_workbook_through_the_one_reader(tmp_path, capsys, command):
    path = tmp_path / "levering.xlsx"
    options = ["--set", "meierijstad", "--subject", "ONS welzijn", "--period", "2024"]
    assert main(["template", *options, "--assignment", "2", "-o", str(path)]) == 0
    cells = _fill(path, {("2.tevredenheid", "2024"): {"Waarde": "goed"}})
    capsys.readouterr()
    extra = ["-o", str(tmp_path / "rapport")] if command == "report" else []
    assert main([*READING_COMMANDS[command], *extra, str(path)]) == 1
    said = capsys.readouterr()
    where = f"sheet 'Invullen' cell {cells[('2.tevredenheid', '2024'), 'Waarde']}"
    assert where in said.out + said.err
    assert "goed" in said.out + said.err


FREQUENCIES = st.sampled_from([None, "once", "yearly", "half_yearly", "quarterly", "monthly"])


@settings(max_examples=40, deadline=None)
@given(
    frequencies=st.lists(FREQUENCIES, min_size=1, max_size=5),
    period=st.sampled_from(
        [Period.year(2024), Period.half_year(2024, 2), Period.parse("2023..2024")]
    ),
    data=st.data(),
)
def test_status_states_each_expected_figure_by_what_was_delivered(frequencies, period, data):
    indicators = [
        Indicator(f"i{number}", f"Indicator {number}", "count", frequency=frequency)
        for number, frequency in enumerate(frequencies)
    ]
    indicator_set = IndicatorSet("s", "S", indicators=indicators)
    expected = expected_figures(indicator_set, period)
    drawn = {}
    measurements = []
    for _, indicator, when in expected:
        state = data.draw(st.sampled_from(list(DeliveryState)))
        drawn[indicator.id, when] = state
        if state is DeliveryState.MISSING:
            # A slice, another period or only a forecast delivers nothing for this figure.
            noise = data.draw(st.sampled_from(["none", "slice", "outside", "forecast"]))
            if noise == "slice":
                measurements.append(Measurement(indicator.id, "A", when, 1, dimensions={"d": "x"}))
            elif noise == "outside":
                measurements.append(Measurement(indicator.id, "A", Period.year(2019), 1))
            elif noise == "forecast":
                measurements.append(Measurement(indicator.id, "A", when, forecast=3))
        elif state is DeliveryState.NOT_KNOWN:
            measurements.append(Measurement(indicator.id, "A", when, unknown="n.n.b."))
        else:
            final = state is DeliveryState.DELIVERED
            status = (
                "definitive"
                if final
                else data.draw(st.sampled_from(["provisional", "revised_provisional"]))
            )
            measurements.append(Measurement(indicator.id, "A", when, 0, status=status))
    delivery = Delivery("f.csv", tuple(measurements), subject="A")
    status = delivery_status(indicator_set, period, [delivery])
    assert {(f.indicator, f.period): f.state for f in status.figures} == drawn
    assert len(status.figures) == len(expected)
    assert sum(status.counts().values()) == len(expected)
    assert len(status.missing) == list(drawn.values()).count(DeliveryState.MISSING)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_sees_the_validation_protection_and_hidden_ids(welzijn, tmp_path):
    path, _ = _make(welzijn, tmp_path)
    done = subprocess.run(
        ["soffice", "--headless", "--convert-to", "fods", "--outdir", str(tmp_path), str(path)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, "HOME": str(tmp_path)},  # a profile of its own
    )
    assert done.returncode == 0, done.stderr
    flat = (tmp_path / "levering.fods").read_text(encoding="utf-8")
    tables = dict(
        re.findall(r'<table:table table:name="([^"]+)"[^>]*table:style-name="([^"]+)"', flat)
    )
    tables |= dict(
        re.findall(r'<table:table table:name="([^"]+)" table:style-name="([^"]+)"', flat)
    )
    protected = re.findall(r'<table:table table:name="([^"]+)"[^>]*table:protected="true"', flat)
    assert {DATA_SHEET, INSTRUCTIONS_SHEET, META_SHEET} <= set(protected)
    hidden_style = re.search(
        rf'<style:style style:name="{tables[META_SHEET]}"[^>]*>\s*<style:table-properties[^>]*'
        r'table:display="false"',
        flat,
    )
    assert hidden_style is not None
    conditions = re.findall(r'<table:content-validation [^>]*table:condition="([^"]+)"', flat)
    assert any("ISNUMBER" in c and "n.n.b." in c for c in conditions)  # the value cells
    assert any("cell-content-is-whole-number" in c for c in conditions)  # n
    assert any("definitief" in c for c in conditions)  # the status list
    assert 'table:visibility="collapse" table:number-columns-repeated="2"' in flat  # ids
    assert 'style:cell-protect="none"' in flat  # the unlocked input cells


def test_a_new_template_never_replaces_a_filled_workbook(welzijn, tmp_path):
    path, _ = _make(welzijn, tmp_path)
    _make(welzijn, tmp_path)  # an empty one may be made again
    _fill(path, {("deelnemers", "2024"): {"Waarde": 120}})
    before = path.read_bytes()
    with pytest.raises(OutputError, match=r"1 ingevulde cijfers.*--force"):
        _make(welzijn, tmp_path)
    assert path.read_bytes() == before
    # Unreadable (no such status), but typed by someone all the same.
    _fill(path, {("deelnemers", "2024"): {"Status": "bijna klaar"}})
    with pytest.raises(OutputError, match="ingevulde cellen"):
        _make(welzijn, tmp_path)
    _make(welzijn, tmp_path, force=True)
    assert load_measurements_xlsx(path) == []


def test_a_control_character_in_a_name_is_an_error_not_a_traceback(tmp_path, capsys):
    path = tmp_path / "levering.xlsx"
    options = ["--set", "meierijstad", "--period", "2024", "-o", str(path)]
    assert main(["template", "--subject", "ONS\x07", *options]) == 1
    error = capsys.readouterr().err
    assert "stuurteken" in error
    assert "Traceback" not in error
    assert not path.exists()


@pytest.mark.parametrize("command", ["evaluate", "validate", "report"])
def test_every_command_refuses_a_workbook_for_another_set_by_name(tmp_path, capsys, command):
    path = tmp_path / "levering.xlsx"
    options = ["--subject", "ONS welzijn", "--period", "2024", "--assignment", "2"]
    assert main(["template", "--set", "meierijstad", *options, "-o", str(path)]) == 0
    _fill(path, {("2.tevredenheid", "2024"): {"Waarde": 8}})
    capsys.readouterr()
    given = [command, "--set", "drenthe", str(path)]
    given += ["--period", "2024"] if command != "validate" else []
    given += ["-o", str(tmp_path / "rapport")] if command == "report" else []
    assert main(given) == 1
    said = capsys.readouterr()
    assert "invulbestand gemaakt voor set 'meierijstad' (versie 2023), deelopdracht 2" in (
        said.out + said.err
    )


def test_a_subject_that_delivered_nothing_has_every_figure_missing(tmp_path, capsys):
    path = tmp_path / "levering.xlsx"
    options = ["--subject", "ONS welzijn", "--period", "2024", "--assignment", "2"]
    assert main(["template", "--set", "meierijstad", *options, "-o", str(path)]) == 0
    _fill(
        path,
        {("2.tevredenheid", "2024"): {"Waarde": 8}, ("2.trendrapportages", "2024"): {"Waarde": 2}},
    )
    capsys.readouterr()
    status = ["status", "--set", "meierijstad", "--period", "2024", "--assignment", "2"]
    assert main([*status, "--subject", "ONS welzijn", str(path)]) == 0
    assert (
        main([*status, "--subject", "ONS welzijn", "--subject", "Welzijn De Meierij", str(path)])
        == 1
    )
    text = capsys.readouterr().out
    assert "Welzijn De Meierij | 2.tevredenheid | 2024 | ontbreekt" in text
    assert "Welzijn De Meierij | 2.trendrapportages | 2024 | ontbreekt" in text


def test_the_same_figure_in_two_files_is_an_error_naming_both(welzijn, tmp_path):
    indicator_set = load_set(welzijn)
    rows = (Measurement("deelnemers", SUBJECT, PERIOD, 120),)
    first, second = Delivery("a.csv", rows), Delivery("b.xlsx", rows)
    with pytest.raises(
        LoadError, match=r"b\.xlsx.*deelnemers voor Stichting Samen 2024 staat ook in a\.csv"
    ):
        delivery_status(indicator_set, PERIOD, [first, second])


def test_revisions_of_a_figure_in_two_files_are_one_history_for_status(welzijn):
    indicator_set = load_set(welzijn)
    early = Measurement("deelnemers", SUBJECT, PERIOD, 110, status="provisional", revision=1)
    late = Measurement("deelnemers", SUBJECT, PERIOD, 120, revision=2)
    status = delivery_status(
        indicator_set, PERIOD, [Delivery("a.csv", (early,)), Delivery("b.csv", (late,))]
    )
    (figure,) = [f for f in status.figures if f.indicator == "deelnemers"]
    assert (figure.state, figure.file) == (DeliveryState.DELIVERED, "b.csv")


def test_without_openpyxl_the_template_says_what_to_install(welzijn, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # import openpyxl now fails
    with pytest.raises(SociaaldomeinError, match=r"pip install 'sociaaldomein\[excel\]'"):
        _make(welzijn, tmp_path)
    assert not (tmp_path / "levering.xlsx").exists()


TEXT = st.characters(codec="utf-8", exclude_categories=["Cc", "Cs"])
VALUES = {
    "percentage": st.decimals(0, 100, places=1),
    "grade": st.decimals(1, 10, places=1),
    "count": st.integers(0, 10**9),
    "milestone": st.booleans(),
    # A text starting with = is a formula in a spreadsheet too; one starting with '
    # loses it (the CSV convention for neutralised formulas), as the xlsx reader has it.
    "qualitative": st.text(TEXT, min_size=1)
    .map(str.strip)
    .filter(lambda text: text and text[0] not in "='"),
}
TYPE_OF = {
    "bereik": "percentage",
    "tevredenheid": "grade",
    "deelnemers": "count",
    "wachttijd": "count",
    "uitval": "percentage",
    "2.opgeleverd": "milestone",
    "2.verhaal": "qualitative",
}


@settings(max_examples=15, deadline=None)
@given(data=st.data())
def test_typed_figures_read_back_as_delivered(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("round")
    welzijn = folder / "welzijn.toml"
    welzijn.write_text(SET, encoding="utf-8")
    path, form = _make(welzijn, folder)
    typed, expected = {}, {}
    for row in form.rows:
        key = (row.indicator, str(row.period))
        choice = data.draw(st.sampled_from(["value", "n.n.b.", "empty"]))
        if choice == "empty":
            continue
        if choice == "n.n.b.":
            typed[key] = {"Waarde": "n.n.b."}
            expected[key] = "n.n.b."
            continue
        kind = TYPE_OF[row.indicator]
        value = data.draw(VALUES[kind])
        # As a person's spreadsheet holds them: numbers typed, yes/no as ja/nee, text as text.
        cell = {
            "milestone": "ja" if value else "nee",
            "qualitative": value,
            "count": value,
        }.get(kind, float(value) if kind == "grade" else f"{value}%".replace(".", ","))
        typed[key] = {"Waarde": cell}
        expected[key] = value
    _fill(path, typed)
    found = load_measurements_xlsx(path, indicators=load_set(welzijn).all_indicators())
    read = {(m.indicator, str(m.period)): m.unknown if m.unknown else m.value for m in found}
    assert read.keys() == expected.keys()
    for key, value in expected.items():
        assert read[key] == (float(value) if isinstance(value, Decimal) else value), key


def test_each_row_shows_the_target_in_force_for_its_own_period():
    from sociaaldomein.model.target import AtLeast

    bereik = Indicator(
        "bereik",
        "Bereik",
        "percentage",
        frequency="half_yearly",
        target=AtLeast(5),
        schedule={Period.half_year(2024, 1): AtLeast(10), Period.half_year(2024, 2): AtLeast(20)},
    )
    earlier = [
        Measurement("bereik", SUBJECT, Period.half_year(2023, 2), 9.5),
        Measurement("bereik", SUBJECT, Period.half_year(2024, 1), 12),  # not before H1 itself
        Measurement("bereik", "Ander", Period.half_year(2023, 2), 50),  # another subject
    ]
    form = delivery_form(
        IndicatorSet("s", "S", indicators=[bereik]),
        MeasurementTypeRegistry(),
        subject=SUBJECT,
        period=PERIOD,
        measurements=earlier,
    )
    assert [(str(r.period), r.target, r.previous) for r in form.rows] == [
        ("2024-H1", "minimaal 10%", "9,5% (2023-H2)"),
        ("2024-H2", "minimaal 20%", "12% (2024-H1)"),
    ]


def test_a_set_file_serves_as_well_as_an_installed_set(welzijn, tmp_path, capsys):
    path = tmp_path / "levering.xlsx"
    common = ["--set-file", str(welzijn), "--period", "2024"]
    assert main(["template", *common, "--subject", SUBJECT, "-o", str(path)]) == 0
    _fill(path, FILLED)
    capsys.readouterr()
    assert main(["status", *common, "--format", "json", str(path)]) == 1  # wachttijd is missing
    data = json.loads(capsys.readouterr().out)
    assert data["counts"] == {"delivered": 5, "provisional": 1, "not_known": 1, "missing": 1}
    assert main(["status", "--period", "2024", str(path)]) == 2  # which set?


def test_an_indicator_the_set_no_longer_has_names_its_row_not_a_hidden_cell(welzijn, tmp_path):
    path, _ = _make(welzijn, tmp_path)
    _fill(path, {("deelnemers", "2024"): {"Waarde": 120}, ("bereik", "2024"): {"Waarde": "85%"}})
    fewer = [i for i in load_set(welzijn).all_indicators() if i.id != "deelnemers"]
    with pytest.raises(LoadError) as raised:
        load_measurements_xlsx(path, indicators=fewer)
    [problem] = raised.value.problems
    assert problem.where == f"sheet {DATA_SHEET!r} row 4"
    assert "onbekende indicator 'deelnemers'" in problem.message


@pytest.mark.parametrize(
    ("key", "value", "said"),
    [
        ("kind", "iets anders", "is niet dat van een invulbestand"),
        ("format", "9", "formaat '9'; deze versie leest '1'"),
        ("columns", "naam,waarde", "mist de kolommen indicator, subject, period, value"),
        ("sheet", "Weg", "noemt geen leesbaar blad"),
    ],
)
def test_a_damaged_hidden_sheet_is_a_load_error_saying_what(welzijn, tmp_path, key, value, said):
    path, _ = _make(welzijn, tmp_path)
    workbook = openpyxl.load_workbook(path)
    meta = workbook[META_SHEET]
    for row in meta.iter_rows():
        if row[0].value == key:
            row[1].value = value
    workbook.save(path)
    with pytest.raises(LoadError, match=re.escape(said)):
        load_measurements_xlsx(path)


def test_a_workbook_whose_hidden_sheet_is_truncated_is_a_load_error_not_a_traceback(
    welzijn, tmp_path, capsys
):
    import zipfile

    path, _ = _make(welzijn, tmp_path)
    damaged = tmp_path / "beschadigd.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(damaged, "w") as target:
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename.startswith("xl/worksheets/"):
                data = data[: len(data) // 2]  # cut off inside the XML
            target.writestr(entry, data)
    with pytest.raises(LoadError, match="cannot be read"):
        read_delivery_layout(damaged)
    kept = damaged.read_bytes()
    options = ["--set-file", str(welzijn), "--subject", SUBJECT, "--period", str(PERIOD)]
    code = main(["template", *options, "-o", str(damaged)])
    assert code == 1
    assert "geen leesbaar invulbestand" in capsys.readouterr().err
    assert damaged.read_bytes() == kept  # it may hold figures: nothing is lost


def test_status_refuses_a_format_the_output_name_contradicts(welzijn, tmp_path, capsys):
    path = tmp_path / "levering.xlsx"
    common = ["--set-file", str(welzijn), "--period", "2024"]
    assert main(["template", *common, "--subject", SUBJECT, "-o", str(path)]) == 0
    out = tmp_path / "overzicht.json"
    assert main(["status", *common, "--format", "xlsx", "-o", str(out), str(path)]) == 2
    assert "--format xlsx schrijft een .xlsx-bestand" in capsys.readouterr().err
    assert not out.exists()
