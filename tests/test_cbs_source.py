"""The CBS StatLine source on stored answers: codes, status, units, the cache, no network."""

import datetime as dt
import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sociaaldomein import (
    DataStatus,
    Indicator,
    InvalidValueError,
    Period,
    Severity,
    SourceRef,
    format_measurements,
)
from sociaaldomein.sources import SourceError
from sociaaldomein.sources.cbs import CBSSource
from sociaaldomein.sources.cbs_codes import (
    parse_period_code,
    parse_status,
    period_code,
    region_kind,
    unit_scale,
)

STORED = Path(__file__).parent / "data" / "cbs"


def jeugd(column, measurement_type="percentage", **extra):
    return Indicator(
        f"jeugd.{column.lower()}",
        column,
        measurement_type,
        fetch=SourceRef("cbs", "85098NED", column, **extra),
    )


def wmo(measurement_type="rate_per_10000", column="WmoClientenPer1000Inwoners_6", **filters):
    return Indicator(
        "wmo.maatwerk",
        "Wmo-cliënten",
        measurement_type,
        fetch=SourceRef(
            "cbs", "86158NED", column, filters=filters or {"TypeMaatwerkvoorziening": "T001024"}
        ),
    )


def offline():
    def refuse(url, timeout):
        raise AssertionError(f"a test reached for the network: {url}")

    return CBSSource(STORED, download=refuse)


# -- codes -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "period"),
    [
        ("2020JJ00", Period.year(2020)),
        ("2020HJ01", Period.half_year(2020, 1)),
        ("2020HJ02", Period.half_year(2020, 2)),
        ("2020KW03", Period.quarter(2020, 3)),
        ("2020MM11", Period.month(2020, 11)),
        (" 2019MM01 ", Period.month(2019, 1)),
    ],
)
def test_period_codes(code, period):
    assert parse_period_code(code) == period


@pytest.mark.parametrize(
    ("code", "why"),
    [
        ("2015G300", "wordt niet begrepen; verwacht een jaar (2020JJ00)"),
        ("2020", "wordt niet begrepen; verwacht een jaar (2020JJ00)"),
        ("2020JJ01", "een jaar eindigt op JJ00"),
        ("2020KW05", "quarter must be 1 to 4"),
        ("2020MM13", "month must be 1 to 12"),
        ("2020HJ03", "half-year must be 1 or 2"),
    ],
)
def test_other_period_codes_are_refused_saying_why(code, why):
    with pytest.raises(InvalidValueError) as error:
        parse_period_code(code)
    assert str(error.value).startswith(f"CBS-periode '{code}'")
    assert why in str(error.value)


@given(
    st.integers(1900, 2100),
    st.sampled_from(["year", "half", "quarter", "month"]),
    st.integers(1, 12),
)
def test_a_period_code_reads_back_as_its_period(year, kind, number):
    period = {
        "year": Period.year(year),
        "half": Period.half_year(year, 1 + number % 2),
        "quarter": Period.quarter(year, 1 + number % 4),
        "month": Period.month(year, number),
    }[kind]
    assert parse_period_code(period_code(period)) == period


def test_a_range_has_no_period_code():
    with pytest.raises(InvalidValueError, match="geen periodecode"):
        period_code(Period.parse("2020..2021"))


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Voorlopig", DataStatus.PROVISIONAL),
        ("Nader voorlopig", DataStatus.REVISED_PROVISIONAL),
        ("Definitief", DataStatus.DEFINITIVE),
        ("Revisie", None),
        (None, None),
    ],
)
def test_period_status(text, status):
    assert parse_status(text) is status


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        ("NL01  ", "country"),
        ("PV22", "province"),
        ("GM0106", "municipality"),
        ("WK010601", "district"),
        ("BU01060101", "neighbourhood"),
        ("RE01", "region"),
    ],
)
def test_region_codes(code, kind):
    assert region_kind(code) == kind


@pytest.mark.parametrize(
    ("unit", "meaning"),
    [
        ("%", ("rate", 100)),
        ("per 1 000 inwoners", ("rate", 1000)),
        ("per 10 000 inwoners van 18 jaar of ouder", ("rate", 10000)),
        ("per 100 000", ("rate", 100000)),
        ("aantal", ("multiple", 1)),
        ("x 1 000", ("multiple", 1000)),
        ("x 1 000 euro", ("multiple", 1000)),
        ("mln euro", ("multiple", 1000000)),
        ("", None),
    ],
)
def test_units(unit, meaning):
    assert unit_scale(unit) == meaning


# -- fetching from the stored answers -------------------------------------------------


