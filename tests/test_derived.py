"""Derived indicators: formulas parsed (never executed), resolved per subject and period."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sociaaldomein import (
    AtMost,
    Formula,
    Indicator,
    IndicatorSet,
    InvalidValueError,
    LoadError,
    Measurement,
    MeasurementTypeRegistry,
    Period,
    Status,
    UnknownNameError,
    aggregate,
    derive,
    evaluate_all,
    loads_toml,
)
from sociaaldomein.core.derived import check_formulas
from sociaaldomein.model.formula import Binary, Number, Part, parse_formula
from sociaaldomein.testing import strategies as sds
from sociaaldomein.text.numbers import MAX_MAGNITUDE, as_decimal

TYPES = MeasurementTypeRegistry()
Y = Period.year

UITGAVEN = Indicator("uitgaven", "Uitgaven Wmo", "amount")
CLIENTEN = Indicator("clienten", "Cliënten Wmo", "count")
INWONERS = Indicator("inwoners", "Inwoners", "count")
KOSTEN = Indicator(
    "kosten-per-client",
    "Kosten per cliënt",
    "ratio",
    formula="value(uitgaven) / value(clienten)",
    target=AtMost(5000),
)
AANDEEL = Indicator(
    "maatwerk",
    "Cliënten met maatwerk per 10.000 inwoners",
    "rate_per_10000",
    formula="value(clienten) / value(inwoners) * 10000",
)


def test_the_grammar_gives_a_tree_with_precedence():
    assert parse_formula("value(a) + 2 * numerator(b)") == Binary(
        "+", Part("a"), Binary("*", Number(Decimal(2)), Part("b", "numerator"))
    )
    assert Formula("(value(a) - value(b)) / denominator(c)").inputs == ("a", "b", "c")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("value(a) +", "aan het eind; verwacht een getal"),
        ("value(a) value(b)", "kolom 10: gevonden 'value(b)'; verwacht een bewerking"),
        ("__import__('os')", "kolom 1: onverwacht"),
        ("value(a) ** 2", "kolom 11: gevonden '*'"),
        ("(value(a)", "verwacht een sluitend haakje"),
        ("", "niet-lege"),
    ],
)
def test_anything_else_is_refused_with_the_column(text, message):
    with pytest.raises(InvalidValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_formula(text)


def test_a_bad_formula_in_toml_names_its_key_path():
    text = """
