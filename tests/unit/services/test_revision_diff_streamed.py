"""The revision diff pairs hazards from two lineage-ordered cursors (issue 22): its list must be
the one the whole-tree comparison gave, change for change and in the same order, whatever the
chunks, and when the database's order cannot be trusted."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from wrac_desktop.persistence import report_queries
from wrac_desktop.persistence.models import (
    Assessment,
    ControlMeasure,
    Hazard,
    TeamMember,
    Workplace,
)
from wrac_desktop.register import Register, open_register
from wrac_desktop.reports.fingerprint import FORMAT
from wrac_desktop.services import approval, editing, hazards, measures, revision_diff
from wrac_desktop.services.demo import write_demo
from wrac_desktop.services.fingerprints import canonical_content
from wrac_desktop.services.revision_diff import Change, content_changes, diff_revisions
from wrac_desktop.vocabulary import ControlLevel


@pytest.fixture(scope="module")
def revised(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Register]:
    """Revision 1 approved; revision 2 with hazards and measures added, removed and edited."""
    path: Path = tmp_path_factory.mktemp("diff") / "revised.wrac"
    write_demo(path, workplaces=4, seed=7)
    with open_register(path) as register:
        with register.uow.transaction() as session:
            first = session.scalars(select(Assessment)).one()
            approval.approve(
                session, first, by="Ахметов Е.С.", position="Директор", on=date(2026, 4, 1)
            )
            approval.start_revision(session, first)
        with register.uow.transaction() as session:
            _edit_the_draft(session)
        yield register


def _edit_the_draft(session: Session) -> None:
    draft = session.scalars(select(Assessment).where(Assessment.revision == 2)).one()
    rows = session.scalars(
        select(Hazard).where(Hazard.assessment_id == draft.id).order_by(Hazard.uuid)
    ).all()
    rows[0].description = "Жаңа сипаттама"
    rows[3].notes = "тексерілді"
    rows[5].measures[0].responsible = "Бас инженер"
    editing.delete_subtree(session, rows[7].measures[-1])
    measures.add_measure(session, rows[9], "Қосымша нұсқама", ControlLevel.ADMINISTRATIVE)
    for hazard in (rows[11], rows[20]):
        editing.delete_subtree(session, hazard)
    for text in ("Шу", "Діріл"):
        added = hazards.add_hazard(session, draft, session.scalars(select(Workplace)).first(), text)
        measures.add_measure(session, added, "Құлаққап", ControlLevel.PPE)
    session.scalars(
        select(TeamMember).where(TeamMember.assessment_id == draft.id)
    ).first().name = "Жаңа мүше"  # type: ignore[union-attr]


def _whole_tree_diff(session: Session, old: Assessment, new: Assessment) -> list[Change]:
    """The diff as it was made before: both canonical trees whole, every lineage at once."""
    keys: dict[str, str] = {}
    for model in (Hazard, ControlMeasure, TeamMember):
        for record in session.scalars(select(model)):
            keys[str(record.uuid)] = str(record.lineage or record.uuid)
    before = canonical_content(session, old, version=FORMAT)
    return content_changes(before, canonical_content(session, new, version=FORMAT), keys)


def _both(register: Register) -> tuple[list[Change], list[Change]]:
    with register.uow.reading() as session:
        old, new = session.scalars(select(Assessment).order_by(Assessment.revision)).all()
        return diff_revisions(session, old, new), _whole_tree_diff(session, old, new)


def test_the_streamed_diff_lists_what_the_whole_trees_did(revised: Register) -> None:
    streamed, whole = _both(revised)
    assert {change.kind for change in whole} == {"added", "removed", "changed"}
    assert len(whole) >= 9
    assert [change.text() for change in streamed] == [change.text() for change in whole]
    assert streamed == whole


def test_the_same_list_across_chunk_boundaries(
    revised: Register, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(report_queries, "STREAM_CHUNK", 3)
    streamed, whole = _both(revised)
    assert streamed == whole


def test_the_same_list_when_the_database_order_is_not_the_lineages(
    revised: Register, monkeypatch: pytest.MonkeyPatch
) -> None:
    read = report_queries.hazards_by_lineage

    def reversed_order(*args: object) -> Iterator[report_queries.LineageHazard]:
        return reversed(list(read(*args)))  # type: ignore[arg-type]

    monkeypatch.setattr(revision_diff, "hazards_by_lineage", reversed_order)
    streamed, whole = _both(revised)
    assert streamed == whole
