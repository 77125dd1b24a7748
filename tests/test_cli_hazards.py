"""Every command, walked from the parser, against every output hazard and hostile text.

The commands are read from :func:`sociaaldomein.cli.parser.build_parser`: a
command that takes ``-o`` (dest ``output``) writes files, and must have a
case in :data:`WRITERS`; every command must have a case in :data:`HOSTILE`.
A new command therefore fails here until it is run against the hazards:
its own input, a symbolic link, a FIFO, a character device, and an
existing file that an empty result would replace; and, on the terminal,
names holding OSC 52 (the clipboard), CSI and bidirectional overrides.
"""

import argparse
import ast
import os
import re
import stat
from collections.abc import Callable
from pathlib import Path

import attrs
import pytest

from sociaaldomein.cli import main
from sociaaldomein.cli.parser import build_parser

ROOT = Path(__file__).resolve().parent.parent
STORED = Path(__file__).resolve().parent / "data" / "cbs-feed" / "v3"
HOSTILE = "As\x1b]52;c;cm0gLXJmIH4=\x07sen\x1b[2J\x9b31m\u202eneN\u2066"
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
MARK = "52;c;cm0gLXJmIH4="  # what is left of OSC 52: shown as text, never run

SET = 'id = "proef"\nname = "Proef"\nversion = "1"\n'
INDICATOR = (
    '\n[[indicators]]\nid = "bereik"\nname = "Bereik"\nmeasurement_type = "percentage"\n'
    'target = { kind = "at_most", value = 40 }\n'
)
MEASUREMENTS = "indicator,subject,period,value\nbereik,Assen,2023,30\n"
DOCUMENT = "Cluster: X\n\tNummer project: 7\n\tNaam project: Zeven\n"


