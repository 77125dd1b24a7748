"""Summaries for residents in plain Dutch (B1): per theme, short sentences made from the results.

:func:`plain_summaries` sums up each section of the report model: a lead
(how many goals the theme has, how many were reached) and per indicator a
few short sentences about its verdict, value and target. Jargon becomes
plain words through the word list in ``plain_words.toml`` (see
:func:`plain_words`), so "maatwerkvoorziening" reads "hulp op maat". Where
the measurement carries the municipality's own toelichting, that text is
shown instead of the made one: the municipality's words win.

Nothing is evaluated here; the sentences come from the rows' verdicts.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping

from sociaaldomein.core.evaluation import Status
from sociaaldomein.render.model import PlainLine, PlainSummary, Row, Section
from sociaaldomein.text.language import N_, _, current_language, ngettext

__all__ = ["plain_line", "plain_summaries", "plain_words", "plainer"]

# One short sentence per verdict: B1 asks for sentences of at most about 15 words.
_VERDICT = {
    Status.MET: N_("Dit doel is gehaald."),
    Status.WITHIN_TOLERANCE: N_(
        "Dit doel is net niet gehaald. Toch is het goed genoeg. Dat was zo van tevoren afgesproken."
    ),
    Status.NOT_MET: N_("Dit doel is niet gehaald."),
    Status.NO_DATA: N_("Er zijn nog geen cijfers over {period}."),
    Status.NOT_ASSESSED: N_("Hier is geen doel voor. Er is dus geen oordeel."),
}


@functools.cache
def plain_words() -> Mapping[str, str]:
    """The word list: jargon (lower case) and its plain words, from ``plain_words.toml``."""
    import tomllib
    from importlib.resources import files

    text = (files("sociaaldomein.render") / "plain_words.toml").read_text("utf-8")
    return {key.lower(): value for key, value in tomllib.loads(text)["words"].items()}


@functools.cache
def _pattern() -> re.Pattern[str]:
    # Longest first: "algemene voorziening" before "voorziening".
    keys = sorted(plain_words(), key=len, reverse=True)
    return re.compile(
        r"(?<![\w-])(" + "|".join(re.escape(key) for key in keys) + r")(?![\w-])", re.IGNORECASE
    )


def plainer(text: str) -> str:
    """``text`` with every word of the word list replaced by its plain words.

    A replacement starts with a capital where the word it replaces did. The
    word list is Dutch: in another language the text is kept as it is.
    """
    if current_language() != "nl":
        return text
    words = plain_words()

    def swap(found: re.Match[str]) -> str:
        plain = words[found[1].lower()]
        return plain[:1].upper() + plain[1:] if found[1][:1].isupper() else plain

    return _pattern().sub(swap, text)


def plain_line(row: Row, period: str) -> PlainLine:
    """One indicator in plain Dutch: its verdict, its value and its target, in short sentences.

    :param period: the reporting period in Dutch, for "no figures over ...".
    """
    status = row.status.status
    sentences = [_(_VERDICT[status]).format(period=period)]
    if row.value:
        if row.period:
            sentences.append(
                _("In {period} was de uitkomst {value}.").format(period=row.period, value=row.value)
            )
        else:
            sentences.append(_("Nu is de uitkomst {value}.").format(value=row.value))
    if row.target and status is not Status.NOT_ASSESSED:
        sentences.append(_("Het doel was {target}.").format(target=row.target))
    if row.provisional:
        sentences.append(_("Dit cijfer is nog niet zeker. Het kan nog veranderen."))
    generated = plainer(" ".join(sentences))
    own = " ".join(row.note.split())
    return PlainLine(
        indicator=row.indicator.id,
        anchor=row.anchor,
        name=plainer(row.name),
        status=row.status,
        text=own or generated,
        generated=generated,
        own=bool(own),
    )


def _lead(rows: Iterable[Row]) -> str:
    """The theme's counts: its doelen (indicators with a target) and how they went.

    An indicator without a target is no doel: it is counted apart, as a
    figure that is only followed.
    """
    shown = list(rows)
    goals = [row.status.status for row in shown if row.target]
    others = len(shown) - len(goals)
    met = goals.count(Status.MET)
    enough = goals.count(Status.WITHIN_TOLERANCE)
    missing = goals.count(Status.NO_DATA)
    judged = sum(1 for status in goals if status is not Status.NOT_ASSESSED)
    sentences = []
    if goals:
        sentences.append(
            ngettext(
                "Bij dit thema hoort {n} doel.", "Bij dit thema horen {n} doelen.", len(goals)
            ).format(n=len(goals))
        )
    if judged:
        sentences.append(
            ngettext(
                "Er is er {met} van {judged} gehaald.",
                "Er zijn er {met} van {judged} gehaald.",
                met,
            ).format(met=met, judged=judged)
        )
    if enough:
        sentences.append(
            _("Bij {n} is het net niet gehaald, maar wel goed genoeg.").format(n=enough)
        )
    if missing:
        sentences.append(_("Van {n} zijn er nog geen cijfers.").format(n=missing))
    if others and goals:
        sentences.append(
            ngettext(
                "Ook hoort er {n} cijfer zonder doel bij.",
                "Ook horen er {n} cijfers zonder doel bij.",
                others,
            ).format(n=others)
        )
    elif others:
        sentences.append(
            ngettext(
                "Bij dit thema hoort {n} cijfer zonder doel.",
                "Bij dit thema horen {n} cijfers zonder doel.",
                others,
            ).format(n=others)
        )
    return " ".join(sentences)


def plain_summaries(sections: Iterable[Section], period: str) -> tuple[PlainSummary, ...]:
    """Per section of the report, its summary for residents (sections without rows are left out).

    :param period: the reporting period in Dutch.
    """
    return tuple(
        PlainSummary(
            anchor=section.anchor,
            title=plainer(section.title),
            lead=_lead(section.rows),
            lines=tuple(plain_line(row, period) for row in section.rows),
        )
        for section in sections
        if section.rows
    )
