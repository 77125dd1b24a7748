"""The plugins in use and what they provide, each plugin isolated from the others.

Plugins are distributions with an entry point in the group ``sociaaldomein``
(see :mod:`sociaaldomein.plugin`). The built-in measurement types come in
through the same hooks. :class:`Plugins` is the facade over pluggy's
machinery (:class:`~sociaaldomein.plugin.isolation.PluginManager`, at
:attr:`Plugins.manager`): hooks are called by pluggy, so ``tryfirst``,
``trylast`` and hook wrappers work as in pytest. A plugin that fails to
import, does not fit the hook specifications, raises in a hook, returns the
wrong kind of thing or prints is reported in :attr:`Plugins.problems` as a
:class:`~sociaaldomein.findings.Finding` (``rule`` is the plugin's name), and
the other plugins keep working.

Set ``SOCIAALDOMEIN_DISABLE_PLUGIN_AUTOLOAD=1`` to load no entry points, as
pytest's ``PYTEST_DISABLE_PLUGIN_AUTOLOAD`` does, and
``SOCIAALDOMEIN_TRACE_PLUGINS=1`` to trace hook calls to stderr.
"""

from __future__ import annotations

import datetime
import enum
import functools
from collections.abc import Iterable
from decimal import Decimal
from importlib import metadata
from importlib.resources.abc import Traversable
from typing import Any, TypeVar

import attrs

from sociaaldomein.core.resolution import ResolvedSet, SetError, resolve_set
from sociaaldomein.errors import SociaaldomeinError
from sociaaldomein.findings import Finding
from sociaaldomein.io.loading import loads_toml
from sociaaldomein.model.indicator_set import IndicatorSet
from sociaaldomein.model.measurement_type import MeasurementType, MeasurementTypeRegistry
from sociaaldomein.model.taxonomy import Taxonomy
from sociaaldomein.plugin import NAME, builtin, hookspecs
from sociaaldomein.plugin.isolation import TRACE, PluginManager, safe_repr, switched_on
from sociaaldomein.sources.base import Source
from sociaaldomein.text.language import N_, _

__all__ = ["DISABLE_AUTOLOAD", "TRACE", "PluginManager", "Plugins", "ProvidedSet", "hook_names"]

#: Environment variable that, when set to anything but ``0`` or empty, stops entry-point loading.
DISABLE_AUTOLOAD = "SOCIAALDOMEIN_DISABLE_PLUGIN_AUTOLOAD"
BUILTIN = "builtin"
_SETS, _TYPES, _TAXONOMIES = (
    "sociaaldomein_indicator_sets",
    "sociaaldomein_measurement_types",
    "sociaaldomein_taxonomies",
)
_SOURCES = "sociaaldomein_sources"
_Loaded = TypeVar("_Loaded", IndicatorSet, Taxonomy)


@attrs.frozen
class ProvidedSet:
    """An indicator set with the plugin and resource it came from."""

    indicator_set: IndicatorSet
    plugin: str
    origin: str


