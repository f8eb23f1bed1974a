"""Typed-row reads for reports and the fingerprint (``domain.records``): one Core query per
table, no ORM objects (216,000 of those took eight seconds for the 50,000-hazard demo), and
UUIDs read as text: building a uuid.UUID for each of 45,000 rows only to turn it back into a
string cost a quarter of the read."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterator, Sequence
from operator import attrgetter
from typing import Any, NamedTuple, TypeVar

from sqlalchemy import String, cast, func, literal, select
from sqlalchemy.orm import Session

from wrac_desktop.domain.records import (
    HAZARD_FIELDS,
    MEASURE_FIELDS,
    AssessmentRecord,
    HazardRecord,
    MeasureRecord,
    OrderedHazards,
    OrganisationRecord,
    RevisionContent,
    TeamRecord,
    TranslationRecord,
    UnitRecord,
    WorkplaceRecord,
)
from wrac_desktop.persistence import checkpoints
from wrac_desktop.persistence.models import (
    Assessment,
    ControlMeasure,
    Hazard,
    Organisation,
    OrgUnit,
    RiskMatrix,
    TeamMember,
    TextTranslation,
    Workplace,
)

__all__ = [
    "HAZARD_FIELDS", "MEASURE_FIELDS", "HazardRecord", "MeasureRecord", "UnitRecord",
    "WorkplaceRecord", "assessment_record", "hazard_counts", "hazard_rows", "hazards_at",
    "LineageHazard", "hazards_by_lineage",
    "ordered_hazards", "organisation", "plan_ranks",
    "revision_content", "team", "translation_rows", "units", "uuid_text", "workplaces",
]  # fmt: skip

_HAZARD = Hazard.__table__.c
_MEASURE = ControlMeasure.__table__.c
_WORKPLACE = Workplace.__table__.c
_UNIT = OrgUnit.__table__.c
_TRANSLATION = TextTranslation.__table__.c
_TEAM = TeamMember.__table__.c

R = TypeVar("R", bound=tuple[Any, ...])


def uuid_text(value: Any) -> str:
    """A UUID column read as text, in str(uuid.UUID)'s form on both engines: SQLite stores
    32 hex digits, PostgreSQL casts its native uuid to the dashed form."""
    if type(value) is str and len(value) == 32:  # as SQLite stores one: most of all rows
        return f"{value[:8]}-{value[8:12]}-{value[12:16]}-{value[16:20]}-{value[20:]}".lower()
    text = str(value).lower()
    if len(text) == 32:
        return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"
    return text


def _columns(table: Any, record: type[tuple[Any, ...]], *skip: str) -> list[Any]:
    """The table's columns for each field of ``record`` in its order, "uuid" cast to text."""
    fields = [name for name in record._fields if name not in skip]  # type: ignore[attr-defined]
    return [cast(table.uuid, String) if name == "uuid" else table[name] for name in fields]


def _rows(session: Session, columns: list[Any], *where: Any) -> Sequence[Any]:
    session.flush()  # what session.execute would have flushed; a no-op when nothing is pending
    return session.connection().execute(select(*columns).where(*where)).all()  # one fetchall


def _records(session: Session, record: type[R], table: Any, *where: Any) -> list[R]:
    """Every row of ``table`` matching ``where`` as a ``record`` (its uuid second)."""
    make = record._make  # type: ignore[attr-defined]
    return [
        make((row[0], uuid_text(row[1]), *row[2:]))
        for row in _rows(session, _columns(table, record), *where)
    ]


def hazard_rows(session: Session, assessment_id: int) -> list[HazardRecord]:
    """Every hazard of an assessment with its measures (in their sort order)."""
    where = _HAZARD.assessment_id == assessment_id
    rows = _rows(session, _columns(_HAZARD, HazardRecord, "measures"), where)
    return list(_with_measures(session, rows, where))


def hazard_counts(session: Session, assessment_id: int) -> dict[int, int]:
    """How many hazards of an assessment each workplace holds (those that hold any)."""
    query = (
        select(_HAZARD.workplace_id, func.count())
        .where(_HAZARD.assessment_id == assessment_id)
        .group_by(_HAZARD.workplace_id)
    )
    session.flush()
    return {int(key): int(count) for key, count in session.connection().execute(query)}


def plan_ranks(session: Session, assessment_id: int) -> dict[int, tuple[float, int]]:
    """By workplace: the highest risk of its hazards that have additional measures (the
    initial score, else the residual one: ``reports.data.rank``) and how many there are;
    the plan orders workplaces by it without reading every row first (issue 22)."""
    additional = (
        select(literal(1))
        .where(_MEASURE.hazard_id == _HAZARD.id, _MEASURE.kind == "additional")
        .exists()
    )
    score = func.coalesce(_HAZARD.initial_score, _HAZARD.residual_score, 0.0)
    query = (
        select(_HAZARD.workplace_id, func.max(score), func.count())
        .where(_HAZARD.assessment_id == assessment_id, additional)
        .group_by(_HAZARD.workplace_id)
    )
    session.flush()
    rows = session.connection().execute(query)
    return {int(key): (float(top), int(count)) for key, top, count in rows}


