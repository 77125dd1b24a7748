"""Hostile source documents: names are checked before they touch a path, bad JSON is a SourceError.

Issue 24: a tampered CBS cache document whose dimension key is
``../../../x/Perioden`` was read from, and online written to, a path
outside the cache; documents with a 5,000-digit number, 100,000-deep
nesting or ``Decimals: 1000000000`` ended in a traceback.
"""

from __future__ import annotations

import ast
import inspect
import json
import shutil
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sociaaldomein.sources
from sociaaldomein import Indicator, Plugins, SourceRef
from sociaaldomein.sources.base import Source, SourceError, cache_path, checked_name
from sociaaldomein.sources.cbs import CBSSource

STORED = Path(__file__).parent / "data" / "cbs"
TABLE = "85098NED"
INDICATOR = Indicator(
    "jeugd", "Jeugd", "percentage", fetch=SourceRef("cbs", TABLE, "JongerenMetJeugdhulpInNatura_1")
)
HOSTILE_KEYS = [
    "../../../x/Perioden",
    "..",
    ".",
    "/etc/passwd",
    "Perioden/../../x",
    "..\\..\\x",
    "C:x",
    "Perioden\x00",
    "Perioden\n",
    "CON",
    "x" * 101,
    "",
    5,
    None,
]


def refuse(url: str, timeout: float) -> bytes:
    raise AssertionError(f"a test reached for the network: {url}")


def cached(folder: Path, **changes) -> Path:
    """A copy of the stored table in ``folder/cache``, with ``changes`` made to documents."""
    cache = folder / "cache"
    shutil.copytree(STORED / TABLE, cache / TABLE)
    for name, change in changes.items():
        path = cache / TABLE / f"{name}.json"
        path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")
    return cache


def time_key(key: object):
    def change(text: str) -> str:
        document = json.loads(text)
        for row in document["value"]:
            if row.get("Type") == "TimeDimension":
                row["Key"] = key
        return json.dumps(document)

    return change


@pytest.mark.parametrize("key", HOSTILE_KEYS, ids=repr)
def test_a_dimension_key_leading_out_of_the_cache_is_refused_before_any_path(tmp_path, key):
    cache = cached(tmp_path, DataProperties=time_key(key))
    # What the key would reach, were it used: a valid document outside the cache.
    outside = tmp_path / "x"
    outside.mkdir()
    shutil.copy(STORED / TABLE / "Perioden.json", outside / "Perioden.json")
    with pytest.raises(
        SourceError, match=r"cannot be a file name in the cache|verwacht: tekst"
    ) as raised:
        CBSSource(cache, download=refuse).fetch([INDICATOR], ["GM0106"])
    assert "DataProperties.json" in str(raised.value)


def test_online_a_hostile_document_writes_nothing_outside_the_cache(tmp_path):
    cache = tmp_path / "deep" / "cache"
    cache.mkdir(parents=True)

    def download(url: str, timeout: float) -> bytes:
        name = url.partition("?")[0].rsplit("/", 1)[1]
        if name == "DataProperties":
            return time_key("../../../x/Perioden")(
                (STORED / TABLE / "DataProperties.json").read_text(encoding="utf-8")
            ).encode()
        if name in ("TableInfos", "Perioden", "TypedDataSet"):
            return (STORED / TABLE / f"{name}.json").read_bytes()
        raise AssertionError(f"asked for {url}")

    with pytest.raises(SourceError, match="cannot be a file name"):
        CBSSource(cache, download=download).fetch([INDICATOR], ["GM0106"], online=True)
    written = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    assert all(path.parts[:2] == ("deep", "cache") for path in written), written


def test_online_a_next_page_on_another_feed_is_not_followed(tmp_path):
    def download(url: str, timeout: float) -> bytes:
        return json.dumps({"value": [], "odata.nextLink": "https://elsewhere.example/x"}).encode()

    with pytest.raises(SourceError, match="ligt niet in hetzelfde document van dezelfde feed"):
        CBSSource(tmp_path, download=download).fetch([INDICATOR], ["GM0106"], online=True)


def test_a_link_in_the_cache_to_elsewhere_is_refused(tmp_path):
    outside = tmp_path / "elsewhere"
    shutil.copytree(STORED / TABLE, outside)
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / TABLE).symlink_to(outside, target_is_directory=True)
    with pytest.raises(SourceError, match="leads outside the cache folder"):
        CBSSource(cache, download=refuse).fetch([INDICATOR], ["GM0106"])


def _number_of_5000_digits(text: str) -> str:
    document = json.loads(text)
    document["value"][0]["JongerenMetJeugdhulpInNatura_1"] = 0
    return json.dumps(document).replace(
        '"JongerenMetJeugdhulpInNatura_1": 0', '"JongerenMetJeugdhulpInNatura_1": ' + "9" * 5000, 1
    )


