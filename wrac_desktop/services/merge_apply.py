"""Carry out a merge plan in the target's open transaction, through the ORM.

Writing through the ORM, not bulk SQL, is what makes every added, changed and deleted record
appear in the audit log (old → new) and pass the same guards as an edit in the app.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from wrac_desktop.domain.field_titles import record_title
from wrac_desktop.i18n import _
from wrac_desktop.persistence import merge_queries as q
from wrac_desktop.persistence import record_queries
from wrac_desktop.persistence.guards import matrix_is_frozen
from wrac_desktop.persistence.models import Record, RiskMatrix
from wrac_desktop.services.merge_plan import (
    Choice,
    Conflict,
    ConflictKind,
    MergePlan,
    descendants,
    label,
)
from wrac_desktop.services.merge_sides import FieldSet, Row


@dataclass
class MergeCounts:
    """What a merge did (or, in a dry run, would do), per table."""

    added: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    deleted: Counter[str] = field(default_factory=Counter)
    skipped: list[str] = field(default_factory=list)  # what could not be carried over, and why
    kept_mine: int = 0
    took_theirs: int = 0

    def lines(self, *, done: bool) -> list[str]:
        """What was (``done``) or would be added, updated and deleted, for people to read."""
        titles = (
            (_("added") if done else _("would add"), self.added),
            (_("updated") if done else _("would update"), self.updated),
            (_("deleted") if done else _("would delete"), self.deleted),
        )
        lines = [f"{title}: {_counted(counter)}" for title, counter in titles]
        if done and (self.kept_mine or self.took_theirs):
            lines.append(
                _("conflicts: {mine} kept as here, {theirs} taken from the other register").format(
                    mine=self.kept_mine, theirs=self.took_theirs
                )
            )
        return lines + [f"  ! {note}" for note in self.skipped]

    def as_dict(self) -> dict[str, Any]:
        return {
            "added": dict(self.added),
            "updated": dict(self.updated),
            "deleted": dict(self.deleted),
            "skipped": list(self.skipped),
            "conflicts_kept_mine": self.kept_mine,
            "conflicts_took_theirs": self.took_theirs,
        }


def _counted(counter: Counter[str]) -> str:
    if not counter:
        return _("nothing")
    return ", ".join(f"{count} × {record_title(table)}" for table, count in counter.items())


@dataclass
class Decisions:
    """The plan with every conflict resolved: exactly what will be written."""

    inserts: list[uuid.UUID]
    updates: dict[uuid.UUID, dict[str, Any]]
    deletes: list[uuid.UUID]
    ahead: dict[uuid.UUID, FieldSet]


def decide(plan: MergePlan, choose: Callable[[Conflict], Choice], counts: MergeCounts) -> Decisions:
    decisions = Decisions(
        list(plan.adds),
        {key: dict(values) for key, values in plan.updates.items()},
        list(plan.deletes),
        dict(plan.ahead),
    )
    for conflict in plan.conflicts:
        if choose(conflict) is Choice.THEIRS:
            counts.took_theirs += 1
            _take_theirs(plan, decisions, conflict)
        else:
            counts.kept_mine += 1
    return decisions


def _take_theirs(plan: MergePlan, decisions: Decisions, conflict: Conflict) -> None:
    key = conflict.uuid
    if conflict.kind is ConflictKind.CHANGED:
        taken = {diff.name: diff.theirs for diff in conflict.fields}
        decisions.updates.setdefault(key, {}).update(taken)
        remaining = (decisions.ahead.get(key) or frozenset()) - taken.keys()
        decisions.ahead.pop(key, None)
        if remaining:
            decisions.ahead[key] = frozenset(remaining)
    elif conflict.kind is ConflictKind.DELETED_HERE:  # restore it with what was under it
        missing = [k for k in descendants(plan.theirs, key) if k not in plan.mine.rows]
        planned = set(decisions.inserts)
        decisions.inserts.extend(k for k in [key, *missing] if k not in planned)
        for restored in [key, *missing]:
            decisions.ahead.pop(restored, None)
    else:
        decisions.deletes.append(key)
        decisions.ahead.pop(key, None)


def apply_decisions(
    session: Session, plan: MergePlan, decisions: Decisions, counts: MergeCounts
) -> None:
    ids = {key: row.id for key, row in plan.mine.rows.items()}
    _insert(session, plan, decisions.inserts, ids, counts)
    _update(session, plan, decisions, ids, counts)
    _delete(session, plan, decisions.deletes, counts)


def _insert(
    session: Session,
    plan: MergePlan,
    keys: list[uuid.UUID],
    ids: dict[uuid.UUID, int],
    counts: MergeCounts,
) -> None:
    by_table: dict[str, list[Row]] = {}
    for key in keys:
        row = plan.theirs.rows[key]
        by_table.setdefault(row.table, []).append(row)
    for table in q.TABLE_ORDER:
        pending = by_table.get(table, [])
        while pending:  # several passes: a unit may sit in a unit added in the same merge
            ready = [row for row in pending if all(parent in ids for parent in row.parents)]
            if not ready:
                break
            _insert_rows(session, table, ready, ids)
            counts.added[table] += len(ready)
            done = {row.uuid for row in ready}
            pending = [row for row in pending if row.uuid not in done]
        counts.skipped.extend(_orphan_note(plan, row) for row in pending)


def _insert_rows(session: Session, table: str, rows: list[Row], ids: dict[uuid.UUID, int]) -> None:
    model = q.MODELS[table]
    references = q.foreign_keys(table)
    created = []
    for row in rows:
        values = {
            name: _resolved(name, value, references, ids) for name, value in row.fields.items()
        }
        created.append(model(uuid=row.uuid, **values, **row.stamps))
    session.add_all(created)
    session.flush()
    ids.update({record.uuid: record.id for record in created})


def _resolved(name: str, value: Any, references: dict[str, str], ids: dict[uuid.UUID, int]) -> Any:
    return ids[value] if name in references and value is not None else value


def _orphan_note(plan: MergePlan, row: Row) -> str:
    return _("{what} “{label}” was not added: what it belongs to was deleted here").format(
        what=record_title(row.table), label=label(row)
    )


def _update(
    session: Session,
    plan: MergePlan,
    decisions: Decisions,
    ids: dict[uuid.UUID, int],
    counts: MergeCounts,
) -> None:
    updates, ahead = decisions.updates, decisions.ahead
    for table in q.TABLE_ORDER:
        keys = [key for key in updates if plan.mine.rows[key].table == table]
        references = q.foreign_keys(table)
        for record in q.records_by_uuid(session, table, keys):
            if _frozen_here(session, record):
                counts.skipped.append(_frozen_note(plan, record.uuid))
                ahead[record.uuid] = None  # stays different: next time, this side "changed" it
                continue
            for name, value in updates[record.uuid].items():
                if name in references and value is not None and value not in ids:
                    counts.skipped.append(_moved_note(plan, record.uuid, name))
                    continue
                setattr(record, name, _resolved(name, value, references, ids))
            counts.updated[table] += 1
        session.flush()


def _frozen_here(session: Session, record: Record) -> bool:
    """A matrix an approved assessment here is scored on is never changed in place."""
    return isinstance(record, RiskMatrix) and matrix_is_frozen(session, record.id)


def _frozen_note(plan: MergePlan, key: uuid.UUID) -> str:
    return _(
        "{what} “{label}” was not changed: an approved assessment here uses it; "
        "make the change as a new version"
    ).format(what=record_title("risk_matrix"), label=label(plan.mine.rows[key]))


def _moved_note(plan: MergePlan, key: uuid.UUID, name: str) -> str:
    row = plan.mine.rows[key]
    return _("{what} “{label}”: {field} was not changed: its new place was deleted here").format(
        what=record_title(row.table), label=label(row), field=name
    )


def _delete(session: Session, plan: MergePlan, keys: list[uuid.UUID], counts: MergeCounts) -> None:
    """Delete the records and, explicitly, everything under them, so each is audited: what is
    under them is read from the register, not from the plan (which holds only what the
    merge compared)."""
    roots: dict[str, list[int]] = {}
    for key in keys:
        row = plan.mine.rows[key]
        roots.setdefault(row.table, []).append(row.id)
    doomed = q.subtree(session, roots)
    for table in reversed(q.TABLE_ORDER):
        records = list(q.records_by_uuid(session, table, doomed.get(table, ())))
        if table == "org_unit":  # deepest units first, so no unit outlives its parent's delete
            records.sort(key=lambda record: -_depth(session, record))
        for record in records:
            session.delete(record)
            if table == "org_unit":
                session.flush()
        session.flush()
        if records:
            counts.deleted[table] += len(records)


def carry_approval_texts(
    session: Session, theirs_session: Session, plan: MergePlan, decisions: Decisions
) -> None:
    """The approval text of each revision whose approval came from the other register (added
    from there, or its fingerprint taken), copied from there a piece at a time: it is kept
    beside the revision's row (``approval_text``), not among the fields a merge compares."""
    taken = [key for key in decisions.inserts if plan.theirs.rows[key].table == "assessment"]
    taken += [
        key
        for key, values in decisions.updates.items()
        if "fingerprint" in values and plan.mine.rows[key].table == "assessment"
    ]
    for key in taken:
        theirs = plan.theirs.rows[key]
        mine = next(q.record_stamps(session, "assessment", uuids=[key]), None)
        if mine is not None and record_queries.same_fingerprint(
            session, mine["id"], theirs_session, theirs.id
        ):
            record_queries.copy_approved_content(theirs_session, session, theirs.id, mine["id"])


def _depth(session: Session, unit: Record) -> int:
    depth, parent_id = 0, getattr(unit, "parent_id", None)
    while parent_id is not None:
        parent = session.get(type(unit), parent_id)
        depth, parent_id = depth + 1, getattr(parent, "parent_id", None)
    return depth
