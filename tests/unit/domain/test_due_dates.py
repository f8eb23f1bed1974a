from datetime import date

import pytest

from wrac_desktop.domain.due_dates import (
    MAX_DUE_CHARS,
    DueKind,
    format_due,
    from_excel_serial,
    is_unreadable_due,
    parse_due,
    read_due,
)

# Every form a Kazakh or Russian plan (or an English one) writes a deadline in, and the last day
# it stands for. Issue 23: the day was dropped, the Kazakh year-first order and quarters written
# after the year fell back to the year's end.
FORMS = [
    # numeric dates
    ("31.12.2025", date(2025, 12, 31)),
    ("до 31.12.2025", date(2025, 12, 31)),
    ("31.12.2025 г.", date(2025, 12, 31)),
    ("31.12.2025ж.", date(2025, 12, 31)),
    ("2025-03-04", date(2025, 3, 4)),
    ("5/6/2026", date(2026, 6, 5)),
    ("01.02.26", date(2026, 2, 1)),
    ("1.2.2026", date(2026, 2, 1)),
    ("не позднее 01.09.2026", date(2026, 9, 1)),
    ("15.03.2026 дейін", date(2026, 3, 15)),
    ("срок: 30.06.2026", date(2026, 6, 30)),
    # day, month name, year — Russian, every case the day takes
    ("15 марта 2026 г.", date(2026, 3, 15)),
    ("15 марта 2026 года", date(2026, 3, 15)),
    ("до 15 марта 2026 года", date(2026, 3, 15)),
    ("к 1 мая 2026 г.", date(2026, 5, 1)),
    ("«25» декабря 2026 г.", date(2026, 12, 25)),
    ("1 января 2027", date(2027, 1, 1)),
    ("29 февраля 2028 г.", date(2028, 2, 29)),
    ("30 сентября 2026", date(2026, 9, 30)),
    ("10 октября 2026 г.", date(2026, 10, 10)),
    ("20 ноября 2026г.", date(2026, 11, 20)),
    ("2-го августа 2026 года", date(2026, 8, 2)),
    ("5 июня 2026", date(2026, 6, 5)),
    ("31 июля 2026", date(2026, 7, 31)),
    ("15 апреля 2026", date(2026, 4, 15)),
    ("15 апр. 2026 г.", date(2026, 4, 15)),
    # day, month name, year — Kazakh, year first (the official order) and day first
    ("2026 жылғы 15 наурыз", date(2026, 3, 15)),
    ("2026 жылғы «15» наурыз", date(2026, 3, 15)),
    ("2026 жылғы 15 наурызға дейін", date(2026, 3, 15)),
    ("2026 жылғы 1 қаңтар", date(2026, 1, 1)),
    ("2026 жылғы 28 ақпан", date(2026, 2, 28)),
    ("2026 жылғы 30 сәуірге дейін", date(2026, 4, 30)),
    ("2026 жылғы 31 мамыр", date(2026, 5, 31)),
    ("2026 жылғы 1 шілдеге дейін", date(2026, 7, 1)),
    ("2026 ж. 20 тамыз", date(2026, 8, 20)),
    ("2026 жылғы 15 қыркүйек", date(2026, 9, 15)),
    ("2026 жылғы 25 қазан", date(2026, 10, 25)),
    ("2026 жылғы 30 қарашаға дейін", date(2026, 11, 30)),
    ("15 желтоқсан 2026 ж.", date(2026, 12, 15)),
    ("2026 жылғы наурыздың 15-і", date(2026, 3, 15)),
    # English
    ("March 15, 2026", date(2026, 3, 15)),
    ("15 March 2026", date(2026, 3, 15)),
    ("by 1 July 2026", date(2026, 7, 1)),
    # month and year
    ("03.2026", date(2026, 3, 31)),
    ("2026-02", date(2026, 2, 28)),
    ("декабрь 2025", date(2025, 12, 31)),
    ("февраля 2024", date(2024, 2, 29)),
    ("март 2026", date(2026, 3, 31)),
    ("до мая 2026 г.", date(2026, 5, 31)),
    ("в июне 2026 года", date(2026, 6, 30)),
    ("желтоқсан 2025", date(2025, 12, 31)),
    ("2026 жылғы маусым", date(2026, 6, 30)),
    ("2026 жылдың наурызы", date(2026, 3, 31)),
    ("2026 жылдың қыркүйегіне дейін", date(2026, 9, 30)),  # к turns г before a vowel
    ("2026 жылғы шілдеде", date(2026, 7, 31)),
    ("September 2026", date(2026, 9, 30)),
    # quarters: I–IV or 1–4, тоқсан/квартал before or after the year
    ("IV квартал 2025 г.", date(2025, 12, 31)),
    ("I кв. 2026", date(2026, 3, 31)),
    ("II кв. 2026", date(2026, 6, 30)),
    ("до III квартала 2026 года", date(2026, 9, 30)),
    ("2-й квартал 2026", date(2026, 6, 30)),
    ("2 квартал 2026 г.", date(2026, 6, 30)),
    ("второй квартал 2026 года", date(2026, 6, 30)),
    ("в течение четвертого квартала 2026 г.", date(2026, 12, 31)),
    ("2026 ж. II тоқсан", date(2026, 6, 30)),
    ("2026 ж. III тоқсан", date(2026, 9, 30)),
    ("2026 жылдың ІІ тоқсаны", date(2026, 6, 30)),  # Kazakh letter і typed for I
    ("2026 жылғы 1-тоқсан", date(2026, 3, 31)),
    ("2026 жылдың төртінші тоқсанына дейін", date(2026, 12, 31)),
    ("IV тоқсан 2026 ж.", date(2026, 12, 31)),
    ("Q2 2027", date(2027, 6, 30)),
    ("IV quarter 2026", date(2026, 12, 31)),
    ("2027 Q1", date(2027, 3, 31)),
    # half-years
    ("I полугодие 2026 г.", date(2026, 6, 30)),
    ("1-е полугодие 2026", date(2026, 6, 30)),
    ("до конца второго полугодия 2026 года", date(2026, 12, 31)),
    ("2026 жылдың бірінші жартыжылдығы", date(2026, 6, 30)),
    ("2026 ж. II жартыжылдық", date(2026, 12, 31)),
    ("H2 2026", date(2026, 12, 31)),
    # years and ranges of years
    ("2026 жыл", date(2026, 12, 31)),
    ("2027", date(2027, 12, 31)),
    ("2026 год", date(2026, 12, 31)),
    ("до конца 2026 года", date(2026, 12, 31)),
    ("2026 жылдың соңына дейін", date(2026, 12, 31)),
    ("2026–2027 гг.", date(2027, 12, 31)),
    ("в течение 2026 года", date(2026, 12, 31)),
]

