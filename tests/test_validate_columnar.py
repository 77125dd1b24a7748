"""``validate`` (``check_files``) of one large CSV file, read as columns, finds what objects find.

For one measurement file of
:data:`~sociaaldomein.app.measured_table.COLUMNAR_FROM_BYTES` or more that
the table reader reads whole, ``check_files`` checks the table
(:func:`~sociaaldomein.core.engine.checks.check_table`, the consistency
rules on the rows they name, the subjects' spellings); otherwise it reads
objects, the specification. The findings must be the same, in the same
order, with the same files and places.
"""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from test_run_columnar import runs

from sociaaldomein import Indicator, Measurement, Period, Project, format_measurements
from sociaaldomein.app import file_checks
from sociaaldomein.app.file_checks import check_files
from sociaaldomein.io.toml import dump_toml
from sociaaldomein.model.consistency import NotAbove, Together
from sociaaldomein.model.indicator_set import IndicatorSet
from sociaaldomein.model.target import Change
from sociaaldomein.plugin.manager import Plugins

PLUGINS = Plugins(entry_points=False)


@contextlib.contextmanager
def threshold(size):
    """Files of ``size`` bytes and more are read as columns; the tables read are counted."""
    read = []
    original = file_checks.columnar_table

    def counted(*args, **kwargs):
        table = original(*args, **kwargs)
        read.append(table is not None)
        return table

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("sociaaldomein.app.measured_table.COLUMNAR_FROM_BYTES", size)
        patch.setattr(file_checks, "columnar_table", counted)
        yield read


def _framework(tmp_path, indicators, as_plan, measurements):
    if as_plan:
        years = sorted(m.period.start.year for m in measurements) or [2016]
        plan = Project(
            "1",
            "Plan",
            indicators=indicators,
            start=Period.year(years[len(years) // 2]),
            end=Period.year(years[len(years) // 2] + 1),
        )
        path = tmp_path / "plan.toml"
        path.write_text(dump_toml(plan), encoding="utf-8")
        return path
    ids = [i.id for i in indicators]
    rules = [Together((ids[0], ids[-1])), NotAbove(ids[0], ids[1])] if len(ids) > 1 else []
    path = tmp_path / "set.toml"
    path.write_text(
        dump_toml(IndicatorSet("run", "Set", indicators=indicators, consistency=rules)),
        encoding="utf-8",
    )
    return path


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(runs(), st.booleans())
def test_validate_of_a_file_read_as_columns_finds_what_objects_find(tmp_path_factory, run, as_plan):
    indicators, measurements, *_ = run
    tmp_path = tmp_path_factory.mktemp("validate")
    framework = _framework(tmp_path, indicators, as_plan, measurements)
    path = tmp_path / "metingen.csv"
    path.write_text(format_measurements(measurements), encoding="utf-8")
    with threshold(2**62) as read:
        expected = check_files([framework, path], PLUGINS)
    assert read == [False]
    with threshold(0) as read:
        got = check_files([framework, path], PLUGINS)
    event("columns" if read == [True] else "objects")
    event(f"{len(expected)} findings")
    assert got == expected


def test_validate_of_a_large_file_finds_impossible_baselines_with_their_lines(tmp_path):
    indicator = Indicator(
        "a",
        "A",
        "percentage",
        direction="higher_is_better",
        target=Change(10),
        baseline_period=Period.year(2016),
    )
    rows = [
        Measurement("a", f"GM{n:04d}", Period.year(year), n % 90)
        for n in range(2000)
        for year in (2016, 2017)
    ]
    rows.append(Measurement("a", "GM9999", Period.year(2016), 95))
    # A subject spelled with a zero-width space, beside its plain twin.
    rows.append(Measurement("a", "GM0001\u200b", Period.year(2017), 5))
    plan = tmp_path / "plan.toml"
    plan.write_text(dump_toml(Project("1", "Plan", indicators=[indicator])), encoding="utf-8")
    path = tmp_path / "metingen.csv"
    path.write_text(format_measurements(rows), encoding="utf-8")
    with threshold(2**62):
        expected = check_files([plan, path], PLUGINS)
    with threshold(1024) as read:
        got = check_files([plan, path], PLUGINS)
    assert read == [True]
    assert got == expected
    rules = [f.rule for f in got]
    assert rules.count("targets.zero_baseline") == 23  # GM0000, GM0090, ... at 2016
    assert rules.count("targets.impossible") == 1
    assert [f.where for f in got if "onderwerp" in f.message] == ["line 4003"]