def commands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    (sub,) = (a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    found: dict[str, argparse.ArgumentParser] = {}
    for name, command in sub.choices.items():
        if all(command is not seen for seen in found.values()):  # an alias (vaststellen) once
            found[name] = command
    return found


def writes(parser: argparse.ArgumentParser) -> bool:
    return any(action.dest == "output" for action in parser._actions)


@attrs.frozen
class Writer:
    """How a command that writes is run: ``argv(folder, out)`` writes to ``out``.

    :param node: where in ``out`` the hazard is put (``out`` itself for a file).
    :param own_input: ``(argv, input)`` of a run whose output is its input; None: reads none.
    :param empty: ``argv`` of a run with an empty result into ``out``; None: cannot be empty.
    :param prepare: what must be in ``out`` before the command runs (a report to adopt).
    """

    argv: Callable[[Path, Path], list[str]]
    node: Callable[[Path], Path] = lambda out: out
    own_input: Callable[[Path], tuple[list[str], Path]] | None = None
    empty: Callable[[Path, Path], list[str]] | None = None
    prepare: Callable[[Path, Path], None] | None = None
    #: Why a hazard case that is None does not apply.
    why: str = ""


def _files(folder: Path, *, indicators: bool = True, measurements: str = MEASUREMENTS) -> None:
    (folder / "set.toml").write_text(SET + (INDICATOR if indicators else ""), encoding="utf-8")
    (folder / "leeg.toml").write_text(SET, encoding="utf-8")
    (folder / "m.csv").write_text(measurements, encoding="utf-8")
    (folder / "h.csv").write_text(MEASUREMENTS.splitlines()[0] + "\n", encoding="utf-8")
    (folder / "doc.txt").write_text(DOCUMENT, encoding="utf-8")
    (folder / "leeg.txt").write_text("niets\n", encoding="utf-8")


def _evaluate(f: Path, out: Path) -> list[str]:
    return ["evaluate", f / "m.csv", "--set-file", f / "set.toml", "-o", out]


def _report(f: Path, out: Path) -> list[str]:
    return ["report", f / "m.csv", "--set-file", f / "set.toml", "--no-charts", "-o", out]


def _fetch(f: Path, out: Path, *extra: str) -> list[str]:
    return ["fetch", "cbs", "--set", "bbv-sociaal-domein", "--subject", "GM0106", "-o", out, *extra]


def _prepared_report(f: Path, out: Path) -> None:
    assert main([str(arg) for arg in _report(f, out)]) == 0


def _site(f: Path, out: Path) -> list[str]:
    return ["site", f / "m.csv", "--set-file", f / "set.toml", "--no-charts", "-o", out]


def _site_own_input(f: Path) -> tuple[list[str], Path]:
    (f / "gegevens").mkdir()
    (f / "m.csv").rename(f / "gegevens" / "resultaten.csv")
    argv = ["site", f / "gegevens" / "resultaten.csv", "--set-file", f / "set.toml", "-o", f]
    return argv, f / "gegevens" / "resultaten.csv"


def _report_own_input(f: Path) -> tuple[list[str], Path]:
    (f / "m.csv").rename(f / "results.csv")
    argv = ["report", f / "results.csv", "--set-file", f / "set.toml", "--no-charts", "-o", f]
    return argv, f / "results.csv"


WRITERS: dict[str, Writer] = {
    "evaluate": Writer(
        _evaluate,
        own_input=lambda f: (_evaluate(f, f / "m.csv"), f / "m.csv"),
        empty=lambda f, out: [
            "evaluate",
            f / "h.csv",
            "--set-file",
            f / "leeg.toml",
            "--period",
            "2023",
            "-o",
            out,
        ],
    ),
    "report": Writer(
        _report,
        node=lambda out: out / "results.csv",
        own_input=_report_own_input,
        empty=lambda f, out: [
            "report",
            f / "h.csv",
            "--set-file",
            f / "leeg.toml",
            "--period",
            "2023",
            "--no-charts",
            "-o",
            out,
        ],
    ),
    "site": Writer(
        _site,
        node=lambda out: out / "gegevens" / "resultaten.csv",
        own_input=_site_own_input,
        empty=lambda f, out: [
            "site",
            f / "h.csv",
            "--set-file",
            f / "leeg.toml",
            "--period",
            "2023",
            "--no-charts",
            "-o",
            out,
        ],
    ),
    "fetch": Writer(
        _fetch,
        own_input=lambda f: (
            ["fetch", "cbs", "--set-file", f / "set.toml", "-o", f / "set.toml"],
            f / "set.toml",
        ),
        empty=lambda f, out: _fetch(f, out, "--period", "2099"),
    ),
    "import": Writer(
        lambda f, out: ["import", "projects", f / "doc.txt", "-o", out],
        own_input=lambda f: (
            ["import", "projects", f / "doc.txt", "-o", f / "doc.txt"],
            f / "doc.txt",
        ),
        empty=lambda f, out: ["import", "projects", f / "leeg.txt", "-o", out],
    ),
    # Rewrites its own report in place (that is what adopting is), never empty.
    "adopt": Writer(
        lambda f, out: [
            "adopt",
            out,
            "--body",
            "de raad",
            "--date",
            "2025-06-30",
            "--decision",
            "1",
        ],
        node=lambda out: out / "report.md",
        prepare=lambda f, out: _prepared_report(f, out),
        why="adopting rewrites the report it reads, in place, and is never empty",
    ),
    # An entry workbook; a period that expects no figure (a yearly set in a half year) is empty.
    "template": Writer(
        lambda f, out: _template(f, out, "2024"),
        own_input=lambda f: (
            [*_template(f, f / "eerder.xlsx", "2024"), _delivered_xlsx(f)],
            f / "eerder.xlsx",
        ),
        empty=lambda f, out: _template(f, out, "2024-H1"),
    ),
    # The overview of what came in; nothing is expected of a yearly set in a half year.
    "status": Writer(
        lambda f, out: [*_status(f, out, "2024"), _delivered(f)],
        own_input=lambda f: (
            [*_status(f, f / "eerder.xlsx", "2024"), _delivered_xlsx(f)],
            f / "eerder.xlsx",
        ),
        empty=lambda f, out: [*_status(f, out, "2024-H1"), _delivered(f)],
    ),
    # Reads no file, and a package is never empty; its output is a new folder.
    "new-plugin": Writer(
        lambda f, out: ["new-plugin", "Proef", "-o", out],
        node=lambda out: out / "sociaaldomein-proef",
        why="reads no file, and a package is never empty",
    ),
}


DELIVERED = (
    "indicator,subject,period,value\n2.tevredenheid,ONS,2024,8\n2.trendrapportages,ONS,2024,2\n"
)


def _delivered(f: Path) -> Path:
    (f / "levering.csv").write_text(DELIVERED, encoding="utf-8")
    return f / "levering.csv"


def _delivered_xlsx(f: Path) -> Path:
    from sociaaldomein.io.xlsx import write_measurements_xlsx
    from sociaaldomein.model import Measurement, Period

    write_measurements_xlsx([Measurement("2.tevredenheid", "ONS", Period.year(2023), 7.5)],
                            f / "eerder.xlsx")  # fmt: skip
    return f / "eerder.xlsx"


def _template(f: Path, out: Path, period: str) -> list[object]:
    return ["template", "--set", "meierijstad", "--subject", "ONS", "--period", period,
            "--assignment", "2", "-o", out]  # fmt: skip


def _status(f: Path, out: Path, period: str) -> list[object]:
    return ["status", "--set", "meierijstad", "--period", period, "--assignment", "2", "-o", out]


def run(capsys, argv):
    status = main([str(arg) for arg in argv])
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def cache(monkeypatch):
    monkeypatch.setenv("SOCIAALDOMEIN_CBS_CACHE", str(STORED))


#: What a command calls when it writes files (the library's writers and what wraps them).
WRITING_CALLS = re.compile(r"^(write_\w+|save_\w+|import_document|new_plugin|adopt)$")


def _calls_a_writer(parser: argparse.ArgumentParser) -> bool:
    import importlib

    module = importlib.import_module(parser.get_default("function").__module__)
    tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
    names = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
    names |= {node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute)}
    return any(WRITING_CALLS.match(name) for name in names)