STANDING = ["Постоянно", "үнемі", "ежегодно", "Жыл сайын", "ежеквартально", "тоқсан сайын"]
STANDING += ["по мере необходимости", "Permanently"]

# Texts that name no exact deadline: kept verbatim, no date, reported — never rounded to a year.
UNREADABLE = [
    "²",  # a digit to str.isdigit, not to int(): crashed the import (hypothesis found it)
    "1²",
    "31.12.2026²",
    "31.02.2025",  # no such day
    "V квартал 2026",
    "5 квартал 2026",
    "III полугодие 2026",
    "32 марта 2026",
    "15.03",  # no year
    "март",
    "мартышка 2026",
    "начало 2026 года",
    "2026 жылдың басында",
    "с 01.01.2026 по 31.12.2026",
    "I–II кв. 2026",
    "после ремонта, 2026",
    "2026-2025",
    "15.03/2026",
    "в 2026 или 2027 году",
    "12345",
]


@pytest.mark.parametrize(("text", "expected"), FORMS)
def test_every_written_form_reads_as_its_deadline(text: str, expected: date | None) -> None:
    assert parse_due(text) == expected
    assert read_due(text).kind is (DueKind.DATE if expected else DueKind.UNREADABLE)


def test_the_table_covers_at_least_sixty_forms() -> None:
    assert len({text for text, deadline in FORMS if deadline}) >= 60


@pytest.mark.parametrize("text", STANDING)
def test_standing_values_have_no_deadline_and_no_warning(text: str) -> None:
    assert read_due(text) == read_due(text.upper())
    assert read_due(text).kind is DueKind.STANDING
    assert parse_due(text) is None and not is_unreadable_due(text)


@pytest.mark.parametrize("text", UNREADABLE)
def test_what_cannot_be_read_exactly_gets_no_date(text: str) -> None:
    assert parse_due(text) is None
    assert is_unreadable_due(text)


@pytest.mark.parametrize("text", ["", "   ", None])
def test_empty_is_neither_a_date_nor_a_warning(text: str | None) -> None:
    assert read_due(text).kind is DueKind.EMPTY and not is_unreadable_due(text)


def test_long_texts_are_kept_unread() -> None:
    padded = "до 31.12.2026" + " " * (MAX_DUE_CHARS - 13) + "."
    assert parse_due(padded[:MAX_DUE_CHARS]) == date(2026, 12, 31)
    assert is_unreadable_due(padded + "x")


def test_a_cell_of_excels_largest_size_is_refused_without_backtracking() -> None:
    # Issue 23: one 2,000-letter cell took 84 s, 32,767 letters never finished.
    assert is_unreadable_due("а" * 32_767)
    assert is_unreadable_due(("ааа " * 25)[:MAX_DUE_CHARS])


def test_december_and_january_compare_by_year() -> None:
    assert parse_due("декабрь 2025") < parse_due("январь 2026")  # type: ignore[operator]


def test_excel_serials_and_formatting() -> None:
    assert from_excel_serial(45657) == date(2024, 12, 31)
    assert format_due(date(2025, 1, 9)) == "09.01.2025"
    assert format_due("IV квартал") == "IV квартал"
    assert format_due(None) == ""
