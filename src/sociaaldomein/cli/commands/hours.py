"""``hours``: budgeted hours per cluster, municipality and prestatieveld."""

from __future__ import annotations

import argparse

from sociaaldomein.cli.output import (
    EXIT_OK,
    add_format,
    emit,
)

TYPE_CHECKING = False  # not typing's: importing typing slows the command line
if TYPE_CHECKING:
    from typing import Any


def run(args: argparse.Namespace) -> int:
    from sociaaldomein.core.hours import roll_up_hours
    from sociaaldomein.io.loading import load_toml
    from sociaaldomein.model import Portfolio
    from sociaaldomein.text.language import _, ngettext

    projects = [p for path in args.files for p in load_toml(path, Portfolio).projects]
    data = {}
    for by in ("cluster", "municipality", "prestatieveld"):
        rollup = roll_up_hours(projects, by)
        data[by] = {
            "hours": {key: str(value) for key, value in rollup.hours.items()},
            "total": str(rollup.total),
            "counted_more_than_once": list(rollup.counted_more_than_once),
            "without_hours": list(rollup.without_hours),
            "listed_twice": list(rollup.listed_twice),
        }

    def text(data: dict[str, Any]) -> str:
        # Markdown (``make examples`` writes it to uren.md): every name from data
        # goes through the one Markdown escaper, so it is text, never markup.
        from sociaaldomein.text.escape import escape_markdown as md

        titles = {
            "cluster": _("cluster"),
            "municipality": _("gemeente"),
            "prestatieveld": _("prestatieveld"),
        }
        lines = [
            "# "
            + ngettext(
                "Begrote uren van {n} project", "Begrote uren van {n} projecten", len(projects)
            ).format(n=len(projects))
        ]
        for by, part in data.items():
            title = titles[by]
            lines += [
                "",
                "## " + _("Per {group}").format(group=title),
                "",
                "| " + _("{group} | uren").format(group=title) + " |",
                "| --- | ---: |",
            ]
            lines += [f"| {md(key)} | {hours} |" for key, hours in part["hours"].items()]
            total = _("totaal (elk project één keer)")
            lines.append(f"| **{total}** | **{part['total']}** |")
            if part["counted_more_than_once"]:
                lines += [
                    "",
                    _("Projecten die bij meer dan één {group} meetellen: {projects}.").format(
                        group=title, projects=", ".join(map(md, part["counted_more_than_once"]))
                    ),
                ]
        twice = next(iter(data.values()))["listed_twice"] if data else []
        if twice:
            lines += [
                "",
                _("Dubbel opgegeven en één keer geteld: {projects}.").format(
                    projects=", ".join(map(md, twice))
                ),
            ]
        return "\n".join(lines)

    emit(args, data, text)
    return EXIT_OK


def add_arguments(sub: argparse.ArgumentParser) -> None:
    from sociaaldomein.text.language import _

    add_format(sub)
    sub.add_argument("files", metavar="PROJECTS", nargs="+", help=_("TOML van 'import projects'"))
