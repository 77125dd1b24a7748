"""Every report a record: what it was made from, what changed since, and whether it was adopted."""

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sociaaldomein.app.adoption import CONCEPT, AdoptionError, adopt, verify_report
from sociaaldomein.app.differences import compare_records
from sociaaldomein.app.record import RECORD_NAME, RECORD_SCHEMA, read_record
from sociaaldomein.cli import main
from sociaaldomein.errors import LoadError

ROOT = Path(__file__).resolve().parent.parent
DRENTHE = ROOT / "examples" / "drenthe-vergelijking"

HEADER = "indicator,subject,period,value,status\n"
# Two indicators of the Drenthe model for Assen, as CBS publishes them in spring...
SPRING = (
    "jeugd.tevredenheid,Assen,2023,7.4,definitive\n"
    "jeugd.tevredenheid,Assen,2024,7.6,provisional\n"
    "wmo.ondersteuning-past,Assen,2023,80,definitive\n"
    "wmo.ondersteuning-past,Assen,2024,76,provisional\n"
)
# ... and in autumn: one value revised and made definitive, one only made definitive.
AUTUMN = (
    "jeugd.tevredenheid,Assen,2023,7.4,definitive\n"
    "jeugd.tevredenheid,Assen,2024,7.6,definitive\n"
    "wmo.ondersteuning-past,Assen,2023,80,definitive\n"
    "wmo.ondersteuning-past,Assen,2024,81,definitive\n"
)


def report(folder: Path, rows: str, out: str, *extra: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "measurements.csv").write_text(HEADER + rows, encoding="utf-8")
    target = folder.parent / out
    status = main(
        [
            "report",
            str(folder / "measurements.csv"),
            "--set",
            "assen",
            "--period",
            "2024",
            "--no-charts",
            "-o",
            str(target),
            *extra,
        ]
    )
    assert status == 0
    return target


@pytest.fixture
def spring_and_autumn(tmp_path):
    spring = report(tmp_path / "voorjaar-invoer", SPRING, "voorjaar")
    autumn = report(tmp_path / "najaar-invoer", AUTUMN, "najaar", "--since", str(spring))
    return spring, autumn


