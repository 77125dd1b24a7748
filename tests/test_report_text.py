"""The report's text is made from what the report holds (issue 25, "Report text").

Each case of the issue is a test named after it. The BBV case is the
analyst's: a set extending ``bbv-sociaal-domein`` named "Assen: ...", a CSV
saved by Dutch Excel (Windows-1252) without a status column, with values
not known, a half-yearly indicator with one half year, and sources with
commas in them.
"""

import re
import sys
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sociaaldomein import account_for, build_report, render_html, render_markdown
from sociaaldomein.render.model import Note

ROOT = Path(__file__).resolve().parent.parent
KAMPEN = ROOT / "examples" / "kampen-ontwikkelpilot"

ASSEN_SET = """\
id = "assen-bbv"
name = "Assen: BBV-beleidsindicatoren sociaal domein"
version = "2024.1"
owner = "Gemeente Assen"
extends = "bbv-sociaal-domein"

[[overrides]]
indicator = "bbv.bijstand"
target = { kind = "at_most", value = 250 }

[[overrides]]
indicator = "bbv.werkloze-jongeren"
target = { kind = "at_most", value = 2 }
"""

# Line 7 holds the first byte that is not UTF-8 (ë in Windows-1252).
ASSEN_ROWS = [
    "indicator,subject,period,value,unknown,source",
    "bbv.bijstand,Assen,2023-H1,300,,CBS, Participatiewet",
    "bbv.bijstand,Assen,2023-H2,290,,CBS, Participatiewet",
    "bbv.bijstand,Assen,2024-H1,280,,CBS, Participatiewet",
    "bbv.werkloze-jongeren,Assen,2023,1.5,,CBS",
    "bbv.werkloze-jongeren,Assen,2024,1.8,,CBS",
    "bbv.wmo-maatwerk,Assen,2024,610,,Cliëntregistratie Assen",
    "bbv.jeugdhulp,Assen,2023,11.0,,CBS",
    "bbv.jeugdhulp,Assen,2024,10.5,,CBS",
    "bbv.jeugdbescherming,Assen,2024,,n.n.b.,CBS",
    "bbv.jeugdreclassering,Assen,2024,,n.n.b.,CBS",
    "bbv.banen,Assen,2024,,n.n.b.,LISA",
]


def _quoted(line: str) -> str:
    """A CSV line with its source (which holds a comma) quoted."""
    head, _, source = line.partition(",CBS, ")
    return f'{head},"CBS, {source}"' if source else line


@pytest.fixture
def assen(tmp_path):
    set_file = tmp_path / "assen.toml"
    set_file.write_text(ASSEN_SET, encoding="utf-8")
    data = tmp_path / "assen.csv"
    data.write_bytes("\r\n".join(_quoted(line) for line in ASSEN_ROWS).encode("cp1252"))
    return account_for(set_file=set_file, measurements=[data], subject="Assen", period="2024")


@pytest.fixture(scope="module")
def kampen():
    return account_for(plan=KAMPEN / "plan.toml", measurements=[KAMPEN / "measurements.csv"])


def _colofon(markdown: str) -> str:
    return markdown.split("## Colofon", 1)[1].split("\n## ", 1)[0]


def test_the_appendix_is_in_dutch_not_english_about_the_encoding(assen):
    notes = build_report(assen, charts=False).notes
    texts = " ".join(note.text for note in notes)
    assert "regel 7" in texts
    assert "Windows-1252" in texts
    assert "read as" not in texts
    assert "not UTF-8" not in texts


def test_the_appendix_shows_no_half_yearly_code(assen):
    markdown = render_markdown(build_report(assen, charts=False))
    assert "half_yearly" not in markdown
    assert "(halfjaarlijks)" in markdown  # the missing second half year, in words


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_frequency_has_words_never_its_code(language):
    from sociaaldomein.core.reporting_period import frequency_word
    from sociaaldomein.model.indicator import Frequency
    from sociaaldomein.text.language import use_language

    with use_language(language):
        words = {frequency: frequency_word(frequency) for frequency in Frequency}
    assert all(word and "_" not in word for word in words.values())  # never half_yearly
    if language == "nl":
        assert all(word != frequency.value for frequency, word in words.items())
    assert len(set(words.values())) == len(Frequency)


