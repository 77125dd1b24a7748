"""Derived indicators: values computed from other indicators by a formula.

A derived indicator (``formula = "value(uitgaven) / value(clienten)"``) is
computed per subject, period and slice from the measurements of the
indicators it reads; where one is missing or not known, the derived value
is not known either, and says which input is missing. A formula of the
shape ``x / y`` (times a constant) on a type with a scale keeps ``x`` and
``y`` as numerator and denominator, so that adding derived rates up over
subjects gives the ratio of the added-up parts. Formulas are parsed, never
executed (:mod:`sociaaldomein.model.formula`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal

from sociaaldomein.errors import InvalidValueError, UnknownNameError
from sociaaldomein.model.formula import Negate, Node, Number, Part
from sociaaldomein.model.indicator import Indicator
from sociaaldomein.model.measurement import Measurement, status_of_whole
from sociaaldomein.model.measurement_type import MeasurementType
from sociaaldomein.model.period import Period
from sociaaldomein.text.language import _
from sociaaldomein.text.numbers import as_decimal
from sociaaldomein.text.suggest import unknown_name

__all__ = ["check_formulas", "compute", "derive"]

_Key = tuple[str, Period, tuple[tuple[str, str], ...]]


class _Missing(Exception):
    """An input of a formula has no value; the message names it."""


def check_formulas(
    indicators: Iterable[Indicator], types: Mapping[str, MeasurementType] | None = None
) -> list[Indicator]:
    """The derived indicators in an order where every input comes before its use.

    :param types: the measurement types by name; given, a formula may read
        the value only of an indicator whose type is a number.
    :raises UnknownNameError: a formula reads an indicator that is not there.
    :raises InvalidValueError: formulas read each other in a cycle (the
        message gives the cycle, ``a -> b -> a``), or the value of a yes/no
        or text indicator.
    """
    by_id = {indicator.id: indicator for indicator in indicators}
    for indicator in by_id.values():
        if indicator.formula is None:
            continue
        for name in indicator.formula.inputs:
            if name not in by_id:
                message = _(
                    "indicator {id}: formule {formula} leest onbekende indicator {name}"
                ).format(
                    id=repr(indicator.id), formula=repr(indicator.formula.text), name=repr(name)
                )
                raise UnknownNameError(unknown_name(message, name, by_id))
        for part in indicator.formula.parts:
            kind = types.get(by_id[part.indicator].measurement_type) if types else None
            if part.part == "value" and kind is not None and not kind.numeric:
                raise InvalidValueError(
                    _(
                        "indicator {id!r}: formule {formula!r} leest {part}, een {kind} zonder"
                        " getal om mee te rekenen"
                    ).format(
                        id=indicator.id, formula=indicator.formula.text, part=part, kind=kind.name
                    )
                )
    ordered: list[Indicator] = []
    state: dict[str, str] = {}  # a formula is "busy" while its inputs are visited, then "done"

    def visit(id_: str, path: list[str]) -> None:
        formula = by_id[id_].formula
        if formula is None or state.get(id_) == "done":
            return
        if state.get(id_) == "busy":
            cycle = [*path[path.index(id_) :], id_]
            raise InvalidValueError(
                _("formules lezen elkaar in een kring: {cycle}").format(cycle=" -> ".join(cycle))
            )
        state[id_] = "busy"
        for name in formula.inputs:
            visit(name, [*path, id_])
        state[id_] = "done"
        ordered.append(by_id[id_])

    for id_ in by_id:
        visit(id_, [])
    return ordered


def compute(node: Node, parts: Mapping[Part, Decimal]) -> Decimal:
    """The value of a formula's tree, given the value of every part it reads.

    :raises InvalidValueError: a division by zero.
    :raises KeyError: a part is not in ``parts``.
    """
    if isinstance(node, Number):
        return node.value
    if isinstance(node, Part):
        return parts[node]
    if isinstance(node, Negate):
        return -compute(node.operand, parts)
    left, right = compute(node.left, parts), compute(node.right, parts)
    if node.op == "+":
        return left + right
    if node.op == "-":
        return left - right
    if node.op == "*":
        return left * right
    if right == 0:
        raise InvalidValueError(
            _("deling door nul: {divisor} is 0").format(divisor=_text(node.right))
        )
    return left / right


def _text(node: Node) -> str:
    if isinstance(node, Number):
        return str(node.value)
    if isinstance(node, Part):
        return str(node)
    if isinstance(node, Negate):
        return f"-{_text(node.operand)}"
    return f"({_text(node.left)} {node.op} {_text(node.right)})"


def _part_value(
    part: Part, measurement: Measurement | None, measurement_type: MeasurementType
) -> Decimal:
    if measurement is None:
        raise _Missing(_("geen meting van {indicator}").format(indicator=part.indicator))
    if not measurement.known:
        raise _Missing(f"{part.indicator}: {measurement.unknown or _('geen waarde')}")
    if part.part == "numerator":
        if measurement.numerator is None:
            raise _Missing(_("teller van {indicator} ontbreekt").format(indicator=part.indicator))
        return measurement.numerator
    if part.part == "denominator":
        if measurement.denominator is None:
            raise _Missing(_("noemer van {indicator} ontbreekt").format(indicator=part.indicator))
        return measurement.denominator
    value = measurement.value_as(measurement_type)
    assert not isinstance(value, bool | str)  # check_formulas refuses such inputs
    return as_decimal(value)


def derive(
    indicators: Iterable[Indicator],
    measurements: Iterable[Measurement],
    types: Mapping[str, MeasurementType],
) -> list[Measurement]:
    """The measurements of every derived indicator, per subject, period and slice.

    A derived indicator gets a measurement wherever one of its inputs is
    measured; where another input is missing or not known, that measurement
    is not known (``unknown`` names the input). Its data status is the
    weakest of its inputs' (a "nader voorlopig" input gives "nader
    voorlopig"). Derived indicators may read other derived ones.

    :raises UnknownNameError: a formula reads an unknown indicator.
    :raises InvalidValueError: formulas form a cycle, or a derived
        indicator is also measured directly.
    """
    indicators = list(indicators)
    by_id = {indicator.id: indicator for indicator in indicators}
    ordered = check_formulas(indicators, types)
    index: dict[str, dict[_Key, Measurement]] = {}
    for m in measurements:
        index.setdefault(m.indicator, {})[m.subject, m.period, m.dimensions] = m
    derived: list[Measurement] = []
    for indicator in ordered:
        assert indicator.formula is not None
        if indicator.id in index:
            m = next(iter(index[indicator.id].values()))
            raise InvalidValueError(
                _(
                    "indicator {id!r} wordt berekend uit {formula!r} en kan niet ook gemeten"
                    " worden ({subject}, {period})"
                ).format(
                    id=indicator.id,
                    formula=indicator.formula.text,
                    subject=m.subject,
                    period=m.period,
                )
            )
        # By subject, then period (periods sort by start, then end), then slice.
        keys = sorted({key for name in indicator.formula.inputs for key in index.get(name, {})})
        results = {key: _derive_one(indicator, key, index, by_id, types) for key in keys}
        index[indicator.id] = results
        derived.extend(results.values())
    return derived


def _derive_one(
    indicator: Indicator,
    key: _Key,
    index: Mapping[str, Mapping[_Key, Measurement]],
    by_id: Mapping[str, Indicator],
    types: Mapping[str, MeasurementType],
) -> Measurement:
    formula = indicator.formula
    assert formula is not None
    subject, period, dimensions = key
    measurement_type = types[indicator.measurement_type]
    used = [index.get(name, {}).get(key) for name in formula.inputs]
    # As final as the least final input: voorlopig < nader voorlopig < definitief.
    status, given = status_of_whole(m for m in used if m is not None)

    def unknown(why: str) -> Measurement:
        return Measurement(
            indicator.id,
            subject,
            period,
            dimensions=dimensions,
            status=status,
            status_given=given,
            source=_("berekend: {formula}").format(formula=formula.text),
            unknown=why,
        )

    try:
        parts = {
            part: _part_value(
                part,
                index.get(part.indicator, {}).get(key),
                types[by_id[part.indicator].measurement_type],
            )
            for part in formula.parts
        }
    except _Missing as missing:
        return unknown(str(missing))
    try:
        # A zero has no sign: 0 / -5 would otherwise be shown as -0.
        value = compute(formula.tree, parts) or Decimal(0)
        scale = measurement_type.scale
        fraction = formula.fraction()
        numerator = denominator = None
        if fraction is not None and scale is not None:
            top, bottom, factor = fraction
            numerator = compute(top, parts) * factor / scale
            denominator = compute(bottom, parts)
            if numerator < 0 or denominator <= 0:
                numerator = denominator = None
        checked = measurement_type.validate(value)
    except InvalidValueError as error:
        return unknown(_("niet te berekenen: {error}").format(error=error))
    return Measurement(
        indicator.id,
        subject,
        period,
        checked,
        numerator=numerator,
        denominator=denominator,
        dimensions=dimensions,
        status=status,
        status_given=given,
        source=_("berekend: {formula}").format(formula=formula.text),
    )
