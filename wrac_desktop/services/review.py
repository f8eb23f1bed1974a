"""What an inspector asks about first, listed before an approval and by ``wrac review``.

``wrac check`` asks whether a register is sound; this asks whether it is ready to sign:
hazards still at a risk the matrix calls not tolerable, plan entries without a responsible
person or a deadline (or with a deadline no date can be read from), residual risks rated
above the initial ones, and an approver who is not the one the commission names.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from wrac_desktop.errors import UserError, WracError
from wrac_desktop.formatting import format_date
from wrac_desktop.i18n import _, current_language, pick
from wrac_desktop.persistence import event_queries, review_queries
from wrac_desktop.persistence.models import Assessment
from wrac_desktop.persistence.review_queries import HazardRisk, PlannedMeasure
from wrac_desktop.register import Register
from wrac_desktop.risk.matrix import Matrix
from wrac_desktop.services import assessments
from wrac_desktop.services.matrices import matrix_of
from wrac_desktop.services.translations import translations_of
from wrac_desktop.services.work import Work, session_of
from wrac_desktop.text import fold, same_person
from wrac_desktop.vocabulary import AssessmentStatus, EventKind, MeasureStatus

# Deadlines that rightly name no date: the roadmap writes "үнемі" / "постоянно", "жыл сайын" /
# "ежегодно", "тоқсан сайын" / "ежеквартально". Matched as folded word stems.
_STANDING_TERMS = (
    "үнемі", "тұрақты", "сайын", "қажет", "постоянн", "ежегод", "ежекварт", "ежемесяч",
    "еженедел", "ежедневн", "по мере", "permanent", "ongoing", "continuous", "annual",
    "quarterly", "monthly", "weekly", "daily", "every", "as needed",
)  # fmt: skip


@dataclass(frozen=True)
class Finding:
    """One question, e.g. "Measures without a deadline: 3", with the records it is about."""

    key: str
    text: str
    items: tuple[str, ...] = ()

    @property
    def count(self) -> int:
        return len(self.items)

    def to_json(self) -> dict[str, Any]:
        return {"key": self.key, "count": self.count, "text": self.text, "items": self.items}


@dataclass(frozen=True)
class Review:
    """The findings for one revision; empty when nothing needs a second look."""

    revision: int
    status: str
    findings: tuple[Finding, ...] = field(default_factory=tuple)
    team_approvers: tuple[str, ...] = ()
    # Who is expected to approve, as the team tab names them (its approver fields, else the
    # member in the approver's role): the approval dialog starts from these.
    expected_approver: tuple[str, str] = ("", "")

    def __bool__(self) -> bool:
        return bool(self.findings)

    def lines(self, shown_items: int = 5) -> list[str]:
        """The findings as text: each summary, then up to ``shown_items`` of its records."""
        lines = []
        for finding in self.findings:
            lines.append(finding.text)
            lines += [f"  – {item}" for item in finding.items[:shown_items]]
            if finding.count > shown_items:
                lines.append("  " + _("… and {n} more").format(n=finding.count - shown_items))
        return lines

    def to_json(self) -> dict[str, Any]:
        return {
            "revision": self.revision,
            "status": self.status,
            "findings": [finding.to_json() for finding in self.findings],
        }


def review_register(register: Register, approver: str | None = None) -> Review:
    """The review of the register's current assessment (``approver``: who would approve it)."""
    with register.uow.reading() as session:
        current = assessments.current_assessment(session)
        if current is None:
            raise UserError(_("the register holds no assessment"))
        return review_assessment(session, current, approver)


def review_current(work: Work) -> Review | None:
    """The review of the current assessment, for a front end (None when there is none)."""
    session = session_of(work)
    current = assessments.current_assessment(session)
    return None if current is None else review_assessment(session, current, None)


def review_assessment(session: Session, assessment: Assessment, approver: str | None) -> Review:
    """What an inspector would ask about ``assessment``; for an approved one its approver is
    checked when ``approver`` is None."""
    if approver is None and assessment.status != AssessmentStatus.DRAFT.value:
        approver = assessment.approved_by
    hazards = review_queries.hazard_risks(session, assessment.id)
    open_statuses = (MeasureStatus.PLANNED.value, MeasureStatus.IN_PROGRESS.value)
    planned = (
        m
        for m in review_queries.planned_measures(session, assessment.id)
        if m.status in open_statuses
    )
    approvers = tuple(review_queries.team_approvers(session, assessment.id))
    shown = _in_language(session, assessment)
    findings = [
        *_risk_findings(matrix_of(assessment.matrix), hazards, shown),
        *_measure_findings(planned, shown),
        *_approver_findings(approver, approvers),
        *_accident_findings(session, assessment),
    ]
    return Review(
        assessment.revision, assessment.status, tuple(findings), approvers,
        _expected_approver(session, assessment),
    )  # fmt: skip


def _expected_approver(session: Session, assessment: Assessment) -> tuple[str, str]:
    """(name, position) the team tab gives: its approver fields first, else the first member
    in the approver's role (the position filled from either)."""
    member = review_queries.team_approver_position(session, assessment.id) or ("", "")
    name = (assessment.approved_by or "").strip() or member[0]
    position = (assessment.approver_position or "").strip()
    if not position and name == member[0]:
        position = member[1]
    return name, position


def _in_language(session: Session, assessment: Assessment) -> Callable[[str], str]:
    """A register text as the review shows it: in the language its messages speak when the
    revision has that translation, else as written (the review reads «still High» in English
    around a Russian hazard otherwise)."""
    translations, lang = translations_of(session, assessment.id), current_language()
    return lambda source: translations.printed(source, lang).text


