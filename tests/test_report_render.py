"""The report as a council reads it: structure, values, escaping, charts and templates."""

import re
import subprocess
import sys
import types
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sociaaldomein import account_for, build_report, render_html, render_markdown, write_report
from sociaaldomein.cli import main
from sociaaldomein.model import Measurement, Period
from sociaaldomein.plugin import hookimpl
from sociaaldomein.plugin.manager import Plugins
from sociaaldomein.render.notes import dutch_notes, dutch_place
from sociaaldomein.render.templating import markdown_text

ROOT = Path(__file__).resolve().parent.parent
KAMPEN = ROOT / "examples" / "kampen-ontwikkelpilot"

PLAN = """\
number = "T-1"
name = "Toets"

[[indicators]]
id = "bereik"
name = "{name}"
measurement_type = "percentage"
target = {{ kind = "at_least", value = 12 }}
prestatievelden = [1, 4]

[[indicators]]
id = "deelnemers"
name = "Deelnemers"
measurement_type = "count"
target = {{ kind = "at_least", value = 3 }}
prestatievelden = [4]
"""

MEASUREMENTS = """\
indicator,subject,period,value,numerator,denominator,status,source,note,n
bereik,Kampen,2022,9,,,definitive,enquête,,
bereik,Kampen,2023,,107,1029.25,provisional,enquête,na de nieuwe wervingsronde,412
deelnemers,Kampen,2021,1,,,definitive,,,
deelnemers,Kampen,2022,2,,,definitive,,,
deelnemers,Kampen,2023,4,,,definitive,,,
"""


def plan_folder(tmp_path, name="Bereik van jongeren"):
    (tmp_path / "plan.toml").write_text(PLAN.format(name=name), encoding="utf-8")
    (tmp_path / "measurements.csv").write_text(MEASUREMENTS, encoding="utf-8")
    return tmp_path


def account(folder):
    return account_for(plan=folder / "plan.toml", measurements=[folder / "measurements.csv"])


def test_a_computed_value_is_rounded_as_the_reason_is(tmp_path):
    report = build_report(account(plan_folder(tmp_path)), charts=False)
    row = next(row for row in report.rows if row.indicator.id == "bereik")
    # 107 / 1029,25 = 10,3959...%: shown as the reason shows it.
    assert row.value == "10,4%"
    assert "10,4%" in row.reason
    assert (row.provisional, row.data_status, row.n) == (True, "voorlopig", "412")
    assert (row.source, row.note) == ("enquête", "na de nieuwe wervingsronde")
    markdown = render_markdown(report)
    assert "| Bereik van jongeren | gehaald | 10,4% |" not in markdown  # 10,4 < 12
    assert "| Bereik van jongeren | niet gehaald | 10,4% |" in markdown
    assert "10,395" not in markdown + render_html(report)


def test_each_indicator_appears_once_with_its_other_themes_as_tags(tmp_path):
    report = build_report(account(plan_folder(tmp_path)), charts=False)
    assert [s.title for s in report.sections] == [
        "Prestatieveld 1: sociale samenhang en leefbaarheid",
        "Prestatieveld 4: mantelzorgers en vrijwilligers",
    ]
    first, second = report.sections
    assert [r.indicator.id for r in first.rows] == ["bereik"]
    assert [r.indicator.id for r in second.rows] == ["deelnemers"]
    assert [link.href for link in second.see_also] == ["#indicator-bereik"]
    assert [(t.text, t.href) for t in first.rows[0].tags] == [
        ("Prestatieveld 4: mantelzorgers en vrijwilligers", "#thema-2")
    ]
    page = render_html(report)
    assert page.count('id="indicator-bereik"') == 1
    assert page.count('<h3 id="indicator-bereik-kop">') == 1


