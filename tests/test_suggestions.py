"""A name that is not known gets "bedoelde u ...?" from one function, at every lookup.

:data:`LOOKUPS` runs each place that looks a name up with a near miss and
checks the suggestion; :func:`test_every_unknown_name_error_goes_through_the_one_function`
reads the source for every ``raise UnknownNameError`` so that a new lookup
cannot skip it.
"""

import ast
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sociaaldomein.cli import main
from sociaaldomein.errors import SociaaldomeinError
from sociaaldomein.text.suggest import closest, did_you_mean, listed, unknown_name

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "sociaaldomein"
CBS = Path(__file__).resolve().parent / "data" / "cbs"

BEEKDAL = (
    "indicator,subject,period,value\n"
    "wmo.ondersteuning-past,Beekdal,2024,83.5\n"
    "jeugd.tevredenheid,Beekdal,2024,7.6\n"
)


def run(capsys, argv):
    status = main([str(arg) for arg in argv])
    out, err = capsys.readouterr()
    return status, out, err


# -- the one function -------------------------------------------------------------------


def test_a_near_miss_is_suggested_and_a_far_one_is_not():
    known = ["assen", "bbv-sociaal-domein", "drenthe", "meierijstad", "zuidwolde"]
    assert closest("drenthee", known) == ["drenthe"]
    assert closest("DRENTHE", known) == ["drenthe"]
    assert closest("xyz", known) == []
    assert did_you_mean("drenthee", known) == "bedoelde u 'drenthe'?"
    assert did_you_mean("xyz", known) == ""
    assert did_you_mean("ondersteuning-past", ["wmo.ondersteuning-past", "wmo.weet-waar"]) == (
        "bedoelde u 'wmo.ondersteuning-past'?"
    )


@given(
    st.text(min_size=1, max_size=12),
    st.lists(st.text(max_size=12), max_size=30),
)
def test_a_suggestion_is_always_a_known_name_other_than_the_one_asked(name, known):
    found = closest(name, known)
    assert len(found) <= 3
    assert all(candidate in known and candidate != name for candidate in found)
    assert (did_you_mean(name, known) == "") == (found == [])


@given(st.lists(st.text(alphabet="abc", min_size=1, max_size=3), max_size=40))
def test_a_list_of_names_stays_short_at_any_size(names):
    shown = listed(names)
    if not names:
        assert shown == "(geen)"
    elif len(names) > 11:  # eleven: "en 1 meer" would take the eleventh name's place
        assert shown.endswith(f" en {len(names) - 10} meer")
    else:
        assert shown == ", ".join(names)


def test_unknown_name_lists_only_when_asked():
    message = unknown_name("er is geen set 'drenthee'", "drenthee", ["drenthe", "assen"])
    assert message == "er is geen set 'drenthee'; bedoelde u 'drenthe'?"
    listed_too = unknown_name("x", "y", ["a"], known_as="bekend")
    assert listed_too == "x (bekend: a)"


# -- every lookup ----------------------------------------------------------------------


def _plugins():
    from sociaaldomein.plugin.manager import Plugins

    return Plugins()


def _set_id(tmp_path: Path) -> None:
    _plugins().resolve("drenthee")


def _base_set(tmp_path: Path) -> None:
    from sociaaldomein.app.framework import resolve_local_set

    path = tmp_path / "set.toml"
    path.write_text('id = "x"\nname = "X"\nversion = "1"\nextends = "drente"\n', encoding="utf-8")
    resolve_local_set(_plugins(), set_file=path)


def _subject(tmp_path: Path) -> None:
    from sociaaldomein.app.run import account_for

    (tmp_path / "m.csv").write_text(BEEKDAL, encoding="utf-8")
    account_for(set_id="drenthe", measurements=[tmp_path / "m.csv"], subject="Beekdl")


def _indicator_in_a_file(tmp_path: Path) -> None:
    from sociaaldomein.app.run import account_for

    wrong = BEEKDAL.replace("ondersteuning-past", "ondersteuning-pas")
    (tmp_path / "m.csv").write_text(wrong, encoding="utf-8")
    account_for(set_id="drenthe", measurements=[tmp_path / "m.csv"])


def _indicator_object(tmp_path: Path) -> None:
    from sociaaldomein.app.run import account_for
    from sociaaldomein.model import Measurement, Period

    measurement = Measurement("jeugd.tevredenheidd", "Beekdal", Period.year(2024), 7)
    account_for(set_id="drenthe", measurements=[measurement])


def _indicator_evaluated(tmp_path: Path) -> None:
    from sociaaldomein.core.evaluation import evaluate_all
    from sociaaldomein.model import Indicator, Measurement, Period

    indicators = [Indicator("bereik", "Bereik", "count")]
    evaluate_all(indicators, [Measurement("berijk", "A", Period.year(2024), 1)], Period.year(2024))


def _indicator_in_a_table(tmp_path: Path) -> None:
    from sociaaldomein.model import Indicator, Measurement, Period
    from sociaaldomein.table.measurements import MeasurementTable

    indicators = [Indicator("bereik", "Bereik", "count")]
    MeasurementTable.from_measurements(
        [Measurement("berijk", "A", Period.year(2024), 1)], indicators
    )


