"""A register's records as reports and the fingerprint read them: typed rows, no database.

``persistence.report_queries`` reads them (one Core query per table, UUIDs as text) and the
writers and the fingerprint take them, so a renamed column is a type error in both and the
reports package never reaches into the database itself. NamedTuples: 50,000 of them cost
little more to build than the dicts they replaced, and a field is read by name, never by an
f-string key.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from decimal import Decimal
from typing import Any, NamedTuple

# The content fields of a hazard and of a measure, in the order the fingerprint formats up to
# wrac-fingerprint-4 cover them (never reorder or extend: a new format adds its own fields).
HAZARD_FIELDS = (
    "library_id", "category", "description", "unwanted_event", "causes", "people_exposed",
    "consequence", "existing_controls", "initial_likelihood", "initial_severity",
    "initial_exposure", "initial_score", "initial_band", "initial_override_band",
    "initial_override_reason", "residual_likelihood", "residual_severity", "residual_exposure",
    "residual_score", "residual_band", "residual_override_band", "residual_override_reason",
    "priority", "notes",
)  # fmt: skip
MEASURE_FIELDS = (
    "level", "kind", "description", "responsible", "due_text", "due_date", "status",
    "completed_on", "cost", "funding_source", "completion_form",
)  # fmt: skip


class MeasureRecord(NamedTuple):
    """A control measure (its MEASURE_FIELDS and keys)."""

    hazard_id: int
    uuid: str
    sort_order: int
    level: str
    kind: str
    description: str
    responsible: str
    due_text: str
    due_date: date | None
    status: str
    completed_on: date | None
    cost: Decimal | None
    funding_source: str
    completion_form: str
    responsible_name: str  # covered from wrac-fingerprint-5 on


class HazardRecord(NamedTuple):
    """A hazard (its HAZARD_FIELDS and keys), with its measures in their order."""

    id: int
    uuid: str
    workplace_id: int
    sort_order: int
    library_id: str | None
    category: str
    description: str
    unwanted_event: str
    causes: str
    people_exposed: str
    consequence: str
    existing_controls: str
    initial_likelihood: float | None
    initial_severity: float | None
    initial_exposure: float | None
    initial_score: float | None
    initial_band: str | None
    initial_override_band: str | None
    initial_override_reason: str | None
    residual_likelihood: float | None
    residual_severity: float | None
    residual_exposure: float | None
    residual_score: float | None
    residual_band: str | None
    residual_override_band: str | None
    residual_override_reason: str | None
    priority: bool
    notes: str
    measures: tuple[MeasureRecord, ...]


class WorkplaceRecord(NamedTuple):
    id: int
    uuid: str
    name: str
    unit_id: int
    sort_order: int
    headcount: int
    job_titles: str
    shift_pattern: str
    location_notes: str


class UnitRecord(NamedTuple):
    """A site or division; ``parent_id`` is None for a site."""

    id: int
    uuid: str
    name: str
    kind: str
    parent_id: int | None
    sort_order: int


class TeamRecord(NamedTuple):
    """A member of the assessment's commission."""

    uuid: str
    name: str
    position: str
    role: str
    sort_order: int


class TranslationRecord(NamedTuple):
    """A text of a revision in each language (``lang`` is the one it was written in)."""

    uuid: str
    source: str
    lang: str
    kk: str
    ru: str
    en: str


class AssessmentRecord(NamedTuple):
    """The assessment's printed fields and the matrix it is rated on."""

    uuid: str
    title: str
    scope: str
    assessed_on: date | None
    document_number: str
    revision: int
    approved_by: str
    approver_position: str
    approved_on: date | None
    next_review_on: date | None
    matrix_name: str
    matrix_definition: dict[str, Any]


class OrganisationRecord(NamedTuple):
    """The legal entity's fields a report prints."""

    uuid: str
    legal_name: str
    bin: str
    region: str
    address: str
    industry: str
    oked: str
    kato: str
    commission_order: str
    commission_order_on: date | None


class OutOfOrder(RuntimeError):
    """OrderedHazards came out of their UUID order (the reader checks the database's first)."""


class OrderedHazards:
    """A revision's hazards in the order of their UUIDs (as text), read from the database a
    chunk at a time each time they are iterated: 100,000 of them, 360 MB of canonical JSON,
    are never in memory at once (issue 22). ``workplace_ids`` are the workplaces they sit in,
    read without them. Iterating raises OutOfOrder rather than yield another order."""

    def __init__(
        self, read: Callable[[], Iterator[HazardRecord]], workplace_ids: frozenset[int]
    ) -> None:
        self._read = read
        self.workplace_ids = workplace_ids

    def __iter__(self) -> Iterator[HazardRecord]:
        previous = ""
        for hazard in self._read():
            if hazard.uuid <= previous:
                raise OutOfOrder(hazard.uuid)
            previous = hazard.uuid
            yield hazard


class RevisionContent(NamedTuple):
    """Everything a revision's fingerprint can cover: the fingerprint itself reads nothing
    (each format picks what it covers). The hazards are a list, or OrderedHazards streamed."""

    assessment: AssessmentRecord
    team: tuple[TeamRecord, ...]
    organisation: OrganisationRecord | None
    units: dict[int, UnitRecord]
    workplaces: dict[int, WorkplaceRecord]
    hazards: list[HazardRecord] | OrderedHazards
    translations: list[TranslationRecord]

    def workplace_ids(self) -> set[int]:
        """The workplaces the hazards sit in (without reading streamed hazards again)."""
        if isinstance(self.hazards, OrderedHazards):
            return set(self.hazards.workplace_ids)
        return {hazard.workplace_id for hazard in self.hazards}
