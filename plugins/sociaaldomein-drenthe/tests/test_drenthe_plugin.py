"""The Drenthe plugin: the shared base set and Assen's local colouring."""

import sociaaldomein_drenthe

from sociaaldomein import AtLeast, Plugins, RisingTrend
from sociaaldomein.app.checks import validate_set


def plugins():
    return Plugins([sociaaldomein_drenthe], entry_points=False)


def test_the_base_set():
    loaded = plugins()
    assert loaded.problems == []
    base = loaded.resolve("drenthe").indicator_set
    assert len(base.indicators) >= 20
    types = {indicator.measurement_type for indicator in base.indicators}
    assert {"percentage", "rate_per_1000", "count", "grade", "qualitative"} <= types
    themes = {theme for indicator in base.indicators for theme in indicator.themes}
    assert {"wmo", "jeugd", "participatie"} <= themes
    assert all(indicator.source for indicator in base.indicators)
    assert validate_set(base, loaded) == []


def test_assen_colours_the_base_in():
    resolved = plugins().resolve("assen")
    flat = resolved.indicator_set
    ids = {indicator.id for indicator in flat.indicators}
    assert "assen.buurtinitiatieven" in ids
    assert "sociale-basis.inzet-uren" not in ids
    assert resolved.retired["sociale-basis.inzet-uren"][0] == "assen"
    satisfaction = next(i for i in flat.indicators if i.id == "jeugd.tevredenheid")
    assert satisfaction.target == AtLeast(7.5)
    assert resolved.origin("jeugd.tevredenheid", "target") == "assen"
    assert resolved.origin("jeugd.tevredenheid", "measurement_type") == "drenthe"
    fit = next(i for i in flat.indicators if i.id == "wmo.ondersteuning-past")
    assert fit.tolerance == RisingTrend("previous")
    assert resolved.origin("wmo.ondersteuning-past", "target") == "drenthe"
    assert len(flat.indicators) == len(plugins().resolve("drenthe").indicator_set.indicators)
