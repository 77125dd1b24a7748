"""A misbehaving plugin is named with its cause and skipped; the others keep working."""

import json
import sys
import types
from importlib import metadata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sociaaldomein import Finding, Indicator, IndicatorSet, MeasurementType, Plugins, SetError
from sociaaldomein.cli import main
from sociaaldomein.plugin import hookimpl

GOOD_SET = IndicatorSet("goed", "Goed")


def module(name, **functions):
    made = types.ModuleType(name)
    for attribute, function in functions.items():
        setattr(made, attribute, function)
    return made


def good():
    return module("goed", sociaaldomein_indicator_sets=hookimpl(lambda: [GOOD_SET]))


def still_working(plugins):
    assert plugins.sets["goed"].indicator_set == GOOD_SET
    assert "percentage" in plugins.measurement_types
    assert not [p for p in plugins.problems if p.rule in ("goed", "builtin")]


def problems_of(plugins, name):
    """The problems of plugin ``name``, once the hooks have run (they run when asked for)."""
    plugins.sets  # noqa: B018
    plugins.measurement_types  # noqa: B018
    return [(p.severity.value, p.where, p.message) for p in plugins.problems if p.rule == name]


@pytest.fixture
def installed(monkeypatch):
    """Install in-memory modules as entry-point plugins: ``installed(name=module, ...)``."""

    def install(**modules):
        points = []
        for name, made in modules.items():
            if made is not None:
                monkeypatch.setitem(sys.modules, f"sociaaldomein_test_{name}", made)
            points.append(metadata.EntryPoint(name, f"sociaaldomein_test_{name}", "sociaaldomein"))
        monkeypatch.setattr(metadata, "entry_points", lambda group: points)

    return install


# -- hooks named but not marked, marked but misnamed ----------------------------------------


def test_an_undecorated_hook_function_is_reported_and_still_called():
    def sociaaldomein_indicator_sets():
        return [IndicatorSet("ongemarkeerd", "Ongemarkeerd")]

    unmarked = module("slordig", sociaaldomein_indicator_sets=sociaaldomein_indicator_sets)
    plugins = Plugins([good(), unmarked], entry_points=False)
    assert plugins.sets["ongemarkeerd"].plugin == "slordig"
    [(severity, where, message)] = problems_of(plugins, "slordig")
    assert (severity, where) == ("warning", "sociaaldomein_indicator_sets")
    assert "is not marked @hookimpl" in message
    still_working(plugins)


def test_a_misspelled_hook_name_is_reported_and_the_plugin_left_out():
    misspelled = module(
        "tikfout",
        sociaaldomein_indicator_set=hookimpl(lambda: [IndicatorSet("x", "X")]),
        sociaaldomein_validate=hookimpl(lambda indicator_set: [Finding("error", "nooit")]),
    )
    plugins = Plugins([good(), misspelled], entry_points=False)
    assert "tikfout" not in plugins.names
    assert problems_of(plugins, "tikfout") == [
        (
            "error",
            "sociaaldomein_indicator_set",
            "is not a hook (bedoelde u 'sociaaldomein_indicator_sets'?)",
        )
    ]
    assert plugins.validate(GOOD_SET) == []
    still_working(plugins)


def test_an_unknown_prefixed_function_is_reported_even_without_the_marker():
    plugins = Plugins([good(), module("hulp", sociaaldomein_helper=lambda: [])], entry_points=False)
    [(severity, where, message)] = problems_of(plugins, "hulp")
    assert (severity, where) == ("error", "sociaaldomein_helper")
    assert message.startswith("is not a hook")
    still_working(plugins)


def test_a_marked_function_without_the_prefix_is_reported():
    plugins = Plugins(
        [good(), module("kaal", indicator_sets=hookimpl(lambda: []))], entry_points=False
    )
    assert problems_of(plugins, "kaal") == [
        (
            "error",
            "indicator_sets",
            "is marked @hookimpl but not named sociaaldomein_..."
            " (bedoelde u 'sociaaldomein_indicator_sets'?)",
        )
    ]
    still_working(plugins)


