"""Names that look alike but are not the same text: invisible characters and mixed scripts.

A subject ``Assen`` typed once with a Cyrillic A (U+0410) or with a
zero-width space after it becomes a second subject: its measurements are
judged apart and the report shows two rows that read the same. Such a
spelling is not an error (a name may be written in any script), but it is
never to pass without a word: :func:`odd_spellings` says which names hold
an invisible character or mix scripts, and which of them read the same as
another name given.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

import attrs

from sociaaldomein.text.language import _

__all__ = ["OddSpelling", "describe_character", "odd_spellings", "skeleton"]

#: Letters of other scripts that a reader takes for a Latin letter (Cyrillic,
#: then Greek), as code points so that this file shows no look-alike itself.
_CONFUSABLE = str.maketrans(
    "\u0410\u0412\u0415\u041a\u041c\u041d\u041e\u0420"
    "\u0421\u0422\u0425\u0405\u0406\u0408\u04ae\u051a"
    "\u051c\u0430\u0435\u043e\u0440\u0441\u0443\u0445"
    "\u0455\u0456\u0458\u0501\u04bb\u051b\u051d\u04cf"
    "\u0475\u04af\u0391\u0392\u0395\u0396\u0397\u0399"
    "\u039a\u039c\u039d\u039f\u03a1\u03a4\u03a5\u03a7"
    "\u03bf\u03bd\u03b9\u03ba\u03b1\u03c1\u03c4\u03c5"
    "\u03c7",
    "ABEKMHOPCTXSIJYQWaeopcyxsijdhqwlvyABEZHIKMNOPTYXovikaptux",
)
_SCRIPT_NAMES = {"LATIN": "Latijn", "CYRILLIC": "Cyrillisch", "GREEK": "Grieks"}


def _invisible(character: str) -> bool:
    """A character a reader does not see: a format or control character, or an odd space."""
    category = unicodedata.category(character)
    return category in ("Cf", "Cc", "Co", "Cn") or (category == "Zs" and character != " ")


def _script(character: str) -> str | None:
    """The script of a letter by its Unicode name (``LATIN``, ``CYRILLIC``); None for others."""
    if not character.isalpha():
        return None
    name = unicodedata.name(character, "")
    return name.split(" ", 1)[0] if name else None


def skeleton(name: str) -> str:
    """What ``name`` reads as: compatibility-normalised, invisible characters left out,
    look-alike letters of other scripts as their Latin letter, spaces collapsed.

    Two names with one skeleton read the same on screen and on paper.
    """
    text = unicodedata.normalize("NFKC", name)
    text = "".join(" " if _invisible(c) and c.isspace() else c for c in text)
    text = "".join(c for c in text if not _invisible(c)).translate(_CONFUSABLE)
    return " ".join(unicodedata.normalize("NFC", text).split())


def describe_character(character: str) -> str:
    """``U+0410 CYRILLIC CAPITAL LETTER A``: a character a reader may not see, by its code."""
    name = unicodedata.name(character, "")
    return f"U+{ord(character):04X}" + (f" {name}" if name else "")


@attrs.frozen
class OddSpelling:
    """A name that holds what a reader cannot see, or that reads as another name given.

    :param name: the name as given.
    :param characters: the characters that make it odd (invisible ones, and
        letters of a script other than the name's main one).
    :param scripts: the scripts its letters mix, in Dutch (``Latijn``, ``Cyrillisch``); one or none
        when it does not mix them.
    :param twin: another name given that reads the same (the same skeleton), if any.
    """

    name: str
    characters: tuple[str, ...]
    scripts: tuple[str, ...]
    twin: str | None

    def describe(self) -> str:
        """What is odd, in Dutch, every character named by its code."""
        parts = []
        invisible = [c for c in self.characters if _invisible(c)]
        if invisible:
            parts.append(
                _("bevat onzichtbare tekens: {characters}").format(
                    characters=", ".join(map(describe_character, invisible))
                )
            )
        if len(self.scripts) > 1:
            others = [c for c in self.characters if not _invisible(c)]
            parts.append(
                _("mengt schriften ({scripts}): {characters}").format(
                    scripts=", ".join(self.scripts),
                    characters=", ".join(map(describe_character, others)),
                )
            )
        if not parts and self.characters:
            parts.append(
                _("verschilt alleen in tekens die er hetzelfde uitzien: {characters}").format(
                    characters=", ".join(map(describe_character, self.characters))
                )
            )
        if not parts:
            parts.append(_("verschilt alleen in spaties"))
        return "; ".join(parts)


def _odd_characters(name: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    scripts: dict[str, int] = {}
    for character in name:
        script = _script(character)
        if script is not None:
            scripts[script] = scripts.get(script, 0) + 1
    main = max(scripts, key=lambda s: (s == "LATIN", scripts[s])) if scripts else None
    odd = [
        c
        for c in name
        if _invisible(c) or (_script(c) not in (None, main)) or c.translate(_CONFUSABLE) != c
    ]
    if main != "LATIN" and len(scripts) <= 1:
        # In a Latin name a look-alike letter is what is odd; in a wholly
        # Cyrillic or Greek name its letters are simply that script's.
        odd = [c for c in odd if _invisible(c)]
    named = tuple(_SCRIPT_NAMES.get(s, s.capitalize()) for s in sorted(scripts))
    return tuple(dict.fromkeys(odd)), named


def odd_spellings(names: Iterable[str]) -> list[OddSpelling]:
    """The names that hold invisible characters or mix scripts, or that read as another name.

    A name is odd when it holds an invisible character (zero-width space,
    a bidirectional control, a non-breaking space) or when its letters mix
    scripts (a Cyrillic A, U+0410, in ``Assen``); its twin is another of
    ``names`` that reads the same (:func:`skeleton`), if any. Of two plain
    names that read the same (``Súdwest`` composed and decomposed, two
    spaces for one) the later is odd, with the first as its twin. Plain
    names of one script that read as no other are never odd.
    """
    given = list(dict.fromkeys(names))
    groups: dict[str, list[str]] = {}
    for name in given:
        groups.setdefault(skeleton(name), []).append(name)
    odd = {name: _odd_characters(name) for name in given}

    def is_odd(name: str) -> bool:
        characters, scripts = odd[name]
        return bool(characters) or len(scripts) > 1

    found = []
    for name in given:
        characters, scripts = odd[name]
        group = groups[skeleton(name)]
        twins = [other for other in group if other != name]
        if is_odd(name):
            plain = [twin for twin in twins if not is_odd(twin)]
            twin = (plain or twins)[0] if twins else None
            found.append(OddSpelling(name, characters, scripts, twin))
        elif twins and group[0] != name and not any(map(is_odd, twins)):
            differing = tuple(dict.fromkeys(c for c in name if c not in group[0]))
            found.append(OddSpelling(name, differing, scripts, group[0]))
    return found
