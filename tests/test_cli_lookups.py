"""Issue 25's command-line cases: each Why item is a test named after it.

Looking things up (a set file for ``indicators``, a set id that does not
exist, an unknown indicator, a subject), saying what is off about a run (a
period without measurements, an extra that is not installed), and help for
every option.
"""

import argparse
import sys
from pathlib import Path

from sociaaldomein.cli import main
from sociaaldomein.cli.parser import build_parser

ROOT = Path(__file__).resolve().parent.parent
KAMPEN = ROOT / "examples" / "kampen-ontwikkelpilot"

LOCAL_SET = """id = "beekdal"
name = "Beekdal: lokale inkleuring"
version = "1"
extends = "drenthe"

[[indicators]]
id = "beekdal.ommetjes"
name = "Deelnemers aan wandelgroepen"
measurement_type = "count"
"""
TYPOS = (
    "indicator,subject,period,value\n"
    "wmo.ondersteuning-pas,Beekdal,2024,83\n"
    "wmo.ondersteuning-pst,Beekdal,2024,83\n"
    "jeugd.tevredenheid,Beekdal,2024,7\n"
)
TWO_SUBJECTS = (
    "indicator,subject,period,value\n"
    "wmo.ondersteuning-past,Beekdal,2024,83.5\n"
    "jeugd.tevredenheid,Beekdal,2024,7.6\n"
    "jeugd.tevredenheid,Nederland,2024,7.2\n"
)


def run(capsys, *argv):
    status = main([str(arg) for arg in argv])
    out, err = capsys.readouterr()
    return status, out, err


def test_indicators_cannot_show_a_local_set_file(capsys, tmp_path):
    """Why: "`indicators` cannot show a local set file"."""
    (tmp_path / "beekdal.toml").write_text(LOCAL_SET, encoding="utf-8")
    status, out, err = run(capsys, "indicators", "--set-file", tmp_path / "beekdal.toml")
    assert status == 0, err
    assert out.startswith("beekdal (drenthe -> beekdal)")
    assert "beekdal.ommetjes" in out
    assert "wmo.ondersteuning-past" in out  # inherited
    status, _, err = run(capsys, "indicators", "drenthe", "--set-file", tmp_path / "beekdal.toml")
    assert status == 2
    assert "noem één set" in err
    status, _, err = run(capsys, "indicators")
    assert status == 2
    assert "noem de set" in err


def test_a_typo_in_a_set_id_gives_the_right_error_followed_by_15_misleading_lines(capsys, tmp_path):
    """Why: "a typo in a set id gives the right error followed by 15 misleading lines"."""
    (tmp_path / "m.csv").write_text(TYPOS, encoding="utf-8")
    status, out, _ = run(capsys, "validate", "--set", "drenthee", tmp_path / "m.csv")
    assert status == 1
    lines = out.strip().splitlines()
    assert lines == [
        "set drenthee: fout: er is geen set 'drenthee'; bedoelde u 'drenthe'?"
        " (bekende sets: assen, bbv-sociaal-domein, drenthe, meierijstad, zuidwolde)",
        "1 bestand gecontroleerd, 1 fout, 0 waarschuwingen",
    ]


def test_the_unknown_indicator_error_repeats_the_whole_list_of_known_ids_on_every_line(
    capsys, tmp_path
):
    """Why: "the unknown-indicator error repeats the whole list of known ids on every line"."""
    (tmp_path / "m.csv").write_text(TYPOS, encoding="utf-8")
    status, out, _ = run(capsys, "validate", "--set", "drenthe", tmp_path / "m.csv")
    assert status == 1
    errors = [line for line in out.splitlines() if ": fout: " in line]
    assert [line.split(": fout: ")[1] for line in errors] == [
        "indicator: onbekende indicator 'wmo.ondersteuning-pas';"
        " bedoelde u 'wmo.ondersteuning-past'?",
        "indicator: onbekende indicator 'wmo.ondersteuning-pst';"
        " bedoelde u 'wmo.ondersteuning-past'?",
    ]
    assert "jeugd.jeugdhulp" not in out  # no list of the set's ids