def test_one_technical_note_is_one_technische_opmerking(kampen):
    report = build_report(kampen, charts=False)
    one = attrs.evolve(report, notes=(Note("waarschuwing", "x", "iets"),))
    assert "1 technische opmerking gemaakt" in render_html(one)
    assert "1 technische opmerkingen" not in render_html(one)
    assert f"{len(report.notes)} technische opmerkingen" in render_html(report)


def test_sources_with_commas_are_a_list_not_joined_with_commas(assen):
    report = build_report(assen, charts=False)
    assert "CBS, Participatiewet" in report.colophon.sources
    colofon = _colofon(render_markdown(report))
    assert "  - CBS, Participatiewet\n" in colofon
    html = render_html(report)
    assert "<li>CBS, Participatiewet</li>" in html


def test_the_data_status_is_counted_over_known_values(kampen, assen):
    # Three of Assen's rows are not known: the status speaks of the four known values.
    colofon = _colofon(render_markdown(build_report(assen, charts=False)))
    assert "alle 4 bekende waarden" in colofon, colofon
    assert "gemeten waarden" not in colofon


def test_the_colofon_says_status_niet_opgegeven_when_no_status_was_given(assen, tmp_path):
    # Assen's file has no status column: no value is called definitief.
    colofon = _colofon(render_markdown(build_report(assen, charts=False)))
    assert "Bij alle 4 bekende waarden is de status niet opgegeven" in colofon, colofon
    assert "definitief." not in colofon
    assert "3 waarden zijn niet bekend" in colofon
    # With a status column, the empty cells are counted apart from the stated statuses.
    rows = [
        "indicator,subject,period,value,status",
        "bbv.bijstand,Assen,2024-H1,280,",
        "bbv.werkloze-jongeren,Assen,2024,1.8,definitief",
        "bbv.wmo-maatwerk,Assen,2024,610,",
        "bbv.jeugdhulp,Assen,2024,10.5,definitive",
    ]
    data = tmp_path / "status.csv"
    data.write_text("\n".join(rows), encoding="utf-8")
    set_file = tmp_path / "assen.toml"
    set_file.write_text(ASSEN_SET, encoding="utf-8")
    run = account_for(set_file=set_file, measurements=[data], subject="Assen", period="2024")
    report = build_report(run, charts=False)
    assert report.colophon.data_status == (
        "2 van de 4 bekende waarden zijn definitief. Bij 2 waarden is de status niet opgegeven."
    )
    shown = {row.indicator.id: row.data_status for row in report.rows if row.value}
    assert shown["bbv.wmo-maatwerk"] == "status niet opgegeven"
    assert shown["bbv.jeugdhulp"] == "definitief"
    # Judged as definitive all the same: the verdicts do not change.
    assert {r.data_status.value for r in run.results if r.value is not None} == {"definitive"}
    records = {r["indicator"]: r for r in run.records() if r["value"] is not None}
    assert records["bbv.wmo-maatwerk"]["status_given"] is False
    assert records["bbv.jeugdhulp"]["status_given"] is True


def test_the_title_has_no_double_colon(assen):
    report = build_report(assen, charts=False)
    assert report.title == "Verantwoording 2024 \u2013 Assen: BBV-beleidsindicatoren sociaal domein"
    assert report.title.count(":") == 1


def test_the_leeswijzer_defines_niet_beoordeeld_for_numbers_without_a_target(assen):
    report = build_report(assen, charts=False)
    jeugdhulp = next(row for row in report.rows if row.indicator.id == "bbv.jeugdhulp")
    assert jeugdhulp.status.label == "niet beoordeeld"  # a percentage without a target
    meaning = next(e.meaning for e in report.legend if e.label == "niet beoordeeld")
    assert "geen doel" in meaning
    assert not meaning.startswith("Een beschrijvende indicator")


def test_the_leeswijzer_promises_no_charts_under_no_charts(kampen):
    without = render_html(build_report(kampen, charts=False))
    leeswijzer = without.split('id="leeswijzer"', 1)[1].split("</section>", 1)[0]
    assert "grafiek" not in leeswijzer
    drawn = build_report(kampen, charts=True)
    if drawn.charts:  # the charts extra is installed
        leeswijzer = render_html(drawn).split('id="leeswijzer"', 1)[1].split("</section>", 1)[0]
        assert "grafiek" in leeswijzer


