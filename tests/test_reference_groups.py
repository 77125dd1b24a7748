"""Reference groups (issue 26): comparable municipalities as one reference subject.

Each case is judged by ``evaluate_all``, the specification;
tests/test_engine_groups.py runs them again on the columnar engine, which
must agree word for word.
"""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from sociaaldomein import (
    ComparedTo,
    Coverage,
    GroupStatistic,
    Indicator,
    IndicatorSet,
    LoadError,
    Measurement,
    MeasurementTypeRegistry,
    Period,
    ReferenceGroup,
    Severity,
    Status,
    account_for,
    dump_toml,
    evaluate,
    evaluate_all,
    group_values,
    loads_toml,
    validate_set,
)
from sociaaldomein.plugin.manager import Plugins

TYPES = MeasurementTypeRegistry()
Y = Period.year
FOURTEEN = [f"Gemeente {letter}" for letter in "ABCDEFGHIJKLMN"]


def judge(indicators, rows, groups, references=()):
    """``evaluate_all``'s results by subject and period.

    The specification's path only (no polars: mutation runs use these tests);
    tests/test_engine_groups.py runs every case again with the columnar
    engine beside it and requires the same results.
    """
    apart = set(references)
    judged = [m for m in rows if m.subject not in apart]
    compared = [m for m in rows if m.subject in apart]
    expected = evaluate_all(indicators, judged, TYPES, references=compared, groups=groups)
    return {(e.subject, str(e.period)): e for e in expected}


def share(indicator, subject, year, numerator, denominator, **fields):
    return Measurement(
        indicator,
        subject,
        Y(year),
        Decimal(numerator) * 100 / Decimal(denominator),
        numerator=numerator,
        denominator=denominator,
        **fields,
    )


MEDIAN = ReferenceGroup("vergelijkbaar", ["Assen", "Emmen", "Hoogeveen", "Meppel"], "median")
AT_LEAST_MEDIAN = Indicator(
    "bereik",
    "Bereik",
    "percentage",
    target=ComparedTo("vergelijkbaar", "at_least", label="vergelijkbare gemeenten"),
)


def test_at_least_the_median_of_comparable_municipalities():
    rows = [
        Measurement("bereik", "Assen", Y(2023), 50),
        Measurement("bereik", "Emmen", Y(2023), 40),
        Measurement("bereik", "Hoogeveen", Y(2023), 47),
        Measurement("bereik", "Meppel", Y(2023), unknown="geheim"),
        Measurement("bereik", "Zuidwolde", Y(2023), 44),
    ]
    found = judge([AT_LEAST_MEDIAN], rows, [MEDIAN])
    # The median of 40, 47 and 50 (Meppel's value is not known): 47.
    assert found["Zuidwolde", "2023"].status is Status.NOT_MET
    assert found["Zuidwolde", "2023"].reference == 47
    assert found["Zuidwolde", "2023"].reason == (
        "44% t.o.v. vergelijkbare gemeenten (2023: mediaan 47%; 3 van 4 gemeenten)"
        " (doel: niet lager dan vergelijkbare gemeenten); niet gehaald"
    )
    assert found["Assen", "2023"].status is Status.MET


def test_a_regional_total_says_how_many_municipalities_delivered():
    region = ReferenceGroup("regio", FOURTEEN)
    indicator = Indicator(
        "wmo", "Wmo", "rate_per_1000", target=ComparedTo("regio", "at_most", label="de regio")
    )
    rows = [
        Measurement(
            "wmo", name, Y(2023), Decimal(number) * 1000 / 1000, numerator=number, denominator=1000
        )
        for number, name in enumerate(FOURTEEN[:12], start=30)
    ]
    rows.append(Measurement("wmo", FOURTEEN[12], Y(2023), unknown="niet gepubliceerd"))
    rows.append(Measurement("wmo", "Oss", Y(2023), 35, numerator=35, denominator=1000))
    found = judge([indicator], rows, [region])
    oss = found["Oss", "2023"]
    # (30 + ... + 41) / 12,000 per 1,000: the numerators and denominators added up.
    assert oss.reference == Decimal("35.5")
    assert "12 van 14 gemeenten" in oss.reason
    assert oss.status is Status.MET


def test_a_ratio_group_adds_numerators_and_denominators_not_percentages():
    group = ReferenceGroup("twee", ["Klein", "Groot"])
    indicator = Indicator("p", "P", "percentage", target=ComparedTo("twee", "at_least"))
    rows = [
        share("p", "Klein", 2023, 9, 10),  # 90%
        share("p", "Groot", 2023, 100, 1000),  # 10%
        share("p", "Oss", 2023, 20, 100),
    ]
    found = judge([indicator], rows, [group])
    # 109 of 1,010 is 10.79%, not the 50% an average of the two percentages gives.
    assert round(found["Oss", "2023"].reference, 2) == Decimal("10.79")
    assert found["Oss", "2023"].status is Status.MET


