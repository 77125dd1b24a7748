"""The ``sociaaldomein`` command line.

Exit status: 0 on success, 1 when validation finds errors or the input is
bad, 2 for bad usage. Errors go to stderr, one readable message each.
Each subcommand imports what it needs when it runs, so ``--help`` is fast.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sociaaldomein.findings import Finding
    from sociaaldomein.model import Phase, Project
    from sociaaldomein.plugin.manager import Plugins

__all__ = ["main", "main_exit"]

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


class _Invalid(Exception):
    """Input that the command cannot use: exit status 1, message to stderr."""


def _plugins() -> Plugins:
    from sociaaldomein.plugin.manager import Plugins

    return Plugins()


def _emit(args: argparse.Namespace, data: Any, text: Callable[[Any], str]) -> None:
    if getattr(args, "format", "text") == "json":
        print(json.dumps(data, ensure_ascii=False, indent=2, default=str))
    else:
        print(text(data))


def _broken_lines(data: dict[str, Any]) -> list[str]:
    return [f"BROKEN {p['plugin']}: {p['cause']}" for p in data["problems"]]


def _problems(plugins: Plugins) -> list[dict[str, str]]:
    return [{"plugin": p.plugin, "cause": p.cause} for p in plugins.problems]


# -- plugins, sets, indicators --------------------------------------------------


def cmd_plugins(args: argparse.Namespace) -> int:
    plugins = _plugins()
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
        "problems": _problems(plugins),
    }

    def text(data: dict[str, Any]) -> str:
        lines = []
        for plugin in data["plugins"]:
            version = f" ({plugin['version']})" if plugin["version"] else ""
            provided = f": {', '.join(plugin['sets'])}" if plugin["sets"] else ""
            lines.append(f"{plugin['name']}{version}{provided}")
        return "\n".join(lines + _broken_lines(data))

    _emit(args, data, text)
    return EXIT_OK


def cmd_sets(args: argparse.Namespace) -> int:
    plugins = _plugins()
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
        "problems": _problems(plugins),
    }

    def text(data: dict[str, Any]) -> str:
        lines = [
            f"{s['id']:24} {s['name']}"
            + (f" (extends {s['extends']})" if s["extends"] else "")
            + f" [{s['plugin']}]"
            for s in data["sets"]
        ]
        return "\n".join(lines + _broken_lines(data))

    _emit(args, data, text)
    return EXIT_OK


def cmd_indicators(args: argparse.Namespace) -> int:
    from sociaaldomein.core.evaluation import describe_target

    plugins = _plugins()
    resolved = plugins.resolve(args.set_id)
    types = plugins.measurement_types
    data = {
        "set": args.set_id,
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
                f"{field} from {source}"
                for field, source in item["provenance"].items()
                if source != origin
            ]
            note = f"; {', '.join(changed)}" if changed else ""
            target = f" — doel: {item['target']}" if item["target"] else ""
            lines.append(f"  {item['id']:36} {item['name']}{target} [{origin}{note}]")
        lines += [
            f"  retired {r['indicator']} by {r['set']}: {r['reason']}" for r in data["retired"]
        ]
        return "\n".join(lines)

    _emit(args, data, text)
    return EXIT_OK


# -- validate ---------------------------------------------------------------------


def _kind_of(data: dict[str, Any]) -> str:
    """What a TOML document describes, by its keys."""
    if "projects" in data:
        return "portfolio"
    return "plan" if "number" in data else "set"


def cmd_validate(args: argparse.Namespace) -> int:
    import attrs

    from sociaaldomein.core.resolution import resolve_set
    from sociaaldomein.core.validation import check_plan, validate_plan, validate_set
    from sociaaldomein.errors import SociaaldomeinError
    from sociaaldomein.findings import Severity
    from sociaaldomein.io.converter import structure
    from sociaaldomein.io.loading import load_measurements, read_toml
    from sociaaldomein.model import IndicatorSet, Portfolio, Project

    plugins = _plugins()
    results: list[dict[str, str]] = []
    indicators: dict[str, Any] = {}

    def add(file: str, where: str, message: str, severity: str = "error") -> None:
        results.append({"file": file, "where": where, "severity": severity, "message": message})

    paths = [Path(p) for p in args.paths]
    # Plans and sets first, so that a measurements file can be checked against them.
    paths.sort(key=lambda p: p.suffix.lower() == ".csv")
    for path in paths:
        try:
            findings: list[Finding] = []
            if path.suffix.lower() == ".csv":
                load_measurements(
                    path, indicators=indicators or None, types=plugins.measurement_types
                )
                continue
            data = read_toml(path)  # read once, then structured as what its keys say
            kind = _kind_of(data)
            if kind == "plan":
                plan = structure(data, Project, file=str(path))
                indicators.update({i.id: i for i in plan.indicators})
                findings = validate_plan(plan, plugins)
            elif kind == "set":
                loaded = structure(data, IndicatorSet, file=str(path))
                indicators.update({i.id: i for i in loaded.all_indicators()})
                # A local set is checked as it resolves against the installed base sets.
                known = {key: value.indicator_set for key, value in plugins.sets.items()}
                flat = resolve_set(loaded.id, {**known, loaded.id: loaded}).indicator_set
                findings = validate_set(flat, plugins)
            else:
                portfolio = structure(data, Portfolio, file=str(path))
                findings = [
                    attrs.evolve(finding, where=f"projects[{index}].{finding.where}")
                    for index, project in enumerate(portfolio.projects)
                    for finding in check_plan(project, plugins.measurement_types)
                ]
            for finding in findings:
                add(str(path), finding.where, finding.message, finding.severity.value)
        except SociaaldomeinError as error:
            problems = getattr(error, "problems", None)
            if problems:
                for problem in problems:
                    add(problem.file, problem.where, problem.message)
            else:
                add(str(path), "", str(error))
    for problem in plugins.problems:
        add(f"plugin {problem.plugin}", "", problem.cause, "warning")
    errors = sum(r["severity"] == Severity.ERROR for r in results)

    def text(data: dict[str, Any]) -> str:
        lines = [
            f"{r['file']}: "
            + (f"{r['where']}: " if r["where"] else "")
            + f"{r['severity']}: {r['message']}"
            for r in data["problems"]
        ]
        lines.append(
            f"{len(paths)} file(s) checked, {data['errors']} error(s),"
            f" {len(data['problems']) - data['errors']} warning(s)"
        )
        return "\n".join(lines)

    _emit(args, {"problems": results, "errors": errors}, text)
    return EXIT_INVALID if errors else EXIT_OK


# -- evaluate, budget, report --------------------------------------------------------


def _plan(path: str) -> Project:
    from sociaaldomein.io.loading import load_plan

    return load_plan(path)


def cmd_evaluate(args: argparse.Namespace) -> int:
    from sociaaldomein.core.evaluation import evaluate_all
    from sociaaldomein.io.loading import load_measurements

    plugins = _plugins()
    plan = _plan(args.plan)
    types = plugins.measurement_types
    measurements = load_measurements(args.measurements, indicators=plan.indicators, types=types)
    results = evaluate_all(plan.indicators, measurements, types)
    data = [
        {
            "indicator": r.indicator,
            "subject": r.subject,
            "period": str(r.period),
            "dimensions": dict(r.dimensions),
            "status": r.status.value,
            "reason": r.reason,
            "value": r.value,
            "threshold": r.threshold,
            "baseline": r.baseline,
            "progress": None if r.progress is None else float(r.progress),
        }
        for r in results
    ]

    def text(rows: list[dict[str, Any]]) -> str:
        from sociaaldomein.core.evaluation import Status

        return "\n".join(
            f"{r['indicator']} | {r['subject']} | {r['period']} | {Status(r['status']).dutch}"
            f" | {r['reason']}"
            for r in rows
        )

    _emit(args, data, text)
    return EXIT_OK


def cmd_budget(args: argparse.Namespace) -> int:
    from sociaaldomein.core.budgets import summarise_budget
    from sociaaldomein.text.numbers import format_number

    plan = _plan(args.plan)
    if plan.budget is None:
        raise _Invalid(f"{args.plan}: the plan has no [budget]")
    summary = summarise_budget(plan.budget, split_by=args.split_by)

    def pair(amounts: Any) -> dict[str, str]:
        return {"per_year": str(amounts.per_year), "period": str(amounts.period)}

    data = {
        "period": str(plan.budget.period),
        "lines": [
            {"source": line.source, "description": line.description, **pair(amounts)}
            for line, amounts in summary.lines
        ],
        "sources": {
            source: {
                "costs": pair(summary.costs[source]),
                "funding": pair(summary.funding[source]),
                "deficit": pair(summary.deficit[source]),
                "per_calendar_year": {
                    str(year): str(amount)
                    for year, amount in summary.funding_per_year.get(source, {}).items()
                },
            }
            for source in summary.sources
        },
        "deficit": pair(summary.total_deficit),
    }

    def euro(text: str) -> str:
        from decimal import Decimal

        return f"EUR {format_number(Decimal(text), decimals=2)}"

    def text(data: dict[str, Any]) -> str:
        lines = [f"Begroting {data['period']}: per jaar / hele periode"]
        for line in data["lines"]:
            lines.append(
                f"  {line['source']:16} {line['description']:50} {euro(line['per_year']):>15}"
                f" {euro(line['period']):>15}"
            )
        for source, parts in data["sources"].items():
            for label in ("costs", "funding", "deficit"):
                name = {"costs": "Kosten", "funding": "Dekking", "deficit": "Tekort"}[label]
                lines.append(
                    f"  {name + ' ' + source:67} {euro(parts[label]['per_year']):>15}"
                    f" {euro(parts[label]['period']):>15}"
                )
            for year, amount in parts["per_calendar_year"].items():
                lines.append(f"  {source} {year}: {euro(amount)}")
        lines.append(
            f"  {'Tekort totaal':67} {euro(data['deficit']['per_year']):>15}"
            f" {euro(data['deficit']['period']):>15}"
        )
        return "\n".join(lines)

    _emit(args, data, text)
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    from sociaaldomein.core.budgets import summarise_budget
    from sociaaldomein.core.validation import check_consistency, validate_plan, validate_set
    from sociaaldomein.io.loading import load_measurements, write_atomic
    from sociaaldomein.render.report import build_report, render_html, render_markdown

    folder = Path(args.folder)
    if not folder.is_dir():
        raise _Invalid(f"{folder}: not a folder")
    plugins = _plugins()
    types = plugins.measurement_types
    measurements_file = folder / "measurements.csv"
    if not measurements_file.is_file():
        raise _Invalid(f"{folder}: no measurements.csv")
    from sociaaldomein.model.taxonomy import tags_of

    groups: list[tuple[str, Any]] = []
    inherited: dict[str, tuple[str, ...]] = {}
    phases: tuple[Phase, ...]
    if args.set_id:
        resolved = plugins.resolve(args.set_id)
        indicators = list(resolved.indicator_set.all_indicators())
        assignments = resolved.indicator_set.assignments
        groups = [(f"Deelopdracht {a.code}: {a.title}", a.indicators) for a in assignments]
        inherited = {i.id: tags_of(a) for a in assignments for i in a.indicators}
        title, budget, phases = resolved.indicator_set.name, None, ()
        findings = validate_set(resolved.indicator_set, plugins)
    else:
        plan_file = folder / "plan.toml"
        if not plan_file.is_file():
            raise _Invalid(f"{folder}: no plan.toml (or name a set with --set)")
        plan = _plan(str(plan_file))
        indicators = list(plan.indicators)
        title = plan.name
        budget = summarise_budget(plan.budget) if plan.budget else None
        phases = plan.phases
        findings = validate_plan(plan, plugins)
    if args.taxonomy:
        groups = _theme_groups(plugins, args.taxonomy, indicators, inherited)
    measurements = load_measurements(measurements_file, indicators=indicators, types=types)
    if args.set_id:
        findings += check_consistency(
            resolved.indicator_set.consistency,
            measurements,
            types,
            {i.id: i for i in indicators},
        )
    aggregates: list[Any] = []
    region_of = None
    if args.regions:
        from sociaaldomein.core.aggregation import aggregate_regions
        from sociaaldomein.io.loading import load_toml
        from sociaaldomein.model import Province

        province = load_toml(args.regions, Province)
        region_of = province.region_of()
        aggregates = aggregate_regions(
            measurements,
            types,
            {i.id: i.measurement_type for i in indicators},
            province.regions,
            province=province.name,
        )
    report = build_report(
        title=f"Verantwoording: {title}",
        indicators=indicators,
        measurements=measurements,
        types=dict(types),
        groups=groups,
        budget=budget,
        phases=phases,
        findings=findings,
        charts=not args.no_charts,
        by_prestatieveld=not args.taxonomy,
        aggregates=aggregates,
        region_of=region_of,
        trend_thresholds=resolved.indicator_set.trend_thresholds if args.set_id else None,
    )
    out = Path(args.output) if args.output else folder
    out.mkdir(parents=True, exist_ok=True)
    write_atomic(out / "report.md", render_markdown(report))
    write_atomic(out / "report.html", render_html(report))
    data = {
        "markdown": str(out / "report.md"),
        "html": str(out / "report.html"),
        "summary": {status.value: count for status, count in report.summary.items()},
        "charts": len(report.charts),
    }
    _emit(args, data, lambda d: f"Rapport geschreven: {d['html']} en {d['markdown']}")
    return EXIT_OK


def _theme_groups(
    plugins: Plugins,
    taxonomy_id: str,
    indicators: list[Any],
    inherited: dict[str, tuple[str, ...]],
) -> list[tuple[str, Any]]:
    """Sections per top-level theme; an indicator carries its assignment's tags too."""
    from sociaaldomein.model.taxonomy import tags_of

    taxonomy = plugins.taxonomies.get(taxonomy_id)
    if taxonomy is None:
        raise _Invalid(
            f"no taxonomy {taxonomy_id!r}; known: {', '.join(plugins.taxonomies) or '(none)'}"
        )
    return [
        (
            theme.name,
            [
                i
                for i in indicators
                if taxonomy.covers(theme.id, tags_of(i) + inherited.get(i.id, ()))
            ],
        )
        for theme in taxonomy.themes
    ]


