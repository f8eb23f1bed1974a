"""The risk engine: presets cell by cell, band boundaries, the KZ scale, definitions as data."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from wrac_desktop.errors import DataFileError, ValidationError
from wrac_desktop.i18n import LANGUAGES
from wrac_desktop.risk.kz_scale import KZ_DEGREES, kz_degree_label
from wrac_desktop.risk.matrix import Band, Matrix
from wrac_desktop.risk.presets import FINE_KINNEY, PRESETS, PRODUCT_5X5, WRAC_5X5, preset

# docs/domain.md §2, top row = likelihood 5, as printed there
WRAC_PRINTED = {5: (11, 16, 20, 23, 25), 4: (7, 12, 17, 21, 24), 3: (4, 8, 13, 18, 22),
                2: (2, 5, 9, 14, 19), 1: (1, 3, 6, 10, 15)}  # fmt: skip


@pytest.mark.parametrize("likelihood", range(1, 6))
@pytest.mark.parametrize("severity", range(1, 6))
def test_wrac_every_cell_matches_the_published_table(likelihood: int, severity: int) -> None:
    assert WRAC_5X5.score(likelihood, severity) == WRAC_PRINTED[likelihood][severity - 1]


def test_wrac_ranks_are_each_used_once() -> None:
    assert WRAC_5X5.possible_scores() == tuple(range(1, 26))


@pytest.mark.parametrize(
    ("score", "band"),
    [
        (1, "low"),
        (5, "low"),
        (6, "medium"),
        (12, "medium"),
        (13, "significant"),
        (20, "significant"),
        (21, "high"),
        (25, "high"),
    ],
)
def test_wrac_band_boundaries(score: int, band: str) -> None:
    assert WRAC_5X5.band(score).key == band


def test_wrac_tolerability_and_priority() -> None:
    assert [b.tolerable for b in WRAC_5X5.bands] == [True, True, False, False]
    assert not WRAC_5X5.is_priority(3) and WRAC_5X5.is_priority(4) and WRAC_5X5.is_priority(5)


@pytest.mark.parametrize(
    ("likelihood", "severity", "score", "band"),
    [
        (1, 1, 1, "low"),
        (1, 4, 4, "low"),
        (1, 5, 5, "medium"),
        (3, 4, 12, "medium"),
        (3, 5, 15, "high"),
        (5, 5, 25, "high"),
        (5, 1, 5, "medium"),
    ],
)
def test_product_corners_and_bands(likelihood: int, severity: int, score: int, band: str) -> None:
    rating = PRODUCT_5X5.rate(likelihood, severity)
    assert (rating.score, rating.band_key) == (score, band)


def test_product_bands_are_editable() -> None:
    bands = (
        Band("low", {"en": "Low"}, 1, "#00FF00", {"en": "ok"}, True),
        Band("high", {"en": "High"}, 10, "#FF0000", {"en": "act"}, False),
    )
    edited = PRODUCT_5X5.with_bands(bands)
    assert edited.rate(3, 3).band_key == "low" and edited.rate(2, 5).band_key == "high"
    assert PRODUCT_5X5.rate(2, 5).band_key == "medium"  # the preset itself is untouched
    with pytest.raises(DataFileError, match="bands"):
        PRODUCT_5X5.with_bands(tuple(reversed(bands)))


@pytest.mark.parametrize(
    ("p", "c", "e", "band"),
    [
        (0.1, 1, 0.5, "acceptable"),
        (10, 100, 10, "stop"),
        (1, 7, 2, "acceptable"),  # 14
        (1, 40, 0.5, "attention"),  # exactly 20
        (1, 7, 10, "correction"),  # exactly 70
        (10, 40, 0.5, "immediate"),  # exactly 200
        (10, 40, 1, "stop"),  # exactly 400
        (6, 3, 1, "acceptable"),  # 18
        (6, 3, 2, "attention"),
    ],  # 36
)
def test_fine_kinney_classes_at_their_boundaries(p: float, c: float, e: float, band: str) -> None:
    assert FINE_KINNEY.rate(p, c, e).band_key == band


def test_fine_kinney_products_land_exactly_on_boundaries() -> None:
    assert FINE_KINNEY.score(0.2, 100, 1) == 20  # 0.2 × 100 would be 20.000000000000004
    assert FINE_KINNEY.band(19.99).key == "acceptable"
    assert FINE_KINNEY.band(399.99).key == "immediate"
    assert FINE_KINNEY.possible_scores()[0] == 0.05 and FINE_KINNEY.possible_scores()[-1] == 10000


def test_fine_kinney_needs_exposure_and_two_axis_matrices_refuse_it() -> None:
    with pytest.raises(ValidationError, match="exposure"):
        FINE_KINNEY.score(1, 1)
    with pytest.raises(ValidationError, match="exposure"):
        WRAC_5X5.score(1, 1, 2)


@pytest.mark.parametrize("matrix", PRESETS.values(), ids=PRESETS.keys())
def test_values_off_the_axes_are_refused_naming_the_axis(matrix: Matrix) -> None:
    inputs = [axis.values[0] for axis in matrix.axes]
    for position, bad in ((0, 7), (1, 0), (0, 2.5)):
        wrong = list(inputs)
        wrong[position] = bad
        with pytest.raises(ValidationError, match="allowed"):
            matrix.score(*wrong)


@pytest.mark.parametrize("matrix", PRESETS.values(), ids=PRESETS.keys())
def test_every_reachable_score_has_a_band_and_a_kz_degree(matrix: Matrix) -> None:
    degrees = [matrix.kz_degree(score) for score in matrix.possible_scores()]
    assert all(1 <= d <= 5 for d in degrees) and degrees == sorted(degrees)
    assert {degrees[0], degrees[-1]} == {1, 5}
    for score in matrix.possible_scores():
        matrix.band(score)


def test_kz_mapping_of_wrac() -> None:
    assert [WRAC_5X5.kz_degree(s) for s in (1, 2, 3, 5, 6, 12, 13, 20, 21, 25)] == [
        1,
        1,
        2,
        2,
        3,
        3,
        4,
        4,
        5,
        5,
    ]
    assert kz_degree_label(3, "ru") == "III — средний"
    assert kz_degree_label(5, "kk") == "V — өте жоғары"
    assert len(KZ_DEGREES) == 5


def test_a_score_below_every_band_is_refused() -> None:
    with pytest.raises(ValidationError):
        WRAC_5X5.band(0)


@pytest.mark.parametrize("matrix", PRESETS.values(), ids=PRESETS.keys())
def test_round_trip_through_json(matrix: Matrix) -> None:
    data = json.loads(json.dumps(matrix.to_dict()))
    assert Matrix.from_dict(data) == matrix
    assert Matrix.from_dict(data).to_dict() == matrix.to_dict()


def local_texts(value: Any) -> list[dict[str, str]]:
    if isinstance(value, dict) and set(value) == set(LANGUAGES):
        return [value]
    if isinstance(value, dict):
        return [t for v in value.values() for t in local_texts(v)]
    if isinstance(value, list):
        return [t for v in value for t in local_texts(v)]
    return []


@pytest.mark.parametrize("matrix", PRESETS.values(), ids=PRESETS.keys())
def test_every_preset_text_exists_in_kk_ru_en(matrix: Matrix) -> None:
    data = matrix.to_dict()
    texts = local_texts(data)
    labels = [lv["label"] for axis in data["axes"] for lv in axis["levels"]]
    assert len(texts) >= len(labels) + 2 * len(data["bands"])
    for text in texts:
        assert all(text[lang].strip() for lang in LANGUAGES), text
    for partial in (lv for lv in labels if set(lv) != set(LANGUAGES)):
        pytest.fail(f"label not in three languages: {partial}")


def test_wrac_labels_carry_descriptions_and_frequency_anchors() -> None:
    assert all(level.anchor["ru"] for level in WRAC_5X5.likelihood.levels)
    assert all(level.description["kk"] for level in WRAC_5X5.severity.levels)
    assert "20" in WRAC_5X5.likelihood.level(1).anchor["en"]


def broken(change: Any) -> dict[str, Any]:
    data = copy.deepcopy(WRAC_5X5.to_dict())
    change(data)
    return data


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda d: d.pop("key"), "matrix.key"),
        (lambda d: d.update(formula="sum"), "matrix.formula"),
        (lambda d: d["table"].pop(), "matrix.table"),
        (lambda d: d["table"][2].pop(), "matrix.table[2]"),
        (lambda d: d["table"][0].__setitem__(0, "x"), "matrix.table[0]"),
        (lambda d: d["axes"][1]["levels"][2].update(value=1), "matrix.axes[1].levels"),
        (lambda d: d["axes"][0]["levels"][0].pop("label"), "matrix.axes[0].levels[0].label"),
        (lambda d: d["axes"].reverse(), "matrix.axes"),
        (lambda d: d["bands"][1].update(colour="yellow"), "matrix.bands[1].colour"),
        (lambda d: d["bands"][1].update(lower=100), "matrix.bands"),
        (lambda d: d["bands"][1].update(tolerable="yes"), "matrix.bands[1].tolerable"),
        (lambda d: d["kz_mapping"].__setitem__(0, [1, 6]), "matrix.kz_mapping[0]"),
        (lambda d: d["kz_mapping"].__setitem__(1, [3, 0]), "matrix.kz_mapping[1]"),
        (lambda d: d.update(priority_severity=None), "matrix.priority_severity"),
    ],
)
def test_malformed_definitions_name_the_field(change: Any, field: str) -> None:
    with pytest.raises(DataFileError) as error:
        Matrix.from_dict(broken(change))
    assert field in error.value.message


def test_non_square_matrix_from_data() -> None:
    level = {"label": {"en": "x", "ru": "x", "kk": "x"}}
    data = {
        "key": "company_4x6",
        "name": {"en": "4×6"},
        "formula": "table",
        "axes": [
            {
                "key": "likelihood",
                "name": {"en": "L"},
                "levels": [{"value": v, "code": chr(64 + v), **level} for v in range(1, 5)],
            },
            {
                "key": "severity",
                "name": {"en": "S"},
                "levels": [{"value": v, "code": str(v), **level} for v in range(1, 7)],
            },
        ],
        "table": [[r * 6 + c + 1 for c in range(6)] for r in range(4)],
        "bands": [
            {
                "key": "ok",
                "name": {"en": "OK"},
                "lower": 1,
                "colour": "#00AA00",
                "action": {"en": "none"},
                "tolerable": True,
            },
            {
                "key": "bad",
                "name": {"en": "Bad"},
                "lower": 13,
                "colour": "#AA0000",
                "action": {"en": "fix"},
                "tolerable": False,
            },
        ],
        "kz_mapping": [[1, 1], [13, 4]],
        "priority_severity": 5,
    }
    matrix = Matrix.from_dict(data)
    assert matrix.rate(4, 6).score == 24 and matrix.rate(4, 6).band_key == "bad"
    assert matrix.rate(2, 6).band_key == "ok" and len(matrix.possible_scores()) == 24
    with pytest.raises(ValidationError):
        matrix.score(5, 1)


def test_unknown_preset() -> None:
    with pytest.raises(ValidationError, match="wrac_5x5"):
        preset("nope")
