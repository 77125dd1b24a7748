"""What has been delivered for a set and period, per subject and expected figure."""

from __future__ import annotations

import enum
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from sociaaldomein.app.delivery import Delivery, expected_figures, read_delivery
from sociaaldomein.errors import InvalidValueError
from sociaaldomein.model.indicator_set import IndicatorSet
from sociaaldomein.model.period import Period
from sociaaldomein.text.language import N_, _

if TYPE_CHECKING:
    from sociaaldomein.plugin.manager import Plugins

__all__ = [
    "STATUS_COLUMNS",
    "Delivered",
    "DeliveryState",
    "DeliveryStatus",
    "check_deliveries",
    "delivery_status",
    "write_delivery_status",
]


class DeliveryState(enum.StrEnum):
    """What has become of one expected figure."""

    DELIVERED = "delivered"
    PROVISIONAL = "provisional"
    NOT_KNOWN = "not_known"
    MISSING = "missing"

    @property
    def dutch(self) -> str:
        """``aangeleverd``, ``voorlopig``, ``niet bekend`` or ``ontbreekt``."""
        return _DUTCH[self]

    @property
    def label(self) -> str:
        """The state as a word in the current language (:attr:`dutch` in Dutch)."""
        return _(_DUTCH[self])


_DUTCH = {
    DeliveryState.DELIVERED: N_("aangeleverd"),
    DeliveryState.PROVISIONAL: N_("voorlopig"),
    DeliveryState.NOT_KNOWN: N_("niet bekend"),
    DeliveryState.MISSING: N_("ontbreekt"),
}


@attrs.frozen
class Delivered:
    """The state of one expected figure of one subject."""

    subject: str
    indicator: str
    name: str
    period: Period
    state: DeliveryState
    assignment: str = ""
    file: str = ""


@attrs.frozen
class DeliveryStatus:
    """What has been delivered for a set and period, per subject and figure."""

    set_id: str
    period: Period
    figures: tuple[Delivered, ...]

    @property
    def missing(self) -> tuple[Delivered, ...]:
        """The expected figures nobody delivered."""
        return tuple(f for f in self.figures if f.state is DeliveryState.MISSING)

    def counts(self) -> dict[str, int]:
        """How many figures are in each state."""
        return {state.value: sum(f.state is state for f in self.figures) for state in DeliveryState}

    def as_data(self) -> dict[str, object]:
        """Set, period, the counts and every figure: what ``status --format json`` prints."""
        return {
            "set": self.set_id,
            "period": str(self.period),
            "counts": self.counts(),
            "figures": self.as_rows(),
        }

    def as_rows(self) -> list[dict[str, str]]:
        """One dict per figure, for JSON, CSV or a workbook."""
        return [
            {
                "subject": f.subject,
                "assignment": f.assignment,
                "indicator": f.indicator,
                "name": f.name,
                "period": str(f.period),
                "state": f.state.value,
                "state_nl": f.state.dutch,
                "file": f.file,
            }
            for f in self.figures
        ]


