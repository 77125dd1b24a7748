"""The language of every text a person reads: Dutch by default, English on request.

Texts are written in Dutch where they are made, wrapped in :func:`_` (or
:func:`ngettext` for a count); the Dutch text is the message id, so Dutch needs
no catalog. Other languages come from gettext catalogs in
``sociaaldomein/locale/<language>/LC_MESSAGES/sociaaldomein.mo``, compiled
from the ``.po`` files beside them (``make catalog``).

The language is, in this order: the one set with :func:`use_language` (the
command line's ``--lang``), the environment variable ``SOCIAALDOMEIN_LANG``,
the locale (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``), Dutch.

Placeholders are named: ``_("{n} bestanden gelezen").format(n=3)``, so a
translation may put them in another order. A text made at import time (a
module constant) is marked with :func:`N_` and translated where it is used,
since the language is not known at import.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import TYPE_CHECKING

from sociaaldomein.errors import InvalidValueError

if TYPE_CHECKING:
    import gettext as _gettext

__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "N_",
    "_",
    "choose_language",
    "current_language",
    "ngettext",
    "use_language",
]

DEFAULT_LANGUAGE = "nl"
#: The languages sociaaldomein speaks; the first is the one the texts are written in.
LANGUAGES = ("nl", "en")
ENVIRONMENT_VARIABLE = "SOCIAALDOMEIN_LANG"
_DOMAIN = "sociaaldomein"
_LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")

_chosen: ContextVar[str | None] = ContextVar("sociaaldomein_language", default=None)
_catalogs: dict[str, _gettext.NullTranslations] = {}
# The language the environment chose, by the values of its variables: _() asks for
# it on every text (reasons are worded a hundred thousand at a time), and reading
# os.environ key by key costs microseconds where a variable is unset.
_by_environment: dict[tuple[object, ...], str] = {}


def _known(code: str, origin: str) -> str:
    language = code.strip().lower().replace("-", "_").split("_")[0]
    if language not in LANGUAGES:
        # In Dutch, the default: there is no valid language to translate it into.
        raise InvalidValueError(
            N_("{origin}: taal {code!r} is onbekend; kies uit {choices}").format(
                origin=origin, code=code, choices=", ".join(LANGUAGES)
            )
        )
    return language


def choose_language(requested: str | None = None) -> str:
    """The language to use: ``requested``, else ``SOCIAALDOMEIN_LANG``, else the locale.

    An unknown ``requested`` or ``SOCIAALDOMEIN_LANG`` is an
    :class:`~sociaaldomein.InvalidValueError`; a locale in another language
    (or ``C``) means Dutch.
    """
    if requested:
        return _known(requested, "--lang")
    if setting := os.environ.get(ENVIRONMENT_VARIABLE, "").strip():
        return _known(setting, ENVIRONMENT_VARIABLE)
    for variable in _LOCALE_VARIABLES:
        if value := os.environ.get(variable, ""):
            # LANGUAGE may list several ("en_GB:nl"); the first one we speak wins.
            for part in value.split(":"):
                language = part.split(".")[0].split("_")[0].lower()
                if language in LANGUAGES:
                    return language
            break
    return DEFAULT_LANGUAGE


@functools.cache
def _reader() -> tuple[Callable[[object], object], tuple[object, ...]] | None:
    """``get`` of ``os.environ``'s own dict, and the variables' keys in it; None elsewhere.

    The dict is the one os.environ keeps in step with every change (CPython).
    """
    data, encode = getattr(os.environ, "_data", None), getattr(os.environ, "encodekey", None)
    if not isinstance(data, dict) or encode is None:
        return None
    return data.get, tuple(encode(name) for name in (ENVIRONMENT_VARIABLE, *_LOCALE_VARIABLES))


def _from_environment() -> str:
    """:func:`choose_language` for the environment as it is now, looked up by its values.

    The variables are read on every call, so a change of the environment is
    seen at once; only the choice made from the same values is kept.
    """
    reader = _reader()
    if reader is None:  # not CPython's os.environ
        return choose_language()
    get, keys = reader
    setting = get(keys[0])
    values = (setting,) if setting else tuple(map(get, keys))
    language = _by_environment.get(values)
    if language is None:
        language = choose_language()  # an unknown SOCIAALDOMEIN_LANG raises, and is not kept
        if len(_by_environment) > 64:
            _by_environment.clear()
        _by_environment[values] = language
    return language


def current_language() -> str:
    """The language texts are made in now (see the module's documentation)."""
    return _chosen.get() or _from_environment()


@contextmanager
def use_language(code: str | None) -> Iterator[str]:
    """Make texts in ``code`` (``"nl"`` or ``"en"``) inside the ``with`` block.

    ``None`` chooses as :func:`choose_language` does. Yields the language chosen.
    """
    language = choose_language(code)
    token = _chosen.set(language)
    try:
        yield language
    finally:
        _chosen.reset(token)


def _catalog(language: str) -> _gettext.NullTranslations | None:
    if language == DEFAULT_LANGUAGE:
        return None
    if language not in _catalogs:
        import gettext

        folder = Path(__file__).resolve().parent.parent / "locale"
        _catalogs[language] = gettext.translation(_DOMAIN, folder, languages=[language])
    return _catalogs[language]


def _(message: str) -> str:
    """``message`` (Dutch) in the current language."""
    catalog = _catalog(_chosen.get() or _from_environment())
    return message if catalog is None else catalog.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of ``singular``/``plural`` (Dutch) for ``count``, in the current language."""
    catalog = _catalog(_chosen.get() or _from_environment())
    if catalog is None:
        return singular if count == 1 else plural
    return catalog.ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Mark ``message`` for the catalog without translating it (translate it where used)."""
    return message
