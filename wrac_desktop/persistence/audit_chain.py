"""The audit log's hash chain: each row's hash covers its content and the previous row's hash.

Rows are numbered 1, 2, 3 … without gaps, and the register keeps the newest row's number and
hash (``audit_head``). So an edited row breaks its own hash, a deleted row leaves a gap (or,
if it was the newest, disagrees with the head), and a row slipped in breaks the next link.

The hashed form (``chain-1``) is fixed: JSON with sorted keys, no spaces, UTF-8, of
``id, at (ISO 8601, UTC), user_name, os_user, action, entity, entity_uuid, changes, summary,
prev_hash``. Never change it: registers written with it must keep verifying.

Entries are held in the session until the transaction commits, then linked in one step under
the chain's lock (see ``link_held_entries``): several users saving at once on a server each
link after the newest committed row, instead of all taking the same next id.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from functools import partial
from typing import Any

from sqlalchemy import case, event, func, select
from sqlalchemy.orm import Session, SessionTransaction, sessionmaker

from wrac_desktop.i18n import _
from wrac_desktop.persistence import chain_hash, postgres
from wrac_desktop.persistence.audit_changes import NotCanonical, is_pairs
from wrac_desktop.persistence.bulk import insert_many
from wrac_desktop.persistence.models import AuditEntry, RegisterProperty
from wrac_desktop.persistence.trail_queries import LONG_CHANGES, changes_pieces

HEAD_KEY = "audit_head"
HELD_KEY = "audit_held"  # session.info: entries of this transaction not yet in the chain
_SAVEPOINTS_KEY = "audit_savepoints"  # session.info: {savepoint: entries held when it began}
GENESIS = "0" * 64
CHAINED_FIELDS = (
    "id", "at", "user_name", "os_user", "action", "entity", "entity_uuid", "changes", "summary",
)  # fmt: skip


def entry_hash(fields: Mapping[str, Any], prev_hash: str) -> str:
    """The hash of one audit row given its column values and the previous row's hash."""
    return chain_hash.link_hash(CHAINED_FIELDS, fields, prev_hash)


def entry_hash_text(fields: Mapping[str, Any], prev_hash: str) -> str:
    """The text ``entry_hash`` hashes."""
    return chain_hash.link_text(CHAINED_FIELDS, fields, prev_hash)


def hold_new_entries(session: Session) -> None:
    """Take the audit entries about to be flushed out of the flush: they join the chain when
    the transaction commits (``link_held_entries``), in the order they were made."""
    pending = [obj for obj in session.new if isinstance(obj, AuditEntry) and not obj.hash]
    for entry in pending:
        entry.at = entry.at or datetime.now(UTC)
        session.expunge(entry)
    hold_rows(session, [_columns(entry) for entry in pending])


def hold_rows(session: Session, rows: list[dict[str, Any]]) -> None:
    """Audit rows (column values, no id) that join the chain when the transaction commits."""
    session.info.setdefault(HELD_KEY, []).extend(rows)


def link_held_entries(session: Session) -> None:
    """Number, hash and write the held entries now, after the newest committed row.

    Runs at commit, and before a transaction reads back its own entries. Linking is the only
    step that needs the chain to itself, so it happens last and under a lock held until the
    commit: on PostgreSQL a transaction-scoped advisory lock (two writers numbering rows at
    once both took the same next id: 39 of 40 rounds of two simultaneous edits failed);
    SQLite lets one writer at a time in anyway.
    """
    session.flush()
    rows = session.info.pop(HELD_KEY, None)
    if not rows:
        return
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        postgres.lock_audit_chain(connection)
    chain_rows(session, rows)
    insert_many(connection, AuditEntry.__tablename__, rows)


def install_linking(factory: sessionmaker[Session]) -> None:
    """Link held entries at every commit; drop those of a transaction rolled back."""
    event.listen(factory, "before_commit", link_held_entries)
    event.listen(factory, "after_transaction_create", _mark_savepoint)
    event.listen(factory, "after_soft_rollback", _drop_rolled_back)


def _mark_savepoint(session: Session, transaction: SessionTransaction) -> None:
    if transaction.nested:
        held = session.info.get(HELD_KEY, [])
        session.info.setdefault(_SAVEPOINTS_KEY, {})[transaction] = len(held)


def _drop_rolled_back(session: Session, transaction: SessionTransaction) -> None:
    """Entries held since the rolled-back transaction (or savepoint) began go with it."""
    held = session.info.get(HELD_KEY, [])
    del held[session.info.get(_SAVEPOINTS_KEY, {}).pop(transaction, 0) :]


