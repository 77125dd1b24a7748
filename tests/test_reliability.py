"""The library's promises, proved with the public strategies.

Bad input never escapes as anything but the library's own error, with a file
and a key path or line; dump then load is the identity; a failed write
leaves the old file; no data file makes code run.
"""

import builtins
import contextlib
import errno
import os
import re
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sociaaldomein import (
    Assignment,
    Budget,
    Indicator,
    IndicatorSet,
    LoadError,
    Measurement,
    Municipality,
    OutputError,
    Plugins,
    Portfolio,
    Project,
    SociaaldomeinError,
    dump_toml,
    format_measurements,
    loads_toml,
    parse_measurements,
    resolve_set,
    save_toml,
    write_atomic,
)
from sociaaldomein.core.validation import check_indicators
from sociaaldomein.testing import strategies as sds

ROOT = Path(__file__).resolve().parent.parent
MODELS = [
    (Project, sds.projects()),
    (IndicatorSet, sds.indicator_sets()),
    (Indicator, sds.indicators()),
    (Measurement, sds.measurements(revised=None)),
    (Budget, sds.budgets()),
    (Assignment, sds.assignments()),
    (Municipality, sds.municipalities()),
]
slow = settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow], deadline=None)


@pytest.mark.parametrize(("cls", "strategy"), MODELS, ids=lambda x: getattr(x, "__name__", ""))
@slow
@given(data=st.data())
def test_dump_then_load_is_the_identity(cls, strategy, data):
    obj = data.draw(strategy)
    assert loads_toml(dump_toml(obj), cls) == obj


def _key_trimmed(m):
    return (
        m.subject.strip() or "x",
        m.period,
        tuple((k, v.strip() or "x") for k, v in m.dimensions),
    )


@slow
@given(st.data())
def test_csv_round_trip(data):
    indicator = data.draw(sds.indicators())
    # CSV cells are read trimmed, so draw free text without surrounding blanks.
    # One row per indicator, subject, period and slice: more would be duplicates.
    measured = data.draw(
        st.lists(
            sds.measurements(indicator=indicator, revised=None), max_size=5, unique_by=_key_trimmed
        )
    )
    trimmed = [
        attrs.evolve(
            m,
            subject=m.subject.strip() or "x",
            source=m.source.strip(),
            note=m.note.strip(),
            value=m.value.strip() or "x" if isinstance(m.value, str) else m.value,
            dimensions={k: v.strip() or "x" for k, v in m.dimensions},
        )
        for m in measured
    ]
    assert parse_measurements(format_measurements(trimmed), indicators=[indicator]) == trimmed


@slow
@given(sds.indicators())
def test_drawn_indicators_are_valid_for_their_type(indicator):
    from sociaaldomein import MeasurementTypeRegistry

    assert check_indicators([indicator], MeasurementTypeRegistry()) == []


@slow
@given(st.data())
def test_drawn_local_sets_resolve(data):
    base = data.draw(sds.indicator_sets(id="basis"))
    local = data.draw(sds.indicator_sets(extends=base))
    resolved = resolve_set(local.id, {base.id: base, local.id: local})
    assert set(resolved.retired) == {r.indicator for r in local.retired}


def test_from_type_uses_the_registered_strategies():
    @settings(max_examples=10)
    @given(st.from_type(Indicator))
    def check(indicator):
        assert isinstance(indicator, Indicator)

    check()


# -- bad input only ever raises the library's error, naming file and place ------

VALID_SET = dump_toml(
    IndicatorSet("basis", "Basis", indicators=[Indicator("a", "A", "percentage")])
)
VALID_CSV = "indicator,subject,period,value,n\na,Assen,2020,12.5,100\na,Emmen,2021-H1,13,\n"
PLACE = re.compile(r"^(line \d+|[\w\[\].]*)$")


def problems_of(load):
    """The problems a load reports; anything but a LoadError escapes and fails the test."""
    try:
        load()
    except LoadError as error:
        return error.problems or ("an empty LoadError",)
    return ()


@st.composite
def mutations(draw, base):
    text = base
    for _ in range(draw(st.integers(1, 4))):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, len(text)))
        text = (
            text[:start]
            + draw(
                st.sampled_from(
                    [
                        "",
                        "=",
                        '"',
                        "[",
                        "]",
                        "\n",
                        ",",
                        "x",
                        "130",
                        "{",
                        "}",
                        "-1",
                        "2019-13",
                        "\x00",
                    ]
                )
            )
            + text[end:]
        )
    return text


@slow
@given(
    st.one_of(st.text(), mutations(VALID_SET)), st.sampled_from([IndicatorSet, Project, Portfolio])
)
def test_toml_loaders_raise_only_load_errors_with_places(text, cls):
    problems = problems_of(lambda: loads_toml(text, cls, file="in.toml"))
    assert "an empty LoadError" not in problems
    for problem in problems:
        assert problem.file == "in.toml"
        assert PLACE.match(problem.where), problem


