"""Subjects that read the same but are other text become a finding, never a silent second subject.

Issue 24: subjects that differ only by a Cyrillic letter or a zero-width
space became separate subjects without a word.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sociaaldomein import Indicator, IndicatorSet, Plugins
from sociaaldomein.app.file_checks import check_files
from sociaaldomein.app.measured_table import COLUMNAR_FROM_BYTES
from sociaaldomein.app.run import account_for
from sociaaldomein.io.loading import save_toml
from sociaaldomein.text.spelling import odd_spellings, skeleton

CYRILLIC_A = "\u0410"
ZERO_WIDTH_SPACE = "\u200b"
HEADER = "indicator,subject,period,value\n"


@pytest.fixture
def set_file(tmp_path: Path) -> Path:
    path = tmp_path / "set.toml"
    indicator = Indicator("bereik", "Bereik", "percentage")
    save_toml(IndicatorSet("t", "T", "1", indicators=[indicator]), path)
    return path


def spelling_findings(findings):
    return [(f.file, f.where, f.message) for f in findings if f.rule == "subjects.spelling"]


def test_subjects_differing_only_by_a_cyrillic_letter_are_a_finding_naming_both_spellings(
    tmp_path, set_file
):
    a = tmp_path / "a.csv"
    a.write_text(HEADER + "bereik,Assen,2020,40\n", encoding="utf-8")
    b = tmp_path / "b.csv"
    b.write_text(HEADER + f"bereik,Emmen,2020,1\nbereik,{CYRILLIC_A}ssen,2021,20\n", "utf-8")
    expected = [
        (
            str(b),
            "line 3",
            f"onderwerp '{CYRILLIC_A}ssen' mengt schriften (Cyrillisch, Latijn): U+0410 CYRILLIC"
            f" CAPITAL LETTER A; het leest als 'Assen' ({a} (line 2)), maar telt als een ander"
            " onderwerp; schrijf beide hetzelfde",
        )
    ]
    assert spelling_findings(check_files([set_file, a, b], Plugins(entry_points=False))) == expected
    run = account_for(set_file=set_file, measurements=[a, b], subject="Assen")
    assert spelling_findings(run.findings) == expected


def test_subject_with_a_zero_width_space_is_a_finding_naming_both_spellings(tmp_path, set_file):
    path = tmp_path / "m.csv"
    path.write_text(
        HEADER + f"bereik,Assen,2020,40\nbereik,Assen{ZERO_WIDTH_SPACE},2021,20\n", "utf-8"
    )
    run = account_for(set_file=set_file, measurements=[path], subject="Assen")
    [(file, where, message)] = spelling_findings(run.findings)
    assert (file, where) == (str(path), "line 3")
    assert message.startswith(
        "onderwerp 'Assen\\u200b' bevat onzichtbare tekens: U+200B ZERO WIDTH SPACE;"
        " het leest als 'Assen' (line 2)"
    )


def test_a_subject_holding_a_bidi_override_alone_is_a_finding(tmp_path, set_file):
    path = tmp_path / "m.csv"
    path.write_text(HEADER + "bereik,Assen\u202e,2020,40\n", "utf-8")
    [(_, where, message)] = spelling_findings(
        check_files([set_file, path], Plugins(entry_points=False))
    )
    assert where == "line 2"
    assert "U+202E RIGHT-TO-LEFT OVERRIDE" in message
    assert "controleer de schrijfwijze" in message


def test_a_zero_width_space_in_a_large_file_on_the_columnar_path_names_its_line(tmp_path, set_file):
    rows = [f"bereik,S{n},2020,{n % 100}\n" for n in range(COLUMNAR_FROM_BYTES // 18)]
    rows.insert(1000, f"bereik,S7{ZERO_WIDTH_SPACE},2021,5\n")
    path = tmp_path / "big.csv"
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    assert path.stat().st_size >= COLUMNAR_FROM_BYTES
    run = account_for(set_file=set_file, measurements=[path], subject="S7")
    [(file, where, message)] = spelling_findings(run.findings)
    assert (file, where) == (str(path), "line 1002")
    assert "het leest als 'S7' (line 9)" in message


def test_plain_dutch_names_are_never_odd():
    names = ["Assen", "Súdwest-Fryslân", "'s-Hertogenbosch", "Den Haag", "Noardeast-Fryslân"]
    assert odd_spellings(names) == []
    assert odd_spellings(["Москва", "Αθήνα"]) == []  # one script each: simply that script


_LATIN = st.text(alphabet="abcdefghijklmnopqrstuvwxyzAEKMOPT -", min_size=1, max_size=12)


@settings(max_examples=80, deadline=None)
@given(_LATIN, st.integers(0, 12), st.sampled_from(["\u200b", "\u00a0", "\u2060", "\u202e"]))
def test_an_invisible_character_anywhere_makes_a_name_odd_and_keeps_its_skeleton(
    name, at, invisible
):
    name = name.strip() or "a"
    spelled = name[:at] + invisible + name[at:]
    [odd] = [o for o in odd_spellings([name, spelled]) if o.name == spelled]
    assert invisible in odd.characters
    if skeleton(spelled) == skeleton(name):
        assert odd.twin == name
