"""Kazakh order and case-insensitive search: the same answers on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from tests.conftest import Sample
from wrac_desktop.persistence.models import Assessment, Workplace
from wrac_desktop.persistence.plan_queries import responsible_people
from wrac_desktop.persistence.queries import HazardFilter, hazard_ids, hazard_rows
from wrac_desktop.register import Register
from wrac_desktop.services import hazards, measures
from wrac_desktop.text import kazakh_sorted
from wrac_desktop.vocabulary import ControlLevel

# Every Kazakh letter beside its Russian neighbour, upper and lower case, plus Latin text:
# code-point order and most server locales get several of these wrong.
DESCRIPTIONS = [
    "Өрт қаупі", "Орт", "қар көшкіні", "Кар", "Ұшқын", "Уыт", "Үйінді", "Ашық шахта", "Әсер",
    "ағын су", "Іргетас", "Ыстық", "Һауа", "Хлор", "шу", "Ёмкость", "Ель", "Noise", "acid",
    "Ғимарат", "Газ", "Ңу", "Нәрсе",
]  # fmt: skip


@pytest.fixture
def many_hazards(sample_register: tuple[Register, Sample]) -> tuple[Register, Sample, list[str]]:
    register, ids = sample_register
    with register.uow.transaction() as session:
        assessment = session.get_one(Assessment, ids.assessment_id)
        workplace = session.get_one(Workplace, ids.workplace_id)
        for text in DESCRIPTIONS:
            hazard = hazards.add_hazard(session, assessment, workplace, text)
            measures.add_measure(
                session, hazard, "Measure", ControlLevel.ENGINEERING, responsible=text
            )
    with register.uow.reading() as session:
        existing = [row.description for row in hazard_rows(session, HazardFilter())]
    return register, ids, existing


def descriptions(register: Register, **options: object) -> list[str]:
    with register.uow.reading() as session:
        order = hazard_ids(session, HazardFilter(), **options)  # type: ignore[arg-type]
        by_id = {row.id: row.description for row in hazard_rows(session, HazardFilter())}
        return [by_id[i] for i in order]


def test_sorting_by_description_is_kazakh_alphabetical(
    many_hazards: tuple[Register, Sample, list[str]],
) -> None:
    register, _ids, existing = many_hazards
    expected = kazakh_sorted(existing)
    assert expected.index("Әсер") == expected.index("Ашық шахта") + 1
    assert descriptions(register, sort="description") == expected
    assert descriptions(register, sort="description", descending=True) == expected[::-1]


def test_a_page_sorted_by_text_is_a_slice_of_the_whole_order(
    many_hazards: tuple[Register, Sample, list[str]],
) -> None:
    register, _ids, existing = many_hazards
    with register.uow.reading() as session:
        page = hazard_rows(session, HazardFilter(), sort="description", offset=3, limit=5)
    assert [row.description for row in page] == kazakh_sorted(existing)[3:8]


@pytest.mark.parametrize(
    ("words", "found"),
    [
        ("ӨРТ", ["Өрт қаупі"]),
        ("ҚАР", ["қар көшкіні"]),
        ("ұшқ", ["Ұшқын"]),
        ("ЕМКОСТЬ", ["Ёмкость"]),  # ё and е are one letter to a searcher
        ("NOISE", ["Noise"]),
        ("іргетас", ["Іргетас"]),
        ("ағын СУ", ["ағын су"]),
        ("өрт нет", []),
    ],
)
def test_search_folds_case_in_every_language(
    many_hazards: tuple[Register, Sample, list[str]], words: str, found: list[str]
) -> None:
    register, _ids, _existing = many_hazards
    with register.uow.reading() as session:
        rows = hazard_rows(session, HazardFilter(text=words))
    assert [row.description for row in rows] == found


def test_responsible_people_are_listed_in_kazakh_order(
    many_hazards: tuple[Register, Sample, list[str]],
) -> None:
    register, _ids, _existing = many_hazards
    with register.uow.reading() as session:
        people = responsible_people(session)
    assert people == kazakh_sorted(DESCRIPTIONS)