class Plugins:
    """The plugins in use and what they provide.

    :param plugins: plugin objects (modules or instances) to register
        besides the built-in one, as a test would choose them.
    :param entry_points: load installed plugins from their entry points;
        by default yes, unless ``SOCIAALDOMEIN_DISABLE_PLUGIN_AUTOLOAD`` is set.
    :param only: load just the entry points with these names.

    :attr:`manager` is the pluggy plugin manager underneath, for calling a
    hook directly (``plugins.manager.hook.sociaaldomein_validate(...)``);
    :attr:`problems` lists what went wrong with which plugin.
    """

    def __init__(
        self,
        plugins: Iterable[object] = (),
        *,
        entry_points: bool | None = None,
        only: Iterable[str] | None = None,
    ) -> None:
        self.manager = PluginManager()
        #: Every plugin problem: severity, message, ``where`` (hook, function or
        #: resource) and ``rule`` (the plugin's name).
        self.problems: list[Finding] = self.manager.problems
        self.versions: dict[str, str] = {}
        self.manager.register(builtin, BUILTIN)
        for plugin in plugins:
            self._register(plugin, getattr(plugin, "__name__", None) or safe_repr(plugin))
        if entry_points is None:
            entry_points = not switched_on(DISABLE_AUTOLOAD)
        if only is not None:
            self._load_entry_points(set(only))
        elif entry_points:
            self._load_entry_points(None)

    # -- registration ----------------------------------------------------------

    def _register(self, plugin: object, name: str) -> None:
        if self.manager.is_registered(plugin):
            return  # given explicitly and found again through its entry point
        self.manager.register(plugin, name)

    def _load_entry_points(self, only: set[str] | None) -> None:
        found = set()
        for entry_point in metadata.entry_points(group=NAME):
            if only is not None and entry_point.name not in only:
                continue
            found.add(entry_point.name)
            if self.manager.has_plugin(entry_point.name):
                continue
            # Importing runs the plugin's module: guarded like a hook, so that
            # sys.exit() or print() at import cannot end or corrupt the run.
            with self.manager.guard(
                entry_point.name, entry_point.value, failing=N_("kan niet worden geïmporteerd:")
            ) as guard:
                plugin = entry_point.load()
            if guard.failed:
                continue
            if entry_point.dist is not None:
                self.versions[entry_point.name] = (
                    f"{entry_point.dist.name} {entry_point.dist.version}"
                )
            self._register(plugin, entry_point.name)
        for missing in sorted((only or set()) - found):
            self.manager.report(missing, "", _("geen geïnstalleerde plugin heeft deze naam"))

    @property
    def names(self) -> list[str]:
        """The registered plugins, the built-in one first."""
        return [name for name, plugin in self.manager.list_name_plugin() if plugin is not None]

    # -- calling hooks -----------------------------------------------------------

    def _items(
        self, hook: str, kind: type, *, resources: bool = False, **kwargs: Any
    ) -> list[tuple[str, Any]]:
        """Every item every plugin returned from ``hook``; items not of ``kind`` are reported.

        Only ``kind`` itself is taken, not a subclass: a subclass could run
        plugin code later (a measurement type's ``validate``), outside the
        guarded hook call. With ``resources``, TOML resources are taken too.
        """
        found = []
        for name, item in self.manager.call(hook, **kwargs):
            if type(item) is kind or (resources and isinstance(item, Traversable)):
                found.append((name, item))
            elif isinstance(item, kind):
                self.manager.report(
                    name,
                    hook,
                    _(
                        "gaf een {kind}, een subklasse van {base}, terug; alleen {base} zelf wordt"
                        " genomen, zodat geen plugincode buiten zijn hooks draait"
                    ).format(kind=type(item).__name__, base=kind.__name__),
                )
            else:
                self.manager.report(name, hook, _returned(item))
        # pluggy decides the call order (the last registered first, tryfirst and
        # trylast aside); where the first of a name wins, the built-in plugin's
        # items come first whatever that order, so no plugin displaces them.
        return sorted(found, key=lambda pair: pair[0] != BUILTIN)

    def _load(
        self, plugin: str, item: Traversable, cls: type[_Loaded], what: str
    ) -> tuple[_Loaded, str] | None:
        """Load a plugin's TOML resource; a resource is plugin code too, so it is guarded."""
        with self.manager.guard(plugin, f"{what} resource"):
            origin = f"{plugin}:{item.name}"
            try:
                return loads_toml(item.read_text("utf-8"), cls, file=origin), origin
            except (SociaaldomeinError, OSError, UnicodeDecodeError) as exc:
                self.manager.report(
                    plugin,
                    origin,
                    _("{what} kan niet worden geladen:").format(what=_(_RESOURCES.get(what, what)))
                    + f"\n{exc}",
                )
        return None

    # -- what plugins provide --------------------------------------------------

    @functools.cached_property
    def measurement_types(self) -> MeasurementTypeRegistry:
        """Every plugin's measurement types, the built-in ones first."""
        registry = MeasurementTypeRegistry(())
        for name, measurement_type in self._items(_TYPES, MeasurementType):
            try:
                registry.register(measurement_type)
            except SociaaldomeinError as exc:
                self.manager.report(name, _TYPES, str(exc))
        return registry

    @functools.cached_property
    def taxonomies(self) -> dict[str, Taxonomy]:
        """Every plugin's taxonomies by id; the prestatievelden come first."""
        found: dict[str, Taxonomy] = {}
        for name, item in self._items(_TAXONOMIES, Taxonomy, resources=True):
            taxonomy = item
            if not isinstance(item, Taxonomy):
                loaded = self._load(name, item, Taxonomy, "taxonomy")
                if loaded is None:
                    continue
                taxonomy = loaded[0]
            if taxonomy.id in found:
                self.manager.report(
                    name,
                    _TAXONOMIES,
                    _("taxonomie-id {id!r} wordt al geleverd").format(id=taxonomy.id),
                )
                continue
            found[taxonomy.id] = taxonomy
        return found

    @functools.cached_property
    def report_templates(self) -> list[Traversable]:
        """Every plugin's report template folders, in registration order."""
        found = self._items("sociaaldomein_report_templates", Traversable, resources=True)
        return [folder for _, folder in found]

    @functools.cached_property
    def sources(self) -> dict[str, Source]:
        """Every plugin's measurement sources by name; the built-in ``cbs`` comes first.

        Unlike the other items, a source is plugin code by design (a subclass
        of :class:`~sociaaldomein.sources.base.Source`): its ``fetch`` runs
        when the caller asks for figures.
        """
        provided = []
        for name, item in self.manager.call(_SOURCES):
            if isinstance(item, Source):
                provided.append((name, item))
            else:
                self.manager.report(name, _SOURCES, _returned(item))
        found: dict[str, Source] = {}
        for name, source in sorted(provided, key=lambda pair: pair[0] != BUILTIN):
            if not source.name or source.name in found:
                self.manager.report(
                    name,
                    _SOURCES,
                    _("bronnaam {name!r} is leeg of wordt al geleverd").format(name=source.name),
                )
                continue
            found[source.name] = source
        return found

    @functools.cached_property
    def _sets(self) -> tuple[dict[str, ProvidedSet], dict[str, list[ProvidedSet]]]:
        provided: dict[str, list[ProvidedSet]] = {}
        for name, item in self._items(_SETS, IndicatorSet, resources=True):
            if isinstance(item, IndicatorSet):
                foreign = _foreign_object(item)
                if foreign is not None:
                    # An Indicator subclass (or a str subclass) would run plugin code
                    # wherever the set is read, outside any guarded hook call.
                    where, kind = foreign
                    self.manager.report(
                        name,
                        _SETS,
                        _(
                            "set {id} bevat een {kind} op {where}; een set die als object is"
                            " gegeven mag alleen de eigen modelklassen van de bibliotheek bevatten"
                            " (geen subklassen), zodat geen plugincode buiten zijn hooks draait;"
                            " de set wordt niet gebruikt"
                        ).format(id=safe_repr(item.id), kind=kind, where=where),
                    )
                    continue
                loaded = ProvidedSet(item, name, "<object>")
            else:
                from_file = self._load(name, item, IndicatorSet, "set")
                if from_file is None:
                    continue
                loaded = ProvidedSet(from_file[0], name, from_file[1])
            provided.setdefault(loaded.indicator_set.id, []).append(loaded)
        sets, clashes = {}, {}
        for set_id, providers in provided.items():
            if len(providers) == 1:
                sets[set_id] = providers[0]
                continue
            providers.sort(key=lambda provider: provider.plugin)
            clashes[set_id] = providers
            side = _("plugin {name!r} ({origin})")
            sides = _(" en ").join(side.format(name=p.plugin, origin=p.origin) for p in providers)
            for provider in providers:
                self.manager.report(
                    provider.plugin,
                    _SETS,
                    _("set-id {id!r} wordt geleverd door {sides}").format(id=set_id, sides=sides),
                )
        return sets, clashes

    @property
    def sets(self) -> dict[str, ProvidedSet]:
        """Every set by id, except ids that two plugins provide (see :attr:`problems`)."""
        return self._sets[0]

    def resolve(self, set_id: str) -> ResolvedSet:
        """The flat set ``set_id`` with its provenance.

        :raises SetError: see :func:`~sociaaldomein.core.resolution.resolve_set`
            (a cycle of sets that extend each other included); also when two
            plugins provide ``set_id`` or one of its bases.
        """
        sets, clashes = self._sets
        current: str | None = set_id
        seen: set[str] = set()
        # Up the chain to a clash; a cycle stops the walk and resolve_set names it.
        while current is not None and current not in seen and current in sets:
            seen.add(current)
            current = sets[current].indicator_set.extends
        if current in clashes:
            side = _("plugin {name!r}")
            sides = _(" en ").join(side.format(name=p.plugin) for p in clashes[current])
            raise SetError(
                _("set {id!r} wordt door beide geleverd: {sides}").format(id=current, sides=sides)
            )
        return resolve_set(set_id, {key: value.indicator_set for key, value in sets.items()})

    def validate(self, indicator_set: IndicatorSet) -> list[Finding]:
        """Every plugin's findings on ``indicator_set``, each marked with its plugin."""
        return [
            finding if finding.rule else attrs.evolve(finding, rule=name)
            for name, finding in self._items(
                "sociaaldomein_validate", Finding, indicator_set=indicator_set
            )
        ]