def test_a_count_group_adds_its_members_counts():
    group = ReferenceGroup("samen", ["A", "B", "C"])
    indicator = Indicator("n", "N", "count", target=ComparedTo("samen", "at_most"))
    rows = [Measurement("n", name, Y(2023), count) for name, count in (("A", 3), ("B", 4))]
    rows.append(Measurement("n", "Oss", Y(2023), 8))
    found = judge([indicator], rows, [group])
    assert found["Oss", "2023"].reference == 7
    assert found["Oss", "2023"].status is Status.NOT_MET
    assert "(2023: 7; 2 van 3 gemeenten)" in found["Oss", "2023"].reason


def test_a_group_with_no_member_delivering_is_no_data_with_a_dutch_reason():
    rows = [
        Measurement("bereik", "Meppel", Y(2023), unknown="geheim"),
        Measurement("bereik", "Zuidwolde", Y(2023), 44),
        Measurement("bereik", "Zuidwolde", Y(2024), 45),
    ]
    found = judge([AT_LEAST_MEDIAN], rows, [MEDIAN])
    for period in ("2023", "2024"):  # a member's unknown value, or no row at all
        result = found["Zuidwolde", period]
        assert result.status is Status.NO_DATA
        assert result.reason == (
            f"{44 if period == '2023' else 45}%; referentiewaarde vergelijkbare gemeenten voor"
            f" {period} ontbreekt: geen van de 4 gemeenten leverde een waarde"
            " (doel: niet lager dan vergelijkbare gemeenten)"
        )


def test_a_member_that_is_also_the_subject_counts_in_its_group():
    rows = [
        Measurement("bereik", "Assen", Y(2023), 50),
        Measurement("bereik", "Emmen", Y(2023), 40),
    ]
    found = judge([AT_LEAST_MEDIAN], rows, [MEDIAN])
    # Assen is judged, and its own value is in the median it is judged against (45).
    assert found["Assen", "2023"].reference == 45
    assert found["Assen", "2023"].status is Status.MET
    assert found["Emmen", "2023"].status is Status.NOT_MET
    assert "2 van 4 gemeenten" in found["Assen", "2023"].reason


def test_members_absent_from_the_measurements_count_as_not_delivered():
    group = ReferenceGroup("klasse", ["Assen", "Nergenshuizen", "Ergenshuizen"])
    indicator = Indicator("n", "N", "count", target=ComparedTo("klasse", "at_most"))
    rows = [Measurement("n", "Assen", Y(2023), 5), Measurement("n", "Oss", Y(2023), 4)]
    found = judge([indicator], rows, [group])
    assert "(2023: 5; 1 van 3 gemeenten)" in found["Oss", "2023"].reason


def test_unknown_values_do_not_count_as_delivered():
    group = ReferenceGroup("klasse", ["Assen", "Emmen"])
    values = group_values(
        [group],
        [
            Measurement("n", "Assen", Y(2023), 5),
            Measurement("n", "Emmen", Y(2023), unknown="geheim (kleine aantallen)"),
        ],
        {"n": TYPES["count"]},
    )
    assert [(v.value, v.coverage) for v in values] == [(5, Coverage(1, 2))]
    assert values[0].coverage.text() == "1 van 2 gemeenten"


def test_partial_coverage_without_numerators_is_no_data_naming_the_members():
    group = ReferenceGroup("klasse", ["Assen", "Emmen", "Meppel"])
    indicator = Indicator("p", "P", "percentage", target=ComparedTo("klasse", "at_least"))
    rows = [
        share("p", "Assen", 2023, 1, 4),
        Measurement("p", "Emmen", Y(2023), 30),  # a percentage without its fraction
        share("p", "Oss", 2023, 1, 2),
    ]
    found = judge([indicator], rows, [group])
    assert found["Oss", "2023"].status is Status.NO_DATA
    assert found["Oss", "2023"].reason == (
        "50%; referentiewaarde klasse voor 2023 ontbreekt: niet te berekenen: teller en"
        " noemer ontbreken bij Emmen (2 van 3 gemeenten) (doel: niet lager dan klasse)"
    )
    # The median needs no fraction: 25 and 30.
    median = ReferenceGroup("klasse", group.members, "median")
    assert judge([indicator], rows, [median])["Oss", "2023"].reference == Decimal("27.5")


def test_rows_under_a_groups_name_are_shown_never_compared_with():
    rows = [
        Measurement("bereik", "vergelijkbaar", Y(2023), 99),
        Measurement("bereik", "Assen", Y(2023), 50),
        Measurement("bereik", "Zuidwolde", Y(2023), 60),
    ]
    found = judge([AT_LEAST_MEDIAN], rows, [MEDIAN])
    assert found["Zuidwolde", "2023"].reference == 50  # Assen's, the one member measured
    assert found["vergelijkbaar", "2023"].status is Status.NOT_ASSESSED


