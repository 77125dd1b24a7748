"""The hooks a sociaaldomein plugin can implement.

Each hook is called by pluggy on every plugin that implements it, in
pluggy's order (the plugin registered last first; ``@hookimpl(tryfirst=True)``
and ``trylast=True`` move it), and returns a list; a hook wrapper
(``@hookimpl(wrapper=True)``) receives one tuple of items per plugin and
returns the result to use. A plugin that raises in a hook, returns something
of the wrong kind or prints is reported by name and skipped: the other
plugins keep working.
"""

from __future__ import annotations

from collections.abc import Iterable
from importlib.resources.abc import Traversable
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from sociaaldomein.findings import Finding
    from sociaaldomein.model import IndicatorSet, MeasurementType, Taxonomy
    from sociaaldomein.sources.base import Source

hookspec = pluggy.HookspecMarker("sociaaldomein")


@hookspec
def sociaaldomein_indicator_sets() -> Iterable[IndicatorSet | Traversable]:
    """Supply indicator sets.

    Return set objects, or TOML resources to load them from (such as
    ``importlib.resources.files(__package__) / "data" / "basisset.toml"``).
    A set id may be provided by one plugin only.

    :return: the sets this plugin provides.
    """


@hookspec
def sociaaldomein_measurement_types() -> Iterable[MeasurementType]:
    """Supply extra measurement types, such as a local satisfaction scale.

    The built-in types (percentage, grade, count, ...) are supplied through
    this same hook by the built-in plugin. A type name may be registered once.

    :return: the measurement types this plugin adds.
    """


@hookspec
def sociaaldomein_validate(indicator_set: IndicatorSet) -> Iterable[Finding]:
    """Check a resolved indicator set against plugin-specific rules.

    Called for every set that is validated, whichever plugin supplied it;
    a rule that only concerns its own sets should check ``indicator_set.id``
    or ``indicator_set.owner`` first.

    :param indicator_set: the flat, resolved set.
    :return: findings; an empty list when all is well.
    """


@hookspec
def sociaaldomein_taxonomies() -> Iterable[Taxonomy | Traversable]:
    """Supply taxonomies: trees of themes that indicators and assignments are tagged with.

    Return taxonomy objects or TOML resources. The nine prestatievelden come
    through this hook from the built-in plugin, as the taxonomy
    ``prestatievelden``. A taxonomy id may be provided once.

    :return: the taxonomies this plugin provides.
    """


@hookspec
def sociaaldomein_report_templates() -> Iterable[Traversable]:
    """Supply folders of report templates: a house style without a fork.

    A template in such a folder replaces the shipped one of the same name
    (``report.html``, ``indicator.html``, ``report.css``, ``report.md``, ...);
    an ``extra.css`` there is added after the shipped stylesheet. Folders
    given to ``write_report(templates=...)`` or ``--templates`` come first,
    then the plugins' in registration order. Every template sees one
    variable, ``report`` (a :class:`sociaaldomein.Report`).

    :return: template folders, such as
        ``importlib.resources.files(__package__) / "templates"``.
    """


@hookspec
def sociaaldomein_sources() -> Iterable[Source]:
    """Supply measurement sources: named suppliers of figures, such as CBS StatLine.

    Return :class:`~sociaaldomein.sources.base.Source` objects. An indicator
    says where its figures come from with ``fetch = { source = "<name>", ... }``
    and ``sociaaldomein fetch <name>`` asks the source for them. The built-in
    plugin supplies ``cbs``. A source name may be provided once.

    :return: the sources this plugin provides.
    """
