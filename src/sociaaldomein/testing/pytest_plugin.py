"""pytest fixtures for municipality plugins (loaded through the ``pytest11`` entry point).

- ``sociaaldomein_plugins("drenthe", "assen-plugin")``: a plugin manager holding
  exactly the named installed plugins (plus the built-in one);
- ``resolved_set("assen", "drenthe")``: a set resolved from exactly those plugins;
- ``project_folder``: a temporary folder to write ``plan.toml`` and
  ``measurements.csv`` into, ready for ``sociaaldomein report``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

from sociaaldomein.core.resolution import ResolvedSet
from sociaaldomein.io.loading import format_measurements, save_toml, write_atomic
from sociaaldomein.model import Measurement, Project
from sociaaldomein.plugin.manager import Plugins


@pytest.fixture
def sociaaldomein_plugins() -> Callable[..., Plugins]:
    """Build a plugin manager from the named installed plugins and plugin objects."""

    def make(*names: str, objects: Iterable[object] = ()) -> Plugins:
        plugins = Plugins(objects, only=names)
        assert not plugins.problems, "\n".join(map(str, plugins.problems))
        return plugins

    return make


@pytest.fixture
def resolved_set(sociaaldomein_plugins: Callable[..., Plugins]) -> Callable[..., ResolvedSet]:
    """Resolve a set id with exactly the named plugins installed."""

    def resolve(set_id: str, *names: str, objects: Iterable[object] = ()) -> ResolvedSet:
        return sociaaldomein_plugins(*names, objects=objects).resolve(set_id)

    return resolve


class ProjectFolder:
    """A temporary folder for a plan and its measurements."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def write_plan(self, project: Project) -> Path:
        target = self.path / "plan.toml"
        save_toml(project, target)
        return target

    def write_measurements(self, measurements: Iterable[Measurement]) -> Path:
        target = self.path / "measurements.csv"
        write_atomic(target, format_measurements(measurements))
        return target


@pytest.fixture
def project_folder(tmp_path: Path) -> ProjectFolder:
    """An empty project folder under pytest's ``tmp_path``."""
    folder = tmp_path / "project"
    folder.mkdir()
    return ProjectFolder(folder)
