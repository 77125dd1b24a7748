"""Writing the entry workbook (invulbestand); its layout is in :mod:`sociaaldomein.io.delivery`."""

from __future__ import annotations

import io
import os
from collections.abc import Sequence
from typing import Any, Literal

from sociaaldomein.errors import SociaaldomeinError
from sociaaldomein.io.atomic import write_atomic
from sociaaldomein.io.delivery import (
    _COLUMNS,
    _FORMAT,
    _HIDDEN,
    _KIND,
    _STATUSES,
    _SURVEY,
    DATA_SHEET,
    INSTRUCTIONS_SHEET,
    META_SHEET,
    NOT_KNOWN,
    DeliveryForm,
    _letter,
    _openpyxl,
)
from sociaaldomein.model.measurement_type import MeasurementType, ValueKind
from sociaaldomein.text.language import _

__all__ = ["format_delivery_workbook", "write_delivery_workbook"]


def _instructions(form: DeliveryForm) -> list[str]:
    scope = f", deelopdracht {form.assignment}" if form.assignment else ""
    return [
        f"Aanlevering {form.subject}, periode {form.period}",
        f"Indicatorenset: {form.set_name} ({form.set_id}, versie {form.set_version}){scope}",
        "",
        f"Vul op het blad '{DATA_SHEET}' per regel de waarde in van de indicator in die periode.",
        "Alleen de gele cellen kunnen worden ingevuld; de rest van het blad is beveiligd.",
        "- Percentage: typ het met het procentteken, bijvoorbeeld 85%.",
        "- Rapportcijfer: een getal van 1 tot en met 10, bijvoorbeeld 7,5.",
        "- Aantal: een heel getal van 0 of meer.",
        "- Mijlpaal: kies ja of nee.",
        "- Kwalitatief: beschrijf het resultaat in woorden.",
        f"Is een cijfer niet bekend, vul dan {NOT_KNOWN} in (niet 0).",
        "Laat een cel leeg als het cijfer (nog) niet wordt aangeleverd.",
        "Teller en noemer: vul ze in waar het percentage daaruit volgt (bijvoorbeeld 34 van 40).",
        "n (respondenten): het aantal mensen dat een enquêtevraag beantwoordde.",
        "Status: voorlopig of definitief; leeg betekent definitief.",
        "Toelichting: een korte uitleg bij het cijfer, bijvoorbeeld over een afwijking.",
        "",
        "Verander de volgorde van de regels en de namen van de bladen niet.",
    ]


def _validation(
    measurement_type: MeasurementType, cell: str
) -> tuple[Literal["list", "custom"], str, str] | None:
    """(type, formula, message) of the data validation of a value cell; None for free text."""
    nnb = f'{cell}="{NOT_KNOWN}"'
    if measurement_type.kind is ValueKind.YES_NO:
        return "list", f'"ja,nee,{NOT_KNOWN}"', "Kies ja, nee of n.n.b."
    if measurement_type.kind is ValueKind.TEXT:
        return None
    checks = [f"ISNUMBER({cell})"]
    low, high = measurement_type.minimum, measurement_type.maximum
    if measurement_type.name == "percentage":
        # The cell is formatted as a percentage: 85% is the number 0.85.
        low, high = low / 100 if low is not None else None, high / 100 if high is not None else None
    if low is not None:
        checks.append(f"{cell}>={low}")
    if high is not None:
        checks.append(f"{cell}<={high}")
    if measurement_type.integral:
        checks.append(f"{cell}=INT({cell})")
    shown = {
        "percentage": "Een percentage van 0% tot en met 100%",
        "grade": "Een rapportcijfer van 1 tot en met 10",
        "count": "Een heel getal van 0 of meer",
    }.get(measurement_type.name, f"Een getal ({measurement_type.label})")
    return "custom", f"OR(AND({','.join(checks)}),{nnb})", f"{shown}, of {NOT_KNOWN}."


_NUMBER_FORMATS = {"percentage": "0.0%", "grade": "0.0", "count": "0", "amount": "#,##0.00"}


def write_delivery_workbook(
    form: DeliveryForm,
    path: str | os.PathLike[str],
    *,
    inputs: Sequence[str | os.PathLike[str]] = (),
    force: bool = False,
) -> None:
    """Write :func:`format_delivery_workbook` to ``path`` through the one writer.

    :raises OutputError: the one writer refuses ``path`` (an input, a link,
        not a regular file, or no rows over an existing file without ``force``).
    :raises SociaaldomeinError: as :func:`format_delivery_workbook`.
    """
    data = format_delivery_workbook(form, file=str(path))
    write_atomic(path, data, inputs=inputs, records=len(form.rows), force=force)


