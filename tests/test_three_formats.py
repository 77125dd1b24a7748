"""The same measurements as CSV, as Dutch-Excel CSV and as .xlsx give identical evaluations."""

import pytest

from sociaaldomein import account_for, format_measurements, parse_measurements

pytest.importorskip("openpyxl")

CSV = """\
indicator,subject,period,value,n,numerator,denominator,status,note
jeugd.tevredenheid,Assen,2023,7.4,180,,,definitive,enquête
jeugd.tevredenheid,Assen,2024,7.8,198,,,provisional,enquête
wmo.ondersteuning-past,Assen,2024,,,330,412,revised_provisional,cliëntervaring
participatie.bijstand-per-1000,Assen,2024,42.1,,,,definitive,
"""


def test_csv_dutch_excel_csv_and_xlsx_agree(tmp_path):
    from sociaaldomein.app.fetching import save_measurements
    from sociaaldomein.plugin.manager import Plugins

    plugins = Plugins()
    indicators = plugins.resolve("assen").indicator_set.all_indicators()
    measurements = parse_measurements(CSV, indicators=indicators, types=plugins.measurement_types)
    plain = tmp_path / "m.csv"
    plain.write_text(CSV, encoding="utf-8")
    dutch = tmp_path / "m-nl.csv"  # as Dutch Excel saves it: ';', decimal comma, Windows-1252
    dutch.write_bytes(format_measurements(measurements, delimiter=";").encode("cp1252"))
    assert b";7,8;" in dutch.read_bytes()
    workbook = save_measurements(measurements, tmp_path / "m.xlsx")
    runs = [
        account_for(set_id="assen", measurements=[path], period="2024", plugins=plugins)
        for path in (plain, dutch, workbook)
    ]
    # The findings differ (the Dutch file's encoding); the results may not.
    envelopes = [{**run.envelope(), "findings": None} for run in runs]
    # The Dutch file's encoding is a finding of the run, not a silent guess.
    assert any("Windows-1252" in f.message for f in runs[1].findings)
    assert envelopes[0] == envelopes[1] == envelopes[2]
    statuses = {r["indicator"]: r["status"] for r in envelopes[0]["results"]}
    assert statuses["jeugd.tevredenheid"] == "met"