def test_youth_care_for_a_municipality_with_each_period_s_status():
    found = offline().fetch([jeugd("JongerenMetJeugdhulpInNatura_1")], ["GM0106"])
    by_period = {str(m.period): m for m in found.measurements}
    assert set(by_period) == {"2021", "2022", "2023-H1"}
    assert by_period["2021"].status is DataStatus.DEFINITIVE
    assert by_period["2022"].status is DataStatus.REVISED_PROVISIONAL
    assert by_period["2023-H1"].status is DataStatus.PROVISIONAL
    # Decimals = 1: 12.0499 is published as 12.0.
    assert by_period["2021"].value == 12.0
    assert {(m.subject, m.subject_code) for m in found.measurements} == {("Assen", "GM0106")}
    assert all(m.source == "CBS StatLine 85098NED" for m in found.measurements)
    # 2015G300 (a three-year average) has no Period: reported once, not guessed.
    assert [f.severity for f in found.findings] == [Severity.WARNING]
    assert "2015G300" in found.findings[0].message


def test_padded_region_codes_and_empty_cells():
    found = offline().fetch(
        [jeugd("JongerenMetJeugdreclassering_5")], ["NL01", "GM0106"], [Period.parse("2022..2023")]
    )
    keys = sorted((m.subject_code, str(m.period), m.unknown) for m in found.measurements)
    # GM0106 has no figure for 2022 (null): a value not known, never a gap or a zero.
    assert keys == [
        ("GM0106", "2022", "niet gepubliceerd"),
        ("GM0106", "2023-H1", ""),
        ("NL01", "2022", ""),
        ("NL01", "2023-H1", ""),
    ]
    assert found.findings == ()


def test_a_rate_per_1000_becomes_a_rate_per_10000_and_a_dimension_is_fixed():
    found = offline().fetch([wmo()], ["GM0106", "WK010601"])
    values = {m.subject_code: m.value for m in found.measurements}
    assert values == {"GM0106": 620, "WK010601": 550}
    assert {m.status for m in found.measurements} == {DataStatus.PROVISIONAL}
    assert found.measurements[0].period == Period.year(2025)
    slice_ = offline().fetch(
        [wmo("count", "WmoClienten_5", TypeMaatwerkvoorziening="A019507")], ["GM0106"]
    )
    assert [m.value for m in slice_.measurements] == [1500]


def test_a_unit_that_does_not_fit_the_measurement_type_is_a_finding():
    found = offline().fetch([wmo("count")], ["GM0106"])
    assert found.measurements == ()
    assert "is een verhouding, maar 'count' niet" in found.findings[0].message


@pytest.mark.parametrize(
    ("indicator", "message"),
    [
        (jeugd("Bestaatniet_9"), "heeft geen onderwerp 'Bestaatniet_9'; wel: Jongeren"),
        (wmo(Leeftijd="10000"), "ontbreekt: TypeMaatwerkvoorziening; onbekend: Leeftijd"),
        (jeugd("JongerenMetJeugdbescherming_3", "count"), "is een verhouding, maar 'count' niet"),
    ],
)
def test_mistakes_in_a_mapping_are_findings_that_say_what_exists(indicator, message):
    found = offline().fetch([indicator], ["GM0106"])
    assert found.measurements == ()
    assert found.findings[0].severity is Severity.ERROR
    assert message in found.findings[0].message
    assert found.findings[0].rule == "cbs"


def test_indicators_of_other_sources_are_skipped():
    local = Indicator("lokaal", "Lokaal", "count", source="eigen registratie")
    found = offline().fetch([local, jeugd("JongerenMetJeugdbescherming_3")], ["GM0106"])
    assert found.skipped == ("lokaal",)
    assert len(found.measurements) == 4 - 1  # 2015G300 is skipped


def test_offline_a_table_not_in_the_cache_is_a_finding(tmp_path):
    found = CBSSource(tmp_path).fetch([jeugd("JongerenMetJeugdhulpInNatura_1")], ["GM0106"])
    assert found.measurements == ()
    assert "staat niet in de cache" in found.findings[0].message
    assert "sociaaldomein fetch --online" in found.findings[0].message
    assert "online=True" not in found.findings[0].message


