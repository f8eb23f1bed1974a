"""What a worksheet import reads from the register, and how it writes many rows fast.

The register is read a chunk at a time too: the hazards of the workplaces a chunk of the
sheet names, and their measures, never the whole register.

Hazards and measures go in as Core ``executemany`` batches (one ORM flush per record measured
3 ms here: 10,000 rows would take a minute). Each inserted record still gets its own audit
entry, as an ORM insert would, written in the same transaction.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import count
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from wrac_desktop.persistence import audit_chain, postgres
from wrac_desktop.persistence.audit import Actor, plain_value
from wrac_desktop.persistence.bulk import INSERT_ORDER, insert_many
from wrac_desktop.persistence.derived import with_search_text
from wrac_desktop.persistence.guards import refuse_bulk_rows_in_frozen
from wrac_desktop.persistence.models import Base, ControlMeasure, Hazard
from wrac_desktop.persistence.types import utc_now

_NOT_AUDITED = frozenset({"id", "modified_at", "row_version", "search_text", "created_at"})
FIRST_ID_BLOCK, LARGEST_ID_BLOCK = 64, 4096  # ids drawn at a time from a server's sequence
_CONVERTED = frozenset({"uuid", "due_date", "completed_on", "cost"})  # not JSON as they are
_IN_BATCH = 900  # ids in one IN (…): under every driver's limit on parameters


def hazards_at(
    session: Session, assessment_id: int, workplace_ids: Iterable[int]
) -> list[tuple[Any, ...]]:
    """(id, workplace id, description, unwanted event, (initial L, S, E, residual L, S, E)) of
    the hazards at those workplaces: an import matches a chunk of its rows at a time."""
    query = select(
        Hazard.id, Hazard.workplace_id, Hazard.description, Hazard.unwanted_event,
        Hazard.initial_likelihood, Hazard.initial_severity, Hazard.initial_exposure,
        Hazard.residual_likelihood, Hazard.residual_severity, Hazard.residual_exposure,
    )  # fmt: skip
    found = []
    for some in _batches(sorted(set(workplace_ids))):
        rows = session.execute(
            query.where(Hazard.assessment_id == assessment_id, Hazard.workplace_id.in_(some))
        )
        found += [(row[0], row[1], row[2], row[3], tuple(row[4:])) for row in rows]
    return found


def measures_of(session: Session, hazard_ids: Iterable[int]) -> list[tuple[int, str]]:
    """(hazard id, description) of every measure of those hazards."""
    query = select(ControlMeasure.hazard_id, ControlMeasure.description)
    found = []
    for some in _batches(sorted(set(hazard_ids))):
        found += [(row[0], row[1]) for row in session.execute(
            query.where(ControlMeasure.hazard_id.in_(some))
        )]  # fmt: skip
    return found


def hazard_counts(session: Session, assessment_id: int) -> Counter[int]:
    """Workplace id → how many hazards it has (a new hazard goes after them)."""
    query = (
        select(Hazard.workplace_id, func.count())
        .where(Hazard.assessment_id == assessment_id)
        .group_by(Hazard.workplace_id)
    )
    return Counter({row[0]: row[1] for row in session.execute(query)})


def _batches(ids: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), _IN_BATCH):
        yield ids[start : start + _IN_BATCH]


def new_ids(session: Session, table: str, *, reserve: bool) -> Iterator[int]:
    """Ids for the rows of ``table`` an import inserts itself.

    ``reserve`` (an import that writes) on PostgreSQL: drawn from the table's sequence in
    growing blocks. The first free id read at the start collided with another user's insert
    meanwhile, and the sequence, never told of the import's ids, made the next hazard added
    in the app fail on a duplicate key. Otherwise the first free id and up (SQLite lets one
    writer at a time in; a dry run writes nothing).
    """
    if reserve and session.get_bind().dialect.name == "postgresql":
        return _reserved_ids(session, table)
    column = Base.metadata.tables[table].c.id
    return count(int(session.scalar(select(func.max(column))) or 0) + 1)


def _reserved_ids(session: Session, table: str) -> Iterator[int]:
    block = FIRST_ID_BLOCK
    while True:
        yield from postgres.reserve_ids(session.connection(), table, block)
        block = min(block * 2, LARGEST_ID_BLOCK)  # unused ids of the last block are skipped


def insert_records(
    session: Session, actor: Actor, rows: Mapping[str, Sequence[dict[str, Any]]]
) -> None:
    """Insert complete rows (ids, UUIDs set) parents first, each with its audit entry.

    The entries join the audit chain at once rather than at the commit: an import writes a
    chunk of rows at a time, and 100,000 hazards' 450,000 entries held to the end took
    hundreds of megabytes. On a server the chain's lock is then held from the first chunk to
    the commit (``audit_chain.link_held_entries``): other users' saves wait for the import.
    """
    session.flush()  # records the ORM made before (sites, workplaces) come first
    refuse_bulk_rows_in_frozen(session, rows)
    stamp = utc_now()
    prepared: dict[str, list[dict[str, Any]]] = {}
    audit: list[dict[str, Any]] = []
    for table, table_rows in rows.items():
        prepared[table] = [_stamped(table, row, stamp) for row in table_rows]
        audit += [_audit_row(actor, table, row, stamp) for row in prepared[table]]
    connection = session.connection()
    for table in INSERT_ORDER:
        if prepared.get(table):
            insert_many(connection, table, prepared[table])
    audit_chain.hold_rows(session, audit)
    audit_chain.link_held_entries(session)


def _stamped(table: str, row: dict[str, Any], stamp: dt.datetime) -> dict[str, Any]:
    return with_search_text(table, {"created_at": stamp, "modified_at": stamp, "row_version": 1,
                                    **row})  # fmt: skip


def _audit_row(actor: Actor, table: str, row: dict[str, Any], stamp: dt.datetime) -> dict:
    changes = {key: value for key, value in row.items() if key not in _NOT_AUDITED}
    for key in _CONVERTED.intersection(changes):
        changes[key] = plain_value(changes[key])
    return {
        "at": stamp,
        "user_name": actor.user_name,
        "os_user": actor.os_user,
        "action": "insert",
        "entity": table,
        "entity_uuid": row["uuid"],
        "changes": changes,
        "summary": "",
    }