def test_every_command_that_writes_has_its_hazard_case():
    """A command writes when it takes -o or calls a writer; each must have a case here.

    (``test_hostile_names_never_reach_the_terminal_as_control_characters`` also
    records which commands reach the one writer, and requires a case for them.)
    """
    by_option = {name for name, parser in commands().items() if writes(parser)}
    by_call = {name for name, parser in commands().items() if _calls_a_writer(parser)}
    assert by_option | by_call <= set(WRITERS), "add the new command's case to WRITERS"
    assert set(WRITERS) <= set(commands())


def _out(folder: Path, name: str) -> Path:
    """The output: a file for most commands, a folder for report and new-plugin."""
    if name in ("report", "new-plugin", "adopt", "site"):
        out = folder / "uit"
        out.mkdir()
        if name == "site":
            (out / "gegevens").mkdir()  # the downloads' folder, where the hazard is put
        return out
    if name in ("template", "status"):
        return folder / "uit.xlsx"
    return folder / ("uit.toml" if name == "import" else "uit.csv")


def _state(node: Path) -> tuple[object, ...]:
    info = os.lstat(node)
    kind = stat.S_IFMT(info.st_mode)
    if stat.S_ISLNK(info.st_mode):
        target = Path(os.readlink(node))
        content = target.read_bytes() if target.is_file() else sorted(os.listdir(target))
        return kind, str(target), content
    if stat.S_ISREG(info.st_mode):
        return kind, node.read_bytes()
    return kind, info.st_ino


