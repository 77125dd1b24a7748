"""What a plugin needs: the hook marker and the entry-point group.

A complete municipality plugin is one module and one TOML file::

    # src/sociaaldomein_zuidwolde/__init__.py
    from importlib.resources import files

    from sociaaldomein.plugin import hookimpl


    @hookimpl
    def sociaaldomein_indicator_sets():
        return [files(__package__) / "zuidwolde.toml"]

declared in its ``pyproject.toml`` under the entry-point group :data:`NAME`::

    [project.entry-points.sociaaldomein]
    zuidwolde = "sociaaldomein_zuidwolde"

The hooks it can implement are documented in :mod:`sociaaldomein.plugin.hookspecs`.
"""

from __future__ import annotations

import pluggy

__all__ = ["NAME", "hookimpl"]

#: The project name: the hook prefix and the entry-point group.
NAME = "sociaaldomein"

#: Marks a function as the implementation of a hook of the same name.
hookimpl = pluggy.HookimplMarker(NAME)