@slow
@given(st.one_of(st.text(), mutations(VALID_CSV)))
def test_csv_loader_raises_only_load_errors_with_lines(text):
    indicators = [Indicator("a", "A", "percentage")]
    problems = problems_of(lambda: parse_measurements(text, file="m.csv", indicators=indicators))
    assert all(p.file == "m.csv" and p.where.startswith("line ") for p in problems)


# -- a failed write leaves the previous file ----------------------------------------

FAILURES = {
    "disk full": ("fsync", OSError(errno.ENOSPC, "No space left on device")),
    "permission denied": ("replace", PermissionError(errno.EACCES, "Permission denied")),
}


@pytest.mark.parametrize("failure", sorted(FAILURES))
@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(old=st.binary(max_size=200), new=sds.texts(max_size=200))
def test_a_failed_write_leaves_the_old_file(tmp_path, monkeypatch, failure, old, new):
    target = tmp_path / "plan.toml"
    target.write_bytes(old)
    name, error = FAILURES[failure]

    def fail(*args, **kwargs):
        raise error

    with monkeypatch.context() as patch:
        patch.setattr(os, name, fail)
        with pytest.raises(OutputError, match=error.strerror) as raised:
            write_atomic(target, new)
    assert str(target) in str(raised.value)
    assert target.read_bytes() == old
    assert [p.name for p in tmp_path.iterdir()] == ["plan.toml"]


def test_an_error_while_serialising_leaves_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "set.toml"
    target.write_text("oud", encoding="utf-8")
    import sociaaldomein.io.toml as toml

    def broken(obj):
        raise RuntimeError("serialisation failed")

    monkeypatch.setattr(toml, "unstructure", broken)
    with pytest.raises(RuntimeError):
        save_toml(IndicatorSet("x", "X"), target)
    assert target.read_text(encoding="utf-8") == "oud"


# -- no data file makes code run ------------------------------------------------------

HOSTILE = [
    '__import__("os").system("touch {marker}")',
    "!!python/object/apply:os.system ['touch {marker}']",
    "{{{{ ''.__class__.__mro__ }}}}",
    "os.system",
]


@pytest.mark.parametrize("payload", HOSTILE)
def test_no_data_file_makes_code_run(tmp_path, monkeypatch, payload):
    marker = tmp_path / "ran"
    text = payload.format(marker=marker)
    imported = []
    real_import = builtins.__import__

    def watching_import(name, *args, **kwargs):
        imported.append(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", watching_import)
    documents = [
        f'id = "x"\nname = {text!r}\n'.replace("'", '"')
        if '"' not in text
        else f"id = 'x'\nname = '{text}'\n",
        f"id = 'x'\nname = 'X'\nextends = '{text}'\n",
        f"number = '1'\nname = 'P'\nmunicipalities = ['{text}']\n",
    ]
    for document in documents:
        for cls in (IndicatorSet, Project):
            with contextlib.suppress(SociaaldomeinError):
                loads_toml(document, cls)
    with contextlib.suppress(SociaaldomeinError):
        parse_measurements(f"indicator,subject,period,value\na,b,2020,{text}\n")
    assert not marker.exists()
    assert not {"os", "subprocess", "pickle"} & {name.split(".")[0] for name in imported}


def test_the_source_has_no_way_to_run_data():
    forbidden = re.compile(r"\b(eval|exec)\(|\bpickle\b|yaml\.load|import_module\(|__import__")
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in (ROOT / "src").rglob("*.py")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if forbidden.search(line) and "# names, not data" not in line
    ]
    assert offenders == []


# -- plugins stay isolated, whatever the others do ----------------------------------


@slow
@given(st.lists(st.sampled_from(["raises", "wrong type", "not iterable", "good"]), max_size=4))
def test_other_plugins_results_are_unchanged(behaviours):
    import types

    from sociaaldomein.plugin import hookimpl

    good_set = IndicatorSet("goed", "Goed")
    plugins = []
    for index, behaviour in enumerate(behaviours):
        module = types.ModuleType(f"p{index}")

        def hook(behaviour=behaviour, index=index):
            if behaviour == "raises":
                raise RuntimeError("kapot")
            if behaviour == "wrong type":
                return ["geen set"]
            if behaviour == "not iterable":
                return 5
            return [IndicatorSet(f"set-{index}", "S")]

        module.sociaaldomein_indicator_sets = hookimpl(hook)
        plugins.append(module)
    good = types.ModuleType("goed")
    good.sociaaldomein_indicator_sets = hookimpl(lambda: [good_set])
    loaded = Plugins([good, *plugins], entry_points=False)
    assert loaded.sets["goed"].indicator_set == good_set
    bad = [b for b in behaviours if b != "good"]
    assert len(loaded.problems) == len(bad)
