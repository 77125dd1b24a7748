"""``sociaaldomein fetch`` offline from stored CBS answers, and results and measurements in xlsx."""

import json
from pathlib import Path

import pytest

from sociaaldomein.cli import main

STORED = Path(__file__).resolve().parent / "data" / "cbs-feed" / "v3"


def run(capsys, *argv):
    status = main([str(arg) for arg in argv])
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def cache(monkeypatch):
    monkeypatch.setenv("SOCIAALDOMEIN_CBS_CACHE", str(STORED))


def test_fetch_writes_measurements_that_validate_and_report(capsys, cache, tmp_path):
    target = tmp_path / "metingen.csv"
    status, out, err = run(
        capsys, "fetch", "cbs", "--set", "bbv-sociaal-domein", "--subject", "GM0106",
        "--period", "2020..2024", "-o", target, "--format", "json",
    )  # fmt: skip
    assert status == 0, err
    data = json.loads(out)
    assert data["measurements"] == 10
    assert data["findings"] == []
    assert "bbv.banen" in data["skipped"]  # not a CBS figure in the set
    status, out, _ = run(capsys, "validate", "--set", "bbv-sociaal-domein", target)
    assert status == 0, out
    status, _, err = run(capsys, "report", "--set", "bbv-sociaal-domein", target, "-o", tmp_path)
    assert status == 0, err
    report = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert "voorlopig" in report  # CBS's provisional figures are marked


def test_fetch_needs_a_set_and_a_known_source(capsys, cache, tmp_path):
    status, _, err = run(capsys, "fetch", "cbs", "-o", tmp_path / "x.csv")
    assert (status, "noem de set" in err) == (1, True)
    status, _, err = run(capsys, "fetch", "odata", "--set", "assen", "-o", tmp_path / "x.csv")
    assert (status, "onbekende bron 'odata' (bekende bronnen: cbs)" in err) == (1, True)


def test_fetched_xlsx_reads_like_csv(capsys, cache, tmp_path):
    pytest.importorskip("openpyxl")
    for name in ("m.csv", "m.xlsx"):
        status, _, err = run(
            capsys, "fetch", "cbs", "--set", "bbv-sociaal-domein", "--subject", "GM0106",
            "-o", tmp_path / name,
        )  # fmt: skip
        assert status == 0, err
    results = []
    for name in ("m.csv", "m.xlsx"):
        status, out, err = run(
            capsys, "evaluate", "--set", "bbv-sociaal-domein", tmp_path / name, "--format", "json"
        )
        assert status == 0, err
        results.append(json.loads(out))
    assert results[0] == results[1]
    status, _, err = run(
        capsys, "evaluate", "--set", "bbv-sociaal-domein", tmp_path / "m.xlsx",
        "-o", tmp_path / "results.xlsx",
    )  # fmt: skip
    assert status == 0, err
    from openpyxl import load_workbook

    sheet = load_workbook(tmp_path / "results.xlsx").active
    header = [cell.value for cell in next(sheet.iter_rows(max_row=1))]
    # A workbook for the analyst: headings in words, as the Dutch Excel CSV has them.
    assert header[:5] == ["indicator", "onderwerp", "periode", "uitsplitsing", "oordeel"]
