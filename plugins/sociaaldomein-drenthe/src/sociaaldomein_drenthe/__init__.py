"""The Drenthe model as a sociaaldomein plugin.

Supplies the shared base set ``drenthe`` (Wmo, youth and participation
indicators that every Drenthe municipality measures the same way, mostly the
national Gemeentelijke Monitor Sociaal Domein definitions) and ``assen``, an
example of a municipality colouring the base set in locally.
"""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable

from sociaaldomein.plugin import hookimpl

SET_FILES = ("drenthe.toml", "assen.toml")


@hookimpl
def sociaaldomein_indicator_sets() -> list[Traversable]:
    package = files(__package__)
    return [package / name for name in SET_FILES]
