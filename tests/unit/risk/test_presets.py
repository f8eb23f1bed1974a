"""The shipped presets against docs/domain.md §2: every cell, every class boundary, every degree."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import fields, is_dataclass
from decimal import Decimal
from itertools import product
from typing import Any

import pytest

from tests.unit.risk.edited import with_bands
from wrac_desktop.errors import ValidationError
from wrac_desktop.i18n import LANGUAGES
from wrac_desktop.risk.matrix import Band, Matrix
from wrac_desktop.risk.presets import FINE_KINNEY, PRESETS, PRODUCT_5X5, WRAC_5X5, preset
from wrac_desktop.risk.serialise import matrix_from_dict, matrix_to_dict

# As printed in domain.md: top row = likelihood 5; columns = consequence 1..5.
WRAC_PRINTED = {5: (11, 16, 20, 23, 25), 4: (7, 12, 17, 21, 24), 3: (4, 8, 13, 18, 22),
                2: (2, 5, 9, 14, 19), 1: (1, 3, 6, 10, 15)}  # fmt: skip


def classes(*spans: tuple[str, float, float]) -> dict[float, str]:
    """{score: band} for the integer scores of the given inclusive (band, from, to) spans."""
    return {s: band for band, low, high in spans for s in range(int(low), int(high) + 1)}


def degrees(*spans: tuple[int, int, int]) -> dict[int, int]:
    return {s: degree for degree, low, high in spans for s in range(low, high + 1)}


WRAC_BANDS = classes(("low", 1, 5), ("medium", 6, 12), ("significant", 13, 20), ("high", 21, 25))
WRAC_KZ = degrees((1, 1, 2), (2, 3, 5), (3, 6, 12), (4, 13, 20), (5, 21, 25))
PRODUCT_BANDS = classes(("low", 1, 4), ("medium", 5, 12), ("high", 15, 25))
PRODUCT_KZ = degrees((1, 1, 2), (2, 3, 4), (3, 5, 12), (4, 15, 19), (5, 20, 25))
KINNEY_P = (0.1, 0.2, 0.5, 1, 3, 6, 10)
KINNEY_E = (0.5, 1, 2, 3, 6, 10)
KINNEY_C = (1, 3, 7, 15, 40, 100)


# --- WRAC 5×5 -------------------------------------------------------------------------------


@pytest.mark.parametrize("likelihood", range(1, 6))
@pytest.mark.parametrize("severity", range(1, 6))
def test_wrac_every_cell_matches_the_printed_table(likelihood: int, severity: int) -> None:
    rank = WRAC_PRINTED[likelihood][severity - 1]
    assert WRAC_5X5.rate(likelihood, severity).score == rank
    assert WRAC_5X5.rate(likelihood, severity).band_key == WRAC_BANDS[rank]


def test_wrac_table_is_stored_lowest_likelihood_first() -> None:
    assert WRAC_5X5.table is not None
    assert WRAC_5X5.table[0] == WRAC_PRINTED[1] and WRAC_5X5.table[-1] == WRAC_PRINTED[5]


def test_wrac_ranks_are_each_used_once() -> None:
    assert WRAC_5X5.possible_scores() == tuple(range(1, 26))


@pytest.mark.parametrize(
    ("score", "band"),
    [(1, "low"), (5, "low"), (5.99, "low"), (6, "medium"), (12, "medium"), (12.5, "medium"),
     (13, "significant"), (20, "significant"), (20.99, "significant"), (21, "high"),
     (25, "high")],
)  # fmt: skip
def test_wrac_band_boundaries(score: float, band: str) -> None:
    assert WRAC_5X5.band(score).key == band


def test_wrac_significant_and_high_are_not_tolerable() -> None:
    tolerable = {band.key: band.tolerable for band in WRAC_5X5.bands}
    assert tolerable == {"low": True, "medium": True, "significant": False, "high": False}


def test_wrac_kz_degree_of_every_rank() -> None:
    assert {rank: WRAC_5X5.kz_degree(rank) for rank in range(1, 26)} == WRAC_KZ


def test_wrac_priority_from_consequence_4() -> None:
    assert [WRAC_5X5.is_priority(s) for s in range(1, 6)] == [False, False, False, True, True]


def test_wrac_labels_carry_descriptions_and_frequency_anchors() -> None:
    anchors = [level.anchor["en"] for level in WRAC_5X5.likelihood.levels]
    assert "20 years" in anchors[0] and "10–20" in anchors[1] and "5–10" in anchors[2]
    assert "once a year" in anchors[3].lower() and "once a year" in anchors[4].lower()
    words = ("first aid", "medical treatment", "lost-time", "single fatality", "multiple")
    for word, level in zip(words, WRAC_5X5.severity.levels, strict=True):
        assert word in level.description["en"].lower()


# --- product L × S --------------------------------------------------------------------------


@pytest.mark.parametrize(("likelihood", "severity"), list(product(range(1, 6), range(1, 6))))
def test_product_every_cell(likelihood: int, severity: int) -> None:
    rating = PRODUCT_5X5.rate(likelihood, severity)
    assert rating.score == likelihood * severity
    assert rating.band_key == PRODUCT_BANDS[likelihood * severity]


@pytest.mark.parametrize(
    ("score", "band"),
    [(1, "low"), (4, "low"), (4.99, "low"), (5, "medium"), (12, "medium"), (14, "medium"),
     (14.99, "medium"), (15, "high"), (25, "high")],
)  # fmt: skip
def test_product_band_boundaries(score: float, band: str) -> None:
    assert PRODUCT_5X5.band(score).key == band


def test_product_kz_degree_of_every_reachable_score() -> None:
    scores = PRODUCT_5X5.possible_scores()
    assert scores == tuple(sorted({lk * sv for lk in range(1, 6) for sv in range(1, 6)}))
    assert {score: PRODUCT_5X5.kz_degree(score) for score in scores} == {
        s: d for s, d in PRODUCT_KZ.items() if s in scores
    }


def test_product_bands_are_editable_without_touching_the_preset() -> None:
    bands = (
        Band("low", {"en": "Low"}, 1, "#00FF00", {"en": "ok"}, True),
        Band("high", {"en": "High"}, 10, "#FF0000", {"en": "act"}, False),
    )
    edited = with_bands(PRODUCT_5X5, bands)
    assert edited.rate(3, 3).band_key == "low" and edited.rate(2, 5).band_key == "high"
    assert edited.bands == bands and edited.axes == PRODUCT_5X5.axes
    assert PRODUCT_5X5.rate(2, 5).band_key == "medium"


# --- Fine–Kinney ----------------------------------------------------------------------------


def exact_product(*factors: float) -> float:
    """The product in decimal arithmetic, free of binary rounding."""
    result = Decimal(1)
    for factor in factors:
        result *= Decimal(str(factor))
    return float(result)


def kinney_class(score: float) -> str:
    for lower, key in ((400, "stop"), (200, "immediate"), (70, "correction"), (20, "attention")):
        if score >= lower:
            return key
    return "acceptable"


@pytest.mark.parametrize(("p", "c", "e"), list(product(KINNEY_P, KINNEY_C, KINNEY_E)))
def test_fine_kinney_every_combination_is_exact(p: float, c: float, e: float) -> None:
    rating = FINE_KINNEY.rate(p, c, e)
    assert rating.score == exact_product(p, c, e)  # 0.1 × 3 × 1 is 0.30000000000000004 in floats
    assert rating.band_key == kinney_class(exact_product(p, c, e))


@pytest.mark.parametrize(
    ("p", "c", "e", "score", "band"),
    [(0.1, 1, 0.5, 0.05, "acceptable"), (6, 3, 1, 18, "acceptable"),
     (1, 40, 0.5, 20, "attention"), (0.2, 100, 1, 20, "attention"),
     (1, 7, 10, 70, "correction"), (10, 40, 0.5, 200, "immediate"),
     (10, 40, 1, 400, "stop"), (10, 100, 10, 10000, "stop")],
)  # fmt: skip
def test_fine_kinney_scores_on_the_class_boundaries(
    p: float, c: float, e: float, score: float, band: str
) -> None:
    assert (FINE_KINNEY.score(p, c, e), FINE_KINNEY.rate(p, c, e).band_key) == (score, band)


@pytest.mark.parametrize(
    ("score", "band"),
    [(0, "acceptable"), (19.99, "acceptable"), (20, "attention"), (69.99, "attention"),
     (70, "correction"), (199.99, "correction"), (200, "immediate"), (399.99, "immediate"),
     (400, "stop"), (10000, "stop")],
)  # fmt: skip
def test_fine_kinney_band_boundaries(score: float, band: str) -> None:
    assert FINE_KINNEY.band(score).key == band


def test_fine_kinney_one_kz_degree_per_class() -> None:
    for score in FINE_KINNEY.possible_scores():
        position = [band.key for band in FINE_KINNEY.bands].index(FINE_KINNEY.band(score).key)
        assert FINE_KINNEY.kz_degree(score) == position + 1
    assert [FINE_KINNEY.kz_degree(s) for s in (19.99, 20, 70, 200, 399.99, 400)] == [
        1, 2, 3, 4, 4, 5
    ]  # fmt: skip


def test_fine_kinney_scales_and_classic_labels() -> None:
    assert FINE_KINNEY.likelihood.values == KINNEY_P
    assert FINE_KINNEY.severity.values == KINNEY_C
    assert FINE_KINNEY.exposure is not None and FINE_KINNEY.exposure.values == KINNEY_E
    assert FINE_KINNEY.likelihood.level(10).label["en"] == "Expected"
    assert FINE_KINNEY.exposure.level(10).label["en"] == "Continuous"
    catastrophe = FINE_KINNEY.severity.level(100)
    assert (
        catastrophe.label["en"] == "Catastrophe" and "many" in catastrophe.description["en"].lower()
    )
    assert all(level.anchor["en"] for level in FINE_KINNEY.exposure.levels)


def test_fine_kinney_priority_and_tolerability() -> None:
    assert not FINE_KINNEY.is_priority(15) and FINE_KINNEY.is_priority(40)
    assert [b.tolerable for b in FINE_KINNEY.bands] == [True, True, False, False, False]


# --- all presets ----------------------------------------------------------------------------


@pytest.mark.parametrize("matrix", PRESETS.values(), ids=PRESETS.keys())
def test_every_reachable_score_has_a_band_and_a_kz_degree(matrix: Matrix) -> None:
    scores = matrix.possible_scores()
    found = [matrix.kz_degree(score) for score in scores]
    assert found == sorted(found) and (found[0], found[-1]) == (1, 5)
    assert [matrix.band(score).key for score in (scores[0], scores[-1])] == [
        matrix.bands[0].key,
        matrix.bands[-1].key,
    ]


@pytest.mark.parametrize("matrix", PRESETS.values(), ids=PRESETS.keys())
def test_presets_pass_the_same_checks_as_a_definition_file(matrix: Matrix) -> None:
    assert matrix_from_dict(matrix_to_dict(matrix)) == matrix


def test_presets_are_registered_under_their_keys() -> None:
    assert list(PRESETS) == ["wrac_5x5", "product_5x5", "fine_kinney"]
    assert preset("fine_kinney") is FINE_KINNEY
    with pytest.raises(ValidationError, match="wrac_5x5, product_5x5, fine_kinney"):
        preset("nope")


# --- texts ----------------------------------------------------------------------------------

# The anchor says how often; it is only meaningful on a frequency axis.
FREQUENCY_AXES = {("wrac_5x5", "likelihood"), ("product_5x5", "likelihood"),
                  ("fine_kinney", "exposure")}  # fmt: skip
KAZAKH_LETTERS = set("әғқңөұүһі")
LATIN_ALLOWED = {"WRAC", "P", "E", "C", "R"}  # formula letters and the method's name


def local_texts(value: Any, path: str) -> Iterator[tuple[str, Mapping[str, str]]]:
    """Every LocalText inside a preset, with the path that leads to it."""
    if is_dataclass(value):
        for field in fields(value):
            yield from local_texts(getattr(value, field.name), f"{path}.{field.name}")
    elif isinstance(value, Mapping):
        yield path, value
    elif isinstance(value, tuple):
        for index, item in enumerate(value):
            yield from local_texts(item, f"{path}[{index}]")


def may_be_empty(matrix: Matrix, path: str) -> bool:
    match = re.search(r"axes\[(\d)\]\.levels\[\d+\]\.anchor$", path)
    if match is None:
        return False
    return (matrix.key, matrix.axes[int(match[1])].key) not in FREQUENCY_AXES


@pytest.mark.parametrize("matrix", PRESETS.values(), ids=PRESETS.keys())
def test_every_preset_text_exists_in_kk_ru_en(matrix: Matrix) -> None:
    texts = list(local_texts(matrix, matrix.key))
    assert len(texts) > 3 * sum(len(axis.levels) for axis in matrix.axes)  # the walk finds them
    for path, text in texts:
        if not text and may_be_empty(matrix, path):
            continue
        assert set(text) == set(LANGUAGES), path
        assert all(text[lang].strip() for lang in LANGUAGES), path


@pytest.mark.parametrize("matrix", PRESETS.values(), ids=PRESETS.keys())
def test_kazakh_texts_are_kazakh(matrix: Matrix) -> None:
    kazakh = [text["kk"] for _, text in local_texts(matrix, matrix.key) if text]
    assert KAZAKH_LETTERS & set("".join(kazakh).lower()) >= set("әғқңөұі")
    for text in kazakh:
        # Latin lookalikes ("i" for "і") break search and sorting in Kazakh
        assert set(re.findall(r"[A-Za-z]+", text)) <= LATIN_ALLOWED, text
    russian = [text["ru"] for _, text in local_texts(matrix, matrix.key) if text]
    assert not KAZAKH_LETTERS & set("".join(russian).lower())
