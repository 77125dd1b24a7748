"""The national BBV policy indicators of the social domain as a sociaaldomein plugin.

Supplies the set ``bbv-sociaal-domein``: the policy indicators every Dutch
municipality must show in its budget and annual accounts under the Besluit
begroting en verantwoording (BBV) for taakveld 6, as waarstaatjegemeente.nl
publishes them, each with its unit and where its figures come from (a CBS
StatLine table where one is public). And two taxonomies: the BBV taakvelden
of the social domain (``bbv-taakvelden``, 6.1 to 6.82 and 7.1) and the tasks
of the Wmo 2015 (``wmo-2015``). The prestatievelden of the Wmo 2007 stay
built in for older plans.
"""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable

from sociaaldomein.plugin import hookimpl

SET_FILES = ("bbv.toml",)
TAXONOMY_FILES = ("taakvelden.toml", "wmo2015.toml")


@hookimpl
def sociaaldomein_indicator_sets() -> list[Traversable]:
    package = files(__package__)
    return [package / name for name in SET_FILES]


@hookimpl
def sociaaldomein_taxonomies() -> list[Traversable]:
    package = files(__package__)
    return [package / name for name in TAXONOMY_FILES]
