"""Did-you-mean: the known name closest to one that is not known.

One function for every "bedoelde u ...?" a message makes (columns, set ids,
subjects, indicators), so that they all match the same way: case and
surrounding space do not count, and a name is only suggested when it is
close enough to be the one meant.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

__all__ = ["suggest"]

# difflib's ratio: 0.6 is its own default; below it, the suggestion is more often wrong than not.
_CUTOFF = 0.6


def suggest(name: str, known: Iterable[str]) -> str | None:
    """The name in ``known`` that ``name`` most likely meant, or ``None``.

    Compared without regard to case or surrounding space, so ``"Gemeentee"``
    suggests ``"gemeente"``; a name that differs from a known one only in case
    suggests that one. The name returned is spelled as it is in ``known``.
    """
    options = list(dict.fromkeys(known))
    folded = " ".join(name.split()).casefold()
    by_fold: dict[str, str] = {}
    for option in options:
        by_fold.setdefault(" ".join(option.split()).casefold(), option)
    if folded in by_fold and by_fold[folded] != name:
        return by_fold[folded]
    close = difflib.get_close_matches(folded, list(by_fold), n=1, cutoff=_CUTOFF)
    if not close or by_fold[close[0]] == name:
        return None
    return by_fold[close[0]]
