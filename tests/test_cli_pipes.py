"""Piped into ``head``: every command stops without a word when its reader goes away.

``sociaaldomein sets | head -1`` closes the pipe after one line; the next
write fails with EPIPE. That used to print "Broken pipe: None" and exit 1
in about half the runs (when head was quicker than the write). Here the
pipe's reading end is closed before the command starts, so every write
fails, every time: each command of the parser must then exit 141, as a
shell reports a program that SIGPIPE ended, with nothing on standard error
about it.
"""

import argparse
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from sociaaldomein.cli import main
from sociaaldomein.cli.output import EXIT_BROKEN_PIPE
from sociaaldomein.cli.parser import build_parser

ROOT = Path(__file__).resolve().parent.parent
KAMPEN = ROOT / "examples" / "kampen-ontwikkelpilot"
CBS = Path(__file__).resolve().parent / "data" / "cbs"
MEASUREMENTS = "indicator,subject,period,value\njeugd.tevredenheid,Assen,2024,7.5\n"
DELIVERED = "indicator,subject,period,value\n2.tevredenheid,ONS,2024,8\n"
DOCUMENT = "Cluster: X\n\tNummer project: 7\n\tNaam project: Zeven\n\tUren: 12\n"


def commands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    (sub,) = (a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    found: dict[str, argparse.ArgumentParser] = {}
    for name, command in sub.choices.items():
        if all(command is not seen for seen in found.values()):
            found[name] = command
    return found


def _report(f: Path) -> Path:
    """A report folder made beforehand, for the commands that read one."""
    out = f / "rapport"
    if not out.exists():
        argv = ["report", f / "m.csv", "--set", "drenthe", "--no-charts", "-o", out]
        assert main([str(a) for a in argv]) == 0
    return out


#: Per command, a run that writes to standard output (given the folder it may use).
RUNS: dict[str, Callable[[Path], list[object]]] = {
    "plugins": lambda f: ["plugins"],
    "sets": lambda f: ["sets"],
    "indicators": lambda f: ["indicators", "drenthe"],
    "validate": lambda f: ["validate", "--set", "drenthe", f / "m.csv"],
    "evaluate": lambda f: ["evaluate", "--set", "drenthe", f / "m.csv"],
    "fetch": lambda f: [
        "fetch",
        "cbs",
        "--set",
        "bbv-sociaal-domein",
        "--subject",
        "GM0106",
        "-o",
        f / "c.csv",
    ],
    "budget": lambda f: ["budget", KAMPEN / "plan.toml"],
    "report": lambda f: ["report", f / "m.csv", "--set", "drenthe", "--no-charts", "-o", f / "r"],
    "site": lambda f: ["site", f / "m.csv", "--set", "drenthe", "--no-charts", "-o", f / "s"],
    "diff": lambda f: ["diff", _report(f), _report(f)],
    "adopt": lambda f: [
        "adopt",
        _report(f),
        "--body",
        "de raad",
        "--date",
        "2025-06-30",
        "--decision",
        "1",
    ],
    "verify": lambda f: ["verify", _report(f)],
    "import": lambda f: ["import", "projects", f / "doc.txt", "-o", f / "projecten.toml"],
    "hours": lambda f: ["hours", _projects(f)],
    "new-plugin": lambda f: ["new-plugin", "Proef", "-o", f],
    "template": lambda f: [
        "template",
        "--set",
        "meierijstad",
        "--subject",
        "ONS",
        "--period",
        "2024",
        "--assignment",
        "2",
        "-o",
        f / "invul.xlsx",
    ],
    "status": lambda f: [
        "status",
        "--set",
        "meierijstad",
        "--period",
        "2024",
        "--assignment",
        "2",
        f / "levering.csv",
    ],
}


def _projects(f: Path) -> Path:
    out = f / "uren.toml"
    if not out.exists():
        assert main(["import", "projects", str(f / "doc.txt"), "-o", str(out)]) == 0
    return out


def test_every_command_has_a_run_into_a_closed_pipe():
    assert set(RUNS) == set(commands()), "add the new command's run to RUNS"


@pytest.mark.parametrize("name", sorted(RUNS))
def test_sets_plugins_indicators_budget_piped_into_head_exit_quietly(capsys, tmp_path, name):
    """Why: "`sets`, `plugins`, `indicators`, `budget` piped into `head` print
    'Broken pipe: None' and exit 1 in about half the runs" (here: every command)."""
    (tmp_path / "m.csv").write_text(MEASUREMENTS, encoding="utf-8")
    (tmp_path / "doc.txt").write_text(DOCUMENT, encoding="utf-8")
    (tmp_path / "levering.csv").write_text(DELIVERED, encoding="utf-8")
    argv = [str(arg) for arg in RUNS[name](tmp_path)]
    capsys.readouterr()
    reading, writing = os.pipe()
    os.close(reading)  # head has read what it wanted and gone
    try:
        done = subprocess.run(
            [sys.executable, "-m", "sociaaldomein", *argv],
            stdout=writing,
            stderr=subprocess.PIPE,
            text=True,
            cwd=tmp_path,
            env={**os.environ, "SOCIAALDOMEIN_CBS_CACHE": str(CBS)},
            check=False,
            timeout=120,
        )
    finally:
        os.close(writing)
    assert "Broken pipe" not in done.stderr
    assert "Traceback" not in done.stderr
    assert "Exception ignored" not in done.stderr
    assert done.returncode == EXIT_BROKEN_PIPE, done.stderr


def test_a_pipe_that_stays_open_gets_everything_and_exit_0(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "sociaaldomein", "sets"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    assert "drenthe" in done.stdout
