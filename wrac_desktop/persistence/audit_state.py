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

Memory is bounded whatever the register's size: the entries that name a record are read
ordered by its UUID, each table's rows too, and the two streams are merged, so only one
record's entries are held at a time. What is held besides is small against the rows: the
bulk entries' digests as stored (16 characters a row), the ids of rows found missing and what
the app's deletions of rows written in bulk recorded (both as many as rows were deleted), and
the problems found.
"""

from __future__ import annotations

import heapq
import uuid as uuid_module
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import groupby
from operator import itemgetter
from typing import Any, cast

from sqlalchemy import Boolean, Column, Table, exists, literal_column, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from wrac_desktop.domain.field_titles import field_title, record_title
from wrac_desktop.i18n import _
from wrac_desktop.persistence.audit_chain import chain_problems
from wrac_desktop.persistence.audit_digest import (
    BATCH_ROWS,
    DIGEST_CHARS,
    FORMAT,
    STATE_KEY,
    RowForm,
    audited_tables,
    canonical,
    complete_tables,
    digest_of_bytes,
    is_state_record,
    joined_digests,
    raw_batches,
)
from wrac_desktop.persistence.derived import SEARCH_TEXTS, sqlite_search_source
from wrac_desktop.persistence.integrity import pictured
from wrac_desktop.persistence.models import Assessment, AuditEntry
from wrac_desktop.persistence.record_queries import holds_approval_text
from wrac_desktop.text import fold
from wrac_desktop.vocabulary import AssessmentStatus

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
    approvals = _approvals(session)
    approved_record = or_(Assessment.fingerprint != "", holds_approval_text(Assessment.id))
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
        entries = approvals.get(uuid, [])
        if len(entries) > 1:
            yield _(
                "revision {n} was approved {count} times (audit entries {ids}); an approval "
                "is final, so one was undone outside the app"
            ).format(n=revision, count=len(entries), ids=", ".join(map(str, entries)))
    yield from _Comparison(session, tick).problems()


def _approvals(session: Session) -> dict[str, list[int]]:
    """Each assessment's approval entries: the updates that set its status to approved."""
    query = (
        select(AuditEntry.id, AuditEntry.entity_uuid, AuditEntry.changes)
        .where(
            AuditEntry.entity == Assessment.__tablename__,
            AuditEntry.action == "update",
            AuditEntry.entity_uuid.is_not(None),
        )
        .order_by(AuditEntry.id)
    )
    approvals: dict[str, list[int]] = {}
    for entry_id, uuid, changes in session.execute(query):
        status = changes.get("status") if isinstance(changes, dict) else None
        if isinstance(status, list) and status and status[-1] == "approved":
            approvals.setdefault(str(uuid), []).append(entry_id)
    return approvals


_ENTITY_UUID = cast("Column[Any]", AuditEntry.__table__.c.entity_uuid)
UNSET = object()  # None in an insert entry (an older hook also wrote it for an id set later)


@dataclass
class _Record:
    """What the chain says of one record, its entries replayed in the order they were written."""

    first_entry: int
    fields: dict[str, Any] | None = None  # the fields last recorded; None: none, or deleted
    inserted: bool = False  # it has an insert entry (since its last deletion)
    first_old: dict[str, Any] | None = None  # each field's value before its first update
    # Deleted through the app with no insert entry (written in bulk, or before the chain
    # began): what it held when written, its delete entry's fields taken back through its
    # updates. A bulk row gone from its table is accounted for by one of these.
    deleted_unlisted: list[dict[str, Any]] = field(default_factory=list)


def _replayed(entries: Iterable[tuple[int, str, Any]]) -> _Record:
    """One record's entries (id, action, changes), oldest first, replayed."""
    record: _Record | None = None
    for entry_id, action, changes in entries:
        record = record or _Record(entry_id)
        if action == "insert" and isinstance(changes, dict):
            record.fields = {
                name: UNSET if value is None else value for name, value in changes.items()
            }
            record.inserted = True
        elif action == "update" and isinstance(changes, dict):
            fields = record.fields if record.fields is not None else {}
            record.fields = fields
            before = record.first_old if record.first_old is not None else {}
            record.first_old = before
            for name, change in changes.items():
                if isinstance(change, list) and len(change) == 2:
                    before.setdefault(name, change[0])
                    fields[name] = change[1]
        elif action == "delete":
            before = record.first_old or {}
            record.first_old = None
            record.fields = None
            if record.inserted:
                record.inserted = False
            elif isinstance(changes, dict):
                record.deleted_unlisted.append(changes | before)
    assert record is not None
    return record


