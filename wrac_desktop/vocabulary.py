"""Closed vocabularies of the domain, their names in the catalogues (context "vocabulary").

Stored in the database by their ``value`` (a short English word), shown by ``label(lang)``.
"""

from __future__ import annotations

from enum import StrEnum
from functools import lru_cache

from wrac_desktop.i18n import NC_, Deferred, translated_in


class _Labelled(StrEnum):
    def label(self, lang: str | None = None) -> str:
        """The name in ``lang`` (a report's language), or in the current language if None."""
        return translated_in(_LABELS[self], lang)


class ControlLevel(_Labelled):
    """The hierarchy of controls (ISO 45001 clause 8.1.2), most effective first."""

    ELIMINATION = "elimination"
    SUBSTITUTION = "substitution"
    ENGINEERING = "engineering"
    ADMINISTRATIVE = "administrative"
    PPE = "ppe"

    @property
    def is_weak(self) -> bool:
        """Administrative controls and PPE depend on people doing the right thing every time."""
        return self in (ControlLevel.ADMINISTRATIVE, ControlLevel.PPE)


class MeasureKind(_Labelled):
    EXISTING = "existing"
    ADDITIONAL = "additional"


class MeasureStatus(_Labelled):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    VERIFIED = "verified"
    # Reached through the progress log (ProgressStatus) after approval, and copied into the
    # next revision from there.
    POSTPONED = "postponed"
    CANCELLED = "cancelled"

    @property
    def is_open(self) -> bool:
        """Still to be done: it can be overdue."""
        return self in (MeasureStatus.PLANNED, MeasureStatus.IN_PROGRESS, MeasureStatus.POSTPONED)


class ProgressStatus(_Labelled):
    """A step recorded in a measure's progress log; the measure's status follows the latest."""

    STARTED = "started"
    DONE = "done"
    VERIFIED = "verified"
    POSTPONED = "postponed"
    CANCELLED = "cancelled"

    @property
    def measure_status(self) -> MeasureStatus:
        """The status a measure has after this step."""
        if self is ProgressStatus.STARTED:
            return MeasureStatus.IN_PROGRESS
        return MeasureStatus(self.value)


class AssessmentStatus(_Labelled):
    DRAFT = "draft"
    APPROVED = "approved"
    SUPERSEDED = "superseded"


class TeamRole(_Labelled):
    FACILITATOR = "facilitator"
    MEMBER = "member"
    APPROVER = "approver"
    WORKER_REPRESENTATIVE = "worker_representative"


class UnitKind(_Labelled):
    """A node of the organisation tree above workplaces."""

    SITE = "site"
    DIVISION = "division"


class FundingSource(_Labelled):
    """Where a plan measure's money comes from, in the roadmap's wording; free text allowed."""

    EMPLOYER = "employer"
    NOT_REQUIRED = "not_required"


class CompletionForm(_Labelled):
    """How a plan measure's completion is shown; free text allowed."""

    ACT = "act"
    ORDER = "order"
    MEASUREMENT_RECORD = "measurement_record"
    TRAINING_RECORD = "training_record"
    REPORT = "report"


@lru_cache(maxsize=512)  # a plan repeats a handful of wordings in thousands of measures
def fixed_wording(enum: type[_Labelled], text: str, lang: str) -> str:
    """``text`` in ``lang`` when it is one of ``enum``'s values, or its wording in any of the
    three languages (an officer picks "За счёт средств работодателя" in a Russian window and
    the Kazakh plan prints "Жұмыс берушінің қаражаты есебінен"); anything else as written."""
    cleaned = " ".join(text.split())
    folded = cleaned.casefold().rstrip(".")
    for member in enum:
        if folded == member.value or folded in _wordings(member):
            return member.label(lang)
    return cleaned


def _wordings(member: _Labelled) -> set[str]:
    return {member.label(lang).casefold().rstrip(".") for lang in ("kk", "ru", "en")}


class EventKind(_Labelled):
    """What happened at a workplace (docs domain.md §9); the value is the CLI's ``--kind``."""

    NEAR_MISS = "near-miss"
    UNSAFE_ACT = "unsafe-act"
    UNSAFE_CONDITION = "unsafe-condition"
    FIRST_AID = "first-aid"
    LOST_TIME = "lost-time"
    SERIOUS = "serious"
    FATAL = "fatal"
    OCCUPATIONAL_DISEASE = "occupational-disease"
    DANGEROUS_OCCURRENCE = "dangerous-occurrence"

    @property
    def is_accident(self) -> bool:
        """An accident at work (несчастный случай): counted in the accident frequency and,
        every one having cost at least a shift, as a lost-time injury in the LTIFR."""
        return self in (EventKind.LOST_TIME, EventKind.SERIOUS, EventKind.FATAL)


