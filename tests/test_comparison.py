"""The comparison view: municipalities side by side with their region's aggregate."""

from pathlib import Path

from sociaaldomein.cli import main

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "drenthe-vergelijking"


def test_region_aggregates_and_positions(tmp_path, capsys):
    status = main(
        [
            "report",
            str(EXAMPLE),
            "--set",
            "drenthe",
            "--subject",
            "Assen",
            "--regions",
            str(EXAMPLE / "regions.toml"),
            "-o",
            str(tmp_path),
            "--no-charts",
        ]
    )
    assert status == 0, capsys.readouterr().err
    report = (tmp_path / "report.md").read_text(encoding="utf-8")
    table = report.split("## Vergelijking")[1].split("## ")[0]
    rows = {line.split(" | ")[0].lstrip("| "): line for line in table.splitlines() if "|" in line}
    assert rows["Indicator"].endswith("| Noord | Zuid | Drenthe |")
    fit = rows["Cliënten die vinden dat de ondersteuning past bij hun vraag"]
    # Noord: (320 + 170) / (400 + 200) = 81,67%; Zuid lacks Hoogeveen's fraction.
    assert "| 81,67% |" in fit
    assert "niet te berekenen: teller en noemer ontbreken bij Hoogeveen" in fit
    assert "80% (gehaald); slechter dan Noord" in fit
    assert "85% (gehaald); beter dan Noord" in fit
    grades = rows["Tevredenheid van jongeren en ouders over de jeugdhulp"]
    # Weighted by respondents: Zuid (7,1 x 200 + 7,6 x 100) / 300 = 7,27.
    assert "| 7,27 |" in grades
    work = rows["Bijstandsgerechtigden die uitstromen naar werk"]
    assert "| 270 | 440 | 710 |" in work
    assert "slechter dan" not in work  # counts are not compared with a region's total
    assert "Inwoners met beschermd wonen" not in rows  # nothing measured, nothing to compare


def test_the_aggregates_are_those_of_the_reporting_period_not_later_ones():
    from sociaaldomein import AtLeast, Indicator, Measurement, Period, Project, account_for
    from sociaaldomein.model.parties import Municipality, Province, Region
    from sociaaldomein.render.comparison import build_comparison

    indicator = Indicator("a", "Deelnemers", "count", target=AtLeast(50), frequency="yearly")
    values = {"X": (40, 60), "Y": (50, 70)}
    measurements = [
        Measurement("a", subject, Period.year(year), value)
        for subject, pair in values.items()
        for year, value in zip((2019, 2020), pair, strict=True)
    ]
    province = Province("P", [Region("R", [Municipality("X"), Municipality("Y")])])
    plan = Project("1", "Plan", indicators=[indicator])

    def cells(period):
        run = account_for(
            plan=plan, measurements=measurements, subject="X", period=period, regions=province
        )
        (row,) = build_comparison(run).table.rows
        return row[-2:]

    # 2019 is 40 + 50 in the region, not 2020's 60 + 70.
    assert cells("2019") == ("90", "90")
    assert cells("2020") == ("130", "130")
