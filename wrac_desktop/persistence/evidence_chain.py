"""The hash chains of the logs kept beside the signed revisions: progress events and attachments.

Each is append-only and chained as the audit log is (``audit_chain``): rows are numbered
1, 2, 3 … without gaps, each row's hash covers its content and the previous row's hash, and
the register keeps the newest row's number and hash under the log's head key. So an edited row
breaks its own hash, a deleted row leaves a gap (or disagrees with the head), and a row slipped
in breaks the next link.

The hashed form (``evidence-1``) is fixed: ``chain_hash.link_hash`` of the log's ``fields``
and ``prev_hash`` (JSON with sorted keys, no spaces, UTF-8; dates and timestamps in ISO 8601,
timestamps in UTC, UUIDs as text). Never change it: registers written with it must keep
verifying.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, insert, select, text
from sqlalchemy.orm import Session

from wrac_desktop.i18n import N_, _, translated
from wrac_desktop.persistence import chain_hash
from wrac_desktop.persistence.models import Attachment, ProgressEvent, RegisterProperty

GENESIS = "0" * 64


@dataclass(frozen=True)
class Chain:
    model: type[ProgressEvent] | type[Attachment]
    fields: tuple[str, ...]  # hashed, besides prev_hash
    head_key: str  # register_property holding "last id:last hash"
    name: str  # N_() of the log's name in messages
    lock: int  # PostgreSQL advisory lock key


PROGRESS = Chain(
    ProgressEvent,
    ("id", "uuid", "measure_uuid", "status", "happened_on", "by_name", "note", "deadline", "at",
     "user_name", "os_user"),
    "progress_head",
    N_("progress log"),
    int.from_bytes(b"WRACprog"),
)  # fmt: skip
ATTACHMENTS = Chain(
    Attachment,
    ("id", "uuid", "owner_kind", "owner_uuid", "sha256", "original_sha256", "file_name",
     "content_type", "size", "at", "user_name", "os_user"),
    "attachment_head",
    N_("attachments"),
    int.from_bytes(b"WRACattc"),
)  # fmt: skip


def link_hash(chain: Chain, row: Mapping[str, Any], prev_hash: str) -> str:
    """The hash of one row given its column values and the previous row's hash."""
    return chain_hash.link_hash(chain.fields, row, prev_hash)


def append(session: Session, chain: Chain, rows: list[dict[str, Any]]) -> None:
    """Number, hash and insert ``rows`` (column values, no id, prev_hash or hash) after the
    newest stored row, and move the head; under the chain's lock on PostgreSQL (held until the
    transaction ends; SQLite lets one writer in at a time anyway)."""
    if not rows:
        return
    session.flush()
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": chain.lock})
    last_id, last_hash = _last_link(session, chain)
    for row in rows:
        last_id += 1
        row["id"] = last_id
        row["prev_hash"] = last_hash
        row["hash"] = last_hash = link_hash(chain, row, last_hash)
    session.execute(insert(chain.model), rows)
    _store_head(session, chain, last_id, last_hash)


def _last_link(session: Session, chain: Chain) -> tuple[int, str]:
    model = chain.model
    last_id = session.scalar(select(func.max(model.id))) or 0
    if not last_id:
        return 0, GENESIS
    return last_id, session.scalar(select(model.hash).where(model.id == last_id)) or ""


def _store_head(session: Session, chain: Chain, last_id: int, last_hash: str) -> None:
    value = f"{last_id}:{last_hash}"
    head = session.get(RegisterProperty, chain.head_key)
    if head is None:
        session.add(RegisterProperty(key=chain.head_key, value=value))
    else:
        head.value = value
    session.flush()


def rows_of(session: Session, chain: Chain) -> list[dict[str, Any]]:
    """Every stored row's chained fields, in chain order (for a merge to re-link)."""
    table = chain.model.__table__
    query = select(*(table.c[name] for name in chain.fields)).order_by(table.c.id)
    return [dict(row) for row in session.execute(query).mappings()]


def uuids_of(session: Session, chain: Chain) -> set[uuid.UUID]:
    return set(session.scalars(select(chain.model.uuid)))


def problems(session: Session, chain: Chain) -> Iterator[str]:
    """Every break in the chain, as readable lines; none when the log is intact."""
    log = translated(chain.name)
    table = chain.model.__table__
    columns = [table.c[name] for name in (*chain.fields, "prev_hash", "hash")]
    expected_id, prev = 1, GENESIS
    for row in session.execute(select(*columns).order_by(table.c.id)).mappings():
        row_id = row["id"]
        if row_id != expected_id:
            yield _("{log}: entries {first}–{last} are missing (deleted)").format(
                log=log, first=expected_id, last=row_id - 1
            )
        if row["prev_hash"] != prev:
            yield _("{log}: entry {id} does not follow the entry before it").format(
                log=log, id=row_id
            )
        if row["hash"] != link_hash(chain, dict(row), row["prev_hash"]):
            yield _("{log}: entry {id} was changed after it was written").format(log=log, id=row_id)
        expected_id, prev = row_id + 1, row["hash"]
    yield from _head_problems(session, chain, log, expected_id - 1, prev)


def _head_problems(
    session: Session, chain: Chain, log: str, last_id: int, last_hash: str
) -> Iterator[str]:
    head = session.scalar(
        select(RegisterProperty.value).where(RegisterProperty.key == chain.head_key)
    )
    if head is None:
        if last_id:
            yield _("{log}: its chain head is missing").format(log=log)
        return
    head_id, _sep, _hash = head.partition(":")
    if head_id.isdecimal() and int(head_id) > last_id:
        yield _("{log}: the newest entries {first}–{last} are missing (deleted)").format(
            log=log, first=last_id + 1, last=head_id
        )
    elif head != f"{last_id}:{last_hash}":
        yield _("{log}: the newest entry does not match the chain head").format(log=log)
