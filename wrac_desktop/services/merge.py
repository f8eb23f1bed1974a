"""Merge another copy of a register (a field laptop's) into this one.

``preview`` says what a merge would add, update and delete and which conflicts it finds,
changing nothing. ``merge`` does it in one transaction of the target: any failure leaves the
target as it was; merging the same register again adds nothing. Both take two open
``Register`` objects and use only engine-agnostic SQLAlchemy, so a ``.wrac`` file and a server
register can be merged either way. The source is only read, and opened read-only: a UUID
it lacks is derived from its audit log, never written to it. How changes and conflicts are
told apart: ``merge_sides``; the rules record by record, deletions included: ``merge_plan``.
"""

from __future__ import annotations

import json
import os
import uuid
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from wrac_desktop import register
from wrac_desktop.errors import EXIT_PROBLEMS, UserError, WracError
from wrac_desktop.i18n import _
from wrac_desktop.persistence import merge_queries as q
from wrac_desktop.persistence.audit import record_event
from wrac_desktop.persistence.changes import ChangeSet, recording
from wrac_desktop.persistence.types import utc_now
from wrac_desktop.register import Register
from wrac_desktop.services import merge_evidence, reassessment
from wrac_desktop.services.merge_apply import (
    MergeCounts,
    apply_decisions,
    carry_approval_texts,
    decide,
)
from wrac_desktop.services.merge_plan import NATURAL_KEYS, Choice, Conflict, MergePlan, make_plan
from wrac_desktop.services.merge_sides import (
    BOOKKEEPING_PREFIX,
    IDENTITY_KEY,
    MERGE_TAG_PREFIX,
    FieldSet,
    Side,
    common_prefix,
    derived_identity,
    differing_records,
    fill_contents,
    find_changes,
    in_use,
    load_both,
    read_side,
)

# Read whole at every merge: the organisation (to refuse another's register) and the tables
# whose records are matched by a natural key too (both sides may have made the same one).
ALWAYS_READ = ("organisation", *NATURAL_KEYS)

# progress(done, total) after each step of a merge; it may raise to cancel (the UI's Cancel).
Progress = Callable[[int, int], None]
# Changes a merge records for the window to follow (``MergeReport.changes``); past this
# many it reads everything again, as cheap then as following each.
FOLLOWED_AT_MOST = 2_000
PLAN_STEPS = 4  # the two sides and their changes, the records read, compared, the plan
MERGE_STEPS = PLAN_STEPS + 3  # then written, the evidence carried, the merge recorded
Resolution = Choice | Mapping[uuid.UUID, Choice] | Callable[[Conflict], Choice] | None


class MergeConflicts(WracError):
    """Conflicts were found and no choice was given for them; nothing was written."""

    exit_code = EXIT_PROBLEMS

    def __init__(self, message: str, plan: MergePlan) -> None:
        super().__init__(message)
        self.plan = plan


@dataclass
class MergeReport:
    plan: MergePlan
    counts: MergeCounts
    written: bool
    # A preview's state marks of both registers (``q.state_mark``): while neither has moved,
    # its plan is the merge's plan and is not built a second time.
    marks: tuple[Any, Any] | None = None
    # What the merge changed, for the window to follow (its tree's counts, its list) rather
    # than read 100,000 hazards again; None: not known (more than FOLLOWED_AT_MOST changes).
    changes: ChangeSet | None = None


def open_location(location: str, *, for_writing: bool) -> Register:
    """Open a register by its location: a .wrac path or a PostgreSQL URL, either way round.

    The other side of a merge is only read: opened read-only (SQLite ``mode=ro``), so nothing
    in it can write to it — not this program, not a trigger it may hold."""
    return register.open_location(location, read_only=not for_writing)


def _quiet(_done: int, _total: int) -> None:
    pass


def preview(target: Register, source: Register, progress: Progress = _quiet) -> MergeReport:
    """What merging ``source`` into ``target`` would do; nothing is written to either.
    ``progress(done, total)`` is told each step and may raise to cancel."""
    _check_registers(target, source)
    with target.uow.reading() as mine_session, source.uow.reading() as theirs_session:
        plan = _plan(mine_session, theirs_session, target, source, progress)
        marks = (q.state_mark(mine_session), q.state_mark(theirs_session))
    return MergeReport(plan, planned_counts(plan), written=False, marks=marks)