class InvestigationStatus(_Labelled):
    """Where the investigation of an event stands; the value is the CLI's ``--investigation``."""

    OPEN = "open"  # not started yet (the default of an event recorded)
    UNDER_WAY = "under-way"
    COMPLETED = "completed"
    NOT_REQUIRED = "not-required"


_LABELS: dict[StrEnum, Deferred] = {
    ControlLevel.ELIMINATION: NC_("vocabulary", "Elimination"),
    ControlLevel.SUBSTITUTION: NC_("vocabulary", "Substitution"),
    ControlLevel.ENGINEERING: NC_("vocabulary", "Engineering"),
    ControlLevel.ADMINISTRATIVE: NC_("vocabulary", "Administrative"),
    ControlLevel.PPE: NC_("vocabulary", "PPE"),
    MeasureKind.EXISTING: NC_("vocabulary", "Existing"),
    MeasureKind.ADDITIONAL: NC_("vocabulary", "Additional"),
    MeasureStatus.PLANNED: NC_("vocabulary", "Planned"),
    MeasureStatus.IN_PROGRESS: NC_("vocabulary", "In progress"),
    MeasureStatus.DONE: NC_("vocabulary", "Done"),
    MeasureStatus.VERIFIED: NC_("vocabulary", "Verified"),
    MeasureStatus.POSTPONED: NC_("vocabulary", "Postponed"),
    MeasureStatus.CANCELLED: NC_("vocabulary", "Cancelled"),
    ProgressStatus.STARTED: NC_("vocabulary", "Started"),
    ProgressStatus.DONE: NC_("vocabulary", "Done"),
    ProgressStatus.VERIFIED: NC_("vocabulary", "Verified"),
    ProgressStatus.POSTPONED: NC_("vocabulary", "Postponed"),
    ProgressStatus.CANCELLED: NC_("vocabulary", "Cancelled"),
    AssessmentStatus.DRAFT: NC_("vocabulary", "Draft"),
    AssessmentStatus.APPROVED: NC_("vocabulary", "Approved"),
    AssessmentStatus.SUPERSEDED: NC_("vocabulary", "Superseded"),
    TeamRole.FACILITATOR: NC_("vocabulary", "Facilitator"),
    TeamRole.MEMBER: NC_("vocabulary", "Team member"),
    TeamRole.APPROVER: NC_("vocabulary", "Approver"),
    TeamRole.WORKER_REPRESENTATIVE: NC_("vocabulary", "Workers' representative"),
    UnitKind.SITE: NC_("vocabulary", "Site"),
    UnitKind.DIVISION: NC_("vocabulary", "Division"),
    FundingSource.EMPLOYER: NC_("vocabulary", "At the employer's expense"),
    FundingSource.NOT_REQUIRED: NC_("vocabulary", "Not required"),
    CompletionForm.ACT: NC_("vocabulary", "Act of completed work"),
    CompletionForm.ORDER: NC_("vocabulary", "Employer's order"),
    CompletionForm.MEASUREMENT_RECORD: NC_("vocabulary", "Record of measurements"),
    CompletionForm.TRAINING_RECORD: NC_("vocabulary", "Record of training and knowledge test"),
    CompletionForm.REPORT: NC_("vocabulary", "Report to the employer"),
    EventKind.NEAR_MISS: NC_("vocabulary", "Near miss"),
    EventKind.UNSAFE_ACT: NC_("vocabulary", "Unsafe act"),
    EventKind.UNSAFE_CONDITION: NC_("vocabulary", "Unsafe condition"),
    EventKind.FIRST_AID: NC_("vocabulary", "First-aid case (microtrauma)"),
    EventKind.LOST_TIME: NC_("vocabulary", "Lost-time accident"),
    EventKind.SERIOUS: NC_("vocabulary", "Serious accident"),
    EventKind.FATAL: NC_("vocabulary", "Fatal accident"),
    EventKind.OCCUPATIONAL_DISEASE: NC_("vocabulary", "Occupational disease"),
    EventKind.DANGEROUS_OCCURRENCE: NC_("vocabulary", "Dangerous occurrence"),
    InvestigationStatus.OPEN: NC_("vocabulary", "Not started"),
    InvestigationStatus.UNDER_WAY: NC_("vocabulary", "Under way"),
    InvestigationStatus.COMPLETED: NC_("vocabulary", "Completed"),
    InvestigationStatus.NOT_REQUIRED: NC_("vocabulary", "Not required"),
}
