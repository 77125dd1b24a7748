"""The sociaaldomein_sources hook: the built-in CBS source and a plugin's own."""

from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sociaaldomein import (
    Fetched,
    Indicator,
    LoadError,
    Measurement,
    Period,
    Plugins,
    Source,
    SourceRef,
    dump_toml,
    loads_toml,
)
from sociaaldomein.plugin import hookimpl
from sociaaldomein.sources.cbs import CBSSource


class Registration(Source):
    """A municipality's own registration, as a plugin would supply it."""

    name = "registratie"
    description = "Eigen registratie van de gemeente"

    def fetch(self, indicators, subjects=(), periods=(), *, online=False, types=None):
        wanted = [i for i in indicators if i.fetch and i.fetch.source == self.name]
        return Fetched(
            tuple(Measurement(i.id, s, Period.year(2024), 7) for i in wanted for s in subjects)
        )


def plugin(*sources):
    return SimpleNamespace(
        __name__="gemeente", sociaaldomein_sources=hookimpl(lambda: list(sources))
    )


def test_the_built_in_plugin_supplies_cbs():
    plugins = Plugins(entry_points=False)
    assert isinstance(plugins.sources["cbs"], CBSSource)
    assert plugins.problems == []


def test_a_plugin_adds_a_source_that_fetches():
    plugins = Plugins([plugin(Registration())], entry_points=False)
    assert list(plugins.sources) == ["cbs", "registratie"]
    counted = Indicator(
        "deelnemers", "Deelnemers", "count", fetch=SourceRef("registratie", "t", "c")
    )
    found = plugins.sources["registratie"].fetch([counted], ["GM0106"])
    assert [(m.indicator, m.subject, m.value) for m in found.measurements] == [
        ("deelnemers", "GM0106", 7)
    ]


def test_a_second_source_of_the_same_name_and_a_wrong_item_are_reported():
    plugins = Plugins([plugin(CBSSource(), "geen bron")], entry_points=False)
    assert list(plugins.sources) == ["cbs"]
    causes = [str(problem) for problem in plugins.problems]
    assert any("bronnaam 'cbs' is leeg of wordt al geleverd" in cause for cause in causes)
    assert any("gaf str 'geen bron'" in cause for cause in causes)


def test_a_set_that_fetches_from_an_unknown_source_gets_a_warning():
    from sociaaldomein import IndicatorSet, Severity
    from sociaaldomein.app.checks import validate_set

    indicators = [
        Indicator("a", "A", "count", fetch=SourceRef("cbs", "85098NED", "X_1")),
        Indicator("b", "B", "count", fetch=SourceRef("dwh", "t", "c")),
    ]
    findings = validate_set(
        IndicatorSet("s", "S", indicators=indicators), Plugins(entry_points=False)
    )
    assert [(f.severity, f.where) for f in findings] == [(Severity.WARNING, "b.fetch")]
    assert "fetch.source 'dwh' is geen bekende bron; bekend: cbs" in findings[0].message


@st.composite
def source_refs(draw):
    code = st.text(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_", min_size=1, max_size=12
    )
    return SourceRef(
        draw(code),
        draw(code),
        draw(code),
        filters=draw(st.dictionaries(code, code, max_size=3)),
    )


@given(source_refs())
def test_a_fetch_table_written_as_toml_reads_back_the_same(ref):
    indicator = Indicator("i", "I", "count", fetch=ref)
    assert loads_toml(dump_toml(indicator), Indicator) == indicator


def test_a_fetch_table_needs_source_table_and_column():
    head = 'id = "i"\nname = "I"\nmeasurement_type = "count"\n'
    with pytest.raises(LoadError) as error:
        loads_toml(head + 'fetch = { source = "cbs", table = "t" }\n', Indicator, file="i.toml")
    assert [(p.where, p.message) for p in error.value.problems] == [
        ("fetch.column", "verplichte sleutel ontbreekt")
    ]
    with pytest.raises(LoadError, match="table mag niet leeg zijn"):
        loads_toml(head + 'fetch = { source = "cbs", table = " ", column = "c" }\n', Indicator)