id = "s"
name = "S"
[[indicators]]
id = "k"
name = "K"
measurement_type = "ratio"
formula = "value(a) /"
"""
    with pytest.raises(LoadError) as caught:
        loads_toml(text, IndicatorSet, file="set.toml")
    [problem] = caught.value.problems
    assert (problem.file, problem.where) == ("set.toml", "indicators[0].formula")
    assert "aan het eind" in problem.message


def test_costs_per_client_are_computed_per_subject_and_period_and_judged():
    rows = [
        Measurement("uitgaven", "Oss", Y(2024), Decimal("1200000")),
        Measurement("clienten", "Oss", Y(2024), 300),
        Measurement("uitgaven", "Uden", Y(2024), Decimal("900000")),
    ]
    results = evaluate_all([UITGAVEN, CLIENTEN, KOSTEN], rows)
    kosten = {r.subject: r for r in results if r.indicator == "kosten-per-client"}
    assert kosten["Oss"].value == 4000
    assert kosten["Oss"].status is Status.MET
    assert kosten["Uden"].status is Status.NO_DATA
    assert kosten["Uden"].reason.startswith("waarde niet bekend (geen meting van clienten)")


def test_unknown_inputs_division_by_zero_and_missing_parts_are_named():
    rows = [
        Measurement("clienten", "Oss", Y(2023), unknown="n.n.b."),
        Measurement("uitgaven", "Oss", Y(2023), 10),
        Measurement("clienten", "Oss", Y(2024), 0),
        Measurement("uitgaven", "Oss", Y(2024), 10),
    ]
    derived = derive([UITGAVEN, CLIENTEN, KOSTEN], rows, TYPES)
    assert [m.unknown for m in derived] == [
        "clienten: n.n.b.",
        "niet te berekenen: deling door nul: value(clienten) is 0",
    ]
    share = Indicator("s", "S", "percentage", formula="numerator(clienten) / value(inwoners)")
    [m] = derive([CLIENTEN, INWONERS, share], rows[2:3], TYPES)
    assert m.unknown == "teller van clienten ontbreekt"


def test_cycles_and_unknown_inputs_are_errors_that_name_them():
    a = Indicator("a", "A", "count", formula="value(b) + 1")
    b = Indicator("b", "B", "count", formula="value(c) * 2")
    c = Indicator("c", "C", "count", formula="value(a) - 1")
    with pytest.raises(InvalidValueError, match="a -> b -> c -> a"):
        check_formulas([a, b, c])
    with pytest.raises(UnknownNameError, match="leest onbekende indicator 'c'"):
        check_formulas([a, b])
    with pytest.raises(InvalidValueError, match="leest de indicator zelf"):
        Indicator("d", "D", "count", formula="value(d) + 1")


def test_derived_from_derived_resolves_in_order():
    dubbel = Indicator("dubbel", "Dubbel", "ratio", formula="value(kosten-per-client) * 2")
    rows = [
        Measurement("uitgaven", "Oss", Y(2024), 600),
        Measurement("clienten", "Oss", Y(2024), 3),
    ]
    derived = derive([dubbel, UITGAVEN, CLIENTEN, KOSTEN], rows, TYPES)
    assert {m.indicator: m.value for m in derived} == {"kosten-per-client": 200, "dubbel": 400}


def test_a_derived_indicator_cannot_also_be_measured():
    rows = [Measurement("kosten-per-client", "Oss", Y(2024), 10.0)]
    with pytest.raises(InvalidValueError, match="kan niet ook gemeten"):
        derive([UITGAVEN, CLIENTEN, KOSTEN], rows, TYPES)


# -- properties ------------------------------------------------------------------------

counts = st.integers(0, 10**6)


@given(st.lists(st.tuples(counts, st.integers(1, 10**6)), min_size=1, max_size=8))
def test_a_derived_ratio_adds_up_as_the_ratio_of_the_added_up_parts(parts):
    rows = []
    for index, (clients, inhabitants) in enumerate(parts):
        rows += [
            Measurement("clienten", f"g{index}", Y(2024), clients),
            Measurement("inwoners", f"g{index}", Y(2024), inhabitants),
        ]
    derived = derive([CLIENTEN, INWONERS, AANDEEL], rows, TYPES)
    region = aggregate(derived, TYPES["rate_per_10000"], subject="regio")
    clients = sum(c for c, _ in parts)
    inhabitants = sum(i for _, i in parts)
    [whole] = derive(
        [CLIENTEN, INWONERS, AANDEEL],
        [
            Measurement("clienten", "regio", Y(2024), clients),
            Measurement("inwoners", "regio", Y(2024), inhabitants),
        ],
        TYPES,
    )
    assert (region.numerator, region.denominator) == (clients, inhabitants)
    assert region.value == as_decimal(whole.value)
    assert whole.value == pytest.approx(clients * 10000 / inhabitants)


@given(st.data())
def test_derived_values_agree_with_the_arithmetic_on_the_inputs(data):
    inputs = [Indicator("a", "A", "count"), Indicator("b", "B", "count")]
    derived = data.draw(sds.derived_indicators(inputs, measurement_type="ratio"))
    a, b = data.draw(counts), data.draw(counts)
    rows = [Measurement("a", "Oss", Y(2024), a), Measurement("b", "Oss", Y(2024), b)]
    [result] = derive([*inputs, derived], rows, TYPES)
    text = derived.formula.text.replace("value(a)", str(a)).replace("value(b)", str(b))
    numbers = {"a": Decimal(a), "b": Decimal(b)}
    expected = _arithmetic(derived.formula.tree, numbers)
    if expected is None:
        assert "deling door nul" in result.unknown, text
    elif expected < 0:
        assert "geen geldige waarde voor ratio" in result.unknown, text
    elif expected >= MAX_MAGNITUDE:  # no number read or derived reaches 10^15
        assert "te groot" in result.unknown, text
    else:
        assert result.value == pytest.approx(float(expected)), text


def _arithmetic(node, numbers):
    """A second, independent reading of the tree: plain recursion over Decimals."""
    if isinstance(node, Number):
        return node.value
    if isinstance(node, Part):
        return numbers[node.indicator]
    left, right = _arithmetic(node.left, numbers), _arithmetic(node.right, numbers)
    if left is None or right is None:
        return None
    if node.op == "/":
        return None if right == 0 else left / right
    return {"+": left + right, "-": left - right, "*": left * right}[node.op]
