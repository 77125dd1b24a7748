"""The language layer: Dutch texts in the code, English from the catalog, and the choice.

tools/catalog.py keeps the catalog in step; these tests fail when it is not run.
"""

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sociaaldomein.errors import InvalidValueError
from sociaaldomein.text import language
from sociaaldomein.text.language import _, choose_language, current_language, ngettext, use_language

ROOT = Path(__file__).resolve().parent.parent


def _tool():
    spec = importlib.util.spec_from_file_location("catalog_tool", ROOT / "tools" / "catalog.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def tool():
    return _tool()


@pytest.fixture(scope="module")
def found(tool):
    return tool.extracted()


@pytest.fixture(scope="module")
def english(tool):
    return tool.read_catalog("en")


def test_every_text_in_the_code_has_an_english_translation(tool, found, english):
    untranslated = [
        f"{msgid!r} (in {', '.join(sorted(set(files)))})"
        for msgid, files in found.items()
        if not (entry := english.get(msgid if isinstance(msgid, str) else msgid[0]))
        or not all(entry.string if isinstance(entry.string, tuple) else [entry.string])
    ]
    assert untranslated == [], "run `make catalog` and translate:\n" + "\n".join(untranslated)


def test_the_catalog_holds_no_text_the_code_no_longer_uses(found, english):
    used = {msgid if isinstance(msgid, str) else msgid[0] for msgid in found}
    # A plural entry's id is its (singular, plural) pair; the singular is what the code names.
    unused = [
        str(m.id)
        for m in english
        if m.id and (m.id if isinstance(m.id, str) else m.id[0]) not in used
    ]
    assert unused == [], "run `make catalog`"


def test_the_compiled_catalog_is_the_one_written(tool, english):
    mo = tool.po_path("en").with_suffix(".mo")
    assert tool.entries(tool._read_mo(mo)) == tool.entries(english), "run `make catalog`"


_PLACEHOLDER = re.compile(r"(?<!\{)\{([a-z_][a-z0-9_]*)[^{}]*\}")


def test_a_translation_keeps_every_placeholder_of_its_text(english):
    wrong = []
    for message in english:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set().union(*(_PLACEHOLDER.findall(text) for text in ids))
        for text in strings:
            if set(_PLACEHOLDER.findall(text)) != wanted:
                wrong.append(f"{ids[0]!r} -> {text!r}")
    assert wrong == []


def test_a_placeholder_is_named_never_positional(found):
    positional = [msgid for msgid in found if re.search(r"\{\d*\}|%[sdr]", str(msgid))]
    assert positional == []


def test_dutch_is_the_text_itself_and_english_comes_from_the_catalog():
    text = "sociaaldomein: afgebroken (Ctrl-C); wat al geschreven was, is heel"
    with use_language("nl"):
        assert _(text) == text
    with use_language("en"):
        assert _(text).startswith("sociaaldomein: stopped")


@given(st.integers(min_value=-3, max_value=10**12))
def test_plural_forms_follow_the_count(count):
    with use_language("nl"):
        assert ngettext("{n} bestand", "{n} bestanden", count) == (
            "{n} bestand" if count == 1 else "{n} bestanden"
        )


def test_the_language_is_chosen_by_option_then_setting_then_locale(monkeypatch):
    for variable in ("SOCIAALDOMEIN_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(variable, raising=False)
    assert choose_language() == "nl"
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    assert choose_language() == "en"
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert choose_language() == "nl", "a locale in no language we speak means Dutch"
    monkeypatch.setenv("LANGUAGE", "de:en_US")
    assert choose_language() == "en"
    monkeypatch.setenv("SOCIAALDOMEIN_LANG", "nl")
    assert choose_language() == "nl"
    assert choose_language("en") == "en"
    assert choose_language("EN-gb") == "en"


@pytest.mark.parametrize(("requested", "setting"), [("de", None), (None, "fr")])
def test_an_unknown_language_is_refused_with_the_choices(monkeypatch, requested, setting):
    if setting:
        monkeypatch.setenv("SOCIAALDOMEIN_LANG", setting)
    with pytest.raises(InvalidValueError, match="kies uit nl, en"):
        choose_language(requested)


def test_use_language_restores_the_language_before_it():
    with use_language("en"):
        with use_language("nl"):
            assert current_language() == "nl"
        assert current_language() == "en"
    assert current_language() == "nl"


def test_the_catalog_is_read_once_and_only_for_another_language():
    language._catalogs.clear()
    with use_language("nl"):
        _("x")
    assert language._catalogs == {}
    with use_language("en"):
        _("x")
        _("y")
    assert list(language._catalogs) == ["en"]


def _cli(*arguments, env=None):
    return subprocess.run(
        [sys.executable, "-m", "sociaaldomein", *arguments],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


@pytest.mark.parametrize(
    ("arguments", "wanted"),
    [
        (("--help",), "taal van wat u leest"),
        (("--lang", "en", "--help"), "language of what you read"),
        (("sets", "--lang=en", "--help"), "language of what you read"),
    ],
)
def test_the_command_line_speaks_the_language_asked_for_anywhere_on_the_line(arguments, wanted):
    result = _cli(*arguments)
    assert result.returncode == 0, result.stderr
    assert wanted in result.stdout


def test_the_command_line_refuses_an_unknown_language_as_usage():
    result = _cli("--lang", "de", "sets")
    assert result.returncode == 2
    assert "taal 'de' is onbekend; kies uit nl, en" in result.stderr
