"""Hidden-injury reconciliation against a register (issue 18 item 3): the issue's own check,
every planted unmatched visit and event found among 5,000 visits and 300 events, and nothing
else (namesakes with other personnel numbers, visits a day outside the window)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from benchmarks.reconcile_bench import planted_case, write_journal
from wrac_desktop.persistence.models import Workplace
from wrac_desktop.register import open_register
from wrac_desktop.services import events, reconcile
from wrac_desktop.services.demo import write_demo


def test_every_planted_visit_and_event_is_found_and_nothing_else(tmp_path: Path) -> None:
    path = tmp_path / "r.wrac"
    write_demo(path, workplaces=1)
    case = planted_case()
    assert len(case.rows) == 5001 and len(case.events) == 300
    assert (len(case.hidden_rows), len(case.unrecorded)) == (40, 20)
    journal = write_journal(case, tmp_path / "visits.xlsx")
    with open_register(path) as register:
        added = []
        with register.uow.transaction() as session:
            workplace = str(session.scalars(select(Workplace.uuid)).first())
            for spec in case.events:
                fields = dict(spec)
                kind, moment = str(fields.pop("kind")), fields.pop("occurred_at")
                added.append(str(events.add_event(session, kind, moment, workplace, **fields).uuid))  # type: ignore[arg-type]
        with register.uow.reading() as session:
            result = reconcile.reconcile_file(session, journal)
    found = result.findings
    assert result.journal.problems == []
    assert found.visits == 5000 and found.events == 300
    assert {visit.row for visit in found.hidden} == case.hidden_rows
    assert {event.uuid for event in found.unrecorded} == {added[i] for i in case.unrecorded}
    assert all(event.workplace for event in found.unrecorded)
