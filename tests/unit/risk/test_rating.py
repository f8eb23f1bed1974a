"""Stored ratings: inputs, result and override apart; recomputing never wipes an override."""

import pytest

from wrac_desktop.errors import ValidationError
from wrac_desktop.risk.presets import FINE_KINNEY, PRODUCT_5X5, WRAC_5X5
from wrac_desktop.risk.rating import Rating, StoredRating


def test_inputs_give_a_computed_result() -> None:
    rating = StoredRating(None, None).with_inputs(WRAC_5X5, 4, 4)
    assert rating.computed == Rating(21, "high") and rating.effective_band == "high"


def test_override_survives_new_inputs_and_recompute_on_another_matrix() -> None:
    rating = StoredRating(None, None).with_inputs(WRAC_5X5, 4, 4)
    rating = rating.with_override(WRAC_5X5, "medium", "Interlocked guard fitted")
    rating = rating.with_inputs(WRAC_5X5, 5, 5)
    assert rating.computed == Rating(25, "high")
    assert (rating.effective_band, rating.override_reason) == ("medium", "Interlocked guard fitted")
    recomputed = rating.recompute(PRODUCT_5X5)
    assert recomputed.computed == Rating(25, "high") and recomputed.is_overridden
    assert rating.without_override().effective_band == "high"


def test_override_needs_reason_and_an_existing_band() -> None:
    rating = StoredRating(2, 2).recompute(WRAC_5X5)
    with pytest.raises(ValidationError, match="reason"):
        rating.with_override(WRAC_5X5, "low", "   ")
    with pytest.raises(ValidationError, match="not a class"):
        rating.with_override(WRAC_5X5, "catastrophic", "because")


def test_incomplete_inputs_have_no_result() -> None:
    assert StoredRating(3, None).recompute(WRAC_5X5).computed is None
    assert StoredRating(3, 15).recompute(FINE_KINNEY).computed is None  # no exposure yet
    assert StoredRating(3, 15, 6).recompute(FINE_KINNEY).computed == Rating(270, "immediate")
