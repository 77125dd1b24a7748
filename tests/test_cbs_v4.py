"""Issue 26: figures as CBS publishes them now: OData v4 beside v3, names for codes,
values CBS does not publish kept, units converted exactly. Never the network."""

import datetime as dt
import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from cbs_shapes import IMPOSSIBLE, MISSING, SUPPRESSED, write_feeds
from hypothesis import given, settings
from hypothesis import strategies as st

from sociaaldomein import (
    DataStatus,
    Indicator,
    LoadError,
    Period,
    Plugins,
    Severity,
    SourceRef,
    format_measurements,
    parse_measurements,
)
from sociaaldomein.app.fetching import fetch_measurements
from sociaaldomein.model.measurement_type import MeasurementTypeRegistry
from sociaaldomein.sources.cbs import CBSSource
from sociaaldomein.sources.cbs_codes import period_code
from sociaaldomein.sources.cbs_names import CodeList, merged_into
from sociaaldomein.sources.cbs_units import conversion
from sociaaldomein.testing.cbs_feed import serve_feed

FEEDS = Path(__file__).parent / "data" / "cbs-feed"
TYPES = MeasurementTypeRegistry()
BESCHERMING = "Jongeren met jeugdbescherming"
RECLASSERING = "Jongeren met jeugdreclassering"
RATES = [(100, "%"), (1000, "per 1 000"), (10_000, "per 10 000"), (100_000, "per 100 000 inw.")]


def refuse(url, timeout):
    raise AssertionError(f"a test reached for the network: {url}")


def jeugd(title="Jongeren met jeugdhulp in natura", key="JongerenMetJeugdhulpInNatura_1", **ref):
    return Indicator(
        "bbv.jeugdhulp",
        "Jongeren met jeugdhulp",
        "percentage",
        fetch=SourceRef("cbs", "85098NED", key, title=title, **ref),
    )


def wmo(measurement_type="rate_per_10000", **ref):
    return Indicator(
        "bbv.wmo-maatwerk",
        "Wmo-cliënten",
        measurement_type,
        fetch=SourceRef(
            "cbs",
            "85639NED",
            "WmoClientenPer1000Inwoners_2",
            title="Wmo-cliënten per 1 000 inwoners",
            filters={"TypeMaatwerkvoorziening": "T001024"},
            **ref,
        ),
    )


def stored(api):
    return CBSSource(FEEDS / api, download=refuse)


def rows(found):
    return sorted(
        (m.subject, m.subject_code, str(m.period), m.value, m.unknown, m.status.value)
        for m in found.measurements
    )


# -- Why: v4 is CBS's current interface ----------------------------------------------


@pytest.mark.parametrize("api", ["v3", "v4"])
def test_v4_and_v3_documents_give_the_same_measurements(api):
    found = stored(api).fetch([jeugd(), wmo()], ["Assen", "Nederland"], [Period.year(2023)])
    assert rows(found) == [
        ("Assen", "GM0106", "2023", 16.3, "", "provisional"),
        ("Assen", "GM0106", "2023", 620, "", "provisional"),
        ("Assen", "GM0106", "2023-H1", 12.1, "", "revised_provisional"),
        ("Nederland", "NL01", "2023", 13.9, "", "provisional"),
        ("Nederland", "NL01", "2023", 580, "", "provisional"),
        ("Nederland", "NL01", "2023-H1", 11.7, "", "revised_provisional"),
    ]
    assert found.findings == ()


def test_v4_observations_modified_is_the_as_of_date_of_each_row():
    found = stored("v4").fetch([jeugd()], ["Assen"], [Period.year(2023)])
    assert {m.as_of for m in found.measurements} == {dt.date(2024, 10, 31)}


def test_v3_rows_carry_the_day_they_were_fetched(tmp_path):
    with serve_feed(FEEDS / "v3") as feed:
        found = CBSSource(tmp_path, feed=feed.url).fetch([jeugd()], ["Assen"], online=True)
    assert {m.as_of for m in found.measurements} == {dt.datetime.now(dt.UTC).date()}


# -- Why: a value CBS does not publish vanished -------------------------------------