def _check_refused(status: int, err: str, node: Path, before: tuple[object, ...]) -> None:
    assert status in (1, 2), err
    assert "Traceback" not in err
    assert _state(node) == before
    assert not [p for p in node.parent.iterdir() if p.name.endswith((".tmp", ".old"))]


HAZARDS = ("symlink to a file", "symlink to a folder", "fifo", "character device")


def _make(hazard: str, node: Path, elsewhere: Path) -> None:
    if hazard == "symlink to a file":
        real = elsewhere / "echt.txt"
        real.write_text("bewaren\n", encoding="utf-8")
        node.symlink_to(real)
    elif hazard == "symlink to a folder":
        node.symlink_to(elsewhere)
    elif hazard == "fifo":
        os.mkfifo(node)
    else:
        try:
            os.mknod(node, stat.S_IFCHR | 0o600, os.makedev(1, 3))  # as /dev/null
        except PermissionError:
            pytest.skip("making a device node needs root")


@pytest.mark.parametrize("hazard", HAZARDS)
@pytest.mark.parametrize("name", sorted(WRITERS))
def test_every_writing_command_refuses_a_node_that_is_not_a_regular_file(
    capsys, cache, tmp_path, name, hazard
):
    case = WRITERS[name]
    _files(tmp_path)
    out = _out(tmp_path, name)
    if case.prepare is not None:
        case.prepare(tmp_path, out)
    node = case.node(out)
    elsewhere = tmp_path / "elders"
    elsewhere.mkdir()
    node.unlink(missing_ok=True)
    _make(hazard, node, elsewhere)
    # A reader on the FIFO, so that a write into it would not block the test.
    reader = os.open(node, os.O_RDONLY | os.O_NONBLOCK) if hazard == "fifo" else None
    try:
        before = _state(node)
        status, _, err = run(capsys, case.argv(tmp_path, out))
        _check_refused(status, err, node, before)
        assert node.name in err
    finally:
        if reader is not None:
            os.close(reader)


@pytest.mark.parametrize("name", sorted(WRITERS))
def test_every_writing_command_refuses_to_replace_its_own_input(capsys, cache, tmp_path, name):
    case = WRITERS[name]
    if case.own_input is None:
        pytest.skip(f"{name}: {case.why}")
    _files(tmp_path)
    argv, source = case.own_input(tmp_path)
    before = _state(source)
    status, _, err = run(capsys, argv)
    _check_refused(status, err, source, before)
    assert source.name in err


@pytest.mark.parametrize("name", sorted(WRITERS))
def test_every_writing_command_keeps_a_file_that_an_empty_result_would_replace(
    capsys, cache, tmp_path, name
):
    case = WRITERS[name]
    if case.empty is None:
        pytest.skip(f"{name}: {case.why}")
    _files(tmp_path)
    out = _out(tmp_path, name)
    node = case.node(out)
    node.write_text("goede gegevens\n", encoding="utf-8")
    before = _state(node)
    status, _, err = run(capsys, case.empty(tmp_path, out))
    _check_refused(status, err, node, before)
    assert "--force" in err
    status, _, err = run(capsys, [*case.empty(tmp_path, out), "--force"])
    assert _state(node) != before, err  # asked for: replaced


def test_every_writing_command_writes_where_nothing_is_in_the_way(capsys, cache, tmp_path):
    """The cases above are refusals; this shows each command does write when it may."""
    for name, case in WRITERS.items():
        folder = tmp_path / name
        folder.mkdir()
        _files(folder)
        out = _out(folder, name)
        if case.prepare is not None:
            case.prepare(folder, out)
        status, _, err = run(capsys, case.argv(folder, out))
        assert status == 0, (name, err)
        assert os.path.lexists(case.node(out)), name


# -- the terminal ---------------------------------------------------------------------------


