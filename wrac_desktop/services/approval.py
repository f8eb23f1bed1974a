"""The lifecycle of an assessment: draft → approved → superseded, and revision N+1 as a copy.

Approving stores the revision's fingerprint and the canonical content it was computed over,
so a later change made behind the app's back is found (``tamper_problems``) and named.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from sqlalchemy import inspect
from sqlalchemy.orm import Session

from wrac_desktop.errors import RegisterDamaged, UserError, ValidationError
from wrac_desktop.formatting import format_date
from wrac_desktop.i18n import _
from wrac_desktop.persistence import integrity, record_queries
from wrac_desktop.persistence.audit import record_event
from wrac_desktop.persistence.models import Assessment, Hazard, Record, TeamMember
from wrac_desktop.persistence.record_queries import series_revisions as series_revisions
from wrac_desktop.persistence.revision_copy import copied_state, copy_hazards
from wrac_desktop.persistence.translations import copy_translations
from wrac_desktop.reports.fingerprint import FORMAT, UnknownFormat
from wrac_desktop.reports.fingerprint_formats import SHARED_SECTIONS
from wrac_desktop.services.fingerprints import (
    approval_text,
    canonical_content,
    fingerprint,
    stored_sha256,
)
from wrac_desktop.vocabulary import AssessmentStatus

DEFAULT_REVIEW_PERIOD = timedelta(days=365)  # a register is reviewed at least once a year
_NOT_COPIED = frozenset({"id", "uuid", "created_at", "modified_at", "row_version"})


def approve(
    session: Session,
    assessment: Assessment,
    *,
    by: str,
    position: str,
    on: date,
    next_review_on: date | None = None,
) -> str:
    """Approve a draft, freeze it, supersede the revision before it; returns the fingerprint."""
    _check_approvable(assessment, by, on, next_review_on)
    _check_readable(session)
    assessment.approved_by = by.strip()
    assessment.approver_position = position.strip()
    assessment.approved_on = on
    assessment.next_review_on = next_review_on or on + DEFAULT_REVIEW_PERIOD
    assessment.series = assessment.series or assessment.uuid
    session.flush()
    # Streamed, never whole: spooled to a temporary file while this lasts
    with approval_text(session, assessment, version=FORMAT) as text:
        for older in record_queries.approved_in_series(session, assessment):
            older.status = AssessmentStatus.SUPERSEDED.value
        assessment.fingerprint = text.fingerprint
        assessment.status = AssessmentStatus.APPROVED.value  # last: from here on it is frozen
        session.flush()
        # Beside the row, in a table of its own: superseding this revision one day rewrites
        # its row, and SQLite rewrites a row whole (the text is 360 MB at 100,000 hazards).
        record_queries.store_approved_content(session, assessment.id, text.size, text.pieces())
    return assessment.fingerprint


def _check_approvable(
    assessment: Assessment, by: str, on: date, next_review_on: date | None
) -> None:
    require_draft(assessment)
    if not by.strip():
        raise ValidationError(_("the approver's name is required"))
    if next_review_on is not None and next_review_on <= on:
        raise ValidationError(_("the next review must come after the approval date"))


# What an approval prints and fingerprints (the logs beside it are not frozen by it).
APPROVED_TABLES = frozenset(
    {"organisation", "org_unit", "workplace", "risk_matrix", "assessment", "team_member",
     "hazard", "control_measure", "text_translation"}
)  # fmt: skip


def _check_readable(session: Session) -> None:
    """RegisterDamaged if a value an approval would freeze cannot be read as its column's type
    (text put in a hazard's score behind the app's back): it would be fingerprinted as it is
    and printed as nonsense under a valid signature. 0.9 s at 10,000 hazards."""
    problems = integrity.unreadable_values(session.connection(), APPROVED_TABLES)
    if not problems:
        return
    message = _("nothing was approved: the register holds a value that cannot be read: {problem}")
    message = message.format(problem=problems[0])
    if len(problems) > 1:
        message += " " + _("(and {count} more; “wrac check” lists them all)").format(
            count=len(problems) - 1
        )
    raise RegisterDamaged(message, problems)


def require_draft(assessment: Assessment) -> None:
    """ValidationError unless ``assessment`` is a draft: only a draft can be approved."""
    if assessment.status != AssessmentStatus.DRAFT.value:
        raise ValidationError(
            _("only a draft can be approved; this one is {status}").format(
                status=AssessmentStatus(assessment.status).label()
            )
        )


REVISION_STEPS = 2  # progress steps of ``start_revision``: the team, then hazards and measures


def start_revision(
    session: Session,
    assessment: Assessment,
    progress: Callable[[int, int], None] | None = None,
) -> Assessment:
    """A new draft, revision N+1, copying the approved revision's team, hazards and measures.

    ``progress(done, REVISION_STEPS)`` is called before each step; it may raise to cancel (the
    caller's transaction then keeps nothing).
    """
    if assessment.status == AssessmentStatus.DRAFT.value:
        raise UserError(
            _("revision {n} is still a draft; edit it instead").format(n=assessment.revision)
        )
    _refuse_if_tampered(session, assessment)
    series = assessment.series or assessment.uuid
    revisions = series_revisions(session, series)
    if any(r.status == AssessmentStatus.DRAFT.value for r in revisions):
        raise UserError(_("a draft revision already exists; finish or approve it first"))
    draft = Assessment(**_copied_fields(assessment))
    draft.status = AssessmentStatus.DRAFT.value
    draft.revision = max(r.revision for r in revisions) + 1
    draft.series = series
    for name in ("approved_by", "approver_position", "fingerprint"):
        setattr(draft, name, "")
    draft.approved_on = draft.next_review_on = None
    session.add(draft)
    with session.no_autoflush:  # half-built copies must not be flushed
        _copy_contents(session, assessment, draft, progress or _no_progress)
    session.flush()
    return draft


def _refuse_if_tampered(session: Session, assessment: Assessment) -> None:
    """A later revision lets the shared organisation tree change for it, and the earlier one is
    then compared on its own records only: a change made behind the app's back must be found
    before that, not excused by it."""
    problems = revision_problems(session, assessment)
    if problems:
        raise UserError(
            _("a new revision cannot start from a revision changed outside the app: {problem}")
            .format(problem=problems[0])
        )  # fmt: skip


def _no_progress(_done: int, _total: int) -> None:
    return None


def _copy_contents(
    session: Session, source: Assessment, draft: Assessment, progress: Callable[[int, int], None]
) -> None:
    progress(0, REVISION_STEPS)
    for member in source.team:
        session.add(TeamMember(**_copied_fields(member), assessment=draft))
    session.flush()  # the draft needs its id before the bulk copy refers to it
    progress(1, REVISION_STEPS)
    hazards, measures = copy_hazards(session, source.id, draft.id)
    texts = copy_translations(session, source, draft)
    copied = copied_state(session, draft.id)  # as copied: what carry_into changes is audited
    from wrac_desktop.services.progress_states import carry_into

    carried = carry_into(session, source, draft)
    record_event(
        session, "revision",
        f"revision {draft.revision} started as a copy of revision {source.revision}",
        {"from": str(source.uuid), "to": str(draft.uuid), "hazards": hazards,
         "measures": measures, "translations": texts, "progress": carried} | copied,
    )  # fmt: skip


def _copied_fields(record: Record) -> dict[str, Any]:
    mapper = inspect(type(record))
    fields = {
        column.key: getattr(record, column.key)
        for column in mapper.column_attrs
        if column.key not in _NOT_COPIED and not column.columns[0].foreign_keys
    }
    if "lineage" in fields:
        fields["lineage"] = record.lineage or record.uuid  # type: ignore[attr-defined]
    if isinstance(record, Hazard):
        fields["workplace_id"] = record.workplace_id
    if isinstance(record, Assessment):
        fields |= {"organisation_id": record.organisation_id, "matrix_id": record.matrix_id}
    return fields


def revision_of(session: Session, current: Assessment, number: int) -> Assessment:
    """Revision ``number`` of the same assessment as ``current``."""
    for revision in series_revisions(session, current.series or current.uuid):
        if revision.revision == number:
            return revision
    raise UserError(_("there is no revision {n}").format(n=number))


def tamper_problems(session: Session) -> list[str]:
    """Approved revisions whose content no longer matches the fingerprint stored at approval."""
    problems: list[str] = []
    for assessment in record_queries.fingerprinted_revisions(session):
        problems += revision_problems(session, assessment)
    return problems


def revision_problems(session: Session, assessment: Assessment) -> list[str]:
    """Why an approved revision does not match what was approved (empty when it does).

    The organisation, its units and workplaces are shared by all revisions: once a later
    revision exists the app lets them change for it, so for an earlier revision only its own
    records are compared (what it printed stays in its stored JSON).
    """
    where = _("revision {n}").format(n=assessment.revision)
    if stored_sha256(session, assessment) != assessment.fingerprint:
        return [_("{where}: the stored approval record was altered").format(where=where)]
    try:
        # Streamed in flat memory; the trees are built only to name what changed.
        if fingerprint(session, assessment) == assessment.fingerprint:
            return []
        live = canonical_content(session, assessment)
    except UnknownFormat as error:
        text = _("{where}: approved with fingerprint format “{format}”, unknown to this version")
        return [text.format(where=where, format=error.args[0])]
    approved = json.loads(record_queries.approved_content(session, assessment.id) or "")
    if record_queries.has_later_revision(session, assessment):
        for section in SHARED_SECTIONS:
            live.pop(section, None)
            approved.pop(section, None)
    return _change_lines(where, approved, live)


def _change_lines(where: str, approved: dict[str, Any], live: dict[str, Any]) -> list[str]:
    from wrac_desktop.services.revision_diff import content_changes

    if approved == live:
        return []
    lines = [
        _("{where}: changed after approval, outside the app: {change}").format(
            where=where, change=change.text()
        )
        for change in content_changes(approved, live)
    ]
    return lines or [_("{where}: changed after approval, outside the app").format(where=where)]


def is_frozen(assessment: Assessment | None) -> bool:
    """Whether an assessment can no longer be edited (approved or superseded)."""
    return assessment is not None and assessment.status != AssessmentStatus.DRAFT.value


def reviews_due(session: Session, today: date, within: timedelta = timedelta(days=30)) -> list[str]:
    """Approved revisions whose next review is overdue or comes within ``within``, as lines."""
    lines = []
    for assessment in record_queries.reviews_due_by(session, today + within):
        due = assessment.next_review_on
        assert due is not None
        text = (
            _("review of “{title}” revision {n} is overdue since {date}")
            if due < today
            else _("review of “{title}” revision {n} is due on {date}")
        )
        shown = format_date(due)  # as the language writes it, not ISO (issue 19)
        lines.append(text.format(title=assessment.title, n=assessment.revision, date=shown))
    return lines


def startup_warnings(session: Session, tick: Callable[[], None] = lambda: None) -> list[str]:
    """What an officer must know on opening: changes behind the app's back, a broken log.

    It reads every row of the register (seconds on 10,000 hazards): the app runs it behind,
    once the window is up, never in the way of opening; ``tick`` is called every few thousand
    rows and may raise to stop it."""
    from wrac_desktop.persistence.audit_state import audit_problems

    return tamper_problems(session) + audit_problems(session, tick)