def test_a_group_is_compared_per_slice():
    rows = [
        Measurement("bereik", "Assen", Y(2023), 50, dimensions={"leeftijd": "0-17"}),
        Measurement("bereik", "Assen", Y(2023), 30),
        Measurement("bereik", "Oss", Y(2023), 40, dimensions={"leeftijd": "0-17"}),
        Measurement("bereik", "Oss", Y(2023), 40),
    ]
    results = evaluate_all([AT_LEAST_MEDIAN], rows, groups=[MEDIAN])
    oss = {e.dimensions: e for e in results if e.subject == "Oss"}
    assert oss[()].status is Status.MET
    assert oss[(("leeftijd", "0-17"),)].status is Status.NOT_MET
    judge([AT_LEAST_MEDIAN], rows, [MEDIAN])


def test_evaluate_one_compares_with_a_group_from_its_references():
    result = evaluate(
        AT_LEAST_MEDIAN,
        Measurement("bereik", "Oss", Y(2023), 44),
        measurement_type=TYPES["percentage"],
        references=[
            Measurement("bereik", "Assen", Y(2023), 50),
            Measurement("bereik", "Emmen", Y(2023), 40),
            Measurement("bereik", "Emmen", Y(2022), 10),
        ],
        groups=[MEDIAN],
    )
    assert result.status is Status.NOT_MET
    assert result.reference == 45
    assert "2 van 4 gemeenten" in result.reason


SET = """id = "vergelijk"
name = "Vergelijken"

[[indicators]]
id = "bereik"
name = "Bereik"
measurement_type = "percentage"
target = { kind = "compared_to", subject = "G2", bound = "at_least", label = "vergelijkbaar" }

[reference_groups.G2]
members = ["Assen", "Emmen", "Hoogeveen"]
value = "median"
source = "een eigen lijst"
"""


def test_groups_load_from_a_set_and_round_trip():
    loaded = loads_toml(SET, IndicatorSet, file="set.toml")
    assert loaded.reference_groups == (
        ReferenceGroup("G2", ["Assen", "Emmen", "Hoogeveen"], "median", source="een eigen lijst"),
    )
    assert loads_toml(dump_toml(loaded), IndicatorSet) == loaded


@pytest.mark.parametrize(
    ("body", "where", "says"),
    [
        pytest.param(
            'members = ["Assen", "Emmen", "Assen"]',
            "reference_groups['G2']",
            "'Assen' staat twee keer in members (members[0] en members[2])",
            id="duplicate members",
        ),
        pytest.param("members = []", "reference_groups['G2']", "heeft geen leden", id="no members"),
        pytest.param(
            'members = "Assen"',
            "reference_groups",
            "reference_groups.G2.members: verwacht een lijst",
            id="text for a list",
        ),
        pytest.param(
            'members = ["Assen"]\nvalue = "mean"',
            "reference_groups['G2'].value",
            "'aggregate', 'median'",
            id="an unknown statistic",
        ),
        pytest.param(
            'members = ["Assen"]\nname = "G3"',
            "reference_groups",
            "de naam van een groep is haar sleutel",
            id="a second name",
        ),
    ],
)
def test_duplicate_members_and_other_bad_groups_are_errors_with_the_key_path(body, where, says):
    text = SET.split("[reference_groups.G2]")[0] + "[reference_groups.G2]\n" + body + "\n"
    with pytest.raises(LoadError) as raised:
        loads_toml(text, IndicatorSet, file="set.toml")
    [problem] = raised.value.problems
    assert problem.file == "set.toml"
    assert problem.where == where
    assert says in problem.message


def test_a_group_of_a_type_it_cannot_be_computed_for_is_a_validate_error():
    # A qualitative indicator's values are text: no total and no median.
    loaded = loads_toml(SET.replace('"percentage"', '"qualitative"'), IndicatorSet, file="s.toml")
    findings = validate_set(loaded, Plugins())
    [finding] = [f for f in findings if "referentiegroep" in f.message]
    assert finding.severity is Severity.ERROR
    assert finding.where == "bereik.target"
    assert finding.message.startswith("referentiegroep 'G2' (median) is niet te berekenen voor")
    # A numeric type is fine.
    numeric = validate_set(loads_toml(SET, IndicatorSet), Plugins())
    assert not [f for f in numeric if f.severity is Severity.ERROR]