def _hostile_plugin():
    from sociaaldomein import Indicator, IndicatorSet
    from sociaaldomein.plugin import hookimpl

    class Hostile:
        @hookimpl
        def sociaaldomein_indicator_sets(self):
            indicator = Indicator("h.x", HOSTILE, "count", source=HOSTILE)
            return [IndicatorSet("vijandig", HOSTILE, owner=HOSTILE, indicators=[indicator])]

    return Hostile()


def _hostile_files(f: Path) -> None:
    from sociaaldomein.io.loading import save_toml
    from sociaaldomein.model import Portfolio, Project

    rows = f"bereik,Assen,2023,30\nbereik,{HOSTILE},2023,50\n"
    _files(f, measurements=MEASUREMENTS.splitlines()[0] + "\n" + rows)
    escaped = HOSTILE.encode("unicode_escape").decode("ascii").replace("\\x", "\\u00")
    (f / "plan.toml").write_text(
        f'number = "1"\nname = "{escaped}"\n[budget]\nperiod = "2023"\n'
        f'lines = [{{ description = "{escaped}", source = "{escaped}", amount = 10 }}]\n'
        f'funding = [{{ source = "{escaped}", amount = 5 }}]\n',
        encoding="utf-8",
    )
    (f / "vijandig-set.toml").write_text(
        (SET + INDICATOR).replace('name = "Bereik"', f'name = "{escaped}"'), encoding="utf-8"
    )
    (f / "m2.csv").write_text(MEASUREMENTS.replace(",30", ",45"), encoding="utf-8")
    (f / "vijandig.csv").write_text(
        MEASUREMENTS.splitlines()[0] + f"\n{HOSTILE},Assen,2023,30\n", encoding="utf-8"
    )
    hostile = Project("1", HOSTILE, cluster=HOSTILE, budget_hours=3)
    save_toml(Portfolio(projects=[hostile]), f / "projecten.toml")
    (f / "doc.txt").write_text(
        f"Cluster: {HOSTILE}\n\tNummer project: 7\n\tNaam project: {HOSTILE}\n", encoding="utf-8"
    )


#: Per command, runs that put hostile names on the terminal (stdout and stderr).
HOSTILE_RUNS: dict[str, Callable[[Path], list[list[object]]]] = {
    "plugins": lambda f: [["plugins"], ["plugins", "--format", "json"]],
    "sets": lambda f: [["sets"], ["sets", "--format", "json"]],
    "indicators": lambda f: [["indicators", "vijandig"], ["indicators", HOSTILE]],
    "validate": lambda f: [
        ["validate", f / "m.csv", "--set-file", f / "set.toml"],
        ["validate", f / "vijandig.csv", "--set-file", f / "set.toml"],
    ],
    "evaluate": lambda f: [
        ["evaluate", f / "m.csv", "--set-file", f / "set.toml"],  # the subject list
        ["evaluate", f / "m.csv", "--set-file", f / "set.toml", "--subject", HOSTILE],
        ["evaluate", f / "m.csv", "--set-file", f / "set.toml", "--subject", "Nergens"],
        [
            "evaluate",
            f / "m.csv",
            "--set-file",
            f / "set.toml",
            "--subject",
            HOSTILE,
            "--format",
            "csv",
        ],
        [
            "evaluate",
            f / "m.csv",
            "--set-file",
            f / "set.toml",
            "--subject",
            HOSTILE,
            "--format",
            "json",
        ],
    ],
    "fetch": lambda f: [["fetch", "cbs", "--set", "vijandig", "-o", f / "uit.csv"]],
    "budget": lambda f: [
        ["budget", f / "plan.toml"],
        ["budget", f / "plan.toml", "--format", "json"],
    ],
    "report": lambda f: [
        [
            "report",
            f / "m.csv",
            "--set-file",
            f / "set.toml",
            "--subject",
            HOSTILE,
            "--no-charts",
            "-o",
            f / "rapport",
        ],
    ],
    "site": lambda f: [
        [*_hostile_site(f), "--subject", HOSTILE],
        [*_hostile_site(f), "--subject", HOSTILE, "--format", "json"],
    ],
    "import": lambda f: [["import", "projects", f / "doc.txt", "-o", f / "uit.toml"]],
    "hours": lambda f: [["hours", f / "projecten.toml"]],
    "template": lambda f: [
        ["template", "--set", "vijandig", "--subject", subject, "--period", "2024", "-o", out]
        for subject, out in ((HOSTILE, f / "uit.xlsx"), ("Assen", f / "uit2.xlsx"))
    ],
    "status": lambda f: [
        ["status", "--set", "vijandig", "--period", "2023", *extra]
        for extra in (
            [_hostile_delivery(f)],
            ["--format", "json", _hostile_delivery(f)],
            ["--subject", HOSTILE],
        )
    ],
    "new-plugin": lambda f: [["new-plugin", HOSTILE, "-o", f]],
    "adopt": lambda f: [
        [*_hostile_report(f, "m.csv", "rapport")],
        ["adopt", f / "rapport", "--body", HOSTILE, "--date", "2025-06-30", "--decision", HOSTILE],
        ["adopt", f / "rapport", "--body", HOSTILE, "--date", HOSTILE, "--decision", "1"],
    ],
    "diff": lambda f: [
        [*_hostile_report(f, "m.csv", "oud")],
        [*_hostile_report(f, "m2.csv", "nieuw")],
        ["diff", f / "oud", f / "nieuw"],
        ["diff", f / "oud", f / "nieuw", "--format", "markdown"],
        ["diff", f / "oud", f / "nieuw", "--format", "json"],
    ],
    "verify": lambda f: [
        [*_hostile_report(f, "m.csv", HOSTILE)],
        ["verify", f / HOSTILE],
        ["verify", f / HOSTILE, "--format", "json"],
    ],
}


