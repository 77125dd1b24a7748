"""The site for residents: static HTML pages made from the report model.

:func:`render_site` turns a :class:`~sociaaldomein.render.model.Report` into
the pages of a static site, by path relative to the site's folder: a start
page (``index.html``) with the summary per theme in plain Dutch, a page per
indicator (``indicatoren/<id>.html``) with its chart and a table beside it,
a page on the downloads (``gegevens.html``) and one stylesheet. The pages
link each other relatively, load nothing from elsewhere and hold no
scripts, so they read from ``file://`` and from any static host.

The downloads themselves (CSV, JSON and ``datapackage.json``) are written
by :func:`sociaaldomein.app.site.write_site`; their names and the meaning of
their columns are here, so that the pages and the files agree.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

import attrs

from sociaaldomein.render.model import PlainLine, Report, Section
from sociaaldomein.render.templating import TemplateFolder, render
from sociaaldomein.text.language import N_, _

__all__ = [
    "ALL_DATA",
    "DATA_PAGE",
    "INDEX",
    "PACKAGE",
    "RESULT_COLUMNS",
    "STYLESHEET",
    "Download",
    "downloads",
    "indicator_data",
    "indicator_page",
    "render_site",
]

INDEX = "index.html"
DATA_PAGE = "gegevens.html"
STYLESHEET = "site.css"
PACKAGE = "datapackage.json"
#: The whole set's downloads, without the suffix (``.csv``, ``.json``).
ALL_DATA = "gegevens/resultaten"

#: The columns of every CSV download, with what each means (for the page and the data package);
#: the meanings are msgids, translated with ``_()`` where shown.
RESULT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("indicator", N_("De code van de indicator.")),
    ("subject", N_("Over wie het cijfer gaat: de gemeente, de wijk of de organisatie.")),
    ("period", N_("De periode van de meting: 2023, 2023-H1 (eerste halfjaar),"
     " 2023-Q3 (kwartaal).")),
    ("dimensions", N_("Bij een deel van het totaal: welk deel (leeftijd=12-17);"
     " leeg: het totaal.")),
    ("status", N_("Het oordeel: met (gehaald), within_tolerance (binnen tolerantie), not_met"
     " (niet gehaald), no_data (geen gegevens), not_assessed (niet beoordeeld).")),
    ("value", N_("De gemeten waarde; ja of nee bij een mijlpaal.")),
    ("threshold", N_("De waarde die het doel vroeg, waar het doel een getal is.")),
    ("baseline", N_("De waarde van de nulmeting, waar het doel ernaar verwijst.")),
    ("compared_with", N_("De waarde waartegen een verandering of vergelijking is gemeten"
     " (de nulmeting, de vorige meting, de referentie die het doel noemt).")),
    ("progress", N_("Het deel van de afstand van nulmeting naar doel dat is afgelegd"
     " (1 = alles).")),
    ("reason", N_("Het oordeel in woorden, met de gebruikte getallen.")),
    ("data_status", N_("De status van het cijfer: provisional (voorlopig), revised_provisional"
     " (nader voorlopig) of definitive (definitief).")),
    ("status_given", N_("Of de bron die status opgaf: nee waar geen status is opgegeven"
     " (dan geldt het cijfer als definitief); leeg zonder meting.")),
    ("n", N_("Het aantal respondenten achter de waarde.")),
)  # fmt: skip

_SAFE = re.compile(r"[a-z0-9][a-z0-9_.-]*")


def _checked(indicator_id: str) -> str:
    # Indicator ids are checked when a set is read; a path is made of one only after this check.
    if not _SAFE.fullmatch(indicator_id) or ".." in indicator_id:
        raise ValueError(f"not an indicator id that can name a file: {indicator_id!r}")
    return indicator_id


def indicator_page(indicator_id: str) -> str:
    """The path of an indicator's page in the site (``indicatoren/jeugd.bereik.html``)."""
    return f"indicatoren/{_checked(indicator_id)}.html"


def indicator_data(indicator_id: str) -> str:
    """The path of an indicator's downloads without the suffix (``gegevens/jeugd.bereik``)."""
    return f"gegevens/{_checked(indicator_id)}"


@attrs.frozen
class Download:
    """One download: a title, and its CSV and JSON files (paths within the site)."""

    title: str
    csv: str
    json: str
    indicator: str = ""


def downloads(report: Report) -> tuple[Download, ...]:
    """Every download of the site: the whole set first, then one per indicator in report order."""
    whole = Download(_("Alle indicatoren"), f"{ALL_DATA}.csv", f"{ALL_DATA}.json")
    return (
        whole,
        *(
            Download(
                row.name,
                f"{indicator_data(row.indicator.id)}.csv",
                f"{indicator_data(row.indicator.id)}.json",
                row.indicator.id,
            )
            for row in report.rows
        ),
    )


def _homes(report: Report) -> dict[str, Section]:
    return {row.indicator.id: section for section in report.sections for row in section.rows}


def render_site(report: Report, *, templates: Iterable[TemplateFolder] = ()) -> dict[str, str]:
    """The site's pages and stylesheet, by path relative to the site's folder.

    :param templates: folders whose templates (``site/index.html``,
        ``site/indicator.html``, ``site/gegevens.html``, ``site/site.css``)
        override the shipped ones; see :mod:`sociaaldomein.render.templating`.
    """
    folders = tuple(templates)
    homes = _homes(report)
    plain: Mapping[str, PlainLine] = {
        line.indicator: line for summary in report.plain for line in summary.lines
    }
    files = downloads(report)
    by_indicator = {download.indicator: download for download in files if download.indicator}
    common: dict[str, object] = {
        "pages": {row.indicator.id: indicator_page(row.indicator.id) for row in report.rows},
        "anchored": {"#" + row.anchor: indicator_page(row.indicator.id) for row in report.rows},
        "summaries": {summary.anchor: summary for summary in report.plain},
        "plain_names": {"#" + line.anchor: line.name for line in plain.values()},
        "downloads": files,
        "columns": tuple((name, _(meaning)) for name, meaning in RESULT_COLUMNS),
        "index": INDEX,
        "data_page": DATA_PAGE,
        "stylesheet": STYLESHEET,
        "package": PACKAGE,
    }

    def page(name: str, **more: object) -> str:
        # Through the one render: control characters and bidi overrides never reach a page.
        return render("html", f"site/{name}", report, folders, **common, **more)

    house = "\n" + report.extra_css if report.extra_css else ""
    pages: dict[str, str] = {STYLESHEET: page("site.css") + house}
    pages[INDEX] = page("index.html", root="", here="start")
    pages[DATA_PAGE] = page("gegevens.html", root="", here="gegevens")
    for row in report.rows:
        pages[indicator_page(row.indicator.id)] = page(
            "indicator.html",
            root="../",
            here="indicator",
            row=row,
            section=homes[row.indicator.id],
            plain=plain.get(row.indicator.id),
            download=by_indicator[row.indicator.id],
        )
    return pages
