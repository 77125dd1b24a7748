"""docs/guarantees.md names a test for each promise: every one of them must exist."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAMED = re.compile(r"`(tests/[\w/]+\.py)::(test_\w+)`")


def test_every_test_named_in_the_guarantees_exists():
    named = NAMED.findall((ROOT / "docs" / "guarantees.md").read_text(encoding="utf-8"))
    assert len(named) >= 40
    missing = []
    for path, name in named:
        source = ROOT / path
        tree = ast.parse(source.read_text(encoding="utf-8")) if source.exists() else None
        functions = (
            {node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)}
            if tree
            else set()
        )
        if name not in functions:
            missing.append(f"{path}::{name}")
    assert missing == []


def test_every_promise_row_names_a_test():
    rows = [
        line
        for line in (ROOT / "docs" / "guarantees.md").read_text(encoding="utf-8").splitlines()
        if line.startswith("| ") and not line.startswith("| promise")
    ]
    assert rows
    assert [row for row in rows if not NAMED.search(row)] == []
