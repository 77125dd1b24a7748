"""Zuidwolde tests its plugin with sociaaldomein's public strategies and fixtures only."""

from decimal import Decimal

import sociaaldomein_zuidwolde
from hypothesis import given

from sociaaldomein import AtLeast, Improvement, Indicator, IndicatorSet, Status, evaluate_all
from sociaaldomein.cli import main
from sociaaldomein.testing import strategies as sds


def test_the_set_colours_in_the_drenthe_model(resolved_set):
    resolved = resolved_set("zuidwolde", "zuidwolde", "drenthe")
    ids = {indicator.id for indicator in resolved.indicator_set.indicators}
    assert "zuidwolde.dorpshuisbezoek" in ids
    assert "participatie.re-integratie-per-1000" not in ids
    assert resolved.origin("wmo.ondersteuning-past", "target") == "zuidwolde"


def test_the_local_rule_passes_on_the_set(sociaaldomein_plugins):
    plugins = sociaaldomein_plugins("zuidwolde", "drenthe")
    assert plugins.validate(plugins.resolve("zuidwolde").indicator_set) == []


@given(sds.indicators(measurement_type="grade", with_target=True))
def test_the_local_rule_flags_exactly_the_low_grade_targets(indicator):
    local = IndicatorSet("zuidwolde-test", "Test", indicators=[indicator])
    findings = sociaaldomein_zuidwolde.sociaaldomein_validate(local)
    low = isinstance(indicator.target, AtLeast) and indicator.target.value < Decimal(7)
    assert bool(findings) == low


VISITS = Indicator(
    "zuidwolde.dorpshuisbezoek",
    "Bezoek",
    "count",
    direction="higher_is_better",
    target=Improvement("previous"),
)


# "Last year": whole years one after another. By default the strategy also draws
# nested and partial periods, where the previous measurement is not the one before.
@given(sds.measurement_series(indicator=VISITS, size=3, layout="years"))
def test_more_visitors_than_last_year_is_met(series):
    results = evaluate_all([VISITS], series)
    assert results[0].status is Status.NO_DATA  # no previous year to compare with
    for before, now, result in zip(series[:-1], series[1:], results[1:], strict=True):
        assert result.status is (Status.MET if now.value > before.value else Status.NOT_MET)


def test_a_report_from_a_project_folder(project_folder, capsys):
    from sociaaldomein import Measurement, Period, Project

    plan = Project(
        "zw-1",
        "Dorpshuizen",
        indicators=[Indicator("bezoek", "Bezoek", "count", target=AtLeast(100))],
    )
    project_folder.write_plan(plan)
    project_folder.write_measurements([Measurement("bezoek", "Zuidwolde", Period.year(2024), 120)])
    assert main(["report", str(project_folder.path), "--no-charts"]) == 0
    assert "gehaald" in (project_folder.path / "report.md").read_text(encoding="utf-8")
