from datetime import date, datetime

import pytest

from wrac_desktop.formatting import format_date, format_number
from wrac_desktop.i18n import set_language


@pytest.mark.parametrize(
    ("lang", "expected"), [("kk", "09.01.2026"), ("ru", "09.01.2026"), ("en", "9 Jan 2026")]
)
def test_dates_per_language(lang: str, expected: str) -> None:
    assert format_date(date(2026, 1, 9), lang) == expected
    assert format_date(datetime(2026, 1, 9, 23, 59), lang) == expected
    assert format_date(None, lang) == ""


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("kk", "12\u00a0500,50"), ("ru", "12\u00a0500,50"), ("en", "12,500.50")],
)
def test_numbers_per_language(lang: str, expected: str) -> None:
    assert format_number(12500.5, lang, decimals=2) == expected
    assert format_number(-1234567, lang).count(expected[2]) == 2  # both groups separated


def test_the_current_language_is_the_default() -> None:
    set_language("en")
    assert format_date(date(2026, 12, 31)) == "31 Dec 2026"
    set_language("kk")
    assert format_number(10000) == "10\u00a0000"
    with pytest.raises(ValueError, match="unsupported language"):
        format_date(date(2026, 1, 1), "de")
