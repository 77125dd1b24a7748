"""One accountability run for code and command line: period, subject, references, sets."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sociaaldomein import Period, Status, account_for, to_records
from sociaaldomein.app.scaffold import new_plugin, plugin_id
from sociaaldomein.cli import main
from sociaaldomein.core.evaluation import Evaluation
from sociaaldomein.core.reporting_period import default_period, in_force
from sociaaldomein.errors import InvalidValueError, UnknownNameError
from sociaaldomein.model import Frequency, Indicator, Measurement

ROOT = Path(__file__).resolve().parent.parent
KAMPEN = ROOT / "examples" / "kampen-ontwikkelpilot"

# An annual account with one indicator that has values for 2014 and 2015 but not 2016.
PLAN = """\
number = "DV-2016"
name = "Dienstverlening 2016"

[[indicators]]
id = "tevredenheid"
name = "Klanttevredenheid"
measurement_type = "grade"
target = { kind = "at_least", value = 7 }
frequency = "yearly"

[[indicators]]
id = "afhandeling"
name = "Aanvragen binnen de termijn afgehandeld"
measurement_type = "percentage"
target = { kind = "at_least", value = 90 }
frequency = "yearly"

[[indicators]]
id = "bereik"
name = "Bereik van jongeren"
measurement_type = "percentage"
target = { kind = "at_least", value = 15 }
frequency = "half_yearly"
"""

MEASUREMENTS = """\
indicator,subject,period,value
tevredenheid,Kampen,2014,7.2
tevredenheid,Kampen,2015,7.4
tevredenheid,Kampen,2016,7.5
tevredenheid,Nederland,2016,7.1
afhandeling,Kampen,2014,92
afhandeling,Kampen,2015,95
afhandeling,Nederland,2016,60
bereik,Kampen,2016-H1,12
bereik,Kampen,2016-H2,16
"""


@pytest.fixture
def account(tmp_path):
    (tmp_path / "plan.toml").write_text(PLAN, encoding="utf-8")
    (tmp_path / "measurements.csv").write_text(MEASUREMENTS, encoding="utf-8")
    return tmp_path


def run(capsys, *argv):
    status = main([str(arg) for arg in argv])
    out, err = capsys.readouterr()
    return status, out, err


def test_a_missing_year_is_no_data_with_the_period_named(capsys, account):
    status, out, err = run(
        capsys, "evaluate", account, "--period", "2016", "--subject", "Kampen",
        "--reference", "Nederland", "--format", "json",
    )  # fmt: skip
    assert status == 0, err
    data = json.loads(out)
    assert (data["schema"], data["period"], data["subject"]) == (2, "2016", "Kampen")
    results = {r["indicator"]: r for r in data["results"]}
    assert list(results) == ["tevredenheid", "afhandeling", "bereik"]  # one per indicator
    assert results["afhandeling"]["status"] == "no_data"
    assert results["afhandeling"]["period"] == "2016"
    assert "2016" in results["afhandeling"]["reason"]
    assert results["afhandeling"]["value"] is None  # never the 2015 value
    assert results["tevredenheid"]["status"] == "met"
    # Half-yearly: judged on the second half year inside 2016.
    assert (results["bereik"]["period"], results["bereik"]["status"]) == ("2016-H2", "met")
    assert data["summary"]["no_data"] == 1


def test_the_report_counts_no_data_and_shows_the_reference_unjudged(capsys, account):
    status, _, err = run(
        capsys, "report", account, "--period", "2016", "--reference", "Nederland", "--no-charts"
    )
    assert status == 0, err
    markdown = (account / "report.md").read_text(encoding="utf-8")
    assert "# Verantwoording 2016 \u2013 Dienstverlening 2016" in markdown
    assert "- geen gegevens: 1" in markdown
    assert "Nederland: 7,1 (2016)" in markdown
    assert "Vergelijking" not in markdown  # a reference is not a subject to compare


def test_several_subjects_need_a_choice(capsys, account):
    status, _, err = run(capsys, "evaluate", account, "--period", "2016")
    assert status == 1
    assert "kies er een met --subject" in err
    assert "Kampen, Nederland" in err
    status, _, err = run(capsys, "evaluate", account, "--subject", "Zwolle")
    assert status == 1
    assert "gemeenten in de metingen: Kampen, Nederland" in err


def test_the_period_defaults_to_the_latest_and_is_always_shown(account):
    run = account_for(
        plan=account / "plan.toml",
        measurements=[account / "measurements.csv"],
        references=["Nederland"],
    )
    assert run.period == Period.year(2016)  # 2016 over 2016-H2: same end, longer
    assert run.subject == "Kampen"
    assert all(record["period"] for record in run.records())


def test_the_library_and_the_command_line_give_the_same_results(capsys, account):
    run_ = account_for(
        plan=account / "plan.toml",
        measurements=[account / "measurements.csv"],
        period="2016",
        subject="Kampen",
        references=["Nederland"],
    )
    _, out, _ = run(
        capsys, "evaluate", account, "--period", "2016", "--subject", "Kampen",
        "--reference", "Nederland", "--format", "json",
    )  # fmt: skip
    assert json.loads(out) == json.loads(json.dumps(run_.envelope()))


def test_results_as_csv(capsys, account, tmp_path):
    target = tmp_path / "results.csv"
    status, _, err = run(
        capsys, "evaluate", account, "--period", "2016", "--subject", "Kampen",
        "--format", "csv", "--csv", "plain", "-o", target,
    )  # fmt: skip
    assert status == 0, err
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("indicator,subject,period,dimensions,status,value")
    assert lines[2].startswith("afhandeling,Kampen,2016,,no_data,")


MEIERIJSTAD_CSV = "indicator,subject,period,value\n1a.baat,Meierijstad,2023,92\n"


def test_evaluate_an_installed_set(capsys, tmp_path):
    csv = tmp_path / "m.csv"
    csv.write_text(MEIERIJSTAD_CSV, encoding="utf-8")
    status, out, err = run(
        capsys, "evaluate", "--set", "meierijstad", "--period", "2023", csv, "--format", "json"
    )
    assert status == 0, err
    results = {r["indicator"]: r for r in json.loads(out)["results"]}
    assert results["1a.baat"]["status"] == "met"
    assert results["1b.specialistische-zorg"]["status"] == "no_data"


def test_validate_checks_measurements_against_the_resolved_set(capsys, tmp_path):
    csv = tmp_path / "m.csv"
    # wmo.beter-redden is inherited from drenthe; 130% is not a percentage.
    csv.write_text(
        "indicator,subject,period,value\n"
        "wmo.beter-redden,Assen,2023,81\n"
        "wmo.ondersteuning-past,Assen,2023,130\n",
        encoding="utf-8",
    )
    status, out, _ = run(capsys, "validate", "--set", "assen", csv)
    assert status == 1
    assert "line 3" in out
    assert "wmo.beter-redden" not in out  # the inherited indicator is known
    csv.write_text("indicator,subject,period,value\nwmo.beter-redden,Assen,2023,81\n")
    status, out, err = run(capsys, "validate", "--set", "assen", csv)
    assert status == 0, out + err


def test_measurements_alone_cannot_be_validated(capsys, tmp_path):
    csv = tmp_path / "m.csv"
    csv.write_text("indicator,subject,period,value\nx,A,2023,130\n", encoding="utf-8")
    status, out, _ = run(capsys, "validate", csv)
    assert status == 1
    assert "alleen te controleren tegen een set of plan" in out


LOCAL_SET = """\
id = "beekdal"
name = "Beekdal"
extends = "drenthe"

