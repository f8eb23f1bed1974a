"""Issue 23 item 4: every field an edit behind the app's back can change, and every row it can
delete, is named by `wrac check` (issue 17's progress and attachment logs and issue 18's
re-assessment flags too).

One edit of every class (table, column: ``tests.tamper_campaign``) on a register made by every
kind of writer: a class check misses fails this test by name. ``make soak`` makes 200 random
edits (and text in any column on SQLite) on each engine."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from tests.tamper_campaign import DELETE, build, campaign, every_class, report, wrac


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def location(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "postgres":
        return str(request.getfixturevalue("new_database")())
    return str(tmp_path / "tamper.wrac")


def test_check_names_an_edit_of_every_field(location: str, tmp_path: Path) -> None:
    build(location, tmp_path)
    tally = campaign(location, every_class(), random.Random(23), recheck=False)
    assert not tally.missed, report(tally)
    # On PostgreSQL a row every one of which is referred to cannot be deleted alone (cascade).
    expected = [] if location.endswith(".wrac") else [DELETE]
    assert [column for _table, column in tally.unreachable] == expected * len(tally.unreachable), (
        f"no row to edit: {tally.unreachable}"
    )
    deleted = {edit.table for edit in tally.caught if edit.column == DELETE}
    assert {"audit_log", "progress_event", "attachment", "control_measure"} <= deleted
    evidence = {edit.table for edit in tally.caught}
    assert {"progress_event", "attachment", "attachment_blob"} <= evidence
    # Issue 18's re-assessment flags: clearing one, or pointing it at another hazard, by SQL.
    flags = {edit.column for edit in tally.caught if edit.table == "reassessment_flag"}
    assert {"cleared_at", "hazard_lineage", "source_uuid", "reason", DELETE} <= flags, flags
    assert len(tally.caught) > 100, report(tally)
    code, out = wrac("check", location)  # every edit was put back: the register is clean
    assert code == 0, out
