"""A due date printed in a document of another language says the same deadline in its words."""

from __future__ import annotations

import pytest

from wrac_desktop.domain.due_dates import read_due
from wrac_desktop.domain.due_wording import due_in_language
from wrac_desktop.i18n import both

REWORDED = [
    ("2027 ж. IV тоқсан", "ru", "IV квартал 2027 г."),
    ("2027 ж. IV тоқсан", "en", "Q4 2027"),
    ("IV кв. 2027", "kk", "2027 ж. IV тоқсан"),
    ("III quarter 2027", "kk", "2027 ж. III тоқсан"),
    ("Q3 2027", "ru", "III квартал 2027 г."),
    ("II полугодие 2026", "kk", "2026 ж. II жартыжылдық"),
    ("2026 ж. I жартыжылдық", "en", "H1 2026"),
    ("декабрь 2025", "kk", "2025 ж. желтоқсан"),
    ("2026 жылдың наурызы", "ru", "март 2026 г."),
    ("May 2026", "kk", "2026 ж. мамыр"),
    ("до 15 марта 2026 г.", "kk", "15.03.2026"),
    ("2026 жылғы 15 наурыз", "en", "15 Mar 2026"),  # as English documents write days
    ("2027 г.", "kk", "2027 ж."),
    ("үнемі", "ru", "постоянно"),
    ("Жыл сайын", "en", "annually"),
    ("по мере необходимости", "kk", "қажет болған жағдайда"),
    ("weekly", "ru", "еженедельно"),
]


@pytest.mark.parametrize(("text", "lang", "printed"), REWORDED)
def test_a_deadline_in_another_language_is_printed_in_the_documents(
    text: str, lang: str, printed: str
) -> None:
    assert due_in_language(text, lang) == printed
    # ...and says the same deadline: read back, it is the same day (or the same standing value)
    assert read_due(printed).deadline == read_due(text).deadline
    assert read_due(printed).standing == read_due(text).standing


KEPT = [
    ("IV кв. 2027", "ru"),  # already in the document's language: as the officer wrote it
    ("2027 ж. IV тоқсан", "kk"),
    ("Q4 2027", "en"),
    ("31.12.2027", "kk"),  # digits only: in no language
    ("после ремонта конвейера", "kk"),  # not understood: as written
    ("", "ru"),
]


@pytest.mark.parametrize(("text", "lang"), KEPT)
def test_a_due_date_in_the_documents_language_or_in_none_is_printed_as_written(
    text: str, lang: str
) -> None:
    assert due_in_language(text, lang) == text


def test_a_bilingual_document_prints_the_deadline_in_each_language() -> None:
    assert due_in_language("2027 ж. IV тоқсан", "kk+ru") == both(
        "2027 ж. IV тоқсан", "IV квартал 2027 г."
    )
    assert due_in_language("31.12.2027", "kk+ru") == "31.12.2027"  # the same in both: once