def _risk_findings(
    matrix: Matrix, hazards: Iterable[HazardRisk], shown: Callable[[str], str]
) -> Iterator[Finding]:
    """In one pass over ``hazards``: only the items of the findings are kept."""
    bands: dict[str, list[str]] = {band.key: [] for band in matrix.bands if not band.tolerable}
    worse: list[str] = []
    for hazard in hazards:
        found = bands.get(_remaining_band(hazard) or "")
        if found is not None:
            found.append(_hazard_item(hazard, shown))
        if _residual_above_initial(matrix, hazard):
            worse.append(_hazard_item(hazard, shown))
    for band in reversed(matrix.bands):
        items = tuple(bands.get(band.key, ()))
        if items:
            yield Finding(
                f"residual_{band.key}",
                _("Hazards whose residual risk is still {band}: {count} — {action}").format(
                    band=pick(band.name), action=pick(band.action), count=len(items)
                ),
                items,
            )
    if worse:
        yield Finding(
            "residual_above_initial",
            _("Hazards whose residual risk is rated higher than the initial: {count}").format(
                count=len(worse)
            ),
            tuple(worse),
        )


def _accident_findings(session: Session, assessment: Assessment) -> Iterator[Finding]:
    """Accidents at hazards the revision rates tolerable (Low, Medium): was the risk rated
    too low? (issue 18 item 2)"""
    matrix = matrix_of(assessment.matrix)
    tolerable = {band.key for band in matrix.bands if band.tolerable}
    kinds = [kind.value for kind in EventKind if kind.is_accident]
    items = tuple(
        f"{_short(found.hazard)} ({found.workplace}): {EventKind(found.kind).label()}, "
        f"{format_date(found.occurred_at.date())}"
        for found in event_queries.accidents_at_hazards(session, assessment.id, kinds)
        if (found.residual_band or found.initial_band) in tolerable
    )
    if items:
        yield Finding(
            "accident_at_tolerable_risk",
            _("Accidents at hazards whose residual risk is rated tolerable: {count}").format(
                count=len(items)
            ),
            items,
        )


def _remaining_band(hazard: HazardRisk) -> str | None:
    """The risk left: the residual rating, or the initial one where no residual was given."""
    return hazard.residual_band or hazard.initial_band


def _residual_above_initial(matrix: Matrix, hazard: HazardRisk) -> bool:
    if hazard.initial_band is None or hazard.residual_band is None:
        return False
    try:
        initial = _band_position(matrix, hazard.initial_band)
        residual = _band_position(matrix, hazard.residual_band)
    except WracError:
        return False  # a class off the matrix is wrac check's to report
    if residual != initial:
        return residual > initial
    scores = (hazard.initial_score, hazard.residual_score)
    return None not in scores and scores[1] > scores[0]  # type: ignore[operator]


def _band_position(matrix: Matrix, key: str) -> int:
    return matrix.bands.index(matrix.band_by_key(key))


def _hazard_item(hazard: HazardRisk, shown: Callable[[str], str]) -> str:
    return f"{shown(hazard.workplace)}: {_short(shown(hazard.description))}"


def _measure_item(measure: PlannedMeasure, shown: Callable[[str], str]) -> str:
    hazard, what = _short(shown(measure.hazard)), _short(shown(measure.description))
    return f"{shown(measure.workplace)}: {hazard} — {what}"


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _measure_findings(
    planned: Iterable[PlannedMeasure], shown: Callable[[str], str]
) -> Iterator[Finding]:
    """In one pass over ``planned``: only the items of the findings are kept."""
    rules: list[tuple[str, str, Callable[[PlannedMeasure], bool]]] = [
        (
            "no_responsible",
            _("Planned measures without a responsible person: {count}"),
            lambda m: not m.responsible.strip(),
        ),
        (
            "no_deadline",
            _("Planned measures without a deadline: {count}"),
            lambda m: not m.due_text.strip(),
        ),
        (
            "unreadable_deadline",
            _("Planned measures whose deadline names no date that could be read: {count}"),
            _unreadable_deadline,
        ),
    ]
    found: list[list[str]] = [[] for _rule in rules]
    for measure in planned:
        for (_key, _text, applies), items in zip(rules, found, strict=True):
            if applies(measure):
                items.append(_measure_item(measure, shown))
    for (key, text, _applies), items in zip(rules, found, strict=True):
        if items:
            yield Finding(key, text.format(count=len(items)), tuple(items))


def _unreadable_deadline(measure: PlannedMeasure) -> bool:
    text = measure.due_text.strip()
    return bool(text) and measure.due_date is None and not is_standing_term(text)


def is_standing_term(due_text: str) -> bool:
    """A deadline such as "үнемі" (permanently) or "жыл сайын" (annually): no date, rightly."""
    folded = fold(due_text)
    return any(term in folded for term in _STANDING_TERMS)


def _approver_findings(approver: str | None, approvers: Iterable[str]) -> Iterator[Finding]:
    named = list(approvers)
    if approver and approver.strip() and named and not is_team_approver(approver, named):
        yield Finding(
            "approver_not_in_team",
            _("The approver {name} is not the approver the commission names ({names})").format(
                name=approver.strip(), names=", ".join(named)
            ),
            (approver.strip(),),
        )


def is_team_approver(approver: str, approvers: Iterable[str]) -> bool:
    """Whether ``approver`` is one of ``approvers``, however each is written: "С.Б. Ахметов"
    and "Ахметов Серик Болатович" share a surname, and that is what is compared."""
    return any(same_person(approver, name) for name in approvers)
