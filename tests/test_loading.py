"""TOML and CSV loading: every problem of a file, each with file and key path or line."""

import os
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sociaaldomein import (
    AtLeast,
    Budget,
    BudgetLine,
    Change,
    Fallback,
    Funding,
    Indicator,
    IndicatorSet,
    LoadError,
    Margin,
    Measurement,
    Municipality,
    Organisation,
    OutputError,
    Override,
    Period,
    Project,
    Retirement,
    dump_toml,
    load_measurements,
    load_set,
    loads_toml,
    parse_measurements,
    save_toml,
    write_atomic,
)


def problems(text, cl=IndicatorSet, file="set.toml"):
    with pytest.raises(LoadError) as caught:
        loads_toml(text, cl, file=file)
    return [(p.where, p.message) for p in caught.value.problems], str(caught.value)


def test_every_problem_of_a_file_at_once_with_its_key_path():
    found, text = problems(
        """
        id = "drenthe"
        name = "Drenthe"
        [[indicators]]
        id = "a"
        name = "A"
        measurement_type = "percentage"
        target = { kind = "at_least", value = "veel" }
        [[indicators]]
        id = "b"
        name = 5
        measurement_type = "count"
        baseline_period = "2019-13"
        [[indicators]]
        id = "c"
        name = "C"
        measurement_type = "count"
        prestatievelden = [10]
        """
    )
    wheres = [where for where, _ in found]
    assert wheres == [
        "indicators[0].target.value",
        "indicators[1].name",
        "indicators[1].baseline_period",
        "indicators[2].prestatievelden[0]",
    ]
    assert "set.toml: indicators[0].target.value: verwacht een getal, gevonden tekst 'veel'" in text
    assert "verwacht tekst, gevonden een geheel getal 5" in text
    assert "er is geen prestatieveld 10" in text


def test_unknown_keys_suggest_the_right_one():
    found, _ = problems('id = "x"\nname = "X"\nextend = "drenthe"\n')
    assert found == [
        (
            "",
            "onbekende sleutel 'extend'; bedoelde u 'extends'? (verwachte sleutels: id, name,"
            " version, owner, description, extends, assignments, indicators, overrides, retired,"
            " consistency, trend_thresholds, reference_groups, taxonomy)",
        )
    ]


def test_unknown_target_kind_lists_the_kinds():
    found, _ = problems(
        'id = "x"\nname = "X"\n[[indicators]]\nid = "a"\nname = "A"\nmeasurement_type = "count"\n'
        'target = { kind = "minstens", value = 1 }\n'
    )
    assert found[0][0] == "indicators[0].target"
    assert "verwacht als kind een van 'at_least'" in found[0][1]


def test_rule_broken_inside_an_object_names_that_object():
    found, _ = problems(
        'id = "x"\nname = "X"\n[[indicators]]\nid = "a"\nname = "A"\nmeasurement_type = "count"\n'
        'target = { kind = "change", amount = 10 }\n'
    )
    assert found[0][0] == "indicators[0]"
    assert "vraagt om een richting" in found[0][1]


@pytest.mark.parametrize("entry", ['"a"', "3", "[1, 2]"])
def test_a_record_that_is_not_a_table_says_so_without_pythons_words(entry):
    found, _ = problems(f'id = "x"\nname = "X"\nindicators = [{entry}]\n')
    assert found == [("indicators[0]", "verwacht een tabel met de sleutels van een Indicator")]


def test_missing_required_key():
    found, _ = problems('name = "X"\n')
    assert found == [("id", "verplichte sleutel ontbreekt")]


def test_toml_syntax_error_has_a_line():
    found, text = problems('id = "x"\nname = \n')
    assert found[0][0] == "line 2"
    assert text.startswith("set.toml: line 2: geen geldige TOML")


def test_duplicate_indicator_ids_in_a_file():
    found, _ = problems(
        'id = "x"\nname = "X"\n'
        '[[indicators]]\nid = "a"\nname = "A"\nmeasurement_type = "count"\n'
        '[[indicators]]\nid = "a"\nname = "B"\nmeasurement_type = "count"\n'
    )
    assert "twee keer gevonden: a" in found[0][1]


def test_unreadable_file(tmp_path):
    path = tmp_path / "set.toml"
    path.write_bytes(b"\xff\xfe\x00binary")
    with pytest.raises(LoadError, match="geen UTF-8"):
        load_set(path)
    with pytest.raises(LoadError, match="niet te lezen"):
        load_set(tmp_path / "missing.toml")


