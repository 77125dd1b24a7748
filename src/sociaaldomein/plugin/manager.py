"""Finding, loading and calling plugins, each isolated from the others.

Plugins are distributions with an entry point in the group ``sociaaldomein``
(see :mod:`sociaaldomein.plugin`). The built-in measurement types come in
through the same hooks. A plugin that fails to import, does not fit the
hook specifications, raises in a hook or returns the wrong kind of thing is
reported in :attr:`Plugins.problems` by name and with its cause, and the
other plugins keep working.

Set ``SOCIAALDOMEIN_DISABLE_PLUGIN_AUTOLOAD=1`` to load no entry points, as
pytest's ``PYTEST_DISABLE_PLUGIN_AUTOLOAD`` does.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable
from importlib import metadata
from importlib.resources.abc import Traversable
from typing import Any

import attrs
import pluggy

from sociaaldomein.core.resolution import ResolvedSet, SetError, resolve_set
from sociaaldomein.errors import SociaaldomeinError
from sociaaldomein.findings import Finding
from sociaaldomein.io.loading import loads_toml
from sociaaldomein.model.indicator_set import IndicatorSet
from sociaaldomein.model.measurement_type import MeasurementType, MeasurementTypeRegistry
from sociaaldomein.model.taxonomy import Taxonomy
from sociaaldomein.plugin import NAME, builtin, hookspecs

__all__ = ["DISABLE_AUTOLOAD", "PluginProblem", "Plugins", "ProvidedSet"]

#: Environment variable that, when set to anything but ``0`` or empty, stops entry-point loading.
DISABLE_AUTOLOAD = "SOCIAALDOMEIN_DISABLE_PLUGIN_AUTOLOAD"
BUILTIN = "builtin"


@attrs.frozen
class PluginProblem:
    """A plugin that could not be loaded, or failed in a hook."""

    plugin: str
    cause: str

    def __str__(self) -> str:
        return f"plugin {self.plugin!r}: {self.cause}"


@attrs.frozen
class ProvidedSet:
    """An indicator set with the plugin and resource it came from."""

    indicator_set: IndicatorSet
    plugin: str
    origin: str


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"


class Plugins:
    """The plugins in use and what they provide.

    :param plugins: plugin objects (modules or instances) to register
        besides the built-in one, as a test would choose them.
    :param entry_points: load installed plugins from their entry points;
        by default yes, unless ``SOCIAALDOMEIN_DISABLE_PLUGIN_AUTOLOAD`` is set.
    :param only: load just the entry points with these names.
    """

    def __init__(
        self,
        plugins: Iterable[object] = (),
        *,
        entry_points: bool | None = None,
        only: Iterable[str] | None = None,
    ) -> None:
        self._pm = pluggy.PluginManager(NAME)
        self._pm.add_hookspecs(hookspecs)
        self.problems: list[PluginProblem] = []
        self.versions: dict[str, str] = {}
        self._register(builtin, BUILTIN)
        for plugin in plugins:
            self._register(plugin, getattr(plugin, "__name__", None) or repr(plugin))
        if only is not None:
            self._load_entry_points(set(only))
        else:
            if entry_points is None:
                entry_points = os.environ.get(DISABLE_AUTOLOAD, "") in ("", "0")
            if entry_points:
                self._load_entry_points(None)

    # -- registration ----------------------------------------------------------

    def _register(self, plugin: object, name: str) -> None:
        if self._pm.is_registered(plugin):
            return  # given explicitly and found again through its entry point
        unknown = sorted(
            attribute
            for attribute in dir(plugin)
            if attribute.startswith(f"{NAME}_") and not hasattr(self._pm.hook, attribute)
        )
        if unknown:
            self.problems.append(
                PluginProblem(name, f"implements unknown hook(s) {', '.join(unknown)}")
            )
            return
        try:
            self._pm.register(plugin, name=name)
        except (pluggy.PluginValidationError, ValueError) as exc:
            self.problems.append(PluginProblem(name, f"does not fit the hooks: {exc}"))

    def _load_entry_points(self, only: set[str] | None) -> None:
        found = set()
        for entry_point in metadata.entry_points(group=NAME):
            if only is not None and entry_point.name not in only:
                continue
            found.add(entry_point.name)
            if self._pm.has_plugin(entry_point.name):
                continue
            try:
                plugin = entry_point.load()
            except Exception as exc:
                self.problems.append(
                    PluginProblem(
                        entry_point.name,
                        f"cannot be imported from {entry_point.value!r}: {_describe(exc)}",
                    )
                )
                continue
            if entry_point.dist is not None:
                self.versions[entry_point.name] = (
                    f"{entry_point.dist.name} {entry_point.dist.version}"
                )
            self._register(plugin, entry_point.name)
        for missing in sorted((only or set()) - found):
            self.problems.append(PluginProblem(missing, "no installed plugin has this name"))

    @property
    def names(self) -> list[str]:
        """The registered plugins, the built-in one first."""
        return [name for name, _ in self._pm.list_name_plugin()]

    # -- calling hooks, one plugin at a time -------------------------------------

    def _call(self, hook: str, **kwargs: Any) -> list[tuple[str, Any]]:
        results = []
        caller = getattr(self._pm.hook, hook)
        # pluggy itself calls the last registered first; here registration order
        # decides, so the built-in plugin wins a clash.
        for implementation in caller.get_hookimpls():
            name = implementation.plugin_name
            try:
                result = implementation.function(*(kwargs[arg] for arg in implementation.argnames))
                items = list(result) if result is not None else []
            except Exception as exc:
                self.problems.append(PluginProblem(name, f"{hook} raised {_describe(exc)}"))
                continue
            results.append((name, items))
        return results

    def _items(
        self, hook: str, kind: type | tuple[type, ...], **kwargs: Any
    ) -> list[tuple[str, Any]]:
        """Every item every plugin returned from ``hook``; items not of ``kind`` are reported."""
        found = []
        for name, items in self._call(hook, **kwargs):
            for item in items:
                if isinstance(item, kind):
                    found.append((name, item))
                else:
                    self.problems.append(
                        PluginProblem(name, f"{hook} returned {type(item).__name__} {item!r:.60}")
                    )
        return found

    # -- what plugins provide --------------------------------------------------

    @functools.cached_property
    def measurement_types(self) -> MeasurementTypeRegistry:
        """Every plugin's measurement types, the built-in ones first."""
        registry = MeasurementTypeRegistry(())
        for name, measurement_type in self._items(
            "sociaaldomein_measurement_types", MeasurementType
        ):
            try:
                registry.register(measurement_type)
            except SociaaldomeinError as exc:
                self.problems.append(PluginProblem(name, str(exc)))
        return registry

    @functools.cached_property
    def taxonomies(self) -> dict[str, Taxonomy]:
        """Every plugin's taxonomies by id; the prestatievelden come first."""
        found: dict[str, Taxonomy] = {}
        for name, item in self._items("sociaaldomein_taxonomies", (Taxonomy, Traversable)):
            taxonomy = item
            if not isinstance(item, Taxonomy):
                origin = f"{name}:{item.name}"
                try:
                    taxonomy = loads_toml(item.read_text("utf-8"), Taxonomy, file=origin)
                except (SociaaldomeinError, OSError, UnicodeDecodeError) as exc:
                    self.problems.append(
                        PluginProblem(name, f"taxonomy {origin} cannot be loaded:\n{exc}")
                    )
                    continue
            if taxonomy.id in found:
                self.problems.append(
                    PluginProblem(name, f"taxonomy id {taxonomy.id!r} is provided already")
                )
                continue
            found[taxonomy.id] = taxonomy
        return found

    @functools.cached_property
    def report_templates(self) -> list[Traversable]:
        """Every plugin's report template folders, in registration order."""
        return [folder for _, folder in self._items("sociaaldomein_report_templates", Traversable)]

    @functools.cached_property
    def _sets(self) -> tuple[dict[str, ProvidedSet], dict[str, list[ProvidedSet]]]:
        provided: dict[str, list[ProvidedSet]] = {}
        for name, item in self._items("sociaaldomein_indicator_sets", (IndicatorSet, Traversable)):
            loaded = self._load_set(name, item)
            if loaded is not None:
                provided.setdefault(loaded.indicator_set.id, []).append(loaded)
        sets, clashes = {}, {}
        for set_id, providers in provided.items():
            if len(providers) == 1:
                sets[set_id] = providers[0]
                continue
            clashes[set_id] = providers
            sides = " and ".join(f"plugin {p.plugin!r} ({p.origin})" for p in providers)
            for provider in providers:
                self.problems.append(
                    PluginProblem(provider.plugin, f"set id {set_id!r} is provided by {sides}")
                )
        return sets, clashes

    def _load_set(self, plugin: str, item: IndicatorSet | Traversable) -> ProvidedSet | None:
        if isinstance(item, IndicatorSet):
            return ProvidedSet(item, plugin, "<object>")
        origin = f"{plugin}:{item.name}"
        try:
            return ProvidedSet(
                loads_toml(item.read_text("utf-8"), IndicatorSet, file=origin), plugin, origin
            )
        except (SociaaldomeinError, OSError, UnicodeDecodeError) as exc:
            self.problems.append(PluginProblem(plugin, f"set {origin} cannot be loaded:\n{exc}"))
            return None

    @property
    def sets(self) -> dict[str, ProvidedSet]:
        """Every set by id, except ids that two plugins provide (see :attr:`problems`)."""
        return self._sets[0]

    def resolve(self, set_id: str) -> ResolvedSet:
        """The flat set ``set_id`` with its provenance.

        :raises SetError: see :func:`~sociaaldomein.core.resolution.resolve_set`;
            also when two plugins provide ``set_id`` or one of its bases.
        """
        sets, clashes = self._sets
        current: str | None = set_id
        while current is not None and current not in clashes and current in sets:
            current = sets[current].indicator_set.extends
        if current in clashes:
            sides = " and ".join(f"plugin {p.plugin!r}" for p in clashes[current])
            raise SetError(f"set {current!r} is provided by both {sides}")
        return resolve_set(set_id, {key: value.indicator_set for key, value in sets.items()})

    def validate(self, indicator_set: IndicatorSet) -> list[Finding]:
        """Every plugin's findings on ``indicator_set``, each marked with its plugin."""
        return [
            finding if finding.rule else attrs.evolve(finding, rule=name)
            for name, finding in self._items(
                "sociaaldomein_validate", Finding, indicator_set=indicator_set
            )
        ]


def hook_names() -> list[str]:
    """The names of every hook a plugin can implement."""
    return sorted(name for name in vars(hookspecs) if name.startswith(f"{NAME}_"))
