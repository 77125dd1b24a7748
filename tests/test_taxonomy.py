import pytest

from sociaaldomein import (
    InvalidValueError,
    Plugins,
    Project,
    Taxonomy,
    Theme,
    UnknownNameError,
    roll_up_hours,
)
from sociaaldomein.cli import main
from sociaaldomein.model.taxonomy import group_by_theme, prestatievelden_taxonomy

THEMES = Taxonomy(
    "themas",
    "Thema's",
    [
        Theme("meedoen", "Meedoen", [Theme("vrijwilligers", "Vrijwilligers")]),
        Theme("jeugd", "Jeugd"),
    ],
)


def test_a_theme_covers_what_is_tagged_below_it():
    assert THEMES.covers("meedoen", ("vrijwilligers",))
    assert not THEMES.covers("jeugd", ("vrijwilligers",))
    with pytest.raises(UnknownNameError, match="heeft geen thema 'sport' \\(thema's: meedoen"):
        THEMES.find("sport")
    with pytest.raises(InvalidValueError, match="occurs twice"):
        Taxonomy("x", "X", [Theme("a", "A", [Theme("a", "A")])])


def test_the_prestatievelden_are_a_built_in_taxonomy():
    plugins = Plugins(entry_points=False)
    assert list(plugins.taxonomies) == ["prestatievelden"]
    project = Project("1", "P", prestatievelden=[4])
    groups = group_by_theme(prestatievelden_taxonomy(), [project])
    assert [theme.id for theme, items in groups if items] == ["pv4"]


def test_hours_per_theme():
    projects = [
        Project("1", "A", budget_hours=100, themes=["vrijwilligers"]),
        Project("2", "B", budget_hours=50, themes=["jeugd", "vrijwilligers"]),
        Project("3", "C", budget_hours=10),
    ]
    rollup = roll_up_hours(projects, "theme", taxonomy=THEMES)
    assert rollup.hours == {"(geen)": 10, "Jeugd": 50, "Meedoen": 150}
    assert rollup.counted_more_than_once == ("2",)
    with pytest.raises(InvalidValueError, match="needs a taxonomy"):
        roll_up_hours(projects, "theme")


def test_meierijstad_reports_by_its_own_themes(tmp_path, capsys):
    plugins = Plugins()
    assert "meierijstad-themas" in plugins.taxonomies
    (tmp_path / "measurements.csv").write_text(
        "indicator,subject,period,value\n3.bereik,Meierijstad,2023,17.5\n", encoding="utf-8"
    )
    assert (
        main(
            [
                "report",
                str(tmp_path),
                "--set",
                "meierijstad",
                "--taxonomy",
                "meierijstad-themas",
                "--no-charts",
            ]
        )
        == 0
    )
    report = (tmp_path / "report.md").read_text(encoding="utf-8")
    sections = [line for line in report.splitlines() if line.startswith("## ")]
    # The themes follow the summary and its plain-Dutch version.
    first = sections.index("## In gewone taal") + 1
    assert first == sections.index("## Samenvatting") + 2
    assert sections[first : first + 3] == [
        "## Opgroeien en opvoeden",
        "## Ondersteuning en zorg",
        "## Meedoen en samenleven",
    ]
    assert "Prestatieveld" not in report
    # Deelopdracht 3 (jongerenwerk) is tagged "jeugd", under "Opgroeien en opvoeden".
    first = report.split("## Ondersteuning en zorg")[0]
    assert "Jongeren die het aanbod bereikt | gehaald" in first
    capsys.readouterr()
    assert main(["report", str(tmp_path), "--set", "meierijstad", "--taxonomy", "onbekend"]) == 1
    assert "er is geen taxonomie 'onbekend'" in capsys.readouterr().err
