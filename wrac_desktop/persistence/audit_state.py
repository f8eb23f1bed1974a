"""Records against what the audit chain last recorded for them; approvals as facts of the chain.

The chain (``audit_chain``) proves its own entries were not altered. This module replays them:
an insert entry records a record's fields, each update entry their new values. A record whose
field now holds something else was changed behind the app's back (an SQL edit leaves no entry).
Approvals are facts of the chain too: each is an update entry that sets an assessment's status
to "approved" with its fingerprint, so a revision approved twice (its status set back to draft
by SQL, then approved again with other content) shows, and so does a status the lifecycle lacks.

Records written by bulk writers with one summary entry (the demo, a revision's copy) have no
entries of their own: that entry records a digest of each row (``audit_digest``). A row is
taken back to what it was when written (each field updated since gets the old value of its
first update entry) and its digest compared.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, or_, select
from sqlalchemy.orm import Session

from wrac_desktop.i18n import _
from wrac_desktop.persistence.audit_chain import chain_problems
from wrac_desktop.persistence.audit_digest import (
    BATCH_ROWS,
    RowForm,
    audited_tables,
    canonical,
    complete_tables,
    is_state_record,
    raw_batches,
    recorded_digests,
)
from wrac_desktop.persistence.derived import SEARCH_TEXTS
from wrac_desktop.persistence.integrity import CONTROL_CHARACTERS
from wrac_desktop.persistence.models import Assessment, AuditEntry
from wrac_desktop.vocabulary import AssessmentStatus

Recorded = dict[tuple[str, str], dict[str, Any]]
# Called every few thousand rows; may raise to stop the check (the app's check on opening,
# when the register is closed before it ends).
Tick = Callable[[], None]


def _no_tick() -> None:
    return None


def audit_problems(session: Session, tick: Tick = _no_tick) -> list[str]:
    """Breaks in the chain, then records and approvals that disagree with it."""
    broken = list(chain_problems(session))
    return broken + list(state_problems(session, tick))


def state_problems(session: Session, tick: Tick = _no_tick) -> Iterator[str]:
    """Every record field that differs from the chain's last entry for it, every repeated
    approval and every status outside the lifecycle, as readable lines.

    It reads every row of every audited table, so it is for ``wrac check`` and ``verify`` and
    for the app's check after a register is open, never in the way of opening one."""
    replay = _replay(session, tick)
    approved_record = or_(Assessment.fingerprint != "", Assessment.approved_content.is_not(None))
    revisions = {
        str(uuid): (revision, status, sealed)
        for uuid, revision, status, sealed in session.execute(
            select(Assessment.uuid, Assessment.revision, Assessment.status, approved_record)
        )
    }
    lifecycle = {status.value for status in AssessmentStatus}
    for uuid, (revision, status, sealed) in sorted(revisions.items(), key=lambda item: item[1][0]):
        if status not in lifecycle:
            yield _("revision {n}: status “{status}” is not one of the lifecycle's").format(
                n=revision, status=status
            )
        elif status == AssessmentStatus.DRAFT.value and sealed:
            yield _(
                "revision {n} is a draft but holds an approval record; it was changed outside "
                "the app"
            ).format(n=revision)
        entries = replay.approvals.get(uuid, [])
        if len(entries) > 1:
            yield _(
                "revision {n} was approved {count} times (audit entries {ids}); an approval "
                "is final, so one was undone outside the app"
            ).format(n=revision, count=len(entries), ids=", ".join(map(str, entries)))
    yield from _changed_records(session, replay, tick)


@dataclass
class _Replay:
    """What the chain says about each record, in the order it was written."""

    recorded: Recorded = field(default_factory=dict)  # fields last recorded, by (table, uuid)
    inserted: set[tuple[str, str]] = field(default_factory=set)  # with an insert entry
    first_old: Recorded = field(default_factory=dict)  # each field's value before its 1st update
    bulk: dict[tuple[str, int], tuple[int, list[str], str]] = field(default_factory=dict)
    approvals: dict[str, list[int]] = field(default_factory=dict)
    # The chain began with a record of state (a demo, a register created empty): every row
    # of the register is then in it, and a row that is not was added outside the app.
    complete: bool = False
    complete_tables: frozenset[str] = frozenset()  # of a complete register: the record of state's
    # Records deleted through the app that have no insert entry (written in bulk, or before
    # the chain began), as they were written: their delete entry's fields taken back through
    # their updates. A bulk row gone from its table is accounted for by one of these.
    deleted_unlisted: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    counts: dict[tuple[str, str], int] = field(default_factory=dict)  # ("bulk", table): rows


