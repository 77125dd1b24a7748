"""The report's sentences made from what the report holds: title, leeswijzer, colofon, tolerance.

Each text is made from the run and the rows, in the language of the run:
the leeswijzer names references, respondents, trends and tags only where
the report has them; the colofon counts the data status over the values
that are known (and says where no status was given) and lists the sources
one by one (a source may hold commas).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sociaaldomein.core.accountability import Accountability
from sociaaldomein.core.evaluation import describe_target
from sociaaldomein.model.indicator import Indicator
from sociaaldomein.model.measurement import Measurement
from sociaaldomein.model.measurement_type import MeasurementType
from sociaaldomein.model.period import Period
from sociaaldomein.model.target import Direction, Fallback, Margin, Reference, RisingTrend
from sociaaldomein.render.model import Colophon, Row
from sociaaldomein.render.values import show_value
from sociaaldomein.text.language import _, ngettext
from sociaaldomein.text.numbers import format_number

__all__ = ["colophon", "data_status_text", "guide", "report_title", "tolerance_text"]


def tolerance_text(indicator: Indicator, kind: MeasurementType) -> str:
    """What still counts when the target is missed, in words (empty without a tolerance)."""
    tolerance = indicator.tolerance
    if isinstance(tolerance, Margin):
        if tolerance.relative:
            amount = f"{format_number(tolerance.amount)}%"
        elif kind.name == "percentage":
            amount = _("{amount} procentpunt").format(amount=format_number(tolerance.amount))
        else:
            amount = show_value(tolerance.amount, kind)
        return _("het doel gemist met ten hoogste {amount}").format(amount=amount)
    if isinstance(tolerance, RisingTrend):
        down = indicator.good_direction is Direction.LOWER_IS_BETTER
        if tolerance.against is Reference.PREVIOUS:
            if down:
                return _("een daling ten opzichte van de vorige meting")
            return _("een stijgende lijn ten opzichte van de vorige meting")
        when = indicator.baseline_period.dutch() if indicator.baseline_period else ""
        if down:
            if when:
                return _("een daling ten opzichte van de nulmeting ({when})").format(when=when)
            return _("een daling ten opzichte van de nulmeting")
        if when:
            return _("een stijgende lijn ten opzichte van de nulmeting ({when})").format(when=when)
        return _("een stijgende lijn ten opzichte van de nulmeting")
    if isinstance(tolerance, Fallback):
        return _("als ondergrens: {target}").format(
            target=describe_target(tolerance.target, indicator, kind)
        )
    return ""


def colophon(
    run: Accountability, totals: Mapping[str, Sequence[Measurement]], rows: Sequence[Row]
) -> Colophon:
    """What the figures rest on: the last day with data, the sources one by one, the status.

    ``skipped`` is left empty: the writers fill it in (they know which extras are missing).
    """
    from importlib.metadata import PackageNotFoundError, version

    try:
        made_with = f"sociaaldomein {version('sociaaldomein')}"
    except PackageNotFoundError:  # pragma: no cover - run from a source tree
        made_with = "sociaaldomein"
    ends = [m.period.end for found in totals.values() for m in found]
    sources = sorted({row.source for row in rows if row.source})
    return Colophon(
        data_until=Period.day(max(ends)).dutch() if ends else "",
        sources=tuple(sources),
        data_status=data_status_text(rows),
        made_with=made_with,
    )


def report_title(period: str, name: str) -> str:
    """The report's title: ``Verantwoording 2024 - Assen: BBV-...`` (an en dash).

    A dash between the period and the name, never a colon: names hold
    colons ("Assen: lokale inkleuring"), and two colons read as a list.
    """
    return _("Verantwoording {period} \u2013 {name}").format(period=period, name=name)


def data_status_text(rows: Sequence[Row]) -> str:
    """The colofon's sentence on how final the figures are, counted over KNOWN values.

    A value not known (``n.n.b.``) has no data status to speak of: it is
    counted apart, never as definitive. A known value whose measurement
    stated no status is judged as definitive but counted as "status niet
    opgegeven", never called definitive.
    """
    known = [row for row in rows if row.evaluation is not None and row.evaluation.value is not None]
    # A measurement with no value (n.n.b.) still carries its data status; no measurement has none.
    unknown = sum(
        1
        for row in rows
        if row.evaluation is not None
        and row.evaluation.value is None
        and row.evaluation.data_status is not None
    )
    unstated = sum(1 for row in known if row.evaluation and not row.evaluation.status_given)
    provisional = sum(1 for row in known if row.provisional)
    definitive = len(known) - unstated - provisional
    if not known:
        sentence = _("Er zijn geen bekende waarden voor de verslagperiode.")
    elif unstated == len(known):
        sentence = ngettext(
            "Bij de {known} bekende waarde is de status niet opgegeven (voorlopig of definitief).",
            "Bij alle {known} bekende waarden is de status niet opgegeven"
            " (voorlopig of definitief).",
            len(known),
        ).format(known=len(known))
    elif provisional:
        sentence = ngettext(
            "{provisional} van de {known} bekende waarden is voorlopig;"
            " die kan nog worden herzien.",
            "{provisional} van de {known} bekende waarden zijn voorlopig;"
            " die kunnen nog worden herzien.",
            provisional,
        ).format(provisional=provisional, known=len(known))
    elif unstated:
        sentence = ngettext(
            "{definitive} van de {known} bekende waarden is definitief.",
            "{definitive} van de {known} bekende waarden zijn definitief.",
            definitive,
        ).format(definitive=definitive, known=len(known))
    else:
        sentence = ngettext(
            "De {known} bekende waarde is definitief.",
            "Alle {known} bekende waarden zijn definitief.",
            len(known),
        ).format(known=len(known))
    if unstated and unstated < len(known):
        sentence += " " + ngettext(
            "Bij {unstated} waarde is de status niet opgegeven.",
            "Bij {unstated} waarden is de status niet opgegeven.",
            unstated,
        ).format(unstated=unstated)
    if unknown:
        sentence += " " + ngettext(
            "{unknown} waarde is niet bekend.", "{unknown} waarden zijn niet bekend.", unknown
        ).format(unknown=unknown)
    return sentence


def _and(parts: Sequence[str]) -> str:
    """``a, b en c`` in the current language."""
    if len(parts) < 2:
        return "".join(parts)
    return _("{first} en {last}").format(first=", ".join(parts[:-1]), last=parts[-1])


def guide(run: Accountability, rows: Sequence[Row]) -> tuple[str, ...]:
    """The leeswijzer's sentences, naming only what the report holds."""
    period = run.period.dutch()
    if run.subject:
        opening = _("Dit rapport legt verantwoording af over {period} voor {subject}.").format(
            period=period, subject=run.subject
        )
    else:
        opening = _("Dit rapport legt verantwoording af over {period}.").format(period=period)
    facts = [_("de gemeten waarde")]
    if any(row.target for row in rows):
        facts.append(_("het doel"))
    if any(row.baseline for row in rows):
        facts.append(_("de nulmeting"))
    if any(row.references for row in rows):
        facts.append(_("referentiecijfers ({names})").format(names=", ".join(run.references)))
    if any(row.trend for row in rows):
        facts.append(_("de trend (waar geen doel is)"))
    facts.append(_("de bron"))
    if any(row.n for row in rows):
        facts.append(_("het aantal respondenten (n)"))
    sentences = [
        opening,
        _("Per thema staat elke indicator één keer, met {facts}.").format(facts=_and(facts)),
    ]
    if any(row.tags for row in rows):
        sentences.append(
            _("Hoort een indicator ook bij een ander thema, dan staat dat erbij als label.")
        )
    return tuple(sentences)
