"""The report model: everything a report template can show, already as text.

:func:`sociaaldomein.build_report` makes a :class:`Report` from an
accountability run; the templates (see :mod:`sociaaldomein.render.templating`)
read nothing else. Texts are made in the language of the run (Dutch by
default, see :mod:`sociaaldomein.text.language`) and are plain (never
markup): the HTML templates escape
them, the Markdown templates neutralise what Markdown would read as structure.
The one exception is :attr:`Row.chart`, an SVG drawn by the library itself.
"""

from __future__ import annotations

import attrs

from sociaaldomein.core.evaluation import Evaluation, Status
from sociaaldomein.model.indicator import Indicator
from sociaaldomein.model.target import AtLeast, AtMost, Between
from sociaaldomein.text.language import _

__all__ = [
    "Colophon",
    "Comparison",
    "Link",
    "Moment",
    "Note",
    "Place",
    "PlainLine",
    "PlainSummary",
    "Ranking",
    "Report",
    "Row",
    "Section",
    "StatusLabel",
    "Table",
]


@attrs.frozen
class StatusLabel:
    """A status as the report shows it: a word, an icon and, in the leeswijzer, what it means.

    :param status: the status itself; its code (``met``) names the CSS class.
    :param label: the Dutch word (``gehaald``), always printed beside the icon.
    :param icon: a character that tells the statuses apart without colour.
    :param meaning: one sentence for the leeswijzer.
    :param count: how many indicators have it (in :attr:`Report.summary`).
    """

    status: Status
    label: str
    icon: str
    meaning: str
    count: int = 0

    @property
    def code(self) -> str:
        """The status code (``within_tolerance``), for CSS classes and data attributes."""
        return self.status.value


@attrs.frozen
class Link:
    """A text with the anchor (``#...``) or file it points to."""

    text: str
    href: str


@attrs.frozen
class Moment:
    """One measured period of an indicator: the value and, where judged, the verdict then.

    :param period: the period in Dutch (``2e halfjaar 2016``).
    :param value: the value as the report shows it (or why it is not known).
    :param target: the target in force in that period, in words; empty where not judged.
    :param status: the verdict in that period; ``None`` where the period was
        not judged (a nulmeting before the targets applied).
    :param data_status: ``voorlopig`` or ``definitief``; ``provisional``
        whether the value is not yet definitive.
    :param evaluation: the evaluation itself (what the downloads are written from).
    """

    period: str
    value: str
    target: str = ""
    status: StatusLabel | None = None
    data_status: str = ""
    provisional: bool = False
    evaluation: Evaluation | None = None


@attrs.frozen
class Row:
    """One indicator for the subject and the reporting period (or one slice of it).

    :param anchor: the HTML id of this indicator's block (``indicator-jeugd.bereik``).
    :param name: the indicator's name; for a slice, its dimensions (``leeftijd 12-17``).
    :param value: the value, rounded as the reason rounds it; empty without one.
    :param target: the target in words; ``baseline`` the baseline value.
    :param tolerance: what still counts when the target is missed, in words; empty without one.
    :param reason: the evaluation's reason, with the numbers used.
    :param references: reference subjects and their value (``Nederland``, ``7,1 (2016)``).
    :param trend: the trend class where the indicator has a direction but no number to
        reach (no target in force); empty where a target judges the value.
    :param n: respondents behind the value; ``source`` where it comes from.
    :param data_status: ``voorlopig`` or ``definitief``, or ``status niet opgegeven``
        where the measurement stated none (judged as definitief); empty without a value.
    :param provisional: whether the value is not yet definitive.
    :param period: the period the value is for (``2e halfjaar 2016``).
    :param note: the toelichting given with the measurement.
    :param unknown: for a value measured but not known, that in words with the
        publisher's marker (``niet bekend (n.n.b.)``); empty where the value is
        known or not measured.
    :param tags: the other sections this indicator belongs to, as links.
    :param chart: the trend chart as inline SVG, or empty.
    :param slices: the slices shown under this indicator.
    :param timeline: every measured period of the subject's totals up to the
        reporting period, oldest first, each with its verdict where judged.
    """

    anchor: str
    indicator: Indicator
    evaluation: Evaluation | None
    status: StatusLabel
    name: str
    value: str = ""
    target: str = ""
    baseline: str = ""
    reason: str = ""
    tolerance: str = ""
    references: tuple[tuple[str, str], ...] = ()
    trend: str = ""
    n: str = ""
    source: str = ""
    data_status: str = ""
    provisional: bool = False
    period: str = ""
    note: str = ""
    unknown: str = ""
    tags: tuple[Link, ...] = ()
    chart: str = ""
    slices: tuple[Row, ...] = ()
    history: tuple[tuple[str, float], ...] = ()
    timeline: tuple[Moment, ...] = ()

    @property
    def explains(self) -> bool:
        """Whether the reason says more than the value, the target and the status.

        It does for a tolerance, a missing value or baseline, and targets
        that are not a plain bound (a change, a milestone, a count per period).
        """
        if self.evaluation is None:
            return False
        if self.status.status in (Status.WITHIN_TOLERANCE, Status.NO_DATA):
            return True
        target = self.evaluation.target or self.indicator.target
        return target is not None and not isinstance(target, AtLeast | AtMost | Between)


