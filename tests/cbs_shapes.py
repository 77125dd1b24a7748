"""One set of tables written in both CBS shapes: the stored feeds and the property tests.

The table ids, dimension keys and measure titles are those CBS publishes
(85098NED "Indicatoren jeugdzorg in natura; gemeenten", 85639NED "Wmo-cliënten;
type maatwerkvoorziening, regio, wijken, 2023", 84469NED "Arbeidsdeelname;
regionale indeling 2018"); the v4 measure codes and the figures are
illustrative. ``tests/data/cbs-feed/make.py`` writes them there; a test may
write any table of the same form (:func:`write_feeds`).
"""

import json
from pathlib import Path

V3 = "https://opendata.cbs.nl/ODataFeed/odata"
V4 = "https://datasets.cbs.nl/odata/v1/CBS"
SUPPRESSED = object()  # Confidential
IMPOSSIBLE = object()
MISSING = object()  # a cell v4 leaves out, a v3 null

REGIONS = {
    "NL01": ("Nederland", ""),
    "GM0014": ("Groningen (gemeente)", ""),
    "GM0017": (
        "Haren",
        "Per 1 januari 2019 is de gemeente Haren opgeheven. Haren is samen met Ten Boer"
        " opgegaan in de gemeente Groningen (gemeente).",
    ),
    "GM0106": ("Assen", ""),
    "WK010601": ("Wijk 01 Assen-Oost", ""),
}

TABLES = {
    "85098NED": {
        "title": "Indicatoren jeugdzorg in natura; gemeenten",
        "geo": "RegioS",
        "dimensions": {},
        "regions": ["NL01", "GM0014", "GM0017", "GM0106"],
        "periods": {
            "2018JJ00": ("2018", "Definitief"),
            "2022JJ00": ("2022", "Definitief"),
            "2023HJ01": ("2023 1e halfjaar", "Nader voorlopig"),
            "2023JJ00": ("2023", "Voorlopig"),
            "2015G300": ("2013-2015", "Definitief"),
        },
        "measures": [
            (
                "JongerenMetJeugdhulpInNatura_1",
                "M004412",
                "Jongeren met jeugdhulp in natura",
                "%",
                1,
            ),
            ("JongerenMetJeugdbescherming_3", "M004414", "Jongeren met jeugdbescherming", "%", 1),
            ("JongerenMetJeugdreclassering_5", "M004416", "Jongeren met jeugdreclassering", "%", 1),
        ],
        "cells": {
            ("NL01", "2022JJ00"): [12.6, 1.1, 0.3],
            ("NL01", "2023HJ01"): [11.7, 1.0, 0.3],
            ("NL01", "2023JJ00"): [13.9, 1.1, 0.3],
            ("GM0106", "2022JJ00"): [15.8, 1.3, 0.4],
            ("GM0106", "2023HJ01"): [12.1, 1.0, IMPOSSIBLE],
            ("GM0106", "2023JJ00"): [16.3, SUPPRESSED, MISSING],
            ("GM0106", "2015G300"): [15.0, 1.2, 0.4],
            ("GM0014", "2023JJ00"): [15.2, 1.4, 0.4],
            ("GM0017", "2018JJ00"): [9.0, 0.6, 0.1],
        },
    },
    "85639NED": {
        "title": "Wmo-cliënten; type maatwerkvoorziening, regio, wijken, 2023",
        "geo": "Wijken",
        "dimensions": {
            "TypeMaatwerkvoorziening": {"T001024": "Totaal", "A048780": "Hulp bij het huishouden"}
        },
        "regions": ["NL01", "GM0106", "WK010601"],
        "periods": {"2023JJ00": ("2023", "Voorlopig")},
        "measures": [
            ("WmoClienten_1", "M000352", "Wmo-cliënten", "aantal", 0),
            (
                "WmoClientenPer1000Inwoners_2",
                "M000353",
                "Wmo-cliënten per 1 000 inwoners",
                "per 1 000 inwoners",
                0,
            ),
        ],
        "cells": {
            ("NL01", "2023JJ00", "T001024"): [1_050_000, 58],
            ("GM0106", "2023JJ00", "T001024"): [4_300, 62],
            ("WK010601", "2023JJ00", "T001024"): [310, 55],
            ("GM0106", "2023JJ00", "A048780"): [1_500, 22],
        },
    },
    "84469NED": {
        "title": "Arbeidsdeelname; regionale indeling 2018",
        "geo": "RegioS",
        "dimensions": {"Persoonskenmerken": {"T009002": "Totaal personen"}},
        "regions": ["NL01", "GM0106"],
        "periods": {"2018JJ00": ("2018", "Definitief")},
        "measures": [
            ("NettoArbeidsparticipatie_10", "M001234", "Netto arbeidsparticipatie", "%", 1),
        ],
        "cells": {
            ("NL01", "2018JJ00", "T009002"): [67.8],
            ("GM0106", "2018JJ00", "T009002"): [64.1],
        },
    },
}


