import pytest

from wrac_desktop.domain.bin import bin_check_digit, bin_problem, make_bin, validate_bin
from wrac_desktop.errors import ValidationError


@pytest.mark.parametrize("stem", ["05094001234", "98034000001", "19114002471", "70014000000"])
def test_made_bins_are_valid_and_any_other_last_digit_is_not(stem: str) -> None:
    good = make_bin(stem)
    assert bin_problem(good) is None
    for digit in "0123456789":
        if digit != good[-1]:
            assert bin_problem(stem + digit) is not None


def test_check_digit_uses_second_weights_when_first_sum_gives_ten() -> None:
    # 0000000001 0 → first pass: weight 10 → 10 ≡ 10, second pass weight 1 → 1... find such a stem
    stem = next(
        f"{n:011d}"
        for n in range(1, 10**6)
        if sum(int(d) * w for d, w in zip(f"{n:011d}", range(1, 12), strict=True)) % 11 == 10
    )
    digit = bin_check_digit(stem)
    second = (
        sum(int(d) * w for d, w in zip(stem, (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2), strict=True)) % 11
    )
    assert digit == (None if second == 10 else second)


@pytest.mark.parametrize(
    "bad", ["", "12345", "1234567890123", "05094001234A", "０５０９４００１２３４５"]
)
def test_malformed_bins_are_refused_with_a_message(bad: str) -> None:
    with pytest.raises(ValidationError, match="12 digits"):
        validate_bin(bad)


def test_wrong_check_digit_names_the_number() -> None:
    good = make_bin("05094001234")
    wrong = good[:-1] + str((int(good[-1]) + 1) % 10)
    with pytest.raises(ValidationError, match=wrong):
        validate_bin(wrong)


def test_validate_strips_spaces() -> None:
    good = make_bin("05094001234")
    assert validate_bin(f"  {good} ") == good
