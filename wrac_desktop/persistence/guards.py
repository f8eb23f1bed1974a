"""Rules the database layer enforces whatever calls it (GUI, CLI, import, merge).

An approved revision is frozen. The ``before_flush`` hook, listening on every ORM session,
refuses any insert, update or delete of

- the assessment itself (only approved → superseded may still happen to it),
- its team members, hazards, control measures and translations,
- the printed fields of a workplace its hazards sit at (name, unit; and deleting it or a
  unit above it),
- the matrix it was scored with,
- while it is the newest revision of its assessment, everything else it prints: the
  organisation's fields, and the units and workplaces its hazards sit at (names, places,
  headcounts, job titles, order). The organisation tree is shared by all revisions, so these
  may change again once a new revision is started; the earlier revision's printed values stay
  in its stored approval JSON.

Changes made without the ORM (an ``UPDATE`` in the sqlite3 tool) cannot be refused here;
``services.approval`` detects them against the fingerprint stored at approval.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from sqlalchemy import String, event, exists, inspect, select
from sqlalchemy.orm import InstanceState, Session, aliased, sessionmaker

from wrac_desktop.errors import FrozenRecordError, ValidationError
from wrac_desktop.i18n import _
from wrac_desktop.persistence.audit_digest import AUDITED
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
from wrac_desktop.text import CONTROL_CHARACTERS, DIRECTION_OVERRIDES, TEXT_CHARS_KEPT
from wrac_desktop.vocabulary import AssessmentStatus

FROZEN_STATUSES = (AssessmentStatus.APPROVED.value, AssessmentStatus.SUPERSEDED.value)
PRINTED_WORKPLACE_FIELDS = ("name", "unit_id", "unit")  # unit: a move not yet flushed
# What the current fingerprint format covers of the shared records (relationship keys too: a
# move not yet flushed). tests/unit/persistence hold these equal to reports.fingerprint_formats.
SHARED_PRINTED_FIELDS: dict[type, tuple[str, ...]] = {
    Organisation: (
        "legal_name", "bin", "region", "address", "industry", "oked", "kato", "commission_order",
        "commission_order_on",
    ),
    OrgUnit: ("name", "kind", "sort_order", "parent_id", "parent"),
    Workplace: (
        "name", "headcount", "job_titles", "shift_pattern", "location_notes", "sort_order",
        "unit_id", "unit",
    ),
}  # fmt: skip
_installed = False
_CONTROL = CONTROL_CHARACTERS  # as the importer strips them (a test lets them through)


def install_guards(factory: sessionmaker[Session] | None = None) -> None:
    """Guard every ORM session (the factory argument is kept for callers that pass one)."""
    global _installed
    if not _installed:
        event.listen(Session, "before_flush", lambda session, _ctx, _objs: _check(session))
        _installed = True


def matrix_is_frozen(session: Session, matrix_id: int) -> bool:
    used = select(Assessment.id).where(
        Assessment.matrix_id == matrix_id, Assessment.status.in_(FROZEN_STATUSES)
    )
    return bool(session.scalar(select(exists(used))))


def refuse_bulk_rows_in_frozen(session: Session, rows: Mapping[str, Sequence[Any]]) -> None:
    """Bulk writers insert without the ORM, so ``before_flush`` never sees their rows: they
    ask here first. ``rows`` maps table names to row dicts, as ``import_rows`` holds them."""
    assessment_ids = {row["assessment_id"] for row in rows.get("hazard", ())}
    hazard_ids = {row["hazard_id"] for row in rows.get("control_measure", ())}
    if hazard_ids:
        owners = select(Hazard.assessment_id).where(Hazard.id.in_(hazard_ids))
        assessment_ids.update(session.scalars(owners))
    _refuse_if_any_frozen(session, assessment_ids)


def _check(session: Session) -> None:
    changed = [obj for obj in session.dirty if session.is_modified(obj)]
    touched = [*session.new, *changed, *session.deleted]
    _check_control_characters([*session.new, *changed])
    with session.no_autoflush:
        _check_matrices(session, changed)
        _check_assessments(session, [obj for obj in touched if isinstance(obj, Assessment)])
        _check_contents(session, touched)
        _check_workplaces(session, changed)
        _check_shared(session, changed)
        _check_units(session, [obj for obj in session.deleted if isinstance(obj, OrgUnit)])
        if any(isinstance(obj, Organisation) for obj in session.deleted):
            _check_organisation_deletion(session)


def _check_control_characters(records: list[object]) -> None:
    """Refuse a text with a control character or a direction override, whoever typed it (the
    import strips both): XML, so an .xlsx, cannot hold a control character, and one U+0001 in
    an address made every later Excel export of the register fail; an override makes the
    printed text read otherwise than the signed one. Tabs and line breaks are text."""
    for obj in records:
        if not isinstance(obj, AUDITED):
            continue
        state: InstanceState[Any] = inspect(obj)
        for attr in state.attrs:
            if attr.key not in state.mapper.columns:
                continue
            plain_text = isinstance(state.mapper.columns[attr.key].type, String)
            for value in attr.history.added:
                if isinstance(value, str):
                    field = f"{obj.__tablename__}.{attr.key}"
                    _refuse_hidden_characters(field, value)
                    if plain_text:
                        _refuse_overlong(field, value)


def _refuse_hidden_characters(field: str, value: str) -> None:
    if (found := _CONTROL.search(value)) is not None:
        raise ValidationError(
            _("{field} holds the control character U+{code:04X}, which a "
              "spreadsheet cannot store; remove it").format(field=field, code=ord(found.group()))
        )  # fmt: skip
    if (found := DIRECTION_OVERRIDES.search(value)) is not None:
        raise ValidationError(
            _("{field} holds the direction override U+{code:04X}, which makes the text show "
              "in another order than it is stored; remove it").format(
                field=field, code=ord(found.group())
            )
        )  # fmt: skip


def _refuse_overlong(field: str, value: str) -> None:
    """A text longer than a register keeps (``TEXT_CHARS_KEPT``): ``wrac check`` would call
    the register damaged. JSON fields (the approval text, the audit trail) are not plain text
    and grow with the register."""
    if len(value) > TEXT_CHARS_KEPT:
        raise ValidationError(
            _("{field} is {length:,} characters long; a field holds at most {most:,}").format(
                field=field, length=len(value), most=TEXT_CHARS_KEPT
            )
        )


def _check_matrices(session: Session, changed: list[object]) -> None:
    for obj in [*changed, *session.deleted]:
        if isinstance(obj, RiskMatrix) and matrix_is_frozen(session, obj.id):
            raise FrozenRecordError(
                _(
                    "Matrix “{name}” v{version} is used by an approved assessment; "
                    "edit it as a new version"
                ).format(name=obj.name, version=obj.version)
            )


def _check_assessments(session: Session, assessments: list[Assessment]) -> None:
    for assessment in assessments:
        if assessment in session.new:
            continue
        stored = session.scalar(select(Assessment.status).where(Assessment.id == assessment.id))
        if stored not in FROZEN_STATUSES:
            continue
        if assessment in session.deleted or not _only_superseded(assessment):
            raise _frozen_error(assessment.revision)


def _only_superseded(assessment: Assessment) -> bool:
    """The one change an approved revision may still see: being superseded by the next."""
    state = inspect(assessment)
    changed = {
        attr.key
        for attr in state.attrs
        if attr.key in state.mapper.columns and attr.history.has_changes()
    } - {"modified_at", "row_version"}
    return changed <= {"status"} and assessment.status == AssessmentStatus.SUPERSEDED.value


def _check_contents(session: Session, touched: list[object]) -> None:
    _refuse_if_any_frozen(session, set(_assessment_ids(session, touched)))


def _refuse_if_any_frozen(session: Session, assessment_ids: set[int]) -> None:
    if not assessment_ids:
        return
    query = select(Assessment.revision).where(
        Assessment.id.in_(assessment_ids), Assessment.status.in_(FROZEN_STATUSES)
    )
    frozen = session.scalars(query.limit(1)).first()
    if frozen is not None:
        raise _frozen_error(frozen)


def _assessment_ids(session: Session, touched: list[object]) -> Iterator[int]:
    """The assessments whose content the pending changes touch, as stored and as changed."""
    hazard_ids: set[int] = set()
    for obj in touched:
        if isinstance(obj, Hazard | TeamMember | TextTranslation):
            yield from _values(obj, "assessment_id")
            assessment = getattr(obj, "assessment", None)  # translations have no relationship
            if assessment is not None and assessment.id is not None:
                yield assessment.id
        elif isinstance(obj, ControlMeasure):
            hazard_ids.update(_values(obj, "hazard_id"))
            if obj.hazard is not None and obj.hazard.id is not None:
                hazard_ids.add(obj.hazard.id)
    if hazard_ids:
        yield from session.scalars(
            select(Hazard.assessment_id).where(Hazard.id.in_(hazard_ids)).distinct()
        )


def _check_workplaces(session: Session, changed: list[object]) -> None:
    deleted = [obj.id for obj in session.deleted if isinstance(obj, Workplace)]
    renamed = [
        obj.id
        for obj in changed
        if isinstance(obj, Workplace)
        and any(inspect(obj).attrs[f].history.has_changes() for f in PRINTED_WORKPLACE_FIELDS)
    ]
    _refuse_if_used(session, [*deleted, *renamed])


def _check_shared(session: Session, changed: list[object]) -> None:
    """Refuse a change to what the newest approved revision prints of the shared tree."""
    edited = [
        obj
        for obj in changed
        if type(obj) in SHARED_PRINTED_FIELDS
        and any(
            inspect(obj).attrs[f].history.has_changes() for f in SHARED_PRINTED_FIELDS[type(obj)]
        )
    ]
    if not edited:
        return
    for revision, organisation_id, workplace_ids in _newest_approved(session):
        units = _units_above(session, workplace_ids)
        for obj in edited:
            if _covered(obj, organisation_id, workplace_ids, units):
                raise _shared_error(obj, revision)


def _newest_approved(session: Session) -> Iterator[tuple[int, int, set[int]]]:
    """(revision, organisation id, workplace ids) of each approved revision no newer revision
    follows yet."""
    later = aliased(Assessment)
    newer = select(later.id).where(
        later.series == Assessment.series, later.revision > Assessment.revision
    )
    query = select(Assessment.id, Assessment.revision, Assessment.organisation_id).where(
        Assessment.status == AssessmentStatus.APPROVED.value, ~exists(newer)
    )
    for assessment_id, revision, organisation_id in session.execute(query).all():
        used = select(Hazard.workplace_id).where(Hazard.assessment_id == assessment_id)
        yield revision, organisation_id, set(session.scalars(used.distinct()))


def _units_above(session: Session, workplace_ids: set[int]) -> set[int]:
    parents = {row[0]: row[1] for row in session.execute(select(OrgUnit.id, OrgUnit.parent_id))}
    query = select(Workplace.unit_id).where(Workplace.id.in_(workplace_ids)).distinct()
    found: set[int] = set()
    for unit_id in session.scalars(query):
        current: int | None = unit_id
        while current is not None and current not in found:
            found.add(current)
            current = parents.get(current)
    return found


def _covered(obj: object, organisation_id: int, workplace_ids: set[int], units: set[int]) -> bool:
    if isinstance(obj, Organisation):
        return obj.id == organisation_id
    if isinstance(obj, OrgUnit):
        return obj.id in units
    return isinstance(obj, Workplace) and obj.id in workplace_ids


def _shared_error(obj: object, revision: int) -> FrozenRecordError:
    name = getattr(obj, "legal_name", None) or getattr(obj, "name", "")
    return FrozenRecordError(
        _(
            "“{name}” is printed in approved revision {revision}; start a new revision to change it"
        ).format(name=name, revision=revision)
    )


def _check_organisation_deletion(session: Session) -> None:
    frozen = select(Assessment.id).where(Assessment.status.in_(FROZEN_STATUSES))
    if session.scalar(select(exists(frozen))):
        raise FrozenRecordError(_("The organisation has approved revisions; it cannot be deleted"))


def _check_units(session: Session, units: list[OrgUnit]) -> None:
    if not units:
        return
    below = _subtree(session, [unit.id for unit in units])
    workplaces = session.scalars(select(Workplace.id).where(Workplace.unit_id.in_(below)))
    _refuse_if_used(session, list(workplaces))


def _subtree(session: Session, roots: list[int]) -> set[int]:
    parents = {row[0]: row[1] for row in session.execute(select(OrgUnit.id, OrgUnit.parent_id))}
    found = set(roots)
    grew = True
    while grew:
        more = {unit for unit, parent in parents.items() if parent in found} - found
        found |= more
        grew = bool(more)
    return found


def _refuse_if_used(session: Session, workplace_ids: list[int]) -> None:
    if not workplace_ids:
        return
    query = (
        select(Workplace.name, Assessment.revision)
        .join(Hazard, Hazard.workplace_id == Workplace.id)
        .join(Assessment, Assessment.id == Hazard.assessment_id)
        .where(Workplace.id.in_(workplace_ids), Assessment.status.in_(FROZEN_STATUSES))
    )
    used = session.execute(query.limit(1)).first()
    if used is not None:
        raise FrozenRecordError(
            _(
                "Workplace “{name}” is part of approved revision {revision}; its name and place "
                "cannot change and it cannot be deleted"
            ).format(name=used[0], revision=used[1])
        )


def _values(obj: object, key: str) -> Iterable[int]:
    """A column's current value and, if it changed, the stored one."""
    history = inspect(obj).attrs[key].history
    return [v for v in (*history.added, *history.unchanged, *history.deleted) if v is not None]


def _frozen_error(revision: int) -> FrozenRecordError:
    return FrozenRecordError(
        _(
            "Revision {revision} is approved and cannot be changed; start a new revision to "
            "make changes"
        ).format(revision=revision)
    )
