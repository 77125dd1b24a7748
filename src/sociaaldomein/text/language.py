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

import os
from collections.abc import Iterator
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


def current_language() -> str:
    """The language texts are made in now (see the module's documentation)."""
    return _chosen.get() or choose_language()


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
    catalog = _catalog(_chosen.get() or choose_language())
    return message if catalog is None else catalog.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of ``singular``/``plural`` (Dutch) for ``count``, in the current language."""
    catalog = _catalog(_chosen.get() or choose_language())
    if catalog is None:
        return singular if count == 1 else plural
    return catalog.ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Mark ``message`` for the catalog without translating it (translate it where used)."""
    return message