def test_diff_names_each_revised_value_and_each_changed_status(spring_and_autumn, capsys):
    spring, autumn = spring_and_autumn
    changes = compare_records(read_record(spring), read_record(autumn))
    revised = {change.subject: change for change in changes.of_kind("value")}
    assert set(revised) == {"wmo.ondersteuning-past"}
    assert revised["wmo.ondersteuning-past"].old == "76% (voorlopig)"
    assert revised["wmo.ondersteuning-past"].new == "81% (definitief)"
    statuses = {change.subject: change for change in changes.of_kind("data_status")}
    assert statuses["jeugd.tevredenheid"].old == "voorlopig"
    assert statuses["jeugd.tevredenheid"].new == "definitief"
    verdicts = {change.subject for change in changes.of_kind("status")}
    assert verdicts == {"wmo.ondersteuning-past"}
    assert changes.of_kind("added") == changes.of_kind("retired") == ()
    inputs = changes.of_kind("input")
    assert len(inputs) == 2  # each run read its own file: one gone, one new

    assert main(["diff", str(spring), str(autumn), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    kinds = {(c["subject"], c["kind"]) for c in data["changes"]}
    assert ("wmo.ondersteuning-past", "value") in kinds
    assert ("jeugd.tevredenheid", "data_status") in kinds
    assert main(["diff", str(spring), str(autumn)]) == 0
    text = capsys.readouterr().out
    assert "waarde herzien 76% (voorlopig) → 81% (definitief)" in text
    assert main(["diff", str(spring), str(autumn), "--format", "markdown"]) == 0
    assert "| waarde herzien | 76% (voorlopig) | 81% (definitief) |" in capsys.readouterr().out


def test_report_since_shows_the_changes_in_the_report(spring_and_autumn):
    _, autumn = spring_and_autumn
    for name in ("report.md", "report.html"):
        text = (autumn / name).read_text(encoding="utf-8")
        assert "Wijzigingen sinds de vorige verantwoording" in text
        assert "76% (voorlopig)" in text
        assert "81% (definitief)" in text
        assert "Vergeleken met de verantwoording over Assen, 2024" in text


def test_a_report_without_since_has_no_changes_section(spring_and_autumn):
    spring, _ = spring_and_autumn
    assert "Wijzigingen sinds" not in (spring / "report.md").read_text(encoding="utf-8")


def test_the_same_run_twice_has_the_same_record_but_for_the_time(tmp_path):
    first = report(tmp_path / "in", SPRING, "een")
    second = report(tmp_path / "in", SPRING, "twee")
    one, two = read_record(first), read_record(second)
    assert one.pop("made")
    assert two.pop("made")
    assert one == two
    text = (first / RECORD_NAME).read_text(encoding="utf-8")
    assert text == json.dumps(json.loads(text), sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def test_the_record_holds_what_the_report_was_made_from(spring_and_autumn):
    spring, _ = spring_and_autumn
    record = read_record(spring)
    assert record["schema"] == RECORD_SCHEMA
    assert record["set"]["id"] == "assen"
    assert len(record["set"]["sha256"]) == 64
    assert record["software"]["sociaaldomein"]
    assert "sociaaldomein-drenthe" in record["software"]["plugins"]
    assert record["run"]["period"] == "2024"
    assert record["run"]["subject"] == "Assen"
    assert record["run"]["options"]["set"] == "assen"
    (given_file,) = record["inputs"]
    assert given_file["name"] == "../voorjaar-invoer/measurements.csv"
    assert given_file["rows"] == 4
    assert given_file["size"] == len(HEADER + SPRING)
    written = {"report.md", "report.html", "results.csv"}
    assert written <= set(record["outputs"])
    assert record["results"]["wmo.ondersteuning-past"]["value"] == "76.0"
    assert record["results"]["wmo.ondersteuning-past"]["data_status"] == "provisional"


def test_adopting_records_the_decision_and_the_report_says_so(spring_and_autumn, capsys):
    _, autumn = spring_and_autumn
    assert CONCEPT in (autumn / "report.html").read_text(encoding="utf-8")
    status = main(
        [
            "vaststellen",
            str(autumn),
            "--orgaan",
            "de gemeenteraad",
            "--datum",
            "2025-06-30",
            "--besluit",
            "raadsbesluit 2025-123",
        ]
    )
    assert status == 0
    record = read_record(autumn)
    assert record["adoption"]["body"] == "de gemeenteraad"
    assert record["adoption"]["date"] == "2025-06-30"
    assert set(record["adoption"]["files"]) == set(record["outputs"])
    for name in ("report.md", "report.html"):
        text = (autumn / name).read_text(encoding="utf-8")
        assert CONCEPT not in text
        assert "Vastgesteld door de gemeenteraad op 30 juni 2025" in text
    assert verify_report(autumn) == ()
    capsys.readouterr()
    assert main(["verify", str(autumn)]) == 0
    assert "vastgesteld" in capsys.readouterr().out


def test_verify_names_the_file_in_which_one_byte_changed(spring_and_autumn, capsys):
    _, autumn = spring_and_autumn
    adopt(autumn, body="de gemeenteraad", date="2025-06-30", decision="2025-123")
    csv = autumn / "results.csv"
    data = bytearray(csv.read_bytes())
    data[-2] ^= 1
    csv.write_bytes(bytes(data))
    assert verify_report(autumn) == ("results.csv: de inhoud wijkt af van het record",)
    assert main(["verify", str(autumn)]) == 1
    assert "results.csv" in capsys.readouterr().out


def test_verify_names_the_input_in_which_one_byte_changed(spring_and_autumn, capsys):
    _, autumn = spring_and_autumn
    adopt(autumn, body="de gemeenteraad", date="2025-06-30", decision="2025-123")
    given = autumn.parent / "najaar-invoer" / "measurements.csv"
    data = bytearray(given.read_bytes())
    data[len(HEADER)] ^= 1
    given.write_bytes(bytes(data))
    assert verify_report(autumn) == (
        "invoer ../najaar-invoer/measurements.csv: de inhoud wijkt af van het record",
    )
    assert main(["verify", str(autumn)]) == 1
    assert "najaar-invoer/measurements.csv" in capsys.readouterr().out
    given.unlink()
    assert verify_report(autumn) == ("invoer ../najaar-invoer/measurements.csv: ontbreekt",)


def test_verify_names_an_adopted_report_whose_text_was_changed_with_its_hash(
    spring_and_autumn,
):
    _, autumn = spring_and_autumn
    adopt(autumn, body="de gemeenteraad", date="2025-06-30", decision="2025-123")
    html = autumn / "report.html"
    changed = html.read_text(encoding="utf-8").replace("gehaald", "gehaald!", 1)
    html.write_text(changed, encoding="utf-8")
    # Someone also rewrites the record's hash: the concept still gives it away.
    record = read_record(autumn)
    from sociaaldomein.app.record import digest, record_text

    record["adoption"]["files"]["report.html"] = digest(changed.encode("utf-8"))
    (autumn / RECORD_NAME).write_text(record_text(record), encoding="utf-8")
    assert verify_report(autumn) == ("report.html: zegt iets anders dan het vastgestelde concept",)


def test_writing_into_an_adopted_folder_is_refused(spring_and_autumn, capsys):
    _, autumn = spring_and_autumn
    adopt(autumn, body="de gemeenteraad", date="2025-06-30", decision="2025-123")
    before = {path.name: path.read_bytes() for path in autumn.iterdir()}
    status = main(
        [
            "report",
            str(autumn.parent / "najaar-invoer" / "measurements.csv"),
            "--set",
            "assen",
            "--no-charts",
            "-o",
            str(autumn),
        ]
    )
    assert status == 1
    assert "vastgestelde verantwoording" in capsys.readouterr().err
    assert {path.name: path.read_bytes() for path in autumn.iterdir()} == before


def test_a_report_is_adopted_once_and_only_as_written(spring_and_autumn, tmp_path):
    spring, autumn = spring_and_autumn
    third = report(tmp_path / "derde-invoer", SPRING, "derde")
    with pytest.raises(AdoptionError, match="geen datum"):
        adopt(third, body="x", date="30-06-2025", decision="y")
    with pytest.raises(AdoptionError, match="orgaan: geef een tekst"):
        adopt(third, body=" ", date="2025-06-30", decision="y")
    assert read_record(third)["adoption"] is None
    adopt(autumn, body="de gemeenteraad", date="2025-06-30", decision="2025-123")
    with pytest.raises(AdoptionError, match="al vastgesteld"):
        adopt(autumn, body="de gemeenteraad", date="2025-07-01", decision="2025-124")
    (spring / "report.md").write_text("anders", encoding="utf-8")
    with pytest.raises(AdoptionError, match=r"report\.md: de inhoud wijkt af"):
        adopt(spring, body="de gemeenteraad", date="2025-06-30", decision="2025-123")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("not json", "geen geldige JSON"),
        ("[]", "verwacht een JSON-object"),
        ('{"schema": 1}', "made: verwacht tekst, gevonden niets"),
        (
            json.dumps(
                {
                    "schema": RECORD_SCHEMA + 1,
                    "made": "",
                    "inputs": [],
                    "outputs": {},
                    "results": {},
                    "run": {},
                    "set": {},
                }
            ),
            "nieuwer dan deze versie",
        ),
    ],
)
def test_a_bad_record_is_a_load_error_naming_the_key(tmp_path, text, expected):
    (tmp_path / RECORD_NAME).write_text(text, encoding="utf-8")
    with pytest.raises(LoadError, match=expected):
        read_record(tmp_path)


def test_a_folder_without_a_record_says_so(tmp_path, capsys):
    assert main(["verify", str(tmp_path)]) == 1
    assert "niet gemaakt met `sociaaldomein report`" in capsys.readouterr().err


_values = st.one_of(
    st.none(),
    st.booleans(),
    st.decimals(allow_nan=False, allow_infinity=False, places=2).map(str),
)
_results = st.dictionaries(
    st.sampled_from(["a", "b", "c", "d"]),
    st.fixed_dictionaries(
        {
            "value": _values,
            "status": st.sampled_from(["met", "not_met", "no_data", "within_tolerance"]),
            "data_status": st.sampled_from([None, "provisional", "definitive"]),
            "target": st.sampled_from([None, "minimaal 5", "maximaal 7"]),
            "name": st.just("naam"),
        }
    ),
)


@given(_results, _results)
def test_compare_records_names_every_difference_and_nothing_else(old, new):
    changes = compare_records({"results": old}, {"results": new})
    assert not compare_records({"results": old}, {"results": old})
    named = {(change.subject, change.kind) for change in changes.changes}
    for key in set(old) | set(new):
        if key not in old:
            assert (key, "added") in named
            continue
        if key not in new:
            assert (key, "retired") in named
            continue
        was, now = old[key], new[key]
        assert ((key, "value") in named) == (was["value"] != now["value"])
        assert ((key, "status") in named) == (was["status"] != now["status"])
        assert ((key, "target") in named) == (was["target"] != now["target"])
        same_value = was["value"] == now["value"]
        assert ((key, "data_status") in named) == (
            same_value and was["data_status"] != now["data_status"]
        )


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)
_VALID = {
    "schema": 1,
    "made": "2025-01-01T00:00:00+00:00",
    "inputs": [{"name": "in.csv", "sha256": "0" * 64, "rows": 1, "size": 2}],
    "outputs": {"report.md": "0" * 64},
    "results": {"a": {"status": "met", "value": "1", "name": "A", "data_status": None}},
    "run": {"period": "2024", "subject": "Assen", "references": [], "options": {}},
    "set": {"id": "x", "version": "1", "sha256": "0", "title": "X"},
    "software": {},
    "sources": [],
    "adoption": None,
}


def _replace(record, path, value):
    """``record`` with the value at ``path`` (keys and indexes) replaced by ``value``."""
    if not path:
        return value
    copy = json.loads(json.dumps(record))
    node = copy
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    return copy


def _paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for number, item in enumerate(value):
            yield from _paths(item, (*prefix, number))


@given(st.sampled_from(list(_paths(_VALID))), _json)
def test_a_tampered_record_is_read_or_refused_never_a_traceback(tmp_path_factory, path, value):
    folder = tmp_path_factory.mktemp("record")
    (folder / RECORD_NAME).write_text(json.dumps(_replace(_VALID, path, value)), "utf-8")
    try:
        record = read_record(folder)
    except LoadError as exc:
        refused = str(exc)
    else:
        refused = ""
    if refused:
        assert refused.startswith(str(folder / RECORD_NAME))
        return
    compare_records(record, _VALID).text()
    compare_records(_VALID, record).markdown()
    assert isinstance(verify_report(folder), tuple)
