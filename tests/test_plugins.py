"""Plugins are isolated: one broken plugin is reported and the others keep working."""

import types

import pytest

from sociaaldomein import (
    Finding,
    Indicator,
    IndicatorSet,
    MeasurementType,
    Plugins,
    SetError,
)
from sociaaldomein.plugin import hookimpl


def plugin(name, **hooks):
    module = types.ModuleType(name)
    for hook, function in hooks.items():
        setattr(module, f"sociaaldomein_{hook}", hookimpl(function))
    return module


GOOD_SET = IndicatorSet("goed", "Goed", indicators=[Indicator("a", "A", "count")])
good = plugin(
    "goed",
    indicator_sets=lambda: [GOOD_SET],
    measurement_types=lambda: [MeasurementType("stappen", "stappen", integral=True)],
    validate=lambda indicator_set: [Finding("warning", f"gezien: {indicator_set.id}")],
)


def test_builtin_types_come_through_the_hook():
    plugins = Plugins(entry_points=False)
    assert plugins.names == ["builtin"]
    assert "percentage" in plugins.measurement_types
    assert plugins.problems == []


def test_explicit_plugins():
    plugins = Plugins([good], entry_points=False)
    assert plugins.names == ["builtin", "goed"]
    assert plugins.sets["goed"].plugin == "goed"
    assert plugins.measurement_types["stappen"].integral
    assert plugins.validate(GOOD_SET) == [Finding("warning", "gezien: goed", rule="goed")]


def raising(*args):
    raise RuntimeError("kapot")


@pytest.mark.parametrize(
    ("bad", "cause"),
    [
        (
            plugin("stuk", indicator_sets=raising),
            "sociaaldomein_indicator_sets: raised RuntimeError",
        ),
        (
            plugin("stuk", measurement_types=raising),
            "measurement_types: raised RuntimeError: kapot",
        ),
        (plugin("stuk", validate=raising), "sociaaldomein_validate: raised RuntimeError: kapot"),
        (plugin("stuk", indicator_sets=lambda: [42]), "sociaaldomein_indicator_sets: returned int"),
        (plugin("stuk", measurement_types=lambda: 7), "returned int 7, not a list"),
        (plugin("stuk", validate=lambda indicator_set: ["tekst"]), "returned str"),
        (
            plugin("stuk", measurement_types=lambda: [MeasurementType("count", "dubbel")]),
            "measurement type 'count' is registered already",
        ),
        (
            plugin("stuk", indicator_set=lambda: []),
            "sociaaldomein_indicator_set: is not a hook (bedoelde u 'sociaaldomein_indicator_sets'",
        ),
        (plugin("stuk", validate=lambda wrong_argument: []), "does not fit the hooks"),
        (
            plugin("stuk", indicator_sets=lambda: [GOOD_SET]),
            "set id 'goed' is provided by plugin 'goed' (<object>) and plugin 'stuk' (<object>)",
        ),
    ],
)
def test_a_broken_plugin_is_reported_and_the_others_keep_working(bad, cause):
    plugins = Plugins([good, bad], entry_points=False)
    plugins.validate(GOOD_SET)
    sets = plugins.sets
    types_ = plugins.measurement_types
    assert any(p.rule == "stuk" and cause in f"{p.where}: {p.message}" for p in plugins.problems), (
        plugins.problems
    )
    assert "stappen" in types_
    assert "percentage" in types_
    if "provided by" in cause:
        assert "goed" not in sets
        with pytest.raises(SetError, match="provided by both plugin 'goed' and plugin 'stuk'"):
            plugins.resolve("goed")
    else:
        assert sets["goed"].indicator_set == GOOD_SET
        assert Finding("warning", "gezien: goed", rule="goed") in plugins.validate(GOOD_SET)


def test_a_broken_toml_resource_names_plugin_and_file(tmp_path):
    bad_file = tmp_path / "kapot.toml"
    bad_file.write_text('id = "kapot"\nnaam = "x"\n', encoding="utf-8")
    plugins = Plugins([good, plugin("stuk", indicator_sets=lambda: [bad_file])], entry_points=False)
    assert list(plugins.sets) == ["goed"]
    [problem] = plugins.problems
    assert problem.rule == "stuk"
    assert problem.where == "stuk:kapot.toml"
    assert "stuk:kapot.toml: onbekende sleutel 'naam'; bedoelde u 'name'?" in problem.message


def test_entry_point_that_fails_to_import(monkeypatch):
    from importlib import metadata

    broken = metadata.EntryPoint("kapot", "sociaaldomein_bestaat_niet", "sociaaldomein")
    monkeypatch.setattr(metadata, "entry_points", lambda group: [broken])
    plugins = Plugins()
    assert plugins.names == ["builtin"]
    [problem] = plugins.problems
    assert problem.rule == "kapot"
    assert str(problem).startswith(
        "sociaaldomein_bestaat_niet: error: cannot be imported: ModuleNotFoundError"
    )


def test_autoload_can_be_switched_off(monkeypatch):
    monkeypatch.setenv("SOCIAALDOMEIN_DISABLE_PLUGIN_AUTOLOAD", "1")
    assert Plugins().names == ["builtin"]


def test_installed_plugins_are_found():
    plugins = Plugins()
    assert {"drenthe", "meierijstad"} <= set(plugins.names)
    assert {"drenthe", "assen", "meierijstad"} <= set(plugins.sets)
    assert plugins.problems == []


def test_tracing_writes_hook_calls_to_stderr(monkeypatch, capsys):
    monkeypatch.setenv("SOCIAALDOMEIN_TRACE_PLUGINS", "1")
    plugins = Plugins([good], entry_points=False)
    assert plugins.sets["goed"].plugin == "goed"
    out, err = capsys.readouterr()
    assert out == ""
    assert "registered goed [pluginmanage]" in err
    assert "sociaaldomein_indicator_sets [hook]" in err
    assert "finish sociaaldomein_indicator_sets -->" in err


@pytest.mark.parametrize("value", ["", "0"])
def test_no_tracing_unless_asked(monkeypatch, capsys, value):
    monkeypatch.setenv("SOCIAALDOMEIN_TRACE_PLUGINS", value)
    assert Plugins([good], entry_points=False).sets["goed"].plugin == "goed"
    assert capsys.readouterr() == ("", "")