def test_a_null_cell_is_a_value_not_known_never_a_zero_and_never_dropped():
    bescherming = jeugd("Jongeren met jeugdbescherming", "JongerenMetJeugdbescherming_3")
    found = stored("v3").fetch([bescherming], ["Assen"], [Period.year(2023)])
    unknown = [m for m in found.measurements if str(m.period) == "2023"]
    assert [(m.value, m.unknown, m.status) for m in unknown] == [
        (None, "niet gepubliceerd", DataStatus.PROVISIONAL)
    ]


@pytest.mark.parametrize(
    ("title", "key", "period", "reason"),
    [
        (BESCHERMING, "JongerenMetJeugdbescherming_3", "2023", "geheim (kleine aantallen)"),
        (RECLASSERING, "JongerenMetJeugdreclassering_5", "2023-H1", "niet mogelijk"),
        (RECLASSERING, "JongerenMetJeugdreclassering_5", "2023", "niet gepubliceerd"),
    ],
)
def test_v4_value_attributes_and_left_out_cells_are_values_not_known_with_dutch_reasons(
    title, key, period, reason
):
    found = stored("v4").fetch([jeugd(title, key)], ["Assen"], [Period.year(2023)])
    by_period = {str(m.period): m for m in found.measurements}
    assert (by_period[period].value, by_period[period].unknown) == (None, reason)


def test_a_value_not_known_is_no_data_with_its_reason_in_the_evaluation():
    from sociaaldomein import Status, evaluate_all

    bescherming = jeugd("Jongeren met jeugdbescherming", "JongerenMetJeugdbescherming_3")
    found = stored("v4").fetch([bescherming], ["Assen"], [Period.year(2023)])
    year = [m for m in found.measurements if m.period == Period.year(2023)]
    (result,) = evaluate_all([bescherming], year)
    assert result.status is Status.NO_DATA
    assert "geheim (kleine aantallen)" in result.reason


# -- Why: subjects are codes --------------------------------------------------------


@pytest.mark.parametrize("api", ["v3", "v4"])
@pytest.mark.parametrize("given", ["Assen", "assen", " ASSEN ", "GM0106", "gm0106"])
def test_subject_assen_is_found_by_name_or_code_and_shown_by_name(api, given):
    found = stored(api).fetch([jeugd()], [given], [Period.year(2023)])
    assert {(m.subject, m.subject_code) for m in found.measurements} == {("Assen", "GM0106")}


def test_a_region_given_by_name_and_by_code_is_fetched_once():
    once = stored("v4").fetch([jeugd()], ["Assen"], [Period.year(2023)])
    twice = stored("v4").fetch([jeugd()], ["Assen", "GM0106", "assen"], [Period.year(2023)])
    assert twice == once


def test_a_name_no_table_has_is_a_finding_that_suggests_one_and_fetches_nothing():
    found = stored("v4").fetch([jeugd()], ["Asen"], [Period.year(2023)])
    assert found.measurements == ()
    assert [f.severity for f in found.findings] == [Severity.ERROR]
    assert "'Asen' is geen regio van deze tabel; bedoelde u 'Assen'?" in found.findings[0].message


def test_a_table_without_regions_gives_its_national_figures_whatever_the_subjects(tmp_path):
    shutil.copytree(FEEDS / "v4" / "84469NED", tmp_path / "84469NED")
    dimensions = tmp_path / "84469NED" / "Dimensions.json"
    document = json.loads(dimensions.read_text(encoding="utf-8"))
    document["value"] = [d for d in document["value"] if d["Kind"] != "GeoDimension"]
    dimensions.write_text(json.dumps(document), encoding="utf-8")
    participatie = Indicator(
        "participatie",
        "Netto arbeidsparticipatie",
        "percentage",
        fetch=SourceRef(
            "cbs", "84469NED", "x", title="Netto arbeidsparticipatie",
            filters={"Persoonskenmerken": "T009002"},
        ),
    )  # fmt: skip
    found = CBSSource(tmp_path, download=refuse).fetch([participatie], ["Assen"])
    assert {(m.subject, m.subject_code) for m in found.measurements} == {("NL01", "NL01")}


def test_a_merged_municipality_is_a_finding_naming_what_it_merged_into():
    found = stored("v4").fetch([jeugd()], ["Haren"], [Period.year(2018)])
    assert [m.value for m in found.measurements] == [9.0]  # its figures from before still come
    (warning,) = found.findings
    assert warning.severity is Severity.WARNING
    assert "Haren (GM0017) bestaat niet meer: opgegaan in Groningen (GM0014)" in warning.message


