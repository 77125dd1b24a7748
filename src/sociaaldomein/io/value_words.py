"""What a TOML value is, in words: the converter's messages name what they found."""

from __future__ import annotations

from sociaaldomein.text.language import N_, _

__all__ = ["TYPE_NAMES", "found"]

#: What a plain field expects, by its Python type (translated where used).
TYPE_NAMES = {
    str: N_("tekst"),
    int: N_("een geheel getal"),
    bool: N_("true of false"),
    float: N_("een getal"),
}
_KINDS = {
    bool: N_("een boolean"),
    int: N_("een geheel getal"),
    float: N_("een getal"),
    str: N_("tekst"),
    list: N_("een lijst"),
    dict: N_("een tabel"),
}


def found(value: object) -> str:
    """What ``value`` is and how it reads, shortened: ``tekst 'veel'``."""
    named = _KINDS.get(type(value))
    kind = type(value).__name__ if named is None else _(named)
    shown = repr(value)
    return f"{kind} {shown if len(shown) <= 40 else shown[:37] + '...'}"
