"""The command line speaks one language at a time: Dutch as written, English with --lang en.

Three nets, each enumerating what it covers so that a new command or text
cannot slip past:

- every text in ``cli/`` that a person reads is a catalog text (``_()``);
- every command's ``--help`` and its usage errors (argparse's own words
  too) hold no English function word in Dutch and no Dutch one in English;
- the tutorial, run as written and again with ``--lang en``, the same.

Option names, metavars, choices, file names and quoted examples are the
user's own words in either language and are left out of the check.
"""

import argparse
import ast
import re
from pathlib import Path

import pytest

from sociaaldomein.cli import main
from sociaaldomein.cli.parser import build_parser

ROOT = Path(__file__).resolve().parent.parent
CLI = ROOT / "src" / "sociaaldomein" / "cli"

#: English words no Dutch sentence has ("is", "of", "in" are Dutch words too, so not here).
ENGLISH = frozenset(
    """
    the and with for file files not are a an to from this that which when only default such
    or by into its has have been was were there these their than show shows write writes
    written read given give error errors warning warnings usage options positional required
    invalid choice choose expected unknown folder measurements checked imported broken
    extends retired
    """.split()  # noqa: SIM905
)
#: Dutch words no English sentence has.
DUTCH = frozenset(
    """
    de het een van voor met niet zijn wordt worden naar uit bij ook als dat die geen wat
    deze bestand bestanden map gegevens fout fouten waarschuwing waarschuwingen gebruik
    opties argumenten standaard geef schrijf geschreven kies ongeldige onbekend onbekende
    verplicht toon tot op aan te door waar welke elk elke zoals hoe maar alleen kan moet
    gecontroleerd geïmporteerd gemeten ontbreken ontbreekt
    """.split()  # noqa: SIM905
)
FOREIGN = {"nl": ENGLISH, "en": DUTCH}

#: What is left out of a text before its words are checked: quoted examples of what a
#: user types, file names (plan.toml, measurements.csv), options (as typed, even a wrong
#: one) and the program's name.
_LEFT_OUT = re.compile(
    r"'[^'\n]*'|\"[^\"\n]*\"|`[^`\n]*`|\S*\w\.\w\S*|(?<![\w-])--?\w[\w-]*|\bsociaaldomein\b"
)
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


