"""What an error says about a name that is not known: the closest known names, and a short list.

Every lookup of a name (a set id, a subject, an indicator, a taxonomy, a
source, a measurement type) that fails says it through :func:`unknown_name`,
so that a typo gets the same "bedoelde u 'drenthe'?" everywhere, and a list
of known names stays short (:func:`listed`). ``tests/test_suggestions.py``
enumerates the lookups.
"""

from __future__ import annotations

from collections.abc import Iterable

from sociaaldomein.text.language import _

__all__ = ["LISTED", "closest", "did_you_mean", "listed", "unknown_name"]

#: How many names a message lists before it gives the count of the rest.
LISTED = 10
#: How alike (difflib's ratio, 0 to 1) a known name must be to be suggested.
_CUTOFF = 0.6
#: How many names a suggestion offers at most.
_OFFERED = 3
#: A second name is offered only when it is (nearly) as alike as the best one.
_SPREAD = 0.05


def closest(name: str, known: Iterable[str], *, limit: int = _OFFERED) -> list[str]:
    """The known names most like ``name``, best first; ``[]`` when none is close.

    A name that differs only in case comes first (``assen`` for ``Assen``);
    then the names most alike by difflib's ratio, compared without case: the
    best, and others only where they are about as alike (so that a shared
    prefix such as ``wmo.`` does not bring in names that merely start alike).
    """
    import difflib  # here: most runs never look a name up wrongly

    folded: dict[str, list[str]] = {}
    for candidate in dict.fromkeys(known):
        folded.setdefault(candidate.casefold(), []).append(candidate)
    wanted = name.casefold()
    found = [c for c in folded.get(wanted, []) if c != name]
    matcher = difflib.SequenceMatcher(b=wanted, autojunk=False)
    scored = []
    for key in folded:
        matcher.set_seq1(key)
        if matcher.real_quick_ratio() >= _CUTOFF and matcher.quick_ratio() >= _CUTOFF:
            ratio = matcher.ratio()
            if ratio >= _CUTOFF:
                scored.append((ratio, key))
    scored.sort(key=lambda item: (-item[0], item[1]))
    best = scored[0][0] if scored else 0.0
    for ratio, key in scored:
        if ratio >= best - _SPREAD:
            found += [c for c in folded[key] if c != name and c not in found]
    return found[:limit]


def _one_of(names: list[str]) -> str:
    quoted = [repr(name) for name in names]
    if len(quoted) == 1:
        return quoted[0]
    return _("{names} of {last}").format(names=", ".join(quoted[:-1]), last=quoted[-1])


def did_you_mean(name: str, known: Iterable[str]) -> str:
    """``bedoelde u 'drenthe'?`` in the current language; ``""`` when nothing is close."""
    found = closest(name, known)
    return _("bedoelde u {names}?").format(names=_one_of(found)) if found else ""


def listed(names: Iterable[str], *, limit: int = LISTED) -> str:
    """The first ``limit`` of ``names`` joined by commas, and how many more: readable at any size.

    ``(geen)`` when there are none. Shortened only when more than one name
    would be left out: "en 1 meer" takes the place of the name it hides.
    """
    every = list(names)
    if not every:
        return _("(geen)")
    rest = len(every) - limit
    if rest <= 1:
        return ", ".join(every)
    shown = ", ".join(every[:limit])
    return _("{names} en {count} meer").format(names=shown, count=rest)


def unknown_name(message: str, name: str, known: Iterable[str], *, known_as: str = "") -> str:
    """``message`` about the unknown ``name``, with what it may have meant.

    :param message: what is wrong, in the current language ("er is geen set 'drenthee'").
    :param known: the names that would have been found.
    :param known_as: a heading to list the known names under ("bekende sets");
        empty: they are not listed (an error repeated per line of a file names
        only the suggestion, never the whole list).
    :returns: such as "er is geen set 'drenthee'; bedoelde u 'drenthe'? (bekende sets: ...)".
    """
    names = list(known)
    parts = [message]
    if suggestion := did_you_mean(name, names):
        parts.append(suggestion)
    text = "; ".join(parts)
    if known_as:
        text += f" ({known_as}: {listed(names)})"
    return text
