"""``indicators``: the resolved indicators of a set (installed, or in a file), with provenance."""

from __future__ import annotations

import argparse

from sociaaldomein.cli.commands.accounting import add_accounting_options
from sociaaldomein.cli.output import (
    EXIT_OK,
    Usage,
    add_format,
    emit,
    load_plugins,
)

TYPE_CHECKING = False  # not typing's: importing typing slows the command line
if TYPE_CHECKING:
    from typing import Any


def run(args: argparse.Namespace) -> int:
    from sociaaldomein.app.framework import resolve_local_set
    from sociaaldomein.core.evaluation import describe_target
    from sociaaldomein.text.language import _

    if args.installed is not None and (args.set_id or args.set_file):
        raise Usage(_("noem één set: SET_ID, --set of --set-file"))
    set_id = args.installed or args.set_id
    if set_id is None and args.set_file is None:
        raise Usage(_("noem de set: SET_ID of --set-file SET.toml"))
    plugins = load_plugins()
    resolved = resolve_local_set(plugins, set_id, args.set_file)
    types = plugins.measurement_types
    data = {
        "set": resolved.indicator_set.id,
        "chain": list(resolved.chain),
        "indicators": [
            {
                "id": indicator.id,
                "name": indicator.name,
                "measurement_type": indicator.measurement_type,
                "target": (
                    describe_target(indicator.target, indicator, types[indicator.measurement_type])
                    if indicator.target
                    else None
                ),
                "schedule": {
                    str(period): describe_target(
                        target, indicator, types[indicator.measurement_type]
                    )
                    for period, target in indicator.schedule
                },
                "slice_targets": [
                    {
                        "slice": dict(entry.dimensions),
                        "target": describe_target(
                            entry.target, indicator, types[indicator.measurement_type]
                        ),
                    }
                    for entry in indicator.slice_targets
                ],
                "source": indicator.source,
                "provenance": dict(resolved.provenance[indicator.id]),
            }
            for indicator in resolved.indicator_set.all_indicators()
        ],
        "retired": [
            {"indicator": key, "set": set_id, "reason": reason}
            for key, (set_id, reason) in resolved.retired.items()
        ],
    }

    def text(data: dict[str, Any]) -> str:
        lines = [f"{data['set']} ({' -> '.join(data['chain'])})"]
        for item in data["indicators"]:
            origin = item["provenance"]["id"]
            changed = [
                _("{field} uit {set}").format(field=field, set=source)
                for field, source in item["provenance"].items()
                if source != origin
            ]
            note = f"; {', '.join(changed)}" if changed else ""
            target = (
                " — " + _("doel: {target}").format(target=item["target"]) if item["target"] else ""
            )
            target += "".join(
                f"; {period}: {described}" for period, described in item["schedule"].items()
            )
            target += "".join(
                "; "
                + ", ".join(f"{k} {v}" for k, v in entry["slice"].items())
                + f": {entry['target']}"
                for entry in item["slice_targets"]
            )
            lines.append(f"  {item['id']:36} {item['name']}{target} [{origin}{note}]")
        lines += [
            "  "
            + _("vervallen {indicator} door {set}: {reason}").format(
                indicator=r["indicator"], set=r["set"], reason=r["reason"]
            )
            for r in data["retired"]
        ]
        return "\n".join(lines)

    emit(args, data, text)
    return EXIT_OK


def add_arguments(sub: argparse.ArgumentParser) -> None:
    from sociaaldomein.text.language import _

    add_format(sub)
    sub.add_argument(
        "installed",
        metavar="SET_ID",
        nargs="?",
        help=_("een geïnstalleerde set (of: --set SET_ID, --set-file SET.toml)"),
    )
    add_accounting_options(sub, subject=False)
