"""Nothing lost without a word, on the way out and in the checks: one test per case of issue 13.

Each test is named after a case that lost, distorted or crashed before.
"""

import os
import stat
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sociaaldomein import (
    Budget,
    BudgetLine,
    Change,
    Direction,
    Funding,
    Indicator,
    Measurement,
    MeasurementTypeRegistry,
    OutputError,
    Period,
    Severity,
    check_output,
    escape_markdown,
    format_measurements,
    neutralise_formula,
    parse_measurements,
    strip_control,
    summarise_budget,
    write_atomic,
    write_files,
)
from sociaaldomein.core.validation import check_measurements
from sociaaldomein.text.escape import restore_formula

TYPES = MeasurementTypeRegistry()


def mode(path):
    return stat.S_IMODE(os.stat(path).st_mode)


# -- writes ------------------------------------------------------------------------


def test_new_files_get_the_umask_permissions_not_0600(tmp_path):
    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "report.md", "# verslag\n")
        write_files({tmp_path / "a.md": "a", tmp_path / "a.html": "a"})
    finally:
        os.umask(old)
    assert [mode(tmp_path / name) for name in ("report.md", "a.md", "a.html")] == [0o644] * 3


def test_an_existing_file_keeps_its_mode(tmp_path):
    target = tmp_path / "report.html"
    for permissions in (0o644, 0o600, 0o664):
        target.write_text("oud", encoding="utf-8")
        target.chmod(permissions)
        write_atomic(target, "nieuw")
        assert (mode(target), target.read_text(encoding="utf-8")) == (permissions, "nieuw")


def test_report_files_are_written_as_one_set_all_or_none(tmp_path, monkeypatch):
    md, html = tmp_path / "report.md", tmp_path / "report.html"
    write_files({md: "run 1", html: "run 1"})
    real_replace = os.replace
    calls = []

    def second_fails(source, target):
        calls.append(target)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", second_fails)
    with pytest.raises(OutputError, match=r"report\.html.*No space"):
        write_files({md: "run 2", html: "run 2"})
    monkeypatch.undo()
    assert (md.read_text(), html.read_text()) == ("run 1", "run 1")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html", "report.md"]


def test_a_failed_set_write_removes_files_it_created(tmp_path, monkeypatch):
    real_replace = os.replace

    def second_fails(source, target, calls=[]):  # noqa: B006 - counts calls
        calls.append(target)
        if len(calls) == 2:
            raise OSError(5, "Input/output error")
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", second_fails)
    with pytest.raises(OutputError, match="Input/output"):
        write_files({tmp_path / "a.md": "a", tmp_path / "a.html": "a"})
    monkeypatch.undo()
    assert list(tmp_path.iterdir()) == []


def test_import_output_pointing_at_its_input_is_refused(tmp_path):
    source = tmp_path / "projecten.txt"
    source.write_text("tekst", encoding="utf-8")
    with pytest.raises(OutputError, match="dit is een invoerbestand"):
        check_output(tmp_path / "." / "projecten.txt", inputs=[source], records=3)
    check_output(tmp_path / "projecten.toml", inputs=[source], records=3)


def test_zero_records_do_not_overwrite_an_existing_file_without_force(tmp_path):
    output = tmp_path / "projecten.toml"
    check_output(output, records=0)  # nothing there yet: an empty file may be made
    output.write_text("[[projects]]\n", encoding="utf-8")
    with pytest.raises(OutputError, match="er is niets gevonden om te schrijven"):
        check_output(output, records=0)
    check_output(output, records=0, force=True)
    check_output(output, records=1)


# -- escaping -------------------------------------------------------------------------


def test_markdown_escapes_html_and_newlines_from_data():
    name = "Wijk <script>alert(1)</script>\n## Vals kopje\n<img src=x onerror=alert(1)>|x"
    escaped = escape_markdown(name)
    assert "<" not in escaped
    assert ">" not in escaped
    assert "\n" not in escaped
    assert "&lt;script&gt;" in escaped
    assert "\\|x" in escaped
    assert "\\#\\# Vals kopje" in escaped


@given(st.text())
def test_escaped_markdown_never_holds_markup_or_line_breaks(text):
    escaped = escape_markdown(text)
    assert not set("<>\n\r\u2028\u2029") & set(escaped)
    assert len(escaped.splitlines()) <= 1


def test_csv_cells_that_start_a_formula_are_neutralised():
    rows = [
        Measurement("a", "=HYPERLINK(1)", Period.parse("2020"), "+cmd", source="@SUM(1)"),
        Measurement("a", "-2+3", Period.parse("2021"), "x", note="\tx"),
    ]
    text = format_measurements(rows)
    for dangerous in ("=HYPERLINK", "+cmd", "@SUM", "-2+3"):
        assert f",'{dangerous}" in text or f"\n'{dangerous}" in text or f"'{dangerous}" in text
        assert f",{dangerous}" not in text
    assert parse_measurements(text) == [
        Measurement("a", "=HYPERLINK(1)", Period.parse("2020"), "+cmd", source="@SUM(1)"),
        Measurement("a", "-2+3", Period.parse("2021"), "x", note="\tx"),
    ]


