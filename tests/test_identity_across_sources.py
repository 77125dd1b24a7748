"""One identity for a measurement across every source of a run (issue 24).

A measurement is (indicator, subject, period, slice) whatever file it is
in. Before, the same measurement in two files was read twice: the file
given first decided the verdict and ``validate a.csv b.csv`` reported 0
errors. Now it is an error naming both files and lines, unless both rows
declare a revision; a subject spelled with a Cyrillic letter or a
zero-width space is a finding naming both spellings.
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import pkgutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sociaaldomein.app
from sociaaldomein import Indicator, IndicatorSet, LoadError, Measurement, Period, Plugins
from sociaaldomein.app.delivery import make_template
from sociaaldomein.app.delivery_status import check_deliveries
from sociaaldomein.app.file_checks import check_files
from sociaaldomein.app.identity import Placed, identify
from sociaaldomein.app.measured_table import COLUMNAR_FROM_BYTES
from sociaaldomein.app.run import account_for, gather_measurements
from sociaaldomein.cli import main
from sociaaldomein.cli.parser import build_parser
from sociaaldomein.io.loading import save_toml
from sociaaldomein.model.measurement_type import BUILTIN_MEASUREMENT_TYPES

HEADER = "indicator,subject,period,value,status,revision\n"
INDICATOR = Indicator("bereik", "Bereik", "percentage")
TYPES = {t.name: t for t in BUILTIN_MEASUREMENT_TYPES}


@pytest.fixture
def set_file(tmp_path: Path) -> Path:
    path = tmp_path / "set.toml"
    save_toml(IndicatorSet("t", "T", "1", indicators=[INDICATOR]), path)
    return path


def write(folder: Path, name: str, *rows: str) -> Path:
    path = folder / name
    path.write_text(HEADER + "".join(f"{row}\n" for row in rows), encoding="utf-8")
    return path


# -- the case from the issue --------------------------------------------------------------


def test_the_same_measurement_in_two_files_is_an_error_naming_both_files_and_lines(
    tmp_path, set_file
):
    a = write(tmp_path, "a.csv", "bereik,Emmen,2020,10,,", "bereik,Assen,2020,40,,")
    b = write(tmp_path, "b.csv", "bereik,Assen,2020,20,,")
    findings = check_files([set_file, a, b], Plugins(entry_points=False))
    errors = [(f.file, f.where, f.message) for f in findings if f.severity.value == "error"]
    assert errors == [
        (
            str(b),
            "line 2",
            f"bereik voor Assen 2020 staat ook in {a} (line 3); verwijder er een, of geef beide"
            " een revisie of een as_of-datum",
        )
    ]
    for first, second in ((a, b), (b, a)):  # whichever comes first, no verdict
        with pytest.raises(LoadError) as raised:
            account_for(set_file=set_file, measurements=[first, second], subject="Assen")
        [problem] = raised.value.problems
        assert problem.file == str(second)
        assert f"staat ook in {first} (line" in problem.message


def test_declared_revisions_in_two_files_are_one_history_whichever_file_comes_first(
    tmp_path, set_file
):
    old = write(tmp_path, "old.csv", "bereik,Assen,2020,20,definitive,1")
    new = write(tmp_path, "new.csv", "bereik,Assen,2020,45,definitive,2")
    for order in ([old, new], [new, old]):
        run = account_for(set_file=set_file, measurements=order)
        assert [m.value for m in run.measurements] == [45.0]
        [revised] = [f for f in run.findings if f.rule == "revision"]
        assert str(old) in revised.file
        assert str(new) in revised.file
    assert not [
        f
        for f in check_files([set_file, old, new], Plugins(entry_points=False))
        if f.severity.value == "error"
    ]


def test_a_measurement_in_a_file_and_among_objects_names_both(tmp_path, set_file):
    a = write(tmp_path, "a.csv", "bereik,Assen,2020,40,,")
    given = Measurement("bereik", "Assen", Period.parse("2020"), 20)
    with pytest.raises(LoadError) as raised:
        gather_measurements([a, given], [INDICATOR], TYPES)
    [problem] = raised.value.problems
    assert (problem.file, problem.where) == ("<measurements>", "measurement 2")
    assert f"{a} (line 2)" in problem.message


def test_the_same_measurement_in_a_csv_and_an_xlsx_file_names_the_line_and_the_sheet_row(
    tmp_path, set_file
):
    pytest.importorskip("openpyxl")
    from sociaaldomein.io.xlsx import write_xlsx

    a = write(tmp_path, "a.csv", "bereik,Assen,2020,40,,")
    book = tmp_path / "b.xlsx"
    write_xlsx(
        [{"indicator": "bereik", "subject": "Assen", "period": "2020", "value": 20}],
        book,
        sheet="Metingen",
    )
    with pytest.raises(LoadError) as raised:
        account_for(set_file=set_file, measurements=[a, book])
    [problem] = raised.value.problems
    assert (problem.file, problem.where) == (str(book), "sheet 'Metingen' row 2")
    assert f"{a} (line 2)" in problem.message


def test_one_file_given_twice_is_one_error_not_one_per_row(tmp_path, set_file):
    a = write(tmp_path, "a.csv", "bereik,Assen,2020,40,,", "bereik,Emmen,2020,10,,")
    findings = check_files([set_file, a, tmp_path / "." / "a.csv"], Plugins(entry_points=False))
    errors = [(f.file, f.message) for f in findings if f.severity.value == "error"]
    assert errors == [(str(a), "dit bestand is twee keer als bron gegeven; geef het een keer")]


def test_a_large_file_and_a_small_one_go_through_the_same_identity(tmp_path, set_file):
    """Several files never take the columnar path: the big file must still meet the small one."""
    rows = [f"bereik,S{n},2020,{n % 100},," for n in range(COLUMNAR_FROM_BYTES // 20)]
    big = write(tmp_path, "big.csv", *rows)
    assert big.stat().st_size >= COLUMNAR_FROM_BYTES
    small = write(tmp_path, "small.csv", "bereik,S7,2020,99,,")
    with pytest.raises(LoadError, match="S7 2020 staat ook in"):
        account_for(set_file=set_file, measurements=[big, small], subject="S7")


# -- every entry that takes several measurement sources ----------------------------------


def measurement_commands() -> list[str]:
    """Every command that reads measurement files: those with --set-file and several PATHs."""
    parser = build_parser()
    [commands] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    found = []
    for name, sub in commands.choices.items():
        dests = {action.dest: action for action in sub._actions}
        if "set_file" in dests and dests.get("paths") and dests["paths"].nargs in ("+", "*"):
            found.append(name)
    return found


def test_every_command_taking_several_measurement_files_refuses_a_duplicate_across_them(
    tmp_path, set_file, capsys, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    commands = measurement_commands()
    assert {"validate", "evaluate", "report"} <= set(commands)
    a = write(tmp_path, "a.csv", "bereik,Assen,2020,40,,")
    b = write(tmp_path, "b.csv", "bereik,Assen,2020,20,,")
    # What a command needs besides the set and the files.
    extra = {
        "template": ["--subject", "Assen", "--period", "2021", "-o", str(tmp_path / "t.xlsx")],
        "status": ["--period", "2020"],
    }
    for command in commands:
        code = main([command, "--set-file", str(set_file), str(a), str(b), *extra.get(command, [])])
        out = capsys.readouterr()
        shown = out.out + out.err
        assert code == 1, (command, shown)
        assert f"{b}: line 2" in shown, (command, shown)
        assert f"{a} (line 2)" in shown, (command, shown)


#: How each public function of the app layer that takes measurement sources is called.
CALLS = {
    "account_for": lambda set_file, files: account_for(set_file=set_file, measurements=files),
    "check_files": lambda set_file, files: _raise_errors(
        check_files([set_file, *files], Plugins(entry_points=False))
    ),
    "gather_measurements": lambda set_file, files: gather_measurements(files, [INDICATOR], TYPES),
    "make_template": lambda set_file, files: make_template(
        Plugins(entry_points=False),
        None,
        Path(files[0]).with_name("t.xlsx"),
        set_file=set_file,
        subject="Assen",
        period=Period.year(2021),
        measurements=files,
    ),
    "check_deliveries": lambda set_file, files: check_deliveries(
        Plugins(entry_points=False), None, files, set_file=set_file, period=Period.year(2020)
    ),
}


#: Functions that take paths but read no measurements from them.
EXEMPT = {"sort_inputs": "only sorts paths into plan, set and measurement files"}


def _raise_errors(findings):
    errors = [f for f in findings if f.severity.value == "error"]
    if errors:
        raise LoadError(errors)


def test_every_api_entry_taking_several_measurement_sources_refuses_a_duplicate_across_them(
    tmp_path, set_file
):
    takers = set()
    for info in pkgutil.iter_modules(sociaaldomein.app.__path__):
        module = importlib.import_module(f"sociaaldomein.app.{info.name}")
        for name in getattr(module, "__all__", ()):
            function = getattr(module, name)
            if not inspect.isfunction(function):
                continue
            for parameter in inspect.signature(function).parameters.values():
                annotation = str(parameter.annotation)
                if parameter.name in ("measurements", "sources", "paths") and (
                    "PathLike" in annotation or "MeasurementSource" in annotation
                ):
                    takers.add(name)
    assert takers - set(EXEMPT) == set(CALLS), "a new entry taking files: add it to CALLS"
    a = write(tmp_path, "a.csv", "bereik,Assen,2020,40,,")
    b = write(tmp_path, "b.csv", "bereik,Assen,2020,20,,")
    for name, call in CALLS.items():
        with pytest.raises(LoadError) as raised:
            call(set_file, [a, b])
        shown = str(raised.value)
        assert f"{b}: line 2" in shown, name
        assert f"{a} (line 2)" in shown, name


# -- the rule, as a property ---------------------------------------------------------------

_rows = st.lists(
    st.tuples(
        st.sampled_from(["Assen", "Emmen"]),
        st.sampled_from(["2019", "2020"]),
        st.integers(0, 100),
        st.sampled_from([None, 1, 2]),
        st.integers(0, 2),
    ),
    max_size=8,
)


@settings(max_examples=60, deadline=None)
@given(_rows)
def test_identity_does_not_depend_on_how_rows_are_split_over_files(rows):
    """Over three files or in one: the same duplicates, the same values in force."""
    made = [
        (Measurement("bereik", who, Period.parse(when), value, revision=revision), source)
        for who, when, value, revision, source in rows
    ]
    apart = [
        Placed(
            f"f{number}.csv",
            tuple(m for m, s in made if s == number),
            tuple(f"line {i}" for i, (_, s) in enumerate(made) if s == number),
        )
        for number in range(3)
    ]
    ordered = sorted(range(len(made)), key=lambda i: made[i][1])
    together = Placed(
        "all.csv", tuple(made[i][0] for i in ordered), tuple(f"line {i}" for i in ordered)
    )
    split, joined = identify(apart), identify([together])
    assert bool(split.duplicates) == bool(joined.duplicates)
    assert [f.where for f in split.duplicates] == [f.where for f in joined.duplicates]
    assert set(split.measurements) == set(joined.measurements)
    keys = [(m.indicator, m.subject, m.period, m.dimensions) for m in split.measurements]
    assert len(keys) == len(set(keys))  # one value in force per identity


def test_a_consistency_rule_between_two_files_is_checked_across_them(tmp_path):
    """validate checked the set's rules per file: 'a without b' in one file, 'b without a'
    in the other, where the run (account_for) holds both."""
    from sociaaldomein.model.consistency import Together

    set_file = tmp_path / "set.toml"
    counts = [Indicator(key, key.upper(), "count") for key in ("a", "b")]
    save_toml(
        IndicatorSet("c", "C", "1", indicators=counts, consistency=[Together(("a", "b"))]),
        set_file,
    )
    a = write(tmp_path, "a.csv", "a,Assen,2020,4,,", "a,Emmen,2020,4,,")
    b = write(tmp_path, "b.csv", "b,Assen,2020,5,,")
    findings = check_files([set_file, a, b], Plugins(entry_points=False))
    assert [(f.file, f.where, f.rule) for f in findings if f.severity.value == "error"] == [
        (str(a), "Emmen 2020", "consistency.together")
    ]


def test_a_reader_that_gives_no_places_still_takes_part_row_by_row():
    """A reader without places (MeasurementFile.places left empty) is placed by row."""
    from sociaaldomein.app.identity import placed_file
    from sociaaldomein.io.measurements import MeasurementFile

    row = Measurement("bereik", "Assen", Period.parse("2020"), 40)
    read = MeasurementFile("x.csv", (row,), (row, row), (), (), "utf-8", ",")
    found = identify([placed_file(read)])
    assert [(f.file, f.where) for f in found.duplicates] == [("x.csv", "row 2")]
    assert "x.csv (row 1)" in found.duplicates[0].message


def test_objects_on_both_sides_of_a_file_are_one_source_not_a_file_given_twice(tmp_path):
    a = write(tmp_path, "a.csv", "bereik,Assen,2020,40,,")
    before = Measurement("bereik", "Assen", Period.year(2019), 30.0)
    after = Measurement("bereik", "Assen", Period.year(2021), 50.0)
    found, _ = gather_measurements([before, a, after], [INDICATOR], TYPES)
    assert len(found) == 3
    again = Measurement("bereik", "Assen", Period.year(2019), 31.0)
    with pytest.raises(LoadError, match=r"measurement 3: .* \(measurement 1\)"):
        gather_measurements([before, a, again], [INDICATOR], TYPES)
