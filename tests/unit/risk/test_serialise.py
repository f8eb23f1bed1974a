"""Matrix definitions as data: exact round trips, and each kind of malformed definition refused
with a message that names the field."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

import pytest

from tests.unit.risk.edited import with_bands
from wrac_desktop.errors import DataFileError, ValidationError
from wrac_desktop.risk.matrix import Band, Matrix
from wrac_desktop.risk.presets import FINE_KINNEY, PRESETS, PRODUCT_5X5, WRAC_5X5
from wrac_desktop.risk.serialise import matrix_from_dict, matrix_to_dict

TOP_LEVEL_KEYS = ["key", "name", "description", "formula", "axes", "table", "bands",
                  "kz_mapping", "priority_severity"]  # fmt: skip


@pytest.mark.parametrize("matrix", PRESETS.values(), ids=PRESETS.keys())
def test_round_trip_through_json_is_exact(matrix: Matrix) -> None:
    text = json.dumps(matrix_to_dict(matrix), ensure_ascii=False, allow_nan=False)
    again = matrix_from_dict(json.loads(text))
    assert again == matrix
    assert (
        json.dumps(matrix_to_dict(again), ensure_ascii=False) == text
    )  # same text, not just equal
    assert list(matrix_to_dict(matrix)) == TOP_LEVEL_KEYS


def test_whole_numbers_are_written_as_integers() -> None:
    data = matrix_to_dict(WRAC_5X5)
    assert data["table"][0] == [1, 3, 6, 10, 15] and isinstance(data["table"][0][0], int)
    kinney = matrix_to_dict(FINE_KINNEY)
    assert [level["value"] for level in kinney["axes"][0]["levels"]][:4] == [0.1, 0.2, 0.5, 1]
    assert kinney["table"] is None and kinney["kz_mapping"][1] == [20, 2]


def test_a_parsed_matrix_does_not_share_the_callers_dicts() -> None:
    data = matrix_to_dict(WRAC_5X5)
    matrix = matrix_from_dict(data)
    data["name"]["en"] = "changed"
    data["axes"][0]["levels"][0]["label"]["en"] = "changed"
    assert matrix == WRAC_5X5


def wrac(change: Callable[[dict[str, Any]], object]) -> dict[str, Any]:
    data = copy.deepcopy(matrix_to_dict(WRAC_5X5))
    change(data)
    return data


def kinney(change: Callable[[dict[str, Any]], object]) -> dict[str, Any]:
    data = copy.deepcopy(matrix_to_dict(FINE_KINNEY))
    change(data)
    return data


def level(data: dict[str, Any], axis: int, index: int) -> dict[str, Any]:
    found: dict[str, Any] = data["axes"][axis]["levels"][index]
    return found


MALFORMED: list[tuple[str, dict[str, Any], str]] = [
    ("key missing", wrac(lambda d: d.pop("key")), "matrix.key "),
    ("key blank", wrac(lambda d: d.update(key="  ")), "matrix.key "),
    ("unknown field", wrac(lambda d: d.update(colours=[])), "matrix.colours "),
    ("name missing", wrac(lambda d: d.pop("name")), "matrix.name "),
    ("name blank", wrac(lambda d: d.update(name={"en": " ", "ru": ""})), "matrix.name "),
    ("description a string", wrac(lambda d: d.update(description="x")), "matrix.description "),
    ("formula unknown", wrac(lambda d: d.update(formula="sum")), "matrix.formula "),
    ("table with 3 axes", kinney(lambda d: d.update(formula="table")), "matrix.formula "),
    ("product with table", kinney(lambda d: d.update(table=[[1]])), "matrix.table "),
    ("table missing", wrac(lambda d: d.update(table=None)), "matrix.table "),
    ("table row missing", wrac(lambda d: d["table"].pop()), "matrix.table "),
    ("table cell missing", wrac(lambda d: d["table"][2].pop()), "matrix.table[2] "),
    ("table cell text", wrac(lambda d: d["table"][0].__setitem__(0, "x")), "matrix.table[0] "),
    ("table cell bool", wrac(lambda d: d["table"][1].__setitem__(0, True)), "matrix.table[1] "),
    ("rank falls with severity", wrac(lambda d: d["table"][0].__setitem__(0, 4)),
     "matrix.table[0][1] "),
    ("rank falls with likelihood", wrac(lambda d: d["table"][1].__setitem__(0, 0.5)),
     "matrix.table[1][0] "),
    ("axes reversed", wrac(lambda d: d["axes"].reverse()), "matrix.axes "),
    ("one axis", wrac(lambda d: d["axes"].pop()), "matrix.axes "),
    ("axes not a list", wrac(lambda d: d.update(axes={})), "matrix.axes "),
    ("axis key unknown", wrac(lambda d: d["axes"][0].update(key="frequency")),
     "matrix.axes[0].key "),
    ("axis field unknown", wrac(lambda d: d["axes"][1].update(unit="x")), "matrix.axes[1].unit "),
    ("axis a string", wrac(lambda d: d["axes"].__setitem__(1, "severity")), "matrix.axes[1] "),
    ("one level", wrac(lambda d: d["axes"][0].update(levels=d["axes"][0]["levels"][:1])),
     "matrix.axes[0].levels "),
    ("level value repeated", wrac(lambda d: level(d, 1, 2).update(value=2)),
     "matrix.axes[1].levels[2].value "),
    ("levels descending", wrac(lambda d: d["axes"][0]["levels"].reverse()),
     "matrix.axes[0].levels[1].value "),
    ("level value text", wrac(lambda d: level(d, 0, 0).update(value="1")),
     "matrix.axes[0].levels[0].value "),
    ("level value NaN", wrac(lambda d: level(d, 0, 0).update(value=float("nan"))),
     "matrix.axes[0].levels[0].value "),
    ("level code repeated", wrac(lambda d: level(d, 0, 1).update(code="1")),
     "matrix.axes[0].levels[1].code "),
    ("level label missing", wrac(lambda d: level(d, 0, 0).pop("label")),
     "matrix.axes[0].levels[0].label "),
    ("level label foreign", wrac(lambda d: level(d, 0, 0)["label"].update(de="Selten")),
     "matrix.axes[0].levels[0].label.de "),
    ("level label not text", wrac(lambda d: level(d, 0, 0)["label"].update(en=1)),
     "matrix.axes[0].levels[0].label "),
    ("level anchor a list", wrac(lambda d: level(d, 0, 4).update(anchor=["x"])),
     "matrix.axes[0].levels[4].anchor "),
    ("product factor zero", kinney(lambda d: level(d, 0, 0).update(value=0)),
     "matrix.axes[0].levels[0].value "),
    ("no bands", wrac(lambda d: d.update(bands=[])), "matrix.bands "),
    ("band colour a name", wrac(lambda d: d["bands"][1].update(colour="yellow")),
     "matrix.bands[1].colour "),
    ("band colour short", wrac(lambda d: d["bands"][1].update(colour="#FF0")),
     "matrix.bands[1].colour "),
    ("band lower repeated", wrac(lambda d: d["bands"][2].update(lower=6)),
     "matrix.bands[2].lower "),
    ("band lower text", wrac(lambda d: d["bands"][2].update(lower="13")),
     "matrix.bands[2].lower "),
    ("band key repeated", wrac(lambda d: d["bands"][1].update(key="low")), "matrix.bands[1].key "),
    ("band tolerable text", wrac(lambda d: d["bands"][1].update(tolerable="yes")),
     "matrix.bands[1].tolerable "),
    ("band action missing", wrac(lambda d: d["bands"][0].pop("action")),
     "matrix.bands[0].action "),
    ("score below every band", wrac(lambda d: d["bands"][0].update(lower=2)),
     "matrix.bands[0].lower "),
    ("kz missing", wrac(lambda d: d.pop("kz_mapping")), "matrix.kz_mapping "),
    ("kz empty", wrac(lambda d: d.update(kz_mapping=[])), "matrix.kz_mapping "),
    ("kz degree 6", wrac(lambda d: d["kz_mapping"].__setitem__(4, [21, 6])),
     "matrix.kz_mapping[4] "),
    ("kz degree 0", wrac(lambda d: d["kz_mapping"].__setitem__(0, [1, 0])),
     "matrix.kz_mapping[0] "),
    ("kz degree fraction", wrac(lambda d: d["kz_mapping"].__setitem__(2, [6, 2.5])),
     "matrix.kz_mapping[2] "),
    ("kz not a pair", wrac(lambda d: d["kz_mapping"].__setitem__(1, {"lower": 3})),
     "matrix.kz_mapping[1] "),
    ("kz degree falls", wrac(lambda d: d["kz_mapping"].__setitem__(4, [21, 3])),
     "matrix.kz_mapping[4] "),
    ("kz lower repeated", wrac(lambda d: d["kz_mapping"].__setitem__(2, [3, 3])),
     "matrix.kz_mapping[2] "),
    ("score below every degree", wrac(lambda d: d["kz_mapping"].__setitem__(0, [2, 1])),
     "matrix.kz_mapping[0] "),
    ("priority missing", wrac(lambda d: d.update(priority_severity=None)),
     "matrix.priority_severity "),
    ("priority off the scale", wrac(lambda d: d.update(priority_severity=9)),
     "matrix.priority_severity "),
]  # fmt: skip


@pytest.mark.parametrize(
    ("data", "field"), [c[1:] for c in MALFORMED], ids=[c[0] for c in MALFORMED]
)
def test_malformed_definitions_name_the_field(data: dict[str, Any], field: str) -> None:
    with pytest.raises(DataFileError) as error:
        matrix_from_dict(data)
    assert f"matrix definition: {field}" in error.value.message


@pytest.mark.parametrize("data", [None, [], "wrac_5x5", 5])
def test_a_definition_must_be_a_dict(data: Any) -> None:
    with pytest.raises(DataFileError, match="matrix must be a table of fields"):
        matrix_from_dict(data)


def test_optional_texts_may_be_left_out() -> None:
    data = wrac(lambda d: d.pop("description"))
    for axis in data["axes"]:
        for entry in axis["levels"]:
            del entry["description"], entry["anchor"]
    matrix = matrix_from_dict(data)
    assert matrix.description == {} and matrix.likelihood.level(5).anchor == {}


def text(en: str) -> dict[str, str]:
    return {"en": en, "ru": en, "kk": en}


def axis(key: str, values: list[float]) -> dict[str, Any]:
    levels = [{"value": v, "code": f"{key[0]}{v:g}", "label": text(f"{v:g}")} for v in values]
    return {"key": key, "name": text(key), "levels": levels}


def band(key: str, lower: float, colour: str) -> dict[str, Any]:
    return {"key": key, "name": text(key), "lower": lower, "colour": colour,
            "action": text("act"), "tolerable": key == "low"}  # fmt: skip


COMPANY_4X6 = {
    "key": "company_4x6",
    "name": {"en": "4×6"},  # a company matrix may be in one language only
    "formula": "table",
    "axes": [axis("likelihood", [1, 2, 3, 4]), axis("severity", [1, 2, 3, 4, 5, 6])],
    "table": [[r * 6 + c + 1 for c in range(6)] for r in range(4)],  # 1..24, row 0 = L1
    "bands": [band("low", 1, "#00AA00"), band("high", 13, "#AA0000")],
    "kz_mapping": [[1, 1], [7, 2], [13, 4], [19, 5]],
    "priority_severity": 5,
}


def test_a_non_square_table_matrix_from_data() -> None:
    matrix = matrix_from_dict(COMPANY_4X6)
    assert matrix.table is not None and (len(matrix.table), len(matrix.table[0])) == (4, 6)
    assert matrix.rate(1, 6).score == 6 and matrix.rate(4, 1).score == 19  # orientation
    assert matrix.rate(4, 6).score == 24 and matrix.rate(4, 6).band_key == "high"
    assert matrix.rate(2, 6).band_key == "low" and matrix.kz_degree(12) == 2
    assert matrix.possible_scores() == tuple(range(1, 25))
    assert matrix.is_priority(5) and not matrix.is_priority(4)
    with pytest.raises(ValidationError, match="allowed: 1, 2, 3, 4$"):
        matrix.score(5, 1)
    with pytest.raises(ValidationError, match="allowed: 1, 2, 3, 4, 5, 6$"):
        matrix.score(1, 7)
    assert matrix_from_dict(json.loads(json.dumps(matrix_to_dict(matrix)))) == matrix


def test_a_table_of_the_wrong_shape_names_the_expected_size() -> None:
    transposed = {**COMPANY_4X6, "table": [[r * 4 + c + 1 for c in range(4)] for r in range(6)]}
    with pytest.raises(DataFileError, match=r"matrix\.table needs 4 rows"):
        matrix_from_dict(transposed)


def test_a_three_factor_product_matrix_from_data() -> None:
    # OiRA's Kinney default: P{1,3,5} × F{1,4,7} × S{1,5,10}; ≤ 15 low, ≤ 50 medium, > 50 high
    data = {
        "key": "oira_kinney",
        "name": text("OiRA"),
        "formula": "product",
        "axes": [axis("likelihood", [1, 3, 5]), axis("severity", [1, 5, 10]),
                 axis("exposure", [1, 4, 7])],
        "table": None,
        "bands": [band("low", 1, "#00AA00"), band("medium", 16, "#AAAA00"),
                  band("high", 51, "#AA0000")],
        "kz_mapping": [[1, 1], [16, 3], [51, 5]],
        "priority_severity": 10,
    }  # fmt: skip
    matrix = matrix_from_dict(data)
    assert matrix.rate(3, 5, 1).band_key == "low"  # 15
    assert matrix.rate(1, 10, 4).band_key == "medium"  # 40
    assert matrix.rate(5, 10, 1).band_key == "medium"  # 50
    assert matrix.rate(3, 5, 4).band_key == "high"  # 60
    assert matrix.score(5, 10, 7) == 350 and matrix.kz_degree(350) == 5


def test_with_bands_refuses_bands_out_of_order() -> None:
    bands = (
        Band("high", {"en": "High"}, 10, "#FF0000", {"en": "act"}, False),
        Band("low", {"en": "Low"}, 1, "#00FF00", {"en": "ok"}, True),
    )
    with pytest.raises(DataFileError, match=r"matrix\.bands\[1\]\.lower"):
        with_bands(PRODUCT_5X5, bands)
    with pytest.raises(DataFileError, match=r"matrix\.bands\[0\]\.colour"):
        with_bands(PRODUCT_5X5, (Band("low", {"en": "Low"}, 1, "green", {"en": "ok"}, True),))
