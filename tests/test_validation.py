from sociaaldomein import (
    AtLeast,
    Between,
    CountPerPeriod,
    Fallback,
    Indicator,
    MeasurementTypeRegistry,
)
from sociaaldomein.core.validation import check_indicators

TYPES = MeasurementTypeRegistry()


def test_targets_must_fit_their_measurement_type():
    findings = check_indicators(
        [
            Indicator("pct", "P", "percentage", target=AtLeast(130)),
            Indicator("cijfer", "C", "grade", target=Between(0, 11)),
            Indicator("ok", "O", "grade", target=AtLeast(8), tolerance=Fallback(AtLeast(11))),
            Indicator("mijl", "M", "qualitative", target=CountPerPeriod(2)),
            Indicator("raar", "R", "procent"),
        ],
        TYPES,
    )
    assert [(f.where, f.message.split(";")[0]) for f in findings] == [
        ("pct.target.value", "130 is not a valid percentage"),
        ("cijfer.target.low", "0 is not a valid grade"),
        ("cijfer.target.high", "11 is not a valid grade"),
        ("ok.tolerance.target.value", "11 is not a valid grade"),
        ("mijl.target", "a count target needs a numeric type, not 'qualitative'"),
        ("raar", "onbekend meettype 'procent'"),
    ]
    assert all(f.severity == "error" for f in findings)