UNSET = object()  # None in an insert entry (an older hook also wrote it for an id set later)


def _replay(session: Session, tick: Tick) -> _Replay:
    """The fields each record last had by the chain, what bulk writes recorded of their rows,
    and each assessment's approval entries."""
    replay = _Replay()
    entries = select(
        AuditEntry.id, AuditEntry.action, AuditEntry.entity, AuditEntry.entity_uuid,
        AuditEntry.changes,
    ).order_by(AuditEntry.id)  # fmt: skip
    for entry_id, action, entity, uuid, changes in session.execute(
        entries.execution_options(yield_per=BATCH_ROWS)
    ):
        if entry_id % BATCH_ROWS == 0:
            tick()
        if entry_id == 1 and is_state_record(changes):
            replay.complete, replay.complete_tables = True, complete_tables(changes)
        if uuid is None:
            for table, columns, row_id, digest in recorded_digests(changes):
                replay.bulk[(table, row_id)] = (entry_id, columns, digest)
            continue
        key = (entity, str(uuid))
        if action == "insert" and isinstance(changes, dict):
            fields = {name: UNSET if value is None else value for name, value in changes.items()}
            replay.recorded[key] = fields
            replay.inserted.add(key)
        elif action == "update" and isinstance(changes, dict):
            _replay_update(replay, key, changes, entry_id)
        elif action == "delete":
            before = replay.first_old.pop(key, None) or {}
            replay.recorded.pop(key, None)
            if key in replay.inserted:
                replay.inserted.discard(key)
            elif isinstance(changes, dict):
                replay.deleted_unlisted.setdefault(entity, []).append(changes | before)
    for entity, _uuid in replay.recorded:
        replay.counts[("recorded", entity)] = replay.counts.get(("recorded", entity), 0) + 1
    for entity, _row_id in replay.bulk:
        replay.counts[("bulk", entity)] = replay.counts.get(("bulk", entity), 0) + 1
    return replay


def _replay_update(
    replay: _Replay, key: tuple[str, str], changes: dict[str, Any], entry_id: int
) -> None:
    fields = replay.recorded.setdefault(key, {})
    before = replay.first_old.setdefault(key, {})
    for name, change in changes.items():
        if isinstance(change, list) and len(change) == 2:
            before.setdefault(name, change[0])
            fields[name] = change[1]
    status = changes.get("status")
    if key[0] == "assessment" and isinstance(status, list) and status[-1] == "approved":
        replay.approvals.setdefault(key[1], []).append(entry_id)


def _changed_records(session: Session, replay: _Replay, tick: Tick) -> Iterator[str]:
    """Each table read once, in batches of plain tuples; a dictionary is made only of a row
    the chain recorded fields of (or that was updated since a bulk write)."""
    entities = {entity for entity, _uuid in replay.recorded} | {table for table, _id in replay.bulk}
    for table in audited_tables():
        complete = table.name in replay.complete_tables
        if table.name not in entities and not complete:
            continue
        names = [column.name for column in table.c]
        at = {name: index for index, name in enumerate(names)}
        uuid_at, id_at = at["uuid"], at["id"]
        derived = SEARCH_TEXTS.get(table.name)  # its search text follows from these fields
        searched = [(name, at[name]) for name in derived[0]] if derived else None
        forms: dict[int, RowForm] = {}  # by id() of the column list a bulk entry recorded
        seen_bulk: set[int] = set()  # ids of the rows found that a bulk entry wrote
        seen_recorded: set[str] = set()  # UUIDs of the rows found that the chain records
        for batch in raw_batches(session, table):
            tick()
            for values in batch:
                uuid = str(canonical(table.c.uuid, values[uuid_at]))
                key = (table.name, uuid)
                fields = replay.recorded.get(key)
                row = dict(zip(names, values, strict=True)) if fields else None
                changed = (
                    list(_changed_fields(table, row, fields, complete=replay.complete))
                    if row is not None and fields
                    else []
                )
                yield from changed
                if derived is not None and searched is not None and not changed:
                    text = derived[1]({name: values[index] for name, index in searched})
                    if values[at["search_text"]] != text:
                        yield _underived(table.name).format(uuid=uuid)
                written = replay.bulk.get((table.name, values[id_at]))
                if fields is not None:
                    seen_recorded.add(uuid)
                if written is not None and key not in replay.inserted:
                    seen_bulk.add(values[id_at])
                if written is None and fields is None and complete:
                    yield _(
                        "{entity} {uuid} is not in the audit log; it was added outside the app"
                    ).format(entity=table.name, uuid=uuid)
                if changed or written is None or key in replay.inserted:
                    continue
                entry_id, columns, digest = written
                form = forms.get(id(columns)) or forms.setdefault(
                    id(columns), RowForm(table, columns)
                )
                before = replay.first_old.get(key)
                if before:
                    found = form.digest(dict(zip(names, values, strict=True)) | before)
                else:
                    found = form.stored_digest(values, names)
                if found != digest:
                    yield _(
                        "{entity} {uuid} no longer holds what audit entry {id} recorded when "
                        "it was written; it was changed outside the app"
                    ).format(entity=table.name, uuid=uuid, id=entry_id)
        yield from _deleted_records(table, replay, seen_recorded, seen_bulk)


