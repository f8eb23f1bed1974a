"""Hidden-injury reconciliation's matching rules (issue 18 item 3), on hand-made cases."""

from __future__ import annotations

from datetime import date

import pytest

from wrac_desktop.domain.reconciliation import (
    EventRecord,
    Visit,
    looks_like_injury,
    name_key,
    reconcile,
    same_person,
)

DAY = date(2026, 3, 12)


def visit(row: int, day: date, person: str, number: str = "", diagnosis: str = "ушиб кисти",
          related: bool | None = None) -> Visit:  # fmt: skip
    return Visit(row, day, person, number, diagnosis, related)


def event(
    key: str, day: date, person: str, number: str = "", kind: str = "first-aid"
) -> EventRecord:
    return EventRecord(key, day, kind, person, number)


@pytest.mark.parametrize(
    ("diagnosis", "injury"),
    [
        ("Ушиб левой кисти", True),
        ("S62.3 перелом пястной кости", True),
        ("T20 burn of the head", True),
        ("Т23.2 (cyrillic T)", True),
        ("MT200 unit", False),
        ("Сол қолдың жарақаты", True),
        ("Саусақтың кесігі", True),
        ("ОРВИ, температура", False),
        ("Гипертония; консультация по охране труда", False),  # "охрана" holds "рана"
        ("J06.9 острая инфекция", False),
        ("Тұмау", False),
    ],
)
def test_what_looks_like_a_work_injury(diagnosis: str, injury: bool) -> None:
    assert looks_like_injury(visit(2, DAY, "A", diagnosis=diagnosis)) is injury


def test_the_journals_own_column_decides_over_the_words() -> None:
    assert not looks_like_injury(visit(2, DAY, "A", diagnosis="ушиб", related=False))
    assert looks_like_injury(visit(2, DAY, "A", diagnosis="головная боль", related=True))


def test_names_compare_by_surname_and_initials() -> None:
    assert name_key("Иванов Иван Иванович") == name_key("ИВАНОВ И.И.") == "иванов ии"
    assert name_key("Қасымов Әлібек") == name_key("қасымов ә.") == "қасымов ә"
    assert name_key("") == name_key("И.") == ""


def test_different_personnel_numbers_never_match_even_with_one_name() -> None:
    assert not same_person("0042", "Иванов И.И.", "0043", "Иванов И.И.")
    assert same_person("0042", "Иванов И.И.", "42", "Petrov P.")  # the number decides
    assert same_person("", "Иванов И.И.", "0043", "Иванов Иван Иванович")
    assert not same_person("", "Иванов И.И.", "", "Иванов П.И.")


def test_reconcile_pairs_within_three_days_and_lists_both_sides() -> None:
    visits = [
        visit(2, date(2026, 3, 12), "Иванов И.И.", "0042"),  # event 3 days later: matched
        visit(3, date(2026, 3, 12), "Петров П.П.", "0043"),  # event 4 days later: hidden
        visit(4, date(2026, 3, 20), "Сидоров С.С.", diagnosis="ОРВИ"),  # not an injury
        visit(5, date(2026, 3, 21), "Ахметов А.", "0050"),  # the event has another number
    ]
    events = [
        event("e1", date(2026, 3, 15), "Иванов Иван", "42"),
        event("e2", date(2026, 3, 16), "Петров Пётр", "0043"),
        event("e3", date(2026, 3, 21), "Ахметов А.", "0051"),
        event("e4", date(2026, 3, 20), "Сидоров С.С.", kind="near-miss"),  # no injury
        event("e5", date(2026, 3, 20), "Сидоров С.С.", kind="lost-time"),  # visit 4 is his
    ]
    found = reconcile(visits, events)
    assert [v.row for v in found.hidden] == [3, 5]
    assert [e.uuid for e in found.unrecorded] == ["e2", "e3"]
    assert (found.visits, found.injury_visits, found.events, found.unmatched) == (4, 3, 4, 4)
