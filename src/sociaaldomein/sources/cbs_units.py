"""From the unit CBS publishes a measure in to the indicator's measurement type, exactly.

CBS states each measure's unit (``%``, ``per 1 000 inwoners``, ``aantal``,
``x 1 000``) and its decimals. Units change between vintages: StatLine
publishes Wmo clients per 1,000 inhabitants, BBV budgets ask for them per
10,000. A mapping states the unit it expects (``fetch.unit``); a rate
(``%``, per 1,000, per 10,000, per 100,000) converts into a rate type by a
power of ten, in :class:`~decimal.Decimal`, with the decimals that are left
stated; any other mismatch is an error, never a guess.
"""

from __future__ import annotations

from decimal import Decimal

import attrs

from sociaaldomein.model.measurement_type import MeasurementType
from sociaaldomein.text.language import _, ngettext
from sociaaldomein.text.units import unit_factor, unit_scale

__all__ = ["Conversion", "conversion"]


@attrs.frozen
class Conversion:
    """How a CBS number becomes the type's value, and the note that says so.

    :param factor: what the rounded number is multiplied by.
    :param quantum: the measure's decimals as a quantum (``0.1``); ``None`` when not stated.
    :param note: what was converted, from which unit and decimals to which (empty when
        nothing was): it goes into the measurement's note.
    """

    factor: Decimal
    quantum: Decimal | None
    note: str

    def apply(self, number: Decimal) -> Decimal:
        """``number`` rounded to the measure's decimals, times :attr:`factor` (exact)."""
        if self.quantum is not None:
            number = number.quantize(self.quantum)
        return number * self.factor


def _decimals(count: int) -> str:
    return ngettext("{count} decimaal", "{count} decimalen", count).format(count=count)


def _factor(unit: str, measurement_type: MeasurementType) -> Decimal | str:
    return unit_factor(unit, measurement_type.scale, measurement_type.name)


def conversion(
    mapped: str, published: object, decimals: object, measurement_type: MeasurementType
) -> Conversion | str:
    """The conversion from CBS's unit into ``measurement_type``, or why there is none.

    :param mapped: the unit the mapping states (``fetch.unit``); ``""`` to take CBS's.
    :param published: the unit CBS states for the measure (``Unit``).
    :param decimals: the decimals CBS states (``Decimals``), a whole number or ``None``.
    """
    feed = str(published or "").strip()
    if mapped and feed and unit_scale(mapped) != unit_scale(feed):
        return _(
            "fetch.unit is {mapped!r}, maar CBS publiceert dit onderwerp nu in {feed!r};"
            " pas fetch.unit en zo nodig het meettype aan"
        ).format(mapped=mapped, feed=feed)
    unit = mapped or feed
    factor = _factor(unit, measurement_type)
    if isinstance(factor, str):
        return factor
    places = decimals if isinstance(decimals, int) and not isinstance(decimals, bool) else None
    quantum = Decimal(1).scaleb(-places) if places is not None else None
    if not unit or factor == 1:
        # Nothing converted: the value is CBS's, rounded to its decimals; no note needed.
        return Conversion(factor, quantum, "")
    note = _("eenheid bij CBS: {unit}").format(unit=unit)
    if places is None:
        return Conversion(
            factor,
            quantum,
            note + _("; omgerekend naar {label}").format(label=measurement_type.label),
        )
    # A power of ten moves the decimal point: per 1 000 with 1 decimal is per 10.000 with 0.
    shift = factor.adjusted() if factor == Decimal(1).scaleb(factor.adjusted()) else 0
    note += f", {_decimals(places)}" + _("; omgerekend naar {label}: {decimals}").format(
        label=measurement_type.label, decimals=_decimals(max(places - shift, 0))
    )
    return Conversion(factor, quantum, note)