@dataclass(frozen=True)
class _Run:
    """Rows ``start`` … ``end - 1`` whose digests a bulk entry recorded (the latest entry to
    record a row id is the one that counts)."""

    start: int
    end: int
    entry_id: int
    columns: tuple[str, ...]
    digests: str
    offset: int  # of row ``start``'s digest in ``digests``, in digests

    def digest(self, row_id: int) -> str:
        at = (self.offset + row_id - self.start) * DIGEST_CHARS
        return self.digests[at : at + DIGEST_CHARS]


class _Written:
    """What the bulk entries recorded of one table's rows, by row id."""

    def __init__(self) -> None:
        self.runs: list[_Run] = []
        self._starts: list[int] = []

    def add(self, run: _Run) -> None:
        """``run``, recorded after every run added so far: it wins where they overlap."""
        kept = []
        for old in self.runs:
            if old.end <= run.start or old.start >= run.end:
                kept.append(old)
                continue
            if old.start < run.start:
                kept.append(_Run(old.start, run.start, old.entry_id, old.columns, old.digests,
                                 old.offset))  # fmt: skip
            if old.end > run.end:
                skip = run.end - old.start
                kept.append(_Run(run.end, old.end, old.entry_id, old.columns, old.digests,
                                 old.offset + skip))  # fmt: skip
        self.runs = sorted([*kept, run], key=lambda each: each.start)
        self._starts = [each.start for each in self.runs]

    def find(self, row_id: int) -> tuple[int, tuple[str, ...], str] | None:
        """(entry, its columns, digest) of the row ``row_id``, if a bulk entry wrote it."""
        at = bisect_right(self._starts, row_id) - 1
        if at < 0 or row_id >= self.runs[at].end:
            return None
        run = self.runs[at]
        return run.entry_id, run.columns, run.digest(row_id)

    def span(self, first: int, last: int) -> str | None:
        """The digests of rows ``first`` … ``last``, joined, if one run wrote them all."""
        at = bisect_right(self._starts, first) - 1
        if at < 0 or last >= self.runs[at].end:
            return None
        run = self.runs[at]
        start = (run.offset + first - run.start) * DIGEST_CHARS
        return run.digests[start : start + (last - first + 1) * DIGEST_CHARS]

    def count(self) -> int:
        return sum(run.end - run.start for run in self.runs)

    def row_ids(self) -> Iterator[int]:
        for run in self.runs:
            yield from range(run.start, run.end)


def _bulk_written(session: Session, tick: Tick) -> dict[str, _Written]:
    """Each table's rows as the bulk entries (those that name no record) recorded them."""
    written: dict[str, _Written] = {}
    query = (
        select(AuditEntry.id, AuditEntry.changes)
        .where(AuditEntry.entity_uuid.is_(None))
        .order_by(AuditEntry.id)
    )
    # One entry at a time: a bulk entry's changes are 7.5 MB of JSON at 100,000 hazards,
    # parsed, and a register revised once holds two next to each other (both were held with
    # the text of each: 7 MB of the check's peak, issue 22); there are few of these entries.
    for entry_id, changes in session.execute(query.execution_options(yield_per=1)):
        tick()
        state = changes.get(STATE_KEY) if isinstance(changes, dict) else None
        if not isinstance(state, dict) or state.get("format") != FORMAT:
            continue
        for table, recorded in (state.get("tables") or {}).items():
            columns = tuple(recorded.get("columns") or [])
            for first, digests in recorded.get("rows") or []:
                count = len(digests) // DIGEST_CHARS + (1 if len(digests) % DIGEST_CHARS else 0)
                if count:
                    run = _Run(first, first + count, entry_id, columns, digests, 0)
                    written.setdefault(table, _Written()).add(run)
    return written


