"""Hooks are called by pluggy: tryfirst, trylast and hook wrappers behave as in pytest."""

import types

import pluggy
import pytest

from sociaaldomein import Finding, Indicator, IndicatorSet, MeasurementType, Plugins
from sociaaldomein.plugin import hookimpl


def recorder(name, calls, **options):
    """A plugin whose measurement-types hook notes that it ran."""
    module = types.ModuleType(name)

    def sociaaldomein_measurement_types():
        calls.append(name)
        return []

    module.sociaaldomein_measurement_types = hookimpl(**options)(sociaaldomein_measurement_types)
    return module


def called(*plugins):
    calls = []
    Plugins([recorder(name, calls, **options) for name, options in plugins], entry_points=False)
    return calls


def run_hook(*plugins):
    calls = []
    loaded = Plugins(
        [recorder(name, calls, **options) for name, options in plugins], entry_points=False
    )
    loaded.measurement_types  # noqa: B018 - calls the hook
    assert loaded.problems == []
    return calls


def test_without_options_the_last_registered_plugin_runs_first():
    assert run_hook(("eerst", {}), ("tweede", {})) == ["tweede", "eerst"]


def test_a_plugin_with_tryfirst_runs_first():
    assert run_hook(("vooraan", {"tryfirst": True}), ("gewoon", {})) == ["vooraan", "gewoon"]


def test_a_plugin_with_trylast_runs_last():
    order = run_hook(("gewoon", {}), ("achteraan", {"trylast": True}), ("ook", {}))
    assert order == ["ook", "gewoon", "achteraan"]


def test_hooks_are_not_called_before_they_are_asked_for():
    assert called(("lui", {})) == []


def test_the_builtin_types_stay_first_whatever_the_order():
    count = MeasurementType("count", "dubbel")
    early = types.ModuleType("vroeg")
    early.sociaaldomein_measurement_types = hookimpl(tryfirst=True)(lambda: [count])
    plugins = Plugins([early], entry_points=False)
    assert plugins.measurement_types["count"] is not count
    [problem] = plugins.problems
    assert problem.rule == "vroeg"
    assert "meettype 'count' is al geregistreerd" in problem.message


SETS = (
    IndicatorSet("goed", "Goed", indicators=[Indicator("a", "A", "count")]),
    IndicatorSet("weg", "Weg"),
)


def provider():
    module = types.ModuleType("aanbieder")
    module.sociaaldomein_indicator_sets = hookimpl(lambda: list(SETS))
    return module


def test_a_hook_wrapper_sees_and_can_change_the_result():
    seen = []
    extra = IndicatorSet("erbij", "Erbij")

    @hookimpl(wrapper=True)
    def sociaaldomein_indicator_sets():
        result = yield
        seen.extend(result)
        kept = [tuple(s for s in items if s.id != "weg") for items in result]
        return [*kept, (extra,)]

    wrapper = types.ModuleType("omhulsel")
    wrapper.sociaaldomein_indicator_sets = sociaaldomein_indicator_sets
    plugins = Plugins([provider(), wrapper], entry_points=False)
    assert sorted(plugins.sets) == ["erbij", "goed"]
    assert SETS in seen  # each plugin's items reach the wrapper as one tuple
    # A set the wrapper kept is still its provider's; one it added is the wrapper's.
    assert plugins.sets["goed"].plugin == "aanbieder"
    assert plugins.sets["erbij"].plugin == "omhulsel"
    assert plugins.problems == []


def test_an_old_style_hookwrapper_can_force_a_result():
    @hookimpl(hookwrapper=True)
    def sociaaldomein_validate(indicator_set):
        outcome = yield
        outcome.force_result([*outcome.get_result(), [Finding("warning", "van de wrapper")]])

    wrapper = types.ModuleType("oud")
    wrapper.sociaaldomein_validate = sociaaldomein_validate
    plugins = Plugins([wrapper], entry_points=False)
    assert plugins.validate(SETS[0]) == [Finding("warning", "van de wrapper", rule="oud")]


def wrapper_plugin(body):
    module = types.ModuleType("omhulsel")
    module.sociaaldomein_indicator_sets = hookimpl(wrapper=True)(body)
    return module


def raises_before():
    raise RuntimeError("voor")
    yield  # pragma: no cover


def raises_after():
    yield
    raise SystemExit(4)


def never_yields():
    return
    yield  # pragma: no cover


def yields_twice():
    yield
    yield


def returns_rubbish():
    yield
    return 42


@pytest.mark.parametrize(
    ("body", "cause"),
    [
        (raises_before, "faalde: RuntimeError: voor"),
        (raises_after, "faalde: SystemExit: 4"),
        (never_yields, "is een hook wrapper die niet yieldt"),
        (yields_twice, "is een hook wrapper die meer dan eens yieldt"),
        (returns_rubbish, "een hook wrapper gaf int terug"),
    ],
)
def test_a_broken_hook_wrapper_is_reported_and_the_result_passes(body, cause):
    plugins = Plugins([provider(), wrapper_plugin(body)], entry_points=False)
    if body is returns_rubbish:
        # The wrapper replaced the whole result: nothing is left to pass on.
        assert plugins.sets == {}
    else:
        assert sorted(plugins.sets) == ["goed", "weg"]
    [problem] = plugins.problems
    assert problem.rule == "omhulsel"
    assert problem.where == "sociaaldomein_indicator_sets"
    assert cause in problem.message


def test_a_wrapper_without_a_generator_does_not_fit():
    plugins = Plugins([provider(), wrapper_plugin(lambda: [])], entry_points=False)
    assert sorted(plugins.sets) == ["goed", "weg"]
    [problem] = plugins.problems
    assert problem.rule == "omhulsel"
    assert "past niet bij de hooks" in problem.message
    assert "not a generator function" in problem.message


def test_the_manager_is_pluggys_and_its_hooks_can_be_called_directly():
    plugins = Plugins([provider()], entry_points=False)
    assert isinstance(plugins.manager, pluggy.PluginManager)
    assert plugins.manager.hook.sociaaldomein_indicator_sets() == [SETS]