#: Values a set given as an object may hold besides the model's own classes.
_PLAIN = (str, int, float, bool, type(None), Decimal, datetime.date, datetime.datetime)


#: The kinds of TOML resource a plugin provides, in words (translated where used).
_RESOURCES = {"taxonomy": N_("taxonomie"), "set": N_("set")}


def _returned(item: object) -> str:
    """What a hook returned that is not what it should, for a problem."""
    return _("gaf {kind} {value} terug").format(kind=type(item).__name__, value=safe_repr(item))


def _foreign_object(value: object, where: str = "") -> tuple[str, str] | None:
    """The first object in ``value`` that is not exactly a model class or a plain value.

    Only ``type()`` is asked of an object before it is known to be the
    library's own, so that a plugin's ``__getattribute__`` or ``__eq__`` never runs.

    :returns: its key path (``indicators[0].name``) and its class name, or ``None``.
    """
    kind = type(value)
    if kind in _PLAIN:
        return None
    if isinstance(value, tuple | list) and (kind is tuple or kind is list):
        for index, item in enumerate(value):
            found = _foreign_object(item, f"{where}[{index}]")
            if found is not None:
                return found
        return None
    if isinstance(value, dict) and kind is dict:
        for key, item in value.items():
            found = _foreign_object(key, where) or _foreign_object(item, f"{where}[{key!r}]")
            if found is not None:
                return found
        return None
    if kind not in _model_classes():
        return (where or _("(de set)"), kind.__name__)
    if attrs.has(kind):
        for field in attrs.fields(kind):
            path = f"{where}.{field.name}" if where else field.name
            found = _foreign_object(getattr(value, field.name), path)
            if found is not None:
                return found
    return None  # an enum member of the model


@functools.cache
def _model_classes() -> frozenset[type]:
    """The attrs and enum classes the model's modules define (by their namespaces,
    so that a plugin's class claiming a model module by its ``__module__`` is not one)."""
    import importlib
    import inspect
    import pkgutil

    import sociaaldomein.model as model

    found = set()
    for info in pkgutil.iter_modules(model.__path__):
        module = importlib.import_module(f"{model.__name__}.{info.name}")  # names, not data
        for value in vars(module).values():
            if (
                inspect.isclass(value)
                and value.__module__ == module.__name__
                and (attrs.has(value) or issubclass(value, enum.Enum))
            ):
                found.add(value)
    return frozenset(found)


def hook_names() -> list[str]:
    """The names of every hook a plugin can implement."""
    return sorted(name for name in vars(hookspecs) if name.startswith(f"{NAME}_"))