def write(path: Path, document: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def v3(root: Path, table: str, spec: dict) -> None:
    folder = root / "v3" / table

    def doc(name, rows):
        meta = f"{V3}/{table}/$metadata#Cbs.OData.WebAPI.{name}"
        write(folder / f"{name}.json", {"odata.metadata": meta, "value": rows})

    doc(
        "TableInfos",
        [{"ID": 1, "Title": spec["title"], "Identifier": table, "Modified": "2024-10-31T02:00:00"}],
    )
    properties = (
        [{"Type": "Dimension", "Key": key, "Title": key} for key in spec["dimensions"]]
        + [
            {"Type": "GeoDimension", "Key": spec["geo"], "Title": "Regio's"},
            {"Type": "TimeDimension", "Key": "Perioden", "Title": "Perioden"},
        ]
        + [
            {"Type": "Topic", "Key": key, "Title": title, "Unit": unit, "Decimals": decimals}
            for key, _code, title, unit, decimals in spec["measures"]
        ]
    )
    doc("DataProperties", [{"ID": n, **row} for n, row in enumerate(properties)])
    for key, codes in spec["dimensions"].items():
        doc(
            key, [{"Key": code, "Title": title, "Description": ""} for code, title in codes.items()]
        )
    width = 10 if spec["geo"] == "Wijken" else 6
    doc(
        spec["geo"],
        [
            {"Key": code.ljust(width), "Title": REGIONS[code][0], "Description": REGIONS[code][1]}
            for code in spec["regions"]
        ],
    )
    doc(
        "Perioden",
        [
            {"Key": code, "Title": title, "Description": "", "Status": status}
            for code, (title, status) in spec["periods"].items()
        ],
    )
    rows = []
    for key, values in spec["cells"].items():
        region, period, *slice_ = key
        row = {"ID": len(rows)}
        for dimension, code in zip(spec["dimensions"], slice_, strict=True):
            row[dimension] = code
        row[spec["geo"]] = region.ljust(width)
        row["Perioden"] = period
        for (topic, *_), value in zip(spec["measures"], values, strict=True):
            row[topic] = value if isinstance(value, (int, float)) else None
        rows.append(row)
    doc("TypedDataSet", rows)


def v4(root: Path, table: str, spec: dict) -> None:
    folder = root / "v4" / table

    def doc(name, rows):
        write(
            folder / f"{name}.json",
            {"@odata.context": f"{V4}/{table}/$metadata#{name}", "value": rows},
        )

    write(
        folder / "Properties.json",
        {
            "@odata.context": f"{V4}/{table}/$metadata#Properties",
            "Identifier": table,
            "Title": spec["title"],
            "Status": "Regulier",
            "DatasetType": "Numeric",
            "ObservationsModified": "2024-10-31T02:00:00Z",
        },
    )
    kinds = [(key, "Dimension") for key in spec["dimensions"]]
    kinds += [(spec["geo"], "GeoDetailDimension" if spec["geo"] == "Wijken" else "GeoDimension")]
    kinds += [("Perioden", "TimeDimension")]
    doc("Dimensions", [{"Identifier": key, "Title": key, "Kind": kind} for key, kind in kinds])
    doc(
        "MeasureCodes",
        [
            {
                "Identifier": code,
                "Index": n,
                "Title": title,
                "Description": "",
                "Unit": unit,
                "Decimals": decimals,
                "PresentationType": "Relative" if unit != "aantal" else "Absolute",
            }
            for n, (_key, code, title, unit, decimals) in enumerate(spec["measures"], start=1)
        ],
    )
    for key, codes in spec["dimensions"].items():
        doc(
            f"{key}Codes",
            [{"Identifier": c, "Title": t, "Description": ""} for c, t in codes.items()],
        )
    doc(
        f"{spec['geo']}Codes",
        [
            {
                "Identifier": code,
                "Index": n,
                "Title": REGIONS[code][0],
                "Description": REGIONS[code][1],
                "DimensionGroupId": None,
            }
            for n, code in enumerate(spec["regions"], start=1)
        ],
    )
    doc(
        "PeriodenCodes",
        [
            {"Identifier": code, "Index": n, "Title": title, "Description": "", "Status": status}
            for n, (code, (title, status)) in enumerate(spec["periods"].items(), start=1)
        ],
    )
    rows = []
    for key, values in spec["cells"].items():
        region, period, *slice_ = key
        for (_k, code, *_), value in zip(spec["measures"], values, strict=True):
            if value is MISSING:
                continue
            attribute = {id(SUPPRESSED): "Confidential", id(IMPOSSIBLE): "Impossible"}.get(
                id(value), "None"
            )
            row = {
                "Id": len(rows),
                "Measure": code,
                "ValueAttribute": attribute,
                "Value": value if attribute == "None" else None,
                "StringValue": None,
            }
            for dimension, code_ in zip(spec["dimensions"], slice_, strict=True):
                row[dimension] = code_
            row[spec["geo"]] = region
            row["Perioden"] = period
            rows.append(row)
    doc("Observations", rows)


def write_feeds(root: Path, tables: dict[str, dict] = TABLES) -> None:
    """Each table in ``tables`` as ``root/v3/<table>/...`` and ``root/v4/<table>/...``."""
    for table, spec in tables.items():
        v3(root, table, spec)
        v4(root, table, spec)
