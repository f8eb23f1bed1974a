"""What a merge would do: records to add, fields to take, records to delete, and conflicts.

The rules, record by record (matched by UUID; a library entry also by its entry id, a matrix
version also by family and version, since both are unique):

* only in theirs, never deleted here: added (after its parents);
* in both, different: each field one side changed since the common base is taken from that
  side; a field both changed (or that differs while neither log shows a change) is a conflict;
* deleted there since the base: deleted here too, with everything under it, unless this side
  changed it or anything under it since — then a conflict (keep it, or delete it);
* deleted here at any time: stays deleted, unless they changed it or anything under it since
  the base — then a conflict (keep it deleted, or restore theirs);
* a record still in use through a RESTRICT reference (a matrix of an assessment) is kept.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from wrac_desktop.domain.field_titles import record_title
from wrac_desktop.i18n import _
from wrac_desktop.persistence import merge_queries as q
from wrac_desktop.services.merge_evidence import NewEvidence
from wrac_desktop.services.merge_sides import FieldSet, Row, Side

NATURAL_KEYS: dict[str, tuple[str, ...]] = {
    "library_entry": ("entry_id",),
    "risk_matrix": ("family", "version"),
}
_SHOWN_LENGTH = 70
_LABEL_FIELDS = ("legal_name", "title", "name", "description", "entry_id", "source")


class ConflictKind(StrEnum):
    CHANGED = "changed"  # both sides changed the same fields
    DELETED_HERE = "deleted_here"  # deleted in this register, changed in the other
    DELETED_THERE = "deleted_there"  # deleted in the other register, changed in this one


class Choice(StrEnum):
    MINE = "mine"
    THEIRS = "theirs"


@dataclass(frozen=True)
class FieldDiff:
    name: str
    mine: Any
    theirs: Any


@dataclass
class Conflict:
    table: str
    uuid: uuid.UUID
    kind: ConflictKind
    label: str
    fields: list[FieldDiff] = field(default_factory=list)

    def describe(self) -> str:
        how = {
            ConflictKind.CHANGED: _("changed in both registers"),
            ConflictKind.DELETED_HERE: _("deleted here, changed in the other register"),
            ConflictKind.DELETED_THERE: _("deleted in the other register, changed here"),
        }[self.kind]
        return f"{record_title(self.table)} “{self.label}”: {how}"


@dataclass
class MergePlan:
    mine: Side
    theirs: Side
    adds: list[uuid.UUID] = field(default_factory=list)
    updates: dict[uuid.UUID, dict[str, Any]] = field(default_factory=dict)
    deletes: list[uuid.UUID] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    ahead: dict[uuid.UUID, FieldSet] = field(default_factory=dict)  # where mine stays different
    evidence: NewEvidence = field(default_factory=NewEvidence)  # progress steps, attached files

    @property
    def is_empty(self) -> bool:
        return not (self.adds or self.updates or self.deletes or self.conflicts or self.evidence)


def label(row: Row) -> str:
    for name in _LABEL_FIELDS:
        value = row.fields.get(name)
        if value:
            text = " ".join(str(value).split())
            return text if len(text) <= 80 else text[:79] + "…"
    return str(row.uuid)


def shown(value: Any) -> str:
    """A field value on one line, cut to a readable length."""
    if value is None or value == "":
        return "—"
    text = json.dumps(value, ensure_ascii=False) if isinstance(value, dict | list) else str(value)
    text = " ".join(text.split())
    return f"“{text}”" if len(text) <= _SHOWN_LENGTH else f"“{text[: _SHOWN_LENGTH - 1]}…”"


def make_plan(mine: Side, theirs: Side, in_use: set[uuid.UUID]) -> MergePlan:
    """Compare the sides (their ``changed`` already filled in) and decide record by record;
    ``in_use``: records here a restricting reference still needs (``merge_sides.in_use``)."""
    alias_natural_keys(mine, theirs)
    plan = MergePlan(mine, theirs)
    touched_mine, touched_theirs = _touched(mine), _touched(theirs)
    for key, row in theirs.rows.items():
        if key in mine.rows:
            if row.complete and mine.rows[key].complete:  # the others have equal stamps
                _compare(plan, mine.rows[key], row)
        elif key not in mine.deleted_ever:
            plan.adds.append(key)
        else:  # this side deleted it; the other copy is to learn that at its next merge
            plan.ahead[key] = None
            if key in touched_theirs:
                kind = ConflictKind.DELETED_HERE
                plan.conflicts.append(Conflict(row.table, key, kind, label(row)))
    for key, row in mine.rows.items():
        if key not in theirs.rows:
            _consider_deletion(plan, row, touched_mine, in_use)
    _drop_covered_conflicts(plan)
    return plan


def _drop_covered_conflicts(plan: MergePlan) -> None:
    """A deletion conflict under another of the same kind is decided with it: list only the top."""
    sides = {ConflictKind.DELETED_HERE: plan.theirs, ConflictKind.DELETED_THERE: plan.mine}
    tops = {kind: {c.uuid for c in plan.conflicts if c.kind is kind} for kind in sides}
    plan.conflicts = [
        conflict
        for conflict in plan.conflicts
        if conflict.kind not in sides
        or not ancestors(sides[conflict.kind], conflict.uuid) & tops[conflict.kind]
    ]


def ancestors(side: Side, key: uuid.UUID) -> set[uuid.UUID]:
    found: set[uuid.UUID] = set()
    pending = list(side.rows[key].parents) if key in side.rows else []
    while pending:
        parent = pending.pop()
        if parent not in found:
            found.add(parent)
            pending.extend(side.rows[parent].parents if parent in side.rows else ())
    return found


def descendants(side: Side, key: uuid.UUID) -> set[uuid.UUID]:
    """Every record below ``key`` in ``side`` (measures of a hazard, workplaces of a unit, …)."""
    children: dict[uuid.UUID, list[uuid.UUID]] = {}
    for row in side.rows.values():
        for parent in row.parents:
            children.setdefault(parent, []).append(row.uuid)
    found: set[uuid.UUID] = set()
    pending = list(children.get(key, ()))
    while pending:
        child = pending.pop()
        if child not in found:
            found.add(child)
            pending.extend(children.get(child, ()))
    return found


def _consider_deletion(
    plan: MergePlan, row: Row, touched_mine: set[uuid.UUID], in_use: set[uuid.UUID]
) -> None:
    key = row.uuid
    deleted_there = key in plan.theirs.deleted_ever and key in plan.theirs.changed
    if not deleted_there or key in in_use:
        plan.ahead[key] = None
    elif key in touched_mine:
        plan.conflicts.append(Conflict(row.table, key, ConflictKind.DELETED_THERE, label(row)))
        plan.ahead[key] = None
    else:
        plan.deletes.append(key)


def _compare(plan: MergePlan, mine_row: Row, theirs_row: Row) -> None:
    key = mine_row.uuid
    differing = [
        name
        for name, value in theirs_row.fields.items()
        if name in mine_row.fields and mine_row.fields[name] != value
    ]
    if not differing:
        return
    take, keep, clash = _split_fields(differing, plan.mine.changed, plan.theirs.changed, key)
    if take:
        plan.updates[key] = {name: theirs_row.fields[name] for name in take}
    if keep or clash:
        plan.ahead[key] = frozenset(keep + clash)
    if clash:
        diffs = [FieldDiff(name, mine_row.fields[name], theirs_row.fields[name]) for name in clash]
        plan.conflicts.append(
            Conflict(mine_row.table, key, ConflictKind.CHANGED, label(mine_row), diffs)
        )


def _split_fields(
    names: list[str],
    mine_changed: dict[uuid.UUID, FieldSet],
    theirs_changed: dict[uuid.UUID, FieldSet],
    key: uuid.UUID,
) -> tuple[list[str], list[str], list[str]]:
    take: list[str] = []
    keep: list[str] = []
    clash: list[str] = []
    for name in names:
        by_mine = _changed_field(mine_changed, key, name)
        by_theirs = _changed_field(theirs_changed, key, name)
        (
            take if by_theirs and not by_mine else keep if by_mine and not by_theirs else clash
        ).append(name)
    return take, keep, clash


def _changed_field(changed: dict[uuid.UUID, FieldSet], key: uuid.UUID, name: str) -> bool:
    if key not in changed:
        return False
    fields = changed[key]
    return fields is None or name in fields


def _touched(side: Side) -> set[uuid.UUID]:
    """Records changed since the base, and every record above one (its parents, theirs, …)."""
    touched: set[uuid.UUID] = set()
    pending = [key for key in side.changed if key in side.rows]
    while pending:
        key = pending.pop()
        if key in touched:
            continue
        touched.add(key)
        row = side.rows.get(key)
        if row is not None:
            pending.extend(row.parents)
    return touched


# records created on both sides with the same unique key -----------------------------------
def alias_natural_keys(mine: Side, theirs: Side) -> None:
    """Give their record mine's UUID where both made the same library entry or matrix version."""
    aliases: dict[uuid.UUID, uuid.UUID] = {}
    for table, columns in NATURAL_KEYS.items():
        mine_by_key = {
            _natural(row, columns): key
            for key, row in mine.rows.items()
            if row.table == table and key not in theirs.rows
        }
        for key, row in theirs.rows.items():
            if row.table == table and key not in mine.rows:
                match = mine_by_key.get(_natural(row, columns))
                if match is not None:
                    aliases[key] = match
    if aliases:
        _rekey(theirs, aliases)


def _natural(row: Row, columns: tuple[str, ...]) -> tuple[Any, ...]:
    return tuple(row.fields.get(column) for column in columns)


def _rekey(side: Side, aliases: dict[uuid.UUID, uuid.UUID]) -> None:
    rows: dict[uuid.UUID, Row] = {}
    for key, row in side.rows.items():
        references = q.foreign_keys(row.table)
        for column in references:
            value = row.fields.get(column)
            if value in aliases:
                row.fields[column] = aliases[value]
        row.parents = tuple(aliases.get(parent, parent) for parent in row.parents)
        row.uuid = aliases.get(key, key)
        rows[row.uuid] = row
    side.rows = rows
    side.changed = {aliases.get(key, key): value for key, value in side.changed.items()}