def _chain_start(session: Session) -> tuple[bool, frozenset[str]]:
    """Whether the chain starts with a record of state (every row since is in it), and the
    tables it covers. Its own function, so that the first entry (a demo's: its digests of
    every row, 7.5 MB at 100,000 hazards) is let go before ``_bulk_written`` reads it again."""
    first = session.scalar(select(AuditEntry.changes).where(AuditEntry.id == 1))
    complete = is_state_record(first)
    return complete, complete_tables(first) if complete else frozenset()


def _order(value: Any) -> tuple[int, Any]:
    """The order the database sorts stored UUIDs in, for any value an edit may have left: on
    SQLite null, numbers, text, then bytes; a server's UUIDs as their bytes, which is the
    order of their hex digits."""
    if value is None:
        return (0, 0)
    if isinstance(value, uuid_module.UUID):
        return (2, value.hex)
    if isinstance(value, int | float):
        return (1, value)
    if isinstance(value, str):
        return (2, value)
    return (3, bytes(value))


@dataclass
class _TableState:
    """One table as the comparison goes: its findings and what the bulk entries wrote of it."""

    table: Table
    complete: bool
    written: _Written | None
    names: list[str]
    found: list[tuple[int, str]] = field(default_factory=list)  # (row id, line): row order
    gone: list[tuple[int, str]] = field(default_factory=list)  # (first entry, line)
    seen_bulk: int = 0  # rows found that a bulk entry wrote (and no insert entry names)
    shadowed: set[int] = field(default_factory=set)  # ids of rows a bulk entry wrote, now
    # holding a record with an insert entry of its own (the id used again)
    deleted_unlisted: list[dict[str, Any]] = field(default_factory=list)
    forms: dict[tuple[str, ...], RowForm] = field(default_factory=dict)
    # Where a row read as ``names`` holds its id, its UUID, and its search text's fields
    id_at: int = field(init=False)
    uuid_at: int = field(init=False)
    searched: list[tuple[str, int]] = field(init=False)

    def __post_init__(self) -> None:
        self.id_at = self.names.index("id")
        self.uuid_at = self.names.index("uuid")
        derived = SEARCH_TEXTS.get(self.table.name)
        fields = (*derived[0], "search_text") if derived is not None else ()
        self.searched = [(name, self.names.index(name)) for name in fields]

    def uuid_of(self, values: Sequence[Any]) -> str:
        """The UUID of a row read as ``names``, as a finding names it."""
        return str(canonical(self.table.c.uuid, values[self.uuid_at]))

    def form(self, columns: tuple[str, ...]) -> RowForm:
        form = self.forms.get(columns)
        if form is None:
            form = self.forms[columns] = RowForm(self.table, columns)
        return form


