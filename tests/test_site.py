"""The site for residents: built for the examples, accessible, its data package valid and exact."""

import json
import re
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import attrs
import pytest
from browser import DRENTHE, KAMPEN, REPORTS, dump_dom
from hypothesis import given, settings
from hypothesis import strategies as st

from sociaaldomein.app.run import account_for
from sociaaldomein.app.site import write_site
from sociaaldomein.cli import main
from sociaaldomein.core.evaluation import Status
from sociaaldomein.core.records import RECORD_FIELDS, to_records
from sociaaldomein.render.plain import plain_line, plain_summaries, plainer
from sociaaldomein.render.report import build_report
from sociaaldomein.text.escape import restore_formula
from sociaaldomein.text.readability import count_syllables, flesch_douma, readability

RUNS = {
    "kampen": {"plan": KAMPEN / "plan.toml", "measurements": [KAMPEN / "measurements.csv"]},
    "drenthe": {
        "set_id": "drenthe",
        "subject": "Assen",
        "measurements": [DRENTHE / "measurements.csv"],
        "regions": DRENTHE / "regions.toml",
    },
}


@pytest.fixture(scope="module", params=sorted(REPORTS))
def built(request, tmp_path_factory):
    """The site of each example, written by the command, and its run."""
    out = tmp_path_factory.mktemp(f"site-{request.param}")
    assert main(["site", *REPORTS[request.param], "-o", str(out)]) == 0
    return request.param, out


class _Page(HTMLParser):
    """The links, resources, ids and language of one page."""

    def __init__(self):
        super().__init__()
        self.links, self.loads, self.ids, self.lang, self.scripts = [], [], set(), None, 0

    def handle_starttag(self, tag, attrs_):
        found = dict(attrs_)
        if tag == "html":
            self.lang = found.get("lang")
        if tag == "script":
            self.scripts += 1
        if "id" in found:
            self.ids.add(found["id"])
        if tag == "a" and "href" in found:
            self.links.append(found["href"])
        for key in ("src", "srcset", "poster", "data"):
            if key in found:
                self.loads.append(found[key])
        if tag == "link" and "href" in found:
            self.loads.append(found["href"])


def _parse(path):
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def test_site_is_built_for_kampen_and_drenthe(built):
    name, out = built
    pages = sorted(out.rglob("*.html"))
    indicators = sorted((out / "indicatoren").glob("*.html"))
    assert (out / "index.html") in pages
    assert (out / "gegevens.html") in pages
    assert len(indicators) >= (11 if name == "kampen" else 25)
    for page in pages:
        parsed = _parse(page)
        assert parsed.lang == "nl", page
        assert parsed.scripts == 0, page  # no JavaScript
        for href in parsed.links + parsed.loads:
            # Nothing from elsewhere: every link and resource is relative, in the site.
            assert not urlsplit(href).scheme, (page, href)
            assert not href.startswith("//"), (page, href)
        text = page.read_text(encoding="utf-8")
        assert "@import" not in text
        assert "url(" not in text.replace("url(#", "")
    css = (out / "site.css").read_text(encoding="utf-8")
    assert "@import" not in css
    assert "url(" not in css
    if name == "drenthe":  # the other municipalities and the regions beside Assen
        compared = (out / "indicatoren" / "wmo.ondersteuning-past.html").read_text("utf-8")
        assert "Vergelijking met andere gemeenten" in compared
        assert ">Tynaarlo</th><td>85% (gehaald)" in compared
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "In het kort" in index
    assert index.count('class="theme"') >= 2  # a summary per theme


def _follow(out, page, href):
    """Where a relative link leads: the file, and the id it names (or None)."""
    parts = urlsplit(href)
    target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
    return target, parts.fragment or None


def test_every_link_of_the_site_resolves(built):
    _, out = built
    parsed = {page.resolve(): _parse(page) for page in out.rglob("*.html")}
    broken = []
    for page, found in parsed.items():
        for href in found.links + found.loads:
            target, fragment = _follow(out, page, href)
            inside = target.is_file() and target.is_relative_to(out.resolve())
            if not inside or (fragment and fragment not in parsed[target].ids):
                broken.append((page.name, href))
    assert broken == []


