"""Importers against the real source documents, and against broken text."""

import re

import pytest
from conftest import SEEDS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sociaaldomein import (
    AtLeast,
    Change,
    Improvement,
    IndicatorSet,
    Portfolio,
    Reference,
    dump_toml,
    loads_toml,
)
from sociaaldomein.importers import (
    IMPORTERS,
    import_assignments,
    import_portfolio,
    import_project_overview,
)

needs_seeds = pytest.mark.skipif(
    not SEEDS.is_dir(), reason="the source documents in ../shared/seeds are not here"
)


def seed(prefix):
    [path] = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


@needs_seeds
def test_holland_rijnland_overviews():
    first = import_project_overview(seed("000"))
    second = import_project_overview(seed("001"))
    projects = {p.number: p for p in first.items[0].projects + second.items[0].projects}
    assert first.records_seen == 2
    assert second.records_seen == 8
    assert sorted(projects) == ["04", "05", "06", "18", "2", "21", "25", "28", "29", "35"]
    # As the documents give them.
    assert projects["35"].cluster == "Vraagarticulatie"
    assert projects["04"].cluster == "Activering en vrijwilligers"
    assert projects["35"].municipalities == ()  # three times "Maak uw keuze"
    assert projects["35"].budget_hours == 125
    assert projects["35"].prestatievelden == ()
    assert "CMO\u2019s" in projects["35"].background  # &#146; decoded to a right quote
    assert [f.value for f in projects["2"].prestatievelden] == [1, 4]
    assert str(projects["2"].start) == "2010-01"  # "januari 2010": a month
    assert str(projects["21"].end) == "2010-04-01"  # "1 april 2010": a day
    assert str(projects["25"].start) == "2008-10-01"
    assert projects["05"].results == ""
    assert [m.name for m in projects["29"].municipalities] == ["Alphen aan den Rijn", "Leiderdorp"]
    assert [f.value for f in projects["04"].prestatievelden] == [3, 5, 6]
    assert {p.number: p.budget_hours for p in projects.values()} == {
        "35": 125,
        "2": 50,
        "04": 200,
        "05": 200,
        "06": 200,
        "18": 230,
        "21": 40,
        "25": 175,
        "28": 130,
        "29": 150,
    }


@needs_seeds
def test_only_organisations_are_kept_as_submitters():
    result = import_project_overview(seed("001"))
    submitters = {p.number: [o.name for o in p.submitters] for p in result.items[0].projects}
    assert submitters["04"] == ["GGD"]
    assert submitters["06"] == ["Leiden", "Libertas"]
    assert submitters["18"] == ["ROC Leiden"]
    assert submitters["05"] == []
    people = [f for f in result.findings if "weggelaten" in f.message]
    assert len(people) == 8


@needs_seeds
def test_meierijstad_deelopdrachten():
    result = import_assignments(seed("002"))
    [imported] = result.items
    codes = [a.code for a in imported.assignments]
    assert codes == [
        "1a",
        "1b",
        "2",
        "3",
        "4",
        "5",
        "6",
        "7",
        "8",
        "9",
        "10",
        "11",
        "12",
        "13",
        "14",
    ]
    by_code = {a.code: a for a in imported.assignments}
    assert len(by_code["1a"].tasks) == 5
    assert len(by_code["1a"].preconditions) == 4
    assert by_code["12"].preconditions == ()  # its heading is the irregular "f."

    def targets(code):
        return [i.target for i in by_code[code].indicators]

    assert AtLeast(90) in targets("1a")
    assert AtLeast(15) in targets("3")
    assert AtLeast(98) in targets("4")
    assert Change(5, relative=True, against=Reference.PREVIOUS) in targets("10")
    assert Improvement(Reference.BASELINE) in targets("8")
    volunteers = by_code["12"].indicators[0]
    assert str(volunteers.baseline_period) == "2019"
    grades = [i for a in imported.assignments for i in a.indicators if i.target == AtLeast(8)]
    assert len(grades) == 9
    assert all(i.measurement_type == "grade" for i in grades)
    ambiguous = [f for f in result.findings if "dubbelzinnig" in f.message]
    assert [f.where for f in ambiguous] == ["line 399"]


