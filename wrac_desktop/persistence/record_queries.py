"""The ORM records services work on, found by what they mean: the current assessment, the
register's organisation, the revisions of a series, a record by its UUID.

Services change what these return; every SELECT that finds them lives here (issue 20: all SQL
in persistence), so a query tuned for PostgreSQL or SQLite is tuned in one place.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any, TypeVar
from typing import cast as cast_type
from uuid import UUID

from sqlalchemy import (
    Column,
    Connection,
    Integer,
    LargeBinary,
    MetaData,
    Select,
    Table,
    cast,
    delete,
    exists,
    func,
    insert,
    literal,
    select,
)
from sqlalchemy.orm import Session
from sqlalchemy.sql import ColumnElement

from wrac_desktop.persistence import checkpoints
from wrac_desktop.persistence.models import (
    Assessment,
    ControlMeasure,
    Event,
    Hazard,
    LibraryEntryRecord,
    Organisation,
    OrgUnit,
    ProgressEvent,
    StoredApprovalText,
    TeamMember,
)
from wrac_desktop.vocabulary import AssessmentStatus

_DRAFT = AssessmentStatus.DRAFT.value
# The records a UUID names across copies of a register (an attachment's owner, a measure).
Named = TypeVar("Named", Hazard, ControlMeasure, ProgressEvent, Event)
_APPROVED = AssessmentStatus.APPROVED.value


def current_assessment(session: Session) -> Assessment | None:
    """The assessment being worked on: the newest draft, else the newest revision."""
    query = select(Assessment).order_by(
        (Assessment.status == _DRAFT).desc(), Assessment.revision.desc(), Assessment.id.desc()
    )
    return session.scalars(query.limit(1)).first()


def approved_in_series(session: Session, assessment: Assessment) -> list[Assessment]:
    """The other approved revisions of ``assessment``'s series."""
    query = select(Assessment).where(
        Assessment.series == assessment.series,
        Assessment.id != assessment.id,
        Assessment.status == _APPROVED,
    )
    return list(session.scalars(query))


def series_revisions(session: Session, series: Any) -> list[Assessment]:
    """Every revision of one assessment (``series`` is its first revision's UUID), oldest first."""
    query = select(Assessment).where((Assessment.series == series) | (Assessment.uuid == series))
    return sorted(session.scalars(query), key=lambda a: a.revision)


def fingerprinted_revisions(session: Session) -> list[Assessment]:
    """Every revision that was approved and so carries a fingerprint, by revision number."""
    query = select(Assessment).where(Assessment.fingerprint != "")
    return list(session.scalars(query.order_by(Assessment.revision, Assessment.id)))


def has_later_revision(session: Session, assessment: Assessment) -> bool:
    """Whether a newer revision of the same assessment exists (a draft or approved)."""
    later = select(Assessment.id).where(
        Assessment.series == (assessment.series or assessment.uuid),
        Assessment.revision > assessment.revision,
    )
    return session.scalars(later.limit(1)).first() is not None


def reviews_due_by(session: Session, last_day: date) -> list[Assessment]:
    """Approved revisions whose next review falls on or before ``last_day``, soonest first."""
    query = select(Assessment).where(
        Assessment.status == _APPROVED,
        Assessment.next_review_on.is_not(None),
        Assessment.next_review_on <= last_day,
    )
    return list(session.scalars(query.order_by(Assessment.next_review_on)))


def the_organisation(session: Session) -> Organisation | None:
    """The register's legal entity (a register describes one)."""
    return session.scalars(select(Organisation).order_by(Organisation.id).limit(1)).first()


def sibling_unit_count(session: Session, organisation_id: int, parent_id: int | None) -> int:
    """How many sites (``parent_id`` None) or divisions under ``parent_id`` there are."""
    same_parent = (
        OrgUnit.parent_id.is_(None) if parent_id is None else OrgUnit.parent_id == parent_id
    )
    query = select(func.count()).where(OrgUnit.organisation_id == organisation_id, same_parent)
    return int(session.scalar(query) or 0)