def commands() -> dict[str, argparse.ArgumentParser]:
    """Every command of the parser, each once (an alias is the same parser)."""
    parser = build_parser()
    (sub,) = (a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    found: dict[str, argparse.ArgumentParser] = {}
    for name, command in sub.choices.items():
        if all(command is not seen for seen in found.values()):
            found[name] = command
    return found


def own_words(parser: argparse.ArgumentParser) -> set[str]:
    """Option names, metavars, choices and command names: the same in every language."""
    words: set[str] = set()
    for action in parser._actions:
        for text in [*action.option_strings, action.metavar or "", *(action.choices or ())]:
            words.update(w.lower() for w in _WORD.findall(str(text)))
        if isinstance(action, argparse._SubParsersAction):
            for command in action.choices.values():
                words |= own_words(command)
    return words


def foreign_words(text: str, language: str, exempt: set[str] = frozenset()) -> list[str]:
    """The words of ``text`` that belong to the other language."""
    found = []
    for line in text.splitlines():
        line = _LEFT_OUT.sub(" ", line)
        for word in _WORD.findall(line):
            # An all-capitals word is a metavar or a variable (PATH, SOCIAALDOMEIN_LANG).
            if word.isupper() and len(word) > 1:
                continue
            if word.lower() in FOREIGN[language] and word.lower() not in exempt:
                found.append(f"{word!r} in {line.strip()!r}")
    return found


def run(capsys, argv):
    status = main([str(arg) for arg in argv])
    out, err = capsys.readouterr()
    return status, out, err


@pytest.mark.parametrize("language", ["nl", "en"])
def test_help_and_messages_are_in_one_language_on_every_command(capsys, language):
    """Why: "`--help` and most messages are English, verdicts Dutch"."""
    top = build_parser()
    exempt = own_words(top)
    wrong: dict[str, list[str]] = {}
    runs: list[tuple[str, list[str]]] = [
        ("", ["--help"]),
        ("", ["geen-commando"]),
        ("", []),
    ]
    for name, parser in commands().items():
        runs.append((name, [name, "--help"]))
        runs.append((name, [name, "--geen-optie", "x"]))
        if any(action.required for action in parser._actions):
            runs.append((name, [name]))
    for name, argv in runs:
        status, out, err = run(capsys, [*argv, "--lang", language])
        assert status in (0, 2), (argv, err)
        assert out or err, argv
        found = foreign_words(out + err, language, exempt)
        if found:
            wrong.setdefault(name, []).extend(found)
    assert wrong == {}


def test_argparse_speaks_the_language_asked_for(capsys):
    for language, words in (
        ("nl", ["gebruik:", "opties:", "toon deze hulp en stop"]),
        ("en", ["usage:", "options:", "show this help message and exit"]),
    ):
        status, out, _ = run(capsys, ["sets", "--help", "--lang", language])
        assert status == 0
        assert all(word in out for word in words), out
    status, _, err = run(capsys, ["evaluate", "--format", "xml"])
    assert status == 2
    assert "fout:" in err
    assert "ongeldige keuze: 'xml'" in err
    assert "deze argumenten ontbreken: PATH" in err or "ongeldige keuze" in err
    status, _, err = run(capsys, ["evaluate", "--lang", "en"])
    assert "error: the following arguments are required: PATH" in err


def test_argparse_is_left_as_it_was_after_a_run(capsys):
    import argparse as module

    before = (module._, module.ngettext)  # type: ignore[attr-defined]
    run(capsys, ["sets", "--help", "--lang", "nl"])
    assert (module._, module.ngettext) == before  # type: ignore[attr-defined]
    parser = argparse.ArgumentParser(prog="ander")
    assert "show this help message and exit" in parser.format_help()


# -- every text in cli/ goes through the catalog --------------------------------------------

#: Prose: two words of letters with a space between (a format like " | " is not prose).
_PROSE = re.compile(r"[^\W\d_]{2,}[ ][^\W\d_]{2,}")
_TRANSLATING = {"_", "N_", "ngettext"}


def _untranslated(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    inside: set[int] = set()
    docstrings: set[int] = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in _TRANSLATING
        ):
            inside |= {id(n) for arg in node.args for n in ast.walk(arg)}
        if isinstance(node, ast.Dict):
            # A key that maps to a catalog text is the text it translates (argparse's own).
            for key, value in zip(node.keys, node.values, strict=True):
                if isinstance(value, ast.Call) and getattr(value.func, "id", "") == "N_":
                    inside.add(id(key))
        if isinstance(node, ast.Module | ast.FunctionDef | ast.ClassDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
    found = []
    for node in ast.walk(tree):
        if id(node) in inside or id(node) in docstrings:
            continue
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and _PROSE.search(node.value)
        ):
            found.append(f"{path.name}:{node.lineno}: {node.value[:60]!r}")
    return found


def test_every_text_in_the_command_line_is_a_catalog_text():
    """Each string of prose in cli/ is inside _(), N_() or ngettext(): a catalog text.

    An f-string cannot be one (its text changes with its values), so prose in
    an f-string is found here too: it becomes ``_("... {name} ...").format(name=...)``.
    """
    offenders = []
    for path in sorted(CLI.rglob("*.py")):
        offenders += _untranslated(path)
    assert offenders == []


# -- the tutorial, as written and in English ------------------------------------------------


def _data_texts(tmp_path: Path) -> list[str]:
    """Every text the tutorial's data holds (names, sources, reasons): the same in each language."""
    import csv
    import tomllib

    from sociaaldomein.plugin.manager import Plugins

    found: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, str):
            found.add(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for path in tmp_path.rglob("*.toml"):
        if "site" not in path.relative_to(tmp_path).parts:
            walk(tomllib.loads(path.read_text(encoding="utf-8")))
    for path in tmp_path.rglob("*.csv"):
        if path.name == "measurements.csv":
            for row in csv.reader(path.read_text(encoding="utf-8").splitlines()):
                walk(row)
    for provided in Plugins().sets.values():
        flat = provided.indicator_set
        walk([flat.name, flat.owner, flat.description])
        for indicator in flat.all_indicators():
            walk([indicator.name, indicator.source, indicator.description, indicator.unit])
        walk([retirement.reason for retirement in flat.retired])
    return sorted((text for text in found if len(text) > 3), key=len, reverse=True)


#: Texts core/ makes that the command line shows as they come: the reason (the last column
#: of ``evaluate``), the verdict (``Status.dutch``) and a target described
#: (``describe_target``). The library's own conversion (issue 25, another change) makes
#: them English; until then they are left out of the English check.
LIBRARY_TEXTS = re.compile(
    r"(?m)(?<=\| )[^|\n]*$"
    r"|(?<=\| )(?:geen gegevens|binnen tolerantie|niet gehaald|gehaald|niet beoordeeld)(?= \|)"
    r"|(?<=target: )[^\[\n]*"
)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_tutorial_shows_dutch_as_written_and_english_with_lang_en(tmp_path, language):
    """Done when: "The tutorial, run in Dutch as it is written, shows Dutch help and
    messages; the same with `--lang en` shows English"."""
    from test_docs import run_page

    errors: dict[str, str] = {}
    extra = ("--lang", "en") if language == "en" else ()
    outputs = run_page("tutorial.md", tmp_path, extra=extra, errors=errors)
    data = _data_texts(tmp_path)
    exempt = own_words(build_parser())
    wrong = []
    for line, out in outputs.items():
        if not line.startswith("sociaaldomein"):
            continue
        text = out + errors.get(line, "")
        for phrase in data:
            text = text.replace(phrase, " ")
        if language == "en":
            text = LIBRARY_TEXTS.sub(" ", text)
        wrong += [f"{line}: {found}" for found in foreign_words(text, language, exempt)]
    assert wrong == [], "\n".join(wrong)
