"""A new revision copies every hazard and measure in the database (`INSERT … SELECT`, issue 22):
each copy equals its original in every column but its ids, and sits under its hazard's copy."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select

from tests.conftest import Sample
from wrac_desktop.persistence.models import Assessment, ControlMeasure, Hazard, Workplace
from wrac_desktop.register import Register, open_location
from wrac_desktop.services import approval, assessments, demo, hazards, measures
from wrac_desktop.vocabulary import ControlLevel

_IDS = {"id", "uuid", "lineage", "created_at", "modified_at", "row_version"}


def _rows(session: Any, model: type, where: Any) -> list[dict[str, Any]]:
    table = model.__table__  # type: ignore[attr-defined]
    return [dict(row) for row in session.execute(select(table).where(where)).mappings()]


Rows = list[dict[str, Any]]


def _revised_demo(location: str) -> tuple[int, Rows, Rows, Rows, Rows]:
    """A 40-hazard demo at ``location``, approved and revised: the draft's id, and the hazards
    and measures of the original and of the draft (old, new, old measures, new measures)."""
    demo.write_demo(location, workplaces=4, seed=9)
    with open_location(location) as register, register.uow.transaction() as session:
        original = assessments.current_assessment(session)
        assert original is not None
        approval.approve(session, original, by="A", position="B", on=date(2026, 3, 16))
        draft = approval.start_revision(session, original)
        hazards_of = [
            _rows(session, Hazard, Hazard.assessment_id == revision.id)
            for revision in (original, draft)
        ]
        measures_of = [
            _rows(session, ControlMeasure, ControlMeasure.hazard_id.in_([h["id"] for h in rows]))
            for rows in hazards_of
        ]
        (old, new), (old_measures, new_measures) = hazards_of, measures_of
        return draft.id, old, new, old_measures, new_measures


def test_a_revision_copies_every_row_but_its_ids(tmp_path: Path) -> None:
    draft_id, old, new, old_measures, new_measures = _revised_demo(str(tmp_path / "demo.wrac"))
    assert len(new) == len(old) == 40 and len(new_measures) == len(old_measures) > 40
    by_lineage = {h["lineage"] or h["uuid"]: h for h in old}
    copy_of = {}
    for hazard in new:
        source = by_lineage[hazard["lineage"]]
        copy_of[source["id"]] = hazard["id"]
        assert hazard["uuid"] not in {h["uuid"] for h in old}
        assert hazard["assessment_id"] == draft_id and hazard["row_version"] == 1
        same = {k: v for k, v in hazard.items() if k not in (*_IDS, "assessment_id")}
        assert same == {k: source[k] for k in same}
    measures = {m["lineage"] or m["uuid"]: m for m in old_measures}
    for measure in new_measures:
        source = measures[measure["lineage"]]
        assert measure["hazard_id"] == copy_of[source["hazard_id"]]
        same = {k: v for k, v in measure.items() if k not in (*_IDS, "hazard_id")}
        assert same == {k: source[k] for k in same}
    assert (
        len({m["uuid"] for m in new_measures} | {m["uuid"] for m in old_measures})
        == len(new_measures) * 2
    )


def test_the_database_gives_copies_new_ids_and_version_4_uuids(
    sample_register: tuple[Register, Sample],
) -> None:
    """The ids and UUIDs are made in SQL (a sequence on PostgreSQL, the highest id and
    randomblob in SQLite): records added to the draft afterwards get ids of their own."""
    register, sample = sample_register
    with register.uow.transaction() as session:
        original = session.get(Assessment, sample.assessment_id)
        assert original is not None
        approval.approve(session, original, by="A", position="B", on=date(2026, 3, 16))
        draft = approval.start_revision(session, original)
        (copy,) = _rows(session, Hazard, Hazard.assessment_id == draft.id)
        copied = _rows(session, ControlMeasure, ControlMeasure.hazard_id == copy["id"])
        hazard = session.get(Hazard, copy["id"])
        workplace = session.get(Workplace, sample.workplace_id)
        assert hazard is not None and workplace is not None
        added = measures.add_measure(session, hazard, "Өздігінен құтқарғыш", ControlLevel.PPE)
        another = hazards.add_hazard(session, draft, workplace, "Шу")
        session.flush()
        added_ids = (added.id, another.id)
    assert copy["id"] > sample.hazard_id and len(copied) == 2
    for row in (copy, *copied):
        assert isinstance(row["uuid"], uuid.UUID)
        assert row["uuid"].version == 4 and row["uuid"].variant == uuid.RFC_4122
    assert added_ids[0] > max(m["id"] for m in copied) and added_ids[1] > copy["id"]


def test_the_copies_uuids_ascend_with_their_ids(register_location: str) -> None:
    """The random seeds are sorted onto the rows in id order: the copies go into the UUID
    index in ascending order (random order spilled its pages from SQLite's cache: issue 22),
    each still a version-4 UUID of its own."""
    _, _, copies, _, copied = _revised_demo(register_location)
    for rows in (copies, copied):
        in_id_order = [row["uuid"] for row in sorted(rows, key=lambda row: row["id"])]
        assert len(rows) > 30 and in_id_order == sorted(in_id_order)
        assert len(set(in_id_order)) == len(rows)
        assert all(u.version == 4 and u.variant == uuid.RFC_4122 for u in in_id_order)