# Run in the page after load: links, ids, focus order facts and axe-core's verdict, as JSON.
PROBE = """
<script>
(function () {
  function probe(axeResult) {
    var links = Array.from(document.querySelectorAll('a[href]')).map(function (a) {
      return a.href;
    });
    var focusable = Array.from(document.querySelectorAll(
      'a[href], button, input, select, textarea, [tabindex]'));
    var out = document.createElement('pre');
    out.id = 'probe-result';
    out.textContent = JSON.stringify({
      lang: document.documentElement.lang,
      links: links,
      first: focusable.length ? focusable[0].getAttribute('href') : null,
      positive: focusable.filter(function (e) { return e.tabIndex > 0; }).length,
      unreachable: Array.from(document.querySelectorAll('a:not([href])')).length,
      title: document.title,
      axe: axeResult});
    document.body.appendChild(out);
  }
  window.addEventListener('load', function () {
    if (!window.axe) { probe(null); return; }
    axe.run(document, {resultTypes: ['violations'],
      runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa',
        'best-practice']}}).then(function (r) {
      probe(r.violations.map(function (v) {
        return {id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map(
          function (n) { return n.target.join(' ') + ': ' + n.failureSummary; })};
      }));
    }, function (e) { probe('axe failed: ' + e); });
  });
})();
</script>
"""


def _probe(chromium, page, axe, profile):
    """The page as Chromium loads it, with the probe (and axe-core) added beside it."""
    probed = page.with_name(f".probed-{page.name}")
    checker = f"<script>{axe}</script>" if axe else ""
    html = page.read_text(encoding="utf-8")
    probed.write_text(html.replace("</body>", f"{checker}{PROBE}</body>"), encoding="utf-8")
    try:
        dom = dump_dom(chromium, probed, profile)
    finally:
        probed.unlink()
    found = re.search(r'<pre id="probe-result">(.*?)</pre>', dom, re.S)
    assert found, f"the probe did not run on {page}"
    return json.loads(
        found[1].replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
        .replace("&amp;", "&")
    )  # fmt: skip


def _page_types(out):
    """One page of each type: the start page, the downloads page, an indicator page with a
    chart, and one with a comparison where the example has one."""
    indicators = sorted((out / "indicatoren").glob("*.html"))
    texts = {page: page.read_text(encoding="utf-8") for page in indicators}
    charted = [page for page in indicators if "<svg" in texts[page]]
    compared = [page for page in indicators if "vergelijking-kop" in texts[page]]
    chosen = {(charted or indicators)[0], *compared[:1]}
    return [out / "index.html", out / "gegevens.html", *sorted(chosen)]


def test_every_page_type_passes_axe_and_every_link_resolves(built, chromium, axe_source, tmp_path):
    _, out = built
    axe, without_axe = axe_source
    for page in _page_types(out):
        result = _probe(chromium, page, axe, tmp_path / "profile")
        assert result["lang"] == "nl", page
        assert result["title"], page
        # Keyboard: the skip link comes first, no tabindex reorders the page, every link has href.
        assert result["first"] == "#inhoud", page
        assert result["positive"] == 0, page
        assert result["unreachable"] == 0, page
        if axe:
            assert result["axe"] == [], (page, result["axe"])
        for href in result["links"]:  # as the browser resolved them: files in the site
            assert href.startswith("file://"), href
            target = Path(unquote(urlsplit(href).path))
            if target.name == f".probed-{page.name}":
                target = page  # a link within the page itself
            assert target.is_file(), (page, href)
            fragment = urlsplit(href).fragment
            if fragment and target.suffix == ".html":
                assert fragment in _parse(target).ids, (page, href)
    if not axe:
        pytest.skip(f"every check passed but axe-core's: {without_axe}")


