"""Results as the analyst opens them: Dutch Excel's CSV, formatted workbooks, reference figures.

Issue 25, "Results for Excel": ``results.csv`` and ``evaluate -o x.csv``
used ``,``, ``.``, English headings and status codes, which Dutch Excel opens
as one column; the national figures of reference subjects were not in the
results at all; and the ``reference`` column meant what a change was
measured against.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sociaaldomein import RECORD_FIELDS, account_for, write_report, write_results
from sociaaldomein.app.results import format_results
from sociaaldomein.cli import main
from sociaaldomein.io.results import RESULT_DIALECTS, number_format
from sociaaldomein.model.measurement_type import BUILTIN_MEASUREMENT_TYPES

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = ROOT / "src" / "sociaaldomein" / "cli" / "commands"

PLAN = """\
number = "EX-2024"
name = "Excel 2024"

[[indicators]]
id = "bereik"
name = "Bereik"
measurement_type = "percentage"
target = { kind = "at_least", value = 15 }

[[indicators]]
id = "kosten"
name = "Kosten"
measurement_type = "amount"
target = { kind = "at_most", value = 1000 }

[[indicators]]
id = "jeugd"
name = "Jeugdhulp per 10.000"
measurement_type = "rate_per_10000"
target = { kind = "at_most", value = 900 }

[[indicators]]
id = "clienten"
name = "Clienten"
measurement_type = "count"

[[indicators]]
id = "uren"
name = "Uren"
measurement_type = "hours"
target = { kind = "at_least", value = 12000 }

[[indicators]]
id = "loket"
name = "Loket open"
measurement_type = "milestone"

