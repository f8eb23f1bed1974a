"""The official forms every document writes: dates in words, the blank form, revisions,
initials and surname, the position named with the organisation, the legend's ranges."""

from __future__ import annotations

from datetime import date

import pytest

from wrac_desktop.reports.data import AssessmentInfo
from wrac_desktop.reports.official import (
    date_or_blank,
    document_line,
    initials_and_surname,
    official_date,
    position_with_organisation,
    revision_text,
)
from wrac_desktop.reports.scales import class_lines, kz_lines, score_range
from wrac_desktop.risk.presets import PRESETS

DAY = date(2026, 12, 6)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("ru", "«06» декабря 2026 г."),
        ("kk", "2026 жылғы «06» желтоқсан"),
        ("en", "6 December 2026"),
    ],
)
def test_an_approval_date_is_written_in_words(lang: str, expected: str) -> None:
    assert official_date(DAY, lang) == expected == date_or_blank(DAY, lang)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("ru", "«___» ____________ 20___ г."), ("kk", "20___ жылғы «___» ____________"),
     ("en", "“___” ____________ 20___")],
)  # fmt: skip
def test_no_date_yet_gives_the_blank_form_only(lang: str, expected: str) -> None:
    assert date_or_blank(None, lang) == expected


def test_every_month_has_its_document_form() -> None:
    months = [official_date(date(2026, month, 1), "ru").split()[1] for month in range(1, 13)]
    assert months[0] == "января" and months[4] == "мая" and len(set(months)) == 12
    kk = [official_date(date(2026, month, 1), "kk").split()[-1] for month in range(1, 13)]
    assert kk[0] == "қаңтар" and kk[11] == "желтоқсан" and len(set(kk)) == 12


def test_the_kazakh_revision_is_written_1_redaktsiya() -> None:
    assert revision_text(1, "kk") == "1-редакция"
    assert revision_text(2, "ru") == "Редакция 2" and revision_text(3, "en") == "Revision 3"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Ахметов Серик Болатович", "С.Б. Ахметов"),
        ("Нұрланова Айгерім Бахытқызы", "А.Б. Нұрланова"),
        ("Yerzhan Akhmetov", "Y. Akhmetov"),
        ("Ахметов Ержан", "Е. Ахметов"),
        ("Серікбаев Қ.", "Серікбаев Қ."),
        ("Ахметов", "Ахметов"),
    ],
)
def test_initials_then_surname(name: str, expected: str) -> None:
    assert initials_and_surname(name) == expected


def test_the_position_is_named_with_the_organisation_in_each_language() -> None:
    org = "ТОО «Алтай Кен»"
    assert position_with_organisation("Главный инженер", org, "ru") == f"Главный инженер {org}"
    assert position_with_organisation("Бас инженер", "«Алтай Кен» ЖШС", "kk") == (
        "«Алтай Кен» ЖШС бас инженер"
    )
    assert position_with_organisation("Chief engineer", "Altai Ken LLP", "en") == (
        "Chief engineer, Altai Ken LLP"
    )


def test_a_position_that_names_the_organisation_already_is_printed_as_it_is() -> None:
    """ "Главный инженер ТОО «Риддер Металл»" typed whole was printed "Главный инженер ТОО
    «Риддер Металл» ТОО «Риддер Металл»" (and in Kazakh with the name twice)."""
    org = "ТОО «Риддер Металл»"
    typed = f"Главный инженер {org}"
    assert position_with_organisation(typed, org, "ru") == typed
    assert position_with_organisation(typed, org, "kk") == typed
    assert position_with_organisation("Главный инженер", org, "ru") == typed


@pytest.mark.parametrize(
    ("number", "lang", "expected"),
    [
        ("ОПР-2026/01", "ru", "ОПР-2026/01 · Редакция 1 · Проект"),
        ("", "ru", "Редакция 1 · Проект"),
        ("", "kk", "1-редакция · Жоба"),
        ("", "en", "Revision 1 · Draft"),
    ],
)
def test_a_document_without_a_number_prints_no_empty_number(
    number: str, lang: str, expected: str
) -> None:
    """A register whose number was never given printed "Документ № · Редакция 1"."""
    draft = AssessmentInfo(title="t", document_number=number, revision=1, status="draft")
    assert document_line(draft, lang) == expected


def test_classes_print_their_score_ranges_and_national_degrees() -> None:
    matrix = PRESETS["wrac_5x5"]
    lines = class_lines(matrix, "ru")
    assert [line.texts[1] for line in lines] == ["1–5", "6–12", "13–20", "21–25"]
    assert [line.texts[2] for line in lines] == ["I–II", "III", "IV", "V"]
    assert score_range(PRESETS["product_5x5"], 5, 15) == "5–12"  # 13, 14: no product of 1..5
    assert kz_lines(matrix, "en")[0].startswith("I — ") and kz_lines(matrix, "en")[-1].endswith(
        "21–25"
    )
