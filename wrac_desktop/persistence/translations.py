"""Reading and writing a revision's translation rows (``models.TextTranslation``).

A row exists for a text once its language is known for certain or it has a translation; a text
no row names is read in the language its letters show (``languages.text_set``).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, NamedTuple

from sqlalchemy import Table, func, insert, select
from sqlalchemy.orm import Session

from wrac_desktop.languages import TEXT_LANGUAGES
from wrac_desktop.persistence.derived import with_search_text
from wrac_desktop.persistence.models import (
    Assessment,
    AuditEntry,
    ControlMeasure,
    Hazard,
    Organisation,
    OrgUnit,
    TeamMember,
    TextTranslation,
    Workplace,
)
from wrac_desktop.persistence.types import utc_now

# Fixed for ever: translation rows' UUIDs are derived from it, and merges match them by UUID.
TRANSLATION_NAMESPACE = uuid.UUID("5b0c7e2a-8f0e-4a57-9a38-7f5d2e0c1a16")
# Every text an officer reads in a report, by table. The tree's and the organisation's texts
# are translated within each revision too: a revision prints them in its own words.
TRANSLATED_FIELDS: dict[str, tuple[str, ...]] = {
    "organisation": ("legal_name", "region", "address", "industry"),
    "org_unit": ("name",),
    "workplace": ("name",),
    "assessment": ("title", "scope"),
    "team_member": ("position",),
    "hazard": (
        "description", "unwanted_event", "causes", "people_exposed", "consequence",
        "existing_controls",
    ),
    "control_measure": ("description", "responsible", "completion_form", "funding_source"),
}  # fmt: skip
ROW_KEYS = ("lang", *TEXT_LANGUAGES, "unchecked")
TranslationRow = dict[str, str]


def translation_uuid(assessment_uuid: uuid.UUID | str, source: str) -> uuid.UUID:
    """The same revision and text give the same UUID in every copy of a register."""
    return uuid.uuid5(TRANSLATION_NAMESPACE, f"{assessment_uuid}\n{source}")


def rows_of(session: Session, assessment_id: int) -> dict[str, TranslationRow]:
    """The revision's translation rows by source text: lang, kk, ru, en, unchecked."""
    t = TextTranslation.__table__.c
    query = select(t.source, *(t[key] for key in ROW_KEYS)).where(t.assessment_id == assessment_id)
    session.flush()
    return _by_source(session.connection().execute(query))


def rows_for(
    session: Session, assessment_id: int, sources: Iterable[str]
) -> dict[str, TranslationRow]:
    """The rows of just these texts (one page of a view), a few hundred per query."""
    t = TextTranslation.__table__.c
    wanted = sorted({source for source in sources if source})
    found: dict[str, TranslationRow] = {}
    for start in range(0, len(wanted), _IN_BATCH):
        query = select(t.source, *(t[key] for key in ROW_KEYS)).where(
            t.assessment_id == assessment_id, t.source.in_(wanted[start : start + _IN_BATCH])
        )
        found |= _by_source(session.execute(query))
    return found


_ROWS_A_FETCH = 2_000  # streamed: the ORM session buffers a whole result otherwise
_IN_BATCH = 500  # texts per IN (...): SQLite's and psycopg's limits are far above


def _by_source(result: Iterable[Any]) -> dict[str, TranslationRow]:
    return {row[0]: dict(zip(ROW_KEYS, row[1:], strict=True)) for row in result}


def save(
    session: Session, assessment: Assessment, source: str, row: Mapping[str, str]
) -> TextTranslation:
    """Create or change ``source``'s row of the revision (audited and guarded, through the ORM)."""
    key = translation_uuid(assessment.uuid, source)
    record = session.scalar(select(TextTranslation).where(TextTranslation.uuid == key))
    if record is None:
        record = TextTranslation(uuid=key, assessment_id=assessment.id, source=source)
        session.add(record)
    for name in ROW_KEYS:
        if name in row and getattr(record, name) != row[name]:
            setattr(record, name, row[name])
    return record


def copy_translations(session: Session, source: Assessment, target: Assessment) -> int:
    """Copy every translation row of revision ``source`` to ``target`` (one INSERT)."""
    t = _table()
    query = select(t.c.source, *(t.c[key] for key in (*ROW_KEYS, "search_text"))).where(
        t.c.assessment_id == source.id
    )
    now = utc_now()
    copies = [
        {"source": row[0], **dict(zip((*ROW_KEYS, "search_text"), row[1:], strict=True))}
        | {"uuid": translation_uuid(target.uuid, row[0]), "assessment_id": target.id,
           "created_at": now, "modified_at": now, "row_version": 1}
        for row in session.execute(query)
    ]  # fmt: skip
    if copies:
        session.execute(insert(t), copies)
    return len(copies)


def insert_rows(
    session: Session, assessment_id: int, assessment_uuid: Any, rows: Mapping[str, TranslationRow]
) -> int:
    """Bulk-insert new rows (the demo's and the migration's writes; nothing there yet)."""
    now = utc_now()
    stamps = {"created_at": now, "modified_at": now, "row_version": 1}
    values = [
        new_row(assessment_id, assessment_uuid, source, row) | stamps
        for source, row in rows.items()
    ]
    if values:
        session.execute(insert(_table()), values)
    return len(values)


