"""Assembles the typed report data (``reports.data.ReportData``) from a register.

Reading is the service's job and writing the reports package's: a writer is handed this data
and never opens a session, so the two packages depend one way only (services → reports).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from sqlalchemy.orm import Session

from wrac_desktop.domain.due_wording import due_in_language
from wrac_desktop.domain.progress import MeasureState, current_state
from wrac_desktop.domain.records import HazardRecord, MeasureRecord, UnitRecord, WorkplaceRecord
from wrac_desktop.errors import UnreadableValue, UserError
from wrac_desktop.formatting import executor, format_date
from wrac_desktop.hazards.model import gost_group_label
from wrac_desktop.i18n import SECOND, _, both, part, pick
from wrac_desktop.persistence import report_queries
from wrac_desktop.persistence.models import Assessment, Organisation
from wrac_desktop.persistence.progress_queries import EventRow
from wrac_desktop.reports.data import (
    AssessmentInfo,
    Control,
    OrganisationInfo,
    RegisterRow,
    ReportData,
    Risk,
    RowStream,
    TeamLine,
    rank,
)
from wrac_desktop.risk.matrix import Matrix
from wrac_desktop.services import assessments, attachments, organisation
from wrac_desktop.services import progress_states as progress
from wrac_desktop.services.fingerprints import fingerprint
from wrac_desktop.services.matrices import matrix_of
from wrac_desktop.services.translations import Printer, printer
from wrac_desktop.vocabulary import (
    CompletionForm,
    ControlLevel,
    FundingSource,
    MeasureStatus,
    TeamRole,
    fixed_wording,
)


def build_report_data(
    session: Session,
    lang: str,
    *,
    assessment_id: int | None = None,
    unit_id: int | None = None,
    with_fingerprint: bool = True,
    as_of: date | None = None,
    with_photos: bool = False,
) -> ReportData:
    """Read one assessment (the current one by default), optionally one site, for printing
    in ``lang`` ("kk"; "kk+ru" for a bilingual document: every text in both).

    The fingerprint costs about 40 % of the read; outputs that do not print it skip it.
    ``with_photos`` adds the photos attached to the printed hazards (the register's appendix).
    Measures are shown in their state on ``as_of`` (default today): the stored one with the
    progress log's steps up to that day applied (``services.progress``); the fingerprint
    covers the stored one only, as approved.
    """
    as_of = as_of or date.today()
    assessment = (
        session.get(Assessment, assessment_id)
        if assessment_id is not None
        else assessments.current_assessment(session)
    )
    org = organisation.the_organisation(session)
    if assessment is None or org is None:
        raise UserError(_("the register holds no assessment to report on"))
    matrix = matrix_of(assessment.matrix)
    texts = printer(session, assessment.id, lang)
    places = _Places(report_queries.workplaces(session), report_queries.units(session), texts)
    printed = _PrintedRows(
        session, assessment.id, places, _bands(matrix, lang), lang, _logged(session, as_of)
    )
    rows = printed.stream(unit_id)
    return ReportData(
        plan_rows=printed.plan_stream(unit_id),
        lang=lang,
        organisation=_organisation_info(org, places, texts),
        assessment=assessment_info(assessment, texts),
        matrix=matrix,
        rows=rows,
        team=[
            TeamLine(m.name, texts(m.position), TeamRole(m.role).label(lang), m.role)
            for m in assessment.team
        ],
        # streamed in UUID order on its own: the rows are printed in another
        fingerprint=fingerprint(session, assessment, None, places.workplaces)
        if with_fingerprint
        else "",
        scope_name=texts(places.units[unit_id].name) if unit_id is not None else "",
        generated_on=as_of,
        untranslated=_Untranslated(texts),
        photos=attachments.report_photos(session, rows, as_of) if with_photos else [],
    )


CHUNK = 2_000  # hazards read, with their measures, at a time as a report is written


class _PrintedRows:
    """A revision's register rows in printed order, read a few workplaces at a time each time
    they are iterated: no list of every hazard and row (at 100,000 hazards they were most of
    a report's 1.5 GB, issue 22). The workplaces are put in printed order first (a few
    thousand), then each piece's hazards are read with their measures and sorted."""

    def __init__(
        self,
        session: Session,
        assessment_id: int,
        places: _Places,
        bands: Bands,
        lang: str,
        logged: dict[str, list[EventRow]],
    ) -> None:
        self.session, self.assessment_id, self.places = session, assessment_id, places
        self.bands, self.lang, self.logged = bands, lang, logged
        self.counts = report_queries.hazard_counts(session, assessment_id)

    def _shown(self, unit_id: int | None) -> list[int]:
        """The workplaces printed (under ``unit_id``), in the register's order."""
        places = self.places
        shown = [w for w in self.counts if unit_id is None or places.under(w, unit_id)]
        return sorted(shown, key=places.workplace_order)

    def stream(self, unit_id: int | None) -> RowStream:
        shown = self._shown(unit_id)
        return RowStream(lambda: self._rows(shown), sum(self.counts[w] for w in shown))

    def _rows(self, workplace_ids: list[int]) -> Iterator[RegisterRow]:
        number = 0
        for piece in self._pieces(workplace_ids):
            hazards = report_queries.hazards_at(self.session, self.assessment_id, piece)
            for hazard in sorted(hazards, key=self.places.order):
                number += 1
                yield _row(number, hazard, self.bands, self.lang, self.places, self.logged)

    def plan_stream(self, unit_id: int | None) -> RowStream:
        """The rows with additional measures in the plan's order (``ReportData.plan_groups``):
        the workplaces ordered first from each one's highest risk, read in SQL, then read in
        that order a few at a time, each one's hazards highest risk first."""
        shown = self._shown(unit_id)
        ranks = report_queries.plan_ranks(self.session, self.assessment_id)
        units: dict[str, list[int]] = {}  # by site › division, in the register's order
        numbers: dict[int, int] = {}  # a workplace's first register number less one
        printed = 0
        for workplace_id in shown:
            numbers[workplace_id], printed = printed, printed + self.counts[workplace_id]
            if workplace_id in ranks:
                units.setdefault(self.places.unit_path(workplace_id), []).append(workplace_id)
        ordered = [w for ids in units.values() for w in sorted(ids, key=lambda w: -ranks[w][0])]
        count = sum(ranks[w][1] for w in ordered)
        return RowStream(lambda: self._plan_rows(ordered, numbers), count)

    def _plan_rows(self, ordered: list[int], numbers: dict[int, int]) -> Iterator[RegisterRow]:
        for piece in self._pieces(ordered):
            hazards = report_queries.hazards_at(self.session, self.assessment_id, piece)
            at: dict[int, list[HazardRecord]] = {w: [] for w in piece}
            for hazard in sorted(hazards, key=self.places.order):
                at[hazard.workplace_id].append(hazard)
            for workplace_id in piece:
                first = numbers[workplace_id]
                rows = [
                    _row(first + n, hazard, self.bands, self.lang, self.places, self.logged)
                    for n, hazard in enumerate(at[workplace_id], 1)
                    if any(m.kind == "additional" for m in hazard.measures)
                ]
                yield from sorted(rows, key=lambda row: -rank(row))

    def _pieces(self, workplace_ids: list[int]) -> Iterator[list[int]]:
        piece: list[int] = []
        held = 0
        for workplace_id in workplace_ids:
            piece.append(workplace_id)
            held += self.counts[workplace_id]
            if held >= CHUNK:
                yield piece
                piece, held = [], 0
        if piece:
            yield piece


class _Untranslated(Mapping[str, int]):
    """How many distinct texts were printed in another language, by language asked for, as
    the printer has counted when read: rows are printed as a report is written, so a document
    reads this after its rows (its note at the end)."""

    def __init__(self, texts: Printer) -> None:
        self._texts = texts

    def __getitem__(self, lang: str) -> int:
        return self._texts.untranslated()[lang]

    def __iter__(self) -> Iterator[str]:
        return iter(self._texts.untranslated())

    def __len__(self) -> int:
        return len(self._texts.untranslated())


def _logged(session: Session, as_of: date) -> dict[str, list[EventRow]]:
    """The progress log's steps up to ``as_of``, by the measure's UUID as text."""
    return {str(key): steps for key, steps in progress.logged_steps(session, as_of).items()}


def _organisation_info(org: Organisation, places: _Places, texts: Printer) -> OrganisationInfo:
    return OrganisationInfo(
        legal_name=texts(org.legal_name),
        bin=org.bin,
        region=texts(org.region),
        address=texts(org.address),
        industry=texts(org.industry),
        headcount=sum(_headcount(w) for w in places.workplaces.values()),
        workplaces=len(places.workplaces),
        oked=org.oked,
        kato=org.kato,
        commission_order=org.commission_order,
        commission_order_on=org.commission_order_on,
    )


def _headcount(workplace: WorkplaceRecord) -> int:
    """A workplace's headcount as a number; one stored as something else is damage."""
    try:
        return int(workplace.headcount or 0)
    except (TypeError, ValueError) as error:
        raise UnreadableValue(
            f"table workplace, row {workplace.id}, column headcount: the stored value "
            f"{workplace.headcount!r} cannot be read ({type(error).__name__})"
        ) from error


def assessment_info(assessment: Assessment, texts: Printer | None = None) -> AssessmentInfo:
    """The fields of an assessment that documents print (``texts``: in a document's language,
    else as stored)."""
    return AssessmentInfo(
        title=texts(assessment.title) if texts else assessment.title,
        scope=texts(assessment.scope) if texts else assessment.scope,
        document_number=assessment.document_number,
        revision=assessment.revision,
        status=assessment.status,
        approved_by=assessment.approved_by,
        approver_position=assessment.approver_position,
        assessed_on=assessment.assessed_on,
        approved_on=assessment.approved_on,
        next_review_on=assessment.next_review_on,
    )


@dataclass
class _Places:
    """Workplaces and units by id, to place a hazard in the tree without more queries."""

    workplaces: dict[int, WorkplaceRecord]
    units: dict[int, UnitRecord]
    texts: Printer
    _sites: dict[int, UnitRecord] = field(default_factory=dict)  # by workplace id
    _paths: dict[int, str] = field(default_factory=dict)  # by workplace id
    _unit_orders: dict[int, tuple[tuple[int, int], ...]] = field(default_factory=dict)

    def site(self, workplace_id: int) -> UnitRecord:
        site = self._sites.get(workplace_id)
        if site is None:
            site = self.units[self.workplaces[workplace_id].unit_id]
            while site.parent_id is not None:
                site = self.units[site.parent_id]
            self._sites[workplace_id] = site
        return site

    def workplace_order(self, workplace_id: int) -> tuple[Any, ...]:
        """A workplace's place in print: ``order`` of its hazards, up to the workplace."""
        workplace = self.workplaces[workplace_id]
        return (self.unit_order(workplace.unit_id), workplace.sort_order, workplace_id)

    def order(self, hazard: HazardRecord) -> tuple[Any, ...]:
        """Site by site, each division's workplaces together (under the division's heading),
        workplace by workplace, then the hazards' own order."""
        workplace_id = hazard.workplace_id
        workplace = self.workplaces[workplace_id]
        return (
            self.unit_order(workplace.unit_id),
            workplace.sort_order,
            workplace_id,
            hazard.sort_order,
            hazard.id,
        )

    def unit_order(self, unit_id: int) -> tuple[tuple[int, int], ...]:
        """(sort order, id) of each unit from the site down to ``unit_id``."""
        key = self._unit_orders.get(unit_id)
        if key is None:
            unit = self.units[unit_id]
            parent = unit.parent_id
            above = self.unit_order(parent) if parent is not None else ()
            key = self._unit_orders[unit_id] = (*above, (unit.sort_order, unit_id))
        return key

    def unit_path(self, workplace_id: int) -> str:
        if workplace_id not in self._paths:
            names: list[str] = []
            unit_id: int | None = self.workplaces[workplace_id].unit_id
            while unit_id is not None:
                names.append(self.units[unit_id].name)
                unit_id = self.units[unit_id].parent_id
            self._paths[workplace_id] = self.texts.joined(reversed(names), " › ")
        return self._paths[workplace_id]

    def under(self, workplace_id: int, wanted: int) -> bool:
        unit_id: int | None = self.workplaces[workplace_id].unit_id
        while unit_id is not None:
            if unit_id == wanted:
                return True
            unit_id = self.units[unit_id].parent_id
        return False


Bands = dict[str | None, tuple[str, str | None]]  # band key → (name, colour) for printing


def _bands(matrix: Matrix, lang: str) -> Bands:
    """Each band's printed name and colour, looked up once rather than twice per hazard."""
    bands: Bands = {}
    for band in matrix.bands:
        bands.setdefault(band.key, (pick(band.name, lang), band.colour))
    return bands


def _initial(hazard: HazardRecord, bands: Bands) -> Risk:
    band_key = hazard.initial_override_band or hazard.initial_band
    name, colour = bands.get(band_key, ("", None))
    score = hazard.initial_score
    return Risk(hazard.initial_likelihood, hazard.initial_severity, score, band_key, name, colour)


def _residual(hazard: HazardRecord, bands: Bands) -> Risk:
    band_key = hazard.residual_override_band or hazard.residual_band
    name, colour = bands.get(band_key, ("", None))
    score = hazard.residual_score
    return Risk(hazard.residual_likelihood, hazard.residual_severity, score, band_key, name, colour)


@lru_cache(maxsize=64)  # a handful of values, looked up for every measure of a register
def _status(value: str, lang: str) -> tuple[str, str, bool]:
    status = MeasureStatus(value)
    return status.label(lang), status.value, not status.is_open


@lru_cache(maxsize=64)
def _level_label(value: str, lang: str) -> str:
    return ControlLevel(value).label(lang)


def _executor(texts: Printer, position: str, name: str) -> str:
    """ "Должность, Ф.И.О." as the document prints it: in a bilingual one the name follows the
    position in each language, not only the second language's (issue 16 item 4)."""
    printed = texts(position)
    if SECOND not in printed:
        return executor(printed, name)
    return both(executor(part(printed, 0), name), executor(part(printed, 1), name))


def _state(measure: MeasureRecord, steps: list[EventRow] | None) -> MeasureState | None:
    """A measure's state after its logged steps; None when it has none (as stored)."""
    if not steps:
        return None
    stored = MeasureState(measure.status, measure.completed_on, measure.due_date)
    return current_state(stored, steps)


def _control(
    measure: MeasureRecord, lang: str, texts: Printer, state: MeasureState | None = None
) -> Control:
    if state is None:
        state = MeasureState(measure.status, measure.completed_on, measure.due_date)
    status, status_key, done = _status(state.status, lang)
    due = due_in_language(measure.due_text, lang) or format_date(measure.due_date, lang)
    if state.deadline != measure.due_date and state.deadline is not None:
        due = (
            f"{format_date(state.deadline, lang)} ({due})"
            if due
            else format_date(state.deadline, lang)
        )
    return Control(
        level=_level_label(measure.level, lang),
        text=texts(measure.description),
        responsible=_executor(texts, measure.responsible, measure.responsible_name),
        due=due,
        due_date=state.deadline,
        status=status,
        status_key=status_key,
        funding=_wording(FundingSource, measure.funding_source, lang, texts),
        completion_form=_wording(CompletionForm, measure.completion_form, lang, texts),
        done=done,
        cost=measure.cost,
        completed_on=state.completed_on,
        uuid=str(measure.uuid),
    )


def _wording(
    enum: type[FundingSource] | type[CompletionForm], text: str, lang: str, texts: Printer
) -> str:
    """A funding source or form of completion: the program's wording of a known one, else
    the officer's text in the document's language."""
    worded = fixed_wording(enum, text, lang)
    return texts(text) if worded == text else worded


def _row(
    number: int,
    hazard: HazardRecord,
    bands: Bands,
    lang: str,
    places: _Places,
    logged: dict[str, list[EventRow]],
) -> RegisterRow:
    texts = places.texts
    additional = tuple(
        _control(m, lang, texts, _state(m, logged.get(m.uuid)))
        for m in hazard.measures
        if m.kind == "additional"
    )
    workplace_id = hazard.workplace_id
    return RegisterRow(
        number=number,
        uuid=str(hazard.uuid),
        site=texts(places.site(workplace_id).name),
        workplace=texts(places.workplaces[workplace_id].name),
        workplace_uuid=str(places.workplaces[workplace_id].uuid),
        unit_path=places.unit_path(workplace_id),
        category=gost_group_label(hazard.category, lang),
        hazard=texts(hazard.description),
        unwanted_event=texts(hazard.unwanted_event),
        existing_controls=texts(hazard.existing_controls),
        causes=texts(hazard.causes),
        people_exposed=texts(hazard.people_exposed),
        consequence=texts(hazard.consequence),
        headcount=_headcount(places.workplaces[workplace_id]),
        initial=_initial(hazard, bands),
        residual=_residual(hazard, bands),
        additional=additional,
        priority=bool(hazard.priority),
    )
