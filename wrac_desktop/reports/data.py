"""The report-data object: everything a report prints, read once from the register.

The PDF, XLSX, CSV and JSON writers all take this object, so they never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from wrac_desktop.errors import UserError
from wrac_desktop.formatting import format_date
from wrac_desktop.hazards.model import gost_group_label
from wrac_desktop.i18n import _, pick
from wrac_desktop.persistence import report_queries
from wrac_desktop.persistence.models import Assessment
from wrac_desktop.reports.fingerprint import fingerprint
from wrac_desktop.risk.matrix import Matrix
from wrac_desktop.services import assessments, organisation
from wrac_desktop.services.matrices import matrix_of
from wrac_desktop.vocabulary import ControlLevel, MeasureStatus, TeamRole


@dataclass(frozen=True)
class Risk:
    likelihood: float | None
    severity: float | None
    score: float | None
    band_key: str | None
    band_name: str
    colour: str | None


@dataclass(frozen=True)
class Control:
    level: str  # label in the report's language
    text: str
    responsible: str
    due: str
    due_date: date | None
    status: str
    status_key: str
    funding: str
    completion_form: str
    done: bool


@dataclass(frozen=True)
class RegisterRow:
    number: int
    uuid: str
    site: str
    workplace: str
    category: str
    hazard: str
    unwanted_event: str
    existing_controls: str
    initial: Risk
    residual: Risk
    additional: tuple[Control, ...]
    priority: bool


@dataclass(frozen=True)
class TeamLine:
    name: str
    position: str
    role: str


@dataclass
class ReportData:
    lang: str
    organisation: dict[str, str]
    assessment: dict[str, Any]
    matrix: Matrix
    rows: list[RegisterRow]
    team: list[TeamLine]
    fingerprint: str
    scope_name: str
    generated_on: date = field(default_factory=date.today)

    def plan_groups(self) -> list[tuple[str, list[RegisterRow]]]:
        """Rows with additional controls, by workplace, highest residual risk first."""
        groups: dict[str, list[RegisterRow]] = {}
        for row in self.rows:
            if row.additional:
                groups.setdefault(row.workplace, []).append(row)
        ordered = sorted(groups.items(), key=lambda item: -max(_rank(r) for r in item[1]))
        return [(name, sorted(rows, key=lambda r: -_rank(r))) for name, rows in ordered]

    def plan_lines(self) -> list[tuple[str, RegisterRow | None, Control | None]]:
        """The plan as printed: a line per workplace, then a line per additional measure."""
        lines: list[tuple[str, RegisterRow | None, Control | None]] = []
        for workplace, rows in self.plan_groups():
            lines.append((workplace, None, None))
            lines += [(workplace, row, control) for row in rows for control in row.additional]
        return lines


def _rank(row: RegisterRow) -> float:
    risk = row.initial if row.initial.score is not None else row.residual
    return risk.score or 0.0


def build_report_data(
    session: Session,
    lang: str,
    *,
    assessment_id: int | None = None,
    unit_id: int | None = None,
    with_fingerprint: bool = True,
) -> ReportData:
    """Read one assessment (the current one by default), optionally one site, for printing.

    The fingerprint costs about 40 % of the read; outputs that do not print it skip it.
    """
    assessment = (
        session.get(Assessment, assessment_id)
        if assessment_id is not None
        else assessments.current_assessment(session)
    )
    org = organisation.the_organisation(session)
    if assessment is None or org is None:
        raise UserError(_("the register holds no assessment to report on"))
    matrix = matrix_of(assessment.matrix)
    places = _Places(report_queries.workplaces(session), report_queries.units(session))
    hazards = report_queries.hazard_rows(session, assessment.id)
    shown = sorted(hazards, key=places.order)
    if unit_id is not None:
        shown = [h for h in shown if places.under(h["workplace_id"], unit_id)]
    return ReportData(
        lang=lang,
        organisation={
            "legal_name": org.legal_name,
            "bin": org.bin,
            "region": org.region,
            "address": org.address,
            "industry": org.industry,
        },
        assessment=_assessment_fields(assessment, lang),
        matrix=matrix,
        rows=[_row(n, h, matrix, lang, places) for n, h in enumerate(shown, start=1)],
        team=[TeamLine(m.name, m.position, TeamRole(m.role).label(lang)) for m in assessment.team],
        fingerprint=fingerprint(session, assessment, hazards, places.workplaces)
        if with_fingerprint
        else "",
        scope_name=places.units[unit_id]["name"] if unit_id is not None else "",
    )


@dataclass
class _Places:
    """Workplaces and units by id, to place a hazard in the tree without more queries."""

    workplaces: dict[int, dict[str, Any]]
    units: dict[int, dict[str, Any]]

    def site(self, workplace_id: int) -> dict[str, Any]:
        unit = self.units[self.workplaces[workplace_id]["unit_id"]]
        while unit["parent_id"] is not None:
            unit = self.units[unit["parent_id"]]
        return unit

    def order(self, hazard: dict[str, Any]) -> tuple[int, int, int, int]:
        workplace = self.workplaces[hazard["workplace_id"]]
        return (
            self.site(hazard["workplace_id"])["sort_order"],
            workplace["sort_order"],
            hazard["sort_order"],
            hazard["id"],
        )

    def under(self, workplace_id: int, wanted: int) -> bool:
        unit_id: int | None = self.workplaces[workplace_id]["unit_id"]
        while unit_id is not None:
            if unit_id == wanted:
                return True
            unit_id = self.units[unit_id]["parent_id"]
        return False


def _assessment_fields(assessment: Assessment, lang: str) -> dict[str, Any]:
    names = (
        "title",
        "scope",
        "document_number",
        "revision",
        "status",
        "approved_by",
        "approver_position",
    )
    fields: dict[str, Any] = {name: getattr(assessment, name) for name in names}
    fields["assessed_on"] = format_date(assessment.assessed_on, lang)
    fields["assessed_on_iso"] = assessment.assessed_on.isoformat() if assessment.assessed_on else ""
    fields["approved_on"] = format_date(assessment.approved_on, lang)
    return fields


def _risk(hazard: dict[str, Any], stage: str, matrix: Matrix, lang: str) -> Risk:
    band_key = hazard[f"{stage}_override_band"] or hazard[f"{stage}_band"]
    band = next((b for b in matrix.bands if b.key == band_key), None)
    return Risk(
        hazard[f"{stage}_likelihood"],
        hazard[f"{stage}_severity"],
        hazard[f"{stage}_score"],
        band_key,
        pick(band.name, lang) if band else "",
        band.colour if band else None,
    )


def _control(measure: dict[str, Any], lang: str) -> Control:
    status = MeasureStatus(measure["status"])
    return Control(
        level=ControlLevel(measure["level"]).label(lang),
        text=measure["description"],
        responsible=measure["responsible"],
        due=measure["due_text"] or format_date(measure["due_date"], lang),
        due_date=measure["due_date"],
        status=status.label(lang),
        status_key=status.value,
        funding=measure["funding_source"],
        completion_form=measure["completion_form"],
        done=not status.is_open,
    )


def _row(
    number: int, hazard: dict[str, Any], matrix: Matrix, lang: str, places: _Places
) -> RegisterRow:
    additional = tuple(_control(m, lang) for m in hazard["measures"] if m["kind"] == "additional")
    return RegisterRow(
        number=number,
        uuid=str(hazard["uuid"]),
        site=places.site(hazard["workplace_id"])["name"],
        workplace=places.workplaces[hazard["workplace_id"]]["name"],
        category=gost_group_label(hazard["category"], lang),
        hazard=hazard["description"],
        unwanted_event=hazard["unwanted_event"],
        existing_controls=hazard["existing_controls"],
        initial=_risk(hazard, "initial", matrix, lang),
        residual=_risk(hazard, "residual", matrix, lang),
        additional=additional,
        priority=bool(hazard["priority"]),
    )
