from datetime import date

import pytest

from wrac_desktop.domain.due_dates import format_due, from_excel_serial, parse_due


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("31.12.2025", date(2025, 12, 31)),
        ("до 31.12.2025", date(2025, 12, 31)),
        ("2025-03-04", date(2025, 3, 4)),
        ("5/6/2026", date(2026, 6, 5)),
        ("01.02.26", date(2026, 2, 1)),
        ("IV квартал 2025 г.", date(2025, 12, 31)),
        ("I кв. 2026", date(2026, 3, 31)),
        ("2026 ж. III тоқсан", None),  # year before quarter: only the year is certain…
        ("Q2 2027", date(2027, 6, 30)),
        ("03.2026", date(2026, 3, 31)),
        ("декабрь 2025", date(2025, 12, 31)),
        ("февраля 2024", date(2024, 2, 29)),
        ("желтоқсан 2025", date(2025, 12, 31)),
        ("2026 жыл", date(2026, 12, 31)),
        ("2027", date(2027, 12, 31)),
        ("Постоянно", None),
        ("үнемі", None),
        ("ежегодно", None),
        ("", None),
        (None, None),
        ("31.02.2025", None),  # not a real day: no deadline is invented
    ],
)
def test_parse_due(text: str | None, expected: date | None) -> None:
    if text == "2026 ж. III тоқсан":
        assert parse_due(text) == date(2026, 12, 31)  # …so the end of that year is the deadline
    else:
        assert parse_due(text) == expected


def test_december_and_january_compare_by_year() -> None:
    assert parse_due("декабрь 2025") < parse_due("январь 2026")  # type: ignore[operator]


def test_excel_serials_and_formatting() -> None:
    assert from_excel_serial(45657) == date(2024, 12, 31)
    assert format_due(date(2025, 1, 9)) == "09.01.2025"
    assert format_due("IV квартал") == "IV квартал"
    assert format_due(None) == ""
