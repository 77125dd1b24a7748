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
    "io": BASE | {"model", "text"},
    "core": BASE | {"model", "text"},
    "importers": BASE | {"model", "text"},
    "sources": BASE | {"model", "text", "io"},
    "render": BASE | {"model", "text", "core"},
    "plugin": BASE | {"model", "text", "io", "core", "sources"},
    "app": BASE | {"model", "text", "io", "core", "sources", "plugin", "render", "importers"},
    "cli": BASE
    | {
        "model",
        "text",
        "io",
        "core",
        "sources",
        "plugin",
        "render",
        "importers",
        "app",
        "__init__",
    },
    "testing": BASE | {"model", "text", "io", "core", "plugin", "__init__"},
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