def test_structure_title_contents_leeswijzer_summary_colofon(tmp_path):
    report = build_report(account(plan_folder(tmp_path)), charts=False)
    page = render_html(report)
    headings = re.findall(r"<h2[^>]*>(.*?)</h2>", page)
    assert headings[:3] == ["Inhoud", "Leeswijzer", "Samenvatting"]
    assert "Colofon" in headings
    assert report.title == "Verantwoording 2023 \u2013 Toets"
    assert "Kampen" in report.subtitle
    ids = set(re.findall(r'\bid="([^"]+)"', page))
    for href in re.findall(r'href="#([^"]+)"', page):
        assert href in ids, href
    colophon = report.colophon
    assert colophon.data_until == "31 december 2023"
    assert colophon.sources == ("enquête",)
    assert "1 van de 2 bekende waarden is voorlopig" in colophon.data_status
    # Each status is a word with an icon, never a colour alone.
    for entry in report.legend:
        assert f"{entry.icon}</span> {entry.label}" in page


@pytest.mark.parametrize(
    "name", ["Bereik\\n## Vervalst hoofdstuk", "<script>alert(1)</script> | x", "a*b*_c_ [l](u)"]
)
def test_data_cannot_forge_markdown_or_html(tmp_path, name):
    report = build_report(account(plan_folder(tmp_path, name=name)), charts=False)
    markdown = render_markdown(report)
    page = render_html(report)
    assert "## Vervalst" not in "\n".join(line[:12] for line in markdown.splitlines())
    assert "<script" not in markdown
    assert "<script" not in page
    rows = [line for line in markdown.splitlines() if line.startswith("| ") and "10,4%" in line]
    assert len(rows) == 1
    assert rows[0].replace("\\|", "").count("|") == 7  # six cells: no cell was split


@given(st.text())
def test_markdown_text_is_one_line_without_markup(text):
    shown = markdown_text(text)
    assert not re.search(r"[\n\r<>]", shown)
    assert not re.search(r"(?<!\\)[|*_`\[\]#]", shown.replace("\\\\", ""))


def test_findings_are_in_dutch_in_an_appendix(tmp_path, capsys):
    assert main(["report", str(KAMPEN), "-o", str(tmp_path), "--no-charts"]) == 0
    capsys.readouterr()
    markdown = (tmp_path / "report.md").read_text(encoding="utf-8")
    main_text, appendix = markdown.split("## Bijlage: opmerkingen bij de gegevens")
    assert not re.search(r"phases\[|warning", markdown)
    assert "| waarschuwing | fase 1, mijlpaal 1 | 7 juni 2005 valt buiten de projectperiode" in (
        appendix
    )
    assert "bijlage" in main_text.lower()
    assert dutch_place("indicators[3].target.value") == "indicator 4, doel, waarde"
    assert dutch_place("jeugd.bereik") == "jeugd.bereik"


def test_an_unknown_finding_is_kept_as_it_is():
    from sociaaldomein.findings import Finding, Severity

    (note,) = dutch_notes([Finding(Severity.ERROR, "something new", "x[0]", file="a.toml")])
    assert (note.severity, note.where, note.text) == ("fout", "a.toml, x 1", "something new")


def test_results_csv_is_written_and_linked(tmp_path):
    folder = plan_folder(tmp_path)
    written = write_report(account(folder), tmp_path / "out", charts=False)
    lines = (tmp_path / "out" / "results.csv").read_text(encoding="utf-8").splitlines()
    # For the analyst's Excel: a byte order mark, ; between cells, Dutch headings.
    assert lines[0].startswith("\ufeffindicator;onderwerp;periode;uitsplitsing;oordeel;waarde")
    assert len(lines) == 3
    assert '<a href="results.csv">results.csv</a>' in written.html.read_text(encoding="utf-8")
    assert "[results.csv](results.csv)" in written.markdown.read_text(encoding="utf-8")


