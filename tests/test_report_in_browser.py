"""The HTML report as a browser shows and prints it, checked in headless Chromium.

Chromium comes from Debian (installed here when missing and we run as root),
axe-core from the npm registry; without them, or without the network, these
tests skip and say why.
"""

import json
import re
import subprocess
import unicodedata

import pytest
from browser import FLAGS, KAMPEN, REPORTS, dump_dom

from sociaaldomein.app.report import print_pdf
from sociaaldomein.cli import main

STATUS_WORDS = {
    "✓": "gehaald",
    "≈": "binnen tolerantie",
    "✗": "niet gehaald",
    "?": "geen gegevens",
    "○": "niet beoordeeld",
}

# Run in the page after load: what the checks below need, written into the DOM as JSON.
PROBE = """
<script>
(function () {
  function text(node) {
    var copy = node.cloneNode(true);
    copy.querySelectorAll('svg').forEach(function (svg) { svg.remove(); });
    document.body.appendChild(copy);
    var lines = copy.innerText.split('\\n').map(function (l) { return l.trim(); })
      .filter(function (l) { return l; });
    copy.remove();
    return lines;
  }
  function probe(axeResult) {
    var ids = Array.from(document.querySelectorAll('[id]')).map(function (e) { return e.id; });
    var svgs = Array.from(document.querySelectorAll('svg')).map(function (svg) {
      var title = svg.querySelector(':scope > title'), desc = svg.querySelector(':scope > desc');
      return [title ? title.textContent : '', desc ? desc.textContent : ''];
    });
    var anchors = Array.from(document.querySelectorAll('a[href^="#"]')).map(function (a) {
      return [a.getAttribute('href'), !!document.getElementById(a.getAttribute('href').slice(1))];
    });
    var statuses = Array.from(document.querySelectorAll('.status')).map(function (s) {
      return s.textContent.trim();
    });
    var blocks = Array.from(document.querySelectorAll('article.indicator, tr')).map(text);
    var out = document.createElement('pre');
    out.id = 'probe-result';
    out.textContent = JSON.stringify({ids: ids, svgs: svgs, anchors: anchors,
      statuses: statuses, blocks: blocks, axe: axeResult});
    document.body.appendChild(out);
  }
  window.addEventListener('load', function () {
    if (!window.axe) { probe(null); return; }
    axe.run(document, {resultTypes: ['violations']}).then(function (r) {
      probe(r.violations.map(function (v) {
        return {id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map(
          function (n) { return n.target.join(' ') + ': ' + n.failureSummary; })};
      }));
    }, function (e) { probe('axe failed: ' + e); });
  });
})();
</script>
"""