[[indicators]]
id = "beekdal.initiatieven"
name = "Ondersteunde initiatieven van inwoners"
measurement_type = "count"
target = { kind = "at_least", value = 10 }

[[overrides]]
indicator = "wmo.ondersteuning-past"
target = { kind = "at_least", value = 85 }
"""


def test_a_local_set_file_extends_an_installed_set(capsys, tmp_path):
    local = tmp_path / "beekdal.toml"
    local.write_text(LOCAL_SET, encoding="utf-8")
    (tmp_path / "measurements.csv").write_text(
        "indicator,subject,period,value\n"
        "wmo.ondersteuning-past,Beekdal,2024,82\n"
        "beekdal.initiatieven,Beekdal,2024,12\n",
        encoding="utf-8",
    )
    status, _, err = run(capsys, "report", "--set-file", local, tmp_path, "--no-charts")
    assert status == 0, err
    markdown = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert "minimaal 85%" in markdown  # the local override
    assert "82% (doel: minimaal 85%); niet gehaald" in markdown
    run_ = account_for(set_file=local, measurements=[tmp_path / "measurements.csv"])
    assert run_.result("beekdal.initiatieven").status is Status.MET


def test_a_short_program_writes_the_same_kampen_report_as_the_command_line(tmp_path):
    program = f"""\
from sociaaldomein import account_for, write_report