def _deleted_records(
    table: Table, replay: _Replay, seen_recorded: set[str], seen_bulk: set[int]
) -> Iterator[str]:
    """Records the chain holds that are gone from ``table`` with no delete entry: a record
    with entries of its own is named by UUID; rows written in bulk, whose UUIDs the chain
    does not hold, by the entry that wrote them and their row ids, once each delete entry
    of such a record (matched by what it held when written) is taken off."""
    if replay.counts.get(("recorded", table.name), 0) > len(seen_recorded):
        for entity, uuid in replay.recorded:
            if entity == table.name and uuid not in seen_recorded:
                yield _(
                    "{entity} {uuid} is gone, but the audit log records no deletion of it; "
                    "it was deleted outside the app"
                ).format(entity=entity, uuid=uuid)
    if replay.counts.get(("bulk", table.name), 0) <= len(seen_bulk):
        return
    missing = [
        (row_id, written)
        for (entity, row_id), written in replay.bulk.items()
        if entity == table.name and row_id not in seen_bulk
    ]
    deleted: dict[tuple[int, str], int] = {}  # (entry, digest): how many the app deleted
    for columns in {id(written[1]): written[1] for _id, written in missing}.values():
        form = RowForm(table, columns)
        entries = {written[0] for _id, written in missing if written[1] is columns}
        for fields in replay.deleted_unlisted.get(table.name, []):
            found = form.digest(fields)
            for entry_id in entries:
                deleted[(entry_id, found)] = deleted.get((entry_id, found), 0) + 1
    unaccounted: dict[int, list[int]] = {}
    for row_id, (entry_id, _columns, digest) in missing:
        if deleted.get((entry_id, digest), 0) > 0:
            deleted[(entry_id, digest)] -= 1
        else:
            unaccounted.setdefault(entry_id, []).append(row_id)
    for entry_id, row_ids in sorted(unaccounted.items()):
        shown = ", ".join(map(str, sorted(row_ids)[:10])) + (" …" if len(row_ids) > 10 else "")
        yield _(
            "{entity}: {count} record(s) that audit entry {id} wrote are gone (row ids {ids}), "
            "but the audit log records no deletion of them; they were deleted outside the app"
        ).format(entity=table.name, count=len(row_ids), id=entry_id, ids=shown)


def _changed_fields(
    table: Table, row: dict[str, Any], fields: dict[str, Any], *, complete: bool
) -> Iterator[str]:
    for name, recorded in fields.items():
        column = table.c.get(name)
        if column is None:
            continue
        if recorded is UNSET and not complete:
            continue  # an older hook's None: perhaps a parent's id set later in the flush
        value = None if recorded is UNSET else recorded
        if canonical(column, row[name]) == canonical(column, value):
            continue
        yield _(
            "{entity} {uuid}: {field} is “{now}” but the audit log last recorded "
            "“{recorded}”; it was changed outside the app"
        ).format(
            entity=table.name,
            uuid=canonical(table.c.uuid, row["uuid"]),
            field=name,
            now=_shown(canonical(column, row[name])),
            recorded=_shown(canonical(column, value)),
        )


def _shown(value: Any) -> str:
    """A value as a line names it: control characters as their pictures (U+0001 as ␁), so
    one an edit slipped in shows (a terminal prints none of them)."""
    text = "" if value is None else str(value)
    text = CONTROL_CHARACTERS.sub(lambda found: chr(0x2400 + ord(found[0])), text)
    return text if len(text) <= 60 else text[:59] + "…"


def _underived(table: str) -> str:
    """The finding for a row whose search text does not follow from its fields."""
    if table == "hazard":
        return _(
            "hazard {uuid}: its search text does not follow from its fields; "
            "it was changed outside the app"
        )
    return _(
        "translation {uuid}: its search text does not follow from its languages; "
        "it was changed outside the app"
    )
