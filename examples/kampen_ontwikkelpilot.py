"""The Kampen Wmo development pilot on social cohesion (2005-2007), built through the API.

The plan's results, tolerance limits, phases and budget come from the
municipality's project plan (seed 004). The measurements are ILLUSTRATIVE:
the plan states targets, not outcomes, so the figures below are made up to
show every status the evaluation can give.

Run it with ``make demo`` or ``python examples/kampen_ontwikkelpilot.py``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sociaaldomein import (
    AtLeast,
    Budget,
    BudgetLine,
    Change,
    CountPerPeriod,
    Direction,
    EvaluationMoment,
    Fallback,
    Funding,
    Indicator,
    Measurement,
    MeasurementTypeRegistry,
    Milestone,
    MilestoneBy,
    Municipality,
    Organisation,
    Period,
    Phase,
    Prestatieveld,
    Project,
    RisingTrend,
    evaluate_all,
    parse_dutch_date,
    summarise_budget,
)
from sociaaldomein.model.dutch_numbers import format_number

NULMETING = Period.year(2005)
WIJK = "Hanzewijk"
PROJECT_PERIOD = Period.parse("2005-09-01..2007-12-31")


def _rising(id_: str, name: str, type_: str, change: int, source: str) -> Indicator:
    """A survey result that must move by ``change`` percent, or at least the good way."""
    return Indicator(
        id=id_,
        name=name,
        measurement_type=type_,
        direction=Direction.HIGHER_IS_BETTER if change > 0 else Direction.LOWER_IS_BETTER,
        target=Change(change, relative=True),
        tolerance=RisingTrend(),
        baseline_period=NULMETING,
        source=source,
        prestatievelden=[1],
    )


def indicators() -> list[Indicator]:
    survey = "enquête bewoners (nulmeting 2005, vervolgmeting 2007)"
    return [
        Indicator(
            id="burgerinitiatieven",
            name="Uitgevoerde initiatieven van bewoners",
            measurement_type="count",
            target=CountPerPeriod(1, "year"),
            # The plan's floor: at least one over the whole project period.
            tolerance=Fallback(AtLeast(1)),
            source="projectadministratie",
            prestatievelden=[1],
        ),
        Indicator(
            id="vrijwilligersprojecten",
            name="Vrijwilligersprojecten (maatjes, telefoonketen, groenbrigade)",
            measurement_type="count",
            target=CountPerPeriod(1, "year"),
            source="projectadministratie",
            prestatievelden=[4],
        ),
        Indicator(
            id="reflectiebijeenkomsten",
            name="Reflectie-, thema- en discussiebijeenkomsten met bewoners",
            measurement_type="count",
            target=CountPerPeriod(2, "year"),
            source="projectadministratie",
            prestatievelden=[1],
        ),
        _rising(
            "vrijwilligers",
            "Vrijwilligers bij activiteiten in de wijk",
            "count",
            10,
            "registratie wijkvereniging",
        ),
        _rising(
            "wijkbetrokkenheid",
            "Bewoners die zich betrokken voelen bij de wijk",
            "percentage",
            10,
            survey,
        ),
        _rising(
            "veiligheidsgevoel",
            "Bewoners die zich veilig voelen in de wijk",
            "percentage",
            10,
            survey,
        ),
        _rising(
            "tevredenheid-ondersteuning",
            "Ouderen tevreden over sociale ondersteuning",
            "percentage",
            10,
            "tevredenheidsenquête ouderen",
        ),
        _rising(
            "eenzaamheid",
            "Ouderen die zich eenzaam voelen",
            "percentage",
            -10,
            "tevredenheidsenquête ouderen",
        ),
        Indicator(
            id="samenwerkingscontracten",
            name="Zorg- en welzijnsinstellingen sluiten samenwerkingscontracten",
            measurement_type="milestone",
            target=MilestoneBy(dt.date(2007, 12, 31)),
            source="projectgroep",
            prestatievelden=[6],
        ),
        Indicator(
            id="nieuwe-producten",
            name="Nieuwe of aangepaste producten op wensen van ouderen",
            measurement_type="count",
            target=AtLeast(1),
            source="projectgroep",
            prestatievelden=[3, 6],
        ),
    ]


def measurements() -> list[Measurement]:
    """Illustrative figures: a nulmeting in 2005 and a vervolgmeting in 2007."""
    follow_up = Period.year(2007)
    note = "illustratief"
    rows: list[tuple[str, Period, object, int | None]] = [
        ("burgerinitiatieven", PROJECT_PERIOD, 1, None),
        ("vrijwilligersprojecten", Period.year(2006), 2, None),
        ("vrijwilligersprojecten", follow_up, 1, None),
        ("reflectiebijeenkomsten", Period.year(2006), 2, None),
        ("reflectiebijeenkomsten", follow_up, 1, None),
        ("vrijwilligers", NULMETING, 30, None),
        ("vrijwilligers", follow_up, 34, None),
        ("wijkbetrokkenheid", NULMETING, 40.0, 212),
        ("wijkbetrokkenheid", follow_up, 42.5, 198),
        ("veiligheidsgevoel", NULMETING, 55.0, 212),
        ("veiligheidsgevoel", follow_up, 53.0, 198),
        ("tevredenheid-ondersteuning", NULMETING, 60.0, 120),
        ("tevredenheid-ondersteuning", follow_up, 67.0, 115),
        ("eenzaamheid", NULMETING, 30.0, 120),
        ("eenzaamheid", follow_up, 26.0, 115),
        ("samenwerkingscontracten", follow_up, True, None),
        ("nieuwe-producten", PROJECT_PERIOD, 0, None),
    ]
    return [
        Measurement(indicator, WIJK, period, value, n=n, note=note)  # type: ignore[arg-type]
        for indicator, period, value, n in rows
    ]


def budget() -> Budget:
    """The plan's own budget: 1-9-2005 to 1-9-2007, per year and for two years."""
    return Budget(
        period=Period.parse("2005-09..2007-08"),
        lines=[
            BudgetLine("Projectleider ontwikkelpilot", "Gemeente Kampen", hours=400, rate=150),
            BudgetLine(
                "Beleidsambtenaren welzijn, wonen en zorg",
                "Gemeente Kampen",
                hours=400,
                amount=60_000,
            ),
            BudgetLine(
                "Personeels- en activiteitenbudget externe partners",
                "Gemeente Kampen",
                amount=25_000,
            ),
            BudgetLine("Nulmeting en vervolgmeting", "VWS", amount=20_000),
            BudgetLine("Ondersteuning door Usus", "VWS", hours=100, rate=121),
            BudgetLine("Procesmanager", "VWS", hours=600, amount=67_500),
            BudgetLine("Activiteiten en bijeenkomsten", "VWS", amount=40_000),
            BudgetLine("Ambassadeur", "VWS", amount=20_000),
        ],
        funding=[
            Funding("Gemeente Kampen", 145_000, description="gemeentelijke middelen"),
            Funding("VWS", 145_000, description="subsidie ontwikkelpilot Wmo"),
        ],
    )


