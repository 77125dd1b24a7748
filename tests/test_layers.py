"""The layers hold: every module imports only from its own layer and the layers below it.

docs/architecture.md draws the same table.
"""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "sociaaldomein"

BASE = {"errors", "findings"}
ALLOWED = {
    "errors": {"findings"},  # LoadError holds findings
    "findings": set(),
    "text": {"errors"},
    "model": BASE | {"text"},
    # The measurements table: io/ reads files into it, core/ evaluates it.
    "table": BASE | {"model", "text"},
    "io": BASE | {"model", "text", "table"},
    "core": BASE | {"model", "text", "table"},
    "importers": BASE | {"model", "text"},
    "sources": BASE | {"model", "text", "table", "io"},
    "render": BASE | {"model", "text", "table", "core"},
    "plugin": BASE | {"model", "text", "table", "io", "core", "sources"},
    "app": BASE
    | {"model", "text", "table", "io", "core", "sources", "plugin", "render", "importers"},
    "cli": BASE
    | {
        "model",
        "text",
        "table",
        "io",
        "core",
        "sources",
        "plugin",
        "render",
        "importers",
        "app",
        "__init__",
    },
    "testing": BASE | {"model", "text", "table", "io", "core", "plugin", "__init__"},
}


def layer_of(path: Path) -> str:
    parts = path.relative_to(PACKAGE).parts
    return parts[0] if len(parts) > 1 else parts[0].removesuffix(".py")


def imported_layers(path: Path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        for name in names:
            parts = name.split(".")
            if parts[0] == "sociaaldomein":
                yield parts[1] if len(parts) > 1 else "__init__", node.lineno


def test_every_import_points_down():
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        layer = layer_of(path)
        if layer in {"__init__", "__main__"}:
            continue  # the facade and the entry point may name anything
        assert layer in ALLOWED, f"{path}: layer {layer!r} is not in the table"
        for target, line in imported_layers(path):
            if target != layer and target not in ALLOWED[layer]:
                wrong.append(f"{path.relative_to(PACKAGE)}:{line}: {layer} imports {target}")
    assert wrong == []


def test_no_source_module_is_too_long():
    # The facade (sociaaldomein/__init__.py) is a table of public names and no logic: it
    # grows with the API by design, so the limit is for the modules that hold code.
    long = [
        f"{path.relative_to(PACKAGE)}: {count} lines"
        for path in PACKAGE.rglob("*.py")
        if path != PACKAGE / "__init__.py"
        and (count := len(path.read_text(encoding="utf-8").splitlines())) > 420
    ]
    assert long == []


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path, modules: set[str]):
    """Every module of the package ``path`` imports, at the top, in a function or for types."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                # ``from package import module`` names the module, not the package.
                full = f"{node.module}.{alias.name}"
                yield full if full in modules else node.module
        elif isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)


def import_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of ``graph`` with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        # Iteratively, as (module, its imports still to visit).
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        while work:
            module, rest = work[-1]
            target = next(rest, None)
            if target is not None:
                if target not in index:
                    index[target] = low[target] = len(index)
                    stack.append(target)
                    work.append((target, iter(sorted(graph[target]))))
                elif target in stack:
                    low[module] = min(low[module], index[target])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[module])
            if low[module] == index[module]:
                component = []
                while (top := stack.pop()) != module:
                    component.append(top)
                if component:
                    cycles.append(sorted([module, *component]))
    return cycles


def test_no_import_cycle_within_a_layer():
    # Between layers the table above already forbids a cycle; within one, two modules
    # that import each other (even lazily, in a function) are one module in two files.
    paths = {module_name(path): path for path in PACKAGE.rglob("*.py")}
    modules = set(paths)
    graph = {
        module: {
            target
            for target in imported_modules(path, modules)
            if target in modules and target != module and layer_of(paths[target]) == layer_of(path)
        }
        for module, path in paths.items()
    }
    assert len(graph) > 100  # every module of every layer, not just app/
    assert import_cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": {"e"}}
    assert import_cycles(graph) == [["a", "b", "c"]]
