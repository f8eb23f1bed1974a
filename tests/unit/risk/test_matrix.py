"""Matrix behaviour that holds for any matrix: axis look-up, input checks, classes, degrees."""

from __future__ import annotations

import dataclasses
import math
from typing import Any

import pytest

from tests.unit.risk.edited import with_bands
from wrac_desktop.errors import ValidationError
from wrac_desktop.i18n import pick
from wrac_desktop.risk.matrix import Matrix, format_number, is_number, round_score
from wrac_desktop.risk.presets import FINE_KINNEY, PRESETS, PRODUCT_5X5, WRAC_5X5


def test_axes_by_key() -> None:
    assert WRAC_5X5.axis("likelihood") is WRAC_5X5.likelihood is WRAC_5X5.axes[0]
    assert WRAC_5X5.axis("severity") is WRAC_5X5.severity is WRAC_5X5.axes[1]
    assert WRAC_5X5.exposure is None and FINE_KINNEY.exposure is FINE_KINNEY.axes[2]
    with pytest.raises(ValidationError, match="exposure"):
        WRAC_5X5.axis("exposure")


def test_axis_values_and_levels() -> None:
    assert WRAC_5X5.likelihood.values == (1, 2, 3, 4, 5)
    assert WRAC_5X5.likelihood.level(5).label["en"] == "Almost certain"
    assert FINE_KINNEY.likelihood.level(0.1).code == "0.1"
    assert FINE_KINNEY.likelihood.level(0.1 + 1e-12).value == 0.1  # as it may come back from JSON


@pytest.mark.parametrize("bad", [0, 6, 2.5, -1, math.nan, math.inf, "3", None, True])
def test_a_value_off_the_axis_names_the_axis_and_the_allowed_values(bad: Any) -> None:
    with pytest.raises(ValidationError) as error:
        WRAC_5X5.likelihood.level(bad)
    message = error.value.message
    assert pick(WRAC_5X5.likelihood.name) in message
    assert message.endswith("allowed: 1, 2, 3, 4, 5")


AXES_OF_PRESETS = [
    pytest.param(matrix, position, id=f"{matrix.key}-{axis.key}")
    for matrix in PRESETS.values()
    for position, axis in enumerate(matrix.axes)
]


@pytest.mark.parametrize(("matrix", "position"), AXES_OF_PRESETS)
@pytest.mark.parametrize("bad", [0, 8, 2.5, -3, 1000])  # on no axis of any preset
def test_score_refuses_every_input_off_its_axis(matrix: Matrix, position: int, bad: float) -> None:
    inputs = [axis.values[0] for axis in matrix.axes]
    inputs[position] = bad
    with pytest.raises(ValidationError, match="allowed") as error:
        matrix.score(*inputs)
    assert pick(matrix.axes[position].name) in error.value.message
    with pytest.raises(ValidationError, match="allowed"):
        matrix.rate(*inputs)


def test_exposure_is_needed_exactly_when_the_matrix_has_it() -> None:
    with pytest.raises(ValidationError, match="needs an exposure"):
        FINE_KINNEY.score(1, 1)
    with pytest.raises(ValidationError, match="needs an exposure"):
        FINE_KINNEY.rate(1, 1, None)
    with pytest.raises(ValidationError, match="no exposure"):
        WRAC_5X5.score(1, 1, 2)
    with pytest.raises(ValidationError, match="no exposure"):
        PRODUCT_5X5.rate(1, 1, 1)


def test_scores_are_floats() -> None:
    assert type(WRAC_5X5.score(3, 3)) is float and type(PRODUCT_5X5.score(3, 3)) is float


@pytest.mark.parametrize("matrix", PRESETS.values(), ids=PRESETS.keys())
@pytest.mark.parametrize("bad", [-1, 0.01, math.nan, "5", None])
def test_a_score_below_every_class_is_refused(matrix: Matrix, bad: Any) -> None:
    if matrix is FINE_KINNEY and bad == 0.01:
        bad = -0.01  # Kinney's first class starts at 0
    with pytest.raises(ValidationError, match="below every class"):
        matrix.band(bad)
    with pytest.raises(ValidationError, match="below every degree"):
        matrix.kz_degree(bad)


def test_band_by_key_and_its_range() -> None:
    assert WRAC_5X5.band_by_key("significant").lower == 13
    assert WRAC_5X5.band_range("low") == (1, 6)
    assert WRAC_5X5.band_range("significant") == (13, 21)
    assert WRAC_5X5.band_range("high") == (21, None)
    with pytest.raises(ValidationError, match="low, medium, significant, high"):
        WRAC_5X5.band_by_key("critical")


@pytest.mark.parametrize("matrix", PRESETS.values(), ids=PRESETS.keys())
def test_every_score_falls_in_the_range_of_its_band(matrix: Matrix) -> None:
    for score in matrix.possible_scores():
        lower, upper = matrix.band_range(matrix.band(score).key)
        assert lower <= score and (upper is None or score < upper)


def test_possible_scores_are_sorted_and_unique() -> None:
    scores = FINE_KINNEY.possible_scores()
    assert list(scores) == sorted(set(scores))
    assert (scores[0], scores[-1]) == (0.05, 10000)
    assert len(scores) < 7 * 6 * 6  # products repeat: 1 × 6 × 1 = 3 × 1 × 2


def test_priority_compares_with_the_threshold() -> None:
    assert WRAC_5X5.is_priority(4.0) and not WRAC_5X5.is_priority(3.99)


def test_with_bands_returns_a_copy() -> None:
    edited = with_bands(WRAC_5X5, WRAC_5X5.bands[:2])
    assert edited.rate(5, 5).band_key == "medium" and WRAC_5X5.rate(5, 5).band_key == "high"
    assert dataclasses.replace(edited, bands=WRAC_5X5.bands) == WRAC_5X5


def test_matrices_are_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        WRAC_5X5.formula = "product"  # type: ignore[misc]


def test_number_helpers() -> None:
    assert round_score(0.1 * 3 * 1) == 0.3
    assert [is_number(v) for v in (1, 0.5, True, math.nan, "1", None)] == [
        True, True, False, False, False, False
    ]  # fmt: skip
    assert (format_number(3.0), format_number(0.5), format_number("x")) == ("3", "0.5", "'x'")


def test_band_name_in_the_language_and_the_key_of_a_class_the_matrix_lacks() -> None:
    assert WRAC_5X5.band_name("significant", "en") == "Significant"
    assert WRAC_5X5.band_name("significant", "ru") == "Значительный"
    assert WRAC_5X5.band_name("significant", "kk") == "Елеулі"
    assert WRAC_5X5.band_name("critical", "kk") == "critical"