@attrs.frozen
class Section:
    """A theme (a prestatieveld, a deelopdracht) with the indicators shown under it.

    :param rows: the indicators shown here, each in the report once.
    :param see_also: indicators of this theme shown in an earlier section, as links.
    """

    anchor: str
    title: str
    rows: tuple[Row, ...]
    see_also: tuple[Link, ...] = ()


@attrs.frozen
class PlainLine:
    """One indicator in a summary for residents, in plain Dutch (B1).

    :param indicator: the indicator's id; ``anchor`` its block in the report.
    :param name: the indicator's name with jargon turned into plain words.
    :param text: what is shown: the municipality's own toelichting where the
        measurement gives one (``own``), else ``generated``.
    :param generated: the sentences made from the result.
    """

    indicator: str
    anchor: str
    name: str
    status: StatusLabel
    text: str
    generated: str
    own: bool = False


@attrs.frozen
class PlainSummary:
    """A theme summed up for residents: one lead sentence pair and a line per indicator.

    :param anchor: the theme's section in the report (``thema-1``).
    """

    anchor: str
    title: str
    lead: str
    lines: tuple[PlainLine, ...]


@attrs.frozen
class Table:
    """A plain table: a header and rows of text cells.

    :param highlight: the index of a column to set apart (the report's subject).
    """

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    highlight: int | None = None


@attrs.frozen
class Place:
    """One subject's place in a ranking.

    :param mark: ``subject`` for the subject of the report, ``region`` for
        its region's other members, empty for the rest.
    """

    rank: int
    subject: str
    value: str
    status: StatusLabel
    mark: str = ""


@attrs.frozen
class Ranking:
    """All compared subjects on one indicator, best first (measured values only).

    :param indicator: the indicator's name; ``key`` its id.
    """

    anchor: str
    indicator: str
    places: tuple[Place, ...]
    position: str = ""
    key: str = ""


@attrs.frozen
class Comparison:
    """Subjects side by side on the same indicators, with their regions' aggregates.

    With few subjects, :attr:`table` has a column per subject. With many, it
    has the subject, its position and the aggregates only, and
    :attr:`rankings` lists every subject per indicator in a compact form.
    :attr:`keys` holds the indicator id of each row of :attr:`table`.
    """

    table: Table
    rankings: tuple[Ranking, ...] = ()
    subjects: int = 0
    keys: tuple[str, ...] = ()

    def for_indicator(self, key: str) -> tuple[tuple[str, str], ...]:
        """One indicator's row as (column heading, cell) pairs, without the name; empty if none."""
        if key not in self.keys:
            return ()
        row = self.table.rows[self.keys.index(key)]
        return tuple(zip(self.table.header[1:], row[1:], strict=True))

    def ranking(self, key: str) -> Ranking | None:
        """The ranking of one indicator, where there are rankings."""
        return next((ranking for ranking in self.rankings if ranking.key == key), None)

    @property
    def header(self) -> tuple[str, ...]:
        return self.table.header

    @property
    def rows(self) -> tuple[tuple[str, ...], ...]:
        return self.table.rows


