"""The command line, driven as a user would: every subcommand and each bad-input exit."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sociaaldomein.cli import main

ROOT = Path(__file__).resolve().parent.parent
KAMPEN = ROOT / "examples" / "kampen-ontwikkelpilot"
PLAN = str(KAMPEN / "plan.toml")
MEASUREMENTS = str(KAMPEN / "measurements.csv")


def run(capsys, *argv):
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def as_json(capsys, *argv):
    status, out, err = run(capsys, *argv, "--format", "json")
    assert status == 0, err
    return json.loads(out)


def test_plugins(capsys):
    data = as_json(capsys, "plugins")
    names = {p["name"]: p for p in data["plugins"]}
    assert names["drenthe"]["sets"] == ["assen", "drenthe"]
    assert names["meierijstad"]["version"] == "sociaaldomein-meierijstad 0.1.0"
    assert data["problems"] == []
    _, out, _ = run(capsys, "plugins")
    assert "drenthe (sociaaldomein-drenthe 0.1.0): assen, drenthe" in out


def test_sets(capsys):
    data = as_json(capsys, "sets")
    assert {s["id"]: s["extends"] for s in data["sets"]}["assen"] == "drenthe"


def test_indicators_with_provenance(capsys):
    data = as_json(capsys, "indicators", "assen")
    assert data["chain"] == ["drenthe", "assen"]
    satisfaction = next(i for i in data["indicators"] if i["id"] == "jeugd.tevredenheid")
    assert satisfaction["provenance"]["target"] == "assen"
    assert satisfaction["provenance"]["name"] == "drenthe"
    assert satisfaction["target"] == "minimaal 7,5"
    assert data["retired"][0]["indicator"] == "sociale-basis.inzet-uren"


def test_validate_ok_with_warnings(capsys):
    status, out, _ = run(capsys, "validate", PLAN, MEASUREMENTS)
    assert status == 0
    assert "budget.period: waarschuwing: de begroting beslaat" in out
    assert out.strip().endswith("2 bestanden gecontroleerd, 0 fouten, 3 waarschuwingen")


def test_validate_finds_every_problem(capsys, tmp_path):
    bad_set = tmp_path / "set.toml"
    bad_set.write_text(
        'id = "x"\nname = "X"\n[[indicators]]\nid = "a"\nname = "A"\n'
        'measurement_type = "percentage"\ntarget = { kind = "at_least", value = 130 }\n'
        '[[indicators]]\nid = "b"\nnaam = "B"\nmeasurement_type = "count"\n',
        encoding="utf-8",
    )
    bad_csv = tmp_path / "m.csv"
    bad_csv.write_text(
        "indicator,subject,period,value\nvrijwilligers,Hanzewijk,2007,-3\nonbekend,Hanzewijk,2007,1\n",
        encoding="utf-8",
    )
    status, out, _ = run(capsys, "validate", str(bad_set), PLAN, str(bad_csv), "--format", "json")
    assert status == 1
    problems = [p for p in json.loads(out)["problems"] if p["severity"] == "error"]
    assert [(Path(p["file"]).name, p["where"]) for p in problems] == [
        ("set.toml", "indicators[1].name"),
        ("set.toml", "indicators[1]"),
        ("m.csv", "line 2"),
        ("m.csv", "line 3"),
    ]
    assert "bedoelde u 'name'?" in problems[1]["message"]
    assert "-3 is geen geldige waarde voor count" in problems[2]["message"]
    fixed = bad_set.read_text(encoding="utf-8").replace("naam", "name")
    bad_set.write_text(fixed, encoding="utf-8")
    status, out, _ = run(capsys, "validate", str(bad_set))
    assert status == 1
    assert "a.target.value: fout: 130 is geen geldige waarde voor percentage" in out


def test_validate_names_the_line_of_a_toml_syntax_error(capsys, tmp_path):
    broken = tmp_path / "set.toml"
    broken.write_text('id = "x"\nname =\n', encoding="utf-8")
    status, out, _ = run(capsys, "validate", str(broken))
    assert status == 1
    assert f"{broken}: line 2: fout: geen geldige TOML" in out


def test_evaluate(capsys):
    data = as_json(capsys, "evaluate", PLAN, MEASUREMENTS, "--period", "2007")
    assert data["schema"] == 2
    assert (data["period"], data["subject"]) == ("2007", "Hanzewijk")
    by_id = {r["indicator"]: r for r in data["results"]}
    assert by_id["vrijwilligers"]["status"] == "met"
    assert by_id["vrijwilligers"]["value"] == 34  # a JSON number
    assert by_id["wijkbetrokkenheid"]["status"] == "within_tolerance"
    assert by_id["wijkbetrokkenheid"]["threshold"] == 44
    _, out, _ = run(capsys, "evaluate", PLAN, MEASUREMENTS, "--period", "2007")
    assert "veiligheidsgevoel | 2007 | niet gehaald |" in out


def test_budget(capsys):
    data = as_json(capsys, "budget", PLAN)
    assert data["sources"]["VWS"]["deficit"] == {"per_year": "14600", "period": "29200"}
    assert data["sources"]["VWS"]["per_calendar_year"] == {
        "2005": "48333",
        "2006": "145000",
        "2007": "96667",
    }
    _, out, _ = run(capsys, "budget", PLAN)
    assert "EUR 29.200,00" in out


def test_report(capsys, tmp_path):
    status, out, _ = run(capsys, "report", str(KAMPEN), "-o", str(tmp_path))
    assert status == 0
    assert "report.html" in out
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    markdown = (tmp_path / "report.md").read_text(encoding="utf-8")
    for text in (html, markdown):
        assert "Verantwoording september 2005 t/m december 2007 \u2013 Ontwikkelpilot Wmo" in text
        assert "Prestatieveld 1: sociale samenhang en leefbaarheid" in text
        assert "binnen tolerantie" in text
        assert "Begroting" in text
        assert "Fasering en evaluatiemomenten" in text
    # Offline: nothing is fetched (namespace URIs in the SVG are names, not requests).
    for fetch in ("<script", "<link", "<img", "src=", "@import", "url(http"):
        assert fetch not in html
    assert html.count("<svg") >= 1


def test_report_without_charts_still_renders(capsys, tmp_path):
    status, _, _ = run(capsys, "report", str(KAMPEN), "-o", str(tmp_path), "--no-charts")
    assert status == 0
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "<svg" not in html
    assert "<table>" in html


def test_report_on_a_set_compares_municipalities(capsys, tmp_path):
    (tmp_path / "measurements.csv").write_text(
        "indicator,subject,period,value\n"
        "jeugd.tevredenheid,Assen,2023,7.8\n"
        "jeugd.tevredenheid,Emmen,2023,7.2\n"
        "participatie.bijstand-per-1000,Assen,2023,42.1\n"
        "participatie.bijstand-per-1000,Emmen,2023,51.3\n",
        encoding="utf-8",
    )
    status, _, err = run(capsys, "report", str(tmp_path), "--set", "assen", "--subject", "Assen")
    assert status == 0, err
    markdown = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert "## Vergelijking" in markdown
    row = (
        "| Tevredenheid van jongeren en ouders over de jeugdhulp"
        " | 7,8 (gehaald) | 7,2 (niet gehaald) |"
    )
    assert row in markdown


def test_new_plugin(capsys, tmp_path):
    status, _, _ = run(
        capsys, "new-plugin", "zuidwolde", "--extends", "drenthe", "-o", str(tmp_path)
    )
    assert status == 0
    package = tmp_path / "sociaaldomein-zuidwolde"
    assert (package / "src" / "sociaaldomein_zuidwolde" / "zuidwolde.toml").is_file()
    status, _, err = run(capsys, "new-plugin", "zuidwolde", "-o", str(tmp_path))
    assert status == 1
    assert "bestaat al" in err


@pytest.mark.parametrize(
    ("argv", "status", "message"),
    [
        ([], 2, "deze argumenten ontbreken: COMMAND"),
        (["onbekend"], 2, "ongeldige keuze"),
        (["evaluate"], 2, "ontbreken: PATH"),
        (["evaluate", PLAN], 1, "geen metingen"),
        (["indicators", "emmen"], 1, "er is geen set 'emmen'"),
        (["budget", "geen-bestand.toml"], 1, "niet te lezen"),
        (["evaluate", MEASUREMENTS, MEASUREMENTS], 1, "noem een plan"),
        (["report", "geen-map"], 1, "bestaat niet"),
        (["new-plugin", 'Zuid"""Wolde'], 1, "niet geldig"),
        (["new-plugin", "x", "--extends", 'drenthe"\nid="y'], 1, "plugin levert"),
    ],
)
def test_bad_usage_and_bad_input(capsys, argv, status, message):
    code, _, err = run(capsys, *argv)
    assert code == status
    assert message in err
    assert "Traceback" not in err