def _hostile_delivery(f: Path) -> Path:
    path = f / "vijandig-levering.csv"
    path.write_text(f"indicator,subject,period,value\nh.x,{HOSTILE},2023,3\n", encoding="utf-8")
    return path


def _hostile_report(f: Path, measurements: str, folder: str) -> list[object]:
    return [
        "report", f / measurements, "--set-file", f / "vijandig-set.toml", "--no-charts",
        "-o", f / folder,
    ]  # fmt: skip


def _hostile_site(f: Path) -> list[object]:
    return [
        "site",
        f / "m.csv",
        "--set-file",
        f / "vijandig-set.toml",
        "--no-charts",
        "-o",
        f / "site",
    ]


#: Commands whose runs above need not show a hostile name: they show only ids or counts,
#: or (report, template) refuse it: a workbook cannot hold a control character, a clear error.
QUIET = {"plugins", "fetch", "import", "report", "template"}


def test_every_command_has_a_hostile_terminal_case():
    assert set(HOSTILE_RUNS) == set(commands()), "add the new command's case to HOSTILE_RUNS"


@pytest.mark.parametrize("name", sorted(HOSTILE_RUNS))
def test_hostile_names_never_reach_the_terminal_as_control_characters(
    capsys, cache, monkeypatch, tmp_path, name
):
    import sociaaldomein.cli.commands as package
    import sociaaldomein.cli.output as output
    from sociaaldomein.plugin.manager import Plugins

    def hostile_plugins():
        return Plugins([_hostile_plugin()])

    monkeypatch.setattr(output, "load_plugins", hostile_plugins)
    for module in vars(package).values():
        if hasattr(module, "load_plugins"):
            monkeypatch.setattr(module, "load_plugins", hostile_plugins)
    _hostile_files(tmp_path)
    import sociaaldomein.io.atomic as atomic

    replaced = []
    real = atomic._replace_all

    def recording(targets, temporaries):
        replaced.append(targets)
        real(targets, temporaries)

    monkeypatch.setattr(atomic, "_replace_all", recording)
    shown = ""
    for argv in HOSTILE_RUNS[name](tmp_path):
        replaced.clear()
        status, out, err = run(capsys, argv)
        # Whatever reached the one writer is a command that writes: it needs its hazard case.
        assert not replaced or argv[0] in WRITERS, f"{argv[0]} writes: add it to WRITERS"
        assert status in (0, 1, 2), err
        assert "Traceback" not in err
        found = CONTROL.search(out + err)
        assert found is None, f"{argv[0]}: {found} in {(out + err)[:400]!r}"
        shown += out + err
    if name not in QUIET:
        assert MARK in shown or "\\u001b]52" in shown, shown[:400]