@attrs.frozen
class Note:
    """A technical finding in Dutch, for the appendix."""

    severity: str
    where: str
    text: str


@attrs.frozen
class Colophon:
    """What the figures rest on: the date of the data, sources and data status.

    :param sources: every source named, each one whole (a source may hold commas).
    :param data_status: one sentence on how final the known values are.
    :param skipped: what the report left out because an optional extra is
        missing (charts, the Excel results), one sentence each.
    """

    data_until: str
    sources: tuple[str, ...]
    data_status: str
    made_with: str
    skipped: tuple[str, ...] = ()


@attrs.frozen
class Report:
    """Everything the report shows, already formatted where it is text.

    :param title: ``Verantwoording <period> - <set or plan>`` (an en dash).
    :param subtitle: the subject and the reporting period in one line.
    :param summary: per status, its label, icon and count, in report order.
    :param legend: the leeswijzer: every status with what it means.
    :param guide: the leeswijzer's sentences, made from what the report holds
        (it names references, respondents and tags only where there are any).
    :param sections: one per theme of the chosen taxonomy; each indicator once.
    :param contents: the table of contents (headings and anchors).
    :param budget: the budget and its funding per calendar year, as tables.
    :param phases: the phases, milestones and evaluation moments, as a table.
    :param notes: the technical findings, in Dutch (the appendix).
    :param files: result files written next to the report (filled in by ``write_report``).
    :param extra_css: house-style CSS appended to the shipped stylesheet.
    :param state: whether the report is a concept or adopted, one line
        (filled in by ``write_report``; empty: not shown).
    :param changes: what changed since an earlier report, as a table (``report --since``).
    :param changes_since: one line naming the earlier report.
    :param plain: per theme, a summary for residents in plain Dutch (B1),
        shown at the start of the report and on the site's start page.
    """

    title: str
    subtitle: str
    subject: str
    period: str
    summary: tuple[StatusLabel, ...]
    legend: tuple[StatusLabel, ...]
    sections: tuple[Section, ...]
    comparison: Comparison | None = None
    budget: Table | None = None
    budget_years: Table | None = None
    phases: Table | None = None
    notes: tuple[Note, ...] = ()
    colophon: Colophon | None = None
    references: tuple[str, ...] = ()
    files: tuple[Link, ...] = ()
    extra_css: str = ""
    state: str = ""
    changes: Table | None = None
    changes_since: str = ""
    plain: tuple[PlainSummary, ...] = ()
    guide: tuple[str, ...] = ()

    @property
    def charts(self) -> dict[str, str]:
        """Every drawn chart by indicator id."""
        return {row.indicator.id: row.chart for row in self.rows if row.chart}

    @property
    def rows(self) -> tuple[Row, ...]:
        """Every indicator's row, in report order (slices not included)."""
        return tuple(row for section in self.sections for row in section.rows)

    @property
    def contents(self) -> tuple[Link, ...]:
        """The table of contents: each heading of the report with its anchor."""
        links = [Link(_("Leeswijzer"), "#leeswijzer"), Link(_("Samenvatting"), "#samenvatting")]
        if self.plain:
            links.append(Link(_("In gewone taal"), "#in-gewone-taal"))
        if self.changes is not None:
            links.append(Link(_("Wijzigingen sinds de vorige verantwoording"), "#wijzigingen"))
        links += [Link(section.title, "#" + section.anchor) for section in self.sections]
        if self.comparison:
            links.append(Link(_("Vergelijking"), "#vergelijking"))
        if self.budget:
            links.append(Link(_("Begroting"), "#begroting"))
        if self.phases:
            links.append(Link(_("Fasering en evaluatiemomenten"), "#fasering"))
        links.append(Link(_("Colofon"), "#colofon"))
        if self.notes:
            links.append(Link(_("Bijlage: opmerkingen bij de gegevens"), "#bijlage"))
        return tuple(links)