@pytest.mark.parametrize(
    ("description", "into"),
    [
        (
            "Per 1 januari 2019 is Haren opgeheven en opgegaan in de gemeente Groningen.",
            "Groningen",
        ),
        ("Samengevoegd met Appingedam en Loppersum tot de nieuwe gemeente Eemsdelta.", "Eemsdelta"),
        ("Per 2021 toegevoegd aan Midden-Groningen (gemeente).", "Midden-Groningen"),
        ("Opgeheven per 1 januari 1998.", ""),
        ("", None),
        ("Gemeente met 68.000 inwoners.", None),
    ],
)
def test_what_a_region_description_says_it_merged_into(description, into):
    assert merged_into(description) == into


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.from_regex(r"GM[0-9]{4}", fullmatch=True),
            st.text(alphabet="abcdefghij -'", min_size=1, max_size=12).filter(str.strip),
        ),
        min_size=1,
        max_size=8,
        unique_by=(lambda p: p[0], lambda p: " ".join(p[1].casefold().split())),
    )
)
def test_every_code_and_every_distinct_title_of_a_code_list_finds_its_region(pairs):
    codes = CodeList.of([{"Key": code, "Title": title} for code, title in pairs], "Key")
    for code, title in pairs:
        assert codes.find(code) == (code, "")
        assert codes.find(title.upper()) == (code, "")


# -- Why: units change per vintage --------------------------------------------------


def test_a_per_1000_figure_becomes_a_per_10000_indicator_exactly_with_the_decimals_stated():
    found = stored("v4").fetch([wmo()], ["Assen"])
    (measurement,) = found.measurements
    assert measurement.value == 620
    assert measurement.note == (
        "eenheid bij CBS: per 1 000 inwoners, 0 decimalen;"
        " omgerekend naar per 10.000 inwoners: 0 decimalen"
    )


@settings(max_examples=80, deadline=None)
@given(
    st.decimals(min_value=0, max_value=10**9, places=3, allow_nan=False),
    st.sampled_from(RATES),
    st.sampled_from(["percentage", "rate_per_1000", "rate_per_10000", "rate_per_100000"]),
    st.integers(0, 3),
)  # fmt: skip
def test_a_rate_converts_into_any_rate_type_exactly_and_says_its_decimals(
    number, unit, name, places
):
    size, text = unit
    measurement_type = TYPES[name]
    made = conversion(text, text, places, measurement_type)
    assert not isinstance(made, str)
    rounded = number.quantize(Decimal(1).scaleb(-places))
    assert made.apply(number) == rounded * measurement_type.scale / size
    shift = len(str(measurement_type.scale)) - len(str(size))
    left = max(places - shift, 0)
    if shift:
        assert made.note.endswith(f"{left} decima{'al' if left == 1 else 'len'}")
    else:
        assert made.note == ""  # nothing converted, nothing to say


@pytest.mark.parametrize(
    ("mapped", "published", "name", "message"),
    [
        ("per 1 000", "aantal", "rate_per_10000", "fetch.unit is 'per 1 000', maar CBS publiceert"),
        ("", "per 1 000 inwoners", "count", "is een verhouding, maar 'count' niet"),
        ("aantal", "aantal", "rate_per_10000", "is geen verhouding, maar 'rate_per_10000' wel"),
        ("per 10 000", "", "amount", "is een verhouding, maar 'amount' niet"),
    ],
)  # fmt: skip
def test_any_other_unit_mismatch_is_an_error_not_a_guess(mapped, published, name, message):
    made = conversion(mapped, published, 0, TYPES[name])
    assert isinstance(made, str)
    assert message in made


def test_a_unit_that_cannot_become_the_type_is_an_error_naming_the_file_and_key_path(tmp_path):
    set_file = tmp_path / "eigen.toml"
    set_file.write_text(
        'id = "eigen"\nname = "Eigen"\nextends = "bbv-sociaal-domein"\n\n[[overrides]]\n'
        'indicator = "bbv.wmo-maatwerk"\nfetch = { source = "cbs", table = "85639NED",'
        ' column = "WmoClienten_1", unit = "aantal" }\n',
        encoding="utf-8",
    )
    with pytest.raises(LoadError) as error:
        fetch_measurements("cbs", set_file=set_file, subjects=["Assen"])
    (problem,) = error.value.problems
    assert (problem.file, problem.where) == (str(set_file), "bbv.wmo-maatwerk.fetch.unit")
    assert "eenheid 'aantal' is geen verhouding, maar 'rate_per_10000' wel" in problem.message