# -- one way out ------------------------------------------------------------------------------


def test_the_command_line_writes_to_the_terminal_only_through_cli_output():
    """No print, sys.stdout or sys.stderr in cli/ but in cli/output.py, whose show() sanitises."""
    offenders = []
    for path in sorted((ROOT / "src" / "sociaaldomein" / "cli").rglob("*.py")):
        if path.name == "output.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Name) and node.id == "print":
                offenders.append(f"{path.name}:{node.lineno}: print")
            if (
                isinstance(node, ast.Attribute)
                and node.attr in ("stdout", "stderr")
                and not (path.name == "parser.py" and node.attr == "stdout")
            ):
                offenders.append(f"{path.name}:{node.lineno}: sys.{node.attr}")
    assert offenders == []


def test_set_and_set_file_together_are_a_usage_error_on_every_command(capsys, tmp_path):
    _files(tmp_path)
    both = [
        name
        for name, parser in commands().items()
        if {"set_id", "set_file"} <= {action.dest for action in parser._actions}
    ]
    assert {"evaluate", "report", "validate", "fetch"} <= set(both)
    for name in both:
        argv = [name, *(["cbs"] if name == "fetch" else [tmp_path / "m.csv"])]
        argv += ["--set", "proef", "--set-file", tmp_path / "set.toml"]
        if name == "fetch":
            argv += ["-o", tmp_path / "uit.csv"]
        status, _, err = run(capsys, argv)
        assert status == 2, (name, err)
        assert "mag niet samen met argument" in err
        # A set TOML given as a path besides --set is the same mistake.
        if name in ("evaluate", "report"):
            status, _, err = run(capsys, [name, tmp_path / "m.csv", tmp_path / "set.toml",
                                          "--set", "proef"])  # fmt: skip
            assert status == 2, (name, err)


def test_a_library_warning_reaches_the_terminal_through_the_sanitiser(capsys, monkeypatch):
    import warnings

    from sociaaldomein.cli.commands import plugins
    from sociaaldomein.io.measurements import DataWarning

    def warns(args):
        warnings.warn(f"subject {HOSTILE} given twice", DataWarning, stacklevel=1)
        return 0

    monkeypatch.setattr(plugins, "run", warns)
    status, out, err = run(capsys, ["plugins"])
    assert status == 0
    assert "given twice" in err
    assert MARK in err
    assert CONTROL.search(out + err) is None


def test_a_terminal_that_cannot_show_a_character_gets_a_question_mark_not_a_traceback(
    capsys, monkeypatch, tmp_path
):
    import io
    import sys

    from sociaaldomein.io.loading import save_toml
    from sociaaldomein.model import Portfolio, Project

    portfolio = tmp_path / "projecten.toml"
    save_toml(
        Portfolio(projects=[Project("1", "één", cluster="Zorg ≈ één", budget_hours=3)]), portfolio
    )
    ascii_out = io.TextIOWrapper(io.BytesIO(), encoding="ascii")
    monkeypatch.setattr(sys, "stdout", ascii_out)
    assert main(["hours", str(portfolio)]) == 0
    ascii_out.flush()
    shown = ascii_out.buffer.getvalue().decode("ascii")
    assert "Zorg ? ??n" in shown
