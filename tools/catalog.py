"""Keep the message catalogs in step with the code: ``make catalog``.

Extracts every text wrapped in ``_()``, ``ngettext()`` or ``N_()`` (and the
templates' ``{% trans %}`` blocks) with Babel, adds the new ones to each
language's ``.po`` with an empty translation, drops the ones no longer used,
writes the ``.po`` sorted by msgid without locations (so that two branches
adding texts rarely touch the same lines), and compiles the ``.mo`` that
:mod:`sociaaldomein.text.language` reads. ``--check`` changes nothing and
exits 1 when a text has no translation or a ``.mo`` is stale.
"""

from __future__ import annotations

import argparse
import io
import sys
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "src" / "sociaaldomein" / "locale"
DOMAIN = "sociaaldomein"
#: Every language but Dutch, the language the msgids are written in.
LANGUAGES = ("en",)
_EPOCH = datetime(2026, 1, 1, tzinfo=UTC)


def extracted() -> dict[str | tuple[str, str], list[str]]:
    """Every msgid in the code, with the files that use it."""
    with open(ROOT / "babel.cfg", encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config)
    found: dict[str | tuple[str, str], list[str]] = {}
    for filename, _line, message, _comments, _context in extract_from_dir(
        ROOT, method_map, options_map
    ):
        key = message if isinstance(message, str) else (message[0], message[1])
        found.setdefault(key, []).append(filename)
    return found


def po_path(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalog(language: str) -> Catalog:
    with open(po_path(language), "rb") as file:
        return read_po(file, locale=language, domain=DOMAIN)


def compiled(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


def update(language: str, found: dict[str | tuple[str, str], list[str]]) -> Catalog:
    old = read_catalog(language)
    # A fixed header: dates or names in it would change the file on every run.
    new = Catalog(
        locale=language,
        domain=DOMAIN,
        header_comment=old.header_comment,
        project="sociaaldomein",
        version="",
        creation_date=_EPOCH,
        revision_date=_EPOCH,
        last_translator="",
        language_team="",
        fuzzy=False,
    )
    for key in sorted(found, key=lambda k: k if isinstance(k, str) else k[0]):
        previous = old.get(key if isinstance(key, str) else key[0])
        string = (
            previous.string if previous is not None else ("", "") if isinstance(key, tuple) else ""
        )
        new.add(key, string)
    return new


def entries(catalog: Catalog) -> dict[object, object]:
    """The catalog's msgids and translations (its header left out).

    A plural entry's id and forms are tuples: a .po gives them so, a .mo as lists.
    """

    def same(text: object) -> object:
        return tuple(text) if isinstance(text, list | tuple) else text

    return {same(m.id): same(m.string) for m in catalog if m.id}


def _read_mo(path: Path) -> Catalog:
    with open(path, "rb") as file:
        return read_mo(file)


def missing(catalog: Catalog) -> list[str]:
    """The msgids with an empty translation (any plural form empty counts)."""
    forms = (m.string if isinstance(m.string, tuple) else (m.string,) for m in catalog if m.id)
    ids = [str(m.id) for m in catalog if m.id]
    return [msgid for msgid, strings in zip(ids, forms, strict=True) if not all(strings)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="change nothing; exit 1 when out of step"
    )
    args = parser.parse_args()
    found = extracted()
    status = 0
    for language in LANGUAGES:
        catalog = update(language, found)
        mo = po_path(language).with_suffix(".mo")
        po = io.BytesIO()
        write_po(po, catalog, width=100, omit_header=False, no_location=True)
        if args.check:
            # Entries, not bytes: the header names Babel's version, which may differ.
            on_disk = read_catalog(language)
            stale = entries(catalog) != entries(on_disk) or (
                not mo.exists() or entries(_read_mo(mo)) != entries(on_disk)
            )
            if stale:
                print(f"{language}: catalog out of step with the code; run make catalog")
                status = 1
        else:
            po_path(language).write_bytes(po.getvalue())
            mo.write_bytes(compiled(catalog))
        for msgid in missing(catalog):
            print(f"{language}: no translation for {msgid!r}")
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