def test_a_table_that_moved_to_another_unit_names_the_file_of_the_mapping(tmp_path, monkeypatch):
    monkeypatch.setenv("SOCIAALDOMEIN_CBS_CACHE", str(FEEDS / "v4"))
    set_file = tmp_path / "eigen.toml"
    set_file.write_text(
        'id = "eigen"\nname = "Eigen"\nextends = "bbv-sociaal-domein"\n\n[[overrides]]\n'
        'indicator = "bbv.wmo-maatwerk"\nfetch = { source = "cbs", table = "85639NED",'
        ' column = "M000353", unit = "per 10 000 inwoners",'
        ' filters = { TypeMaatwerkvoorziening = "T001024" } }\n',
        encoding="utf-8",
    )
    found = fetch_measurements("cbs", set_file=set_file, subjects=["Assen"], periods=["2023"])
    (moved,) = [f for f in found.findings if f.where.endswith(".fetch.unit")]
    assert (moved.file, moved.where) == (str(set_file), "bbv.wmo-maatwerk.fetch.unit")
    assert not any(m.indicator == "bbv.wmo-maatwerk" for m in found.measurements)


def test_a_table_that_moved_to_another_unit_is_a_finding_with_the_key_path():
    found = stored("v4").fetch([wmo(unit="per 10 000 inwoners")], ["Assen"])
    assert found.measurements == ()
    assert found.findings[0].where == "bbv.wmo-maatwerk.fetch.unit"
    assert "CBS publiceert dit onderwerp nu in 'per 1 000 inwoners'" in found.findings[0].message


# -- Why: fetch could not be pointed at another feed ---------------------------------


@pytest.mark.parametrize("api", ["v3", "v4"])
def test_online_through_a_local_feed_with_paging_and_server_side_filters(api, tmp_path):
    with serve_feed(FEEDS / api, page_size=2) as feed:
        found = CBSSource(tmp_path, feed=feed.url).fetch(
            [jeugd()], ["Assen"], [Period.year(2023)], online=True
        )
        again = CBSSource(tmp_path, feed=feed.url, download=refuse).fetch(
            [jeugd()], ["Assen"], [Period.year(2023)]
        )
    data = [r for r in feed.requests if "/Observations" in r or "/TypedDataSet" in r]
    if api == "v4":
        assert "RegioS+eq+%27GM0106%27+and+Measure+eq+%27M004412%27" in data[0]
    else:
        assert "substringof%28%27GM0106%27%2CRegioS%29" in data[0]
    assert any("skip=2" in request for request in data)  # a second page was followed
    assert rows(found) == [
        ("Assen", "GM0106", "2023", 16.3, "", "provisional"),
        ("Assen", "GM0106", "2023-H1", 12.1, "", "revised_provisional"),
    ]
    assert [m.value for m in again.measurements] == [m.value for m in found.measurements]


def test_the_interface_is_found_from_the_feed_and_the_mapping_may_fix_it(tmp_path):
    with serve_feed(FEEDS / "v4") as feed:
        source = CBSSource(tmp_path, feed=feed.url)
        assert source.api("85098NED", online=True) == "v4"
        source.fetch([jeugd()], ["Assen"], online=True)
    assert (source.feed_cache() / "85098NED" / "Properties.json").exists()
    assert source.feed_cache().parent == tmp_path  # a folder of its own for this feed
    assert source.api("85098NED", online=False) == "v4"  # the cache says so from now on
    wrong = stored("v4").fetch([jeugd(api="v5")], ["Assen"])
    assert "verwacht: één van v3 en v4" in wrong.findings[0].message


def test_the_feed_comes_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("SOCIAALDOMEIN_CBS_FEED", "http://127.0.0.1:9/mirror/")
    assert CBSSource(tmp_path).feed == "http://127.0.0.1:9/mirror"
    assert CBSSource(tmp_path).at("http://elders").feed == "http://elders"