EXAMPLES = [
    IndicatorSet(
        "drenthe-test",
        'Drenthe "test"\nmet nieuwe regel en ë',
        indicators=[
            Indicator("a", "Bereik", "percentage", target=AtLeast(15.5), tolerance=Margin(2)),
            Indicator(
                "b",
                "Vrijwilligers",
                "count",
                direction="higher_is_better",
                target=Change(10),
                tolerance=Fallback(AtLeast(1)),
                baseline_period=Period.year(2019),
                prestatievelden=[1, 4],
            ),
        ],
    ),
    IndicatorSet(
        "lokaal",
        "Lokaal",
        extends="drenthe-test",
        overrides=[Override("a", target=AtLeast(20), source="lokaal")],
        retired=[Retirement("b", "niet gemeten")],
    ),
    Project(
        "35",
        "Vraagarticulatie",
        submitters=[Organisation("Meander")],
        municipalities=[Municipality("Kampen", "GM0166"), Municipality("Leiden")],
        start=Period.month(2010, 1),
        end=Period.year(2010),
        budget_hours=125.5,
        budget=Budget(
            Period.parse("2005-09..2007-08"),
            lines=[BudgetLine("Inzet", "VWS", hours=100, rate=121)],
            funding=[Funding("VWS", Decimal("12100.10"))],
        ),
    ),
    Measurement(
        "a",
        "Assen",
        Period.half_year(2020, 2),
        12.5,
        n=300,
        dimensions={"leeftijd": "12-17"},
        status="provisional",
    ),
]


@pytest.mark.parametrize("obj", EXAMPLES, ids=lambda o: type(o).__name__)
def test_dump_then_load_gives_the_same_object(obj):
    assert loads_toml(dump_toml(obj), type(obj)) == obj


@given(st.text(), st.text(min_size=1).filter(str.strip))
def test_awkward_text_round_trips(description, name):
    obj = IndicatorSet("x", name, description=description)
    assert loads_toml(dump_toml(obj), IndicatorSet) == obj


def test_save_replaces_atomically(tmp_path, monkeypatch):
    path = tmp_path / "set.toml"
    save_toml(EXAMPLES[0], path)
    before = path.read_bytes()

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    # The one writer's error, naming the file (never its temporary file).
    with pytest.raises(OutputError, match=r"set\.toml.*No space"):
        write_atomic(path, "half written")
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["set.toml"]


def test_failing_serialisation_leaves_the_file(tmp_path):
    path = tmp_path / "set.toml"
    path.write_text("old")
    with pytest.raises(TypeError):
        save_toml(object(), path)
    assert path.read_text() == "old"


INDICATORS = [
    Indicator("bereik", "Bereik", "percentage"),
    Indicator("klaar", "Klaar", "milestone"),
    Indicator("verhaal", "Verhaal", "qualitative"),
]


def test_csv_measurements(tmp_path):
    path = tmp_path / "metingen.csv"
    path.write_text(
        "indicator,subject,period,value,n,source,note,dimension.leeftijd\n"
        'bereik,Assen,2020,"12,5",300,enquête,,12-17\n'
        "bereik,Assen,2021,,,,,\n".replace(",,,,,\n", ",,,,,\n")
        + "klaar,Assen,2021,ja,,,,\n"
        + "verhaal,Assen,2021,Goed op weg,,,,\n",
        encoding="utf-8",
    )
    with pytest.raises(LoadError, match="line 3: meting van 'bereik'"):
        load_measurements(path, indicators=INDICATORS)
    lines = path.read_text(encoding="utf-8").splitlines()
    del lines[2]
    path.write_text("\n".join(lines), encoding="utf-8")
    rows = load_measurements(path, indicators=INDICATORS)
    assert [m.value for m in rows] == [12.5, True, "Goed op weg"]
    assert rows[0].dimensions == (("leeftijd", "12-17"),)
    assert rows[0].n == 300


def test_csv_problems_name_their_line():
    text = (
        "indicator,subject,period,value,n,numerator,denominator,status\n"
        "onbekend,Assen,2020,1,,,,\n"
        "bereik,Assen,2020-13,1,,,,\n"
        "bereik,Assen,2020,130,,,,\n"
        "bereik,Assen,2020,,x,,,\n"
        "bereik,,2020,1,,,,\n"
        "bereik,Assen,2020,,,3,0,\n"
        "bereik,Assen,2020,1,,,,concept\n"
        "bereik,Assen,2020,,,30,200,provisional\n"
    )
    with pytest.raises(LoadError) as caught:
        parse_measurements(text, file="m.csv", indicators=INDICATORS)
    found = [(p.where, p.message.split(":")[0]) for p in caught.value.problems]
    assert found == [
        ("line 2", "indicator"),
        ("line 3", "period"),
        ("line 4", "value"),
        ("line 5", "n"),
        ("line 6", "subject"),
        ("line 7", "meting van 'bereik'"),
        ("line 8", "status"),
    ]
    assert all(p.file == "m.csv" for p in caught.value.problems)


def test_csv_header_problems():
    with pytest.raises(LoadError, match="kolom 'period' ontbreekt") as caught:
        parse_measurements("indicator,subject,value,extra\n", file="m.csv")
    assert "onbekende kolom 'extra'" in str(caught.value)


def test_fraction_gives_the_value():
    rows = parse_measurements(
        "indicator,subject,period,numerator,denominator\nbereik,Assen,2020,30,200\n",
        indicators=INDICATORS,
    )
    assert rows[0].value is None
    assert rows[0].numerator == 30