def chain_rows(session: Session, rows: list[dict[str, Any]]) -> None:
    """Number and hash audit rows after the newest stored one (the caller holds the lock).

    The caller inserts ``rows`` in this order in the same transaction, after which the stored
    chain head names the last of them.
    """
    if not rows:
        return
    with session.no_autoflush:
        last_id, last_hash = _last_link(session)
    for row in rows:
        last_id += 1
        row["id"] = last_id
        row["prev_hash"] = last_hash
        row["hash"] = last_hash = entry_hash(row, last_hash)
    _store_head(session, last_id, last_hash)


def _last_link(session: Session) -> tuple[int, str]:
    last_id = session.scalar(select(func.max(AuditEntry.id))) or 0
    if not last_id:
        return 0, GENESIS
    return last_id, session.scalar(select(AuditEntry.hash).where(AuditEntry.id == last_id)) or ""


def _columns(entry: AuditEntry) -> dict[str, Any]:
    return {name: getattr(entry, name) for name in CHAINED_FIELDS}


def _store_head(session: Session, last_id: int, last_hash: str) -> None:
    value = f"{last_id}:{last_hash}"
    with session.no_autoflush:
        head = session.get(RegisterProperty, HEAD_KEY)
    if head is None:
        session.add(RegisterProperty(key=HEAD_KEY, value=value))
    else:
        head.value = value


def rechain_all(session: Session) -> None:
    """Renumber nothing, but (re)compute every link from the first row: for upgrades."""
    prev = GENESIS
    last_id = 0
    for entry in session.scalars(select(AuditEntry).order_by(AuditEntry.id)):
        entry.prev_hash = prev
        entry.hash = prev = entry_hash(_columns(entry), prev)
        last_id = entry.id
    if last_id:
        _store_head(session, last_id, prev)


def chain_problems(session: Session) -> Iterator[str]:
    """Every break in the chain, as readable lines; none when the log is intact."""
    expected_id, prev = 1, GENESIS
    log = AuditEntry.__table__.c
    long = func.length(log.changes) > LONG_CHANGES
    fields = [
        case((long, None), else_=log.changes).label(name) if name == "changes" else log[name]
        for name in CHAINED_FIELDS
    ]
    query = select(*fields, long.label("long"), log.prev_hash, log.hash)
    # Plain rows from a streaming cursor: ORM entries were built all at once (an import of
    # 50,000 rows writes 100,000 and more), and the session kept them. Long changes (a bulk
    # entry's digests: 7.5 MB of JSON at 100,000 hazards) are hashed a piece at a time.
    rows = session.execute(query.order_by(log.id).execution_options(yield_per=2000)).mappings()
    for entry in rows:
        entry_id = entry["id"]
        if entry_id != expected_id:
            yield _("audit log: entries {first}–{last} are missing (deleted)").format(
                first=expected_id, last=entry_id - 1
            )
        if entry["prev_hash"] != prev:
            yield _("audit log: entry {id} does not follow the entry before it").format(id=entry_id)
        if entry["hash"] != _stored_hash(session, dict(entry)):
            yield _("audit log: entry {id} was changed after it was written").format(id=entry_id)
        expected_id, prev = entry_id + 1, entry["hash"]
    yield from _head_problems(session, expected_id - 1, prev)


def _stored_hash(session: Session, entry: dict[str, Any]) -> str:
    """``entry_hash`` of a stored row (its changes left out when long: read in pieces)."""
    if not entry["long"]:
        return entry_hash(entry, entry["prev_hash"])
    pieces = partial(changes_pieces, session, entry["id"])
    try:
        is_pairs(pieces())  # proves the text is what JsonText writes: json.dumps' own
    except NotCanonical:  # changed behind the app's back: hashed as it reads, parsed whole
        return entry_hash(entry | {"changes": json.loads("".join(pieces()))}, entry["prev_hash"])
    # The hashed text with the changes as stored: json.dumps writes no '"changes":null'
    # before the key's own (keys in order, "action" and "at" first; a quote in a text is \")
    around = entry_hash_text(entry | {"changes": None}, entry["prev_hash"])
    before, _null, after = around.partition('"changes":null')
    digest = hashlib.sha256((before + '"changes":').encode())
    for piece in pieces():
        digest.update(piece.encode())
    digest.update(after.encode())
    return digest.hexdigest()


def _head_problems(session: Session, last_id: int, last_hash: str) -> Iterator[str]:
    head = session.scalar(select(RegisterProperty.value).where(RegisterProperty.key == HEAD_KEY))
    if head is None:
        if last_id:
            yield _("audit log: its chain head is missing")
        return
    head_id, _sep, head_hash = head.partition(":")
    if head_id.isdecimal() and int(head_id) > last_id:
        yield _("audit log: the newest entries {first}–{last} are missing (deleted)").format(
            first=last_id + 1, last=head_id
        )
    elif head != f"{last_id}:{last_hash}":
        yield _("audit log: the newest entry does not match the chain head")
