"""Jinja2 environments for the report, with templates a plugin or a folder can override.

The shipped templates live in ``sociaaldomein/render/templates``. Folders
given by plugins (the ``sociaaldomein_report_templates`` hook) and by the
caller (``write_report(..., templates=...)``, ``--templates DIR``) come
before them, the caller's first: a file there named like a shipped template
(``report.html``, ``indicator.html``, ``report.css``, ``report.md``) takes
its place. A file ``extra.css`` in any of these folders is added after the
shipped stylesheet, so a house style needs no copy of the rest.

Every template sees one variable, ``report``: the
:class:`~sociaaldomein.render.model.Report`. HTML templates autoescape.

Texts in templates go through the message catalog like every text a person
reads (:mod:`sociaaldomein.text.language`): ``{{ _("Dutch text") }}``,
``{{ _("over {period}").format(period=report.period) }}`` and
``{{ ngettext("{n} opmerking", "{n} opmerkingen", n).format(n=n) }}``
(Jinja2's ``i18n`` extension, wired to the current language; ``make
catalog`` extracts them). ``language()`` is the language the report is
made in (``nl`` or ``en``), for ``<html lang>``. A translation is text,
never markup: it is escaped in HTML and made inline text in Markdown.
Markdown templates pass every ``{{ ... }}`` through :func:`markdown_text`,
which writes data as inline text: it cannot start a heading, a list or a
table row, and HTML in it is shown, never run. Whatever a template makes,
control characters and bidirectional overrides are taken out of the result
(:func:`render`), so neither report can display text in another order than
it reads.

A template name is confined to its folder: ``{% include "../x" %}``, an
absolute name, or a link in the folder that points out of it is refused.
A template that cannot be read or rendered is a :class:`TemplateError`
naming the template (and its line, for a syntax error).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sociaaldomein.errors import SociaaldomeinError
from sociaaldomein.text.language import _

if TYPE_CHECKING:
    import jinja2

__all__ = [
    "TemplateError",
    "TemplateFolder",
    "environment",
    "extra_css",
    "markdown_text",
    "render",
]

#: A folder with templates: a path, or a resource folder of a plugin package.
TemplateFolder = str | os.PathLike[str] | Traversable

_CACHE: dict[tuple[str, tuple[str, ...]], jinja2.Environment] = {}


def markdown_text(value: Any) -> str:
    """``value`` as inline Markdown text: one line, no markup, no HTML.

    Runs of white space (line breaks of any kind included) become one space,
    so a name with a newline cannot start a section; the rest is
    :func:`~sociaaldomein.text.escape.escape_markdown`, the one Markdown
    escaper: ``<script>`` is shown as text, and ``|``, ``*``, ``_``, ``[``,
    ``]``, `````, ``#``, ``~``, ``!`` and ``\\`` are escaped.
    """
    from markupsafe import Markup

    from sociaaldomein.text.escape import escape_markdown

    if isinstance(value, Markup):
        return str(value)  # an anchor the library made, through the ``anchor`` filter
    text = "" if value is None else str(value)
    return escape_markdown(" ".join(text.split()))


class TemplateError(SociaaldomeinError):
    """A report template cannot be read or rendered; the message names it and the line."""


class _Outside(Exception):
    """A template name that would leave its folder."""


def _folder(folder: TemplateFolder) -> Traversable:
    return Path(folder) if isinstance(folder, str | os.PathLike) else folder


def _pieces(name: str) -> list[str]:
    """The parts of a template name, refused where it could leave its folder."""
    pieces = name.replace("\\", "/").split("/")
    if name.startswith(("/", "\\")) or any(p in ("..", "") or ":" in p for p in pieces):
        raise _Outside(name)
    return [p for p in pieces if p != "."]


def _loader(folders: Sequence[Traversable]) -> jinja2.BaseLoader:
    import jinja2

    def source(folder: Traversable) -> Callable[[str], tuple[str, str, Callable[[], bool]] | None]:
        root = Path(folder).resolve() if isinstance(folder, Path) else None

        def load(name: str) -> tuple[str, str, Callable[[], bool]] | None:
            found = folder.joinpath(*_pieces(name))
            if not found.is_file():
                return None
            if root is not None and isinstance(found, Path):
                real = found.resolve()
                if not real.is_relative_to(root):  # a link in the folder that points out
                    raise _Outside(name)
                mtime = real.stat().st_mtime_ns
                return real.read_text("utf-8"), str(found), lambda: _mtime(real) == mtime
            return found.read_text("utf-8"), str(found), lambda: True

        return load

    return jinja2.ChoiceLoader(
        [
            *(jinja2.FunctionLoader(source(folder)) for folder in folders),
            jinja2.FunctionLoader(source(files("sociaaldomein.render") / "templates")),
        ]
    )


def _mtime(path: Path) -> int | None:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return None


def environment(kind: str, folders: Iterable[TemplateFolder] = ()) -> jinja2.Environment:
    """The Jinja2 environment for ``kind`` (``html`` or ``markdown``).

    :param folders: template folders that override the shipped templates, first wins.
    """
    import jinja2

    chosen = tuple(_folder(folder) for folder in folders)
    key = (kind, tuple(str(folder) for folder in chosen))
    found = _CACHE.get(key)
    if found is not None:
        return found
    common: dict[str, Any] = {
        "loader": _loader(chosen),
        "extensions": ["jinja2.ext.i18n"],
        "trim_blocks": True,
        "lstrip_blocks": True,
        "keep_trailing_newline": True,
        "undefined": jinja2.StrictUndefined,
    }
    if kind == "html":
        made = jinja2.Environment(autoescape=True, **common)
        made.filters["css"] = _css
        made.filters["css_content"] = _css_content
    elif kind == "markdown":
        made = jinja2.Environment(autoescape=False, finalize=markdown_text, **common)
        made.filters["anchor"] = _anchor
    else:
        raise ValueError(f"no templates of kind {kind!r}; expected 'html' or 'markdown'")
    _translate(made)
    _CACHE[key] = made
    return made


def _translate(made: jinja2.Environment) -> None:
    """Wire the templates' ``_`` and ``ngettext`` to the language layer.

    The functions read the language when they are called, so one cached
    environment serves every language. Old-style callables: the result is
    plain text that the template escapes (HTML) or makes inline (Markdown),
    and placeholders are ``{name}`` with ``.format``, as in the code.
    """
    from sociaaldomein.text.language import current_language, ngettext

    made.install_gettext_callables(  # type: ignore[attr-defined]  # added by jinja2.ext.i18n
        gettext=_, ngettext=ngettext, newstyle=False
    )
    made.globals["language"] = current_language


def _css(text: str) -> Any:
    """CSS for a ``<style>`` element: without ``<`` (written as the CSS escape ``\\3c``),
    so it cannot close the element it is in or open another."""
    from markupsafe import Markup

    return Markup(text.replace("<", "\\3c "))  # '<' neutralised


def _css_content(text: str) -> Any:
    """A text for a CSS ``content`` property: quoted strings, with ``{page}`` and
    ``{pages}`` as the page counters (``"pagina " counter(page) " van " counter(pages)``).

    The text (a translation) cannot end the string, the rule or the element.
    """
    import re

    from markupsafe import Markup

    parts = []
    for piece in re.split(r"(\{page\}|\{pages\})", text):
        if piece in ("{page}", "{pages}"):
            parts.append(f"counter({piece[1:-1]})")
        elif piece:
            quoted = "".join(
                "\\" + format(ord(c), "x") + " " if c in '\\"<>\n\r{};' else c for c in piece
            )
            parts.append(f'"{quoted}"')
    return Markup(" ".join(parts) or '""')  # every character that could end it is escaped


def _anchor(href: str) -> Any:
    """A link target the library made (``#thema-1``), kept as it is in Markdown."""
    from markupsafe import Markup

    if not all(c.isalnum() or c in "#-_." for c in href):
        raise ValueError(f"not an anchor: {href!r}")
    return Markup(href)  # checked above


def extra_css(folders: Iterable[TemplateFolder]) -> str:
    """The ``extra.css`` of every folder, the last folder's first (so the first wins).

    :raises TemplateError: an ``extra.css`` is a link out of its folder.
    """
    parts = []
    for folder in reversed([_folder(folder) for folder in folders]):
        found = folder / "extra.css"
        if found.is_file():
            if (
                isinstance(found, Path)
                and isinstance(folder, Path)
                and not found.resolve().is_relative_to(folder.resolve())
            ):
                raise TemplateError(
                    _(
                        "{file}: een koppeling naar buiten de sjablonenmap; die wordt niet gelezen"
                    ).format(file=found)
                )
            parts.append(found.read_text("utf-8"))
    return "\n".join(parts)


def render(
    kind: str,
    name: str,
    report: object,
    folders: Iterable[TemplateFolder] = (),
    **context: object,
) -> str:
    """Render the template ``name`` of ``kind`` with ``report`` as its input.

    ``context`` adds variables beside ``report`` (the site's pages: where
    the page is, its indicator, the links between pages).

    Control characters (but tab and newline) and bidirectional overrides
    are taken out of the result, whatever the template or the data held.

    :raises TemplateError: a template is missing, invalid, leaves its
        folder, or fails while rendering.
    """
    import jinja2

    from sociaaldomein.text.escape import strip_control

    try:
        made = environment(kind, folders).get_template(name).render(report=report, **context)
    except _Outside as outside:
        raise TemplateError(
            _(
                "sjabloon {name}: {outside!r} ligt buiten de sjablonenmap;"
                " een sjabloon mag alleen sjablonen uit zijn eigen map laden"
            ).format(name=name, outside=outside.args[0])
        ) from None
    except jinja2.TemplateSyntaxError as error:
        where = error.filename or error.name or name
        raise TemplateError(
            _("sjabloon {name}, regel {line}: ongeldige Jinja: {message}").format(
                name=where, line=error.lineno, message=error.message
            )
        ) from None
    except jinja2.TemplateNotFound as error:
        raise TemplateError(
            _("sjabloon {name}: {missing!r} bestaat niet").format(name=name, missing=error.name)
        ) from None
    except TemplateError:
        raise
    except Exception as error:  # a user's template may fail in any way ({{ 1 // 0 }})
        raise TemplateError(
            _("sjabloon {name}: kan niet gemaakt worden: {kind}: {error}").format(
                name=name, kind=type(error).__name__, error=error
            )
        ) from None
    return strip_control(made, keep_newlines=True)