class _Comparison:
    """The merge of the chain's records (entries by UUID) with every audited table's rows."""

    def __init__(self, session: Session, tick: Tick) -> None:
        self.session = session
        self.tick = tick
        self.complete, covered = _chain_start(session)
        written = _bulk_written(session, tick)
        self.tables = {
            table.name: _TableState(
                table,
                table.name in covered,
                written.get(table.name),
                [column.name for column in table.c],
            )
            for table in audited_tables()
        }

    def problems(self) -> Iterator[str]:
        # Merged on (key, table, values) as they are: two rows only ever tie on a key in two
        # tables, whose names then decide, so the values themselves are never compared.
        rows = heapq.merge(*(self._rows(state) for state in self.tables.values()))
        records = self._records()
        for _key, found, (raw, listed) in _joined(records, rows):
            self._compare(found, raw, listed)
        for state in self.tables.values():
            self._unnamed_rows(state)
        for state in self.tables.values():
            yield from (line for _id, line in sorted(state.found, key=itemgetter(0)))
            yield from (line for _id, line in sorted(state.gone, key=itemgetter(0)))
            yield from self._bulk_deleted(state)

    def _rows(self, state: _TableState) -> Iterator[tuple[tuple[int, Any], str, Sequence[Any]]]:
        """The rows of one table whose UUID an entry of theirs may name, by UUID."""
        uuid_at, name = state.uuid_at, state.table.name
        named = _named(self.session, state.table)
        batches = raw_batches(
            self.session, state.table, order_by="uuid", columns=state.names, where=[named]
        )
        for batch in batches:
            self.tick()
            for values in batch:
                uuid = values[uuid_at]
                yield ((2, uuid) if type(uuid) is str else _order(uuid)), name, values

    def _unnamed_rows(self, state: _TableState) -> None:
        """The rows of one table that no entry of theirs names, in the order they are stored
        (most of a register written in bulk: no merge with the chain, no UUID index to walk),
        each as ``_row`` takes a row without a record, kept to what such a row needs. On
        SQLite the database writes what each row's digest covers (``RowForm.sqlite_text``):
        a row read whole is a Python value a field."""
        unnamed = [~_named(self.session, state.table)]
        made = self._sqlite_text(state)
        searched = [at for _name, at in state.searched]
        if made is None:
            digesters: dict[tuple[str, ...], Callable[[Sequence[Any]], str]] = {}
            for batch in raw_batches(self.session, state.table, columns=state.names,
                                     where=unnamed):  # fmt: skip
                self.tick()
                for values in batch:
                    fields = [values[at] for at in searched]
                    bulk = self._bulk_record(state, values[state.id_at],
                                             values[state.uuid_at], fields)  # fmt: skip
                    if bulk is None:
                        continue
                    digester = digesters.get(bulk[1])
                    if digester is None:
                        digester = digesters[bulk[1]] = state.form(bulk[1]).stored_digester(
                            state.names
                        )
                    if digester(values) != bulk[2]:
                        state.found.append((values[state.id_at], _changed_since(
                            state.table.name, state.uuid_of(values), bulk[0])))  # fmt: skip
            return
        source = sqlite_search_source(state.table.name) if state.searched else None
        if state.searched and source is None:
            names = ["id", "uuid", *(name for name, _at in state.searched)]
            computed = [made]
        else:
            names = ["id", "uuid", *(["search_text"] if source else [])]
            computed = [made, *([source] if source else [])]
        for batch in raw_batches(self.session, state.table, columns=names, where=unnamed,
                                 computed=computed):  # fmt: skip
            self.tick()
            if source is not None:
                self._folded(state, batch)
            elif state.searched:
                unsure = [self._looked_at(state, values[0], values[1], values[2:-1], values[-1])
                          for values in batch]  # fmt: skip
                self._digested_in_python(state, [row_id for row_id in unsure if row_id])
                continue
            if self._written_as_recorded(state, batch):
                continue
            unsure = [self._looked_at(state, values[0], values[1], (), values[len(names)])
                      for values in batch]  # fmt: skip
            self._digested_in_python(state, [row_id for row_id in unsure if row_id])

    def _folded(self, state: _TableState, batch: Sequence[Sequence[Any]]) -> None:
        """The search text of each row of a batch (read as id, UUID, search text, what its
        digest covers, what its search text is folded from) against its fields, folded."""
        derive = SEARCH_TEXTS[state.table.name][1]
        for row_id, uuid, stored, _made, source in batch:
            if source is None:  # a field neither text nor NULL: its fields read in Python
                where = [state.table.c.id == row_id]
                [[whole]] = raw_batches(self.session, state.table, columns=state.names,
                                        where=where)  # fmt: skip
                fields = {name: whole[at] for name, at in state.searched}
                underived = fields.pop("search_text") != derive(fields)
            else:
                underived = stored != fold(source)
            if underived:
                uuid_text = canonical(state.table.c.uuid, uuid)
                state.found.append((row_id, _underived(state.table.name).format(uuid=uuid_text)))

    def _written_as_recorded(self, state: _TableState, batch: Sequence[Sequence[Any]]) -> bool:
        """Whether a batch of rows (read as id, …, what their digest covers; by id) is a
        stretch of rows that one bulk entry wrote, each as it recorded: compared as one
        string, the usual case (a row at a time: 2 s of a 100,000-hazard register's check)."""
        first, last = batch[0][0], batch[-1][0]
        if last - first + 1 != len(batch) or state.written is None:
            return False
        recorded = state.written.span(first, last)
        at = 3 if state.searched else 2  # where a row holds what its digest covers
        if recorded is None:
            return False
        try:
            if joined_digests([values[at] for values in batch]) != recorded:
                return False
        except TypeError:  # a row SQLite did not vouch for
            return False
        state.seen_bulk += len(batch)
        return True

    def _sqlite_text(self, state: _TableState) -> str | None:
        """SQL of what a row's digest covers, if SQLite can write it for every row of this
        table that a bulk entry recorded (all of them with the same columns)."""
        written = state.written
        if self.session.get_bind().dialect.name != "sqlite" or written is None:
            return None
        recorded = {run.columns for run in written.runs}
        return state.form(recorded.pop()).sqlite_text() if len(recorded) == 1 else None

    def _looked_at(
        self, state: _TableState, row_id: int, uuid: Any, searched: Sequence[Any], made: Any
    ) -> int | None:
        """A row no entry names (its id, UUID as stored, its fields in the order of
        ``state.searched``, if its search text is to be checked here, and the UTF-8 bytes of
        what its digest covers): its id if it is to be digested in Python (SQLite did not
        write those bytes, or they do not give the recorded digest)."""
        bulk = self._bulk_record(state, row_id, uuid, searched)
        if bulk is None or (made is not None and digest_of_bytes(made) == bulk[2]):
            return None
        return row_id

    def _bulk_record(
        self, state: _TableState, row_id: int, uuid: Any, searched: Sequence[Any]
    ) -> tuple[int, tuple[str, ...], str] | None:
        """A row no entry names (its id, UUID as stored, and its fields in the order of
        ``state.searched``, if its search text is to be checked here): its search text
        checked, and what the bulk entry that wrote it recorded; None, a finding if the
        chain should hold it, if none did."""
        table = state.table
        if searched:
            fields = dict(zip((name for name, _at in state.searched), searched, strict=True))
            if fields.pop("search_text") != SEARCH_TEXTS[table.name][1](fields):
                line = _underived(table.name).format(uuid=canonical(table.c.uuid, uuid))
                state.found.append((row_id, line))
        bulk = state.written.find(row_id) if state.written is not None else None
        if bulk is None:
            if state.complete:
                uuid_text = str(canonical(table.c.uuid, uuid))
                state.found.append((row_id, _not_in_log(table.name, uuid_text)))
            return None
        state.seen_bulk += 1
        return bulk

    def _digested_in_python(self, state: _TableState, row_ids: list[int]) -> None:
        """Rows of a table that no entry names, read whole and digested in Python (their
        search text and bulk entry were looked at already)."""
        written = state.written
        if not row_ids or written is None:
            return
        where = [state.table.c.id.in_(row_ids)]
        for batch in raw_batches(self.session, state.table, columns=state.names, where=where):
            for values in batch:
                row_id = values[state.id_at]
                found = written.find(row_id)
                assert found is not None
                entry_id, columns, digest = found
                if state.form(columns).stored_digester(state.names)(values) != digest:
                    line = _changed_since(state.table.name, state.uuid_of(values), entry_id)
                    state.found.append((row_id, line))

    def _records(self) -> Iterator[tuple[tuple[int, Any], tuple[Any, dict[str, _Record]]]]:
        """Each UUID the chain names, in the order the database sorts them, with its record
        per table (one, but for a UUID two tables share)."""
        entity_uuid: ColumnElement[Any] = literal_column(
            f'{AuditEntry.__tablename__}."entity_uuid"'
        )
        query = (
            select(entity_uuid, AuditEntry.id, AuditEntry.entity, AuditEntry.action,
                   AuditEntry.changes)
            .where(AuditEntry.entity_uuid.is_not(None), AuditEntry.entity.in_(list(self.tables)))
            .order_by(AuditEntry.entity_uuid, AuditEntry.id)
        )  # fmt: skip
        result = self.session.execute(query.execution_options(yield_per=BATCH_ROWS))
        for raw, entries in groupby(result, key=itemgetter(0)):
            by_entity: dict[str, list[tuple[int, str, Any]]] = {}
            for _raw, entry_id, entity, action, changes in entries:
                by_entity.setdefault(entity, []).append((entry_id, action, changes))
            replayed = {entity: _replayed(listed) for entity, listed in by_entity.items()}
            yield _order(raw), (raw, replayed)

    def _compare(
        self, found: list[tuple[str, Sequence[Any]]], raw: Any, records: dict[str, _Record]
    ) -> None:
        """One UUID: the rows that hold it (a table each) against the chain's records of it."""
        present = {table for table, _values in found} if records else set()
        for entity, record in records.items():
            state = self.tables[entity]
            state.deleted_unlisted += record.deleted_unlisted
            if record.fields is not None and entity not in present:
                uuid = canonical(_ENTITY_UUID, raw)
                state.gone.append((record.first_entry, _(
                    "{entity} {uuid} is gone, but the audit log records no deletion of it; "
                    "it was deleted outside the app"
                ).format(entity=record_title(entity), uuid=uuid)))  # fmt: skip
        for table, values in found:
            self._row(self.tables[table], values, records.get(table))

    def _row(self, state: _TableState, values: Sequence[Any], record: _Record | None) -> None:
        """One row against the chain's record of it (a row of 100,000: kept to what each row
        needs; its UUID is written out only for a finding)."""
        table, names = state.table, state.names
        row_id = values[state.id_at]
        fields = record.fields if record is not None else None
        inserted = record is not None and record.inserted
        changed = (
            list(_changed_fields(table, dict(zip(names, values, strict=True)), fields,
                                 complete=self.complete))
            if fields
            else []
        )  # fmt: skip
        state.found += [(row_id, line) for line in changed]
        if state.searched and not changed:  # its search text follows from these fields
            searched = {name: values[at] for name, at in state.searched}
            if searched.pop("search_text") != SEARCH_TEXTS[table.name][1](searched):
                line = _underived(table.name).format(uuid=state.uuid_of(values))
                state.found.append((row_id, line))
        written = state.written.find(row_id) if state.written is not None else None
        if written is not None:
            if inserted:
                state.shadowed.add(row_id)
            else:
                state.seen_bulk += 1
        if written is None and fields is None and state.complete:
            state.found.append((row_id, _not_in_log(table.name, state.uuid_of(values))))
        if changed or written is None or inserted:
            return
        entry_id, columns, digest = written
        form = state.form(columns)
        before = record.first_old if record is not None else None
        if before:
            now = form.digest(dict(zip(names, values, strict=True)) | before)
        else:
            now = form.stored_digest(values, names)
        if now != digest:
            line = _changed_since(table.name, state.uuid_of(values), entry_id)
            state.found.append((row_id, line))

    def _bulk_deleted(self, state: _TableState) -> Iterator[str]:
        """Rows a bulk entry wrote that are gone from the table: each accounted for by a
        delete entry of a record without an insert entry (matched by what it held when
        written) or named by the entry that wrote it and its row id."""
        written = state.written
        if written is None or written.count() <= state.seen_bulk:
            return
        missing = list(self._missing_ids(state, written))
        deleted: dict[tuple[int, str], int] = {}  # (entry, digest): how many the app deleted
        for columns in {found[1] for _id, found in missing}:
            form = state.form(columns)
            entries = {found[0] for _id, found in missing if found[1] == columns}
            for fields in state.deleted_unlisted:
                digest = form.digest(fields)
                for entry_id in entries:
                    deleted[(entry_id, digest)] = deleted.get((entry_id, digest), 0) + 1
        unaccounted: dict[int, list[int]] = {}
        for row_id, (entry_id, _columns, digest) in missing:
            if deleted.get((entry_id, digest), 0) > 0:
                deleted[(entry_id, digest)] -= 1
            else:
                unaccounted.setdefault(entry_id, []).append(row_id)
        for entry_id, row_ids in sorted(unaccounted.items()):
            shown = ", ".join(map(str, row_ids[:10])) + (" …" if len(row_ids) > 10 else "")
            yield _(
                "{entity}: {count} record(s) that audit entry {id} wrote are gone (row ids "
                "{ids}), but the audit log records no deletion of them; they were deleted "
                "outside the app"
            ).format(
                entity=record_title(state.table.name), count=len(row_ids), id=entry_id, ids=shown
            )

    def _missing_ids(
        self, state: _TableState, written: _Written
    ) -> Iterator[tuple[int, tuple[int, tuple[str, ...], str]]]:
        """(row id, what its bulk entry recorded) of each row a bulk entry wrote that the
        table no longer holds as written: the table's ids in order merged with the entries'."""
        stored = (
            row_id
            for batch in raw_batches(self.session, state.table, columns=("id",))
            for (row_id,) in batch
        )
        current = next(stored, None)
        for row_id in written.row_ids():
            while current is not None and current < row_id:
                current = next(stored, None)
            if current == row_id and row_id not in state.shadowed:
                continue
            found = written.find(row_id)
            assert found is not None
            yield row_id, found