def by_uuid(session: Session, model: type[Named], key: UUID) -> Named | None:
    """The record of ``model`` whose UUID is ``key``, if the register holds one."""
    return session.scalar(select(model).where(model.uuid == key))


def holds_uuid(
    session: Session,
    model: type[Hazard] | type[ControlMeasure] | type[ProgressEvent] | type[Event],
    key: UUID,
) -> bool:
    """Whether the register holds a record of ``model`` whose UUID is ``key``."""
    return session.scalar(select(model.id).where(model.uuid == key)) is not None


def measures_of(session: Session, assessment_id: int) -> list[ControlMeasure]:
    """Every control measure of an assessment's hazards."""
    query = select(ControlMeasure).join(Hazard).where(Hazard.assessment_id == assessment_id)
    return list(session.scalars(query))


def logged_measures_of(session: Session, assessment_id: int) -> list[ControlMeasure]:
    """The assessment's measures that have steps in the progress log."""
    query = select(ControlMeasure).join(Hazard).where(Hazard.assessment_id == assessment_id)
    return list(session.scalars(query.where(ControlMeasure.uuid.in_(_logged_uuids()))))


def copies_of_logged_measures(
    session: Session, source_id: int, draft_id: int
) -> list[ControlMeasure]:
    """The draft's copies (by lineage) of the source's measures that have logged steps."""
    lineages = (
        select(func.coalesce(ControlMeasure.lineage, ControlMeasure.uuid))
        .join(Hazard)
        .where(Hazard.assessment_id == source_id, ControlMeasure.uuid.in_(_logged_uuids()))
    )
    query = (
        select(ControlMeasure)
        .join(Hazard)
        .where(Hazard.assessment_id == draft_id, ControlMeasure.lineage.in_(lineages))
    )
    return list(session.scalars(query))


def _logged_uuids() -> Select[tuple[UUID]]:
    return select(ProgressEvent.measure_uuid)


def library_records(session: Session) -> list[LibraryEntryRecord]:
    """The register's own hazard-library entries, in the database's order."""
    return list(session.scalars(select(LibraryEntryRecord)))


def library_record(session: Session, entry_id: str) -> LibraryEntryRecord | None:
    """The register's own entry with this library id, if it has one."""
    query = select(LibraryEntryRecord).where(LibraryEntryRecord.entry_id == entry_id)
    return session.scalar(query)


def team_lineage_keys(session: Session, assessment_ids: Iterable[int]) -> dict[str, str]:
    """uuid → lineage (as text) for every team member of the revisions; a member without a
    lineage is its own. (A revision's hazards and measures bring theirs as they are read:
    ``report_queries.hazards_by_lineage``.)"""
    query = select(TeamMember.uuid, TeamMember.lineage).where(
        TeamMember.assessment_id.in_(list(assessment_ids))
    )
    return {str(uuid): str(lineage or uuid) for uuid, lineage in session.execute(query)}


# --- the stored approval JSON: 360 MB at 100,000 hazards, never read or written whole ---------
# In its own table (schema 15): a change to anything else of the revision's row (superseding
# it) no longer has SQLite rewrite the text with it.
_STORED_PIECE = 1 << 24  # bytes of a stored approval read per round trip
_texts = cast_type(Table, StoredApprovalText.__table__)
_content = _texts.c.content
_revision_id = _texts.c.assessment_id


def _raw(session: Session) -> sqlite3.Connection:
    """The sqlite3 connection under the session's: for its incremental blob handles."""
    raw = session.connection().connection.driver_connection
    assert isinstance(raw, sqlite3.Connection)
    return raw


def _as_utf8(session: Session, text: Any) -> Any:
    if session.connection().dialect.name == "postgresql":
        return func.convert_to(text, "UTF8")
    return cast(text, LargeBinary)


