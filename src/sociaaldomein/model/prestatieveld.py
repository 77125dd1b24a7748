"""The nine performance fields (prestatievelden) of the Wmo 2007.

The texts are the statutory ones: Wet maatschappelijke ondersteuning
(Stb. 2006, 351), article 1, first paragraph, under g, as published on
wetten.overheid.nl (BWBR0020031, in force 2007-2014). The Wmo 2015 dropped
the fields, but project records of that era are still classified by them.
"""

from __future__ import annotations

import difflib
import enum
import re
from collections.abc import Iterable

from sociaaldomein.errors import UnknownNameError
from sociaaldomein.text.language import N_, _

__all__ = ["Prestatieveld", "to_prestatievelden"]

_TEXTS = {
    1: "het bevorderen van sociale samenhang in en leefbaarheid van dorpen, wijken en buurten",
    2: "op preventie gerichte ondersteuning van jeugdigen met problemen met opgroeien"
    " en van ouders met problemen met opvoeden",
    3: "het geven van informatie, advies en cliëntondersteuning",
    4: "het ondersteunen van mantelzorgers en vrijwilligers",
    5: "het bevorderen van de deelname aan het maatschappelijk verkeer en van het zelfstandig"
    " functioneren van mensen met een beperking of een chronisch psychisch probleem"
    " en van mensen met een psychosociaal probleem",
    6: "het verlenen van voorzieningen aan mensen met een beperking of een chronisch psychisch"
    " probleem en aan mensen met een psychosociaal probleem ten behoeve van het behoud en"
    " het bevorderen van hun zelfstandig functioneren of hun deelname aan het"
    " maatschappelijk verkeer",
    7: "maatschappelijke opvang, waaronder vrouwenopvang",
    8: "het bevorderen van openbare geestelijke gezondheidszorg met uitzondering van het"
    " bieden van psychosociale hulp bij rampen",
    9: "het bevorderen van verslavingsbeleid",
}

# Short names for headings; the first is the one shown (translated where it is shown).
_NAMES = {
    1: (N_("sociale samenhang en leefbaarheid"), "sociale samenhang/leefbaarheid in wijk en buurt"),
    2: (N_("preventieve ondersteuning jeugd"), "jeugd en opvoeding"),
    3: (N_("informatie, advies en cliëntondersteuning"),),
    4: (N_("mantelzorgers en vrijwilligers"), "mantelzorg en vrijwilligerswerk"),
    5: (N_("deelname en zelfstandig functioneren"), "participatie van mensen met een beperking"),
    6: (N_("individuele voorzieningen"),),
    7: (N_("maatschappelijke opvang"), "vrouwenopvang"),
    8: (N_("openbare geestelijke gezondheidszorg"), "oggz"),
    9: (N_("verslavingsbeleid"),),
}

# Closeness (difflib ratio) above which a text counts as a spelling variant.
_MATCH_RATIO = 0.85
_LEADING_NUMBER = re.compile(r"^\s*(\d+)\s*[.)°:]?\s*")
_NOISE = re.compile(r"[^\w]+")


def _normalise(text: str) -> str:
    return " ".join(_NOISE.sub(" ", text.casefold()).split())


class Prestatieveld(enum.IntEnum):
    """One of the nine Wmo 2007 performance fields, numbered as in the act.

    ``Prestatieveld(4)`` looks up by number; :meth:`lookup` also accepts the
    statutory text or a short name as project records write them.
    """

    SOCIALE_SAMENHANG = 1
    JEUGD = 2
    INFORMATIE_ADVIES = 3
    MANTELZORG_VRIJWILLIGERS = 4
    DEELNAME = 5
    VOORZIENINGEN = 6
    MAATSCHAPPELIJKE_OPVANG = 7
    OGGZ = 8
    VERSLAVINGSBELEID = 9

    @property
    def text(self) -> str:
        """The statutory text of this field."""
        return _TEXTS[self.value]

    @property
    def short_name(self) -> str:
        """A short Dutch name for headings and tables."""
        return _NAMES[self.value][0]

    @classmethod
    def _missing_(cls, value: object) -> Prestatieveld:
        raise UnknownNameError(
            _("er is geen prestatieveld {value!r}; verwacht een getal van 1 t/m 9:").format(
                value=value
            )
            + "\n"
            + cls.listing()
        )

    @classmethod
    def listing(cls) -> str:
        """The nine fields, one ``number. text`` per line."""
        return "\n".join(f"  {field.value}. {field.text}" for field in cls)

    @classmethod
    def lookup(cls, key: int | str) -> Prestatieveld:
        """Find a field by number, statutory text or short name.

        Text may carry a leading number (``"1. het bevorderen ..."``), other
        case, spacing and punctuation, and small spelling differences such
        as ``maatschappelijke verkeer``. When a leading number and the text
        disagree, that is an error rather than a guess.

        :raises UnknownNameError: nothing matches; the message lists all nine.
        """
        if isinstance(key, int) and not isinstance(key, bool):
            return cls(key)
        if not isinstance(key, str):
            raise UnknownNameError(
                _("verwacht een nummer of tekst van een prestatieveld, gevonden {key!r}").format(
                    key=key
                )
            )
        number = None
        if match := _LEADING_NUMBER.match(key):
            number = int(match.group(1))
            key = key[match.end() :]
        wanted = _normalise(key)
        if not wanted:
            if number is not None:
                return cls(number)
            raise UnknownNameError(
                _("verwacht een prestatieveld, gevonden lege tekst:") + "\n" + cls.listing()
            )
        found = _match_text(wanted)
        if found is None:
            raise UnknownNameError(
                _("{key!r} is niet de tekst van een prestatieveld; verwacht een van:").format(
                    key=key.strip()
                )
                + "\n"
                + cls.listing()
            )
        if number is not None and number != found:
            raise UnknownNameError(
                _(
                    "prestatieveld nummer {number} past niet bij de tekst, die van prestatieveld"
                    " {found} is:"
                ).format(number=number, found=found.value)
                + "\n"
                + cls.listing()
            )
        return found


def _match_text(wanted: str) -> Prestatieveld | None:
    best, best_ratio = None, _MATCH_RATIO
    for field in Prestatieveld:
        for candidate in map(_normalise, (field.text, *_NAMES[field.value])):
            if wanted == candidate:
                return field
            ratio = difflib.SequenceMatcher(None, wanted, candidate).ratio()
            if ratio > best_ratio:
                best, best_ratio = field, ratio
    return best


def to_prestatievelden(values: Iterable[int | str | Prestatieveld]) -> tuple[Prestatieveld, ...]:
    """attrs converter: look up each of ``values`` with :meth:`Prestatieveld.lookup`."""
    return tuple(Prestatieveld.lookup(value) for value in values)