def flat(text):
    """Text as a PDF and the DOM can both be compared on: no spaces, ligatures unfolded."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def test_chromium_renders_headings_and_charts(chromium, tmp_path, capsys):
    assert main(["report", str(KAMPEN), "-o", str(tmp_path)]) == 0
    capsys.readouterr()
    page = (tmp_path / "report.html").as_uri()
    profile = ["--user-data-dir=" + str(tmp_path / "profile")]
    dom = subprocess.run(
        [chromium, *FLAGS, *profile, "--dump-dom", page],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    assert "<h1>Verantwoording september 2005 t/m december 2007 \u2013 Ontwikkelpilot Wmo" in dom
    assert ">Samenvatting</h2>" in dom
    assert ">Begroting</h2>" in dom
    assert dom.count("<svg") >= 5
    screenshot = tmp_path / "report.png"
    subprocess.run(
        [chromium, *FLAGS, *profile, f"--screenshot={screenshot}", "--window-size=1280,2400", page],
        capture_output=True,
        timeout=120,
        check=True,
    )
    data = screenshot.read_bytes()
    assert data.startswith(b"\x89PNG")
    # A blank page compresses to a few kilobytes; headings, tables and charts do not.
    assert len(data) > 50_000


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_the_report_reads_and_prints_whole(chromium, axe_source, tmp_path, capsys, name):
    pypdf = pytest.importorskip("pypdf", reason="pypdf (the test extra) reads the printed PDF")
    assert main(["report", *REPORTS[name], "-o", str(tmp_path)]) == 0, capsys.readouterr().err
    capsys.readouterr()
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    probed = tmp_path / "probed.html"
    axe, without_axe = axe_source
    checker = f"<script>{axe}</script>" if axe else ""
    probed.write_text(html.replace("</body>", f"{checker}{PROBE}</body>"), encoding="utf-8")
    dom = dump_dom(chromium, probed, tmp_path / "profile")
    found = re.search(r'<pre id="probe-result">(.*?)</pre>', dom, re.S)
    assert found, "the probe did not run"
    result = json.loads(
        found[1].replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
        .replace("&amp;", "&")
    )  # fmt: skip

    # Every chart has a title and a one-sentence description.
    if name == "kampen":
        assert len(result["svgs"]) >= 5
    for title, desc in result["svgs"]:
        assert title, desc
        assert desc.endswith("."), desc
    ids = result["ids"]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    assert all(resolves for _, resolves in result["anchors"]), result["anchors"]
    assert any(href == "#samenvatting" for href, _ in result["anchors"])
    # Without colour every status still says what it is: an icon and its word.
    for status in result["statuses"]:
        icon, _, word = status.partition(" ")
        assert STATUS_WORDS.get(icon) == word, status
    if axe:
        serious = [v for v in result["axe"] if v["impact"] in ("serious", "critical")]
        assert serious == [], serious

    screenshot = tmp_path / "report.png"
    subprocess.run(
        [chromium, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}",
         f"--screenshot={screenshot}", "--window-size=1280,4000", probed.as_uri()],
        capture_output=True, timeout=120, check=True,
    )  # fmt: skip
    assert screenshot.read_bytes().startswith(b"\x89PNG")

    pdf = print_pdf(tmp_path / "report.html", tmp_path / "report.pdf", chromium=chromium)
    pages = [flat(page.extract_text()) for page in pypdf.PdfReader(pdf).pages]
    assert len(pages) >= 2
    assert "pagina1van" in pages[0]  # page numbers from the print stylesheet
    # No indicator block and no table row is split over two pages: some page has all of it.
    blocks = [[flat(line) for line in block] for block in result["blocks"] if block]
    assert len(blocks) > 10
    for block in blocks:
        assert any(all(line in page for line in block) for page in pages), block
    if not axe:
        pytest.skip(f"every check passed but the accessibility check: {without_axe}")


def test_report_pdf_prints_with_chromium(chromium, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("SOCIAALDOMEIN_CHROMIUM", chromium)
    assert main(["report", str(KAMPEN), "-o", str(tmp_path), "--pdf", "--no-charts"]) == 0
    out = capsys.readouterr().out
    assert str(tmp_path / "report.pdf") in out
    assert (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF")


CHART_PROBE = """
<script>
(function () {
  // Every text of every chart, as the browser lays it out, against its chart's box.
  var cut = [];
  document.querySelectorAll('svg').forEach(function (svg) {
    var box = svg.getBoundingClientRect();
    svg.querySelectorAll('text').forEach(function (text) {
      var r = text.getBoundingClientRect();
      if (r.left < box.left - 0.5 || r.right > box.right + 0.5
          || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5) {
        cut.push([svg.getAttribute('aria-labelledby'), text.textContent,
                  [r.left - box.left, box.right - r.right,
                   r.top - box.top, box.bottom - r.bottom]]);
      }
    });
  });
  var out = document.createElement('pre');
  out.id = 'chart-probe';
  out.textContent = JSON.stringify({charts: document.querySelectorAll('svg').length, cut: cut});
  document.body.appendChild(out);
})();
</script>
"""


def test_no_chart_text_is_cut_off_in_the_browser(chromium, tmp_path):
    """Tick labels, axis titles and legends lie inside their chart, as Chromium lays them out:
    every measurement type, huge and negative values, long names of references."""
    from sociaaldomein.model import Period
    from sociaaldomein.model.measurement_type import MeasurementTypeRegistry
    from sociaaldomein.render.charts import Point, ReferenceLine, Series, chart

    pytest.importorskip("matplotlib", reason="charts are the optional charts extra")
    charts = []
    for kind in MeasurementTypeRegistry().values():
        if not kind.numeric:
            continue
        high = float(kind.maximum) if kind.maximum is not None else 123_456_789_012.5
        low = float(kind.minimum) if kind.minimum is not None else -98_765_432.25
        points = tuple(
            Point(Period.quarter(2023, q), value)
            for q, value in ((1, low), (2, high), (3, (low + high) / 2), (4, high))
        )
        charts.append(
            chart(
                Series(
                    kind.name,
                    kind.label,
                    points,
                    kind,
                    subject="Gemeente Súdwest-Fryslân (Friesland)",
                    reporting_period=Period.parse("2023-H2"),
                    references=(ReferenceLine("Regio Noordoost-Brabant en Maasland-West", points),),
                    unit=""
                    if kind.name != "ratio"
                    else "verhouding tussen cliënten met een "
                    "maatwerkvoorziening en inwoners van achttien jaar en ouder",
                )
            )
        )
    page = tmp_path / "charts.html"
    page.write_text(
        "<!doctype html><html><head><meta charset='utf-8'></head><body>"
        + "".join(f"<div>{svg}</div>" for svg in charts)
        + CHART_PROBE
        + "</body></html>",
        encoding="utf-8",
    )
    dom = dump_dom(chromium, page, tmp_path / "profile")
    found = re.search(r'<pre id="chart-probe">(.*?)</pre>', dom, re.S)
    assert found, "the probe did not run"
    result = json.loads(found[1].replace("&quot;", '"').replace("&amp;", "&"))
    assert result["charts"] == len(charts) >= 7
    assert result["cut"] == []