def _blob(session: Session, assessment_id: int) -> Any:
    """A read-only blob handle on the revision's stored text (its row id is the revision's)."""
    return _raw(session).blobopen(_texts.name, _content.name, assessment_id, readonly=True)


def holds_approval_text(assessment_id: Any) -> ColumnElement[bool]:
    """SQL true of a revision (``assessment_id``: its id column) with a stored approval text."""
    return exists().where(_revision_id == assessment_id)


def approved_content_pieces(session: Session, assessment_id: int) -> Iterator[bytes]:
    """A revision's stored approval JSON as UTF-8, a piece at a time (none: it has none): read
    whole it was most of verify's memory (issue 22). SQLite hands it through an incremental
    blob handle (a substr would load the whole value for every piece), PostgreSQL by substr
    of its bytes."""
    session.flush()
    connection = session.connection()
    if connection.dialect.name == "sqlite" and _stored_as_utf8(session, assessment_id):
        with _blob(session, assessment_id) as blob:
            while piece := blob.read(_STORED_PIECE):
                yield piece
        return
    encoded = _as_utf8(session, _content)
    start = 1
    while True:
        query = select(func.substr(encoded, start, _STORED_PIECE))
        data = connection.execute(query.where(_revision_id == assessment_id)).scalar()
        if not data:
            return
        yield bytes(data)
        if len(data) < _STORED_PIECE:
            return
        start += _STORED_PIECE


def approved_content(session: Session, assessment_id: int) -> str | None:
    """A revision's stored approval JSON whole (None: it has none). Only to name what changed
    in a revision whose fingerprint no longer matches, and for small registers' tests."""
    if session.scalar(select(_revision_id).where(_revision_id == assessment_id)) is None:
        return None
    stored = b"".join(approved_content_pieces(session, assessment_id))
    return stored.decode("utf-8", errors="replace")


def _stored_as_utf8(session: Session, assessment_id: int) -> bool:
    """Whether SQLite keeps the stored JSON as UTF-8 bytes a blob handle can read: a blob (as
    an approval writes it since schema 12), or a text in a UTF-8 database (as before; a hostile
    file may be another encoding, or hold another type)."""
    connection = session.connection()
    stored = connection.execute(
        select(func.typeof(_content)).where(_revision_id == assessment_id)
    ).scalar()
    if stored == "blob":
        return True
    return stored == "text" and connection.exec_driver_sql("PRAGMA encoding").scalar() == "UTF-8"


def approved_content_head(session: Session, assessment_id: int, size: int = 1 << 16) -> str:
    """The first ``size`` characters of a revision's stored approval JSON (about: on SQLite,
    those of its first ``size`` bytes, read through a blob handle, as SQLite's substr loads
    the whole value first: 180 MB at 50,000 hazards, the peak of ``wrac check``)."""
    session.flush()
    if session.connection().dialect.name == "sqlite" and _stored_as_utf8(session, assessment_id):
        with _blob(session, assessment_id) as blob:
            return blob.read(size).decode("utf-8", errors="ignore")  # a letter cut at the end
    query = select(func.substr(_content, 1, size)).where(_revision_id == assessment_id)
    head = session.connection().execute(query).scalar() or ""
    if isinstance(head, bytes):  # a blob's first bytes (``Utf8Text``): a letter cut at the end
        return head.decode("utf-8", errors="ignore")
    return str(head)


