"""The register's records as typed SQLAlchemy 2 models.

Every record has a stable UUID (registers from several laptops are merged by it), created and
modified timestamps, and a row version that SQLAlchemy checks on every UPDATE so that a
concurrent change on a shared server is refused rather than silently lost.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    MappedColumn,
    declared_attr,
    mapped_column,
    relationship,
)

from wrac_desktop.persistence.types import JsonText, UtcDateTime, Utf8Text, utc_now

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def added_text(kind: Any = Text) -> MappedColumn[Any]:
    """A text column a migration added to a table that had rows: the database gives it "" (its
    server default), and a new file's schema, made from these models in one step
    (``migrate.create_at_head``), must give it the same."""
    return mapped_column(kind, default="", server_default="")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Record(Base):
    """Columns every editable record carries."""

    __abstract__ = True

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[uuid.UUID] = mapped_column(Uuid, unique=True, default=uuid.uuid4)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    modified_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now, onupdate=utc_now)
    row_version: Mapped[int] = mapped_column(Integer, default=1)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:  # noqa: N805 - SQLAlchemy's declared_attr style
        return {"version_id_col": cls.__table__.c.row_version}

    def __init__(self, **fields: Any) -> None:
        # The UUID is set at construction, not at INSERT, so the audit hook can name new records.
        fields.setdefault("uuid", uuid.uuid4())
        super().__init__(**fields)


class Organisation(Record):
    __tablename__ = "organisation"

    legal_name: Mapped[str] = mapped_column(Text)
    bin: Mapped[str] = mapped_column(String(12))
    region: Mapped[str] = mapped_column(Text, default="")
    address: Mapped[str] = mapped_column(Text, default="")
    industry: Mapped[str] = mapped_column(Text, default="")
    oked: Mapped[str] = added_text()  # activity code (ОКЭД / ЭҚЖЖ)
    kato: Mapped[str] = added_text()  # region code (КАТО / ӘАОЖ)
    # The employer's order that set up the risk-assessment commission: its number and date.
    commission_order: Mapped[str] = added_text()
    commission_order_on: Mapped[date | None] = mapped_column(Date)

    units: Mapped[list[OrgUnit]] = relationship(
        back_populates="organisation", cascade="all, delete-orphan", passive_deletes=True
    )


class OrgUnit(Record):
    """A site or division; units nest to any depth and hold workplaces."""

    __tablename__ = "org_unit"
    __table_args__ = (Index("ix_org_unit_parent", "parent_id"),)

    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("org_unit.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20), default="site")
    name: Mapped[str] = mapped_column(Text)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)

    organisation: Mapped[Organisation] = relationship(back_populates="units")
    parent: Mapped[OrgUnit | None] = relationship(
        remote_side="OrgUnit.id", back_populates="children"
    )
    children: Mapped[list[OrgUnit]] = relationship(
        back_populates="parent", cascade="all, delete-orphan", passive_deletes=True
    )
    workplaces: Mapped[list[Workplace]] = relationship(
        back_populates="unit", cascade="all, delete-orphan", passive_deletes=True
    )


class Workplace(Record):
    __tablename__ = "workplace"
    __table_args__ = (Index("ix_workplace_unit", "unit_id"),)

    unit_id: Mapped[int] = mapped_column(ForeignKey("org_unit.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(Text)
    job_titles: Mapped[str] = mapped_column(Text, default="")  # one title per line
    headcount: Mapped[int] = mapped_column(Integer, default=0)
    shift_pattern: Mapped[str] = mapped_column(Text, default="")
    location_notes: Mapped[str] = mapped_column(Text, default="")
    sort_order: Mapped[int] = mapped_column(Integer, default=0)

    unit: Mapped[OrgUnit] = relationship(back_populates="workplaces")
    hazards: Mapped[list[Hazard]] = relationship(
        back_populates="workplace", cascade="all, delete-orphan", passive_deletes=True
    )


class RiskMatrix(Record):
    """One version of a risk matrix; versions of the same matrix share ``family``."""

    __tablename__ = "risk_matrix"
    __table_args__ = (UniqueConstraint("family", "version", name="uq_risk_matrix_family_version"),)

    family: Mapped[uuid.UUID] = mapped_column(Uuid, default=uuid.uuid4)
    version: Mapped[int] = mapped_column(Integer, default=1)
    preset_key: Mapped[str] = mapped_column(String(40), default="")
    name: Mapped[str] = mapped_column(Text)
    definition: Mapped[dict[str, Any]] = mapped_column(JsonText)


class Assessment(Record):
    __tablename__ = "assessment"

    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"))
    matrix_id: Mapped[int] = mapped_column(ForeignKey("risk_matrix.id", ondelete="RESTRICT"))
    title: Mapped[str] = mapped_column(Text)
    scope: Mapped[str] = mapped_column(Text, default="")
    assessed_on: Mapped[date | None] = mapped_column(Date)
    document_number: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="draft")
    revision: Mapped[int] = mapped_column(Integer, default=1)
    approved_by: Mapped[str] = mapped_column(Text, default="")
    approver_position: Mapped[str] = mapped_column(Text, default="")
    approved_on: Mapped[date | None] = mapped_column(Date)
    next_review_on: Mapped[date | None] = mapped_column(Date)
    # Revisions of one assessment share ``series`` (the first revision's UUID; None before).
    series: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    # Set at approval: the SHA-256 of the canonical JSON it covers (reports/fingerprint.py),
    # which is kept beside the row, in ``approval_text``.
    fingerprint: Mapped[str] = added_text(String(64))

    matrix: Mapped[RiskMatrix] = relationship()
    team: Mapped[list[TeamMember]] = relationship(
        back_populates="assessment",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="TeamMember.sort_order",
    )
    hazards: Mapped[list[Hazard]] = relationship(
        back_populates="assessment", cascade="all, delete-orphan", passive_deletes=True
    )


class TeamMember(Record):
    __tablename__ = "team_member"

    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessment.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(Text)
    position: Mapped[str] = mapped_column(Text, default="")
    role: Mapped[str] = mapped_column(String(30), default="member")
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    lineage: Mapped[uuid.UUID | None] = mapped_column(Uuid)  # the first revision's copy's UUID

    assessment: Mapped[Assessment] = relationship(back_populates="team")


class Hazard(Record):
    """A hazard at a workplace, within one assessment, with its initial and residual risk."""

    __tablename__ = "hazard"
    __table_args__ = (
        Index("ix_hazard_workplace", "workplace_id"),
        # Led by the revision: a revision's hazards, its counts by workplace (the tree) and
        # its list in tree order, read from the index alone.
        Index(
            "ix_hazard_assessment_workplace_order", "assessment_id", "workplace_id", "sort_order"
        ),
    )

    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessment.id", ondelete="CASCADE"))
    workplace_id: Mapped[int] = mapped_column(ForeignKey("workplace.id", ondelete="CASCADE"))
    library_id: Mapped[str | None] = mapped_column(String(80))
    category: Mapped[str] = mapped_column(Text, default="")
    description: Mapped[str] = mapped_column(Text)
    unwanted_event: Mapped[str] = mapped_column(Text, default="")
    causes: Mapped[str] = mapped_column(Text, default="")
    people_exposed: Mapped[str] = mapped_column(Text, default="")
    consequence: Mapped[str] = mapped_column(Text, default="")
    existing_controls: Mapped[str] = mapped_column(Text, default="")
    initial_likelihood: Mapped[float | None]
    initial_severity: Mapped[float | None]
    initial_exposure: Mapped[float | None]
    initial_score: Mapped[float | None]
    initial_band: Mapped[str | None] = mapped_column(String(40))
    initial_override_band: Mapped[str | None] = mapped_column(String(40))
    initial_override_reason: Mapped[str | None] = mapped_column(Text)
    residual_likelihood: Mapped[float | None]
    residual_severity: Mapped[float | None]
    residual_exposure: Mapped[float | None]
    residual_score: Mapped[float | None]
    residual_band: Mapped[str | None] = mapped_column(String(40))
    residual_override_band: Mapped[str | None] = mapped_column(String(40))
    residual_override_reason: Mapped[str | None] = mapped_column(Text)
    priority: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str] = mapped_column(Text, default="")
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    # fold()ed copy of the searchable texts: SQLite's LIKE folds ASCII only.
    search_text: Mapped[str] = mapped_column(Text, default="")
    # The same hazard in every revision shares a lineage: the UUID of its first copy.
    lineage: Mapped[uuid.UUID | None] = mapped_column(Uuid)

    assessment: Mapped[Assessment] = relationship(back_populates="hazards")
    workplace: Mapped[Workplace] = relationship(back_populates="hazards")
    measures: Mapped[list[ControlMeasure]] = relationship(
        back_populates="hazard",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="ControlMeasure.sort_order",
    )


class ControlMeasure(Record):
    __tablename__ = "control_measure"
    __table_args__ = (Index("ix_control_measure_hazard", "hazard_id"),)

    hazard_id: Mapped[int] = mapped_column(ForeignKey("hazard.id", ondelete="CASCADE"))
    level: Mapped[str] = mapped_column(String(20))
    kind: Mapped[str] = mapped_column(String(20), default="additional")
    description: Mapped[str] = mapped_column(Text)
    responsible: Mapped[str] = mapped_column(Text, default="")  # the position ("Главный механик")
    responsible_name: Mapped[str] = added_text()  # "Ахметов С.Б."
    due_text: Mapped[str] = mapped_column(Text, default="")  # verbatim, e.g. "IV квартал 2025 г."
    due_date: Mapped[date | None] = mapped_column(Date)  # parsed from due_text where possible
    status: Mapped[str] = mapped_column(String(20), default="planned")
    completed_on: Mapped[date | None] = mapped_column(Date)
    cost: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    funding_source: Mapped[str] = mapped_column(Text, default="")
    completion_form: Mapped[str] = mapped_column(Text, default="")
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    lineage: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    # The library entry whose suggested control it was, to refresh its text (issue 16 item 2).
    library_id: Mapped[str | None] = mapped_column(String(80))

    hazard: Mapped[Hazard] = relationship(back_populates="measures")


class AuditEntry(Base):
    """Who changed what and when; written by the session hook in ``audit.py``."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_entity", "entity_uuid"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    user_name: Mapped[str] = mapped_column(Text, default="")
    os_user: Mapped[str] = mapped_column(Text, default="")
    action: Mapped[str] = mapped_column(String(20))  # insert, update, delete, or an event name
    entity: Mapped[str] = mapped_column(String(40), default="")
    entity_uuid: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    changes: Mapped[dict[str, Any] | None] = mapped_column(JsonText)
    summary: Mapped[str] = mapped_column(Text, default="")
    # The hash chain (persistence/audit_chain.py): each row's hash covers it and the one before.
    prev_hash: Mapped[str] = added_text(String(64))
    hash: Mapped[str] = added_text(String(64))


