"""Every message the library makes speaks through the catalog (issue 25).

The library's layers (errors, findings, model, text, io, core, app,
importers, plugin) make their errors, warnings, findings and reasons with
Dutch msgids in ``_()``/``ngettext()``/``N_()``; the English is in the
catalog. These tests enumerate the places that make a message and fail on
one with its text written out in the code, and check that bad input reads
English under ``use_language("en")`` and Dutch otherwise.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sociaaldomein import IndicatorSet, Period, SociaaldomeinError, loads_toml, parse_measurements
from sociaaldomein.model.formula import parse_formula
from sociaaldomein.text.language import _, use_language

SOURCE = Path(__file__).resolve().parent.parent / "src" / "sociaaldomein"

#: The library's layers. cli/ (its own helper), render/ and the templates (the
#: report's), sources/ (CBS) and testing/ (strategies for tests) are checked elsewhere.
LAYERS = (
    "errors.py",
    "findings.py",
    "model",
    "text",
    "io",
    "core",
    "app",
    "importers",
    "plugin",
    "table",
)

#: Calls whose argument at this position (or keyword) is a message a person reads.
MESSAGE_ARGUMENTS = {
    "Finding": (1, "message"),
    "in_file": (2, "message"),
    "warn": (0, "message"),
    # The importers' helpers (importers/_text.py), the plugin manager's report,
    # the record reader's refusal, the xlsx bounds' refusal, the formula parser's.
    "warning": (1, "message"),
    "error": (1, "message"),
    "report": (2, "message"),
    "_refuse": (2, "message"),
    "refuse": (0, "message"),
    "_fail": (0, "expected"),
}

#: Texts a user never sees: the library's own bugs, said to its developer.
EXCEPTIONS = {
    # The columnar engine lacks a rule for a target or tolerance kind: a bug.
    ("core/engine/kinds.py", "NotImplementedError"),
    # A lazy list made more or fewer items than it said it would: a bug.
    ("core/lazy.py", "AssertionError"),
    # A record value of a type the model never makes (pragma: no cover).
    ("core/records.py", "TypeError"),
}

_TRANSLATED = {"_", "ngettext", "N_"}
# Words of a sentence: a lone word ("period: {error}") names a column or key, not a message.
_WORD = re.compile(r"[A-Za-z]{2,}[ ,;:'()]+[A-Za-z]{2,}")


def _modules() -> Iterator[Path]:
    for layer in LAYERS:
        path = SOURCE / layer
        yield from [path] if path.is_file() else sorted(path.rglob("*.py"))


def _name(call: ast.Call) -> str:
    function = call.func
    if isinstance(function, ast.Attribute):
        return function.attr
    return function.id if isinstance(function, ast.Name) else ""


def _written_out(node: ast.AST | None) -> str | None:
    """The words of ``node`` where it is message text written in the code, not from the catalog."""
    if node is None:
        return None
    if isinstance(node, ast.Constant):
        return node.value if isinstance(node.value, str) and _WORD.search(node.value) else None
    if isinstance(node, ast.JoinedStr):
        words = "".join(
            part.value for part in node.values if isinstance(part, ast.Constant)
        )  # the literal parts; the values in braces are checked where they are made
        return words if _WORD.search(words) else None
    if isinstance(node, ast.BinOp):
        return _written_out(node.left) or _written_out(node.right)
    if isinstance(node, ast.IfExp):
        return _written_out(node.body) or _written_out(node.orelse)
    if isinstance(node, ast.Call):
        if _name(node) in _TRANSLATED:
            return None
        if isinstance(node.func, ast.Attribute) and node.func.attr == "format":
            return _written_out(node.func.value)  # "...".format(): the template counts
    return None


def _argument(call: ast.Call, position: int, keyword: str) -> ast.AST | None:
    for named in call.keywords:
        if named.arg == keyword:
            return named.value
    return call.args[position] if len(call.args) > position else None


def message_sites() -> list[tuple[str, int, str, str]]:
    """(module, line, kind, text) of every message whose text is written out, not translated.

    A message is what a ``raise`` gives its exception, what ``warnings.warn``
    and a :class:`Finding` get, and what the helpers in
    :data:`MESSAGE_ARGUMENTS` pass on as one.
    """
    found = []
    for path in _modules():
        module = path.relative_to(SOURCE).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
                kind = _name(node.exc)
                text = _written_out(_argument(node.exc, 0, "message"))
            elif isinstance(node, ast.Call) and _name(node) in MESSAGE_ARGUMENTS:
                kind = _name(node)
                text = _written_out(_argument(node, *MESSAGE_ARGUMENTS[kind]))
            else:
                continue
            if text is not None and (module, kind) not in EXCEPTIONS:
                found.append((module, node.lineno, kind, text))
    return sorted(found)


def test_every_message_of_the_library_is_a_msgid_of_the_catalog():
    written_out = [
        f"{module}:{line}: {kind}({text!r})" for module, line, kind, text in message_sites()
    ]
    assert written_out == [], (
        "wrap in _() with a Dutch text, English in the catalog:\n" + "\n".join(written_out)
    )


def test_the_enumeration_finds_a_message_written_out(tmp_path, monkeypatch):
    # The check itself: a raise, a warning and a finding with their text in the code are found.
    module = tmp_path / "model"
    module.mkdir()
    (module / "bad.py").write_text(
        "def f(x):\n"
        "    warnings.warn(f'{x} is odd')\n"
        "    found.append(Finding(Severity.ERROR, 'no value', 'where'))\n"
        "    raise InvalidValueError(f'expected a number, got {x!r}')\n"
        "def g():\n"
        "    raise InvalidValueError(_('verwacht een getal'))\n",
        encoding="utf-8",
    )
    monkeypatch.setitem(globals(), "SOURCE", tmp_path)
    assert [(line, kind) for _module, line, kind, _text in message_sites()] == [
        (2, "warn"),
        (3, "Finding"),
        (4, "InvalidValueError"),
    ]


def test_the_exceptions_are_still_there_and_still_bugs():
    # An exception that no longer matches a raise is removed from the list.
    kinds = {(module, kind) for module, kind in EXCEPTIONS}
    seen = set()
    for path in _modules():
        module = path.relative_to(SOURCE).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
                seen.add((module, _name(node.exc)))
    assert kinds <= seen
    assert {kind for _module, kind in EXCEPTIONS} <= {
        "NotImplementedError",
        "AssertionError",
        "TypeError",
    }


# -- what a person reads, in each language ---------------------------------------------------

DUTCH_WORDS = re.compile(r"\b(de|het|een|niet|van|verwacht|gevonden)\b", re.IGNORECASE)
ENGLISH_WORDS = re.compile(r"\b(the|expected|found|must|cannot|should|which)\b", re.IGNORECASE)

# Inputs drawn from digits and signs: no word of either language can come from them.
_SIGNS = "0123456789-.Q H/,+*()"

BAD_SETS = [
    'id = "x"\nname = "X"\nextend = "y"\n',
    'name = "X"\n',
    'id = "x"\nname = 5\n',
    'id = "x"\nname = \n',
    'id = "x"\nname = "X"\n[[indicators]]\nid = "a"\nname = "A"\nmeasurement_type = "count"\n'
    'target = { kind = "minstens", value = 1 }\n',
    'id = "x"\nname = "X"\n[[indicators]]\nid = "a"\nname = "A"\nmeasurement_type = "count"\n'
    'target = { kind = "change", amount = 10 }\n',
    'id = "x"\nname = "X"\n[[indicators]]\nid = "Bad Id"\nname = "A"\nmeasurement_type = "count"\n',
    'id = "x"\nname = "X"\n[[indicators]]\nid = "a"\nname = "A"\nmeasurement_type = "count"\n'
    'formula = "value(b) +"\n',
    'id = "x"\nname = "X"\n[[indicators]]\nid = "a"\nname = "A"\nmeasurement_type = "count"\n'
    'baseline_period = "2010-13"\n',
]

BAD_MEASUREMENTS = [
    "indicator,subject,value\na,GM1,1\n",
    "indicator,subject,period,value,extra\na,GM1,2020,1,2\n",
    "indicator,subject,period,value\na,GM1,2020-13,1\n",
    "indicator,subject,period,value\na,GM1,2020,1.234\n",
    "indicator,subject,period,value,n\na,GM1,2020,1,x\n",
    "indicator,subject,period,value,numerator,denominator\na,GM1,2020,,3,0\n",
]


def _errors_from_bad_input(period: str, formula: str) -> list[str]:
    messages = []
    for make in (
        lambda: Period.parse(period),
        lambda: parse_formula(formula),
        *(lambda text=text: loads_toml(text, IndicatorSet, file="set.toml") for text in BAD_SETS),
        *(lambda text=text: parse_measurements(text, file="m.csv") for text in BAD_MEASUREMENTS),
    ):
        try:
            make()
        except SociaaldomeinError as error:
            messages.append(str(error))
    return messages


def _words(message: str) -> str:
    # Quoted input and key paths are the user's own: only the message's words count.
    return re.sub(r"'[^']*'|\"[^\"]*\"|\S+\.toml|\S+\.csv", "", message)


_PERIODS = st.text(alphabet=_SIGNS, min_size=1, max_size=12).filter(
    lambda text: not re.fullmatch(r"\d{4}(-(H[12]|Q[1-4]|\d\d(-\d\d)?))?", text.strip())
)
_FORMULAS = st.text(alphabet=_SIGNS, min_size=0, max_size=12)


@settings(max_examples=25, deadline=None)
@given(_PERIODS, _FORMULAS)
def test_bad_input_reads_english_in_english_and_dutch_in_dutch(period, formula):
    with use_language("en"):
        english = _errors_from_bad_input(period, formula)
    with use_language("nl"):
        dutch = _errors_from_bad_input(period, formula)
    assert len(english) == len(dutch) >= len(BAD_SETS) + len(BAD_MEASUREMENTS)
    for message in english:
        assert not DUTCH_WORDS.search(_words(message)), message
    for message in dutch:
        assert not ENGLISH_WORDS.search(_words(message)), message
    assert english != dutch


@pytest.mark.parametrize("text", BAD_SETS)
def test_a_bad_set_is_refused_in_the_language_asked_for(text):
    with use_language("en"), pytest.raises(SociaaldomeinError) as english:
        loads_toml(text, IndicatorSet, file="set.toml")
    with use_language("nl"), pytest.raises(SociaaldomeinError) as dutch:
        loads_toml(text, IndicatorSet, file="set.toml")
    assert str(english.value) != str(dutch.value)
    assert str(english.value).startswith("set.toml: ")


def test_a_change_of_the_environment_is_seen_by_the_next_text(monkeypatch):
    # _() keeps the choice per value of the variables, never a stale one.
    text = "kwalitatief: niet beoordeeld"
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("SOCIAALDOMEIN_LANG", "en")
    assert _(text) == "qualitative: not assessed"
    monkeypatch.setenv("SOCIAALDOMEIN_LANG", "nl")
    assert _(text) == text
    monkeypatch.delenv("SOCIAALDOMEIN_LANG")
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert _(text) == "qualitative: not assessed"
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert _(text) == text
    monkeypatch.setenv("SOCIAALDOMEIN_LANG", "fr")
    with pytest.raises(SociaaldomeinError, match="kies uit nl, en"):
        _(text)
