"""The revisions of the current assessment as the Assessment menu sees them: id-free commands
(there is one current revision) and plain read models for its notices and dialogs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from wrac_desktop.errors import UserError
from wrac_desktop.i18n import _
from wrac_desktop.persistence.audit_chain import chain_problems
from wrac_desktop.persistence.models import Assessment
from wrac_desktop.services import approval, assessments, review
from wrac_desktop.services.audit_trail import AuditFilter, AuditRow, audit_rows
from wrac_desktop.services.revision_diff import Change, diff_revisions
from wrac_desktop.services.work import Work, session_of
from wrac_desktop.vocabulary import AssessmentStatus

REVISION_STEPS = approval.REVISION_STEPS + 1  # the copy's steps, then the check after it


@dataclass(frozen=True)
class FrozenRevision:
    """The current revision once approved (or superseded): what the banner says of it."""

    number: int
    status: str  # in words of the current language, lower case
    approved_by: str
    approved_on: str  # dd.mm.yyyy, or empty


@dataclass(frozen=True)
class StartedRevision:
    number: int


def _current(work: Work) -> Assessment | None:
    return assessments.current_assessment(session_of(work))


def is_current_frozen(work: Work) -> bool:
    """Whether the current revision is approved or superseded (shown read-only)."""
    return approval.is_frozen(_current(work))


def current_revision(work: Work) -> int | None:
    current = _current(work)
    return current.revision if current is not None else None


def frozen_revision(work: Work) -> FrozenRevision | None:
    current = _current(work)
    if current is None or not approval.is_frozen(current):
        return None
    return FrozenRevision(
        number=current.revision,
        status=AssessmentStatus(current.status).label().lower(),
        approved_by=current.approved_by,
        approved_on=current.approved_on.strftime("%d.%m.%Y") if current.approved_on else "",
    )


def revision_numbers(work: Work) -> list[int]:
    """Every revision of the current assessment's series, oldest first."""
    current = _current(work)
    if current is None:
        return []
    series = current.series or current.uuid
    return [r.revision for r in approval.series_revisions(session_of(work), series)]


def revision_changes(work: Work, old: int, new: int) -> list[Change]:
    """What was added, removed and changed from revision ``old`` to ``new``."""
    current = _current(work)
    if current is None:
        return []
    session = session_of(work)
    first = approval.revision_of(session, current, old)
    second = approval.revision_of(session, current, new)
    return diff_revisions(session, first, second)


def approve_current(
    work: Work, *, by: str, position: str, on: date, next_review_on: date | None = None
) -> str:
    """Approve the current draft; its fingerprint."""
    current = _current(work)
    if current is None:
        raise UserError(_("the register holds no assessment"))
    return approval.approve(
        session_of(work), current, by=by, position=position, on=on, next_review_on=next_review_on
    )


def review_before_approval(work: Work, approver: str) -> review.Review:
    """What an inspector would ask about the current draft before ``approver`` approves it;
    a revision that is not a draft is refused first (questions about a signed one are noise)."""
    current = _current(work)
    if current is None:
        raise UserError(_("the register holds no assessment"))
    approval.require_draft(current)
    return review.review_assessment(session_of(work), current, approver)


def copy_current(work: Work, progress: Callable[[int, int], None] | None = None) -> int:
    """Revision N+1 as an editable copy of the current one; its number (``wrac revise``)."""
    current = _current(work)
    if current is None:
        raise UserError(_("the register holds no assessment"))
    return approval.start_revision(session_of(work), current, progress).revision


def start_revision(work: Work, progress: Callable[[int, int], None]) -> StartedRevision:
    """Revision N+1 as an editable copy (the app then checks it behind, as on opening:
    ``startup_warnings`` reads every row, which the copy's transaction must not wait for).

    ``progress(done, REVISION_STEPS)`` may raise to cancel: the caller's transaction then
    keeps nothing."""
    number = copy_current(work, progress)
    progress(approval.REVISION_STEPS, REVISION_STEPS)
    return StartedRevision(number)


def startup_warnings(work: Work, tick: Callable[[], None] = lambda: None) -> list[str]:
    """Changes made behind the app's back and breaks in the audit chain, as lines; ``tick``
    is called every few thousand rows and may raise to stop (``approval.startup_warnings``)."""
    return approval.startup_warnings(session_of(work), tick)


def reviews_due(work: Work, today: date) -> list[str]:
    return approval.reviews_due(session_of(work), today)


def audit_entries(work: Work, wanted: AuditFilter) -> list[AuditRow]:
    return audit_rows(session_of(work), wanted)


def audit_chain_problems(work: Work) -> list[str]:
    """Breaks in the hash chain (what the audit trail's window says): quick, so it may run on
    the UI thread. Records that disagree with the chain are the check's (``startup_warnings``,
    ``wrac check``), which reads every row."""
    return list(chain_problems(session_of(work)))