_Listed = tuple[Any, dict[str, _Record]]  # a UUID as stored, the chain's record of it a table


def _joined(
    records: Iterator[tuple[Any, _Listed]],
    rows: Iterator[tuple[Any, str, Sequence[Any]]],
) -> Iterator[tuple[Any, list[tuple[str, Sequence[Any]]], _Listed]]:
    """Both sorted streams merged by key: (key, the rows holding it, the chain's records)."""
    record = next(records, None)
    row = next(rows, None)
    while record is not None or row is not None:
        if record is None:
            key = row[0]  # type: ignore[index]
        elif row is None or record[0] < row[0]:
            key = record[0]
        else:
            key = row[0]
        found: list[tuple[str, Sequence[Any]]] = []
        while row is not None and row[0] == key:
            found.append((row[1], row[2]))
            row = next(rows, None)
        listed: _Listed = (None, {})
        if record is not None and record[0] == key:
            listed = record[1]
            record = next(records, None)
        yield key, found, listed


def _changed_fields(
    table: Table, row: dict[str, Any], fields: dict[str, Any], *, complete: bool
) -> Iterator[str]:
    for name, recorded in fields.items():
        column = table.c.get(name)
        if column is None or name not in row:
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
            entity=record_title(table.name),
            uuid=canonical(table.c.uuid, row["uuid"]),
            field=field_title(name, table.name),
            now=_shown(canonical(column, row[name])),
            recorded=_shown(canonical(column, value)),
        )