def merge(
    target: Register,
    source: Register,
    resolution: Resolution = None,
    *,
    previewed: MergeReport | None = None,
    progress: Progress = _quiet,
) -> MergeReport:
    """Merge ``source`` into ``target`` in one transaction; conflicts go by ``resolution``.

    ``resolution`` is one choice for all conflicts, a choice per conflicting record's UUID,
    or a function asked for each. Without one, conflicts raise ``MergeConflicts``.
    ``previewed``, the preview the officer just decided on: its plan is used again unless
    either register changed since (on 50,000 hazards the plan took half of a merge's time).
    ``progress(done, total)`` is told each step; raising from it (Cancel) writes nothing.
    """
    _check_registers(target, source)

    def step(done: int) -> None:
        progress(done, MERGE_STEPS)

    with target.uow.transaction() as session, source.uow.reading() as theirs_session:
        plan = _still_current(previewed, session, theirs_session) or _plan(
            session, theirs_session, target, source, lambda done, _total: step(done)
        )
        choose = _chooser(resolution, plan)
        counts = MergeCounts()
        if plan.is_empty:
            return MergeReport(plan, counts, written=False)
        decisions = decide(plan, choose, counts)
        with recording(session, FOLLOWED_AT_MOST) as changes:
            with q.tagging_audit_entries(session, _tag(plan.theirs)):
                apply_decisions(session, plan, decisions, counts)
            carry_approval_texts(session, theirs_session, plan, decisions)
            step(PLAN_STEPS + 1)
            added_events = [key for key in plan.adds if plan.theirs.rows[key].table == "event"]
            reassessment.flag_merged_events(session, added_events)  # as if recorded here
        counts.skipped += merge_evidence.carry(session, theirs_session, plan.evidence)
        _count_evidence(counts, plan)
        step(PLAN_STEPS + 2)
        _record(session, plan, counts, decisions.ahead)
        step(MERGE_STEPS)  # the last chance to cancel: the transaction commits whole after it
    return MergeReport(plan, counts, written=True, changes=changes if changes.complete else None)


def planned_counts(plan: MergePlan) -> MergeCounts:
    counts = MergeCounts()
    counts.added = Counter(plan.theirs.rows[key].table for key in plan.adds)
    counts.updated = Counter(plan.mine.rows[key].table for key in plan.updates)
    counts.deleted = Counter(plan.mine.rows[key].table for key in plan.deletes)
    _count_evidence(counts, plan)
    return counts


def _count_evidence(counts: MergeCounts, plan: MergePlan) -> None:
    for table, rows in (
        ("progress_event", plan.evidence.events),
        ("attachment", plan.evidence.attachments),
    ):
        if rows:
            counts.added[table] = len(rows)


# checks -------------------------------------------------------------------------------------
def _check_registers(target: Register, source: Register) -> None:
    if same_location(target.location, source.location):
        raise UserError(
            _("a register cannot be merged into itself ({path})").format(path=target.location)
        )
    if source.foreign_objects:
        raise UserError(
            _(
                "{other} holds schema objects WRAC Desktop did not create ({objects}); it is not "
                "merged"
            ).format(other=source.location, objects=", ".join(source.foreign_objects))
        )
    if target.schema_number != source.schema_number:
        raise UserError(
            _(
                "{other} has another schema version; open it in this version of WRAC Desktop "
                "once to upgrade it, then merge"
            ).format(other=source.location)
        )


def same_location(first: str, second: str) -> bool:
    if "://" in first or "://" in second:
        return first == second
    return os.path.realpath(first) == os.path.realpath(second)


def _check_sides(mine: Side, theirs: Side) -> None:
    mine_orgs = {key for key, row in mine.rows.items() if row.table == "organisation"}
    theirs_orgs = {key: row for key, row in theirs.rows.items() if row.table == "organisation"}
    if mine_orgs and theirs_orgs and not mine_orgs & theirs_orgs.keys():
        other = next(iter(theirs_orgs.values())).fields
        raise UserError(
            _(
                "{path} is the register of another organisation ({name}, BIN {bin}); only copies "
                "of the same register can be merged"
            ).format(path=theirs.location, name=other.get("legal_name"), bin=other.get("bin"))
        )


def _plan(
    mine_session: Session,
    theirs_session: Session,
    target: Register,
    source: Register,
    progress: Progress = _quiet,
) -> MergePlan:
    sessions = (mine_session, theirs_session)
    mine = read_side(mine_session, target.location)
    theirs = read_side(theirs_session, source.location)
    _settle_identities(mine, theirs)
    find_changes(mine, theirs, sessions)
    progress(1, PLAN_STEPS)
    load_both(sessions, (mine, theirs), _records_to_read(sessions, mine, theirs))
    _check_sides(mine, theirs)
    progress(2, PLAN_STEPS)
    compared = differing_records(mine, theirs, frozenset(NATURAL_KEYS))
    fill_contents(mine_session, mine, compared)
    fill_contents(theirs_session, theirs, compared)
    progress(3, PLAN_STEPS)
    plan = make_plan(mine, theirs, in_use(mine_session, mine, theirs))
    plan.evidence = merge_evidence.new_evidence(mine_session, theirs_session)
    progress(PLAN_STEPS, PLAN_STEPS)
    return plan


