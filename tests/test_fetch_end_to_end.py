"""Issue 26, done when: fetch from a local feed of each CBS shape, then report, by name.

`sociaaldomein fetch cbs --set bbv-sociaal-domein --subject Assen --reference Nederland
--period 2023 --online --feed URL -o f.csv` against a server on 127.0.0.1 that serves
v4-shaped answers, and the same for v3; `report` on the result shows names.
"""

import csv
import io
import json
from pathlib import Path

import pytest

from sociaaldomein.cli import main
from sociaaldomein.testing.cbs_feed import serve_feed

FEEDS = Path(__file__).resolve().parent / "data" / "cbs-feed"


def run(capsys, *argv):
    status = main([str(arg) for arg in argv])
    out, err = capsys.readouterr()
    return status, out, err


@pytest.mark.parametrize("api", ["v4", "v3"])
def test_fetch_from_a_local_feed_then_report_by_name(api, capsys, empty_cache, tmp_path):
    target = tmp_path / "f.csv"
    with serve_feed(FEEDS / api, page_size=3) as feed:
        status, out, err = run(
            capsys, "fetch", "cbs", "--set", "bbv-sociaal-domein", "--subject", "Assen",
            "--reference", "Nederland", "--period", "2023", "--online", "--feed", feed.url,
            "-o", target,
        )  # fmt: skip
    assert status == 0, err
    assert feed.requests, "the feed was asked"
    assert out.strip().endswith(f"14 metingen geschreven naar {target}")
    read = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert {(r["subject"], r["subject_code"]) for r in read} == {
        ("Assen", "GM0106"),
        ("Nederland", "NL01"),
    }
    unknown = sorted((r["indicator"], r["period"], r["unknown"]) for r in read if r["unknown"])
    if api == "v4":
        assert unknown == [
            ("bbv.jeugdbescherming", "2023", "geheim (kleine aantallen)"),
            ("bbv.jeugdreclassering", "2023", "niet gepubliceerd"),
            ("bbv.jeugdreclassering", "2023-H1", "niet mogelijk"),
        ]
    else:  # v3 says only that there is no figure
        assert unknown == [
            ("bbv.jeugdbescherming", "2023", "niet gepubliceerd"),
            ("bbv.jeugdreclassering", "2023", "niet gepubliceerd"),
            ("bbv.jeugdreclassering", "2023-H1", "niet gepubliceerd"),
        ]
    wmo = {r["subject"]: r for r in read if r["indicator"] == "bbv.wmo-maatwerk"}
    assert float(wmo["Assen"]["value"]) == 620  # 62 per 1 000 is 620 per 10 000
    assert "omgerekend naar per 10.000 inwoners: 0 decimalen" in wmo["Assen"]["note"]
    assert {r["status"] for r in read} == {"provisional", "revised_provisional"}

    status, _, err = run(
        capsys, "report", target, "--set", "bbv-sociaal-domein", "--subject", "Assen",
        "--reference", "Nederland", "--period", "2023", "-o", tmp_path / "rapport",
        "--no-charts",
    )  # fmt: skip
    assert status == 0, err
    report = (tmp_path / "rapport" / "report.md").read_text(encoding="utf-8")
    assert "*Onderwerp: Assen; verslagperiode: 2023*" in report
    assert "GM0106" not in report
    assert "Referentie: Nederland: 13,9% (2023)" in report  # named, and not judged
    # The report's results.csv is in Dutch Excel's form: a byte order mark, ";", Dutch headings.
    with (tmp_path / "rapport" / "results.csv").open(encoding="utf-8-sig") as written:
        results = list(csv.DictReader(written, delimiter=";"))
    assert {r["onderwerp"] for r in results} == {"Assen"}
    assert "geheim (kleine aantallen)" in report or api == "v3"
    assert "niet gepubliceerd" in report
    assert "voorlopig" in report


def test_offline_the_message_names_the_command_line_option_not_the_python_api(
    capsys, empty_cache, tmp_path
):
    status, out, _ = run(
        capsys, "fetch", "cbs", "--set", "bbv-sociaal-domein", "--subject", "Assen",
        "-o", tmp_path / "f.csv", "--format", "json",
    )  # fmt: skip
    assert status == 1
    messages = [f["message"] for f in json.loads(out)["findings"]]
    assert messages
    assert all("staat niet in de cache" in m for m in messages)
    assert all("sociaaldomein fetch --online" in m and "--feed URL" in m for m in messages)
    assert not any("online=True" in m for m in messages)


def test_the_feed_setting_in_the_environment_reaches_fetch(
    capsys, empty_cache, monkeypatch, tmp_path
):
    with serve_feed(FEEDS / "v4") as feed:
        monkeypatch.setenv("SOCIAALDOMEIN_CBS_FEED", feed.url)
        status, out, err = run(
            capsys, "fetch", "cbs", "--set", "bbv-sociaal-domein", "--subject", "GM0106",
            "--period", "2023", "--online", "-o", tmp_path / "f.csv", "--format", "json",
        )  # fmt: skip
    assert status == 0, err
    assert json.loads(out)["measurements"] == 7
    assert any(request.startswith("/85098NED/Observations?") for request in feed.requests)


def test_report_names_assen_and_shows_nederland_as_a_reference_not_a_second_subject(
    capsys, monkeypatch, tmp_path
):
    # Issue 26: the report's title said GM0106, and --reference Nederland did not match
    # NL01, which was then judged as a second subject.
    monkeypatch.setenv("SOCIAALDOMEIN_CBS_CACHE", str(FEEDS / "v3"))
    target = tmp_path / "f.csv"
    status, _, err = run(
        capsys, "fetch", "cbs", "--set", "bbv-sociaal-domein", "--subject", "GM0106",
        "--reference", "NL01", "--period", "2023", "-o", target,
    )  # fmt: skip
    assert status == 0, err
    status, _, err = run(
        capsys, "report", target, "--set", "bbv-sociaal-domein", "--subject", "Assen",
        "--reference", "Nederland", "--period", "2023", "-o", tmp_path / "r", "--no-charts",
    )  # fmt: skip
    assert status == 0, err
    report = (tmp_path / "r" / "report.md").read_text(encoding="utf-8")
    assert "*Onderwerp: Assen; verslagperiode: 2023*" in report
    assert "GM0106" not in report
    assert "NL01" not in report
    # The report's results.csv is in Dutch Excel's form: a byte order mark, ";", Dutch headings.
    with (tmp_path / "r" / "results.csv").open(encoding="utf-8-sig") as written:
        results = list(csv.DictReader(written, delimiter=";"))
    assert {r["onderwerp"] for r in results} == {"Assen"}
    assert "Referentie: Nederland: 13,9% (2023)" in report
