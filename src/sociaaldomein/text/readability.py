"""How easy a Dutch text is to read: the Flesch-Douma score, with a syllable counter of our own.

The score is Douma's adaptation of Flesch's Reading Ease to Dutch:

    206.835 - 0.93 * (words / sentences) - 77 * (syllables / words)

Source: W.H. Douma (1960), *De leesbaarheid van landbouwbladen: een
onderzoek naar en een toepassing van leesbaarheidsformules*, Bulletin 17,
Afdeling Sociologie en Sociografie, Landbouwhogeschool Wageningen (the
constants 0.93 and 77 replace Flesch's 1.015 and 84.6 for Dutch words,
which are longer). 60-70 reads as plain language, below 30 as academic.

Syllables are counted as groups of vowels (``ie``, ``oe``, ``aai`` are one),
a vowel with a trema (``ë``, ``ï``) starting a new one, as Dutch
hyphenation does; a number counts as the words it is read aloud as.
"""

from __future__ import annotations

import re

from sociaaldomein.text.language import _

__all__ = ["Readability", "count_syllables", "flesch_douma", "readability"]

_VOWEL_GROUP = re.compile(r"[aeiouyàáâèéêìíîòóôùúûäöüëïÿ]+")
_TREMA = "äëïöüÿ"
_JOINERS = "'\u2019-"  # an apostrophe (straight or curly) or a hyphen joins parts of one word
_WORD = re.compile(rf"[^\W_]+(?:[{_JOINERS}][^\W_]+)*")
_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)")
_UNITS = ("", "een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen")
_TEENS = (
    "tien", "elf", "twaalf", "dertien", "veertien",
    "vijftien", "zestien", "zeventien", "achttien", "negentien",
)  # fmt: skip
_TENS = (
    "", "", "twintig", "dertig", "veertig", "vijftig", "zestig", "zeventig", "tachtig", "negentig",
)  # fmt: skip


def _spoken(number: int) -> str:
    """``number`` as it is read aloud in Dutch (for counting syllables only)."""
    if number < 10:
        return _UNITS[number] or "nul"
    if number < 20:
        return _TEENS[number - 10]
    if number < 100:
        tens, unit = divmod(number, 10)
        return (f"{_UNITS[unit]}en" if unit else "") + _TENS[tens]
    if number < 1000:
        hundreds, rest = divmod(number, 100)
        return (
            (_UNITS[hundreds] if hundreds > 1 else "") + "honderd" + (_spoken(rest) if rest else "")
        )
    if number < 1_000_000:
        thousands, rest = divmod(number, 1000)
        return (
            (_spoken(thousands) if thousands > 1 else "")
            + "duizend"
            + (_spoken(rest) if rest else "")
        )
    return " ".join(_spoken(int(digit)) for digit in str(number))  # read digit by digit


def count_syllables(word: str) -> int:
    """The syllables of one Dutch word (at least 1); digits count as the number read aloud."""
    if word.isdigit():
        return count_syllables(_spoken(int(word)))
    count = 0
    for group in _VOWEL_GROUP.findall(word.lower()):
        # A trema splits a group: "cliënt" is cli-ënt, "geïnd" ge-ïnd.
        count += 1 + sum(1 for index, char in enumerate(group) if char in _TREMA and index > 0)
    return max(count, 1)


class Readability:
    """Counts of a text and its Flesch-Douma score."""

    def __init__(self, sentences: int, words: int, syllables: int) -> None:
        self.sentences = sentences
        self.words = words
        self.syllables = syllables

    @property
    def score(self) -> float:
        """206.835 - 0.93 * words per sentence - 77 * syllables per word."""
        if not self.words:
            raise ValueError(_("een tekst zonder woorden heeft geen leesbaarheidsscore"))
        return (
            206.835
            - 0.93 * (self.words / max(self.sentences, 1))
            - 77 * (self.syllables / self.words)
        )

    def __repr__(self) -> str:
        return (
            f"Readability(sentences={self.sentences}, words={self.words},"
            f" syllables={self.syllables}, score={self.score:.1f})"
        )


def readability(text: str) -> Readability:
    """Sentences, words and syllables of ``text``.

    A sentence ends with ``.``, ``!`` or ``?`` before a space or the end (so
    ``42,5`` and ``t.o.v.`` inside a sentence do not end it); a last sentence
    without a full stop counts too.
    """
    words = _WORD.findall(text)
    parts = [part for part in _SENTENCE_END.split(text) if _WORD.search(part)]
    pieces = (piece for word in words for piece in re.split(f"[{_JOINERS}]", word) if piece)
    syllables = sum(count_syllables(piece) for piece in pieces)
    return Readability(len(parts), len(words), syllables)


def flesch_douma(text: str) -> float:
    """The Flesch-Douma score of a Dutch text: higher is easier (60 and more: plain language).

    :raises ValueError: the text has no words.
    """
    return readability(text).score
