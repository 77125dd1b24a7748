from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sociaaldomein import (
    BUILTIN_MEASUREMENT_TYPES,
    InvalidValueError,
    MeasurementType,
    MeasurementTypeRegistry,
    UnknownNameError,
)

TYPES = MeasurementTypeRegistry()


def test_builtin_types():
    assert set(TYPES) == {
        "percentage",
        "grade",
        "count",
        "amount",
        "hours",
        "ratio",
        "rate_per_1000",
        "rate_per_10000",
        "rate_per_100000",
        "milestone",
        "qualitative",
    }


@pytest.mark.parametrize(
    ("name", "value", "text"),
    [
        ("percentage", 15, "15%"),
        ("percentage", 12.5, "12,5%"),
        ("grade", 8, "8,0"),
        ("grade", 7.25, "7,25"),
        ("count", 1234, "1.234"),
        ("amount", Decimal("1234.5"), "EUR 1.234,50"),
        ("amount", -12, "EUR -12,00"),
        ("hours", 12.5, "12,5 uur"),
        ("ratio", 0.75, "0,75"),
        ("rate_per_1000", 42.1, "42,1 per 1.000"),
        ("milestone", True, "ja"),
        ("qualitative", "goed op weg", "goed op weg"),
    ],
)
def test_dutch_text_form(name, value, text):
    assert TYPES[name].format(value) == text
    assert TYPES[name].parse(text) == TYPES[name].validate(value)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("percentage", 130),
        ("percentage", -0.1),
        ("grade", 11),
        ("grade", 0),
        ("count", -1),
        ("count", 2.5),
        ("count", True),
        ("hours", float("nan")),
        ("hours", float("inf")),
        ("rate_per_1000", float("inf")),
        ("percentage", "15"),
        ("milestone", 1),
        ("qualitative", 3),
    ],
)
def test_invalid_values_say_what_was_expected(name, value):
    with pytest.raises(InvalidValueError, match="verwacht"):
        TYPES[name].validate(value)


def test_unknown_type_lists_the_known_ones():
    with pytest.raises(UnknownNameError, match="percentage, grade"):
        TYPES["procent"]


def test_a_name_registers_once():
    registry = MeasurementTypeRegistry()
    registry.register(MeasurementType("visits", "bezoeken", integral=True, minimum=0))
    assert registry["visits"].format(3) == "3"
    with pytest.raises(InvalidValueError, match="is al geregistreerd"):
        registry.register(BUILTIN_MEASUREMENT_TYPES[0])


def test_rate_and_percentage_from_fractions():
    assert TYPES["percentage"].from_fraction(3, 12) == 25.0
    assert TYPES["rate_per_1000"].from_fraction(Decimal(420), Decimal(10_000)) == 42.0
    with pytest.raises(InvalidValueError):
        TYPES["count"].from_fraction(1, 2)


def _valid_values(name):
    if name == "milestone":
        return st.booleans()
    if name == "qualitative":
        return st.text()
    measurement_type = TYPES[name]
    low = measurement_type.minimum if measurement_type.minimum is not None else -(10**9)
    high = measurement_type.maximum if measurement_type.maximum is not None else 10**9
    if measurement_type.integral:
        return st.integers(int(low), int(high))
    if measurement_type.exact:
        return st.decimals(low, high, places=2)
    return st.floats(float(low), float(high), allow_nan=False)


typed_values = st.one_of([st.tuples(st.just(name), _valid_values(name)) for name in sorted(TYPES)])


@given(typed_values)
def test_every_valid_value_round_trips_through_its_text(case):
    name, value = case
    measurement_type = TYPES[name]
    assert measurement_type.parse(measurement_type.format(value)) == measurement_type.validate(
        value
    )


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("percentage", -0.0, "0.0"),
        ("percentage", Decimal("-0"), "0.0"),
        ("amount", Decimal("-0.00"), "0.00"),
        ("count", -0, "0"),
        ("percentage", 12.5, "12.5"),
        ("amount", Decimal("-1.50"), "-1.50"),
    ],
)
def test_a_zero_has_no_sign(name, value, expected):
    # Both readers, the engine and every report give 0 for -0 (JSON would write -0.0).
    assert str(TYPES[name].validate(value)) == expected


def test_an_exact_value_keeps_every_digit():
    long = Decimal("1.1234567890123456789012345678901")
    assert TYPES["amount"].validate(long) == long