def test_a_folder_and_a_plugin_override_templates_and_add_css(tmp_path):
    run = account(plan_folder(tmp_path))
    plugin_folder = tmp_path / "plugin-templates"
    plugin_folder.mkdir()
    (plugin_folder / "extra.css").write_text(".plugin-rule{}", encoding="utf-8")
    (plugin_folder / "colofon.html").write_text(
        '<section id="colofon"><h2>Colofon van de plugin</h2></section>', encoding="utf-8"
    )
    (plugin_folder / "status.html").write_text("PLUGIN", encoding="utf-8")
    own = tmp_path / "own"
    own.mkdir()
    (own / "extra.css").write_text(".own-rule{}</style><script>", encoding="utf-8")
    (own / "status.html").write_text("EIGEN {{ row.status.label }}", encoding="utf-8")

    plugin = types.SimpleNamespace(
        __name__="huisstijl",
        sociaaldomein_report_templates=hookimpl(lambda: [plugin_folder]),
    )
    plugins = Plugins([plugin], entry_points=False)
    assert plugins.report_templates == [plugin_folder]
    written = write_report(run, tmp_path / "out", charts=False, templates=own, plugins=plugins)
    page = written.html.read_text(encoding="utf-8")
    assert "Colofon van de plugin" in page  # the plugin's template
    assert "EIGEN niet gehaald" in page  # the folder wins
    assert "PLUGIN" not in page
    # Both stylesheets, the folder's last so that it wins; it cannot close <style>.
    assert page.index(".plugin-rule") < page.index(".own-rule")
    assert "<script" not in page
    # The shipped templates are untouched for the next report.
    assert "EIGEN" not in render_html(build_report(run, charts=False))


def test_print_rules_keep_rows_and_figures_whole(tmp_path):
    page = render_html(build_report(account(plan_folder(tmp_path)), charts=False))
    assert "@media print" in page
    assert "@page" in page
    assert "counter(page)" in page
    assert re.search(r"tr,figure,\.indicator[^{]*\{break-inside:avoid", page)
    assert "break-after:avoid" in page