def cmd_import(args: argparse.Namespace) -> int:
    from sociaaldomein.findings import Severity
    from sociaaldomein.importers import IMPORTERS
    from sociaaldomein.io.loading import save_toml

    path = Path(args.file)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise _Invalid(f"{path}: cannot read: {error.strerror}") from None
    result = IMPORTERS[args.kind](raw.decode("utf-8", errors="replace"))
    save_toml(result.items[0], args.output)
    findings = [
        {"where": f.where, "severity": f.severity.value, "message": f.message}
        for f in result.findings
    ]
    data = {
        "output": args.output,
        "records": result.records_seen,
        "imported": _count(result.items[0]),
        "findings": findings,
    }

    def text(data: dict[str, Any]) -> str:
        lines = [f"{path}: {f['where']}: {f['severity']}: {f['message']}" for f in findings]
        lines.append(
            f"{data['imported']} of {data['records']} record(s) imported into {data['output']}"
        )
        return "\n".join(lines)

    _emit(args, data, text)
    errors = any(f.severity is Severity.ERROR for f in result.findings)
    return EXIT_INVALID if errors else EXIT_OK


def _count(imported: Any) -> int:
    records: tuple[object, ...] = getattr(imported, "projects", ()) or getattr(
        imported, "assignments", ()
    )
    return len(records)