def _records_to_read(
    sessions: tuple[Session, Session], mine: Side, theirs: Side
) -> set[uuid.UUID] | None:
    """What can differ between the sides: every record either log names since the state they
    last shared, what a merge left different ("ahead"), and every record of the small tables
    matched by more than UUID; None (all) for copies that share no history. Merging 100
    edited hazards into 100,000 read every record of both (25 s, 1.1 GB; issue 22)."""
    if common_prefix(mine.signatures, theirs.signatures) == 0:
        return None
    keys = mine.logged | theirs.logged | mine.changed.keys() | theirs.changed.keys()
    for session in sessions:
        keys |= q.table_uuids(session, ALWAYS_READ)
    return keys


def _still_current(
    previewed: MergeReport | None, mine_session: Session, theirs_session: Session
) -> MergePlan | None:
    if previewed is None or previewed.written or previewed.marks is None:
        return None
    now = (q.state_mark(mine_session), q.state_mark(theirs_session))
    return previewed.plan if now == previewed.marks else None


def _settle_identities(mine: Side, theirs: Side) -> None:
    """Copies carrying one UUID, or none: each side is known by one derived from where it
    departs from the other, the same whichever is the target and however often they are
    merged. The other side is never written to; this side writes its own if it had none."""
    same = mine.identity is not None and theirs.identity == mine.identity
    mine_identity = mine.identity
    if same or (mine.identity is None and mine.signatures):
        mine_identity = derived_identity(theirs, mine)
    elif mine.identity is None:
        mine_identity = str(uuid.uuid4())  # an empty register: nothing to derive from
    if same or theirs.identity is None:
        theirs.identity = derived_identity(mine, theirs)
    mine.identity = mine_identity


def _chooser(resolution: Resolution, plan: MergePlan) -> Callable[[Conflict], Choice]:
    if resolution is None:
        if plan.conflicts:
            raise MergeConflicts(
                _("{count} conflict(s) found; nothing was merged").format(
                    count=len(plan.conflicts)
                ),
                plan,
            )
        return lambda _conflict: Choice.MINE
    if isinstance(resolution, Choice):
        return lambda _conflict: resolution
    if isinstance(resolution, Mapping):
        return _by_record(resolution)
    return resolution


def _by_record(choices: Mapping[uuid.UUID, Choice]) -> Callable[[Conflict], Choice]:
    def choose(conflict: Conflict) -> Choice:
        if conflict.uuid not in choices:
            raise UserError(
                _("{what} changed meanwhile; look at the conflicts again").format(
                    what=conflict.describe()
                )
            )
        return choices[conflict.uuid]

    return choose


# bookkeeping --------------------------------------------------------------------------------
def _tag(theirs: Side) -> str:
    return MERGE_TAG_PREFIX + (theirs.identity or "unknown")


def _record(
    session: Session, plan: MergePlan, counts: MergeCounts, ahead: dict[uuid.UUID, FieldSet]
) -> None:
    if q.read_property(session, IDENTITY_KEY) is None and plan.mine.identity is not None:
        q.write_property(session, IDENTITY_KEY, plan.mine.identity)  # as the other side knows it
    summary = _("merged {path}").format(path=plan.theirs.location)
    details = {"source": plan.theirs.location, "source_uuid": plan.theirs.identity}
    record_event(session, "merge", summary, details | counts.as_dict())
    session.flush()
    if plan.theirs.identity is not None:
        _remember(session, plan.theirs, ahead)


def _remember(session: Session, theirs: Side, ahead: dict[uuid.UUID, FieldSet]) -> None:
    last = q.last_audit_entry(session)
    if last is None:
        return
    value = {
        "mine": _mark(*last),
        "theirs": theirs.last_mark(),
        "ahead": {
            str(key): None if fields is None else sorted(fields) for key, fields in ahead.items()
        },
        "location": theirs.location,
        "merged_at": utc_now().isoformat(),
    }
    if value["theirs"] is None:
        return
    q.write_property(session, BOOKKEEPING_PREFIX + str(theirs.identity), json.dumps(value))


def _mark(entry_id: int, at: datetime) -> dict[str, object]:
    return {"id": entry_id, "at": at.isoformat()}