def _cards(html: str) -> list[str]:
    return re.findall(r'<article class="indicator".*?</article>', html, re.DOTALL)


def test_a_card_with_niet_gehaald_has_a_beoordeling_line(kampen, assen):
    for run in (kampen, assen):
        html = render_html(build_report(run, charts=False))
        cards = _cards(html)
        assert cards
        missing = [card[:120] for card in cards if "<strong>Beoordeling:</strong>" not in card]
        assert missing == []
    markdown = render_markdown(build_report(kampen, charts=False))
    assert markdown.count("- Beoordeling: ") == markdown.count("- Oordeel: ")


def test_a_trend_is_shown_only_where_there_is_no_number_to_reach(kampen, assen):
    from sociaaldomein.model.target import Improvement

    for run in (kampen, assen):
        for row in build_report(run, charts=False).rows:
            goal = row.evaluation.target if row.evaluation else row.indicator.target
            a_number_to_reach = goal is not None and not isinstance(goal, Improvement)
            assert not (a_number_to_reach and row.trend), row.indicator.id
    werkloos = next(
        row for row in build_report(assen, charts=False).rows if row.indicator.id == "bbv.banen"
    )
    assert werkloos.trend  # a direction, no target: the trend says how it goes


def _stylesheet(name):
    from importlib.resources import files

    return (files("sociaaldomein.render") / "templates" / name).read_text("utf-8")


def test_a_heading_is_kept_with_what_follows_in_print():
    for css in ("report.css", "site/site.css"):
        printed = _stylesheet(css).split("@media print{", 1)[1]
        rule = re.search(r"([^{}]*)\{[^}]*break-after:avoid", printed)
        assert rule is not None, css
        assert {"h1", "h2", "h3"} <= {part.strip() for part in rule[1].split(",")}, css


def test_the_footer_has_one_font(kampen):
    """The printed page's footer (page number, title) is set in the body's font, not a serif."""
    css = render_html(build_report(kampen, charts=False)).split("<style>", 1)[1]
    body = re.search(r"body\{font-family:([^;]*);", css)
    assert body is not None
    boxes = re.findall(r"@(bottom-\w+|top-\w+)\{([^}]*)\}", css)
    assert boxes, "the printed report has a footer"
    for name, rule in boxes:
        assert f"font-family:{body[1]};" in rule, name


# -- The language of the whole report (issue 25, "Language") ---------------------------------

BBV = ROOT / "examples" / "bbv-begroting"

# Function words of one language that are no words of the other; whole words only.
_ENGLISH = {
    "the", "and", "or", "with", "from", "not", "are", "which", "this", "that", "has", "have",
    "been", "were", "than", "read", "should", "would", "only", "there", "because", "first",
    "found", "expected", "missing", "target", "yearly", "half_yearly", "unknown", "none",
}  # fmt: skip
_DUTCH = {
    "de", "het", "een", "en", "van", "voor", "niet", "geen", "zijn", "wordt", "bij", "naar",
    "ook", "gehaald", "doel", "waarde", "meting", "tot", "dus", "nog", "halfjaar",
    "januari", "juni", "oktober", "augustus", "beoordeeld", "gegevens", "nulmeting", "t/m",
}  # fmt: skip
# "met" is left out of _DUTCH: it is also the English word for a target reached.


def _runs():
    """The Kampen example and the BBV example, as an analyst makes their reports."""
    yield (
        "kampen",
        lambda: account_for(plan=KAMPEN / "plan.toml", measurements=[KAMPEN / "measurements.csv"]),
    )
    yield (
        "bbv",
        lambda: account_for(
            set_file=BBV / "set.toml",
            measurements=[BBV / "measurements.csv"],
            subject="Beverwijk",
            references=["Nederland"],
            period="2018",
        ),
    )


def _data(run) -> list[str]:
    """Every text the report shows that the user wrote: names, sources, notes, plan texts."""
    texts = [run.title, run.subject, *run.references]
    for indicator in run.indicators:
        texts += [indicator.name, indicator.description, indicator.unit, indicator.source]
    for found in run.measurements:
        texts += [found.source, found.note, found.unknown, found.subject]
    for phase in run.phases:
        texts.append(phase.name)
        texts += [m.description for m in phase.milestones]
        texts += [e.description for e in phase.evaluations]
        texts += [e.audience for e in phase.evaluations]
    if run.budget:
        for line, _amounts in run.budget.lines:
            texts += [line.source, line.description]
    return sorted((t for t in texts if t), key=len, reverse=True)