def test_pdf_without_chromium_says_so_and_writes_the_rest(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("SOCIAALDOMEIN_CHROMIUM", str(tmp_path / "no-such-browser"))
    status = main(["report", str(KAMPEN), "-o", str(tmp_path), "--no-charts", "--pdf"])
    err = capsys.readouterr().err
    assert status == 1
    assert "report.pdf vraagt om Chromium" in err
    assert (tmp_path / "report.html").is_file()
    assert not (tmp_path / "report.pdf").exists()


def test_many_subjects_are_ranked_with_the_subject_and_its_region_marked(tmp_path):
    names = [f"Gemeente {chr(65 + i)}" for i in range(20)]
    regions = tmp_path / "regions.toml"
    regions.write_text(
        'name = "Provincie"\n'
        + "".join(
            f'[[regions]]\nname = "Regio {r}"\nmunicipalities = ['
            + ", ".join(f'{{ name = "{n}" }}' for n in names[r * 10 : r * 10 + 10])
            + "]\n"
            for r in range(2)
        ),
        encoding="utf-8",
    )
    run = account_for(
        set_id="drenthe",
        measurements=[
            Measurement("jeugd.tevredenheid", name, Period.year(2023), 6.0 + i / 10)
            for i, name in enumerate(names)
        ],
        subject="Gemeente C",
        regions=regions,
    )
    comparison = build_report(run, charts=False).comparison
    assert comparison.header[:3] == ("Indicator", "Gemeente C", "Positie")
    assert comparison.table.highlight == 1  # the subject's column is set apart
    assert "Regio 0" in comparison.header
    assert "Regio 1" not in comparison.header
    (ranking,) = comparison.rankings
    assert [p.subject for p in ranking.places][:2] == ["Gemeente T", "Gemeente S"]  # best first
    assert ranking.position == "18e van 20"
    marks = {p.subject: p.mark for p in ranking.places}
    assert marks["Gemeente C"] == "subject"
    assert (marks["Gemeente A"], marks["Gemeente K"]) == ("region", "")


def test_rendering_leaves_matplotlib_global_state_as_it_was():
    program = f"""
import matplotlib, sys
before = {{key: matplotlib.rcParams._get(key) for key in matplotlib.rcParams}}
import sociaaldomein
from sociaaldomein import account_for, build_report, render_html
run = account_for(plan={str(KAMPEN / "plan.toml")!r},
                  measurements=[{str(KAMPEN / "measurements.csv")!r}])
page = render_html(build_report(run))
assert page.count("<svg") >= 5, page.count("<svg")
after = {{key: matplotlib.rcParams._get(key) for key in matplotlib.rcParams}}
changed = sorted(k for k in before if str(before[k]) != str(after[k]))
assert not changed, changed
assert "matplotlib.pyplot" not in sys.modules
print("unchanged")
"""
    done = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "unchanged"


SCHEDULED = """\
id = "begroting"
name = "Begroting"

[[indicators]]
id = "bijstand"
name = "Bijstand per 1.000"
measurement_type = "count"
target = { kind = "at_most", value = 30 }
frequency = "yearly"
prestatievelden = [5]

[indicators.schedule]
2022 = { kind = "at_most", value = 38 }
2023 = { kind = "at_most", value = 34 }
"""


def svg_texts(svg):
    return re.findall(r"<text[^>]*>([^<]*)</text>", svg)


def test_charts_draw_the_target_schedule_and_count_ticks_in_whole_dutch_numbers(tmp_path):
    pytest.importorskip("matplotlib", reason="charts are the optional charts extra")
    set_file = tmp_path / "begroting.toml"
    set_file.write_text(SCHEDULED, encoding="utf-8")
    run = account_for(
        set_file=set_file,
        measurements=[
            Measurement("bijstand", "Beverwijk", Period.year(year), value)
            for year, value in ((2021, 1041), (2022, 1036), (2023, 1033))
        ],
        period="2023",
    )
    (row,) = build_report(run).rows
    svg = row.chart
    assert row.target == "maximaal 34"  # the target in force for 2023
    assert "<title" in svg
    desc = re.search(r"<desc[^>]*>(.*?)</desc>", svg)[1]
    assert desc == (
        "Bijstand per 1.000: van 1.041 in 2021 naar 1.033 in 2023 (3 metingen); doel: maximaal 34."
    )
    ticks = [t for t in svg_texts(svg) if re.fullmatch(r"[\d.,]+", t)]
    assert "0" in ticks  # a count's axis starts at zero
    assert all("," not in t for t in ticks)  # whole numbers only
    assert "1.000" in ticks  # Dutch thousands separator
    # The schedule is drawn as one stepped line (38 in 2022, 34 in 2023), not a constant.
    assert "doel" in svg_texts(svg)


def test_chart_ids_are_unique_per_chart_and_deterministic():
    pytest.importorskip("matplotlib", reason="charts are the optional charts extra")
    from sociaaldomein.model.measurement_type import BUILTIN_MEASUREMENT_TYPES
    from sociaaldomein.render.charts import Point, Series, trend_charts

    percentage = next(t for t in BUILTIN_MEASUREMENT_TYPES if t.name == "percentage")
    points = (Point(Period.year(2022), 40.0), Point(Period.year(2023), 42.5, provisional=True))
    series = [
        Series(key, "Betrokkenheid", points, percentage, reporting_period=Period.year(2023))
        for key in "ab"
    ]
    first, again = trend_charts(series), trend_charts(series)
    assert first == again
    ids = [re.findall(r'\bid="([^"]+)"', svg) for svg in first.values()]
    assert not set(ids[0]) & set(ids[1])
    assert "voorlopig: 2023" in first["a"]
    assert "42,5%" in first["a"]
    assert "40" in svg_texts(first["a"])  # a plain number: the unit is the axis title
    assert "percentage (%)" in svg_texts(first["a"])


def test_results_xlsx_is_written_and_linked_where_the_excel_extra_is_installed(tmp_path):
    pytest.importorskip("openpyxl")
    from openpyxl import load_workbook

    written = write_report(account(plan_folder(tmp_path)), tmp_path / "out", charts=False)
    assert [path.name for path in written.results] == ["results.csv", "results.xlsx"]
    rows = list(load_workbook(written.results[1]).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("indicator", "onderwerp", "periode")
    assert {row[0] for row in rows[1:]} == {"bereik", "deelnemers"}
    assert '<a href="results.xlsx">results.xlsx</a>' in written.html.read_text(encoding="utf-8")
