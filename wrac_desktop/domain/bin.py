"""Kazakhstan's business identification number (БИН / БСН): 12 digits, the last a check digit.

The check digit is the weighted sum of the first 11 digits modulo 11, with weights 1…11; if
that gives 10 the sum is taken again with weights 3…11, 1, 2; a second 10 means the number
cannot be valid. Individual entrepreneurs use their IIN, which follows the same rule.
"""

from __future__ import annotations

from wrac_desktop.errors import ValidationError
from wrac_desktop.i18n import _

_FIRST_WEIGHTS = tuple(range(1, 12))
_SECOND_WEIGHTS = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)


def bin_check_digit(first_eleven: str) -> int | None:
    """The check digit for 11 digits, or None when no digit can make them valid."""
    digits = [int(char) for char in first_eleven]
    for weights in (_FIRST_WEIGHTS, _SECOND_WEIGHTS):
        remainder = sum(d * w for d, w in zip(digits, weights, strict=True)) % 11
        if remainder != 10:
            return remainder
    return None


def bin_problem(value: str) -> str | None:
    """Why ``value`` is not a valid BIN, or None if it is."""
    text = value.strip()
    if len(text) != 12 or not text.isascii() or not text.isdigit():
        return _("a BIN has exactly 12 digits; got “{value}”").format(value=value)
    expected = bin_check_digit(text[:11])
    if expected is None or expected != int(text[11]):
        return _("BIN {value} fails its check digit; check it for a typo").format(value=text)
    return None


def validate_bin(value: str) -> str:
    """Return the BIN stripped of spaces, or raise ValidationError saying what is wrong."""
    problem = bin_problem(value)
    if problem:
        raise ValidationError(problem)
    return value.strip()


def make_bin(first_eleven: str) -> str:
    """Complete 11 digits with their check digit (for demo data and tests)."""
    digit = bin_check_digit(first_eleven)
    if digit is None:
        raise ValidationError(_("no check digit exists for {value}").format(value=first_eleven))
    return first_eleven + str(digit)