def test_every_source_takes_a_feed_or_refuses_it_by_name():
    from test_sources_hook import Registration, plugin

    from sociaaldomein.sources.base import Source, SourceError

    sources = Plugins([plugin(Registration())], entry_points=False).sources
    assert set(sources) == {"cbs", "registratie"}
    for name, source in sources.items():
        if type(source).at is Source.at:
            with pytest.raises(SourceError, match=f"bron {name!r} leest niet van een feed"):
                source.at("http://127.0.0.1:9")
            continue
        moved = source.at("http://127.0.0.1:9")
        assert moved.name == name
        assert moved is not source


# -- the code is kept: every writer and reader carries subject_code ------------------


def test_every_writer_and_reader_keeps_the_subject_s_code(tmp_path):
    found = stored("v4").fetch([jeugd()], ["Assen"], [Period.year(2023)])
    text = format_measurements(found.measurements)
    assert text.splitlines()[0].endswith(",unknown,subject_code") is False
    assert "subject_code" in text.splitlines()[0]
    assert parse_measurements(text) == list(found.measurements)
    pytest.importorskip("openpyxl")
    from sociaaldomein.io.xlsx import load_measurements_xlsx
    from sociaaldomein.io.xlsx_writing import write_measurements_xlsx

    write_measurements_xlsx(found.measurements, tmp_path / "m.xlsx")
    assert load_measurements_xlsx(tmp_path / "m.xlsx") == list(found.measurements)


def test_the_stored_feeds_are_what_their_generator_writes(tmp_path):
    # tests/cbs_shapes.py writes them; a hand edit would drift from both shapes alike.
    write_feeds(tmp_path)
    stored_files = sorted(p.relative_to(FEEDS) for p in FEEDS.rglob("*.json"))
    assert stored_files == sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*.json"))
    for name in stored_files:
        assert json.loads((tmp_path / name).read_text("utf-8")) == json.loads(
            (FEEDS / name).read_text("utf-8")
        ), name


# -- one set of rules for both shapes -------------------------------------------------

CELL = st.one_of(
    st.decimals(min_value=0, max_value=100, places=2, allow_nan=False).map(float),
    st.sampled_from([SUPPRESSED, IMPOSSIBLE, MISSING]),
)
PERIODS = {
    "2022JJ00": ("2022", "Definitief"),
    "2023HJ01": ("2023 1e halfjaar", "Nader voorlopig"),
    "2023JJ00": ("2023", "Voorlopig"),
}


@settings(max_examples=25, deadline=None)
@given(
    st.dictionaries(
        st.tuples(st.sampled_from(["NL01", "GM0106"]), st.sampled_from(sorted(PERIODS))), CELL
    ),
    st.integers(0, 2),
)
def test_both_shapes_of_any_table_give_the_same_rows_and_never_drop_or_zero_a_cell(
    tmp_path_factory, cells, decimals
):
    root = tmp_path_factory.mktemp("feeds")
    spec = {
        "title": "Indicatoren jeugdzorg in natura; gemeenten",
        "geo": "RegioS",
        "dimensions": {},
        "regions": ["NL01", "GM0106"],
        "periods": PERIODS,
        "measures": [("Jeugdhulp_1", "M000001", "Jongeren met jeugdhulp in natura", "%", decimals)],
        "cells": {key: [value] for key, value in cells.items()},
    }
    write_feeds(root, {"85098NED": spec})
    got = {}
    for api in ("v3", "v4"):
        found = CBSSource(root / api, download=refuse).fetch([jeugd()], ["Assen", "Nederland"])
        assert found.findings == (), api
        got[api] = {(m.subject_code, str(m.period)): m for m in found.measurements}
    # Never dropped: every region asked, every period of the code list.
    assert len(got["v3"]) == len(got["v4"]) == 2 * len(PERIODS)
    for key, v4 in got["v4"].items():
        v3 = got["v3"][key]
        assert (v3.subject, v3.value, v3.status, v3.subject_code) == (
            v4.subject, v4.value, v4.status, v4.subject_code,
        )  # fmt: skip
        cell = cells.get((key[0], period_code(v4.period)))
        if isinstance(cell, float):
            assert v4.value == float(Decimal(str(cell)).quantize(Decimal(1).scaleb(-decimals)))
        else:  # never a zero: a value not known, v3 with the one reason it can give
            assert v4.value is None
            assert v3.unknown == "niet gepubliceerd"
            assert v4.unknown == {
                id(SUPPRESSED): "geheim (kleine aantallen)",
                id(IMPOSSIBLE): "niet mogelijk",
            }.get(id(cell), "niet gepubliceerd")
