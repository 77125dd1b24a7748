"""fetch_measurements, as ``sociaaldomein fetch cbs --set bbv-sociaal-domein`` runs it, offline."""

from pathlib import Path

import pytest
import sociaaldomein_bbv

from sociaaldomein import DataStatus, Plugins, UnknownNameError, format_measurements
from sociaaldomein.app.fetching import fetch_measurements
from sociaaldomein.io.loading import load_measurements

STORED = Path(__file__).resolve().parents[3] / "tests" / "data" / "cbs-feed" / "v3"


@pytest.mark.skipif(not STORED.exists(), reason="the main project's tests/data/cbs is absent")
def test_fetch_writes_a_file_that_validates_against_the_set(tmp_path, monkeypatch):
    monkeypatch.setenv("SOCIAALDOMEIN_CBS_CACHE", str(STORED))
    plugins = Plugins([sociaaldomein_bbv], entry_points=False)
    found = fetch_measurements(
        "cbs",
        set_id="bbv-sociaal-domein",
        subjects=["GM0106"],
        periods=["2020..2024"],
        plugins=plugins,
    )
    assert found.findings == ()
    assert sorted({str(m.period) for m in found.measurements}) == ["2022", "2023", "2023-H1"]
    out = tmp_path / "metingen.csv"
    out.write_text(format_measurements(found.measurements), encoding="utf-8")
    indicators = plugins.resolve("bbv-sociaal-domein").indicator_set.indicators
    again = load_measurements(out, indicators=indicators, types=plugins.measurement_types)
    assert again == list(found.measurements)
    assert {m.status for m in again} == set(DataStatus)


def test_an_unknown_source_names_the_known_ones():
    with pytest.raises(UnknownNameError, match=r"onbekende bron 'dwh' \(bekende bronnen: cbs\)"):
        fetch_measurements("dwh", set_id="x", plugins=Plugins(entry_points=False))
