"""The two sides of a merge and what each changed since the state they last had in common.

How a side's changes are known (no extra columns, no migrations):

* Copies of a register share their audit log up to the moment of copying. The longest common
  prefix of the two logs is a base both sides had: every record change logged after it on a
  side is that side's own change since then.
* After each merge the target remembers, in ``register_property`` under
  ``merge.<other register's UUID>``, the last audit entry of both sides and the records in
  which it still differs from the other side ("ahead"). The next merge then only looks at
  entries after those marks, plus the records that were ahead.
* Entries a merge wrote are tagged ``merge:<source UUID>``: they are the other side's changes
  coming back, not this side's own.

Each log-based estimate is a superset of what a side really changed, so where several apply
their intersection is used; the records a merge left different on purpose are added to it.
A mark is trusted only if the entry it names is still there, with the same time, so a
restored backup or a different copy carrying the same UUID is not misread.

Only the records the logs name can differ between the sides: a merge reads them (and the
records above them), not both registers whole, so it costs what the change costs (issue 22:
100 edited hazards merged into 100,000 read 950,000 rows, 25 s and 1.1 GB). A record a bulk
writer made (the demo, a revision's copy) is named by its id in that write's one entry
(``merge_queries.bulk_written``). An edit behind the app's back leaves no entry and is not
merged; ``wrac check`` finds it. Copies that share no history are read whole.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from sqlalchemy.orm import Session

from wrac_desktop.persistence import merge_queries as q

IDENTITY_KEY = "register_uuid"
BOOKKEEPING_PREFIX = "merge."
MERGE_TAG_PREFIX = "merge:"
NOT_COMPARED = frozenset({"id", "uuid", "created_at", "modified_at", "row_version", "search_text"})

FieldSet = frozenset[str] | None  # None: the whole record (inserted, deleted or unknown)


@dataclass
class Row:
    """One record; columns that refer to a parent hold the parent's UUID.

    ``fields`` holds only those references until ``fill_contents`` reads the rest, which a
    merge does only for records whose stamps differ between the sides.
    """

    table: str
    uuid: UUID
    id: int
    fields: dict[str, Any]
    stamps: dict[str, Any]
    parents: tuple[UUID, ...]
    version: tuple[Any, ...]  # (modified_at, row_version): equal on both sides, equal content
    complete: bool = False


@dataclass
class Side:
    """Everything a merge reads from one register."""

    location: str
    identity: str | None
    rows: dict[uuid.UUID, Row]
    signatures: list[tuple[Any, ...]]
    deleted_ever: set[uuid.UUID]
    properties: dict[str, Any]
    changed: dict[uuid.UUID, FieldSet] = field(default_factory=dict)
    # Every record the log names since the base both sides share, and those bulk writers
    # wrote since (``find_changes``): what can differ from the other side.
    logged: set[uuid.UUID] = field(default_factory=set)
    ids: dict[tuple[str, int], uuid.UUID] = field(default_factory=dict)  # of the loaded rows

    @property
    def entry_times(self) -> dict[int, Any]:
        return {signature[0]: signature[1] for signature in self.signatures}

    def bookkeeping_about(self, other: Side) -> dict[str, Any] | None:
        if other.identity is None:
            return None
        value = self.properties.get(BOOKKEEPING_PREFIX + other.identity)
        return value if isinstance(value, dict) else None

    def last_mark(self) -> dict[str, Any] | None:
        if not self.signatures:
            return None
        last_id, at = self.signatures[-1][0], self.signatures[-1][1]
        return {"id": last_id, "at": at.isoformat()}


def read_side(session: Session, location: str) -> Side:
    """A side's identity, audit log marks and bookkeeping; its records come with ``load``."""
    identity = q.read_property(session, IDENTITY_KEY)
    properties = q.json_properties(session, BOOKKEEPING_PREFIX)
    return Side(
        location=location,
        identity=identity,
        rows={},
        signatures=q.audit_signatures(session),
        deleted_ever=q.deleted_uuids(session),
        properties=properties,
    )


def load(session: Session, side: Side, keys: Collection[uuid.UUID] | None) -> None:
    """Add these records (every record for None) to ``side.rows``, light, with every record
    above them (their parents, theirs, …): a merge reads only what it may have to compare."""
    raws: dict[tuple[str, int], dict[str, Any]] = {}
    for table in q.TABLE_ORDER:
        found = q.record_stamps(session, table, uuids=None if keys is None else keys)
        raws.update(((table, raw["id"]), raw) for raw in found)
    missing = _missing_parents(raws, side.ids)
    while missing:
        for table, ids in missing.items():
            raws.update(
                ((table, raw["id"]), raw) for raw in q.record_stamps(session, table, ids=ids)
            )
        missing = _missing_parents(raws, side.ids)
    side.ids.update((place, raw["uuid"]) for place, raw in raws.items())
    for (table, _id), raw in raws.items():
        if raw["uuid"] not in side.rows:  # loaded already: perhaps with its content
            side.rows[raw["uuid"]] = _row(table, raw, q.foreign_keys(table), side.ids)