def phases() -> list[Phase]:
    def moment(text: str, when: str, audience: str = "gemeenteraad") -> EvaluationMoment:
        return EvaluationMoment(text, parse_dutch_date(when), audience)

    return [
        Phase(
            "1e fase: voorbereiding en nulmeting",
            Period.parse("2005-06..2005-12"),
            milestones=[
                Milestone("Start ontwikkelpilot", parse_dutch_date("5 september 2005")),
                Milestone("Nulmeting uitgevoerd", Period.parse("2005-10..2005-11")),
            ],
            evaluations=[moment("Tussenevaluatie", "december 2005")],
        ),
        Phase(
            "2e fase: eerste activiteiten",
            Period.parse("2006-01..2006-07"),
            milestones=[Milestone("1e reflectiebijeenkomst", parse_dutch_date("januari 2006"))],
            evaluations=[moment("Tussenevaluatie", "juni 2006")],
        ),
        Phase(
            "3e fase: burgerinitiatief en samenwerkingsafspraken",
            Period.parse("2006-09..2006-12"),
            milestones=[Milestone("Start burgerinitiatief", parse_dutch_date("september 2006"))],
            evaluations=[moment("Tussenevaluatie", "december 2006")],
        ),
        Phase(
            "4e fase: voortzetting",
            Period.parse("2007-01..2007-07"),
            evaluations=[moment("Tussenevaluatie", "juni 2007")],
        ),
        Phase(
            "5e fase: eindmeting en afsluiting",
            Period.parse("2007-08..2007-12"),
            milestones=[Milestone("Vervolgmeting", Period.parse("2007-08..2007-10"))],
            evaluations=[moment("Eindevaluatie", "december 2007")],
        ),
    ]


def pilot() -> Project:
    return Project(
        number="kampen-2005",
        name="Ontwikkelpilot Wmo sociale cohesie Hanzewijk",
        submitters=[Organisation("Gemeente Kampen")],
        municipalities=[Municipality("Kampen", "GM0166")],
        start=parse_dutch_date("1 september 2005"),
        end=parse_dutch_date("31 december 2007"),
        prestatievelden=[
            Prestatieveld.lookup("Sociale samenhang/leefbaarheid in wijk en buurt"),
            2,
            3,
            4,
            5,
            6,
        ],
        goal="Samen met bewoners een sociale infrastructuur voor jong en oud opbouwen"
        " in een wijk die wordt herstructureerd, met ouderen als eerste doelgroep.",
        indicators=indicators(),
        phases=phases(),
        budget=budget(),
    )


def _euro(amount: Decimal) -> str:
    return f"EUR {format_number(amount, decimals=2)}"


def main() -> None:
    project = pilot()
    print(f"{project.name} ({project.period.dutch() if project.period else '?'})")
    print("\nResultaten (metingen zijn illustratief)")
    for result in evaluate_all(project.indicators, measurements(), MeasurementTypeRegistry()):
        print(f"- {result.indicator} {result.period}: {result.status.dutch}\n    {result.reason}")

    assert project.budget is not None
    summary = summarise_budget(project.budget)
    print(f"\nBegroting {project.budget.period.dutch()}")
    for line, amounts in summary.lines:
        print(
            f"  {line.source:16} {line.description:52} {_euro(amounts.per_year):>14}"
            f" {_euro(amounts.period):>14}"
        )
    for source in summary.sources:
        print(
            f"  {'Totaal ' + source:69} {_euro(summary.costs[source].per_year):>14}"
            f" {_euro(summary.costs[source].period):>14}"
        )
        print(
            f"  {'Dekking ' + source:69} {_euro(summary.funding[source].per_year):>14}"
            f" {_euro(summary.funding[source].period):>14}"
        )
        print(
            f"  {'Tekort ' + source:69} {_euro(summary.deficit[source].per_year):>14}"
            f" {_euro(summary.deficit[source].period):>14}"
        )
    print("\nDekking per kalenderjaar")
    for source, years in summary.funding_per_year.items():
        for year, amount in years.items():
            print(f"  {source} {year}: {_euro(amount)}")


if __name__ == "__main__":
    main()