def test_a_local_set_redefines_a_base_group_by_name(tmp_path):
    from sociaaldomein import resolve_set

    base = loads_toml(SET, IndicatorSet)
    local = IndicatorSet(
        "lokaal",
        "Lokaal",
        extends="vergelijk",
        reference_groups=[ReferenceGroup("G2", ["Assen", "Emmen"])],
    )
    flat = resolve_set("lokaal", {"vergelijk": base, "lokaal": local}).indicator_set
    assert flat.reference_groups == (ReferenceGroup("G2", ["Assen", "Emmen"]),)


def _run(tmp_path, rows):
    (tmp_path / "set.toml").write_text(SET, encoding="utf-8")
    lines = ["indicator,subject,period,value"] + [
        f"bereik,{subject},2023,{value}" for subject, value in rows
    ]
    (tmp_path / "m.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return account_for(
        set_file=tmp_path / "set.toml",
        measurements=[tmp_path / "m.csv"],
        subject="Zuidwolde",
        period="2023",
    )


def test_a_run_shows_the_groups_value_with_its_coverage_in_results_json_and_report(tmp_path):
    from sociaaldomein.render.report import build_report

    run = _run(tmp_path, [("Assen", 50), ("Emmen", 40), ("Zuidwolde", 44)])
    [result] = run.results
    assert result.status is Status.NOT_MET
    assert "vergelijkbaar (2023: mediaan 45%; 2 van 3 gemeenten)" in result.reason
    envelope = json.loads(json.dumps(run.envelope()))
    assert envelope["reference_groups"] == [
        {
            "indicator": "bereik",
            "group": "G2",
            "period": "2023",
            "statistic": "median",
            "value": 45,
            "delivered": 2,
            "members": 3,
            "coverage": "2 van 3 gemeenten",
            "shown": "45%",
            "note": "",
            "data_status": "definitive",
        }
    ]
    assert "2 van 3 gemeenten" in envelope["results"][0]["reason"]
    [row] = [row for section in build_report(run).sections for row in section.rows]
    assert ("G2", "mediaan 45% (2023; 2 van 3 gemeenten)") in row.references


def test_a_groups_coverage_reads_in_the_language_asked_for():
    from sociaaldomein.text.language import use_language

    rows = [Measurement("bereik", "Assen", Y(2023), 50), Measurement("bereik", "Oss", Y(2022), 1)]
    found = judge([AT_LEAST_MEDIAN], rows, [MEDIAN])
    with use_language("en"):
        assert "mediaan 50%; 1 of 4 municipalities" not in found["Assen", "2023"].reason
        assert "median 50%; 1 of 4 municipalities" in found["Assen", "2023"].reason
        assert "none of the 4 municipalities gave a value" in found["Oss", "2022"].reason
    assert Coverage(1, 1).text() == "1 van 1 gemeente"


def test_the_documented_group_toml_loads_as_a_set():
    from pathlib import Path

    reference = (Path(__file__).parent.parent / "docs" / "reference.md").read_text("utf-8")
    [block] = [
        body for body in reference.split("```toml\n")[1:] if body.startswith("[reference_groups.")
    ]
    text = 'id = "x"\nname = "X"\n' + block.split("```")[0]
    loaded = loads_toml(text, IndicatorSet, file="reference.md")
    [group] = loaded.reference_groups
    assert group.name == "vergelijkbare gemeenten"
    assert group.value is GroupStatistic.MEDIAN
    assert loaded.indicators[0].target.subject == group.name
    assert not [f for f in validate_set(loaded, Plugins()) if f.severity is Severity.ERROR]


def test_evaluate_and_report_on_the_command_line_show_the_groups_coverage(tmp_path, capsys):
    from sociaaldomein.cli import main

    _run(tmp_path, [("Assen", 50), ("Emmen", 40), ("Zuidwolde", 44)])
    files = [str(tmp_path / "set.toml"), str(tmp_path / "m.csv")]
    common = ["--subject", "Zuidwolde", "--period", "2023"]
    assert main(["evaluate", *files, *common, "--format", "json"]) == 0
    envelope = json.loads(capsys.readouterr().out)
    assert envelope["reference_groups"][0]["coverage"] == "2 van 3 gemeenten"
    assert "mediaan 45%; 2 van 3 gemeenten" in envelope["results"][0]["reason"]
    assert main(["report", *files, *common, "-o", str(tmp_path / "rapport")]) == 0
    written = (tmp_path / "rapport" / "report.md").read_text(encoding="utf-8")
    assert "mediaan 45% (2023; 2 van 3 gemeenten)" in written


def test_a_member_no_measurement_names_is_a_warning_naming_it(tmp_path):
    run = _run(tmp_path, [("Assen", 50), ("Emmen", 40), ("Zuidwolde", 44)])
    [absent] = [f for f in run.findings if f.rule == "groups.absent_member"]
    assert absent.severity is Severity.WARNING
    assert absent.where == "reference_groups.G2.members[2]"
    assert "'Hoogeveen'" in absent.message
    assert "telt als niet geleverd" in absent.message
