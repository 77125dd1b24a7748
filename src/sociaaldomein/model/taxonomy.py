"""Taxonomies: trees of themes to tag indicators and assignments with.

The nine Wmo 2007 prestatievelden are one built-in taxonomy; plugins supply
others (Meierijstad organises its work by theme). An indicator or
assignment is tagged by listing theme ids in its ``themes``; a theme
covers what is tagged with it or with any theme below it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Protocol

import attrs

from sociaaldomein.errors import InvalidValueError, UnknownNameError
from sociaaldomein.model._convert import as_tuple
from sociaaldomein.model.indicator import check_identifier
from sociaaldomein.model.prestatieveld import Prestatieveld
from sociaaldomein.text.language import _
from sociaaldomein.text.suggest import unknown_name

__all__ = [
    "PRESTATIEVELDEN",
    "Taxonomy",
    "Theme",
    "group_by_theme",
    "prestatievelden_taxonomy",
    "tags_of",
]

#: The id of the built-in taxonomy of the nine prestatievelden.
PRESTATIEVELDEN = "prestatievelden"


def _not_blank(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not value.strip():
        raise InvalidValueError(f"a theme's {attribute.name} may not be empty")


@attrs.frozen
class Theme:
    """A node of a taxonomy; ``id`` is the tag used in ``themes`` lists."""

    id: str = attrs.field(validator=_not_blank)
    name: str = attrs.field(validator=_not_blank)
    children: tuple[Theme, ...] = attrs.field(default=(), converter=as_tuple)

    def walk(self) -> Iterator[Theme]:
        """This theme and every theme below it."""
        yield self
        for child in self.children:
            yield from child.walk()


@attrs.frozen
class Taxonomy:
    """A named tree of themes.

    :raises InvalidValueError: a theme id occurs twice.
    """

    id: str = attrs.field(validator=check_identifier)
    name: str
    themes: tuple[Theme, ...] = attrs.field(default=(), converter=as_tuple)

    def __attrs_post_init__(self) -> None:
        seen: set[str] = set()
        for theme in self.walk():
            if theme.id in seen:
                raise InvalidValueError(f"taxonomy {self.id!r}: theme {theme.id!r} occurs twice")
            seen.add(theme.id)

    def walk(self) -> Iterator[Theme]:
        """Every theme, depth first."""
        for theme in self.themes:
            yield from theme.walk()

    def find(self, theme_id: str) -> Theme:
        """The theme with ``theme_id``.

        :raises UnknownNameError: there is none; the message lists the ids.
        """
        for theme in self.walk():
            if theme.id == theme_id:
                return theme
        message = _("taxonomie {taxonomy} heeft geen thema {theme}").format(
            taxonomy=repr(self.id), theme=repr(theme_id)
        )
        themes = [t.id for t in self.walk()]
        raise UnknownNameError(unknown_name(message, theme_id, themes, known_as=_("thema's")))

    def covers(self, theme_id: str, tags: tuple[str, ...]) -> bool:
        """Whether something tagged ``tags`` falls under ``theme_id`` or a theme below it."""
        below = {theme.id for theme in self.find(theme_id).walk()}
        return any(tag in below for tag in tags)


def prestatievelden_taxonomy() -> Taxonomy:
    """The nine prestatievelden as a taxonomy; their tags are ``pv1`` to ``pv9``."""
    return Taxonomy(
        PRESTATIEVELDEN,
        "Prestatievelden Wmo 2007",
        [
            Theme(f"pv{field.value}", f"{field.value}. {field.short_name}")
            for field in Prestatieveld
        ],
    )


class _Tagged(Protocol):
    @property
    def themes(self) -> tuple[str, ...]: ...

    @property
    def prestatievelden(self) -> tuple[Prestatieveld, ...]: ...


def tags_of(item: _Tagged) -> tuple[str, ...]:
    """An indicator's or assignment's tags: its themes and its prestatievelden as ``pvN``."""
    return item.themes + tuple(f"pv{field.value}" for field in item.prestatievelden)


def group_by_theme(
    taxonomy: Taxonomy, items: Iterable[_Tagged]
) -> list[tuple[Theme, list[_Tagged]]]:
    """For each top-level theme, the items it covers (through its own tag or one below it)."""
    listed = list(items)
    return [
        (theme, [item for item in listed if taxonomy.covers(theme.id, tags_of(item))])
        for theme in taxonomy.themes
    ]
