import pytest

from sociaaldomein import (
    AtLeast,
    Indicator,
    IndicatorSet,
    Override,
    Retirement,
    SetError,
    SociaaldomeinError,
    resolve_set,
)

BASE = IndicatorSet(
    "drenthe",
    "Drenthe",
    indicators=[
        Indicator("bereik", "Bereik", "percentage", target=AtLeast(15), source="CBS"),
        Indicator("uren", "Uren", "hours"),
    ],
)
LOCAL = IndicatorSet(
    "assen",
    "Assen",
    extends="drenthe",
    indicators=[Indicator("initiatieven", "Initiatieven", "count")],
    overrides=[Override("bereik", target=AtLeast(20))],
    retired=[Retirement("uren", "niet in uren verantwoord")],
)
SETS = {"drenthe": BASE, "assen": LOCAL}


def test_flat_set_with_provenance_per_field():
    resolved = resolve_set("assen", SETS)
    flat = resolved.indicator_set
    assert [i.id for i in flat.indicators] == ["bereik", "initiatieven"]
    assert flat.indicators[0].target == AtLeast(20)
    assert flat.extends is None
    assert resolved.origin("bereik", "target") == "assen"
    assert resolved.origin("bereik", "source") == "drenthe"
    assert resolved.origin("initiatieven", "name") == "assen"
    assert resolved.retired == {"uren": ("assen", "niet in uren verantwoord")}
    assert resolved.chain == ("drenthe", "assen")


def test_three_levels():
    village = IndicatorSet(
        "dorp", "Dorp", extends="assen", overrides=[Override("initiatieven", source="dorpsraad")]
    )
    resolved = resolve_set("dorp", {**SETS, "dorp": village})
    assert resolved.chain == ("drenthe", "assen", "dorp")
    assert resolved.origin("initiatieven", "source") == "dorp"
    assert resolved.origin("bereik", "target") == "assen"


def test_unknown_base_names_both_sides():
    with pytest.raises(SetError, match="set 'assen' breidt 'drenthe' uit, maar geen plugin"):
        resolve_set("assen", {"assen": LOCAL})


def test_unknown_set():
    with pytest.raises(SetError, match=r"er is geen set 'emmen' \(bekende sets: assen, drenthe\)"):
        resolve_set("emmen", SETS)


def test_cycle():
    a = IndicatorSet("a", "A", extends="b")
    b = IndicatorSet("b", "B", extends="a")
    with pytest.raises(SetError, match="cycle: a -> b -> a"):
        resolve_set("a", {"a": a, "b": b})


@pytest.mark.parametrize(
    ("local", "message"),
    [
        (
            IndicatorSet("x", "X", extends="drenthe", overrides=[Override("onbekend", name="?")]),
            "set 'x' overrides indicator 'onbekend', which its base 'drenthe' does not have",
        ),
        (
            IndicatorSet("x", "X", extends="drenthe", retired=[Retirement("onbekend", "weg")]),
            "set 'x' retires indicator 'onbekend', which its base 'drenthe' does not have",
        ),
        (
            IndicatorSet(
                "x", "X", extends="drenthe", indicators=[Indicator("bereik", "B", "count")]
            ),
            "set 'x' adds indicator 'bereik', which its base 'drenthe' already has",
        ),
        (
            IndicatorSet(
                "x",
                "X",
                extends="drenthe",
                overrides=[Override("bereik", direction="lower_is_better")],
            ),
            "set 'x' overrides indicator 'bereik' of base 'drenthe' into something invalid",
        ),
    ],
)
def test_local_changes_that_do_not_fit_the_base(local, message):
    with pytest.raises(SetError, match=message):
        resolve_set("x", {"drenthe": BASE, "x": local})


def test_overrides_need_a_base_and_a_reason():
    with pytest.raises(SociaaldomeinError, match="extends no set"):
        IndicatorSet("x", "X", overrides=[Override("a", name="b")])
    with pytest.raises(SociaaldomeinError, match="needs a reason"):
        Retirement("a", " ")