def _shown(value: Any) -> str:
    """A value as a line names it: control characters as their pictures (U+0001 as ␁), so
    one an edit slipped in shows (a terminal prints none of them)."""
    text = "" if value is None else str(value)
    text = pictured(text)
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


def _not_in_log(table: str, uuid: str) -> str:
    return _("{entity} {uuid} is not in the audit log; it was added outside the app").format(
        entity=record_title(table), uuid=uuid
    )


def _changed_since(table: str, uuid: str, entry_id: int) -> str:
    return _(
        "{entity} {uuid} no longer holds what audit entry {id} recorded when it was written; "
        "it was changed outside the app"
    ).format(entity=record_title(table), uuid=uuid, id=entry_id)


def _named(session: Session, table: Table) -> ColumnElement[bool]:
    """True of a row of ``table`` whose UUID an audit entry of that table may name: one does,
    or (SQLite) its UUID is not stored as text (a file edited behind the app's back), so the
    merge by UUID decides. Compared byte for byte, as the merge compares them (the index's
    collation, whatever a hostile schema declares)."""
    entries = AuditEntry.__tablename__
    if session.get_bind().dialect.name != "sqlite":
        log = AuditEntry.__table__.c
        return exists().where(log.entity_uuid == table.c.uuid, log.entity == table.name)
    uuid = f'"{table.name}"."uuid"'
    named = (
        f"(typeof({uuid}) <> 'text' OR EXISTS (SELECT 1 FROM {entries} AS entry WHERE "
        f"entry.entity_uuid = {uuid} COLLATE BINARY AND entry.entity = '{table.name}'))"
    )
    return literal_column(named, Boolean)
