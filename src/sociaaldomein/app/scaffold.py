"""``sociaaldomein new-plugin``: a ready-to-install municipality plugin package.

The package holds a pyproject with the entry point, a module with the one
hook it needs, a TOML set that extends a base set, and a test that loads it.
"""

from __future__ import annotations

import re
from pathlib import Path

from sociaaldomein.errors import InvalidValueError

__all__ = ["new_plugin"]

_NAME = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")

_PYPROJECT = """\
[build-system]
requires = ["setuptools>=77"]
build-backend = "setuptools.build_meta"

[project]
name = "sociaaldomein-{name}"
version = "0.1.0"
description = "Indicator set of {title} for sociaaldomein."
requires-python = ">=3.11"
dependencies = ["sociaaldomein"]

[project.entry-points.sociaaldomein]
{name} = "{module}"

[tool.setuptools.package-data]
{module} = ["*.toml"]
"""

_MODULE = '''\
"""{title}: a sociaaldomein plugin with its local indicator set."""

from importlib.resources import files

from sociaaldomein.plugin import hookimpl


@hookimpl
def sociaaldomein_indicator_sets():
    return [files(__package__) / "{name}.toml"]
'''

_SET = """\
# The local indicator set of {title}.{extends_comment}
id = "{name}"
name = "{title}"
version = "1"
owner = "{title}"{extends_line}

[[indicators]]
id = "{name}.voorbeeld"
name = "Voorbeeld: ondersteunde initiatieven van inwoners"
measurement_type = "count"
target = {{ kind = "at_least", value = 10 }}
source = "eigen registratie"
frequency = "yearly"
"""

_TEST = '''\
"""The plugin loads, and its set resolves without problems."""

import {module}
from sociaaldomein import Plugins


def test_the_set_resolves():
    plugins = Plugins([{module}], entry_points={entry_points})
    assert plugins.problems == []
    resolved = plugins.resolve("{name}")
    assert resolved.indicator_set.all_indicators()
    assert plugins.validate(resolved.indicator_set) == []
'''


def new_plugin(name: str, folder: Path, *, extends: str | None = None) -> Path:
    """Write the package ``sociaaldomein-<name>`` into ``folder`` and return its path.

    :raises InvalidValueError: the name is not lower-case letters, digits and
        hyphens, or the package folder exists already.
    """
    if not _NAME.fullmatch(name):
        raise InvalidValueError(
            f"plugin name {name!r} is not valid; expected lower-case letters, digits and"
            " hyphens, such as 'zuidwolde'"
        )
    package = folder / f"sociaaldomein-{name}"
    if package.exists():
        raise InvalidValueError(f"{package} exists already; choose another name or folder")
    module = f"sociaaldomein_{name.replace('-', '_')}"
    title = f"Gemeente {name.replace('-', ' ').title()}"
    values = {
        "name": name,
        "module": module,
        "title": title,
        "extends_line": f'\nextends = "{extends}"' if extends else "",
        "extends_comment": f"\n# It colours in the base set {extends!r}." if extends else "",
        # A set that extends a plugin's base set needs that plugin installed.
        "entry_points": "True" if extends else "False",
    }
    source = package / "src" / module
    source.mkdir(parents=True)
    (package / "tests").mkdir()
    (package / "pyproject.toml").write_text(_PYPROJECT.format(**values), encoding="utf-8")
    (source / "__init__.py").write_text(_MODULE.format(**values), encoding="utf-8")
    (source / f"{name}.toml").write_text(_SET.format(**values), encoding="utf-8")
    (package / "tests" / f"test_{module}.py").write_text(_TEST.format(**values), encoding="utf-8")
    return package
