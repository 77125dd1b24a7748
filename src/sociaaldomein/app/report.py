"""Writing the accountability report: Markdown, HTML, the results as data and, on request, PDF.

``report.md`` and ``report.html`` are written next to ``results.csv`` (every
result as a row, linked from the report) and ``run.json``, the run record
(see :mod:`sociaaldomein.app.record`). ``report.pdf`` is printed from the
HTML by headless Chromium where it is installed.
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
    """What was written: the report files, the results files, the record, and how many charts."""

    markdown: Path
    html: Path
    charts: int
    results: tuple[Path, ...] = ()
    pdf: Path | None = None
    record: Path | None = None

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


def print_pdf(html: Path, pdf: Path, *, chromium: str | None = None, timeout: float = 120) -> Path:
    """Print ``html`` to ``pdf`` with headless Chromium (A4, the report's own print styles).

    :raises PdfUnavailableError: Chromium is not installed, or printing failed.
    """
    executable = chromium or find_chromium()
    if executable is None:
        raise PdfUnavailableError(
            "report.pdf needs Chromium, which is not installed here: install it (Debian:"
            f" apt-get install chromium) or name it in ${CHROMIUM}; report.html prints to"
            " PDF from any browser too"
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
                f"printing report.pdf with {executable} failed: {exc}"
            ) from exc
        if done.returncode != 0 or not partial.is_file():
            detail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
            raise PdfUnavailableError(
                f"printing report.pdf with {executable} failed"
                f" (exit {done.returncode}): {detail[0]}"
            )
        shutil.move(partial, pdf.with_name(f".{pdf.name}.tmp"))
        os.replace(pdf.with_name(f".{pdf.name}.tmp"), pdf)
    return pdf


def _records(accountability: Accountability) -> list[dict[str, Any]]:
    """The subject's results, its slices and every compared subject's result."""
    from sociaaldomein.core.records import to_records

    seen = set(accountability.results)
    others = [e for e in accountability.comparison.values() if e not in seen]
    return to_records((*accountability.results, *accountability.slices, *others))


def _write_results(accountability: Accountability, out: Path) -> tuple[Path, ...]:
    """``results.csv``, and ``results.xlsx`` where the Excel extra is installed."""
    from sociaaldomein.app.results import excel_installed, write_results

    written = [write_results(accountability, out / "results.csv")]
    if excel_installed():
        written.append(write_results(accountability, out / "results.xlsx"))
    return tuple(written)


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
) -> WrittenReport:
    """Write ``report.md``, ``report.html``, ``results.csv`` and ``run.json`` into ``folder``.

    ``results.xlsx`` is written too where the Excel extra (openpyxl) is
    installed; the report links the results files. ``run.json`` is the run
    record: what the report was made from and the hash of every file it wrote
    (see :func:`~sociaaldomein.app.record.make_record`). The report says it
    is a concept until it is adopted (:func:`~sociaaldomein.app.adoption.adopt`).

    Each file is replaced atomically; the folder is made where missing.

    :param charts: draw trend charts where the optional plotting library is installed.
    :param templates: folders with templates (and an ``extra.css``) that
        override the shipped ones and those of plugins; see
        :mod:`sociaaldomein.render.templating`.
    :param plugins: the plugins whose ``sociaaldomein_report_templates`` to
        use; by default the installed ones.
    :param pdf: also print ``report.pdf`` with headless Chromium.
    :param inputs: the files the run read, for the record.
    :param options: the options the report was made with, for the record.
    :param since: a folder with an earlier report (or its ``run.json``): the
        report gets a section with what changed since.
    :raises PdfUnavailableError: ``pdf`` was asked and could not be printed
        (the other files are written).
    :raises AdoptionError: ``folder`` holds an adopted report.
    :raises LoadError: ``since`` holds no readable record.
    """
    from sociaaldomein.app.adoption import CONCEPT, refuse_if_adopted
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
    out.mkdir(parents=True, exist_ok=True)
    results = _write_results(accountability, out)
    report = attrs.evolve(
        build_report(accountability, charts=charts),
        files=tuple(Link(path.name, path.name) for path in results),
        extra_css=extra_css(folders),
        state=CONCEPT,
        **changes,
    )
    markdown, html = out / "report.md", out / "report.html"
    texts: dict[str | os.PathLike[str], str] = {
        markdown: render_markdown(report, templates=folders),
        html: render_html(report, templates=folders),
    }
    outputs: dict[str, bytes | str | os.PathLike[str]] = {
        Path(path).name: text.encode("utf-8") for path, text in texts.items()
    }
    outputs.update({path.name: path for path in results})
    record = {**record, "outputs": output_digests(outputs)}
    # One set: the Markdown, the HTML and their record never come from different runs.
    write_files({**texts, out / RECORD_NAME: record_text(record)})
    written = WrittenReport(markdown, html, len(report.charts), results, record=out / RECORD_NAME)
    if pdf:
        written = attrs.evolve(written, pdf=print_pdf(html, out / "report.pdf"))
        outputs["report.pdf"] = out / "report.pdf"
        record = {**record, "outputs": output_digests(outputs)}
        write_files({out / RECORD_NAME: record_text(record)})
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
    return {
        "changes": Table(("Indicator", "Wat", "Was", "Wordt"), rows),
        "changes_since": f"Vergeleken met de verantwoording over {changes.old}"
        + (f", gemaakt op {made}." if made else "."),
    }
