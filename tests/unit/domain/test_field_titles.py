"""Change lists name fields as the user knows them, in the user's language."""

from __future__ import annotations

import pytest

from wrac_desktop import i18n
from wrac_desktop.domain.field_titles import field_title, field_value, record_title
from wrac_desktop.domain.records import HAZARD_FIELDS, MEASURE_FIELDS
from wrac_desktop.reports.fingerprint import ASSESSMENT_FIELDS
from wrac_desktop.services.revision_diff import Change


@pytest.mark.parametrize("name", [*ASSESSMENT_FIELDS, *HAZARD_FIELDS, *MEASURE_FIELDS])
def test_every_field_the_fingerprint_covers_has_a_title(name: str) -> None:
    i18n.set_language("en")
    assert field_title(name) != name


def test_titles_follow_the_current_language() -> None:
    i18n.set_language("ru")
    assert (field_title("due_text"), record_title("control_measure")) == (
        "Срок исполнения",
        "мера управления риском",
    )
    i18n.set_language("kk")
    text = Change("changed", "hazard", "Шу", "initial_score", 4, 9).text()
    assert text == "қауіп «Шу»: Бастапқы тәуекел бағасы 4 → 9"
    assert (
        Change("added", "measure", "Желдету").text() == "тәуекелді басқару шарасы «Желдету» қосылды"
    )


def test_an_unknown_field_is_shown_as_it_is() -> None:
    assert field_title("colour_of_the_sky") == "colour_of_the_sky"
    assert record_title("spaceship") == "spaceship"


def test_dates_in_a_change_read_as_the_language_writes_them() -> None:
    i18n.set_language("ru")
    change = Change("changed", "assessment", "Оценка", "next_review_on", "2027-03-16", None)
    assert change.text().endswith("16.03.2027 → —")
    assert field_value("due_date", "not a date") == "not a date"
    assert field_value("notes", "2027-03-16") == "2027-03-16"  # a note is text, whatever it says
    assert field_value("cost", None) == ""