def test_budget_of_a_plan_without_one(capsys, tmp_path):
    plan = tmp_path / "plan.toml"
    plan.write_text('number = "1"\nname = "Zonder begroting"\n', encoding="utf-8")
    code, _, err = run(capsys, "budget", str(plan))
    assert code == 1
    assert "heeft geen [budget]" in err


def test_console_script_and_module(tmp_path):
    script = shutil.which("sociaaldomein", path=os.path.dirname(sys.executable))
    assert script is not None
    done = subprocess.run([script, "--help"], capture_output=True, text=True, check=True)
    assert "schrijf de verantwoording" in done.stdout
    done = subprocess.run(
        [sys.executable, "-m", "sociaaldomein", "budget", "missing.toml"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert done.stderr.startswith("sociaaldomein budget: ")


def test_import_broken_text_still_writes_what_it_read(capsys, tmp_path):
    source = tmp_path / "kapot.txt"
    # Not UTF-8: read as Windows-1252, and said so.
    source.write_bytes(b"\xff\xfe Cluster: X\n\tNummer project: 7\n\tNaam project: Zeven\n")
    out = tmp_path / "uit.toml"
    status, stdout, _ = run(capsys, "import", "projects", str(source), "-o", str(out))
    assert status == 0
    assert "1 van 1 record ingelezen" in stdout
    assert "Windows-1252" in stdout or "cp1252" in stdout
    status, _, _ = run(capsys, "validate", str(out))
    assert status == 0
    # Nothing imported is not written over what is there, unless forced.
    status, _, err = run(capsys, "import", "portfolio", str(source), "-o", str(out))
    assert status == 1
    assert "uit.toml" in err
    assert "Zeven" in out.read_text(encoding="utf-8")  # the earlier import is kept
    status, stdout, _ = run(capsys, "import", "portfolio", str(source), "-o", str(out), "--force")
    assert "geen projectblokken" in stdout


def test_import_refuses_to_overwrite_its_input(capsys, tmp_path):
    source = tmp_path / "overzicht.txt"
    source.write_text("Cluster: X\n\tNummer project: 7\n\tNaam project: Zeven\n")
    status, _, err = run(capsys, "import", "projects", str(source), "-o", str(source))
    assert status == 1
    assert "invoerbestand" in err
    assert source.read_text() == "Cluster: X\n\tNummer project: 7\n\tNaam project: Zeven\n"


@pytest.mark.parametrize(
    ("argv", "status", "message"),
    [
        (["import", "onbekend", "x.txt", "-o", "x.toml"], 2, "ongeldige keuze"),
        (["import", "projects", "x.txt"], 2, "ontbreken: -o"),
        (["import", "projects", "bestaat-niet.txt", "-o", "x.toml"], 1, "niet te lezen"),
        (["hours", "bestaat-niet.toml"], 1, "niet te lezen"),
    ],
)
def test_import_bad_usage(capsys, argv, status, message):
    code, _, err = run(capsys, *argv)
    assert code == status
    assert message in err


def test_a_new_plugin_installs_and_passes_its_own_test(capsys, tmp_path):
    assert main(["new-plugin", "zuidwolde", "--extends", "drenthe", "-o", str(tmp_path)]) == 0
    capsys.readouterr()
    package = tmp_path / "sociaaldomein-zuidwolde"
    target = tmp_path / "site"
    install = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--target",
            str(target),
            str(package),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if install.returncode != 0 and "No matching distribution found for setuptools" in (
        install.stderr
    ):
        pytest.skip("setuptools cannot be fetched here to build the package")
    assert install.returncode == 0, install.stderr
    env = {**os.environ, "PYTHONPATH": str(target)}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(package / "tests")],
        capture_output=True,
        text=True,
        check=False,
        env=env,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 passed" in done.stdout


def test_indicators_lists_the_targets_per_period(capsys):
    data = as_json(capsys, "indicators", "assen")
    satisfaction = next(i for i in data["indicators"] if i["id"] == "jeugd.tevredenheid")
    assert satisfaction["schedule"] == {"2026": "minimaal 7,6", "2027": "minimaal 7,8"}
    _, out, _ = run(capsys, "indicators", "assen")
    assert "doel: minimaal 7,5; 2026: minimaal 7,6; 2027: minimaal 7,8" in out