def _decimals(value: object):
    def change(text: str) -> str:
        document = json.loads(text)
        for row in document["value"]:
            if row.get("Key") == "JongerenMetJeugdhulpInNatura_1":
                row["Decimals"] = value
        return json.dumps(document)

    return change


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"TypedDataSet": _number_of_5000_digits}, "een getal te lang om te lezen"),
        (
            {"DataProperties": lambda _: '{"value": ' + "[" * 100_000 + "]" * 100_000 + "}"},
            "te diep genest",
        ),
        ({"Perioden": lambda _: "[" * 100_000}, "te diep genest|is geen JSON"),
        ({"DataProperties": _decimals(1_000_000_000)}, "Decimals van .* is '1000000000'"),
        ({"DataProperties": _decimals(10**400)}, "een getal te groot om te tonen"),
        ({"DataProperties": _decimals(-1)}, "Decimals van .* is '-1'"),
        ({"DataProperties": _decimals("2")}, "Decimals van .* is '2'"),
    ],
    ids=["5000 digits", "100000 deep", "100000 open", "Decimals 1e9", "Decimals 1e400",
         "Decimals -1", "Decimals text"],
)  # fmt: skip
def test_cache_documents_with_a_huge_number_deep_nesting_or_huge_decimals_are_source_errors(
    tmp_path, changes, message
):
    cache = cached(tmp_path, **changes)
    with pytest.raises(SourceError, match=message):
        CBSSource(cache, download=refuse).fetch([INDICATOR], ["GM0106"])


# -- the mechanism: one function, every source ---------------------------------------------


def every_source() -> list[type[Source]]:
    """The sources the plugins supply and every Source subclass in sociaaldomein.sources."""
    import importlib
    import pkgutil

    for info in pkgutil.iter_modules(sociaaldomein.sources.__path__):
        importlib.import_module(f"sociaaldomein.sources.{info.name}")
    found = {type(source) for source in Plugins(entry_points=False).sources.values()}

    def subclasses(cl: type) -> set[type]:
        return {cl, *(s for sub in cl.__subclasses__() for s in subclasses(sub))}

    found |= {
        cl
        for cl in subclasses(Source)
        if cl is not Source and cl.__module__.startswith("sociaaldomein.")
    }
    return sorted(found, key=lambda cl: cl.__qualname__)


_PATHLIKE = ("cache", "path", "folder", "file", "dir")


def paths_made_by_hand(module) -> list[str]:
    """Places in ``module`` that make a path other than through cache_path."""
    tree = ast.parse(inspect.getsource(module))
    found = []
    for node in ast.walk(tree):
        # A fixed folder name (Path.home() / ".cache") is no name read from anywhere.
        if (
            isinstance(node, ast.BinOp)
            and isinstance(node.op, ast.Div)
            and not isinstance(node.right, ast.Constant)
            and any(word in ast.unparse(node.left).lower() for word in _PATHLIKE)
        ):
            found.append(f"line {node.lineno}: {ast.unparse(node)}")
        if isinstance(node, ast.Attribute) and node.attr == "joinpath":
            found.append(f"line {node.lineno}: {ast.unparse(node)}")
        if isinstance(node, ast.Attribute) and ast.unparse(node) == "os.path.join":
            found.append(f"line {node.lineno}: {ast.unparse(node)}")
    return found


def test_every_source_makes_its_cache_paths_through_one_checked_function():
    sources = every_source()
    assert CBSSource in sources
    for cl in sources:
        # The source's module and the modules of its package it reads documents through.
        modules = [inspect.getmodule(cl), *helper_modules(cl)]
        for module in modules:
            assert paths_made_by_hand(module) == [], module
        text = "".join(inspect.getsource(module) for module in modules)
        if "cache" in text:
            assert "cache_path(" in text, f"{cl.__qualname__} keeps a cache: use cache_path"


def helper_modules(cl: type) -> list:
    """The modules of the source's own package that its module imports (cbs_documents, ...)."""
    module = inspect.getmodule(cl)
    package = module.__name__.rpartition(".")[0]
    names = [
        node.module
        for node in ast.walk(ast.parse(inspect.getsource(module)))
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith(package)
    ]
    # base holds cache_path itself: the one place that joins names to the cache folder.
    return [
        sys.modules[name]
        for name in names
        if name in sys.modules and name != "sociaaldomein.sources.base"
    ]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30) | st.sampled_from(HOSTILE_KEYS[:-2]))
def test_a_name_is_either_refused_or_a_file_directly_in_the_cache(tmp_path_factory, name):
    cache = tmp_path_factory.mktemp("cache")
    try:
        checked_name(name, source="test", what="name", origin="here")
    except SourceError:
        return
    path = cache_path(cache, name, suffix=".json", source="test", what="name", origin="here")
    assert path.parent == cache
    assert path.resolve().parent == cache.resolve()