def hazards_at(
    session: Session, assessment_id: int, workplace_ids: Sequence[int]
) -> list[HazardRecord]:
    """The hazards of an assessment at ``workplace_ids``, with their measures (in their sort
    order): a report reads a register a few workplaces at a time (issue 22)."""
    where = (_HAZARD.assessment_id == assessment_id, _HAZARD.workplace_id.in_(workplace_ids))
    rows = _rows(session, _columns(_HAZARD, HazardRecord, "measures"), *where)
    return list(_with_measures(session, rows, *where))


def _with_measures(session: Session, rows: Sequence[Any], *where: Any) -> Iterator[HazardRecord]:
    """HazardRecords of hazard ``rows`` with their measures: those of every hazard ``where``
    selects (the same hazards as ``rows``; no condition: those of ``rows`` by their ids),
    read in one query."""
    of_rows = (_MEASURE.hazard_id.in_([row[0] for row in rows]),)  # no join with the hazards
    selected = (_MEASURE.hazard_id == _HAZARD.id, *where) if where else of_rows
    by_hazard: dict[int, list[MeasureRecord]] = defaultdict(list)
    for measure in _records(session, MeasureRecord, _MEASURE, *selected):
        by_hazard[measure.hazard_id].append(measure)
    none: tuple[MeasureRecord, ...] = ()
    make = HazardRecord._make
    for row in rows:
        found = by_hazard.get(row[0])
        if not found:
            measured = none
        elif len(found) == 1:
            measured = (found[0],)
        else:
            measured = tuple(sorted(found, key=_in_order))
        yield make((row[0], uuid_text(row[1]), *row[2:], measured))


STREAM_CHUNK = 2_000  # hazards read, with their measures, per round trip


def ordered_hazards(
    session: Session, assessment_id: int, chunk: int | None = None
) -> OrderedHazards:
    """An assessment's hazards in UUID order, read ``chunk`` at a time with their measures
    each time they are iterated: the fingerprint's memory stays flat (issue 22). Both engines
    order the column as its text: SQLite stores 32 lowercase hex digits (the order of the
    dashed form), PostgreSQL compares uuids byte by byte."""
    query = select(_HAZARD.workplace_id).where(_HAZARD.assessment_id == assessment_id)
    used = frozenset(session.connection().execute(query.distinct()).scalars())
    return OrderedHazards(lambda: _hazard_chunks(session, assessment_id, chunk), used)


def _hazard_chunks(
    session: Session, assessment_id: int, chunk: int | None
) -> Iterator[HazardRecord]:
    size = chunk or STREAM_CHUNK
    columns = _columns(_HAZARD, HazardRecord, "measures")
    # Walk the UUID index: on SQLite the assessment index would sort every hazard for
    # every chunk ("+ 0" keeps it out of the plan). PostgreSQL chooses well by itself.
    postgres = session.connection().dialect.name == "postgresql"
    revision = _HAZARD.assessment_id if postgres else _HAZARD.assessment_id + 0
    after: uuid.UUID | None = None
    while True:
        where = [revision == assessment_id]
        if after is not None:
            where.append(_HAZARD.uuid > after)
        session.flush()
        query = select(*columns).where(*where).order_by(_HAZARD.uuid).limit(size)
        rows = session.connection().execute(query).all()
        if not rows:
            return
        yield from _with_measures(session, rows)
        checkpoints.passed()  # Cancel is honoured between chunks (approve, verify)
        if len(rows) < size:
            return
        after = uuid.UUID(uuid_text(rows[-1][1]))


class LineageHazard(NamedTuple):
    """A hazard with its lineage and its measures' ({uuid: lineage}), as the database holds them."""

    lineage: str
    hazard: HazardRecord
    measure_lineages: dict[str, str]


def hazards_by_lineage(
    session: Session, assessment_id: int, chunk: int | None = None
) -> Iterator[LineageHazard]:
    """An assessment's hazards in the order of their lineage (a hazard without one is its
    own), then of their UUID, with their measures, from one cursor ``chunk`` at a time: two
    revisions are paired up side by side in flat memory (issue 22). Lineages are given as
    the database holds them, to be compared with each other only; the order is the
    database's, which the caller checks."""
    lineage = func.coalesce(_HAZARD.lineage, _HAZARD.uuid)
    columns = [cast(lineage, String), *_columns(_HAZARD, HazardRecord, "measures")]
    query = select(*columns).where(_HAZARD.assessment_id == assessment_id)
    query = query.order_by(lineage, _HAZARD.uuid).execution_options(stream_results=True)
    session.flush()
    for rows in session.connection().execute(query).partitions(chunk or STREAM_CHUNK):
        measures = _measures_with_lineage(session, [row[1] for row in rows])
        for row in rows:
            found = measures.get(row[1], [])
            hazard = HazardRecord._make(
                (
                    row[1],
                    uuid_text(row[2]),
                    *row[3:],
                    tuple(sorted((m for m, _ in found), key=_in_order)),
                )
            )
            yield LineageHazard(row[0], hazard, {m.uuid: key for m, key in found})