def store_approved_content(
    session: Session, assessment_id: int, size: int, pieces: Iterable[bytes]
) -> None:
    """Store ``pieces`` (``size`` bytes of UTF-8 JSON in all) as the revision's approval text
    without a string or a buffer of it (issue 22). SQLite makes room for ``size`` bytes as a
    blob, which it does without building the value (a text it built whole, twice: 930 MB of
    approve's peak at 100,000 hazards), and takes the pieces through an incremental blob
    handle; PostgreSQL takes them a megabyte at a time into a temporary table and joins them
    itself."""
    session.flush()
    connection = session.connection()
    connection.execute(delete(_texts).where(_revision_id == assessment_id))  # one an edit left
    if connection.dialect.name != "sqlite":
        _store_on_server(connection, assessment_id, _joined(pieces))
        return
    room = insert(_texts).values(assessment_id=assessment_id, content=func.zeroblob(size))
    connection.execute(room)
    with _raw(session).blobopen(_texts.name, _content.name, assessment_id) as blob:
        for piece in _joined(pieces):
            blob.write(piece)
        if blob.tell() != size:
            raise RuntimeError(f"approval text: {blob.tell()} bytes written of {size}")


def copy_approved_content(source: Session, target: Session, source_id: int, target_id: int) -> None:
    """The approval text of revision ``source_id`` in ``source`` stored as that of revision
    ``target_id`` in ``target`` (another register: a merge), a piece at a time; ``target``'s
    is removed if ``source``'s revision has none."""
    size = _stored_size(source, source_id)
    if size is None:
        target.flush()
        target.connection().execute(delete(_texts).where(_revision_id == target_id))
        return
    store_approved_content(target, target_id, size, approved_content_pieces(source, source_id))


def same_fingerprint(session: Session, assessment_id: int, other: Session, other_id: int) -> bool:
    """Whether revision ``assessment_id`` here and ``other_id`` in ``other`` (another register)
    carry the same fingerprint (both may be a draft's none)."""
    query = select(Assessment.fingerprint).where(Assessment.id == assessment_id)
    there = select(Assessment.fingerprint).where(Assessment.id == other_id)
    return session.scalar(query) == other.scalar(there)


def _stored_size(session: Session, assessment_id: int) -> int | None:
    """The size in UTF-8 of a revision's stored text (None: it has none), not reading it where
    a blob handle can tell (SQLite's length of a text, or of a cast, reads the whole value)."""
    if session.connection().dialect.name == "sqlite" and _stored_as_utf8(session, assessment_id):
        with _blob(session, assessment_id) as blob:
            return len(blob)
    query = select(func.length(_as_utf8(session, _content))).where(_revision_id == assessment_id)
    size = session.connection().execute(query).scalar()
    return None if size is None else int(size)


def _joined(pieces: Iterable[bytes]) -> Iterator[bytes]:
    """``pieces`` joined into pieces of about ``_WRITTEN_PIECE`` bytes."""
    buffer = bytearray()
    for piece in pieces:
        buffer += piece
        if len(buffer) >= _WRITTEN_PIECE:
            yield bytes(buffer)
            buffer.clear()
            checkpoints.passed()
    if buffer:
        yield bytes(buffer)


def _store_on_server(connection: Connection, assessment_id: int, pieces: Iterable[bytes]) -> None:
    """The approval text joined by PostgreSQL from pieces sent one at a time."""
    # Imported here: SQLAlchemy's PostgreSQL dialect (every driver's module with it) is 50 ms
    # of CPU that a register in a file, and the window's start, never need.
    from sqlalchemy.dialects.postgresql import aggregate_order_by

    parts = Table(
        "wrac_approval_piece", MetaData(),
        Column("number", Integer, primary_key=True, autoincrement=False),
        Column("piece", LargeBinary, nullable=False),
        prefixes=["TEMPORARY"],
    )  # fmt: skip
    parts.create(connection)
    try:
        for number, piece in enumerate(pieces):
            connection.execute(insert(parts).values(number=number, piece=piece))
        empty = literal(b"", LargeBinary)
        joined = func.string_agg(parts.c.piece, aggregate_order_by(empty, parts.c.number))
        text = select(func.coalesce(func.convert_from(joined, "UTF8"), "")).scalar_subquery()
        connection.execute(insert(_texts).values(assessment_id=assessment_id, content=text))
    finally:
        parts.drop(connection)


_WRITTEN_PIECE = 1 << 20
