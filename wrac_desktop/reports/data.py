"""The report-data object: everything a report prints, read once from the register.

The PDF, XLSX, CSV and JSON writers all take this object, so they never disagree.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
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
    workplace_uuid: str  # names repeat across sites; this tells the workplaces apart
    unit_path: str  # "site › division", to name apart workplaces that share a name
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
        """Rows with additional controls, by workplace, highest risk first. A workplace whose
        name another workplace shares is named with its site and division."""
        groups: dict[str, list[RegisterRow]] = {}
        for row in self.rows:
            if row.additional:
                groups.setdefault(row.workplace_uuid, []).append(row)
        names = Counter(rows[0].workplace for rows in groups.values())
        ordered = sorted(groups.values(), key=lambda rows: -max(_rank(r) for r in rows))
        return [
            (_place_name(rows[0], names), sorted(rows, key=lambda r: -_rank(r))) for rows in ordered
        ]

    def plan_lines(self) -> list[tuple[str, RegisterRow | None, Control | None]]:
        """The plan as printed: a line per workplace, then a line per additional measure."""
        lines: list[tuple[str, RegisterRow | None, Control | None]] = []
        for workplace, rows in self.plan_groups():
            lines.append((workplace, None, None))
            lines += [(workplace, row, control) for row in rows for control in row.additional]
        return lines


def _place_name(row: RegisterRow, names: Counter[str]) -> str:
    return row.workplace if names[row.workplace] == 1 else f"{row.workplace} ({row.unit_path})"


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
    bands = _bands(matrix, lang)
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
        rows=[_row(n, h, bands, lang, places) for n, h in enumerate(shown, start=1)],
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
    _sites: dict[int, dict[str, Any]] = field(default_factory=dict)  # by workplace id
    _paths: dict[int, str] = field(default_factory=dict)  # by workplace id

    def site(self, workplace_id: int) -> dict[str, Any]:
        site = self._sites.get(workplace_id)
        if site is None:
            site = self.units[self.workplaces[workplace_id]["unit_id"]]
            while site["parent_id"] is not None:
                site = self.units[site["parent_id"]]
            self._sites[workplace_id] = site
        return site

    def order(self, hazard: dict[str, Any]) -> tuple[int, int, int, int]:
        workplace = self.workplaces[hazard["workplace_id"]]
        return (
            self.site(hazard["workplace_id"])["sort_order"],
            workplace["sort_order"],
            hazard["sort_order"],
            hazard["id"],
        )

    def unit_path(self, workplace_id: int) -> str:
        if workplace_id not in self._paths:
            names: list[str] = []
            unit_id: int | None = self.workplaces[workplace_id]["unit_id"]
            while unit_id is not None:
                names.append(self.units[unit_id]["name"])
                unit_id = self.units[unit_id]["parent_id"]
            self._paths[workplace_id] = " › ".join(reversed(names))
        return self._paths[workplace_id]

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


Bands = dict[str | None, tuple[str, str | None]]  # band key → (name, colour) for printing


def _bands(matrix: Matrix, lang: str) -> Bands:
    """Each band's printed name and colour, looked up once rather than twice per hazard."""
    bands: Bands = {}
    for band in matrix.bands:
        bands.setdefault(band.key, (pick(band.name, lang), band.colour))
    return bands


def _risk(hazard: dict[str, Any], stage: str, bands: Bands) -> Risk:
    band_key = hazard[f"{stage}_override_band"] or hazard[f"{stage}_band"]
    name, colour = bands.get(band_key, ("", None))
    return Risk(
        hazard[f"{stage}_likelihood"],
        hazard[f"{stage}_severity"],
        hazard[f"{stage}_score"],
        band_key,
        name,
        colour,
    )


@lru_cache(maxsize=64)  # a handful of values, looked up for every measure of a register
def _status(value: str, lang: str) -> tuple[str, str, bool]:
    status = MeasureStatus(value)
    return status.label(lang), status.value, not status.is_open


@lru_cache(maxsize=64)
def _level_label(value: str, lang: str) -> str:
    return ControlLevel(value).label(lang)


def _control(measure: dict[str, Any], lang: str) -> Control:
    status, status_key, done = _status(measure["status"], lang)
    return Control(
        level=_level_label(measure["level"], lang),
        text=measure["description"],
        responsible=measure["responsible"],
        due=measure["due_text"] or format_date(measure["due_date"], lang),
        due_date=measure["due_date"],
        status=status,
        status_key=status_key,
        funding=measure["funding_source"],
        completion_form=measure["completion_form"],
        done=done,
    )


def _row(
    number: int, hazard: dict[str, Any], bands: Bands, lang: str, places: _Places
) -> RegisterRow:
    additional = tuple(_control(m, lang) for m in hazard["measures"] if m["kind"] == "additional")
    return RegisterRow(
        number=number,
        uuid=str(hazard["uuid"]),
        site=places.site(hazard["workplace_id"])["name"],
        workplace=places.workplaces[hazard["workplace_id"]]["name"],
        workplace_uuid=str(places.workplaces[hazard["workplace_id"]]["uuid"]),
        unit_path=places.unit_path(hazard["workplace_id"]),
        category=gost_group_label(hazard["category"], lang),
        hazard=hazard["description"],
        unwanted_event=hazard["unwanted_event"],
        existing_controls=hazard["existing_controls"],
        initial=_risk(hazard, "initial", bands),
        residual=_risk(hazard, "residual", bands),
        additional=additional,
        priority=bool(hazard["priority"]),
    )