def _visible(html: str) -> str:
    text = re.sub(r"<style>.*?</style>|<svg.*?</svg>|<!--.*?-->", " ", html, flags=re.DOTALL)
    text = re.sub(r"<[^>]+>", " ", text)
    import html as entities

    return entities.unescape(text)


def _pages(report) -> list[str]:
    """The council's report and every page of the site for residents, as HTML."""
    from sociaaldomein.render.site import render_site

    site = render_site(report)
    return [render_html(report), *(page for name, page in site.items() if name.endswith(".html"))]


def _words_of(kind: str, language: str, run) -> set[str]:
    from sociaaldomein.text.language import use_language

    with use_language(language):
        made = run()
        text = " ".join(_visible(page) for page in _pages(build_report(made, charts=False)))
    for data in _data(made):
        text = text.replace(data, " ")
    # The site's column list names the status codes (met, not_met): codes, not words.
    text = re.sub(r"\b(met|within_tolerance|not_met|no_data|not_assessed)\b(?= \(|,)", " ", text)
    words = set(re.findall(r"[\w/]+", text.lower()))
    return words & (_ENGLISH if language == "nl" else _DUTCH)


@pytest.mark.parametrize(("kind", "run"), list(_runs()))
def test_the_dutch_report_and_site_have_no_english_words(kind, run):
    assert _words_of(kind, "nl", run) == set()


@pytest.mark.parametrize(("kind", "run"), list(_runs()))
def test_the_english_report_and_site_have_no_dutch_words(kind, run):
    assert _words_of(kind, "en", run) == set()


# -- A plain install: the report says what it left out (issue 25) -----------------------------


def _writers():
    from sociaaldomein import write_report
    from sociaaldomein.app.site import write_site

    yield "report", lambda run, out: write_report(run, out, charts=True), "report.html"
    yield "site", lambda run, out: write_site(run, out, charts=True), "index.html"


@pytest.mark.parametrize(("kind", "write", "page"), list(_writers()))
def test_a_report_without_the_charts_extra_says_so(
    kind, write, page, kampen, tmp_path, monkeypatch
):
    from sociaaldomein.app.extras import CHARTS, EXCEL, note

    monkeypatch.setitem(sys.modules, "matplotlib", None)  # a plain install: no extras
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    written = write(kampen, tmp_path)
    html = (tmp_path / page).read_text(encoding="utf-8")
    assert "<svg" not in html
    wanted = [note(CHARTS), *([note(EXCEL)] if kind == "report" else [])]
    assert list(written.skipped) == wanted
    for text in wanted:
        assert f"<dd>{text}</dd>" in html.replace("&#39;", "'")
    assert not (tmp_path / "results.xlsx").exists()


def test_a_report_with_every_extra_says_nothing_is_left_out(kampen, tmp_path):
    pytest.importorskip("matplotlib")
    pytest.importorskip("openpyxl")
    from sociaaldomein import write_report

    written = write_report(kampen, tmp_path, charts=True)
    assert written.skipped == ()
    assert "Niet gemaakt" not in (tmp_path / "report.html").read_text(encoding="utf-8")


# -- The BBV set: a section per taakveld (issue 25) ---------------------------------------


def test_the_bbv_report_has_a_section_per_taakveld_not_overige_indicatoren(assen):
    report = build_report(assen, charts=False)
    titles = [section.title for section in report.sections]
    assert "Overige indicatoren" not in titles
    assert titles[:3] == [
        "6.3 Inkomensregelingen",
        "6.5 Arbeidsparticipatie",
        "6.6 Maatwerkvoorzieningen (Wmo)",
    ]
    homes = {row.indicator.id: s.title for s in report.sections for row in s.rows}
    assert homes["bbv.bijstand"] == "6.3 Inkomensregelingen"
    assert homes["bbv.jeugdreclassering"] == "6.82 Geëscaleerde zorg 18-"


