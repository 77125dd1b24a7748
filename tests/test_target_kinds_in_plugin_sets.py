"""The Drenthe and Meierijstad sets use the new kinds where they fit, and they evaluate."""

import sociaaldomein_drenthe
import sociaaldomein_meierijstad

from sociaaldomein import (
    AtLeast,
    Measurement,
    Period,
    Plugins,
    Status,
    aggregate,
    derive,
    evaluate_all,
    target_for,
    validate_set,
)
from sociaaldomein.text.numbers import as_decimal

Y = Period.year


def resolved(module, set_id):
    plugins = Plugins([module], entry_points=False)
    flat = plugins.resolve(set_id).indicator_set
    assert [f for f in validate_set(flat, plugins) if f.severity == "error"] == []
    return flat, plugins.measurement_types


def test_drenthe_derives_maatwerk_per_10000_and_compares_it_with_the_country():
    flat, types = resolved(sociaaldomein_drenthe, "drenthe")
    rows = [
        Measurement("wmo.maatwerk-per-1000", "Assen", Y(2023), numerator=3120, denominator=68000),
        Measurement("wmo.maatwerk-per-1000", "Emmen", Y(2023), numerator=5400, denominator=107000),
        Measurement(
            "wmo.maatwerk-per-1000", "Nederland", Y(2023), numerator=1103600, denominator=17800000
        ),
    ]
    wanted = [i for i in flat.all_indicators() if i.id.startswith("wmo.maatwerk")]
    results = {(r.indicator, r.subject): r for r in evaluate_all(wanted, rows, types)}
    assen = results["wmo.maatwerk-per-10000", "Assen"]
    assert assen.value == as_decimal(3120 * 10000 / 68000)  # a result's number is a Decimal
    assert assen.status is Status.MET  # 458,8 per 10.000, below the country's 620
    assert "t.o.v. landelijk (2023: 620 per 10.000)" in assen.reason  # 1.103.600 / 17,8 mln
    # the derived rates add up through their numerators and denominators
    derived = [m for m in derive(wanted, rows, types) if m.subject != "Nederland"]
    region = aggregate(derived, types["rate_per_10000"], subject="Drenthe")
    assert region.value == as_decimal((3120 + 5400) * 10000 / (68000 + 107000))


def test_assen_raises_its_satisfaction_target_per_budget_year():
    flat, _ = resolved(sociaaldomein_drenthe, "assen")
    tevredenheid = next(i for i in flat.all_indicators() if i.id == "jeugd.tevredenheid")
    assert [target_for(tevredenheid, Y(year)) for year in (2025, 2026, 2027)] == [
        AtLeast(7.5),
        AtLeast(7.6),
        AtLeast(7.8),
    ]


def test_meierijstad_reach_is_a_running_total_never_summed():
    flat, types = resolved(sociaaldomein_meierijstad, "meierijstad")
    bereik = next(i for i in flat.all_indicators() if i.id == "5.bereik")
    rows = [
        Measurement("5.bereik", "Meierijstad", Period.quarter(2024, q), value)
        for q, value in ((1, 40), (2, 65), (3, 80), (4, 95))
    ]
    results = evaluate_all([bereik], rows, types)
    assert [(str(r.period), r.value) for r in results][-1] == ("2024", 95)


def test_meierijstad_has_a_target_for_one_kern_beside_the_total():
    flat, types = resolved(sociaaldomein_meierijstad, "meierijstad")
    bereik = next(i for i in flat.all_indicators() if i.id == "3.bereik")
    rows = [
        Measurement("3.bereik", "Meierijstad", Y(2024), 12.0),
        Measurement("3.bereik", "Meierijstad", Y(2024), 12.0, dimensions={"kern": "Schijndel"}),
        Measurement("3.bereik", "Meierijstad", Y(2024), 12.0, dimensions={"kern": "Veghel"}),
    ]
    statuses = {r.dimensions: r.status for r in evaluate_all([bereik], rows, types)}
    assert statuses == {
        (): Status.NOT_MET,
        (("kern", "Schijndel"),): Status.MET,
        (("kern", "Veghel"),): Status.NOT_MET,
    }
