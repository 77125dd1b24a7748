"""Figures delivered by organisations (aanleveren): entry workbooks and what is still missing.

:func:`delivery_form` says what an entry workbook for one subject and period
asks for, :func:`write_template` writes it, and
:func:`~sociaaldomein.app.delivery_status.delivery_status` says per subject
and indicator what has been delivered. A filled workbook is read
by the ordinary measurement reader, like any ``.xlsx`` file; :func:`read_delivery`
adds the check that it was made for this set and period (and subject).
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from sociaaldomein.core.reasons import describe_target
from sociaaldomein.core.reporting_period import expected_periods
from sociaaldomein.errors import InvalidValueError
from sociaaldomein.io.delivery import DeliveryForm, DeliveryLayout, DeliveryRow
from sociaaldomein.io.delivery_workbook import write_delivery_workbook
from sociaaldomein.model.indicator import Frequency, Indicator, target_for
from sociaaldomein.model.indicator_set import IndicatorSet
from sociaaldomein.model.measurement import Measurement
from sociaaldomein.model.measurement_type import MeasurementType
from sociaaldomein.model.period import Period
from sociaaldomein.text.language import _, ngettext

if TYPE_CHECKING:
    from sociaaldomein.plugin.manager import Plugins

__all__ = [
    "Delivery",
    "delivery_form",
    "expected_figures",
    "make_template",
    "read_delivery",
    "write_template",
]


def expected_figures(
    indicator_set: IndicatorSet, period: Period, *, assignment: str | None = None
) -> list[tuple[str, Indicator, Period]]:
    """The figures the set expects for ``period``: (assignment code, indicator, period).

    By the indicator's frequency (a half-yearly indicator twice in a year);
    an indicator without a frequency, or measured once, once for ``period``;
    one whose frequency does not fit in ``period`` (a yearly one in a half
    year) not at all. Derived indicators are computed, never delivered.

    :param assignment: only the indicators of this deelopdracht.
    :raises InvalidValueError: the set has no such deelopdracht.
    """
    groups: list[tuple[str, Sequence[Indicator]]] = [("", indicator_set.indicators)]
    groups += [(a.code, a.indicators) for a in indicator_set.assignments]
    if assignment is not None:
        groups = [group for group in groups if group[0] == assignment]
        if not groups:
            codes = ", ".join(a.code for a in indicator_set.assignments) or _("(geen)")
            raise InvalidValueError(
                _("set {id!r} heeft geen deelopdracht {assignment!r}; wel: {codes}").format(
                    id=indicator_set.id, assignment=assignment, codes=codes
                )
            )
    figures = []
    for code, indicators in groups:
        for indicator in indicators:
            if indicator.formula is not None:
                continue
            if indicator.frequency in (None, Frequency.ONCE):
                periods: tuple[Period, ...] = (period,)
            else:
                periods = expected_periods(indicator, period)
            figures += [(code, indicator, when) for when in periods]
    return figures


def _previous(
    indicator: Indicator,
    measurement_type: MeasurementType,
    subject: str,
    period: Period,
    measurements: Sequence[Measurement],
) -> str:
    earlier = [
        m
        for m in measurements
        if m.indicator == indicator.id
        and m.subject == subject
        and not m.dimensions
        and m.known
        and m.period.end < period.start
    ]
    if not earlier:
        return ""
    latest = max(earlier, key=lambda m: (m.period.end, m.period.days))
    if latest.value is None:
        return ""
    return f"{measurement_type.format(latest.value)} ({latest.period})"


def delivery_form(
    indicator_set: IndicatorSet,
    types: Mapping[str, MeasurementType],
    *,
    subject: str,
    period: Period,
    assignment: str | None = None,
    measurements: Sequence[Measurement] = (),
) -> DeliveryForm:
    """What the entry workbook for ``subject`` and ``period`` asks for.

    One row per figure of :func:`expected_figures`, with the indicator's
    name, unit, the target in force for that period in Dutch words, and the
    latest earlier value of ``subject`` among ``measurements`` (the total,
    not a slice).

    :raises InvalidValueError: an empty subject, or the set has no such deelopdracht.
    :raises UnknownNameError: an indicator's measurement type is not in ``types``.
    """
    if not subject.strip():
        raise InvalidValueError(_("geef het onderwerp (gemeente of organisatie) van de levering"))
    rows = []
    for code, indicator, when in expected_figures(indicator_set, period, assignment=assignment):
        measurement_type = types[indicator.measurement_type]
        target = target_for(indicator, when)
        rows.append(
            DeliveryRow(
                indicator.id,
                indicator.name,
                when,
                measurement_type,
                unit=indicator.unit,
                target=(
                    describe_target(target, indicator, measurement_type)
                    if target is not None
                    else ""
                ),
                previous=_previous(indicator, measurement_type, subject, when, measurements),
                assignment=code,
            )
        )
    return DeliveryForm(
        indicator_set.id,
        indicator_set.version,
        indicator_set.name,
        subject,
        period,
        tuple(rows),
        assignment or "",
    )


def write_template(
    indicator_set: IndicatorSet,
    types: Mapping[str, MeasurementType],
    path: str | os.PathLike[str],
    *,
    subject: str,
    period: Period,
    assignment: str | None = None,
    measurements: Sequence[Measurement] = (),
    inputs: Sequence[str | os.PathLike[str]] = (),
    force: bool = False,
) -> DeliveryForm:
    """Write the entry workbook of :func:`delivery_form` to ``path`` and return the form.

    :param inputs: the files ``measurements`` came from; ``path`` may not be one of them.
    :param force: replace an entry workbook at ``path`` that holds figures,
        or write one without rows over an existing file.
    :raises InvalidValueError: ``path`` does not end in ``.xlsx``.
    :raises OutputError: ``path`` is an input; or it is an entry workbook
        with figures filled in (a new template would lose them) and not
        ``force``; or the set expects nothing in ``period`` and ``path``
        exists (an empty workbook never replaces a file).
    :raises SociaaldomeinError: openpyxl is not installed (the ``excel`` extra).
    """
    from sociaaldomein.io.atomic import check_output

    form = delivery_form(
        indicator_set,
        types,
        subject=subject,
        period=period,
        assignment=assignment,
        measurements=measurements,
    )
    if Path(path).suffix.lower() != ".xlsx":
        raise InvalidValueError(
            _("{path}: een invulbestand is een werkmap; geef een naam op .xlsx").format(path=path)
        )
    check_output(path, inputs=inputs, records=len(form.rows), force=force)
    if not force:
        _keep_filled(path)
    write_delivery_workbook(form, path, inputs=inputs, force=force)
    return form


def _keep_filled(path: str | os.PathLike[str]) -> None:
    """Refuse to replace an entry workbook that holds delivered figures."""
    from sociaaldomein.errors import LoadError
    from sociaaldomein.io.atomic import OutputError
    from sociaaldomein.io.xlsx import load_measurements_xlsx

    if not Path(path).is_file():
        return
    try:
        layout = _layout(path)
    except LoadError as error:
        # A damaged workbook may still hold figures someone typed: keep it.
        raise OutputError(
            _(
                "{path}: dit bestand is geen leesbaar invulbestand ({problem}); kies een andere"
                " naam, of geef --force om het te vervangen"
            ).format(path=path, problem=error.problems[0].message)
        ) from None
    if layout is None:
        return
    try:
        filled = len(load_measurements_xlsx(path))
    except LoadError:
        filled = -1  # cells that cannot be read are figures someone typed too
    if filled:
        what = (
            ngettext("{count} ingevuld cijfer", "{count} ingevulde cijfers", filled).format(
                count=filled
            )
            if filled > 0
            else _("ingevulde cellen")
        )
        raise OutputError(
            _(
                "{path}: dit invulbestand bevat {what}; een nieuw invulbestand zou ze wissen."
                " Kies een andere naam, of geef --force om het te vervangen"
            ).format(path=path, what=what)
        )


def make_template(
    plugins: Plugins,
    set_id: str | None,
    path: str | os.PathLike[str],
    *,
    set_file: str | os.PathLike[str] | None = None,
    subject: str,
    period: Period,
    assignment: str | None = None,
    measurements: Sequence[str | os.PathLike[str]] = (),
    force: bool = False,
) -> DeliveryForm:
    """``sociaaldomein template``: the entry workbook for a set, to ``path``.

    :param set_id: an installed set; or give ``set_file``, a set TOML file
        (which may extend an installed set).
    :param measurements: measurements files whose latest earlier values the
        workbook shows beside each indicator.
    :raises SetError: no such set.
    :raises LoadError: a measurements file has bad lines or cells.
    """
    from sociaaldomein.app.framework import resolve_local_set
    from sociaaldomein.app.run import gather_measurements

    indicator_set = resolve_local_set(plugins, set_id, set_file).indicator_set
    types = plugins.measurement_types
    # The files are one run: a value given in two of them is an error naming both.
    earlier, _ = gather_measurements(measurements, indicator_set.all_indicators(), types)
    return write_template(
        indicator_set,
        types,
        path,
        subject=subject,
        period=period,
        assignment=assignment,
        measurements=earlier,
        inputs=measurements,
        force=force,
    )


@attrs.frozen
class Delivery:
    """The figures of one delivered file.

    :param subject: the subject an entry workbook was made for ("" for a plain file).
    :param assignment: the deelopdracht an entry workbook was limited to ("" for all).
    """

    file: str
    measurements: tuple[Measurement, ...]
    subject: str = ""
    assignment: str = ""


def read_delivery(
    path: str | os.PathLike[str],
    indicator_set: IndicatorSet,
    types: Mapping[str, MeasurementType],
    *,
    period: Period,
    subject: str | None = None,
) -> Delivery:
    """Read a delivered file (an entry workbook, or any measurements file) for ``period``.

    The measurements come from the ordinary reader
    (:func:`~sociaaldomein.app.inputs.load_measurement_file`). An entry
    workbook must have been made for this set, this period and (when given)
    this subject.

    :raises InvalidValueError: the workbook was made for another set, period or subject.
    :raises LoadError: the file has bad cells or lines (each named).
    """
    from sociaaldomein.app.inputs import load_measurement_file

    layout = _layout(path)
    if layout is not None:
        asked_for = _("{what} {made!r} (gevraagd: {asked!r})")
        wrong = [
            asked_for.format(what=what, made=made, asked=asked)
            for what, made, asked in (
                (_("set"), layout.set_id, indicator_set.id),
                (_("periode"), layout.period, str(period)),
                (
                    _("onderwerp"),
                    layout.subject,
                    subject if subject is not None else layout.subject,
                ),
            )
            if made != asked
        ]
        if wrong:
            raise InvalidValueError(
                _("{path}: invulbestand gemaakt voor {wrong}").format(
                    path=path, wrong=", ".join(wrong)
                )
            )
    found, _findings = load_measurement_file(
        path, indicators=indicator_set.all_indicators(), types=types
    )
    return Delivery(
        str(path),
        tuple(found),
        layout.subject if layout is not None else "",
        layout.assignment if layout is not None else "",
    )


def _layout(path: str | os.PathLike[str]) -> DeliveryLayout | None:
    if Path(path).suffix.lower() != ".xlsx":
        return None
    from sociaaldomein.io.delivery import read_delivery_layout

    return read_delivery_layout(path)
