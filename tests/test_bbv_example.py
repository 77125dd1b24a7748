"""The BBV budget example loads, validates and evaluates as an analyst expects."""

import csv
from pathlib import Path

from sociaaldomein import (
    AtMost,
    ComparedTo,
    Measurement,
    MeasurementTypeRegistry,
    Period,
    Status,
    evaluate,
    evaluate_all,
    load_set,
    target_for,
)
from sociaaldomein.cli import main

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "bbv-begroting"
TYPES = MeasurementTypeRegistry()


def read_measurements(indicators):
    """The example's CSV, with its ``unknown`` and ``forecast`` columns."""
    by_id = {indicator.id: indicator for indicator in indicators}
    rows = []
    with (EXAMPLE / "measurements.csv").open(encoding="utf-8", newline="") as stream:
        for row in csv.DictReader(stream):
            kind = TYPES[by_id[row["indicator"]].measurement_type]
            rows.append(
                Measurement(
                    row["indicator"],
                    row["subject"],
                    Period.parse(row["period"]),
                    kind.validate(float(row["value"])) if row["value"] else None,
                    unknown=row["unknown"],
                    forecast=kind.validate(float(row["forecast"])) if row["forecast"] else None,
                    source=row["source"],
                )
            )
    return rows


def test_the_set_validates(capsys):
    assert main(["validate", str(EXAMPLE / "set.toml")]) == 0
    assert "0 fouten" in capsys.readouterr().out


def test_the_budget_year_picks_the_target():
    indicators = {i.id: i for i in load_set(EXAMPLE / "set.toml").indicators}
    bijstand = indicators["bijstand-per-1000"]
    assert [target_for(bijstand, Period.year(year)) for year in (2019, 2020, 2021)] == [
        AtMost(37.5),
        AtMost(34.1),
        AtMost(34.0),
    ]
    missing = evaluate(
        bijstand,
        None,
        measurement_type=TYPES["rate_per_1000"],
        subject="Beverwijk",
        period=Period.year(2020),
    )
    assert (missing.status, missing.target) == (Status.NO_DATA, AtMost(34.1))
    assert indicators["maatwerk-wmo-per-10000"].target == ComparedTo(
        "Nederland", "at_most", label="landelijk"
    )


def test_every_figure_evaluates_as_an_analyst_expects():
    indicators = load_set(EXAMPLE / "set.toml").indicators
    results = evaluate_all(indicators, read_measurements(indicators), TYPES)
    seen = {(r.indicator, r.subject, str(r.period)): (r.status, r.reason) for r in results}
    assert len(seen) == len(results) == 28  # every row of the file, none dropped
    expected = {
        ("bijstand-per-1000", "Beverwijk", "2018"): (
            Status.NOT_MET,
            "34,3 per 1.000 (doel: maximaal 34 per 1.000); niet gehaald",
        ),
        ("maatwerk-wmo-per-1000", "Beverwijk", "2019"): (
            Status.NO_DATA,
            "nog geen meting voor 2019; verwacht: 62 per 1.000",
        ),
        ("kinderen-in-uitkeringsgezin", "Beverwijk", "2018"): (
            Status.NO_DATA,
            "waarde niet bekend (n.n.b.) (doel: maximaal 7,5%)",
        ),
        ("jongeren-met-delict", "Beverwijk", "2017"): (
            Status.NO_DATA,
            "waarde niet bekend (n.n.b.)",
        ),
        ("jongeren-met-jeugdhulp", "Beverwijk", "2018"): (
            Status.MET,
            "10% (doel: maximaal 10%); gehaald",
        ),
        ("bijstand-per-10000", "Neder-Betuwe", "2018"): (
            Status.MET,
            "199 per 10.000 t.o.v. landelijk (2018: 401 per 10.000)"
            " (doel: niet hoger dan landelijk); gehaald",
        ),
        ("bijstand-per-10000", "Nederland", "2018"): (
            Status.NOT_ASSESSED,
            "referentie: 401 per 10.000, niet beoordeeld",
        ),
        ("maatwerk-wmo-per-10000", "Neder-Betuwe", "2015"): (
            Status.NO_DATA,
            "waarde niet bekend (n.b.) (doel: niet hoger dan landelijk)",
        ),
    }
    assert {key: seen[key] for key in expected} == expected
    forecasts = [r.forecast for r in results if r.forecast is not None]
    assert forecasts == [62, 62]


def test_the_accountability_run_compares_with_the_country_and_picks_the_year_target():
    from sociaaldomein import Plugins, account_for, build_report, render_markdown

    indicators = load_set(EXAMPLE / "set.toml").indicators
    rows = read_measurements(indicators)
    plugins = Plugins(entry_points=False)
    neder_betuwe = account_for(
        set_file=EXAMPLE / "set.toml",
        measurements=[m for m in rows if m.subject in ("Neder-Betuwe", "Nederland")],
        period="2018",
        subject="Neder-Betuwe",
        references=["Nederland"],
        plugins=plugins,
    )
    results = {r.indicator: r for r in neder_betuwe.results}
    maatwerk = results["maatwerk-wmo-per-10000"]
    assert maatwerk.status is Status.MET
    assert "t.o.v. landelijk (2018: 650 per 10.000)" in maatwerk.reason
    beverwijk = account_for(
        set_file=EXAMPLE / "set.toml",
        measurements=[m for m in rows if m.subject == "Beverwijk"],
        period="2020",
        subject="Beverwijk",
        plugins=plugins,
    )
    results = {r.indicator: r for r in beverwijk.results}
    assert results["bijstand-per-1000"].status is Status.NO_DATA
    assert results["bijstand-per-1000"].target == AtMost(34.1)  # Begroting 2020
    assert results["maatwerk-wmo-per-1000"].reason == (
        "nog geen meting voor 2020; verwacht: 62 per 1.000"
    )
    report = render_markdown(build_report(beverwijk, charts=False))
    assert "| geen gegevens |  | maximaal 34,1 per 1.000 |" in report  # Begroting 2020
    assert "| geen gegevens |  | maximaal 8% |" in report  # kinderen in uitkeringsgezin, 2020