[[indicators]]
id = "verhaal"
name = "Verhaal"
measurement_type = "qualitative"
"""

MEASUREMENTS = """\
indicator,subject,period,value
bereik,Assen,2024,14.25
bereik,Nederland,2024,16.5
kosten,Assen,2024,1234.5
jeugd,Assen,2024,950.4
jeugd,Nederland,2024,880.1
clienten,Assen,2024,1234
uren,Assen,2024,12500.5
loket,Assen,2024,ja
loket,Nederland,2024,nee
verhaal,Assen,2024,"meer; beter, sneller"
"""


@pytest.fixture
def account(tmp_path):
    folder = tmp_path / "account"
    folder.mkdir()
    (folder / "plan.toml").write_text(PLAN, encoding="utf-8")
    (folder / "measurements.csv").write_text(MEASUREMENTS, encoding="utf-8")
    return folder


@pytest.fixture
def run(account):
    return account_for(
        plan=account / "plan.toml",
        measurements=[account / "measurements.csv"],
        subject="Assen",
        references=["Nederland"],
    )


def _excel_rows(text: str) -> list[list[str]]:
    """The rows as Dutch Excel reads a CSV: a BOM says UTF-8, ``;`` between cells."""
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""), delimiter=";"))


def _excel_number(cell: str) -> Decimal | None:
    """A cell as Dutch Excel reads a number: digits, a decimal comma, a minus; else not one."""
    if re.fullmatch(r"-?[0-9]+(,[0-9]+)?", cell):
        return Decimal(cell.replace(",", "."))
    return None


def test_results_csv_opens_in_dutch_excel_as_separate_columns(run, tmp_path):
    target = write_results(run, tmp_path / "uit.csv", dialect="excel-nl")
    rows = _excel_rows(target.read_bytes().decode("utf-8"))
    heading, *body = rows
    assert heading[:6] == ["indicator", "onderwerp", "periode", "uitsplitsing", "oordeel", "waarde"]
    assert heading[-1] == "referentie Nederland"
    assert all(len(row) == len(heading) for row in body)
    by_id = {row[0]: dict(zip(heading, row, strict=True)) for row in body}
    # Numbers are numbers by Excel's rules, and exactly the values of the run.
    for record in run.records():
        cells = by_id[record["indicator"]]
        value = record["value"]
        if isinstance(value, int | float) and not isinstance(value, bool):
            assert _excel_number(cells["waarde"]) == Decimal(repr(value))
    assert by_id["kosten"]["waarde"] == "1234,5"
    assert by_id["bereik"]["referentie Nederland"] == "16,5"
    assert by_id["bereik"]["oordeel"] == "niet gehaald"
    assert by_id["loket"]["waarde"] == "ja"
    assert by_id["loket"]["referentie Nederland"] == "nee"
    assert by_id["verhaal"]["waarde"] == "meer; beter, sneller"  # quoted, one cell
    assert {row["status cijfer"] for row in by_id.values()} == {"definitief"}


def test_every_command_that_writes_results_takes_the_csv_form():
    """Every command that writes results (the source names the writer) has ``--csv``."""
    writers = re.compile(r"\b(write_results|write_report|format_results|result_files)\b")
    writing = {
        path.stem for path in COMMANDS.glob("*.py") if writers.search(path.read_text("utf-8"))
    }
    assert writing == {"evaluate", "report"}
    for name in writing:
        assert "add_csv_dialect(sub)" in (COMMANDS / f"{name}.py").read_text("utf-8"), name


@pytest.mark.parametrize("command", ["evaluate", "report"])
def test_the_report_and_evaluate_write_results_csv_for_dutch_excel_by_default(
    capsys, account, tmp_path, command
):
    out = tmp_path / "uit"
    target = out / "results.csv" if command == "report" else tmp_path / "uit.csv"
    argv = [command, str(account), "--subject", "Assen", "--reference", "Nederland"]
    argv += ["-o", str(out if command == "report" else target)]
    if command == "report":
        argv.append("--no-charts")
    assert main(argv) == 0, capsys.readouterr().err
    rows = _excel_rows(target.read_text(encoding="utf-8"))
    assert rows[0][4] == "oordeel"
    plain = tmp_path / "plain"
    argv[-1 if command == "evaluate" else -2] = str(
        plain / "results.csv" if command == "evaluate" else plain
    )
    if command == "evaluate":
        plain.mkdir()
    assert main([*argv, "--csv", "plain"]) == 0, capsys.readouterr().err
    written = (plain / "results.csv").read_text(encoding="utf-8")
    assert written.startswith("indicator,subject,period,dimensions,status,value")


def test_standard_output_gets_plain_csv_unless_asked(capsys, account):
    argv = ["evaluate", str(account), "--subject", "Assen", "--format", "csv"]
    assert main(argv) == 0
    assert capsys.readouterr().out.startswith("indicator,subject,")
    assert main([*argv, "--csv", "excel-nl"]) == 0
    assert capsys.readouterr().out.startswith("\ufeffindicator;onderwerp;")


def test_an_unknown_csv_form_is_refused_by_name(run):
    from sociaaldomein import InvalidValueError

    with pytest.raises(InvalidValueError, match="onbekende vorm 'excel'"):
        format_results(run, "csv", dialect="excel")
    assert RESULT_DIALECTS == ("plain", "excel-nl")


def test_the_excel_form_speaks_english_with_lang_en(run):
    from sociaaldomein.text.language import use_language

    with use_language("en"):
        text = format_results(run, "csv", dialect="excel-nl")
    heading, *body = _excel_rows(text)
    assert heading[:5] == ["indicator", "subject", "period", "breakdown", "verdict"]
    assert heading[-1] == "reference Nederland"
    assert "not met" in {row[4] for row in body}


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_the_dutch_excel_csv_as_columns_of_numbers(run, tmp_path):
    pytest.importorskip("openpyxl")
    import openpyxl

    source = write_results(run, tmp_path / "uit.csv", dialect="excel-nl")
    # ; (59) between cells, " (34) quotes, UTF-8 (76), from row 1, Dutch (1043) numbers.
    done = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--infilter=CSV:59,34,76,1,,1043",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(tmp_path / "lo"),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr
    sheet = openpyxl.load_workbook(tmp_path / "lo" / "uit.xlsx").active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    heading = rows[0]
    assert heading[:5] == ["indicator", "onderwerp", "periode", "uitsplitsing", "oordeel"]
    by_id = {row[0]: dict(zip(heading, row, strict=False)) for row in rows[1:]}
    assert by_id["kosten"]["waarde"] == 1234.5
    assert by_id["bereik"]["waarde"] == 14.25
    assert by_id["bereik"]["referentie Nederland"] == 16.5
    assert by_id["clienten"]["waarde"] == 1234
    assert by_id["uren"]["waarde"] == 12500.5
    assert by_id["bereik"]["oordeel"] == "niet gehaald"
    assert isinstance(by_id["jeugd"]["gevraagde waarde"], int | float)


def test_xlsx_results_cells_carry_number_formats_per_unit(run, tmp_path):
    pytest.importorskip("openpyxl")
    import openpyxl

    target = write_results(run, tmp_path / "uit.xlsx", dialect="excel-nl")
    sheet = openpyxl.load_workbook(target).active
    heading = [cell.value for cell in sheet[1]]
    value, reference = heading.index("waarde") + 1, heading.index("referentie Nederland") + 1
    formats = {
        sheet.cell(row, 1).value: sheet.cell(row, value).number_format
        for row in range(2, sheet.max_row + 1)
    }
    assert formats["bereik"] == '#,##0.0"%"'
    assert formats["kosten"] == '"EUR "#,##0.00'
    assert formats["jeugd"] == '#,##0.0" per 10.000"'
    assert formats["clienten"] == "#,##0"
    assert formats["uren"] == '#,##0.0" uur"'
    row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == "jeugd")
    assert sheet.cell(row, reference).number_format == '#,##0.0" per 10.000"'
    assert sheet.cell(row, reference).value == pytest.approx(880.1)
    assert sheet.cell(row, heading.index("oordeel") + 1).value == "niet gehaald"


def test_every_measurement_type_has_a_number_format_showing_its_unit():
    for measurement_type in BUILTIN_MEASUREMENT_TYPES:
        shown = number_format(measurement_type)
        if not measurement_type.numeric:
            assert shown == "General"
            continue
        assert "0" in shown
        for unit in (measurement_type.prefix, measurement_type.suffix):
            assert unit in shown


def test_the_national_figures_of_reference_subjects_are_in_the_results(run, tmp_path):
    # Records, the JSON envelope, the CSV (a column per reference subject), the frame,
    # and the field the report reads.
    records = {record["indicator"]: record for record in run.records()}
    assert records["bereik"]["references"] == {"Nederland": 16.5}
    assert records["loket"]["references"] == {"Nederland": False}
    assert records["kosten"]["references"] == {"Nederland": None}
    envelope = json.loads(format_results(run, "json"))
    assert envelope["results"][0]["references"] == {"Nederland": 16.5}
    plain = list(csv.DictReader(io.StringIO(format_results(run, "csv"))))
    assert plain[0]["reference.Nederland"] == "16.5"
    frame = run.frame()
    assert frame.get_column("reference.Nederland").to_list()[0] == Decimal("16.5")
    assert run.reference_figures("jeugd") == {"Nederland": Decimal("880.1")}
    written = write_report(run, tmp_path / "rapport", charts=False)
    rows = _excel_rows((tmp_path / "rapport" / "results.csv").read_text(encoding="utf-8"))
    assert rows[0][-1] == "referentie Nederland"
    assert written.results


def test_the_change_reference_column_cannot_be_confused_with_reference_subjects():
    # What a change was measured against is 'compared_with'; 'reference' names no column.
    assert "compared_with" in RECORD_FIELDS
    assert "reference" not in RECORD_FIELDS
    from sociaaldomein import Evaluation, Period, Status, to_records

    judged = Evaluation("x", "A", Period.year(2024), Status.MET, value=12, reference=Decimal(10))
    (record,) = to_records([judged], references=["Nederland"], figures={"x": {"Nederland": 11}})
    assert (record["compared_with"], record["references"]) == (10, {"Nederland": 11})


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.none(),
            st.booleans(),
            st.decimals(
                allow_nan=False, allow_infinity=False, min_value=-(10**14), max_value=10**14
            ),
            st.sampled_from([Decimal(0), Decimal("-0.5"), Decimal("1E-7"), Decimal("1234.5")]),
            st.text(min_size=1, max_size=8),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_every_value_reads_back_by_excels_rules(values):
    from sociaaldomein import Evaluation, Period, Status, to_records
    from sociaaldomein.io.results import format_results_csv
    from sociaaldomein.text.escape import neutralise_formula

    results = [
        Evaluation("x", "A", Period.year(2000 + i), Status.NOT_ASSESSED, value=v, threshold=None)
        if not isinstance(v, Decimal)
        else Evaluation("x", "A", Period.year(2000 + i), Status.MET, value=v, threshold=v)
        for i, v in enumerate(values)
    ]
    records = to_records(results, references=["NL"], figures={"x": {"NL": values[0]}})
    text = format_results_csv(records, RECORD_FIELDS, ["NL"], dialect="excel-nl")
    heading, *rows = _excel_rows(text)
    assert len(rows) == len(values)
    for row, record in zip(rows, records, strict=True):
        assert len(row) == len(heading)
        cells = dict(zip(heading, row, strict=True))
        for column, key in (("waarde", "value"), ("gevraagde waarde", "threshold")):
            written = record[key]
            if isinstance(written, bool):
                assert cells[column] == ("ja" if written else "nee")
            elif isinstance(written, int | float):
                assert _excel_number(cells[column]) == Decimal(repr(written))  # a number
            elif written is None:
                assert cells[column] == ""
            else:
                # Text as written (a formula neutralised); text that looks like a number
                # Excel shows as one, which only the workbook can prevent.
                assert cells[column] == neutralise_formula(written)