class RegisterProperty(Base):
    """Key/value facts about the register itself (its UUID, the app version that made it)."""

    __tablename__ = "register_property"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class LibraryEntryRecord(Record):
    """A register's own hazard-library entry, or its edit of a built-in one (same id)."""

    __tablename__ = "library_entry"

    entry_id: Mapped[str] = mapped_column(String(80), unique=True)
    data: Mapped[dict[str, Any]] = mapped_column(JsonText)  # HazardEntry.to_dict()


class TextTranslation(Record):
    """One distinct text of a revision in kk, ru and en (``wrac_desktop.languages``).

    Records hold each text once, as typed or picked (``source``); this row gives its values in
    every language. Its UUID is derived from the revision's UUID and the text
    (``persistence.translations.translation_uuid``), so two copies of a register that translate
    the same text make the same record and a merge matches them field by field.
    """

    __tablename__ = "text_translation"
    __table_args__ = (Index("ix_text_translation_assessment", "assessment_id"),)

    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessment.id", ondelete="CASCADE"))
    source: Mapped[str] = mapped_column(Text)
    lang: Mapped[str] = mapped_column(String(2), default="")  # the source's language
    kk: Mapped[str] = mapped_column(Text, default="")
    ru: Mapped[str] = mapped_column(Text, default="")
    en: Mapped[str] = mapped_column(Text, default="")
    # Languages to check again because the text changed in another one ("kk en").
    unchecked: Mapped[str] = mapped_column(String(10), default="")
    # Derived: kk, ru and en folded, to find hazards by any language (``persistence.derived``).
    search_text: Mapped[str] = added_text()


