"""Accountability's accessors and envelope, exactly: which measurements each reads.

The columnar run fills ``subject_measurements`` and ``subject_evaluations``
so that the subject's history is read without the whole country; these tests
hold each accessor to the source it must read (the mutation run judges core/
by fast tests like these).
"""

from sociaaldomein import Period, Status
from sociaaldomein.core.accountability import Accountability
from sociaaldomein.core.evaluation import Evaluation
from sociaaldomein.findings import Finding, Severity
from sociaaldomein.model import Measurement

Y = Period.year


def _run(**fields):
    return Accountability(
        title="T", subject="A", period=Y(2024), indicators=(), types={}, results=(), **fields
    )


def test_history_reads_the_subjects_own_measurements_and_others_from_all():
    everyone = (
        Measurement("i", "A", Y(2023), 1),
        Measurement("i", "B", Y(2023), 5),
        Measurement("i", "B", Y(2025), 6),  # after the period: not history
    )
    own = (Measurement("i", "A", Y(2023), 2),)
    run = _run(measurements=everyone, subject_measurements=own)
    assert [m.value for m in run.history("i")] == [2]
    assert [m.value for m in run.history("i", "A")] == [2]
    assert [m.value for m in run.history("i", "B")] == [5]
    assert [m.value for m in _run(measurements=everyone).history("i")] == [1]


def test_judged_reads_the_subjects_own_evaluations_and_others_from_all():
    def judged(subject, value):
        return Evaluation("i", subject, Y(2023), Status.MET, value=value)

    everyone = (judged("A", 1), judged("B", 5))
    run = _run(evaluations=everyone, subject_evaluations=(judged("A", 2),))
    assert [e.value for e in run.judged("i")] == [2]
    assert [e.value for e in run.judged("i", "A")] == [2]
    assert [e.value for e in run.judged("i", "B")] == [5]
    assert [e.value for e in _run(evaluations=everyone).judged("i")] == [1]


def test_the_envelope_carries_every_finding_with_its_place():
    finding = Finding(Severity.WARNING, "let op", "line 3", rule="r", file="m.csv")
    envelope = _run(findings=(finding,)).envelope()
    assert envelope == {
        "schema": 2,
        "title": "T",
        "period": "2024",
        "subject": "A",
        "references": [],
        "reference_groups": [],
        "summary": {status.value: 0 for status in Status if status.value in envelope["summary"]},
        "results": [],
        "findings": [
            {
                "severity": "warning",
                "file": "m.csv",
                "where": "line 3",
                "rule": "r",
                "message": "let op",
            }
        ],
    }
    assert list(envelope["summary"]) == [
        "met",
        "within_tolerance",
        "not_met",
        "no_data",
        "not_assessed",
    ]
