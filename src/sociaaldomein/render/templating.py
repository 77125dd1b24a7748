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
Markdown templates pass every ``{{ ... }}`` through :func:`markdown_text`,
which writes data as inline text: it cannot start a heading, a list or a
table row, and HTML in it is shown, never run.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import jinja2

__all__ = ["TemplateFolder", "environment", "extra_css", "markdown_text", "render"]

#: A folder with templates: a path, or a resource folder of a plugin package.
TemplateFolder = str | os.PathLike[str] | Traversable

_MARKDOWN = str.maketrans(
    {
        "\\": "\\\\",
        "`": "\\`",
        "*": "\\*",
        "_": "\\_",
        "[": "\\[",
        "]": "\\]",
        "|": "\\|",
        "#": "\\#",
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
    }
)
_CACHE: dict[tuple[str, tuple[str, ...]], jinja2.Environment] = {}


def markdown_text(value: Any) -> str:
    """``value`` as inline Markdown text: one line, no markup, no HTML.

    Line breaks (of any kind) become spaces, so a name with a newline cannot
    start a section; ``<script>`` is shown as text; ``|``, ``*``, ``_``,
    ``[``, ``]``, `````, ``#`` and ``\\`` are escaped.
    """
    from markupsafe import Markup

    if isinstance(value, Markup):
        return str(value)  # an anchor the library made, through the ``anchor`` filter
    text = "" if value is None else str(value)
    return " ".join(text.split()).translate(_MARKDOWN)


def _folder(folder: TemplateFolder) -> Traversable:
    return Path(folder) if isinstance(folder, str | os.PathLike) else folder


def _loader(folders: Sequence[Traversable]) -> jinja2.BaseLoader:
    import jinja2

    def source(folder: Traversable) -> Callable[[str], str | None]:
        def load(name: str) -> str | None:
            found = folder.joinpath(*name.split("/"))
            if not found.is_file():
                return None
            return found.read_text("utf-8")

        return load

    return jinja2.ChoiceLoader(
        [
            *(jinja2.FunctionLoader(source(folder)) for folder in folders),
            jinja2.FunctionLoader(source(files("sociaaldomein.render") / "templates")),
        ]
    )


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
        "trim_blocks": True,
        "lstrip_blocks": True,
        "keep_trailing_newline": True,
        "undefined": jinja2.StrictUndefined,
    }
    if kind == "html":
        made = jinja2.Environment(autoescape=True, **common)
        made.filters["css"] = _css
    elif kind == "markdown":
        made = jinja2.Environment(autoescape=False, finalize=markdown_text, **common)
        made.filters["anchor"] = _anchor
    else:
        raise ValueError(f"no templates of kind {kind!r}; expected 'html' or 'markdown'")
    _CACHE[key] = made
    return made


def _css(text: str) -> Any:
    """CSS for a ``<style>`` element: without ``<`` (written as the CSS escape ``\\3c``),
    so it cannot close the element it is in or open another."""
    from markupsafe import Markup

    return Markup(text.replace("<", "\\3c "))  # '<' neutralised


def _anchor(href: str) -> Any:
    """A link target the library made (``#thema-1``), kept as it is in Markdown."""
    from markupsafe import Markup

    if not all(c.isalnum() or c in "#-_." for c in href):
        raise ValueError(f"not an anchor: {href!r}")
    return Markup(href)  # checked above


def extra_css(folders: Iterable[TemplateFolder]) -> str:
    """The ``extra.css`` of every folder, the last folder's first (so the first wins)."""
    parts = []
    for folder in reversed([_folder(folder) for folder in folders]):
        found = folder / "extra.css"
        if found.is_file():
            parts.append(found.read_text("utf-8"))
    return "\n".join(parts)


def render(kind: str, name: str, report: object, folders: Iterable[TemplateFolder] = ()) -> str:
    """Render the template ``name`` of ``kind`` with ``report`` as its only input."""
    return environment(kind, folders).get_template(name).render(report=report)