def format_delivery_workbook(form: DeliveryForm, *, file: str = "") -> bytes:
    """The entry workbook for ``form``, as the bytes of an ``.xlsx`` file (see the module).

    The data sheet is protected (without a password: it prevents mistakes,
    not access); the input cells (value, n, numerator and denominator where
    the type has them, status, note) are unlocked and have Excel data
    validation that fits the measurement type. The ids sit in hidden
    columns and on a hidden sheet.

    :param file: the name errors give the workbook.
    :raises SociaaldomeinError: openpyxl is not installed, or a name holds a
        control character that a worksheet cannot hold.
    """
    openpyxl = _openpyxl()
    from openpyxl.utils.exceptions import IllegalCharacterError

    try:
        return _workbook(openpyxl, form)
    except IllegalCharacterError:
        raise SociaaldomeinError(
            _(
                "{file}: een naam of tekst bevat een stuurteken (zoals een bel of escape) dat een"
                " werkblad niet kan bevatten; haal het weg"
            ).format(file=file or _("invulbestand"))
        ) from None


def _workbook(openpyxl: Any, form: DeliveryForm) -> bytes:
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = openpyxl.Workbook()
    instructions = workbook.active
    instructions.title = INSTRUCTIONS_SHEET
    for line in _instructions(form):
        instructions.append([line])
    instructions["A1"].font = Font(bold=True, size=14)
    instructions.column_dimensions["A"].width = 100
    instructions.protection.sheet = True

    sheet = workbook.create_sheet(DATA_SHEET)
    roles = [role for role, _, _ in _COLUMNS]
    sheet.append([heading for _, heading, _ in _COLUMNS])
    for number, (role, _heading, width) in enumerate(_COLUMNS, start=1):
        dimension = sheet.column_dimensions[_letter(number)]
        dimension.width = width
        # A set without deelopdrachten has nothing to show in that column.
        unused = role == "assignment" and not any(row.assignment for row in form.rows)
        dimension.hidden = role in _HIDDEN or unused
        sheet.cell(1, number).font = Font(bold=True)
    sheet.freeze_panes = "C2"
    editable = PatternFill("solid", start_color="FFF2CC")
    unlocked = Protection(locked=False)
    status_list = DataValidation(
        type="list", formula1=f'"{",".join(_STATUSES)}"', allow_blank=True, showErrorMessage=True
    )
    status_list.error = "Kies voorlopig, nader voorlopig of definitief."
    whole = DataValidation(
        type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True
    )
    whole.error = "Een heel getal van 0 of meer."
    positive = DataValidation(
        type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True
    )
    positive.error = "Een getal van 0 of meer."
    for validation in (status_list, whole, positive):
        validation.showErrorMessage = True
        sheet.add_data_validation(validation)
    for number, row in enumerate(form.rows, start=2):
        kind = row.measurement_type
        cells = {
            "assignment": row.assignment,
            "name": row.name,
            "period": str(row.period),
            "unit": row.unit or kind.label,
            "target": row.target,
            "previous": row.previous,
            "indicator": row.indicator,
            "subject": form.subject,
        }
        inputs = {"value", "status", "note"}
        if kind.name in _SURVEY:
            inputs.add("n")
        if kind.scale is not None:
            inputs |= {"numerator", "denominator"}
        for column, role in enumerate(roles, start=1):
            cell = sheet.cell(number, column, cells.get(role))
            if isinstance(cell.value, str):
                cell.data_type = "s"  # a name such as "=x" is text, never a formula
            cell.alignment = Alignment(wrap_text=role in ("name", "target", "note"), vertical="top")
            if role in inputs:
                cell.protection = unlocked
                cell.fill = editable
        value = f"{_letter(roles.index('value') + 1)}{number}"
        sheet[value].number_format = _NUMBER_FORMATS.get(kind.name, "General")
        rule = _validation(kind, value)
        if rule is not None:
            form_, formula, message = rule
            validation = DataValidation(type=form_, formula1=formula, allow_blank=True)
            validation.error, validation.errorTitle = message, "Ongeldige waarde"
            validation.showErrorMessage = True
            sheet.add_data_validation(validation)
            validation.add(value)
        status_list.add(f"{_letter(roles.index('status') + 1)}{number}")
        if "n" in inputs:
            whole.add(f"{_letter(roles.index('n') + 1)}{number}")
        if "numerator" in inputs:
            for role in ("numerator", "denominator"):
                positive.add(f"{_letter(roles.index(role) + 1)}{number}")
    sheet.protection.sheet = True
    # Widening columns and filtering do not change the figures; a person may want them.
    sheet.protection.formatColumns = False
    sheet.protection.autoFilter = False

    meta = workbook.create_sheet(META_SHEET)
    for key, item in (
        ("kind", _KIND),
        ("format", _FORMAT),
        ("set", form.set_id),
        ("version", form.set_version),
        ("subject", form.subject),
        ("period", str(form.period)),
        ("assignment", form.assignment),
        ("sheet", DATA_SHEET),
        ("columns", ",".join(roles)),
    ):
        meta.append([key, item])
        meta.cell(meta.max_row, 2).data_type = "s"
    meta.sheet_state = "hidden"
    meta.protection.sheet = True
    workbook.active = 0
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
