"""A new revision copies every hazard and measure in the database (`INSERT … SELECT`, issue 22):
each copy equals its original in every column but its ids, and sits under its hazard's copy."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select

from wrac_desktop.persistence.models import ControlMeasure, Hazard
from wrac_desktop.register import open_register
from wrac_desktop.services import approval, assessments, demo

_IDS = {"id", "uuid", "lineage", "created_at", "modified_at", "row_version"}


def _rows(session: Any, model: type, where: Any) -> list[dict[str, Any]]:
    table = model.__table__  # type: ignore[attr-defined]
    return [dict(row) for row in session.execute(select(table).where(where)).mappings()]


def test_a_revision_copies_every_row_but_its_ids(tmp_path: Path) -> None:
    path = tmp_path / "demo.wrac"
    demo.write_demo(path, workplaces=4, seed=9)
    with open_register(path) as register, register.uow.transaction() as session:
        original = assessments.current_assessment(session)
        assert original is not None
        approval.approve(session, original, by="A", position="B", on=date(2026, 3, 16))
        draft = approval.start_revision(session, original)
        old = _rows(session, Hazard, Hazard.assessment_id == original.id)
        new = _rows(session, Hazard, Hazard.assessment_id == draft.id)
        old_ids = [h["id"] for h in old]
        new_ids = [h["id"] for h in new]
        old_measures = _rows(session, ControlMeasure, ControlMeasure.hazard_id.in_(old_ids))
        new_measures = _rows(session, ControlMeasure, ControlMeasure.hazard_id.in_(new_ids))
    assert len(new) == len(old) == 40 and len(new_measures) == len(old_measures) > 40
    by_lineage = {h["lineage"] or h["uuid"]: h for h in old}
    copy_of = {}
    for hazard in new:
        source = by_lineage[hazard["lineage"]]
        copy_of[source["id"]] = hazard["id"]
        assert hazard["uuid"] not in {h["uuid"] for h in old}
        assert hazard["assessment_id"] == draft.id and hazard["row_version"] == 1
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