def load_both(
    sessions: tuple[Session, Session], sides: tuple[Side, Side], keys: set[uuid.UUID] | None
) -> None:
    """Load these records (all for None) on both sides, with the records above them on
    either side looked up on the other too: a record loaded on one side only is one the
    other lacks."""
    queried: set[uuid.UUID] = set()
    pending = keys
    while pending is None or pending:
        for session, side in zip(sessions, sides, strict=True):
            load(session, side, pending)
        if pending is None:
            return
        queried |= pending
        pending = (sides[0].rows.keys() | sides[1].rows.keys()) - queried


def in_use(session: Session, mine: Side, theirs: Side) -> set[uuid.UUID]:
    """Records of mine the other side lacks that a record here still needs through a
    restricting reference (a matrix an assessment is scored on): never deleted."""
    lacking: dict[str, list[int]] = {}
    for key, row in mine.rows.items():
        if key not in theirs.rows:
            lacking.setdefault(row.table, []).append(row.id)
    return {mine.ids[place] for place in q.referenced_by_restricting_keys(session, lacking)}


def _missing_parents(
    raws: dict[tuple[str, int], dict[str, Any]], known: dict[tuple[str, int], uuid.UUID]
) -> dict[str, set[int]]:
    missing: dict[str, set[int]] = {}
    for (table, _id), raw in raws.items():
        for column, parent_table in q.foreign_keys(table).items():
            place = (parent_table, raw[column])
            if raw[column] is not None and place not in raws and place not in known:
                missing.setdefault(parent_table, set()).add(raw[column])
    return missing


def _row(
    table: str,
    raw: dict[str, Any],
    references: dict[str, str],
    ids: dict[tuple[str, int], uuid.UUID],
) -> Row:
    fields = {
        column: None if raw[column] is None else ids.get((parent_table, raw[column]))
        for column, parent_table in references.items()
    }
    parents = tuple(value for value in fields.values() if value is not None)
    stamps = {"created_at": raw["created_at"], "modified_at": raw["modified_at"]}
    version = (raw["modified_at"], raw["row_version"])
    return Row(table, raw["uuid"], raw["id"], fields, stamps, parents, version)


def fill_contents(session: Session, side: Side, keys: set[uuid.UUID]) -> None:
    """Read the whole content of these records (those the merge must compare or copy)."""
    by_table: dict[str, list[uuid.UUID]] = {}
    for key in keys:
        row = side.rows.get(key)
        if row is not None and not row.complete:
            by_table.setdefault(row.table, []).append(key)
    for table, table_keys in by_table.items():
        skipped = NOT_COMPARED | q.foreign_keys(table).keys()
        for raw in q.record_contents(session, table, table_keys, frozenset(skipped)):
            row = side.rows[raw.pop("uuid")]
            row.fields.update(raw)
            row.complete = True


def differing_records(mine: Side, theirs: Side, always: frozenset[str]) -> set[uuid.UUID]:
    """Records on one side only, or whose stamps differ, and every record of ``always``."""
    keys = mine.rows.keys() ^ theirs.rows.keys()
    for key in mine.rows.keys() & theirs.rows.keys():
        row = mine.rows[key]
        if row.version != theirs.rows[key].version or row.table in always:
            keys.add(key)
    return keys


# what each side changed -------------------------------------------------------------------
def find_changes(mine: Side, theirs: Side, sessions: tuple[Session, Session]) -> None:
    """Fill ``changed`` on both sides: records (and fields) each changed since the common base."""
    prefix = common_prefix(mine.signatures, theirs.signatures)
    mine_estimates: list[tuple[int, dict[str, Any] | None]] = [(prefix, None)]
    theirs_estimates: list[tuple[int, dict[str, Any] | None]] = [(prefix, None)]
    own = mine.bookkeeping_about(theirs)
    if own is not None and _marks_valid(own, mine, theirs):
        mine_estimates.append((own["mine"]["id"], own.get("ahead")))
        theirs_estimates.append((own["theirs"]["id"], None))
    back = theirs.bookkeeping_about(mine)
    if back is not None and _marks_valid(back, theirs, mine):
        theirs_estimates.append((back["mine"]["id"], back.get("ahead")))
        mine_estimates.append((back["theirs"]["id"], None))
    _estimate(sessions[0], mine, mine_estimates, _tag(theirs))
    _estimate(sessions[1], theirs, theirs_estimates, _tag(mine))


