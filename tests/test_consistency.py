import pytest

from sociaaldomein import (
    Indicator,
    IndicatorSet,
    InvalidValueError,
    Measurement,
    MeasurementTypeRegistry,
    Period,
    dump_toml,
    loads_toml,
    resolve_set,
)
from sociaaldomein.core.validation import check_consistency
from sociaaldomein.model.consistency import NotAbove, Together

TYPES = MeasurementTypeRegistry()
INDICATORS = {
    i.id: i
    for i in [
        Indicator("deelnemers", "Deelnemers", "count"),
        Indicator("doelgroep", "Doelgroep", "count"),
        Indicator("uren", "Uren", "hours"),
        Indicator("tarief", "Tarief", "amount"),
    ]
}


def m(indicator, subject, value, year=2024):
    return Measurement(indicator, subject, Period.year(year), value)


def check(rules, measurements):
    return [
        (f.where, f.severity.value, f.message)
        for f in check_consistency(rules, measurements, TYPES, INDICATORS)
    ]


def test_a_value_may_not_exceed_another():
    rules = [NotAbove("deelnemers", "doelgroep")]
    found = check(
        rules,
        [
            m("deelnemers", "Assen", 120),
            m("doelgroep", "Assen", 100),
            m("deelnemers", "Emmen", 80),
            m("doelgroep", "Emmen", 100),
            m("deelnemers", "Borger", 10),
        ],
    )
    assert found == [("Assen 2024", "error", "deelnemers (120) ligt boven doelgroep (100)")]
    reported = check(
        [NotAbove("deelnemers", "doelgroep", missing="report")], [m("deelnemers", "Borger", 10)]
    )
    assert reported == [
        (
            "Borger 2024",
            "warning",
            "doelgroep ontbreekt, dus deelnemers <= doelgroep kan niet gecontroleerd worden",
        )
    ]


def test_a_pair_is_measured_together():
    rules = [Together(["uren", "tarief"])]
    found = check(
        rules, [m("uren", "Assen", 100.0), m("tarief", "Emmen", 60), m("uren", "Emmen", 10.0)]
    )
    assert found == [
        ("Assen 2024", "error", "uren is gemeten maar tarief niet; de set vraagt om beide")
    ]
    assert check([Together(["uren", "tarief"], missing="skip")], [m("uren", "Assen", 1.0)]) == []
    with pytest.raises(InvalidValueError, match="twee verschillende indicatoren"):
        Together(["uren", "uren"])


def test_rules_come_from_toml_and_add_up_when_resolving():
    base = loads_toml(
        'id = "basis"\nname = "Basis"\n'
        '[[consistency]]\nkind = "not_above"\nindicator = "deelnemers"\nlimit = "doelgroep"\n',
        IndicatorSet,
    )
    assert base.consistency == (NotAbove("deelnemers", "doelgroep"),)
    local = IndicatorSet(
        "lokaal", "Lokaal", extends="basis", consistency=[Together(["uren", "tarief"])]
    )
    assert loads_toml(dump_toml(local), IndicatorSet) == local
    flat = resolve_set("lokaal", {"basis": base, "lokaal": local}).indicator_set
    assert [rule.kind for rule in flat.consistency] == ["not_above", "together"]
