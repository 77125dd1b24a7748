"""The Kampen pilot reproduces the plan's own budget table (seed 004, section 10)."""

from decimal import Decimal

from sociaaldomein import MeasurementTypeRegistry, Status, evaluate_all, summarise_budget


def test_cost_lines_per_year_and_for_two_years(kampen):
    summary = summarise_budget(kampen.pilot().budget)
    assert [(amounts.per_year, amounts.period) for _, amounts in summary.lines] == [
        (60_000, 120_000),
        (60_000, 120_000),
        (25_000, 50_000),
        (20_000, 40_000),
        (12_100, 24_200),
        (67_500, 135_000),
        (40_000, 80_000),
        (20_000, 40_000),
    ]


def test_totals_and_deficit(kampen):
    summary = summarise_budget(kampen.pilot().budget)
    municipality, ministry = summary.costs["Gemeente Kampen"], summary.costs["VWS"]
    assert (municipality.per_year, municipality.period) == (145_000, 290_000)
    assert (ministry.per_year, ministry.period) == (159_600, 319_200)
    assert summary.funding["VWS"].per_year == 145_000
    deficit = summary.deficit["VWS"]
    assert (deficit.per_year, deficit.period) == (14_600, 29_200)
    assert summary.deficit["Gemeente Kampen"].period == 0
    assert summary.total_deficit.period == 29_200


def test_split_over_calendar_years(kampen):
    summary = summarise_budget(kampen.pilot().budget)
    expected = {2005: Decimal(48_333), 2006: Decimal(145_000), 2007: Decimal(96_667)}
    assert summary.funding_per_year == {"Gemeente Kampen": expected, "VWS": expected}


def test_evaluation_gives_every_status(kampen):
    project = kampen.pilot()
    results = evaluate_all(project.indicators, kampen.measurements(), MeasurementTypeRegistry())
    by_id = {(r.indicator, str(r.period)): r.status for r in results}
    assert by_id["vrijwilligers", "2007"] is Status.MET
    assert by_id["wijkbetrokkenheid", "2007"] is Status.WITHIN_TOLERANCE
    assert by_id["veiligheidsgevoel", "2007"] is Status.NOT_MET
    assert by_id["burgerinitiatieven", "2005-09..2007-12"] is Status.WITHIN_TOLERANCE
    assert all(m.note.startswith("illustratief") for m in kampen.measurements())


def test_the_plans_dates(kampen):
    project = kampen.pilot()
    assert str(project.period) == "2005-09..2007-12"
    assert str(project.budget.period) == "2005-09..2007-08"
    assert [field.value for field in project.prestatievelden] == [1, 2, 3, 4, 5, 6]


def test_demo_prints_evaluation_and_budget(kampen, capsys):
    kampen.main()
    out = capsys.readouterr().out
    assert "vrijwilligers 2007: gehaald" in out
    assert "Tekort VWS" in out
    assert "EUR 29.200,00" in out
    assert "VWS 2005: EUR 48.333,00" in out


def test_the_plans_own_dates_disagree_and_validation_says_so(kampen):
    from sociaaldomein import Plugins
    from sociaaldomein.app.checks import validate_plan

    findings = validate_plan(kampen.pilot(), Plugins(entry_points=False))
    assert findings[0].where == "budget.period"
    assert "augustus 2007" in findings[0].message
    assert all(f.severity == "warning" for f in findings)