def _indicator_in_a_formula(tmp_path: Path) -> None:
    from sociaaldomein.core.derived import derive
    from sociaaldomein.model import Indicator
    from sociaaldomein.model.measurement_type import MeasurementTypeRegistry

    indicators = [
        Indicator("bereik", "Bereik", "count"),
        Indicator("dubbel", "Dubbel", "count", formula="value(berijk) * 2"),
    ]
    derive(indicators, [], MeasurementTypeRegistry())


def _taxonomy(tmp_path: Path) -> None:
    from sociaaldomein.app.framework import theme_groups

    plugins = _plugins()
    theme_groups(plugins, "bbv-taakveldenn", [], {})


def _theme(tmp_path: Path) -> None:
    from sociaaldomein.model.taxonomy import Taxonomy, Theme

    Taxonomy("t", "T", themes=(Theme("jeugd", "Jeugd"),)).find("jeugt")


def _source(tmp_path: Path) -> None:
    from sociaaldomein.app.fetching import fetch_measurements

    fetch_measurements("cb", set_id="bbv-sociaal-domein")


def _measurement_type(tmp_path: Path) -> None:
    from sociaaldomein.model.measurement_type import MeasurementTypeRegistry

    MeasurementTypeRegistry()["percentge"]


def _column(tmp_path: Path) -> None:
    from sociaaldomein.app.run import account_for

    (tmp_path / "m.csv").write_text(BEEKDAL.replace("subject", "gemeentee", 1), encoding="utf-8")
    account_for(set_id="drenthe", measurements=[tmp_path / "m.csv"])


def _extended_set(tmp_path: Path) -> None:
    status = main(["new-plugin", "x", "--extends", "drente", "-o", str(tmp_path)])
    assert status == 1
    raise SociaaldomeinError("see stderr")


#: Each lookup of a name, run with a near miss, and the suggestion it must give.
LOOKUPS: dict[str, tuple[Callable[[Path], None], str]] = {
    "set id": (_set_id, "bedoelde u 'drenthe'?"),
    "base set": (_base_set, "bedoelde u 'drenthe'?"),
    "subject": (_subject, "bedoelde u 'Beekdal'?"),
    "indicator in a file": (_indicator_in_a_file, "bedoelde u 'wmo.ondersteuning-past'?"),
    "indicator object": (_indicator_object, "bedoelde u 'jeugd.tevredenheid'?"),
    "indicator evaluated": (_indicator_evaluated, "bedoelde u 'bereik'?"),
    "indicator in a table": (_indicator_in_a_table, "bedoelde u 'bereik'?"),
    "indicator in a formula": (_indicator_in_a_formula, "bedoelde u 'bereik'?"),
    "taxonomy": (_taxonomy, "bedoelde u 'bbv-taakvelden'?"),
    "theme": (_theme, "bedoelde u 'jeugd'?"),
    "source": (_source, "bedoelde u 'cbs'?"),
    "measurement type": (_measurement_type, "bedoelde u 'percentage'?"),
    "extended set": (_extended_set, "bedoelde u 'drenthe'?"),
    "column in a file": (_column, "bedoelde u 'gemeente'?"),
}


@pytest.mark.parametrize("name", sorted(LOOKUPS))
def test_unknown_set_ids_subjects_and_indicators_get_a_suggestion(capsys, tmp_path, name):
    """Why: "suggestions ("bedoelde u ...") for unknown columns, set ids, subjects and
    indicators" (the columns are the results helper's)."""
    lookup, wanted = LOOKUPS[name]
    with pytest.raises(SociaaldomeinError) as raised:
        lookup(tmp_path)
    assert wanted in str(raised.value) + capsys.readouterr().err


#: ``raise UnknownNameError`` sites that are no lookup of a name a user typed, and why.
NOT_A_LOOKUP = {
    ("app/run.py", "_choose"): "several subjects and none chosen: nothing was misspelt",
    ("model/prestatieveld.py", "_missing_"): "a number from 1 to 9: the message lists all nine",
    ("model/prestatieveld.py", "lookup"): "matched by text closeness already; lists all nine",
    ("testing/strategies/_basics.py", "_type"): "a test author's call",
}


def test_every_unknown_name_error_goes_through_the_one_function():
    """Each ``raise UnknownNameError(...)`` in src/ builds its message with unknown_name,
    unless :data:`NOT_A_LOOKUP` says why not; difflib is used in text/suggest.py only
    (and by the prestatieveld matcher, which matches texts rather than suggesting)."""
    missing = []
    seen = set()
    for path in sorted(SRC.rglob("*.py")):
        relative = path.relative_to(SRC).as_posix()
        source = path.read_text(encoding="utf-8")
        if "difflib" in source:
            assert relative in ("text/suggest.py", "model/prestatieveld.py"), relative
        tree = ast.parse(source)
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef):
                continue
            for node in ast.walk(function):
                if not (
                    isinstance(node, ast.Raise)
                    and isinstance(node.exc, ast.Call)
                    and getattr(node.exc.func, "id", "") == "UnknownNameError"
                ):
                    continue
                key = (relative, function.name)
                seen.add(key)
                if key in NOT_A_LOOKUP:
                    continue
                if not re.search(r"\bunknown_name\b", ast.unparse(node.exc)):
                    missing.append(f"{relative}:{node.lineno} ({function.name})")
    assert missing == []
    assert set(NOT_A_LOOKUP) <= seen, "an exemption whose raise is gone"