run = account_for(
    plan={str(KAMPEN / "plan.toml")!r},
    measurements=[{str(KAMPEN / "measurements.csv")!r}],
)
write_report(run, {str(tmp_path / "api")!r})
"""
    assert len(program.splitlines()) <= 15
    subprocess.run([sys.executable, "-c", program], check=True)
    assert main(["report", str(KAMPEN), "-o", str(tmp_path / "cli")]) == 0
    for name in ("report.md", "report.html"):
        assert (tmp_path / "api" / name).read_bytes() == (tmp_path / "cli" / name).read_bytes()


def test_a_municipality_name_becomes_a_plugin_id(tmp_path):
    assert plugin_id("De Wolden") == "de-wolden"
    assert plugin_id("'s-Hertogenbosch") == "s-hertogenbosch"
    assert plugin_id("Súdwest-Fryslân") == "sudwest-fryslan"
    package = new_plugin("De Wolden", tmp_path)
    assert package.name == "sociaaldomein-de-wolden"
    assert 'name = "Gemeente De Wolden"' in (
        package / "src" / "sociaaldomein_de_wolden" / "de-wolden.toml"
    ).read_text(encoding="utf-8")
    with pytest.raises(InvalidValueError, match="geen geldige id"):
        new_plugin("Zuidwolde", tmp_path, extends='drenthe"\nid = "x')


def test_version(capsys):
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.startswith("sociaaldomein ")


# -- the rule of the reporting period, as properties --------------------------------

INDICATOR = Indicator("x", "X", "count", frequency=Frequency.HALF_YEARLY)
PERIODS = st.sampled_from(
    [Period.year(y) for y in (2014, 2015, 2016)]
    + [Period.half_year(y, h) for y in (2014, 2015, 2016) for h in (1, 2)]
)


@given(st.lists(PERIODS, unique=True), PERIODS)
def test_the_result_in_force_never_comes_from_outside_the_period(periods, reporting):
    evaluations = [Evaluation("x", "A", p, Status.MET, value=1) for p in periods]
    result = in_force(INDICATOR, evaluations, reporting)
    inside = [p for p in periods if p in reporting]
    if not inside:
        assert result.status is Status.NO_DATA
        assert result.period == reporting
        assert result.value is None
    else:
        assert result.period in reporting
        # At the indicator's frequency where there is one, and the latest of them.
        halves = [p for p in inside if p.kind == "half_year"]
        assert result.period == max(halves or inside, key=lambda p: (p.end, p.days))


@given(st.lists(PERIODS, min_size=1))
def test_the_default_period_is_the_latest(periods):
    measurements = [Measurement("x", "A", p, 1) for p in periods]
    chosen = default_period(measurements)
    assert chosen is not None
    assert all(p.end <= chosen.end for p in periods)
    assert all(p.days <= chosen.days for p in periods if p.end == chosen.end)


def test_records_are_plain_json():
    evaluation = Evaluation("x", "A", Period.year(2016), Status.NO_DATA, why="geen meting")
    (record,) = to_records([evaluation])
    assert json.loads(json.dumps(record)) == record
    assert record["status"] == "no_data"


def test_an_unknown_subject_is_named(account):
    with pytest.raises(UnknownNameError, match="gemeenten in de metingen"):
        account_for(
            plan=account / "plan.toml",
            measurements=[account / "measurements.csv"],
            subject="Zwolle",
        )


class _FailingRule:
    """A plugin whose validation rule raises."""

    from sociaaldomein.plugin import hookimpl

    @staticmethod
    @hookimpl
    def sociaaldomein_validate(indicator_set):
        raise RuntimeError("rule broke")


def test_a_failing_plugin_rule_is_named_by_the_run(account):
    from sociaaldomein import Plugins

    run_ = account_for(
        plan=account / "plan.toml",
        measurements=[account / "measurements.csv"],
        subject="Kampen",
        plugins=Plugins([_FailingRule()], entry_points=False),
    )
    assert any("rule broke" in finding.message for finding in run_.findings)


def test_hostile_names_neither_reach_the_terminal_nor_break_a_chart(capsys, tmp_path):
    plan = PLAN.replace('name = "Klanttevredenheid"', 'name = "Tevredenheid $\\\\foo$ \\u001b[31m"')
    (tmp_path / "plan.toml").write_text(plan, encoding="utf-8")
    (tmp_path / "measurements.csv").write_text(
        MEASUREMENTS.replace("Kampen,2016,7.5", "Kam\x1b]0;pwned\x07pen,2016,7.5"),
        encoding="utf-8",
    )
    status, out, err = run(
        capsys, "evaluate", tmp_path, "--subject", "Kampen", "--reference", "Nederland",
        "--reference", "Kam\x1b]0;pwned\x07pen",
    )  # fmt: skip
    assert status == 0, err
    assert "\x1b" not in out
    odd = "Kam\x1b]0;pwned\x07pen"
    status, _, err = run(
        capsys, "report", tmp_path, "--subject", "Kampen", "--reference", "Nederland",
        "--reference", odd,
    )  # fmt: skip
    assert status == 0, err
    assert "<svg" in (tmp_path / "report.html").read_text(encoding="utf-8")