def test_specname_names_the_hook_for_a_function_without_the_prefix():
    named = module(
        "bijnaam",
        sets=hookimpl(specname="sociaaldomein_indicator_sets")(lambda: [IndicatorSet("b", "B")]),
    )
    plugins = Plugins([good(), named], entry_points=False)
    assert plugins.sets["b"].plugin == "bijnaam"
    assert plugins.problems == []


def test_helpers_and_non_functions_with_other_names_are_left_alone():
    quiet = module("stil", helper=lambda: 1, sociaaldomein_version="1.0", VALUE=3)
    plugins = Plugins([good(), quiet], entry_points=False)
    assert "stil" in plugins.names
    assert plugins.problems == []


# -- exits, interrupts, output -----------------------------------------------------------


def exits():
    sys.exit(3)


def test_a_plugin_calling_sys_exit_in_a_hook_is_reported_and_the_rest_works():
    plugins = Plugins(
        [good(), module("uit", sociaaldomein_indicator_sets=hookimpl(exits))], entry_points=False
    )
    assert problems_of(plugins, "uit") == [
        ("error", "sociaaldomein_indicator_sets", "raised SystemExit: 3")
    ]
    still_working(plugins)


def test_a_plugin_calling_sys_exit_at_import_is_reported_and_the_rest_works(
    installed, tmp_path, monkeypatch
):
    (tmp_path / "sociaaldomein_test_afsluiter.py").write_text("import sys\nsys.exit('weg')\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    installed(afsluiter=None, goed=good())
    plugins = Plugins()
    assert plugins.names == ["builtin", "goed"]
    assert problems_of(plugins, "afsluiter") == [
        ("error", "sociaaldomein_test_afsluiter", "cannot be imported: SystemExit: weg")
    ]
    still_working(plugins)


def test_keyboard_interrupt_is_not_swallowed():
    def interrupted():
        raise KeyboardInterrupt

    plugins = Plugins(
        [module("ctrlc", sociaaldomein_indicator_sets=hookimpl(interrupted))], entry_points=False
    )
    with pytest.raises(KeyboardInterrupt):
        plugins.sets  # noqa: B018


def test_print_in_a_hook_does_not_reach_stdout_and_is_reported(capsys):
    def chatty():
        print("hallo vanuit de plugin")
        return [IndicatorSet("praat", "Praat")]

    plugins = Plugins(
        [good(), module("prater", sociaaldomein_indicator_sets=hookimpl(chatty))],
        entry_points=False,
    )
    assert plugins.sets["praat"].plugin == "prater"
    assert capsys.readouterr().out == ""
    assert problems_of(plugins, "prater") == [
        (
            "warning",
            "sociaaldomein_indicator_sets",
            "wrote to standard output, which was held back: 'hallo vanuit de plugin\\n'",
        )
    ]
    still_working(plugins)


def test_print_in_a_hook_or_at_import_does_not_corrupt_json_output(installed, capsys):
    def chatty():
        print("{niet: json")
        return [IndicatorSet("praat", "Praat")]

    installed(prater=module("prater", sociaaldomein_indicator_sets=hookimpl(chatty)))
    assert main(["sets", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [s["id"] for s in data["sets"]] == ["praat"]


def test_a_generator_that_fails_halfway_gives_nothing():
    def halfway():
        yield IndicatorSet("half", "Half")
        raise RuntimeError("halverwege")

    plugins = Plugins(
        [good(), module("half", sociaaldomein_indicator_sets=hookimpl(halfway))], entry_points=False
    )
    assert "half" not in plugins.sets
    assert problems_of(plugins, "half") == [
        ("error", "sociaaldomein_indicator_sets", "raised RuntimeError: halverwege")
    ]
    still_working(plugins)


class BrokenResource(type(Path())):
    """A resource whose reading is plugin code that fails."""

    def read_text(self, encoding=None, errors=None):
        raise ValueError("kan niet lezen")


def test_a_failing_resource_reader_is_reported():
    reader = module(
        "lezer", sociaaldomein_indicator_sets=hookimpl(lambda: [BrokenResource("kapot.toml")])
    )
    plugins = Plugins([good(), reader], entry_points=False)
    assert problems_of(plugins, "lezer") == [
        ("error", "set resource", "raised ValueError: kan niet lezen")
    ]
    still_working(plugins)


# -- cycles ----------------------------------------------------------------------------------


def test_two_plugin_sets_that_extend_each_other_are_a_set_error_naming_the_cycle():
    plugins = Plugins(
        [
            module(
                "a",
                sociaaldomein_indicator_sets=hookimpl(
                    lambda: [IndicatorSet("a", "A", extends="b")]
                ),
            ),
            module(
                "b",
                sociaaldomein_indicator_sets=hookimpl(
                    lambda: [IndicatorSet("b", "B", extends="a")]
                ),
            ),
        ],
        entry_points=False,
    )
    with pytest.raises(SetError, match=r"sets extend each other in a cycle: a -> b -> a"):
        plugins.resolve("a")


def test_three_plugin_sets_in_a_cycle_are_a_set_error_from_any_of_them():
    chain = {"a": "b", "b": "c", "c": "a"}
    plugins = Plugins(
        [
            module(
                f"p{key}",
                sociaaldomein_indicator_sets=hookimpl(
                    lambda key=key, base=base: [IndicatorSet(key, key.upper(), extends=base)]
                ),
            )
            for key, base in chain.items()
        ],
        entry_points=False,
    )
    for start, cycle in [("a", "a -> b -> c -> a"), ("c", "c -> a -> b -> c")]:
        with pytest.raises(SetError, match=f"cycle: {cycle}"):
            plugins.resolve(start)


def test_the_indicators_command_reports_a_cycle_of_plugin_sets(installed, capsys):
    installed(
        a=module(
            "a",
            sociaaldomein_indicator_sets=hookimpl(lambda: [IndicatorSet("a", "A", extends="b")]),
        ),
        b=module(
            "b",
            sociaaldomein_indicator_sets=hookimpl(lambda: [IndicatorSet("b", "B", extends="a")]),
        ),
    )
    assert main(["indicators", "b"]) == 1
    assert "cycle: b -> a -> b" in capsys.readouterr().err


# -- whatever the others do ------------------------------------------------------------------

BEHAVIOURS = {
    "raises": lambda: hookimpl(lambda: 1 / 0),
    "exits": lambda: hookimpl(exits),
    "prints": lambda: hookimpl(lambda: print("ruis") or []),
    "wrong type": lambda: hookimpl(lambda: ["geen set"]),
    "not iterable": lambda: hookimpl(lambda: 5),
    "clashes": lambda: hookimpl(lambda: [IndicatorSet("goed", "Ander")]),
    "first": lambda: hookimpl(tryfirst=True)(lambda: []),
    "wrapper": lambda: hookimpl(wrapper=True)(pass_through),
    "broken wrapper": lambda: hookimpl(wrapper=True)(raises_after_yield),
}


def pass_through():
    return (yield)


def raises_after_yield():
    yield
    raise RuntimeError("na")


@given(
    st.lists(st.sampled_from(sorted(BEHAVIOURS)), max_size=5),
    st.integers(min_value=0, max_value=5),
)
def test_whatever_other_plugins_do_a_good_plugins_sets_are_unchanged(behaviours, position):
    others = [
        module(f"p{index}", sociaaldomein_indicator_sets=BEHAVIOURS[behaviour]())
        for index, behaviour in enumerate(behaviours)
    ]
    others.insert(min(position, len(others)), good())
    plugins = Plugins(others, entry_points=False)
    if "clashes" in behaviours:
        with pytest.raises(SetError, match="is provided by both"):
            plugins.resolve("goed")
    else:
        assert plugins.sets["goed"].indicator_set == GOOD_SET
        assert plugins.sets["goed"].plugin == "goed"
        assert plugins.resolve("goed").indicator_set.id == "goed"
    quiet = {"first", "wrapper"}
    named = {p.rule for p in plugins.problems}
    for index, behaviour in enumerate(behaviours):
        assert (f"p{index}" in named) == (behaviour not in quiet), (behaviour, plugins.problems)


class SneakyType(MeasurementType):
    """A measurement type whose validation is plugin code that would run outside any hook."""

    def validate(self, value):
        raise RuntimeError("later")


def test_a_subclass_of_a_model_type_is_refused_so_no_plugin_code_runs_later():
    sneaky = module(
        "stiekem",
        sociaaldomein_measurement_types=hookimpl(lambda: [SneakyType("stiekem", "Stiekem")]),
    )
    plugins = Plugins([good(), sneaky], entry_points=False)
    assert "stiekem" not in plugins.measurement_types
    [(severity, where, message)] = problems_of(plugins, "stiekem")
    assert (severity, where) == ("error", "sociaaldomein_measurement_types")
    assert message.startswith("returned a SneakyType, a subclass of MeasurementType")
    still_working(plugins)


class SneakyIndicator(Indicator):
    """An indicator whose attribute access is plugin code, run wherever the set is read.

    It behaves while its plugin's hook runs (the set checks it then) and is
    armed when the hook returns.
    """

    armed = False

    def __getattribute__(self, name):
        if name == "target" and type(self).armed:
            raise RuntimeError("plugin code ran outside its hook")
        return object.__getattribute__(self, name)


class DisguisedIndicator(SneakyIndicator):
    """A subclass that claims to be the model's own by its module name."""


DisguisedIndicator.__module__ = "sociaaldomein.model.indicator"


class SneakyText(str):
    """Text whose comparison is plugin code."""

    def __eq__(self, other):
        raise RuntimeError("plugin code ran outside its hook")

    __hash__ = str.__hash__


@pytest.mark.parametrize(
    ("made", "where", "kind"),
    [
        (
            lambda: IndicatorSet(
                "stiekem", "Stiekem", indicators=[SneakyIndicator("x", "X", "percentage")]
            ),
            "indicators[0]",
            "SneakyIndicator",
        ),
        (
            lambda: IndicatorSet(
                "stiekem", "Stiekem", indicators=[DisguisedIndicator("x", "X", "percentage")]
            ),
            "indicators[0]",
            "DisguisedIndicator",
        ),
        (
            lambda: IndicatorSet(
                "stiekem", "Stiekem", indicators=[Indicator("x", SneakyText("X"), "percentage")]
            ),
            "indicators[0].name",
            "SneakyText",
        ),
    ],
)
def test_a_plugin_set_holding_an_indicator_subclass_is_a_clear_error_naming_the_plugin(
    made, where, kind, monkeypatch
):
    monkeypatch.setattr(SneakyIndicator, "armed", False)
    sneaky = module("stiekem", sociaaldomein_indicator_sets=hookimpl(lambda: _armed(made())))
    plugins = Plugins([good(), sneaky], entry_points=False)
    assert "stiekem" not in plugins.sets
    [(severity, hook, message)] = problems_of(plugins, "stiekem")
    assert (severity, hook) == ("error", "sociaaldomein_indicator_sets")
    assert f"set 'stiekem' holds a {kind} at {where}" in message
    with pytest.raises(SetError, match="stiekem"):
        plugins.resolve("stiekem")
    still_working(plugins)


def _armed(indicator_set):
    SneakyIndicator.armed = True
    return [indicator_set]


def test_a_plugin_set_holding_an_indicator_subclass_gives_no_traceback_on_the_command_line(
    installed, capsys, monkeypatch
):
    monkeypatch.setattr(SneakyIndicator, "armed", False)
    made = IndicatorSet("stiekem", "Stiekem", indicators=[SneakyIndicator("x", "X", "percentage")])
    installed(
        stiekem=module("stiekem", sociaaldomein_indicator_sets=hookimpl(lambda: _armed(made)))
    )
    for command in (["indicators", "stiekem"], ["sets"], ["plugins"]):
        main(command)
        out = capsys.readouterr()
        assert "Traceback" not in out.err + out.out, command
        assert "plugin code ran" not in out.err + out.out, command
