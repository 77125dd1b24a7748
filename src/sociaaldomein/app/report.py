"""Writing the accountability report: Markdown, HTML, the results as data and, on request, PDF.

``report.md`` and ``report.html`` are written next to ``results.csv`` (every
result, slice and compared subject as a row, linked from the report) and
``run.json``, the run record (see :mod:`sociaaldomein.app.record`).
``report.pdf`` is printed from the HTML by headless Chromium where it is
installed. Everything is made first, and then put in place as one set by the
one writer (:func:`sociaaldomein.io.atomic.write_files`), under a lock on the
folder: a broken template, a failed print or a second run at the same time
never leaves files of two runs side by side, nor a record of other files.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from sociaaldomein.core.accountability import Accountability
from sociaaldomein.errors import SociaaldomeinError
from sociaaldomein.text.language import _

if TYPE_CHECKING:
    from sociaaldomein.plugin.manager import Plugins
    from sociaaldomein.render.templating import TemplateFolder

__all__ = ["CHROMIUM", "PdfUnavailableError", "WrittenReport", "find_chromium", "write_report"]

#: Environment variable naming the Chromium (or Chrome) executable to print PDF with.
CHROMIUM = "SOCIAALDOMEIN_CHROMIUM"
_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# No network, no first-run work, a fresh profile: printing reads one local file.
_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-pdf-header-footer",
)


class PdfUnavailableError(SociaaldomeinError):
    """The PDF could not be printed: no Chromium, or it failed. The other files are written."""


@attrs.frozen
class WrittenReport:
    """What was written: the report files, the results files, the record, and how many charts.

    :param skipped: what was not made because an optional extra is missing,
        one sentence each (:func:`sociaaldomein.app.extras.note`); the
        report's colofon says the same.
    """

    markdown: Path
    html: Path
    charts: int
    results: tuple[Path, ...] = ()
    pdf: Path | None = None
    record: Path | None = None
    skipped: tuple[str, ...] = ()

    @property
    def files(self) -> tuple[Path, ...]:
        """Every file written, the report first."""
        return (
            self.html,
            self.markdown,
            *self.results,
            *((self.pdf,) if self.pdf else ()),
            *((self.record,) if self.record else ()),
        )


def find_chromium() -> str | None:
    """The Chromium executable: ``$SOCIAALDOMEIN_CHROMIUM``, else the first one on ``PATH``."""
    chosen = os.environ.get(CHROMIUM)
    if chosen:
        return shutil.which(chosen) or (chosen if Path(chosen).is_file() else None)
    return next((found for name in _CANDIDATES if (found := shutil.which(name))), None)


def pdf_bytes(html: Path, *, chromium: str | None = None, timeout: float = 120) -> bytes:
    """``html`` printed with headless Chromium (A4, the report's own print styles), as bytes.

    :raises PdfUnavailableError: Chromium is not installed, or printing failed.
    """
    executable = chromium or find_chromium()
    if executable is None:
        raise PdfUnavailableError(
            _(
                "report.pdf vraagt om Chromium, dat hier niet geïnstalleerd is: installeer het"
                " (Debian: apt-get install chromium) of noem het in ${variable}; report.html"
                " drukt ook vanuit elke browser af naar PDF"
            ).format(variable=CHROMIUM)
        )
    with tempfile.TemporaryDirectory(prefix="sociaaldomein-pdf-") as profile:
        partial = Path(profile) / "report.pdf"
        command = [
            executable,
            *_FLAGS,
            f"--user-data-dir={profile}",
            f"--print-to-pdf={partial}",
            html.resolve().as_uri(),
        ]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise PdfUnavailableError(
                _("report.pdf afdrukken met {program} is mislukt: {error}").format(
                    program=executable, error=exc
                )
            ) from exc
        if done.returncode != 0 or not partial.is_file():
            detail = (done.stderr or done.stdout).strip().splitlines()[-1:] or [_("geen uitvoer")]
            raise PdfUnavailableError(
                _("report.pdf afdrukken met {program} is mislukt (exit {code}): {detail}").format(
                    program=executable, code=done.returncode, detail=detail[0]
                )
            )
        return partial.read_bytes()


def print_pdf(html: Path, pdf: Path, *, chromium: str | None = None, timeout: float = 120) -> Path:
    """Print ``html`` to ``pdf`` (see :func:`pdf_bytes`), written by the one writer.

    :raises PdfUnavailableError: Chromium is not installed, or printing failed.
    :raises OutputError: ``pdf`` is refused (see :func:`sociaaldomein.io.atomic.check_output`).
    """
    from sociaaldomein.io.atomic import write_atomic

    write_atomic(pdf, pdf_bytes(html, chromium=chromium, timeout=timeout))
    return pdf


#: The files of a report that a run may not make: an old one is removed, never left beside.
_OPTIONAL = ("results.xlsx", "report.pdf")


def _records(accountability: Accountability) -> list[dict[str, Any]]:
    """The subject's results, its slices and every compared subject's result, each with
    the reference subjects' values."""
    seen = set(accountability.results)
    others = [e for e in accountability.comparison.values() if e not in seen]
    return accountability.records((*accountability.results, *accountability.slices, *others))


def _results(
    accountability: Accountability, out: Path, *, excel: bool, dialect: str
) -> dict[Path, str | bytes]:
    """``results.csv``, and ``results.xlsx`` where the Excel extra is installed (``excel``)."""
    from sociaaldomein.app.results import result_files

    records = _records(accountability)
    files: dict[Path, str | bytes] = {}
    for name in ("results.csv", "results.xlsx")[: 2 if excel else 1]:
        files |= result_files(
            accountability, out / name, records=records, findings=False, dialect=dialect
        )
    return files


def _template_folders(
    templates: TemplateFolder | Iterable[TemplateFolder], plugins: Plugins | None
) -> list[TemplateFolder]:
    """The caller's folders first, then every plugin's: the first that has a template wins."""
    from importlib.resources.abc import Traversable

    chosen: list[TemplateFolder]
    if isinstance(templates, str | os.PathLike | Traversable):
        chosen = [templates]
    else:
        chosen = list(templates)
    if plugins is None:
        from sociaaldomein.plugin.manager import Plugins

        plugins = Plugins()
    return [*chosen, *plugins.report_templates]


def write_report(
    accountability: Accountability,
    folder: str | os.PathLike[str],
    *,
    charts: bool = True,
    templates: TemplateFolder | Iterable[TemplateFolder] = (),
    plugins: Plugins | None = None,
    pdf: bool = False,
    inputs: Iterable[str | os.PathLike[str]] = (),
    options: Mapping[str, Any] | None = None,
    since: str | os.PathLike[str] | None = None,
    force: bool = False,
    dialect: str = "excel-nl",
) -> WrittenReport:
    """Write ``report.md``, ``report.html``, ``results.csv`` and ``run.json`` into ``folder``.

    ``results.csv`` holds every result, slice and compared subject (the
    columns of ``RECORD_FIELDS``, then the value of each reference subject);
    ``results.xlsx`` is written too where the Excel extra (openpyxl) is
    installed, each number formatted in its unit; the report links the
    results files. Both are for the analyst by default: ``dialect``
    ``excel-nl`` writes the CSV as Dutch Excel opens it (``;``, a decimal
    comma, words, a byte order mark), ``plain`` as programs read it.
    ``run.json`` is the run record: what the report was made from and the
    hash of every file it wrote (see
    :func:`~sociaaldomein.app.record.make_record`). The report says it is a
    concept until it is adopted (:func:`~sociaaldomein.app.adoption.adopt`).

    Every file is made first (rendered, printed); then all are put in place
    at once under a lock on the folder (see
    :func:`sociaaldomein.io.atomic.write_files`), so that a failure leaves
    the old set and two runs never mix theirs. The folder is made where missing.

    :param charts: draw trend charts where the optional plotting library is installed.
    :param templates: folders with templates (and an ``extra.css``) that
        override the shipped ones and those of plugins; see
        :mod:`sociaaldomein.render.templating`.
    :param plugins: the plugins whose ``sociaaldomein_report_templates`` to
        use; by default the installed ones.
    :param pdf: also print ``report.pdf`` with headless Chromium.
    :param inputs: the files the run read: for the record, and no report
        file may replace one of them.
    :param options: the options the report was made with, for the record.
    :param since: a folder with an earlier report (or its ``run.json``): the
        report gets a section with what changed since.
    :param force: let a run without results replace an existing results file.
    :param dialect: ``excel-nl`` or ``plain`` (see :mod:`sociaaldomein.io.results`).
    :raises PdfUnavailableError: ``pdf`` was asked and could not be printed
        (the other files are written). A ``report.pdf`` or ``results.xlsx``
        this run does not make is removed, so that an old one is not taken
        for this report's.
    :raises TemplateError: a template cannot be read or rendered; nothing is written.
    :raises OutputError: a report file is refused (an input, a link, not a
        regular file); nothing is written.
    :raises AdoptionError: ``folder`` holds an adopted report.
    :raises LoadError: ``since`` holds no readable record.
    """
    from sociaaldomein.app.adoption import CONCEPT, refuse_if_adopted
    from sociaaldomein.app.extras import CHARTS, EXCEL, missing, note
    from sociaaldomein.app.record import RECORD_NAME, make_record, output_digests, record_text
    from sociaaldomein.io.atomic import write_files
    from sociaaldomein.render.html import render_html
    from sociaaldomein.render.markdown import render_markdown
    from sociaaldomein.render.model import Link
    from sociaaldomein.render.report import build_report
    from sociaaldomein.render.templating import extra_css

    folders = _template_folders(templates, plugins)
    out = Path(folder)
    refuse_if_adopted(out)
    sources = [Path(path) for path in inputs]
    record = make_record(accountability, out, inputs=sources, options=options or {})
    changes = _changes(since, record)
    lacking = missing(charts=charts, excel=True)
    skipped = tuple(note(extra) for extra in lacking)
    results = _results(accountability, out, excel=EXCEL not in lacking, dialect=dialect)
    made = build_report(accountability, charts=charts and CHARTS not in lacking)
    report = attrs.evolve(
        made,
        colophon=attrs.evolve(made.colophon, skipped=skipped) if made.colophon else None,
        files=tuple(Link(path.name, path.name) for path in results),
        extra_css=extra_css(folders),
        state=_(CONCEPT),
        **changes,
    )
    markdown, html = out / "report.md", out / "report.html"
    files: dict[Path, str | bytes] = {
        markdown: render_markdown(report, templates=folders),
        html: render_html(report, templates=folders),
        **results,
    }
    printed: PdfUnavailableError | None = None
    if pdf:
        with tempfile.TemporaryDirectory(prefix="sociaaldomein-report-") as stage:
            staged = Path(stage) / "report.html"
            staged.write_text(str(files[html]), encoding="utf-8")
            try:
                files[out / "report.pdf"] = pdf_bytes(staged)
            except PdfUnavailableError as error:
                printed = error
    outputs: dict[str, bytes | str | os.PathLike[str]] = {
        path.name: data.encode("utf-8") if isinstance(data, str) else data
        for path, data in files.items()
    }
    record = {**record, "outputs": output_digests(outputs)}
    files[out / RECORD_NAME] = record_text(record)
    out.mkdir(parents=True, exist_ok=True)
    counts: dict[Path, int | None] = {path: len(accountability.results) for path in results}
    # One set: the pages, the results, the PDF and their record never come from different
    # runs; a member this run does not make (no PDF, no Excel extra) goes, not left stale.
    write_files(
        files,
        inputs=sources,
        records=counts,
        force=force,
        remove=[out / name for name in _OPTIONAL if out / name not in files],
    )
    written = WrittenReport(
        markdown,
        html,
        len(report.charts),
        tuple(results),
        out / "report.pdf" if pdf and printed is None else None,
        record=out / RECORD_NAME,
        skipped=skipped,
    )
    if printed is not None:
        raise printed
    return written


def _changes(since: str | os.PathLike[str] | None, record: Mapping[str, Any]) -> dict[str, Any]:
    """The report's section on what changed since an earlier report, as Report fields."""
    if since is None:
        return {}
    from sociaaldomein.app.differences import differences_since
    from sociaaldomein.render.model import Table

    changes = differences_since(since, record)
    rows = tuple(
        (change.name, change.what, change.old, change.new)
        for change in changes.changes
        if change.kind != "input"
    )
    made = changes.made[0][:10]
    if made:
        since_text = _("Vergeleken met de verantwoording over {old}, gemaakt op {made}.").format(
            old=changes.old, made=made
        )
    else:
        since_text = _("Vergeleken met de verantwoording over {old}.").format(old=changes.old)
    return {
        "changes": Table((_("Indicator"), _("Wat"), _("Was"), _("Wordt")), rows),
        "changes_since": since_text,
    }