def cmd_hours(args: argparse.Namespace) -> int:
    from sociaaldomein.core.hours import roll_up_hours
    from sociaaldomein.io.loading import load_toml
    from sociaaldomein.model import Portfolio

    projects = [p for path in args.files for p in load_toml(path, Portfolio).projects]
    data = {}
    for by in ("cluster", "municipality", "prestatieveld"):
        rollup = roll_up_hours(projects, by)
        data[by] = {
            "hours": {key: str(value) for key, value in rollup.hours.items()},
            "total": str(rollup.total),
            "counted_more_than_once": list(rollup.counted_more_than_once),
            "without_hours": list(rollup.without_hours),
        }

    def text(data: dict[str, Any]) -> str:
        titles = {
            "cluster": "cluster",
            "municipality": "gemeente",
            "prestatieveld": "prestatieveld",
        }
        lines = [f"# Begrote uren van {len(projects)} projecten"]
        for by, part in data.items():
            lines += ["", f"## Per {titles[by]}", "", f"| {titles[by]} | uren |", "| --- | ---: |"]
            lines += [f"| {key} | {hours} |" for key, hours in part["hours"].items()]
            lines.append(f"| **totaal (elk project één keer)** | **{part['total']}** |")
            if part["counted_more_than_once"]:
                lines += [
                    "",
                    "Projecten die bij meer dan één "
                    + titles[by]
                    + " meetellen: "
                    + ", ".join(part["counted_more_than_once"])
                    + ".",
                ]
        return "\n".join(lines)

    _emit(args, data, text)
    return EXIT_OK


