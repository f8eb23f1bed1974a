"""Events and yearly figures: recorded, checked, withdrawn with a reason, counted (issue 18)."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select

from tests.conftest import Sample
from wrac_desktop.errors import ValidationError
from wrac_desktop.persistence.models import AuditEntry, Event, Hazard, Workplace
from wrac_desktop.register import Register
from wrac_desktop.services import events, organisation

TODAY = date(2026, 6, 1)


def _workplace_uuid(register: Register, ids: Sample) -> str:
    with register.uow.reading() as session:
        return str(session.get_one(Workplace, ids.workplace_id).uuid)


def test_an_event_is_recorded_and_audited(sample_register: tuple[Register, Sample]) -> None:
    register, ids = sample_register
    with register.uow.transaction() as session:
        hazard = session.get_one(Hazard, ids.hazard_id)
        event = events.add_event(
            session, "near-miss", datetime(2026, 3, 12, 9, 30), "Үңгілеуші", [str(hazard.uuid)],
            today=TODAY, person_name="Қасымов Әлібек", description="Жыныс кесегі құлады",
        )  # fmt: skip
        event_uuid = event.uuid
    with register.uow.reading() as session:
        stored = session.scalars(select(Event)).one()
        assert stored.kind == "near-miss" and stored.person_name == "Қасымов Әлібек"
        assert stored.hazard_uuids == [str(hazard.uuid)]
        logged = session.scalars(
            select(AuditEntry).where(AuditEntry.entity_uuid == event_uuid)
        ).all()
        assert [entry.action for entry in logged] == ["insert"]


@pytest.mark.parametrize(
    ("when", "place", "message"),
    [
        (datetime(2026, 6, 2), "Үңгілеуші", "future"),
        (datetime(2026, 3, 1), "Жоқ жұмыс орны", "no workplace"),
    ],
)
def test_a_future_date_or_an_unknown_workplace_is_refused(
    sample_register: tuple[Register, Sample], when: datetime, place: str, message: str
) -> None:
    register, _ids = sample_register
    with pytest.raises(ValidationError, match=message), register.uow.transaction() as session:
        events.add_event(session, "fatal", when, place, today=TODAY)
    with register.uow.reading() as session:
        assert session.scalars(select(Event)).all() == []


def test_a_hazard_of_another_workplace_is_refused(
    sample_register: tuple[Register, Sample],
) -> None:
    register, ids = sample_register
    with register.uow.transaction() as session:
        unit = session.get_one(Workplace, ids.workplace_id).unit
        organisation.add_workplace(session, unit, "Жүргізуші")
    with (
        pytest.raises(ValidationError, match="another workplace"),
        register.uow.transaction() as session,
    ):
        hazard = session.get_one(Hazard, ids.hazard_id)
        events.add_event(
            session, "near-miss", datetime(2026, 3, 1), "Жүргізуші", [str(hazard.uuid)],
            today=TODAY,
        )  # fmt: skip


def test_a_withdrawn_event_stays_with_its_reason_and_is_not_counted(
    sample_register: tuple[Register, Sample],
) -> None:
    register, ids = sample_register
    place = _workplace_uuid(register, ids)
    with register.uow.transaction() as session:
        kept = events.add_event(session, "fatal", datetime(2026, 2, 1), place, today=TODAY)
        gone = events.add_event(session, "fatal", datetime(2026, 2, 2), place, today=TODAY)
        events.set_figures(session, 2026, average_headcount=1500)
        with pytest.raises(ValidationError):
            events.withdraw_event(session, gone.uuid, "  ", TODAY)
        events.withdraw_event(session, gone.uuid, "Entered twice", TODAY)
        kept_uuid = kept.uuid
    with register.uow.reading() as session:
        assert [e.uuid for e in events.list_events(session)] == [kept_uuid]
        withdrawn = session.scalars(select(Event).where(Event.deleted_on.is_not(None))).one()
        assert withdrawn.deletion_reason == "Entered twice"
        result = events.period_indicators(session, events.period(2026))
    assert result["counts"]["fatal"] == 1
    assert result["indicators"]["fatal_frequency"] == pytest.approx(1 / 1.5)


def test_indicators_by_hand_two_fatal_among_1500(
    sample_register: tuple[Register, Sample],
) -> None:
    register, ids = sample_register
    place = _workplace_uuid(register, ids)
    with register.uow.transaction() as session:
        for day in (date(2026, 1, 10), date(2026, 5, 3)):
            events.add_event(session, "fatal", datetime(day.year, day.month, day.day), place,
                             today=TODAY)  # fmt: skip
        events.add_event(session, "lost-time", datetime(2026, 5, 4), place, today=TODAY)
        events.add_event(session, "near-miss", datetime(2025, 12, 31, 23), place, today=TODAY)
        events.set_figures(
            session, 2026, average_headcount=1500, hours_worked=3_000_000, safety_officers=4,
            officers_tested=3,
        )  # fmt: skip
    with register.uow.reading() as session:
        year = events.period_indicators(session, events.period(2026))
        second = events.period_indicators(session, events.period(2026, 2))
    assert round(year["indicators"]["fatal_frequency"], 3) == 1.333
    assert year["indicators"]["ltifr"] == 1.0  # 3 × 1e6 ÷ 3e6
    assert year["indicators"]["knowledge_test"] == 75
    assert year["counts"]["events"] == 3  # the near miss of 2025 is not in 2026
    assert year["targets"]["fatal_frequency"] == 0.031
    assert (second["from"], second["to"], second["counts"]["fatal"]) == (
        "2026-04-01", "2026-06-30", 1,
    )  # fmt: skip


def test_figures_of_a_year_have_one_record_whatever_copy_made_it(
    sample_register: tuple[Register, Sample],
) -> None:
    register, _ids = sample_register
    with register.uow.transaction() as session:
        first = events.set_figures(session, 2026, average_headcount=1500, insurer="Халық")
        again = events.set_figures(session, 2026, hours_worked=100)
        assert first is again and first.uuid == events.q.figures_uuid(2026)
        assert (again.average_headcount, again.hours_worked, again.insurer) == (1500, 100, "Халық")
        with pytest.raises(ValidationError):
            events.set_figures(session, 2026, average_headcount=-1)