def test_online_it_fetches_follows_next_links_and_stores_the_documented_json(tmp_path):
    asked = []

    def download(url, timeout):
        asked.append(url)
        table, _, rest = url.removeprefix("https://opendata.cbs.nl/ODataFeed/odata/").partition("/")
        name = rest.partition("?")[0]
        if name == "TypedDataSet":
            stored = json.loads((STORED / table / "TypedDataSet.json").read_text(encoding="utf-8"))
            if "page=2" in url:
                return json.dumps({"value": stored["value"][2:]}).encode()
            first = {**stored, "value": stored["value"][:2], "odata.nextLink": url + "&page=2"}
            return json.dumps(first).encode()
        return (STORED / table / f"{name}.json").read_bytes()

    source = CBSSource(tmp_path, download=download)
    online = source.fetch([jeugd("JongerenMetJeugdhulpInNatura_1")], ["GM0106"], online=True)
    assert any("%24filter=substringof%28%27GM0106%27%2CRegioS%29" in url for url in asked)
    assert any(url.endswith("&page=2") for url in asked)
    stored = json.loads((tmp_path / "85098NED" / "TypedDataSet" / "GM0106.json").read_text())
    assert "odata.nextLink" not in stored
    assert len(stored["value"]) == 7
    # Afterwards the cache serves the same, without the network.
    again = CBSSource(tmp_path).fetch([jeugd("JongerenMetJeugdhulpInNatura_1")], ["GM0106"])
    assert again == online
    assert len(online.measurements) == 3


def test_a_network_failure_names_the_url(tmp_path):
    def download(url, timeout):
        raise OSError("connection refused")

    with pytest.raises(
        SourceError, match=r"kan https://opendata.cbs.nl/.* niet ophalen: connection refused"
    ):
        CBSSource(tmp_path, download=download).fetch(
            [jeugd("JongerenMetJeugdhulpInNatura_1")], ["GM0106"], online=True
        )


def test_a_broken_cache_file_names_the_file(tmp_path):
    shutil.copytree(STORED / "85098NED", tmp_path / "85098NED")
    (tmp_path / "85098NED" / "DataProperties.json").write_text('{"value": 3}')
    with pytest.raises(SourceError, match=r"DataProperties\.json: verwacht een JSON-object"):
        CBSSource(tmp_path).fetch([jeugd("JongerenMetJeugdhulpInNatura_1")], ["GM0106"])


def test_the_cache_folder_comes_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("SOCIAALDOMEIN_CBS_CACHE", str(STORED))
    found = CBSSource().fetch([jeugd("JongerenMetJeugdhulpInNatura_1")], ["GM0106"])
    assert len(found.measurements) == 3
    monkeypatch.delenv("SOCIAALDOMEIN_CBS_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert CBSSource().cache == tmp_path / "sociaaldomein" / "cbs"


def test_values_are_decimal_exact_after_scaling():
    found = offline().fetch([jeugd("JongerenMetJeugdhulpInNatura_1", "rate_per_1000")], ["GM0106"])
    by_period = {str(m.period): m.value for m in found.measurements}
    assert by_period["2023-H1"] == 102  # 10.2% is 102 per 1,000
    assert Decimal(str(by_period["2022"])) == Decimal("126")
    assert found.measurements[0].period.start >= dt.date(2021, 1, 1)


def test_the_standard_library_download_reads_a_url(tmp_path):
    from sociaaldomein.sources.cbs import _download

    stored = STORED / "85098NED" / "Perioden.json"
    assert _download(stored.as_uri(), 5) == stored.read_bytes()
    with pytest.raises(OSError, match="No such file"):
        _download((tmp_path / "weg.json").as_uri(), 5)


def test_a_subject_not_in_the_cache_is_a_finding_and_the_others_still_come():
    found = offline().fetch([wmo()], ["GM0106", "NL01"])
    assert [m.subject_code for m in found.measurements] == ["GM0106"]
    assert len(found.findings) == 1
    assert "86158NED/TypedDataSet/NL01.json" in found.findings[0].message


def test_a_count_is_a_whole_number_in_the_measurements_file():
    found = offline().fetch([wmo("count", "WmoClienten_5")], ["GM0106"])
    assert [type(m.value) for m in found.measurements] == [int]
    assert "wmo.maatwerk,Assen,2025,4300," in format_measurements(found.measurements)


def test_codes_that_could_leave_the_cache_folder_are_refused(tmp_path):
    with pytest.raises(InvalidValueError, match=r"'../GM0106' is geen regio"):
        CBSSource(tmp_path).fetch([jeugd("JongerenMetJeugdhulpInNatura_1")], ["../GM0106"])
    odd = Indicator("x", "X", "count", fetch=SourceRef("cbs", "../85098NED", "c"))
    refuse = offline()._download  # the stand-in that fails a test reaching for the network
    found = CBSSource(tmp_path, download=refuse).fetch([odd], ["GM0106"], online=True)
    assert "'../85098NED' is geen CBS-tabel" in found.findings[0].message
    assert list(tmp_path.iterdir()) == []