def _measures_with_lineage(
    session: Session, hazard_ids: list[int]
) -> dict[int, list[tuple[MeasureRecord, str]]]:
    """The measures of these hazards by hazard id, each with its lineage as stored."""
    lineage = cast(func.coalesce(_MEASURE.lineage, _MEASURE.uuid), String)
    columns = [*_columns(_MEASURE, MeasureRecord), lineage]
    by_hazard: dict[int, list[tuple[MeasureRecord, str]]] = defaultdict(list)
    for row in _rows(session, columns, _MEASURE.hazard_id.in_(hazard_ids)):
        measure = MeasureRecord._make((row[0], uuid_text(row[1]), *row[2:-1]))
        by_hazard[measure.hazard_id].append((measure, row[-1]))
    return by_hazard


def _sorted_as_text(session: Session, assessment_id: int) -> bool:
    """Whether the database orders this assessment's hazard UUIDs as their text: always on
    PostgreSQL, on SQLite unless a UUID is stored in another form than 32 lowercase digits
    (none that this program writes)."""
    if session.connection().dialect.name == "postgresql":
        return True
    stored = cast(_HAZARD.uuid, String)
    odd = (func.length(stored) != 32) | (stored != func.lower(stored))
    query = select(literal(1)).where(_HAZARD.assessment_id == assessment_id, odd).limit(1)
    return session.connection().execute(query).first() is None


_in_order = attrgetter("sort_order", "uuid")  # a measure's place among its hazard's


def workplaces(session: Session) -> dict[int, WorkplaceRecord]:
    return {row.id: row for row in _records(session, WorkplaceRecord, _WORKPLACE)}


def units(session: Session) -> dict[int, UnitRecord]:
    return {row.id: row for row in _records(session, UnitRecord, _UNIT)}


def translation_rows(session: Session, assessment_id: int) -> list[TranslationRecord]:
    """A revision's translation rows: one per distinct text, in every language."""
    columns = _columns(_TRANSLATION, TranslationRecord)
    rows = _rows(session, columns, _TRANSLATION.assessment_id == assessment_id)
    return [TranslationRecord(uuid_text(row[0]), *row[1:]) for row in rows]


def team(session: Session, assessment_id: int) -> tuple[TeamRecord, ...]:
    rows = _rows(session, _columns(_TEAM, TeamRecord), _TEAM.assessment_id == assessment_id)
    return tuple(TeamRecord(uuid_text(row[0]), *row[1:]) for row in rows)


def organisation(session: Session, organisation_id: int) -> OrganisationRecord | None:
    """The organisation's printed fields; None when it is gone."""
    fields = OrganisationRecord._fields[1:]
    columns = [Organisation.uuid, *(getattr(Organisation, f) for f in fields)]
    row = session.execute(select(*columns).where(Organisation.id == organisation_id)).first()
    return None if row is None else OrganisationRecord(str(row[0]), *row[1:])


def assessment_record(session: Session, assessment_id: int) -> AssessmentRecord:
    fields = AssessmentRecord._fields[1:-2]
    columns = [
        Assessment.uuid,
        *(getattr(Assessment, f) for f in fields),
        RiskMatrix.name,
        RiskMatrix.definition,
    ]
    query = select(*columns).join(RiskMatrix, RiskMatrix.id == Assessment.matrix_id)
    row = session.execute(query.where(Assessment.id == assessment_id)).one()
    return AssessmentRecord(str(row[0]), *row[1:])


def revision_content(
    session: Session,
    assessment_id: int,
    hazards: list[HazardRecord] | None = None,
    workplace_rows: dict[int, WorkplaceRecord] | None = None,
) -> RevisionContent:
    """Everything the fingerprint of a revision can cover; ``hazards`` and ``workplace_rows``
    when the caller has read them already. Unless given, the hazards are streamed in UUID
    order (``ordered_hazards``)."""
    assessment = assessment_record(session, assessment_id)
    organisation_id = session.execute(
        select(Assessment.organisation_id).where(Assessment.id == assessment_id)
    ).scalar_one()
    return RevisionContent(
        assessment=assessment,
        team=team(session, assessment_id),
        organisation=organisation(session, organisation_id),
        units=units(session),
        workplaces=workplaces(session) if workplace_rows is None else workplace_rows,
        hazards=_hazards(session, assessment_id) if hazards is None else hazards,
        translations=translation_rows(session, assessment_id),
    )


def _hazards(session: Session, assessment_id: int) -> list[HazardRecord] | OrderedHazards:
    if _sorted_as_text(session, assessment_id):
        return ordered_hazards(session, assessment_id)
    return hazard_rows(session, assessment_id)  # sorted in memory
