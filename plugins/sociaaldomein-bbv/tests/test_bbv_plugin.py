"""The BBV plugin: the mandatory social-domain indicators, their sources, the taxonomies."""

from pathlib import Path

import pytest
import sociaaldomein_bbv

from sociaaldomein import (
    CBSSource,
    DataStatus,
    Period,
    Plugins,
    evaluate_all,
    format_measurements,
    parse_measurements,
)
from sociaaldomein.app.checks import validate_set
from sociaaldomein.model.taxonomy import group_by_theme

# The stored CBS answers of the main project's tests (the documented JSON, figures illustrative).
STORED = Path(__file__).resolve().parents[3] / "tests" / "data" / "cbs-feed" / "v3"


def plugins():
    return Plugins([sociaaldomein_bbv], entry_points=False)


def bbv():
    return plugins().resolve("bbv-sociaal-domein").indicator_set


def test_the_eleven_indicators_with_units_definitions_and_sources():
    loaded = plugins()
    assert loaded.problems == []
    base = bbv()
    assert [i.id.removeprefix("bbv.") for i in base.indicators] == [
        "banen",
        "jongeren-delict",
        "kinderen-uitkeringsgezin",
        "netto-arbeidsparticipatie",
        "werkloze-jongeren",
        "bijstand",
        "re-integratie",
        "jeugdhulp",
        "jeugdbescherming",
        "jeugdreclassering",
        "wmo-maatwerk",
    ]
    for indicator in base.indicators:
        assert indicator.source, indicator.id
        assert indicator.unit, indicator.id
        assert indicator.description.startswith("BBV-indicator "), indicator.id
        assert "https://" in indicator.description, indicator.id
    types = {i.id: i.measurement_type for i in base.indicators}
    assert types["bbv.bijstand"] == types["bbv.wmo-maatwerk"] == "rate_per_10000"
    assert types["bbv.banen"] == "rate_per_1000"
    fetched = {i.id: i.fetch.table for i in base.indicators if i.fetch}
    assert fetched == {
        "bbv.netto-arbeidsparticipatie": "84469NED",
        "bbv.jeugdhulp": "85098NED",
        "bbv.jeugdbescherming": "85098NED",
        "bbv.jeugdreclassering": "85098NED",
        "bbv.wmo-maatwerk": "85639NED",
    }
    # The rest say where they are published.
    for indicator in base.indicators:
        if indicator.fetch is None:
            assert "waarstaatjegemeente.nl" in indicator.source, indicator.id
    assert validate_set(base, loaded) == []


def test_the_taakvelden_and_the_wmo_2015_themes():
    taxonomies = plugins().taxonomies
    taakvelden = taxonomies["bbv-taakvelden"]
    ids = {theme.id for theme in taakvelden.walk()}
    assert {"tv6.1", "tv6.2", "tv6.6", "tv6.71a", "tv6.72", "tv6.81a", "tv6.82", "tv7.1"} <= ids
    assert taakvelden.find("tv6.82b").name == "6.82b Jeugdreclassering"
    assert taakvelden.covers("tv6.82", ("tv6.82a",))
    # Each taakveld is a top-level theme; every indicator sits under one of taakveld 6.
    groups = dict(
        (theme.id, items) for theme, items in group_by_theme(taakvelden, bbv().indicators)
    )
    assert {i.id for items in groups.values() for i in items} == {i.id for i in bbv().indicators}
    assert [i.id for i in groups["tv6.82"]] == [
        "bbv.jongeren-delict",
        "bbv.jeugdbescherming",
        "bbv.jeugdreclassering",
    ]
    assert groups["tv7.1"] == []
    wmo = taxonomies["wmo-2015"]
    assert [theme.id for theme in wmo.themes] == [
        "wmo2015.bevorderen",
        "wmo2015.ondersteunen",
        "wmo2015.bieden",
    ]
    assert "prestatievelden" in taxonomies
    every_tag = ids | {theme.id for theme in wmo.walk()}
    assert {tag for i in bbv().indicators for tag in i.themes} <= every_tag


@pytest.mark.skipif(not STORED.exists(), reason="the main project's tests/data/cbs is absent")
def test_fetched_cbs_figures_validate_against_the_set_and_evaluate():
    loaded = plugins()
    base = bbv()
    found = CBSSource(STORED).fetch(
        base, ["GM0106"], [Period.parse("2021..2025")], types=loaded.measurement_types
    )
    assert found.findings == ()
    assert len(found.skipped) == 6
    assert {m.indicator for m in found.measurements} == {
        "bbv.jeugdhulp",
        "bbv.jeugdbescherming",
        "bbv.jeugdreclassering",
        "bbv.wmo-maatwerk",
    }
    wmo = next(m for m in found.measurements if m.indicator == "bbv.wmo-maatwerk")
    assert (wmo.value, wmo.status) == (620, DataStatus.PROVISIONAL)
    # Written as a measurements file and read back against the set: nothing rejected.
    text = format_measurements(found.measurements)
    again = parse_measurements(text, indicators=base.indicators, types=loaded.measurement_types)
    assert again == list(found.measurements)
    assert {m.status for m in again} == set(DataStatus)
    evaluations = evaluate_all(base.indicators, again, loaded.measurement_types)
    assert len(evaluations) == len(again)


@pytest.mark.skipif(not STORED.exists(), reason="the main project's tests/data/cbs is absent")
def test_fetched_figures_written_as_csv_go_through_the_accountability_run(tmp_path):
    from sociaaldomein.app.run import account_for
    from sociaaldomein.render.markdown import render_markdown
    from sociaaldomein.render.report import build_report

    loaded = plugins()
    found = CBSSource(STORED).fetch(bbv(), ["GM0106"], types=loaded.measurement_types)
    measurements = tmp_path / "metingen.csv"
    measurements.write_text(format_measurements(found.measurements), encoding="utf-8")
    run = account_for(
        set_id="bbv-sociaal-domein",
        measurements=[measurements],
        period="2023",
        subject="Assen",
        plugins=loaded,
    )
    markdown = render_markdown(build_report(run, charts=False))
    assert (
        "| Cliënten met een maatwerkarrangement Wmo | niet beoordeeld | 620 per 10.000 |"
        in markdown
    )


def test_every_bbv_indicator_cbs_publishes_is_mapped_and_85098ned_has_cbs_s_title():
    # Issue 26: only 4 of 11 were mapped, and 85098NED was called "Jeugdzorg; jongeren,
    # regio"; CBS's page (https://www.cbs.nl/nl-nl/cijfers/detail/85098NED) says otherwise.
    text = (Path(sociaaldomein_bbv.__file__).parent / "bbv.toml").read_text(encoding="utf-8")
    assert "Jeugdzorg; jongeren, regio" not in text
    for indicator in bbv().indicators:
        if indicator.fetch is None:
            assert "waarstaatjegemeente.nl" in indicator.source, indicator.id
            continue
        table = indicator.fetch.table
        assert f"https://www.cbs.nl/nl-nl/cijfers/detail/{table}" in indicator.source
        assert indicator.fetch.title, indicator.id  # the measure's title on that page
        assert indicator.fetch.unit, indicator.id
    jeugd = {i.id: i.source for i in bbv().indicators if i.fetch and i.fetch.table == "85098NED"}
    assert len(jeugd) == 3
    assert all("Indicatoren jeugdzorg in natura; gemeenten" in s for s in jeugd.values())
