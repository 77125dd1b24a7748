"""Writing the site for residents: the pages, the downloads and their data package, as one set.

:func:`write_site` builds the report model once (:func:`~sociaaldomein.render.report.build_report`:
nothing is evaluated again), renders the pages with
:func:`~sociaaldomein.render.site.render_site`, and adds the downloads: per
indicator and for the whole set a CSV (the columns of ``results.csv``) and
a JSON file, and ``datapackage.json``, a Frictionless Data Package
(https://specs.frictionlessdata.io/data-package/) that describes every
download with its size, its SHA-256 and, for the CSVs, its table schema.
Every file goes through :func:`~sociaaldomein.io.atomic.write_files` as one set.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from sociaaldomein.core.accountability import Accountability
from sociaaldomein.core.evaluation import Evaluation, Status
from sociaaldomein.errors import InvalidValueError
from sociaaldomein.model.measurement import DataStatus
from sociaaldomein.text.language import _

if TYPE_CHECKING:
    from sociaaldomein.plugin.manager import Plugins
    from sociaaldomein.render.model import Report, Row
    from sociaaldomein.render.templating import TemplateFolder

__all__ = ["WrittenSite", "site_files", "write_site"]


@attrs.frozen
class WrittenSite:
    """What was written: the start page, every file (by path in the site), and how many pages.

    :param skipped: what was not made because an optional extra is missing
        (:func:`sociaaldomein.app.extras.note`); the start page says the same.
    """

    index: Path
    files: tuple[Path, ...]
    pages: int
    skipped: tuple[str, ...] = ()


def _evaluations(row: Row) -> tuple[Evaluation, ...]:
    """An indicator's download: each period's verdict, the result where no period has it, slices."""
    timeline = tuple(moment.evaluation for moment in row.timeline if moment.evaluation)
    result = row.evaluation
    own = (*timeline, result) if result is not None and result not in timeline else timeline
    return (*own, *(part.evaluation for part in row.slices if part.evaluation is not None))


def _value_field(kind: str) -> dict[str, Any]:
    """The schema of ``value``: a number, yes/no for a milestone, or text."""
    if kind == "number":
        return {"type": "number"}
    if kind == "boolean":
        return {"type": "boolean", "trueValues": ["ja"], "falseValues": ["nee"]}
    return {"type": "string"}


def _schema(value: str) -> dict[str, Any]:
    """The table schema of a results CSV; ``value`` is the type of its value column."""
    from sociaaldomein.render.site import RESULT_COLUMNS

    types: dict[str, dict[str, Any]] = {
        "status": {
            "type": "string",
            "constraints": {"required": True, "enum": [status.value for status in Status]},
        },
        "value": _value_field(value),
        "threshold": {"type": "number"},
        "baseline": {"type": "number"},
        "compared_with": {"type": "number"},
        "progress": {"type": "number"},
        "data_status": {
            "type": "string",
            "constraints": {"enum": [status.value for status in DataStatus]},
        },
        "status_given": {"type": "boolean", "trueValues": ["ja"], "falseValues": ["nee"]},
        "n": {"type": "integer"},
    }
    for required in ("indicator", "subject", "period"):
        types[required] = {"type": "string", "constraints": {"required": True}}
    return {
        "fields": [
            {"name": name, "description": _(meaning), **types.get(name, {"type": "string"})}
            for name, meaning in RESULT_COLUMNS
        ],
        "missingValues": [""],
    }


def _value_kind(accountability: Accountability, measurement_type: str) -> str:
    """The schema type of ``value`` for an indicator of ``measurement_type``."""
    kind = accountability.types[measurement_type]
    if kind.numeric:
        return "number"
    return "boolean" if kind.name == "milestone" else "string"


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _indicator_json(row: Row, records: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "indicator": {
            "id": row.indicator.id,
            "name": row.indicator.name,
            "measurement_type": row.indicator.measurement_type,
            "unit": row.indicator.unit,
            "target": row.target,
            "tolerance": row.tolerance,
            "source": row.source,
            "note": row.note,
        },
        "results": records,
    }


def _resource(name: str, path: str, text: str, **more: Any) -> dict[str, Any]:
    data = text.encode("utf-8")
    return {
        "name": name,
        "path": path,
        "bytes": len(data),
        "hash": "sha256:" + hashlib.sha256(data).hexdigest(),
        "encoding": "utf-8",
        **more,
    }


def site_files(accountability: Accountability, report: Report) -> dict[str, str]:
    """The downloads and ``datapackage.json`` of ``report``, by path in the site.

    Made from the evaluations in the report model; ``accountability`` gives
    only each indicator's measurement type (for the schema of ``value``).
    """
    from sociaaldomein.core.records import RECORD_FIELDS, to_records
    from sociaaldomein.io.results import format_records
    from sociaaldomein.render.site import ALL_DATA, PACKAGE, indicator_data

    files: dict[str, str] = {}
    tables: list[dict[str, Any]] = []
    others: list[dict[str, Any]] = []
    everything: list[dict[str, Any]] = []
    indicators: list[dict[str, Any]] = []
    for row in report.rows:
        records = to_records(_evaluations(row))
        base = indicator_data(row.indicator.id)
        if base == ALL_DATA:
            # The whole set's download has this name: one would replace the other.
            raise InvalidValueError(
                _(
                    "indicator {id!r}: de site gebruikt {name}.csv voor alle indicatoren samen;"
                    " geef de indicator een andere id"
                ).format(id=row.indicator.id, name=ALL_DATA)
            )
        csv_text = format_records(records, RECORD_FIELDS)
        document = _indicator_json(row, records)
        files[f"{base}.csv"] = csv_text
        files[f"{base}.json"] = _json(document)
        everything += records
        indicators.append(document)
        name = "indicator-" + row.indicator.id
        value = _value_kind(accountability, row.indicator.measurement_type)
        tables.append(
            _resource(
                name, f"{base}.csv", csv_text,
                title=row.name, profile="tabular-data-resource", format="csv",
                mediatype="text/csv", schema=_schema(value),
            )
        )  # fmt: skip
        others.append(
            _resource(
                name + "-json", f"{base}.json", files[f"{base}.json"],
                title=row.name, format="json", mediatype="application/json",
            )
        )  # fmt: skip
    whole_csv = format_records(everything, RECORD_FIELDS)
    whole_json = _json(
        {
            "title": report.title,
            "subject": report.subject,
            "period": str(accountability.period),
            "indicators": indicators,
        }
    )
    files[f"{ALL_DATA}.csv"] = whole_csv
    files[f"{ALL_DATA}.json"] = whole_json
    resources = [
        _resource(
            "resultaten", f"{ALL_DATA}.csv", whole_csv,
            title="Alle indicatoren", profile="tabular-data-resource", format="csv",
            mediatype="text/csv", schema=_schema("string"),
        ),
        _resource(
            "resultaten-json", f"{ALL_DATA}.json", whole_json,
            title="Alle indicatoren", format="json", mediatype="application/json",
        ),
        *tables,
        *others,
    ]  # fmt: skip
    package = {
        "profile": "data-package",
        "name": _package_name(accountability),
        "title": report.title,
        "description": report.subtitle,
        # Where the figures come from, as the report's colofon names them.
        "sources": [
            {"title": source} for source in (report.colophon.sources if report.colophon else ())
        ],
        "resources": resources,
    }
    files[PACKAGE] = _json(package)
    return files


def _record_counts(report: Report) -> dict[str, int]:
    """How many rows each CSV download holds (an empty one may not replace rows unforced)."""
    from sociaaldomein.render.site import ALL_DATA, indicator_data

    counts = {
        f"{indicator_data(row.indicator.id)}.csv": len(_evaluations(row)) for row in report.rows
    }
    return {**counts, f"{ALL_DATA}.csv": sum(counts.values())}


def _package_name(accountability: Accountability) -> str:
    """A package name as the spec asks (lower case, ``a-z0-9._-``)."""
    words = f"{accountability.set_id or accountability.title} {accountability.subject}"
    name = "".join(c if c.isascii() and (c.isalnum() or c in "._-") else "-" for c in words.lower())
    return "-".join(part for part in name.split("-") if part) or "verantwoording"


def write_site(
    accountability: Accountability,
    folder: str | os.PathLike[str],
    *,
    charts: bool = True,
    templates: TemplateFolder | Iterable[TemplateFolder] = (),
    plugins: Plugins | None = None,
    inputs: Iterable[str | os.PathLike[str]] = (),
    force: bool = False,
) -> WrittenSite:
    """Write the site for residents into ``folder``: pages, downloads and ``datapackage.json``.

    The site is made from the same report model as the report (no second
    evaluation): a start page with a summary per theme in plain Dutch, a
    page per indicator (chart with a table beside it, target, tolerance,
    history, reference figures, source, data status, toelichting), a page
    on the downloads, and per indicator and for the whole set a CSV and a
    JSON file. It has no scripts and loads nothing from elsewhere.

    All files are written as one set (all or none); the folder and its
    ``indicatoren`` and ``gegevens`` folders are made where missing.

    :param charts: draw trend charts where the optional plotting library is installed.
    :param templates: folders whose templates override the shipped ones
        (``site/index.html``, ``site/indicator.html``, ``site/gegevens.html``,
        ``site/site.css``; an ``extra.css`` is added to the stylesheet).
    :param plugins: the plugins whose ``sociaaldomein_report_templates`` to
        use; by default the installed ones.
    :param inputs: the files the run read: none of them is written over.
    :param force: let a download without rows replace one that has rows.
    :raises AdoptionError: ``folder`` holds an adopted report (never written into again).
    :raises OutputError: an output is refused (an input, a link, not a regular
        file, an empty download over one with rows); nothing is written.
    """
    from sociaaldomein.app.adoption import refuse_if_adopted
    from sociaaldomein.app.extras import CHARTS, missing, note
    from sociaaldomein.app.report import _template_folders
    from sociaaldomein.io.atomic import write_files
    from sociaaldomein.render.report import build_report
    from sociaaldomein.render.site import INDEX, render_site
    from sociaaldomein.render.templating import extra_css

    out = Path(folder)
    refuse_if_adopted(out)
    folders = _template_folders(templates, plugins)
    lacking = missing(charts=charts)
    made = build_report(accountability, charts=charts and CHARTS not in lacking)
    skipped = tuple(note(extra) for extra in lacking)
    report = attrs.evolve(
        made,
        extra_css=extra_css(folders),
        colophon=attrs.evolve(made.colophon, skipped=skipped) if made.colophon else None,
    )
    pages = render_site(report, templates=folders)
    texts: Mapping[str, str] = {**pages, **site_files(accountability, report)}
    for parent in sorted({(out / name).parent for name in texts}):
        parent.mkdir(parents=True, exist_ok=True)
    written: dict[str | os.PathLike[str], str] = {out / name: text for name, text in texts.items()}
    write_files(
        written,
        inputs=[Path(path) for path in inputs],
        records={out / name: count for name, count in _record_counts(report).items()},
        force=force,
    )
    return WrittenSite(
        index=out / INDEX,
        files=tuple(out / name for name in texts),
        pages=sum(1 for name in pages if name.endswith(".html")),
        skipped=skipped,
    )