def test_screenshots_of_the_start_page_and_an_indicator_page(built, chromium, tmp_path):
    import subprocess

    from browser import FLAGS

    name, out = built
    for page in (out / "index.html", _page_types(out)[2]):
        shot = tmp_path / f"{name}-{page.stem}.png"
        subprocess.run(
            [chromium, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}",
             f"--screenshot={shot}", "--window-size=1280,1800", page.as_uri()],
            capture_output=True, timeout=120, check=True,
        )  # fmt: skip
        data = shot.read_bytes()
        assert data.startswith(b"\x89PNG")
        assert len(data) > 40_000  # a blank page compresses to a few kilobytes


def _expected(run):
    """What the downloads must hold: the evaluations in the report model, per indicator."""
    report = build_report(run, charts=False)
    wanted = {}
    for row in report.rows:
        judged = [m.evaluation for m in row.timeline if m.evaluation is not None]
        if row.evaluation is not None and row.evaluation not in judged:
            judged.append(row.evaluation)
        judged += [part.evaluation for part in row.slices]
        wanted[row.indicator.id] = to_records(judged)
    return wanted


def _same(cell, expected):
    """A cell frictionless read (typed by the schema) against a record's value."""
    if expected is None:
        return cell is None
    if isinstance(expected, dict):
        return cell == ";".join(f"{k}={v}" for k, v in expected.items()) or (
            not expected and cell is None
        )
    if isinstance(expected, bool):
        return cell == expected or cell == ("ja" if expected else "nee")
    if isinstance(expected, int | float):
        return Decimal(str(cell)) == Decimal(str(expected))
    return restore_formula(str(cell)) == expected