@needs_seeds
def test_drenthe_portfolio():
    result = import_portfolio(seed("003"))
    projects = result.items[0].projects
    assert result.records_seen == len(projects) == 12
    assert (
        projects[0].name == "Model monitoring en verantwoording Sociaal Domein // Drentse gemeenten"
    )
    assert "lokale inkleuring" in projects[0].goal
    assert projects[1].commissioned_by.startswith("Alle gemeenten in Drenthe")
    everything = dump_toml(result.items[0])
    assert "Tekst vergroten" not in everything
    assert "©" not in everything


@needs_seeds
@pytest.mark.parametrize(
    ("kind", "prefix"),
    [("projects", "000"), ("projects", "001"), ("deelopdrachten", "002"), ("portfolio", "003")],
)
def test_output_loads_back(kind, prefix):
    imported = IMPORTERS[kind](seed(prefix)).items[0]
    assert loads_toml(dump_toml(imported), type(imported)) == imported


# -- broken input ------------------------------------------------------------

BOUNDARIES = {
    "projects": re.compile(r"^\s*nummer project\s*:", re.I | re.M),
    "deelopdrachten": re.compile(r"^\d{1,2}[a-z]?\.\s+.*\bdeelopdracht\b", re.I | re.M),
    "portfolio": re.compile(r"^\s*aanleiding\s*:?\s*$", re.I | re.M),
}
SAMPLE = (
    "Cluster: Test\n\tNummer project: 1\n\tNaam project: Een\n\tStart project: 1 januari 2010\n"
    "\tProject eindigt: 31 december 2009\n\tNummer project: 2\n\tBegroting uren: veel\n"
    "1a. Deelopdracht X\na. Uitgangspunten\nTekst\nc. Resultaat(meting)\n 1. Toename van 5%\n"
    "1a. Deelopdracht X\nAanleiding\nIets\nAanpak\n• stap\nAanleiding\n\n"
)


@st.composite
def mutated(draw):
    base = draw(
        st.sampled_from(
            [SAMPLE] + ([seed("000"), seed("002"), seed("003")] if SEEDS.is_dir() else [])
        )
    )
    for _ in range(draw(st.integers(0, 4))):
        start = draw(st.integers(0, len(base)))
        end = draw(st.integers(start, min(len(base), start + 400)))
        action = draw(st.sampled_from(["cut", "repeat", "insert", "truncate"]))
        if action == "cut":
            base = base[:start] + base[end:]
        elif action == "repeat":
            base = base[:end] + base[start:end] + base[end:]
        elif action == "insert":
            base = base[:start] + draw(st.text(max_size=40)) + base[start:]
        else:
            base = base[:start]
    return base


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    st.sampled_from(sorted(IMPORTERS)),
    st.one_of(st.text(), mutated(), st.binary().map(lambda b: b.decode("latin-1"))),
)
def test_every_record_is_an_object_or_a_finding(kind, text):
    result = IMPORTERS[kind](text)
    [container] = result.items
    assert isinstance(container, Portfolio | IndicatorSet)
    records = container.projects if isinstance(container, Portfolio) else container.assignments
    skipped = [f for f in result.findings if f.severity == "error"]
    cleaned = text.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n")
    assert result.records_seen == len(BOUNDARIES[kind].findall(cleaned))
    assert len(records) + len(skipped) == result.records_seen
    assert all(f.where.startswith("line ") for f in result.findings)
    assert loads_toml(dump_toml(container), type(container)) == container


@needs_seeds
def test_committed_hour_rollup_matches_a_fresh_import(tmp_path, capsys):
    from conftest import ROOT

    from sociaaldomein.cli import main

    files = []
    for prefix in ("000", "001"):
        [path] = SEEDS.glob(f"{prefix}_*.txt")
        out = tmp_path / f"{prefix}.toml"
        assert main(["import", "projects", str(path), "-o", str(out)]) == 0
        files.append(str(out))
    capsys.readouterr()
    assert main(["hours", *files]) == 0
    fresh = capsys.readouterr().out
    committed = (ROOT / "examples" / "holland-rijnland-2010" / "uren.md").read_text(
        encoding="utf-8"
    )
    assert fresh == committed
    assert "| Activering en vrijwilligers | 1325 |" in committed