def cmd_new_plugin(args: argparse.Namespace) -> int:
    from sociaaldomein.app.scaffold import new_plugin

    package = new_plugin(args.name, Path(args.output), extends=args.extends)
    print(f"Plugin geschreven in {package}; installeer met: pip install -e {package}")
    return EXIT_OK


# -- the parser -------------------------------------------------------------------------


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sociaaldomein",
        description="Plan, monitor and account for work in the Dutch social domain.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def command(
        name: str, function: Callable[[argparse.Namespace], int], help: str, listing: bool = True
    ) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help, description=help)
        sub.set_defaults(function=function)
        if listing:
            sub.add_argument(
                "--format",
                choices=("text", "json"),
                default="text",
                help="output format (default: text)",
            )
        return sub

    command("plugins", cmd_plugins, "installed plugins, their sets, and broken plugins")
    command("sets", cmd_sets, "the indicator sets the plugins provide")
    sub = command("indicators", cmd_indicators, "the resolved indicators of a set, with provenance")
    sub.add_argument("set_id", metavar="SET_ID")
    sub = command("validate", cmd_validate, "check TOML sets and plans and CSV measurements")
    sub.add_argument("paths", metavar="PATH", nargs="+")
    sub = command("evaluate", cmd_evaluate, "status and reason per indicator, subject and period")
    sub.add_argument("plan", metavar="PLAN")
    sub.add_argument("measurements", metavar="MEASUREMENTS")
    sub = command("budget", cmd_budget, "cost lines, totals, deficit and split per calendar year")
    sub.add_argument("plan", metavar="PLAN")
    sub.add_argument("--split-by", choices=("months", "days"), default="months")
    sub = command("report", cmd_report, "write the accountability report (Markdown and HTML)")
    sub.add_argument("folder", metavar="DIR", help="folder with plan.toml and measurements.csv")
    sub.add_argument(
        "--set",
        dest="set_id",
        metavar="SET_ID",
        help="report on a plugin set instead of a plan.toml",
    )
    sub.add_argument("-o", "--output", metavar="OUT", help="folder to write to (default: DIR)")
    sub.add_argument("--no-charts", action="store_true", help="tables only")
    sub.add_argument(
        "--taxonomy",
        metavar="ID",
        help="sections per theme of this taxonomy instead of per prestatieveld",
    )
    sub.add_argument(
        "--regions",
        metavar="FILE",
        help="TOML with a province's regions and their municipalities: adds each region's"
        " aggregate and each municipality's position to the comparison",
    )
    sub = command("import", cmd_import, "read a source document into TOML")
    sub.add_argument(
        "kind",
        choices=("projects", "deelopdrachten", "portfolio"),
        help="projects: an overview of project applications (Holland Rijnland);"
        " deelopdrachten: sub-assignments (Meierijstad); portfolio: a project portfolio page",
    )
    sub.add_argument("file", metavar="FILE")
    sub.add_argument("-o", "--output", metavar="OUT", required=True, help="TOML file to write")
    sub = command("hours", cmd_hours, "budgeted hours per cluster, municipality and prestatieveld")
    sub.add_argument("files", metavar="PROJECTS", nargs="+", help="TOML from 'import projects'")
    sub = command(
        "new-plugin", cmd_new_plugin, "scaffold a municipality plugin package", listing=False
    )
    sub.add_argument("name", metavar="NAME", help="municipality name, such as zuidwolde")
    sub.add_argument("--extends", metavar="SET_ID", help="base set to colour in, such as drenthe")
    sub.add_argument("-o", "--output", metavar="DIR", default=".", help="where to write it")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    from sociaaldomein.errors import SociaaldomeinError

    try:
        return int(args.function(args))
    except (SociaaldomeinError, _Invalid) as error:
        print(f"sociaaldomein {args.command}: {error}", file=sys.stderr)
        return EXIT_INVALID
    except OSError as error:
        print(f"sociaaldomein {args.command}: {error.strerror}: {error.filename}", file=sys.stderr)
        return EXIT_INVALID


def main_exit() -> None:
    """Console-script entry point: run and exit with the status."""
    sys.exit(main())