def test_data_package_validates_with_frictionless_and_reads_back(built):
    frictionless = pytest.importorskip("frictionless", reason="frictionless is in the test extra")
    name, out = built
    report = frictionless.validate(str(out / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    run = account_for(**RUNS[name])
    wanted = _expected(run)
    colophon = build_report(run, charts=False).colophon
    assert [source["title"] for source in package["sources"]] == list(colophon.sources)
    tables = [r for r in package["resources"] if r.get("profile") == "tabular-data-resource"]
    assert {r["name"] for r in tables} == {"resultaten"} | {f"indicator-{i}" for i in wanted}
    everything = [record for records in wanted.values() for record in records]
    assert everything
    for described in tables:
        resource = frictionless.Resource(described, basepath=str(out))
        rows = resource.read_rows()
        indicator = described["name"].removeprefix("indicator-")
        records = everything if described["name"] == "resultaten" else wanted[indicator]
        assert len(rows) == len(records), described["name"]
        for row, record in zip(rows, records, strict=True):
            assert [f.name for f in resource.schema.fields] == list(RECORD_FIELDS)
            for field in RECORD_FIELDS:
                assert _same(row[field], record[field]), (described["name"], field, row[field])
    # The JSON downloads hold the same records.
    for indicator, records in wanted.items():
        document = json.loads((out / "gegevens" / f"{indicator}.json").read_text("utf-8"))
        assert document["results"] == records


def _generated(run):
    report = build_report(run, charts=False)
    return " ".join(
        " ".join([summary.lead, *(f"{line.name}. {line.generated}" for line in summary.lines)])
        for summary in report.plain
    )


@pytest.mark.parametrize("name", sorted(RUNS))
def test_plain_summaries_score_at_least_60_on_flesch_douma(name):
    text = _generated(account_for(**RUNS[name]))
    measured = readability(text)
    assert measured.words > 50, measured
    assert measured.score >= 60, measured


def test_toelichting_replaces_the_generated_summary():
    run = account_for(**RUNS["kampen"])
    report = build_report(run, charts=False)
    row = report.rows[0]
    assert plain_line(attrs.evolve(row, note=""), "2007").own is False
    told = plain_line(attrs.evolve(row, note="Twee  plannen\nzijn uitgevoerd."), "2007")
    assert told.own
    assert told.text == "Twee plannen zijn uitgevoerd."
    assert told.generated == plain_line(attrs.evolve(row, note=""), "2007").text
    summaries = plain_summaries(report.sections, report.period)
    assert all(line.text == (row_of(report, line).note or line.generated) for s in summaries
               for line in s.lines)  # fmt: skip


def row_of(report, line):
    return next(row for row in report.rows if row.indicator.id == line.indicator)


def test_the_word_list_turns_jargon_into_plain_words():
    assert plainer("maatwerkvoorziening") == "hulp op maat"
    assert plainer("Maatwerkvoorzieningen voor ouderen") == "Hulp op maat voor ouderen"
    # Longer entries win, and only whole words are replaced.
    assert plainer("een algemene voorziening") == "een hulp voor iedereen"
    assert plainer("maatwerkvoorzieningsplan") == "maatwerkvoorzieningsplan"
    assert plainer("doel: +10% t.o.v. nulmeting 2005") == (
        "doel: +10% vergeleken met eerste meting 2005"
    )


def test_the_council_report_starts_with_the_plain_summary(tmp_path):
    assert main(["report", str(KAMPEN), "-o", str(tmp_path), "--no-charts"]) == 0
    for name in ("report.html", "report.md"):
        text = (tmp_path / name).read_text(encoding="utf-8")
        start = text.index("<!-- in gewone taal -->")
        assert start < text.index('id="thema-1"'), name  # before the first theme
        assert text.index("<!-- /in gewone taal -->") > start
        assert "In gewone taal" in text
        assert "Bij dit thema horen" in text


@pytest.mark.parametrize(
    ("word", "syllables"),
    [
        ("hulp", 1),
        ("maat", 1),
        ("doelen", 2),
        ("gehaald", 2),
        ("eenzaamheid", 3),
        ("ondersteuning", 4),
        ("maatwerkvoorziening", 5),
        ("cliënt", 2),
        ("geïnformeerd", 4),
        ("2007", 5),  # twee-dui-zend-ze-ven
        ("80", 2),  # tach-tig
        ("3", 1),
    ],
)
def test_syllable_counter_counts_dutch_words(word, syllables):
    assert count_syllables(word) == syllables


def test_flesch_douma_follows_the_formula():
    text = "De kat zit op de mat. Hij slaapt."
    measured = readability(text)
    assert (measured.sentences, measured.words, measured.syllables) == (2, 8, 8)
    assert flesch_douma(text) == pytest.approx(206.835 - 0.93 * 4 - 77 * 1)
    with pytest.raises(ValueError, match="zonder woorden"):
        flesch_douma("...")


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.sampled_from(["de", "kat", "maatwerkvoorziening", "hulp", "2007"]), min_size=1),
    st.integers(min_value=1, max_value=5),
)
def test_longer_words_and_sentences_never_read_easier(words, sentences):
    base = ". ".join([" ".join(words)] * sentences) + "."
    longer = base.replace("hulp", "ondersteuning")
    assert flesch_douma(longer) <= flesch_douma(base)
    joined = " ".join([" ".join(words)] * sentences) + "."
    assert flesch_douma(joined) <= flesch_douma(base)


def test_site_files_are_written_as_one_set(tmp_path, monkeypatch):
    from sociaaldomein.io import atomic

    calls = []
    real = atomic.write_files
    monkeypatch.setattr(
        atomic, "write_files", lambda files, **kw: calls.append(list(files)) or real(files, **kw)
    )
    written = write_site(account_for(**RUNS["kampen"]), tmp_path / "site", charts=False)
    assert len(calls) == 1
    assert sorted(map(Path, calls[0])) == sorted(written.files)
    assert sorted(p for p in (tmp_path / "site").rglob("*") if p.is_file()) == sorted(written.files)


def test_a_site_is_not_written_into_an_adopted_report_folder(tmp_path, capsys):
    from sociaaldomein.app.adoption import adopt

    assert main(["report", str(KAMPEN), "-o", str(tmp_path), "--no-charts"]) == 0
    adopt(tmp_path, body="de gemeenteraad", date="2008-03-31", decision="2008-12")
    before = {path.name: path.read_bytes() for path in tmp_path.iterdir()}
    capsys.readouterr()
    assert main(["site", str(KAMPEN), "-o", str(tmp_path), "--no-charts"]) == 1
    assert "vastgesteld" in capsys.readouterr().err
    assert {path.name: path.read_bytes() for path in tmp_path.iterdir()} == before


