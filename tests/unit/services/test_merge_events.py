"""Merge carries the event log, the yearly figures and the suspected hidden injuries (issue 18
item 8): a field laptop's events reach the office register, flag their hazards there as they
did on the laptop, and count in the office's indicators; a second merge adds nothing."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import select

from tests.conftest import Sample
from tests.unit.services.test_merge import content, engine_kind, pair  # noqa: F401 - fixtures
from wrac_desktop.domain.reconciliation import Findings, Visit
from wrac_desktop.importing.visits import VisitJournal
from wrac_desktop.persistence.models import Event, Hazard, HiddenInjury, OrganisationFigures
from wrac_desktop.register import Register
from wrac_desktop.services import events, merge, reassessment, reconcile, work

TODAY = date(2026, 6, 1)


def test_events_figures_and_hidden_injuries_travel_and_flag_their_hazards(
    pair: tuple[Register, Register, Sample],  # noqa: F811 - the fixture
) -> None:
    office, field, ids = pair
    with field.uow.transaction() as session:
        hazard = session.get_one(Hazard, ids.hazard_id)
        near_miss = events.add_event(
            session, "near-miss", datetime(2026, 3, 12, 9, 30), "Үңгілеуші", [str(hazard.uuid)],
            today=TODAY, person_name="Қасымов Әлібек",
        ).uuid  # fmt: skip
        mistake = events.add_event(
            session, "lost-time", datetime(2026, 3, 13), "Үңгілеуші", [str(hazard.uuid)],
            today=TODAY,
        )  # fmt: skip
        events.withdraw_event(session, mistake.uuid, "басқа кәсіпорын", TODAY)
        events.add_event(session, "fatal", datetime(2026, 4, 2), "Үңгілеуші", today=TODAY)
        events.set_figures(session, 2026, average_headcount=1500, hours_worked=3_000_000)
        visit = Visit(row=5, day=date(2026, 3, 20), person="Өмірзақова Ғалия",
                      personnel_no="0051", diagnosis="Ушиб колена")  # fmt: skip
        found = reconcile.Reconciliation(
            VisitJournal("visits", 1, {}, [visit]), Findings([visit], [], 1, 1, 0),
            visit.day, visit.day, "visits.csv",
        )  # fmt: skip
        assert reconcile.record_hidden(session, found, TODAY) == 1
    with office.uow.transaction() as session:
        events.set_figures(session, 2025, average_headcount=1400)
    report = merge.merge(office, field)
    assert report.counts.added == {"event": 3, "organisation_figures": 1, "hidden_injury": 1}
    with office.uow.reading() as session:
        assert {e.uuid for e in session.scalars(select(Event))} >= {near_miss, mistake.uuid}
        assert session.scalars(select(OrganisationFigures.year).order_by(
            OrganisationFigures.year)).all() == [2025, 2026]  # fmt: skip
        assert session.scalars(select(HiddenInjury.person)).all() == ["Өмірзақова Ғалия"]
        counted = events.period_indicators(session, events.period(2026), TODAY)
    assert counted["counts"]["hidden"] == 1 and counted["counts"]["fatal"] == 1
    assert round(counted["indicators"]["fatal_frequency"], 3) == 0.667  # 1 × 1,000 ÷ 1,500
    with work.reading(office) as on_office:
        flags = reassessment.flags_of(on_office, [ids.hazard_id])[ids.hazard_id]
    assert len(flags) == 1  # the near miss; the withdrawn accident raises none
    before = content(office)
    again = merge.merge(office, field)
    assert not again.written and content(office) == before


def test_a_merged_event_on_a_hazard_of_no_revision_here_flags_nothing(
    pair: tuple[Register, Register, Sample],  # noqa: F811 - the fixture
) -> None:
    office, field, _ids = pair
    with field.uow.transaction() as session:
        event = events.add_event(session, "near-miss", datetime(2026, 3, 12), "Үңгілеуші",
                                 today=TODAY)  # fmt: skip
        event.hazard_uuids = [str(uuid.uuid4())]  # a hazard only that copy ever had
    merge.merge(office, field)
    with work.reading(office) as on_office, office.uow.reading() as session:
        ids = list(session.scalars(select(Hazard.id)))
        assert reassessment.flags_of(on_office, ids) == {}