class ProgressEvent(Base):
    """One step of a measure's progress after (or before) approval: append-only, hash-chained.

    Outside the approval fingerprint: the signed revision stays as signed while its plan moves.
    ``id`` is the event's place in the chain (1, 2, 3 … without gaps); ``uuid`` names it across
    copies of the register (merge unions by it). The chain's form is in ``progress_log``.
    """

    __tablename__ = "progress_event"
    __table_args__ = (Index("ix_progress_event_measure", "measure_uuid"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    uuid: Mapped[UUID] = mapped_column(Uuid, unique=True)
    measure_uuid: Mapped[UUID] = mapped_column(Uuid)
    status: Mapped[str] = mapped_column(String(20))  # started, done, verified, postponed, …
    happened_on: Mapped[date] = mapped_column(Date)
    by_name: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    deadline: Mapped[date | None] = mapped_column(Date)  # a postponement's new deadline
    at: Mapped[datetime] = mapped_column(UtcDateTime)  # when it was recorded
    user_name: Mapped[str] = mapped_column(Text, default="")
    os_user: Mapped[str] = mapped_column(Text, default="")
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class StoredApprovalText(Base):
    """The canonical JSON an approved revision's fingerprint covers, as stored at approval.

    Its own table, not a column of ``assessment`` (until schema 15): SQLite rewrites a row
    whole when any column of it changes, and superseding an approved revision rewrote its
    360 MB text at 100,000 hazards (approving revision 2 peaked at 643 MB). Written and read
    a piece at a time only (``record_queries``); never loaded as a record. SQLite holds it as
    UTF-8 bytes since schema 12 (``Utf8Text``; before, as text, which a migrated one keeps)."""

    __tablename__ = "approval_text"

    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("assessment.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    content: Mapped[str] = mapped_column(Utf8Text, deferred=True)


class AttachmentBlob(Base):
    """A file's bytes, once, keyed by their SHA-256: the same photo attached twice is one blob."""

    __tablename__ = "attachment_blob"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    content_type: Mapped[str] = mapped_column(String(40))
    data: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)


class Attachment(Base):
    """A file attached to a hazard, a measure, a progress event or an incident event.

    Generic: ``owner_kind`` and ``owner_uuid`` name the owner, so any record can have files.
    Append-only and hash-chained like the progress log (``attachments`` in persistence).
    ``original_sha256`` is the full-size photo when the officer kept it beside the scaled one.
    """

    __tablename__ = "attachment"
    __table_args__ = (Index("ix_attachment_owner", "owner_uuid"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    uuid: Mapped[UUID] = mapped_column(Uuid, unique=True)
    owner_kind: Mapped[str] = mapped_column(String(20))
    owner_uuid: Mapped[UUID] = mapped_column(Uuid)
    sha256: Mapped[str] = mapped_column(ForeignKey("attachment_blob.sha256", ondelete="RESTRICT"))
    original_sha256: Mapped[str | None] = mapped_column(
        ForeignKey("attachment_blob.sha256", ondelete="RESTRICT")
    )
    file_name: Mapped[str] = mapped_column(Text)
    content_type: Mapped[str] = mapped_column(String(40))
    size: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    user_name: Mapped[str] = mapped_column(Text, default="")
    os_user: Mapped[str] = mapped_column(Text, default="")
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class ReassessmentFlag(Base):
    """A hazard to assess again (an incident, a changed process): outside the signed revision.

    Keyed by the hazard's lineage (the same hazard in every revision); ``source_uuid`` names
    what raised it (an incident event), ``cleared_at`` is set when a new assessment covers it.
    """

    __tablename__ = "reassessment_flag"
    __table_args__ = (Index("ix_reassessment_flag_hazard", "hazard_lineage"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[UUID] = mapped_column(Uuid, unique=True, default=uuid.uuid4)
    hazard_lineage: Mapped[UUID] = mapped_column(Uuid)
    reason: Mapped[str] = mapped_column(Text, default="")
    source_uuid: Mapped[UUID | None] = mapped_column(Uuid)
    flagged_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    cleared_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    def __init__(self, **fields: Any) -> None:
        # Audited like a record (issue 23): its UUID is set now, so the hook can name it.
        fields.setdefault("uuid", uuid.uuid4())
        super().__init__(**fields)


class Event(Record):
    """Something that happened at a workplace: a near miss, an accident, a disease (issue 18).

    The workplace and the hazards are named by UUID, not by foreign key: an event is a record
    of what happened and outlives a workplace removed from the register. It is never deleted:
    withdrawing one keeps it with ``deleted_on`` and the reason.
    """

    __tablename__ = "event"
    __table_args__ = (
        Index("ix_event_occurred_at", "occurred_at"),
        Index("ix_event_workplace_uuid", "workplace_uuid"),
    )

    kind: Mapped[str] = mapped_column(String(30))  # vocabulary.EventKind
    occurred_at: Mapped[datetime] = mapped_column(DateTime)  # the site's wall time, as reported
    workplace_uuid: Mapped[uuid.UUID] = mapped_column(Uuid)
    hazard_uuids: Mapped[list[str]] = mapped_column(JsonText, default=list)
    person_name: Mapped[str] = mapped_column(Text, default="")
    person_position: Mapped[str] = mapped_column(Text, default="")
    personnel_no: Mapped[str] = mapped_column(Text, default="")
    consent_note: Mapped[str] = mapped_column(Text, default="")
    description: Mapped[str] = mapped_column(Text, default="")
    immediate_cause: Mapped[str] = mapped_column(Text, default="")
    days_lost: Mapped[int] = mapped_column(Integer, default=0)
    reported_on: Mapped[date | None] = mapped_column(Date)  # to the inspectorate
    report_reference: Mapped[str] = mapped_column(Text, default="")
    investigation: Mapped[str] = mapped_column(String(20), default="open")
    # The language its texts are written in (kk, ru, en), as the officer named it or the
    # letters show; None if neither tells (migration 0011).
    lang: Mapped[str | None] = mapped_column(String(5))
    deleted_on: Mapped[date | None] = mapped_column(Date)
    deletion_reason: Mapped[str] = mapped_column(Text, default="")


class OrganisationFigures(Record):
    """The organisation's figures for one year: headcount, hours, insurance, officers tested.

    Its UUID is derived from the year (``persistence.event_queries.figures_uuid``), so two
    copies of a register that enter the same year make the same record and a merge matches it.
    """

    __tablename__ = "organisation_figures"

    year: Mapped[int] = mapped_column(Integer, unique=True)
    average_headcount: Mapped[int | None] = mapped_column(Integer)
    hours_worked: Mapped[int | None] = mapped_column(Integer)
    insurer: Mapped[str] = mapped_column(Text, default="")
    insurance_policy: Mapped[str] = mapped_column(Text, default="")
    insured_until: Mapped[date | None] = mapped_column(Date)
    insured_workers: Mapped[int | None] = mapped_column(Integer)
    safety_service: Mapped[bool] = mapped_column(Boolean, default=False)
    safety_officers: Mapped[int | None] = mapped_column(Integer)
    officers_tested: Mapped[int | None] = mapped_column(Integer)


class HiddenInjury(Record):
    """A first medical visit that looked like a work injury with no event of the same person
    within three days when the medical post's journal was reconciled (``wrac reconcile``): a
    suspected hidden injury, counted by indicator 42 while still no event matches it.

    Its UUID is derived from the visit (``persistence.event_queries.hidden_injury_uuid``), so
    reconciling the same journal again, or in another copy of the register, makes no double.
    """

    __tablename__ = "hidden_injury"
    __table_args__ = (Index("ix_hidden_injury_visit_on", "visit_on"),)

    visit_on: Mapped[date] = mapped_column(Date)
    person: Mapped[str] = mapped_column(Text, default="")
    personnel_no: Mapped[str] = mapped_column(Text, default="")
    diagnosis: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(Text, default="")  # the journal's file name
    found_on: Mapped[date] = mapped_column(Date)


EDITABLE_MODELS: tuple[type[Record], ...] = (
    Organisation,
    OrgUnit,
    Workplace,
    RiskMatrix,
    Assessment,
    TeamMember,
    Hazard,
    ControlMeasure,
    LibraryEntryRecord,
    TextTranslation,
    Event,
    OrganisationFigures,
    HiddenInjury,
)