def test_plain_words_hold_no_jargon_of_their_own():
    from sociaaldomein.render.plain import plain_words

    assert {key: plainer(plain) for key, plain in plain_words().items()} == dict(plain_words())


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "maatwerkvoorziening",
                "Mantelzorgers",
                "algemene voorziening",
                "voorziening",
                "de",
                "hulp",
                "t.o.v.",
                "2023",
                "JEUGDHULP",
                "maatwerkvoorzieningsplan",
                "",
            ]
        ),
        max_size=12,
    )
)
def test_plainer_leaves_no_word_of_the_list_behind(parts):
    from sociaaldomein.render.plain import plain_words

    text = plainer(" ".join(parts))
    assert plainer(text) == text  # nothing left to replace
    lowered = f" {text.lower()} "
    assert not any(f" {key} " in lowered for key in plain_words())


def _ranked_site(tmp_path):
    names = ["Assen", "Emmen", "Hoogeveen", "Tynaarlo", "Meppel", "Coevorden", "Borger-Odoorn",
             "Aa en Hunze", "Midden-Drenthe", "Noordenveld", "De Wolden", "Westerveld"]  # fmt: skip
    rows = ["indicator,subject,period,value"] + [
        f"wmo.ondersteuning-past,{name},2023,{70 + number}" for number, name in enumerate(names)
    ]
    (tmp_path / "measurements.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    measured = [tmp_path / "measurements.csv"]
    run = account_for(set_id="drenthe", subject="Assen", measurements=measured)
    write_site(run, tmp_path / "site", charts=False)
    return tmp_path / "site" / "indicatoren" / "wmo.ondersteuning-past.html"


def test_an_indicator_page_ranks_many_municipalities(tmp_path):
    page = _ranked_site(tmp_path).read_text("utf-8")
    assert "Alle gemeenten op volgorde, de beste eerst" in page
    # Best first (higher is better here), and Assen marked in words, not by colour alone.
    assert page.index(">Westerveld</th>") < page.index(">Emmen</th>")
    assert ">Assen (deze gemeente)</th>" in page


def test_a_ranking_page_passes_axe(tmp_path, chromium, axe_source):
    axe, without_axe = axe_source
    if not axe:
        pytest.skip(without_axe)
    result = _probe(chromium, _ranked_site(tmp_path), axe, tmp_path / "profile")
    assert result["axe"] == []


def test_the_same_run_writes_the_same_site(tmp_path):
    run = account_for(**RUNS["kampen"])
    first = write_site(run, tmp_path / "een")
    second = write_site(run, tmp_path / "twee")
    assert [path.relative_to(tmp_path / "een") for path in first.files] == [
        path.relative_to(tmp_path / "twee") for path in second.files
    ]
    for one, other in zip(first.files, second.files, strict=True):
        assert one.read_bytes() == other.read_bytes(), one.name


def test_an_indicator_page_shows_target_tolerance_and_history(tmp_path):
    run = account_for(**RUNS["kampen"])
    rows = {row.indicator.id: row for row in build_report(run, charts=False).rows}
    involved = rows["wijkbetrokkenheid"]
    assert involved.tolerance == "een stijgende lijn ten opzichte van de nulmeting (2005)"
    assert rows["burgerinitiatieven"].tolerance == "als ondergrens: minimaal 1"
    assert rows["samenwerkingscontracten"].tolerance == ""
    # The nulmeting is in the history but was not judged; 2007 was, against the target then.
    assert [(m.period, m.value, m.status and m.status.label) for m in involved.timeline] == [
        ("2005", "40%", None),
        ("2007", "42,5%", "binnen tolerantie"),
    ]
    write_site(run, tmp_path, charts=True)
    page = (tmp_path / "indicatoren" / "wijkbetrokkenheid.html").read_text("utf-8")
    for shown in ("<dt>Doel</dt><dd>+10% t.o.v. nulmeting 2005</dd>", "<dt>Tolerantie</dt>",
                  "<th scope=\"row\">2005</th><td>40%</td>", "<svg", "enquête"):  # fmt: skip
        assert shown in page


def test_names_and_notes_from_data_reach_no_page_as_markup_or_control_characters(tmp_path):
    (tmp_path / "set.toml").write_text(
        'id = "proef"\nname = "Proef"\nversion = "1"\n\n[[indicators]]\nid = "bereik"\n'
        'name = "Bereik\\u202e</h1><script>x()</script>"\nmeasurement_type = "percentage"\n'
        'target = { kind = "at_most", value = 40 }\n',
        encoding="utf-8",
    )
    (tmp_path / "m.csv").write_text(
        "indicator,subject,period,value,note\n"
        'bereik,As\x1b]52;c;eA==\x07sen\u202e,2023,30,"<img src=x onerror=y()>\u2066"\n',
        encoding="utf-8",
    )
    out = tmp_path / "site"
    assert main(["site", str(tmp_path / "m.csv"), "--set-file", str(tmp_path / "set.toml"),
                 "--no-charts", "-o", str(out)]) == 0  # fmt: skip
    control = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
    for page in out.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert not control.search(text), page
        assert "<script" not in text, page
        assert "<img" not in text, page
        assert "&lt;img src=x onerror=y()&gt;" in text or page.name == "gegevens.html"


def _theme(rows):
    from sociaaldomein.model import Indicator
    from sociaaldomein.render.model import Row, Section
    from sociaaldomein.render.status import label

    made = tuple(
        Row(
            f"a{n}",
            Indicator(f"i{n}", f"Indicator {n}", "count"),
            None,
            label(status),
            f"I {n}",
            target="ten minste 10" if target else "",
        )
        for n, (status, target) in enumerate(rows)
    )
    (summary,) = plain_summaries([Section("thema-1", "Thema", made)], "2023")
    return summary


def test_the_plain_summary_counts_only_indicators_with_a_target_as_doelen():
    # Two goals (one met, one without figures) and three figures only followed.
    summary = _theme(
        [
            (Status.MET, True),
            (Status.NO_DATA, True),
            (Status.NOT_ASSESSED, False),
            (Status.NOT_ASSESSED, False),
            (Status.NO_DATA, False),
        ]
    )
    assert summary.lead.startswith("Bij dit thema horen 2 doelen. Er is er 1 van 2 gehaald.")
    assert "Van 1 zijn er nog geen cijfers." in summary.lead
    assert "5 doelen" not in summary.lead
    assert "Ook horen er 3 cijfers zonder doel bij." in summary.lead
    # A theme without targets has no doelen at all.
    lead = _theme([(Status.NOT_ASSESSED, False)]).lead
    assert lead == "Bij dit thema hoort 1 cijfer zonder doel."


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(list(Status)), st.booleans()), min_size=1, max_size=30).map(
        lambda rows: [(s, t and s is not Status.NOT_ASSESSED) for s, t in rows]
    )
)
def test_a_theme_lead_counts_its_goals_right(rows):
    summary = _theme(rows)
    lead = summary.lead
    goals = [status for status, target in rows if target]
    others = len(rows) - len(goals)
    if goals:
        word = "hoort" if len(goals) == 1 else "horen"
        assert lead.startswith(f"Bij dit thema {word} {len(goals)} doel")
    else:
        assert lead.startswith(f"Bij dit thema {'hoort' if others == 1 else 'horen'} {others} ")
    met = goals.count(Status.MET)
    assert (f" {met} van {len(goals)} gehaald." in lead) == bool(goals)
    enough = goals.count(Status.WITHIN_TOLERANCE)
    assert (f"Bij {enough} is het net niet gehaald" in lead) == bool(enough)
    missing = goals.count(Status.NO_DATA)
    assert (f"Van {missing} zijn er nog geen cijfers." in lead) == bool(missing)
    assert (f"{others} cijfer" in lead) == bool(others)
    assert [line.indicator for line in summary.lines] == [f"i{n}" for n in range(len(rows))]
    assert readability(lead).words <= 5 * 12  # at most five short sentences
