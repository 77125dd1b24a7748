"""``sociaaldomein new-plugin``: a ready-to-install municipality plugin package.

The package holds a pyproject with the entry point, a module with the one
hook it needs, a TOML set that extends a base set, and a test that loads it.
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

from sociaaldomein.errors import InvalidValueError
from sociaaldomein.io.atomic import write_files
from sociaaldomein.text.language import _

__all__ = ["new_plugin", "plugin_id"]

_NAME = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
# A title goes into TOML strings and a Python docstring: letters, digits and
# the punctuation of Dutch place names only, so it can break out of neither.
_TITLE = re.compile(r"[\w' .-]+")

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
"""The plugin loads, and its set resolves without problems.

Only this plugin{base_note} is loaded, so a broken plugin installed
elsewhere cannot fail this test.
"""

import {module}


def test_the_set_resolves(sociaaldomein_plugins):
    plugins = sociaaldomein_plugins({base_plugins}objects=[{module}])
    resolved = plugins.resolve("{name}")
    assert resolved.indicator_set.all_indicators()
    assert plugins.validate(resolved.indicator_set) == []
'''


def plugin_id(name: str) -> str:
    """A valid plugin id for a municipality's name: ``De Wolden`` gives ``de-wolden``.

    :raises InvalidValueError: nothing of the name is left to make an id of.
    """
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")
    slug = re.sub(r"^[0-9-]+", "", slug)
    if not _NAME.fullmatch(slug):
        raise InvalidValueError(
            _(
                "pluginnaam {name!r} is niet geldig; verwacht de naam van een gemeente, zoals"
                " 'Zuidwolde' of 'De Wolden'"
            ).format(name=name)
        )
    return slug


def new_plugin(
    name: str, folder: Path, *, extends: str | None = None, base_plugin: str | None = None
) -> Path:
    """Write the package ``sociaaldomein-<id>`` into ``folder`` and return its path.

    :param name: the municipality's name; its id comes from :func:`plugin_id`.
    :param extends: the id of the base set the local set colours in.
    :param base_plugin: the installed plugin that provides ``extends``; the
        generated test loads it beside the new plugin.
    :raises InvalidValueError: the name or base set id is not valid, or the
        package folder exists already.
    """
    title_text = " ".join(name.split())
    if not _TITLE.fullmatch(title_text):
        raise InvalidValueError(
            _(
                "pluginnaam {name!r} is niet geldig; gebruik letters, cijfers, spaties,"
                " koppeltekens, apostrofs en punten"
            ).format(name=name)
        )
    for what, given in ((_("id van de basisset"), extends), (_("basisplugin"), base_plugin)):
        if given is not None and not re.fullmatch(r"[a-z0-9][a-z0-9_.-]*", given):
            raise InvalidValueError(
                _("{what} {given!r} is geen geldige id").format(what=what, given=given)
            )
    name = plugin_id(title_text)
    package = folder / f"sociaaldomein-{name}"
    if os.path.lexists(package):  # a link (even a broken one) counts: nothing is written through it
        raise InvalidValueError(
            _("{folder} bestaat al; kies een andere naam of map").format(folder=package)
        )
    module = f"sociaaldomein_{name.replace('-', '_')}"
    shown = title_text if title_text != name else name.replace("-", " ").title()
    title = f"Gemeente {shown}"
    values = {
        "name": name,
        "module": module,
        "title": title,
        "extends_line": f'\nextends = "{extends}"' if extends else "",
        "extends_comment": f"\n# It colours in the base set {extends!r}." if extends else "",
        "base_plugins": f"{base_plugin!r}, " if base_plugin else "",
        "base_note": f" and {base_plugin!r}, which provides the base set," if base_plugin else "",
    }
    source = package / "src" / module
    files = {
        package / "pyproject.toml": _PYPROJECT.format(**values),
        source / "__init__.py": _MODULE.format(**values),
        source / f"{name}.toml": _SET.format(**values),
        package / "tests" / f"test_{module}.py": _TEST.format(**values),
    }
    source.mkdir(parents=True)
    (package / "tests").mkdir()
    write_files(files)  # the one writer: the package's files all, or none
    return package
