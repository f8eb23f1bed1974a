"""Attached files inside the register: content-addressed blobs and the chained list naming them.

A blob is stored once per SHA-256 of its bytes (the same photo attached to three hazards is one
blob); an ``attachment`` row names its owner by kind and UUID, so any record can have files
(hazards, measures, progress events, incident events). Rows are only ever added, in the chain
``evidence_chain.ATTACHMENTS``; blobs are checked against their key by ``blob_problems``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from wrac_desktop.i18n import _
from wrac_desktop.persistence import evidence_chain
from wrac_desktop.persistence.models import Attachment, AttachmentBlob


@dataclass(frozen=True)
class AttachmentRow:
    uuid: UUID
    owner_kind: str
    owner_uuid: UUID
    sha256: str
    original_sha256: str | None
    file_name: str
    content_type: str
    size: int
    at: datetime
    user_name: str


_ROW_COLUMNS = (
    Attachment.uuid, Attachment.owner_kind, Attachment.owner_uuid, Attachment.sha256,
    Attachment.original_sha256, Attachment.file_name, Attachment.content_type, Attachment.size,
    Attachment.at, Attachment.user_name,
)  # fmt: skip


def store_blob(session: Session, data: bytes, content_type: str) -> str:
    """Keep ``data`` once; its SHA-256, the key attachments name it by."""
    sha256 = hashlib.sha256(data).hexdigest()
    if not has_blob(session, sha256):
        session.add(AttachmentBlob(sha256=sha256, size=len(data), content_type=content_type,
                                   data=data))  # fmt: skip
        session.flush()
    return sha256


def has_blob(session: Session, sha256: str) -> bool:
    return bool(session.scalar(select(exists().where(AttachmentBlob.sha256 == sha256))))


def add_attachments(session: Session, rows: list[dict[str, Any]]) -> None:
    """Chain new attachment rows (their columns but id and hashes) after the stored ones."""
    evidence_chain.append(session, evidence_chain.ATTACHMENTS, rows)


def attachments_of(session: Session, owners: Collection[UUID]) -> list[AttachmentRow]:
    """The files attached to any of ``owners``, oldest first."""
    if not owners:
        return []
    query = select(*_ROW_COLUMNS).where(Attachment.owner_uuid.in_(list(owners)))
    return [
        AttachmentRow(**row._asdict()) for row in session.execute(query.order_by(Attachment.id))
    ]


def all_attachments(session: Session) -> list[AttachmentRow]:
    return [AttachmentRow(**row._asdict()) for row in session.execute(
        select(*_ROW_COLUMNS).order_by(Attachment.id))]  # fmt: skip


def blob_data(session: Session, sha256: str) -> bytes | None:
    return session.scalar(select(AttachmentBlob.data).where(AttachmentBlob.sha256 == sha256))


def blob_problems(session: Session) -> Iterator[str]:
    """Blobs whose bytes no longer match their SHA-256 or size, and attachments whose blob is
    gone; read one blob at a time, so memory stays bounded by the largest file."""
    keys = list(
        session.execute(
            select(AttachmentBlob.sha256, AttachmentBlob.size, AttachmentBlob.content_type)
        )
    )
    attached = list(all_attachments(session))
    # The type each file was attached as, by its chained attachment row (an original kept
    # beside a scaled photo is named by no row's sha256: its bytes and size vouch for it).
    types = {row.sha256: row.content_type for row in attached}
    for sha256, size, content_type in keys:
        data = blob_data(session, sha256) or b""
        if (
            len(data) != size
            or hashlib.sha256(data).hexdigest() != sha256
            or types.get(sha256, content_type) != content_type
        ):
            yield _("attachments: the stored file {sha256} was changed outside the app").format(
                sha256=sha256[:12]
            )
    stored = {sha256 for sha256, _size, _type in keys}
    for row in attached:
        for key in (row.sha256, row.original_sha256):
            if key is not None and key not in stored:
                yield _("attachments: the file of “{name}” ({uuid}) is missing").format(
                    name=row.file_name, uuid=row.uuid
                )


def copy_blob(source: Session, target: Session, sha256: str) -> bool:
    """Copy the blob ``sha256`` from ``source`` unless ``target`` has it; False when the source
    has none or its bytes no longer match their hash (then nothing is copied). One blob in
    memory at a time."""
    if has_blob(target, sha256):
        return True
    row = source.execute(
        select(AttachmentBlob.content_type, AttachmentBlob.data).where(
            AttachmentBlob.sha256 == sha256
        )
    ).first()
    if row is None or hashlib.sha256(row.data).hexdigest() != sha256:
        return False
    store_blob(target, row.data, row.content_type)
    return True