def delivery_status(
    indicator_set: IndicatorSet,
    period: Period,
    deliveries: Iterable[Delivery],
    *,
    assignment: str | None = None,
    subjects: Sequence[str] = (),
) -> DeliveryStatus:
    """Per subject and expected figure: delivered, provisional, not known or missing.

    The subjects are ``subjects`` (who should deliver: one that delivered
    nothing has every figure missing) and those of the entry workbooks;
    without ``subjects``, also every subject named in the measurements. A
    subject's expected figures are :func:`expected_figures`
    (of the workbook's deelopdracht, where it was made for one). A value
    with status voorlopig or nader voorlopig is ``provisional``; ``n.n.b.``
    (a value not known) is ``not_known``; no measurement at all is ``missing``.

    :raises LoadError: two files deliver the same figure (both are named), unless
        both rows are declared revisions.

    :param assignment: the deelopdracht expected of subjects that no entry
        workbook limits (default: the whole set).
    """
    from sociaaldomein.app.identity import Placed, in_force

    deliveries = list(deliveries)
    scope: dict[str, str | None] = dict.fromkeys(subjects, assignment)
    for delivery in deliveries:
        if delivery.subject:
            scope[delivery.subject] = delivery.assignment or assignment
        if not subjects:
            for m in delivery.measurements:
                scope.setdefault(m.subject, assignment)
    # One identity across the files (app/identity.py): a figure in two of them is
    # an error naming both, unless both are declared revisions of one history.
    asked = [
        (d.file, tuple(m for m in d.measurements if not m.dimensions and m.period in period))
        for d in deliveries
    ]
    values, _ = in_force([Placed(file, rows, _numbered(len(rows))) for file, rows in asked])
    file_of = {id(m): file for file, rows in asked for m in rows}
    found = {(m.subject, m.indicator, m.period): (m, file_of[id(m)]) for m in values}
    figures = []
    for subject, limited in scope.items():
        for code, indicator, when in expected_figures(indicator_set, period, assignment=limited):
            measurement, file = found.get((subject, indicator.id, when), (None, ""))
            if measurement is None:
                state = DeliveryState.MISSING
            elif not measurement.known:
                # A row with only a forecast delivers nothing; n.n.b. says the figure is not known.
                state = DeliveryState.NOT_KNOWN if measurement.unknown else DeliveryState.MISSING
            elif not measurement.status.final:
                state = DeliveryState.PROVISIONAL
            else:
                state = DeliveryState.DELIVERED
            figures.append(
                Delivered(subject, indicator.id, indicator.name, when, state, code, file)
            )
    return DeliveryStatus(indicator_set.id, period, tuple(figures))


def _numbered(count: int) -> list[str]:
    return [f"meting {number}" for number in range(1, count + 1)]


def check_deliveries(
    plugins: Plugins,
    set_id: str | None,
    paths: Sequence[str | os.PathLike[str]],
    *,
    set_file: str | os.PathLike[str] | None = None,
    period: Period,
    assignment: str | None = None,
    subjects: Sequence[str] = (),
) -> DeliveryStatus:
    """``sociaaldomein status``: :func:`delivery_status` of the files at ``paths``.

    :param set_id: an installed set; or give ``set_file``, a set TOML file.
    :raises InvalidValueError: an entry workbook made for another set or period.
    :raises LoadError: a file has bad cells or lines (each named).
    """
    from sociaaldomein.app.framework import resolve_local_set
    from sociaaldomein.app.run import gather_measurements

    indicator_set = resolve_local_set(plugins, set_id, set_file).indicator_set
    types = plugins.measurement_types
    # The files are one run (app/identity.py): a figure in two of them is an error
    # naming both files and their lines, as for every other command.
    gather_measurements(paths, indicator_set.all_indicators(), types)
    deliveries = [read_delivery(path, indicator_set, types, period=period) for path in paths]
    return delivery_status(
        indicator_set, period, deliveries, assignment=assignment, subjects=subjects
    )


#: The columns of the overview :func:`write_delivery_status` writes.
STATUS_COLUMNS = (
    "subject",
    "assignment",
    "indicator",
    "name",
    "period",
    "state",
    "state_nl",
    "file",
)


def write_delivery_status(
    status: DeliveryStatus,
    path: str | os.PathLike[str],
    *,
    inputs: Sequence[str | os.PathLike[str]] = (),
    force: bool = False,
) -> None:
    """Write the overview, one row per expected figure: a workbook (``.xlsx``) or JSON.

    The suffix of ``path`` gives the format; the JSON is that of ``status
    --format json``.

    :raises InvalidValueError: ``path`` ends in neither ``.xlsx`` nor ``.json``.
    :raises OutputError: ``path`` is one of ``inputs``, or not a regular file,
        or there are no figures and ``path`` exists (unless ``force``).
    :raises SociaaldomeinError: openpyxl is not installed.
    """
    from sociaaldomein.io.atomic import check_output, write_atomic
    from sociaaldomein.io.xlsx import write_xlsx

    suffix = Path(path).suffix.lower()
    if suffix not in (".xlsx", ".json"):
        raise InvalidValueError(f"{path}: het overzicht is .xlsx of .json; geef een van die twee")
    check_output(path, inputs=inputs, records=len(status.figures), force=force)
    if suffix == ".json":
        import json

        text = json.dumps(status.as_data(), ensure_ascii=False, indent=2) + "\n"
        write_atomic(path, text, inputs=inputs, records=len(status.figures), force=force)
    else:
        write_xlsx(status.as_rows(), path, columns=STATUS_COLUMNS, sheet="Levering")