_DERIVED = uuid.UUID("5f0c1d2e-7b1a-4c55-9a51-57524143a7e1")  # namespace of derived identities


def derived_identity(mine: Side, theirs: Side) -> str:
    """An identity for ``theirs``, a copy that has none or carries the same as ``mine``:
    derived from the first audit entry in which it departs from ``mine``. That entry stays
    the same however the copy is edited later (and merging appends after it), two copies
    edited apart depart differently, and ``mine`` gets the same identity for ``theirs``
    whichever of the two is the merge's target. Nothing is written to the copy."""
    shared = common_prefix(mine.signatures, theirs.signatures)
    later = [s for s in theirs.signatures if s[0] > shared] or theirs.signatures[-1:]
    mark = "|".join(_signature_text(value) for value in later[0]) if later else "empty"
    seed = theirs.identity if theirs.identity == mine.identity else None
    return str(uuid.uuid5(_DERIVED, f"{seed}|{mark}"))


def _signature_text(value: Any) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def common_prefix(first: list[tuple[Any, ...]], second: list[tuple[Any, ...]]) -> int:
    """The id of the last audit entry two copies share (0 if they share none)."""
    shared = 0
    for one, other in zip(first, second, strict=False):
        if one != other:
            break
        shared = one[0]
    return shared


def _marks_valid(record: dict[str, Any], owner: Side, other: Side) -> bool:
    try:
        return _mark_valid(record["mine"], owner) and _mark_valid(record["theirs"], other)
    except (KeyError, TypeError):
        return False


def _mark_valid(mark: dict[str, Any], side: Side) -> bool:
    at = side.entry_times.get(int(mark["id"]))
    return at is not None and at.isoformat() == mark["at"]


def _tag(side: Side) -> str | None:
    return None if side.identity is None else MERGE_TAG_PREFIX + side.identity


def _estimate(
    session: Session,
    side: Side,
    estimates: list[tuple[int, dict[str, Any] | None]],
    foreign_tag: str | None,
) -> None:
    """Intersect what the log after each base says the side changed; add what was ahead.
    Every record the log names after the earliest base is ``logged``, the other side's
    changes coming back included, and every record a bulk writer wrote since.

    "Ahead" records are where a merge left this side different on purpose (a conflict kept,
    a frozen matrix): they count as changed whatever the log says, so the choice holds.
    """
    earliest = min(base for base, _ahead in estimates)
    lines = q.audit_since(session, earliest)
    side.logged = {line.entity_uuid for line in lines if line.entity_uuid is not None}
    side.logged |= q.bulk_written(session, earliest)
    own_lines = [line for line in lines if foreign_tag is None or line.summary != foreign_tag]
    result: dict[uuid.UUID, FieldSet] | None = None
    for base, _ahead in estimates:
        changed = _changed_since(own_lines, base)
        result = changed if result is None else _intersect(result, changed)
    result = result or {}
    for _base, ahead in estimates:
        _add_ahead(result, ahead)
    side.changed = result


def _changed_since(lines: Iterable[q.AuditLine], base: int) -> dict[uuid.UUID, FieldSet]:
    changed: dict[uuid.UUID, FieldSet] = {}
    for line in lines:
        if line.id > base and line.entity_uuid is not None:
            fields = _line_fields(line)
            key = line.entity_uuid
            changed[key] = _union(changed[key], fields) if key in changed else fields
    return changed


def _line_fields(line: q.AuditLine) -> FieldSet:
    # (The approval text, which the log leaves out, is no field: it is kept beside its
    # revision and follows the fingerprint, ``merge_apply.carry_approval_texts``.)
    if line.action == "update" and isinstance(line.changes, dict):
        return frozenset(line.changes)
    return None


def _add_ahead(changed: dict[uuid.UUID, FieldSet], ahead: dict[str, Any] | None) -> None:
    for text, fields in (ahead or {}).items():
        try:
            key = uuid.UUID(text)
        except ValueError:
            continue
        value: FieldSet = None if fields is None else frozenset(fields)
        changed[key] = _union(changed[key], value) if key in changed else value


def _union(one: FieldSet, other: FieldSet) -> FieldSet:
    return None if one is None or other is None else one | other


def _intersect(
    one: dict[uuid.UUID, FieldSet], other: dict[uuid.UUID, FieldSet]
) -> dict[uuid.UUID, FieldSet]:
    result: dict[uuid.UUID, FieldSet] = {}
    for key in one.keys() & other.keys():
        first, second = one[key], other[key]
        both = second if first is None else first if second is None else first & second
        if both is None or both:  # a record neither estimate agrees on was not changed
            result[key] = both
    return result
