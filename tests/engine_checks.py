"""The one comparison of the columnar engine's results with the scalar specification."""

from __future__ import annotations

import math

import attrs

from sociaaldomein.core.engine.plan import quantize


def assert_same_results(results, expected):
    """``results`` (of ``evaluate_table``) hold exactly what ``expected`` (``evaluate_all``) holds.

    Field by field (so a failure names the field), with the reason and the
    exact progress, and in the columns: statuses, thresholds at the table's
    scale, progress as a float.
    """
    got = results.to_evaluations()
    assert len(got) == len(expected)
    for mine, theirs in zip(got, expected, strict=True):
        for field in attrs.fields(type(mine)):
            if field.eq:
                assert getattr(mine, field.name) == getattr(theirs, field.name), field.name
        assert mine.reason == theirs.reason
        assert mine.progress == theirs.progress
    assert got == expected
    frame = results.frame
    assert frame.get_column("status").cast(str).to_list() == [e.status.value for e in expected]
    scale = frame.schema["threshold"].scale
    assert frame.get_column("threshold").to_list() == [
        None if e.threshold is None else quantize(e.threshold, scale) for e in expected
    ]
    for shown, evaluation in zip(frame.get_column("progress").to_list(), expected, strict=True):
        exact = evaluation.progress
        assert (shown is None) == (exact is None)
        if exact is not None:
            assert math.isclose(shown, float(exact), rel_tol=1e-12, abs_tol=1e-12)


def read_on_the_columnar_path(path, indicators, monkeypatch):
    """``path`` as the table reader reads it by itself, equal to the scalar reader's reading.

    The scalar reader is taken away from the table reader first, so a file
    it would leave to that reader fails the test. Gives the measurements.
    """
    from sociaaldomein import load_measurements
    from sociaaldomein.io.table import read_measurements_table

    expected = load_measurements(path, indicators=indicators)

    def refuse(*args, **kwargs):
        raise AssertionError("read by the scalar reader")

    monkeypatch.setattr("sociaaldomein.io.table.load_measurements", refuse)
    table = read_measurements_table(path, indicators=indicators)
    assert list(table.to_measurements()) == expected
    return expected