def test_without_subject_the_error_does_not_suggest_reference_for_the_sets_reference_subject(
    capsys, tmp_path
):
    """Why: "without `--subject` the error does not suggest `--reference` for the set's
    reference subject"."""
    (tmp_path / "m.csv").write_text(TWO_SUBJECTS, encoding="utf-8")
    status, _, err = run(capsys, "evaluate", "--set", "drenthe", tmp_path / "m.csv")
    assert status == 1
    assert "de metingen bevatten 2 gemeenten: Beekdal, Nederland" in err
    assert "Nederland is een referentie van de set: geef die met --reference" in err
    status, out, err = run(
        capsys, "evaluate", "--set", "drenthe", tmp_path / "m.csv", "--reference", "Nederland"
    )
    assert status == 0, err
    assert "| Beekdal |" in out
    status, _, err = run(
        capsys, "evaluate", "--set", "drenthe", tmp_path / "m.csv", "--subject", "Beekdl"
    )
    assert status == 1
    assert "geen metingen voor 'Beekdl'; bedoelde u 'Beekdal'?" in err


def test_period_2030_gives_all_geen_gegevens_without_a_warning(capsys, tmp_path):
    """Why: "`--period 2030` gives all "geen gegevens" without a warning"."""
    (tmp_path / "m.csv").write_text(TWO_SUBJECTS, encoding="utf-8")
    argv = ["evaluate", "--set", "drenthe", tmp_path / "m.csv", "--subject", "Beekdal"]
    status, out, err = run(capsys, *argv, "--period", "2030")
    assert status == 0
    assert "geen gegevens" in out
    assert (
        "Beekdal: waarschuwing: geen enkele meting in 2030, dus elk resultaat is"
        " 'geen gegevens'; gemeten perioden: 2024"
    ) in err
    _, _, err = run(capsys, *argv, "--period", "2024")
    assert "geen enkele meting" not in err
    _, _, err = run(capsys, *argv, "--period", "2024-H1")
    assert "geen enkele meting in 2024-H1" in err


def test_budget_split_by_has_no_help():
    """Why: "`budget --split-by` has no help" (here: no option of any command)."""
    parser = build_parser()
    (sub,) = (a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    without = [
        f"{name} {action.option_strings or action.metavar or action.dest}"
        for name, command in sub.choices.items()
        for action in command._actions
        if not action.help and action.help is not argparse.SUPPRESS
    ]
    assert without == []


def _without_extras(monkeypatch):
    # As a plain install: importing matplotlib or openpyxl fails, and finding them does too.
    import sociaaldomein.render

    for name in ("matplotlib", "openpyxl", "sociaaldomein.render.charts"):
        monkeypatch.setitem(sys.modules, name, None)
    # `from sociaaldomein.render import charts` finds the module imported before otherwise.
    monkeypatch.delattr(sociaaldomein.render, "charts", raising=False)


def test_a_plain_install_without_the_charts_extra_writes_a_report_with_no_word_about_it(
    capsys, monkeypatch, tmp_path
):
    """Why: "A plain install without the charts extra writes a report with no charts and no
    word about it" (the command line's part: the report's is the report's)."""
    from sociaaldomein.app.extras import missing

    _without_extras(monkeypatch)
    assert [extra.name for extra in missing(charts=True, excel=True)] == ["charts", "excel"]
    status, out, err = run(capsys, "report", KAMPEN, "-o", tmp_path / "r")
    assert status == 0, err
    assert (
        "grafieken: niet gemaakt, want matplotlib is niet geïnstalleerd;"
        " installeer het met pip install 'sociaaldomein[charts]'"
    ) in out
    assert "results.xlsx: niet gemaakt, want openpyxl is niet geïnstalleerd" in out
    assert not (tmp_path / "r" / "results.xlsx").exists()
    status, out, err = run(capsys, "report", KAMPEN, "--no-charts", "-o", tmp_path / "r2")
    assert "grafieken" not in out  # not asked for: nothing left out
    status, out, _ = run(capsys, "site", KAMPEN, "-o", tmp_path / "s", "--lang", "en")
    assert status == 0
    assert "not made" in out
    assert "matplotlib" in out