def test_negative_numbers_stay_readable_in_csv():
    rows = [Measurement("a", "Assen", Period.parse("2020"), -3.5)]
    assert "Assen,2020,-3.5," in format_measurements(rows)
    assert neutralise_formula("-12,5") == "-12,5"
    assert neutralise_formula("-1e-05") == "-1e-05"
    assert neutralise_formula("-") == "'-"


@given(st.text())
def test_neutralised_cells_restore_exactly(cell):
    neutral = neutralise_formula(cell)
    assert restore_formula(neutral) == cell
    body = neutral.lstrip("'")
    assert neutral == cell or neutral.startswith("'")
    assert not body or neutral[0] not in "=+@\t\r" or neutral == cell


def test_chart_labels_with_dollar_signs_are_not_mathematics():
    from sociaaldomein.text.escape import escape_mathtext

    assert escape_mathtext(r"kosten $\foo$ in $") == r"kosten \$\foo\$ in \$"


def test_terminal_control_characters_are_stripped():
    hostile = "Assen\x1b]0;pwned\x07\x1b[2J\r\nvals\u202eerom"
    assert strip_control(hostile) == "Assen]0;pwned[2Jvalserom"
    assert strip_control("a\tb\nc", keep_newlines=True) == "a\tb\nc"


# -- budgets --------------------------------------------------------------------------


def test_budget_funding_with_cents_splits_exactly():
    budget = Budget(
        Period.parse("2005-09..2007-08"),
        lines=[BudgetLine("uren", "gemeente", amount=Decimal("1000.01"), basis="period")],
        funding=[Funding("gemeente", Decimal("1234.56"), basis="period")],
    )
    summary = summarise_budget(budget)
    assert sum(summary.funding_per_year["gemeente"].values()) == Decimal("1234.56")
    assert sum(summary.costs_per_year["gemeente"].values()) == Decimal("1000.01")
    assert summary.funding_per_year["gemeente"] == {
        2005: Decimal("205.76"),
        2006: Decimal("617.28"),
        2007: Decimal("411.52"),
    }


@given(st.decimals(min_value=0, max_value=10**9, places=2), st.integers(1, 60))
def test_every_amount_with_cents_splits_into_parts_that_add_up(amount, months):
    end = 2020 * 12 + 2 + months - 1  # months from March 2020 on
    period = Period.parse(f"2020-03..{end // 12}-{end % 12 + 1:02d}")
    budget = Budget(period, funding=[Funding("x", amount, basis="period")])
    parts = summarise_budget(budget).funding_per_year["x"]
    assert sum(parts.values()) == amount


# -- findings -------------------------------------------------------------------------

PERCENT = Indicator(
    "tevreden",
    "Tevreden",
    "percentage",
    direction=Direction.HIGHER_IS_BETTER,
    target=Change(10),
    baseline_period=Period.parse("2019"),
    slices=["leeftijd"],
)


def test_relative_target_beyond_a_percentage_is_a_finding():
    baseline = Measurement("tevreden", "Kampen", Period.parse("2019"), 97.8)
    findings = check_measurements([baseline], [PERCENT], TYPES)
    assert [(f.severity, f.rule, f.message) for f in findings] == [
        (
            Severity.ERROR,
            "targets.impossible",
            "het doel vraagt 107,58 vanaf een nulmeting van 97,8, voorbij de grens van 100 van"
            " percentage: het is niet te halen",
        )
    ]
    fine = Measurement("tevreden", "Kampen", Period.parse("2019"), 80)
    assert check_measurements([fine], [PERCENT], TYPES) == []


def test_periods_outside_the_plan_are_findings():
    rows = [Measurement("tevreden", "Kampen", Period.parse(year), 80) for year in ("2019", "2030")]
    findings = check_measurements(rows, [PERCENT], TYPES, period=Period.parse("2019..2022"))
    assert [(f.where, f.rule) for f in findings] == [
        ("tevreden Kampen 2030", "measurements.period")
    ]


def test_slices_of_undeclared_dimensions_are_findings():
    rows = [
        Measurement("tevreden", "Kampen", Period.parse("2020"), 80, dimensions={"leeftijd": "18-"}),
        Measurement(
            "tevreden", "Kampen", Period.parse("2020"), 70, dimensions={"dorp": "IJsselmuiden"}
        ),
    ]
    findings = check_measurements(rows, [PERCENT], TYPES)
    assert [(f.severity, f.rule, f.where) for f in findings] == [
        (Severity.WARNING, "measurements.slice", "tevreden Kampen 2020 dorp=IJsselmuiden")
    ]


def test_duplicates_from_any_source_are_findings_naming_both():
    row = Measurement("tevreden", "Kampen", Period.parse("2020"), 80)
    findings = check_measurements([row, row], [PERCENT], TYPES)
    assert [(f.rule, f.message.split(";")[0]) for f in findings] == [
        ("measurements.duplicate", "twee keer gegeven (metingen 1 en 2)")
    ]


def test_value_and_fraction_disagreeing_from_any_source_is_a_finding():
    row = Measurement("tevreden", "Kampen", Period.parse("2020"), 90, numerator=10, denominator=100)
    findings = check_measurements([row], [PERCENT], TYPES)
    assert [f.rule for f in findings] == ["measurements.value"]
