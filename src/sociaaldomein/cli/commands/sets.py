"""``sets``: the indicator sets the plugins provide."""

from __future__ import annotations

import argparse

from sociaaldomein.cli.output import (
    EXIT_OK,
    add_format,
    broken_lines,
    emit,
    load_plugins,
    plugin_problems,
)

TYPE_CHECKING = False  # not typing's: importing typing slows the command line
if TYPE_CHECKING:
    from typing import Any


def run(args: argparse.Namespace) -> int:
    plugins = load_plugins()
    data = {
        "sets": [
            {
                "id": set_id,
                "name": provided.indicator_set.name,
                "version": provided.indicator_set.version,
                "owner": provided.indicator_set.owner,
                "extends": provided.indicator_set.extends,
                "plugin": provided.plugin,
                "origin": provided.origin,
            }
            for set_id, provided in sorted(plugins.sets.items())
        ],
        "problems": plugin_problems(plugins),
    }

    from sociaaldomein.text.language import _

    def text(data: dict[str, Any]) -> str:
        lines = [
            f"{s['id']:24} {s['name']}"
            + (" (" + _("breidt {set} uit").format(set=s["extends"]) + ")" if s["extends"] else "")
            + f" [{s['plugin']}]"
            for s in data["sets"]
        ]
        return "\n".join(lines + broken_lines(data))

    emit(args, data, text)
    return EXIT_OK


def add_arguments(sub: argparse.ArgumentParser) -> None:
    add_format(sub)
