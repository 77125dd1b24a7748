"""Properties of the one writer and the one terminal boundary, over drawn edges."""

import json
import os
import re
import stat

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sociaaldomein.cli.output import json_text, terminal_text
from sociaaldomein.io.atomic import OutputError, check_output, protected_inputs, write_files

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
KINDS = ("missing", "empty file", "file with data", "link", "fifo", "folder", "input")
HOSTILE_CHARACTERS = st.sampled_from(
    [
        "\x1b",
        "\x07",
        "\x9b",
        "\x9d",
        "\x7f",
        "\x00",
        "\r",
        "\u202e",
        "\u2066",
        "\u2028",
        "\n",
        "\u200f",
        "\u061c",
    ]
)
TEXTS = st.lists(st.one_of(st.text(max_size=8), HOSTILE_CHARACTERS), max_size=12).map("".join)


def _make(kind, node, source):
    if kind in ("empty file",):
        node.write_bytes(b"")
    elif kind == "file with data":
        node.write_bytes(b"gegevens\n")
    elif kind == "link":
        node.symlink_to(source)
    elif kind == "fifo":
        os.mkfifo(node)
    elif kind == "folder":
        node.mkdir()
    elif kind == "input":
        os.link(source, node)  # a second name of the input: the same file


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    kind=st.sampled_from(KINDS),
    records=st.sampled_from([None, 0, 1, 10**6]),
    force=st.booleans(),
    protected=st.booleans(),
)
def test_check_output_refuses_exactly_what_would_lose_data(
    tmp_path_factory, kind, records, force, protected
):
    folder = tmp_path_factory.mktemp("uit")
    source = folder / "invoer.csv"
    source.write_bytes(b"invoer\n")
    node = folder / "uit.csv"
    _make(kind, node, source)
    refused = kind in ("link", "fifo", "folder", "input") or (
        kind == "file with data" and records == 0 and not force
    )
    inputs = [] if protected else [source]
    with protected_inputs([source] if protected else []):
        if refused:
            with pytest.raises(OutputError, match=re.escape(str(node))):
                check_output(node, inputs=inputs, records=records, force=force)
        else:
            check_output(node, inputs=inputs, records=records, force=force)
            write_files({node: "nieuw\n"}, inputs=inputs, records={node: records}, force=force)
            assert node.read_text(encoding="utf-8") == "nieuw\n"
    assert source.read_bytes() == b"invoer\n"
    if kind == "fifo":
        assert stat.S_ISFIFO(os.lstat(node).st_mode)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    old=st.lists(st.binary(max_size=20), min_size=1, max_size=4),
    failing=st.integers(min_value=0, max_value=3),
)
def test_a_set_is_written_whole_or_not_at_all(tmp_path_factory, old, failing):
    folder = tmp_path_factory.mktemp("set")
    paths = [folder / f"deel{n}.txt" for n in range(len(old))]
    for path, data in zip(paths, old, strict=True):
        if data:  # an empty draw: the file does not exist yet
            path.write_bytes(data)
    real = os.replace
    calls = []

    def fails(source, target):
        calls.append(target)
        if len(calls) == failing + 1:
            raise OSError(28, "No space left on device")
        real(source, target)

    os.replace = fails
    message = ""
    try:
        write_files({path: f"nieuw {path.name}" for path in paths})
    except OutputError as error:
        message = str(error)
    finally:
        os.replace = real
    whole = not message
    assert ".tmp" not in message
    for path, data in zip(paths, old, strict=True):
        if whole:
            assert path.read_text(encoding="utf-8") == f"nieuw {path.name}"
        elif data:
            assert path.read_bytes() == data
        else:
            assert not path.exists()
    assert sorted(p.name for p in folder.iterdir() if p.name.startswith(".")) == []


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_terminal_text_never_holds_a_control_character_and_keeps_the_rest(text):
    shown = terminal_text(text)
    assert CONTROL.search(shown) is None
    assert shown == "".join(c for c in text if not CONTROL.match(c) or c in "\t\n")


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_json_text_reads_back_the_same_text_with_nothing_a_terminal_runs(text):
    written = json_text({"naam": text, "lijst": [text]})
    assert CONTROL.search(written) is None
    assert json.loads(written) == {"naam": text, "lijst": [text]}


#: Unicode's Bidi_Control characters (PropList.txt): every one can reorder what is shown.
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def test_every_bidi_control_is_taken_out_of_terminal_text_and_markdown():
    from sociaaldomein.text.escape import escape_markdown, strip_control

    text = "".join(f"a{c}" for c in BIDI_CONTROLS)
    for shown in (terminal_text(text), strip_control(text), escape_markdown(text)):
        assert shown == "a" * len(BIDI_CONTROLS)


def test_where_a_folder_cannot_be_locked_a_lock_file_makes_runs_take_turns(tmp_path, monkeypatch):
    """As on NFS or SMB, where flock on a folder fails: the lock file of io.atomic is used."""
    import errno
    import fcntl
    import subprocess
    import sys
    import time

    from sociaaldomein.io.atomic import LOCK_NAME

    real_flock = fcntl.flock

    def no_folder_locks(descriptor, operation):
        if stat.S_ISDIR(os.fstat(descriptor).st_mode):
            raise OSError(errno.ENOLCK, "No locks available")
        real_flock(descriptor, operation)

    monkeypatch.setattr(fcntl, "flock", no_folder_locks)
    holder = (
        "import fcntl, os, sys, time\n"
        f"fd = os.open({str(tmp_path / LOCK_NAME)!r}, os.O_RDWR | os.O_CREAT, 0o644)\n"
        "fcntl.lockf(fd, fcntl.LOCK_EX)\n"
        "print('held', flush=True)\n"
        "time.sleep(0.8)\n"
    )
    other = subprocess.Popen([sys.executable, "-c", holder], stdout=subprocess.PIPE, text=True)
    try:
        assert other.stdout.readline().strip() == "held"
        started = time.monotonic()
        write_files({tmp_path / "a.md": "a", tmp_path / "a.html": "a"})
        waited = time.monotonic() - started
    finally:
        other.wait(timeout=10)
    assert waited > 0.4  # it waited for the other run's lock
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == "a"


def test_a_stale_file_that_cannot_be_removed_is_an_output_error_naming_it(tmp_path, monkeypatch):
    from pathlib import Path

    stale = tmp_path / "report.pdf"
    stale.write_bytes(b"%PDF- van een eerdere run")
    real = Path.unlink

    def refused(self, missing_ok=False):
        if self == stale:
            raise PermissionError(13, "Permission denied")
        return real(self, missing_ok=missing_ok)

    monkeypatch.setattr(Path, "unlink", refused)
    with pytest.raises(OutputError, match=r"report\.pdf: hoort niet bij de nieuwe set"):
        write_files({tmp_path / "report.md": "nieuw"}, remove=[stale])
    assert (tmp_path / "report.md").read_text(encoding="utf-8") == "nieuw"