def new_row(
    assessment_id: int, assessment_uuid: Any, source: str, row: Mapping[str, str]
) -> dict[str, Any]:
    """The columns of a new translation row of ``source`` (a bulk insert's, without stamps)."""
    values = {key: row.get(key, "") for key in ROW_KEYS} | {
        "source": source,
        "uuid": translation_uuid(assessment_uuid, source),
        "assessment_id": assessment_id,
    }
    return with_search_text("text_translation", values)


def texts_of(session: Session, assessment_id: int) -> Iterator[tuple[str, str, str]]:
    """(table, field, text) of every non-empty text the revision prints (with the tree's)."""
    for use in text_uses(session, assessment_id):
        yield use.table, use.field, use.text


class TextUse(NamedTuple):
    """Where a revision prints one text: a field of ``records`` records, ``first_id`` the first."""

    table: str
    field: str
    text: str
    first_id: int
    records: int


def text_uses(session: Session, assessment_id: int) -> Iterator[TextUse]:
    """Every non-empty text the revision prints (with the tree's), once per table and field."""
    for table, model, where in _sources(assessment_id):
        for name in TRANSLATED_FIELDS[table]:
            column = getattr(model, name)
            query = (
                select(column, func.min(model.id), func.count(model.id))
                .where(*where, column != "")
                .group_by(column)
            )
            for text, first_id, count in session.execute(query):
                yield TextUse(table, name, text, first_id, count)


def _sources(assessment_id: int) -> Iterable[tuple[str, Any, tuple[Any, ...]]]:
    yield "organisation", Organisation, (Organisation.id == Assessment.organisation_id,
                                         Assessment.id == assessment_id)  # fmt: skip
    yield "org_unit", OrgUnit, ()
    yield "workplace", Workplace, ()
    yield "assessment", Assessment, (Assessment.id == assessment_id,)
    yield "team_member", TeamMember, (TeamMember.assessment_id == assessment_id,)
    yield "hazard", Hazard, (Hazard.assessment_id == assessment_id,)
    yield "control_measure", ControlMeasure, (ControlMeasure.hazard_id == Hazard.id,
                                              Hazard.assessment_id == assessment_id)  # fmt: skip


def _table() -> Table:
    table = TextTranslation.__table__
    assert isinstance(table, Table)
    return table


class LibraryRecord(NamedTuple):
    """A hazard or measure of a revision that names a library entry, with the texts a pick
    fills."""

    id: int
    uuid: uuid.UUID
    lineage: uuid.UUID  # the same record in every revision (its own UUID if it has none)
    library_id: str
    texts: dict[str, str]  # field → stored text


def library_records(
    session: Session, model: type[Hazard | ControlMeasure], assessment_id: int,
    fields: tuple[str, ...],
) -> Iterator[LibraryRecord]:  # fmt: skip
    """The revision's hazards (or measures) that name a library entry, by id, as read: a
    100,000-hazard revision's 450,000 held at once took some 400 MB of the window."""
    c = model.__table__.c
    query = select(c.id, c.uuid, func.coalesce(c.lineage, c.uuid), c.library_id,
                   *(c[f] for f in fields))  # fmt: skip
    if model is ControlMeasure:
        query = query.join(Hazard, Hazard.id == c.hazard_id)
    query = query.where(
        Hazard.assessment_id == assessment_id, c.library_id.is_not(None), c.library_id != ""
    ).order_by(c.id)
    for row in session.execute(query.execution_options(yield_per=_ROWS_A_FETCH)):
        yield LibraryRecord(row[0], row[1], row[2], row[3], dict(zip(fields, row[4:], strict=True)))


def audited_updates(session: Session, entity: str) -> Iterator[tuple[uuid.UUID, dict[str, Any]]]:
    """(record UUID, {field: [old, new]}) of every audited update of ``entity``'s records."""
    query = (
        select(AuditEntry.entity_uuid, AuditEntry.changes)
        .where(AuditEntry.entity == entity, AuditEntry.action == "update")
        .order_by(AuditEntry.id)
    )
    for record_uuid, changes in session.execute(query):
        if record_uuid is not None and isinstance(changes, dict):
            yield record_uuid, changes


def lineages(
    session: Session, model: type[Hazard | ControlMeasure], uuids: Iterable[uuid.UUID]
) -> dict[uuid.UUID, uuid.UUID]:
    """These hazards' (or measures') UUIDs → their lineage (the same record in every revision),
    a few hundred per query: the records someone edited, not every record of the register."""
    c = model.__table__.c
    wanted = sorted(set(uuids))
    found: dict[uuid.UUID, uuid.UUID] = {}
    for start in range(0, len(wanted), _IN_BATCH):
        query = select(c.uuid, func.coalesce(c.lineage, c.uuid)).where(
            c.uuid.in_(wanted[start : start + _IN_BATCH])
        )
        found |= {row[0]: row[1] for row in session.execute(query)}
    return found


def events(session: Session, action: str) -> Iterator[Any]:
    """The changes recorded by every audit event ``action`` (not a record's change)."""
    query = select(AuditEntry.changes).where(AuditEntry.action == action).order_by(AuditEntry.id)
    yield from session.scalars(query)


def revision_uuids(session: Session) -> list[uuid.UUID]:
    """Every revision's UUID (translation rows' UUIDs derive from them)."""
    return list(session.scalars(select(Assessment.uuid)))
