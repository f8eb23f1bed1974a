"""Stored ratings: inputs, result and override apart; recomputing never wipes an override."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wrac_desktop.errors import ValidationError
from wrac_desktop.risk.presets import FINE_KINNEY, PRODUCT_5X5, WRAC_5X5
from wrac_desktop.risk.rating import Rating, StoredRating

EMPTY = StoredRating(None, None)


def test_inputs_give_a_computed_result() -> None:
    rating = EMPTY.with_inputs(WRAC_5X5, 4, 4)
    assert (rating.likelihood, rating.severity, rating.exposure) == (4, 4, None)
    assert rating.computed == Rating(21, "high") and rating.effective_band == "high"
    assert not rating.is_overridden


def test_nothing_rated_has_no_band() -> None:
    assert EMPTY.effective_band is None and EMPTY.recompute(WRAC_5X5) == EMPTY


@pytest.mark.parametrize(
    ("rating", "matrix"),
    [
        (StoredRating(3, None), WRAC_5X5),
        (StoredRating(None, 3), PRODUCT_5X5),
        (StoredRating(3, 15), FINE_KINNEY),  # no exposure yet
        (StoredRating(None, 15, 6), FINE_KINNEY),
    ],
)
def test_incomplete_inputs_have_no_result(rating: StoredRating, matrix: Any) -> None:
    stale = dataclasses.replace(rating, computed=Rating(1, "low"))
    assert stale.recompute(matrix).computed is None and not stale.has_inputs_for(matrix)


def test_three_factor_inputs() -> None:
    rating = StoredRating(3, 15, 6).recompute(FINE_KINNEY)
    assert rating.computed == Rating(270, "immediate") and rating.has_inputs_for(FINE_KINNEY)


def test_override_survives_new_inputs_and_recompute() -> None:
    rating = EMPTY.with_inputs(WRAC_5X5, 4, 4)
    rating = rating.with_override(WRAC_5X5, "medium", "Interlocked guard fitted")
    rating = rating.with_inputs(WRAC_5X5, 5, 5)
    assert rating.computed == Rating(25, "high")
    assert (rating.effective_band, rating.override_reason) == ("medium", "Interlocked guard fitted")
    assert rating.recompute(WRAC_5X5) == rating


def test_override_survives_a_recompute_on_another_matrix() -> None:
    rating = EMPTY.with_inputs(WRAC_5X5, 5, 5).with_override(WRAC_5X5, "medium", "Guarded")
    recomputed = rating.recompute(PRODUCT_5X5)
    assert recomputed.computed == Rating(25, "high") and recomputed.effective_band == "medium"


def test_override_survives_inputs_becoming_incomplete() -> None:
    rating = EMPTY.with_inputs(WRAC_5X5, 2, 2).with_override(WRAC_5X5, "high", "Site rule")
    cleared = rating.with_inputs(WRAC_5X5, None, 2)
    assert cleared.computed is None and cleared.effective_band == "high"


def test_override_of_a_class_another_matrix_lacks_is_kept() -> None:
    rating = EMPTY.with_inputs(WRAC_5X5, 3, 3).with_override(WRAC_5X5, "significant", "Why")
    moved = rating.recompute(PRODUCT_5X5)
    assert moved.override_band == "significant"
    assert "significant" not in {band.key for band in PRODUCT_5X5.bands}


def test_removing_the_override_shows_the_computed_class_again() -> None:
    rating = EMPTY.with_inputs(WRAC_5X5, 4, 4).with_override(WRAC_5X5, "low", "Because")
    plain = rating.without_override()
    assert plain.effective_band == "high" and plain.override_reason is None
    assert not plain.is_overridden and plain.computed == rating.computed


@pytest.mark.parametrize("reason", ["", "   ", "\n\t", None])
def test_override_needs_a_reason(reason: Any) -> None:
    with pytest.raises(ValidationError, match="reason"):
        StoredRating(2, 2).recompute(WRAC_5X5).with_override(WRAC_5X5, "low", reason)


def test_override_needs_a_class_of_the_matrix() -> None:
    rating = StoredRating(2, 2).recompute(WRAC_5X5)
    with pytest.raises(ValidationError, match="not a class"):
        rating.with_override(WRAC_5X5, "catastrophic", "because")
    with pytest.raises(ValidationError, match="not a class"):
        rating.with_override(PRODUCT_5X5, "significant", "because")


def test_override_reason_is_trimmed() -> None:
    rating = EMPTY.with_override(WRAC_5X5, "low", "  Guard fitted \n")
    assert rating.override_reason == "Guard fitted" and rating.effective_band == "low"


def test_inputs_off_the_matrix_are_refused() -> None:
    with pytest.raises(ValidationError, match="allowed"):
        EMPTY.with_inputs(WRAC_5X5, 6, 1)
    with pytest.raises(ValidationError, match="allowed"):
        StoredRating(4, 3, 1).recompute(FINE_KINNEY)  # 4 is no Fine–Kinney probability


def test_stored_ratings_are_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        EMPTY.override_band = "low"  # type: ignore[misc]


inputs = st.one_of(st.none(), st.integers(1, 5))


@given(st.lists(st.tuples(inputs, inputs, st.booleans()), max_size=8))
def test_no_sequence_of_edits_and_recomputes_loses_an_override(
    steps: list[tuple[int | None, int | None, bool]],
) -> None:
    rating = EMPTY.with_override(WRAC_5X5, "medium", "Reviewed by the team")
    for likelihood, severity, switch_matrix in steps:
        matrix = PRODUCT_5X5 if switch_matrix else WRAC_5X5
        rating = rating.with_inputs(matrix, likelihood, severity).recompute(WRAC_5X5)
        assert (rating.override_band, rating.override_reason) == (
            "medium",
            "Reviewed by the team",
        )
        assert rating.effective_band == "medium"
        if likelihood is not None and severity is not None:
            assert rating.computed == WRAC_5X5.rate(likelihood, severity)