def test_a_set_inherits_its_base_taxonomy_unless_it_names_its_own(tmp_path):
    from sociaaldomein.app.framework import load_framework
    from sociaaldomein.plugin.manager import Plugins

    plugins = Plugins()
    own = tmp_path / "own.toml"
    own.write_text(
        ASSEN_SET.replace('extends = "bbv-sociaal-domein"', 'extends = "bbv-sociaal-domein"\n'
        'taxonomy = "wmo-2015"'),
        encoding="utf-8",
    )  # fmt: skip
    inherited = tmp_path / "inherited.toml"
    inherited.write_text(ASSEN_SET, encoding="utf-8")
    wmo = [theme.name for theme in plugins.taxonomies["wmo-2015"].themes]
    assert [t for t, _ids in load_framework(plugins, set_file=own).groups] == wmo
    taakvelden = load_framework(plugins, set_file=inherited).groups
    assert taakvelden[0][0] == "6.1 Samenkracht en burgerparticipatie"
    # --taxonomy wins over the set's own.
    asked = load_framework(plugins, set_file=inherited, taxonomy="wmo-2015").groups
    assert [t for t, _ids in asked] == wmo


# -- In print, as Chromium prints report.pdf ------------------------------------------------


@pytest.fixture(scope="module")
def printed(kampen, tmp_path_factory):
    """The Kampen report as report.html and the PDF Chromium prints of it (charts drawn)."""
    from sociaaldomein.app.report import find_chromium, pdf_bytes

    if find_chromium() is None:
        pytest.skip("Chromium is not installed")
    pytest.importorskip("pypdf")
    html = tmp_path_factory.mktemp("print") / "report.html"
    html.write_text(render_html(build_report(kampen, charts=True)), encoding="utf-8")
    return html.read_text(encoding="utf-8"), pdf_bytes(html)


def test_the_printed_footer_is_in_the_body_font(printed):
    import io

    from pypdf import PdfReader

    fonts = set()
    for page in PdfReader(io.BytesIO(printed[1])).pages:
        for font in page["/Resources"].get("/Font", {}).values():
            fonts.add(str(font.get_object()["/BaseFont"]).split("+")[-1].split("-")[0])
    # One family (the body's; DejaVu Sans here). Before: a serif for the page footer as well.
    assert len(fonts) == 1, fonts


def test_no_printed_page_ends_with_a_heading(printed):
    import html as entities
    import io

    from pypdf import PdfReader

    page, pdf = printed
    headings = {
        " ".join(entities.unescape(re.sub(r"<[^>]+>", "", found)).split())
        for found in re.findall(r"<h[1-6][^>]*>(.*?)</h[1-6]>", page, re.DOTALL)
    }
    ends = []
    for number, sheet in enumerate(PdfReader(io.BytesIO(pdf)).pages, start=1):
        lines = [" ".join(line.split()) for line in sheet.extract_text().splitlines()]
        lines = [line for line in lines if line and not re.search(r"pagina \d+ van \d+", line)]
        ends.append((number, lines[-1]))
    assert len(ends) > 5
    assert [(number, last) for number, last in ends if last in headings] == []


def test_a_value_not_known_shows_its_marker_and_no_data_status(assen):
    report = build_report(assen, charts=False)
    row = next(row for row in report.rows if row.indicator.id == "bbv.jeugdbescherming")
    assert (row.value, row.unknown, row.data_status) == ("", "niet bekend (n.n.b.)", "")
    card = next(c for c in _cards(render_html(report)) if "bbv.jeugdbescherming" in c)
    assert "niet bekend (n.n.b.)" in card
    assert "geen meting" not in card.split("Beoordeling")[0]


@settings(max_examples=60)
@given(st.text(max_size=40))
def test_a_translated_footer_cannot_leave_its_css_string(text):
    from sociaaldomein.render.templating import _css_content

    made = str(_css_content(text + " {page} " + text))
    # Outside the quoted strings only the counters remain; inside, nothing ends the string.
    strings = re.findall(r'"((?:[^"\\]|\\[0-9a-f]+ )*)"', made)
    rest = re.sub(r'"((?:[^"\\]|\\[0-9a-f]+ )*)"', "", made)
    assert set(rest.split()) <= {"counter(page)"}
    for found in strings:
        assert not set(found) & set('<>{};\n\r"')
