"""``plugins``: installed plugins, the sets they provide, and broken plugins."""

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
    sets = plugins.sets
    data = {
        "plugins": [
            {
                "name": name,
                "version": plugins.versions.get(name, ""),
                "sets": sorted(key for key, provided in sets.items() if provided.plugin == name),
            }
            for name in plugins.names
        ],
        "problems": plugin_problems(plugins),
    }

    def text(data: dict[str, Any]) -> str:
        lines = []
        for plugin in data["plugins"]:
            version = f" ({plugin['version']})" if plugin["version"] else ""
            provided = f": {', '.join(plugin['sets'])}" if plugin["sets"] else ""
            lines.append(f"{plugin['name']}{version}{provided}")
        return "\n".join(lines + broken_lines(data))

    emit(args, data, text)
    return EXIT_OK


def add_arguments(sub: argparse.ArgumentParser) -> None:
    add_format(sub)
