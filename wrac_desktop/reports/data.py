"""The report-data object: everything a report prints, as typed data.

The PDF, XLSX, CSV and JSON writers all take this object, so they never disagree. It is
assembled by ``services.report_data`` (the reports package reads nothing itself: a writer is
handed its data and writes a file).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from itertools import groupby
from typing import Any, NamedTuple

from wrac_desktop.risk.matrix import Matrix


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
    responsible: str  # "position, name" (formatting.executor)
    due: str
    due_date: date | None
    status: str
    status_key: str
    funding: str
    completion_form: str
    done: bool
    cost: Decimal | None = None  # tenge
    completed_on: date | None = None
    uuid: str = ""  # the measure's

    def overdue_on(self, day: date) -> bool:
        """Still open on ``day`` although its deadline has passed."""
        return not self.done and self.due_date is not None and self.due_date < day


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
    causes: str
    people_exposed: str
    consequence: str  # the maximum reasonable consequence
    headcount: int  # workers at the workplace
    initial: Risk
    residual: Risk
    additional: tuple[Control, ...]
    priority: bool


@dataclass(frozen=True)
class TeamLine:
    name: str
    position: str
    role: str  # label in the report's language
    role_key: str = "member"  # vocabulary.TeamRole's value


@dataclass(frozen=True)
class OrganisationInfo:
    """The legal entity as the reports print it."""

    legal_name: str
    bin: str
    region: str = ""
    address: str = ""
    industry: str = ""
    headcount: int = 0  # workers at all of its workplaces
    workplaces: int = 0  # all of its workplaces, assessed or not
    oked: str = ""  # activity code (ОКЭД / ЭҚЖЖ)
    kato: str = ""  # region code
    commission_order: str = ""  # number of the order that set up the commission
    commission_order_on: date | None = None


@dataclass(frozen=True)
class AssessmentInfo:
    """The assessment (one revision) as the reports print it; dates stay dates, each writer
    formats them in its own language and form."""

    title: str
    scope: str = ""
    document_number: str = ""
    revision: int = 1
    status: str = "draft"
    approved_by: str = ""
    approver_position: str = ""
    assessed_on: date | None = None
    approved_on: date | None = None
    next_review_on: date | None = None

    @property
    def is_draft(self) -> bool:
        return self.status == "draft"


class PlanLine(NamedTuple):
    """One printed line of the elimination plan: a site › division heading (``workplace`` "",
    ``row`` and ``control`` None), a workplace heading (``row`` and ``control`` None), or one
    additional measure of one hazard."""

    unit: str  # "site › division" the workplace is under
    workplace: str
    row: RegisterRow | None
    control: Control | None


class PlanGroup(NamedTuple):
    """The hazards of one workplace that have additional measures, highest risk first."""

    unit: str
    workplace: str
    rows: list[RegisterRow]


@dataclass(frozen=True)
class Photo:
    """An attached photo as printed: upright, scaled for the page (JPEG or PNG bytes)."""

    caption: str
    data: bytes


@dataclass(frozen=True)
class PhotoGroup:
    """A hazard's photos (its own and its measures' progress), under its register number."""

    number: int
    workplace: str
    hazard: str
    photos: list[Photo]


class RowStream(Collection[RegisterRow]):
    """A report's rows, made anew each time they are iterated (``make``: read from the
    register a piece at a time), never all held: at 100,000 hazards the list of them was
    most of a report's memory (issue 22). ``count`` is known before they are read."""

    def __init__(self, make: Callable[[], Iterator[RegisterRow]], count: int) -> None:
        self._make, self._count = make, count

    def __iter__(self) -> Iterator[RegisterRow]:
        return self._make()

    def __len__(self) -> int:
        return self._count

    def __contains__(self, row: object) -> bool:
        return any(each == row for each in self)


@dataclass
class ReportData:
    lang: str
    organisation: OrganisationInfo
    assessment: AssessmentInfo
    matrix: Matrix
    rows: Collection[RegisterRow]  # a list, or a RowStream read as it is iterated
    team: list[TeamLine]
    fingerprint: str
    scope_name: str
    generated_on: date = field(default_factory=date.today)
    # By language asked for: distinct texts printed in another language for want of a
    # translation (the note at the end of a document: "14 texts have no Kazakh version").
    # Read after the rows are printed: a streamed report counts them as it prints them.
    untranslated: Mapping[str, int] = field(default_factory=dict)
    photos: list[PhotoGroup] = field(default_factory=list)  # the appendix (--with-photos)
    # The roadmap's indicators of the export's year (services.events.period_indicators): the
    # inspectorate summary prints them (issue 18 item 5); None where a report has no use.
    indicators: dict[str, Any] | None = None
    # The rows with additional measures in the plan's order (``plan_groups``), read as they
    # are iterated (a RowStream); None: the plan is sorted from ``rows`` in memory.
    plan_rows: Collection[RegisterRow] | None = None

    def plan_groups(self) -> list[PlanGroup]:
        """Rows with additional controls by workplace: site › division in the register's order
        (an inspector looks a workplace up where the register has it), within each the
        workplace at the highest risk first, and its hazards highest risk first."""
        return list(self._plan_groups())

    def _plan_groups(self) -> Iterator[PlanGroup]:
        """``plan_groups`` one at a time: from ``plan_rows`` a workplace's rows at a time (at
        100,000 hazards the plan is never held whole, issue 22), else sorted in memory."""
        if self.plan_rows is not None:
            for _key, group in groupby(self.plan_rows, key=_plan_workplace):
                rows = list(group)
                yield PlanGroup(rows[0].unit_path, rows[0].workplace, rows)
            return
        units: dict[str, dict[str, list[RegisterRow]]] = {}
        for row in self.rows:
            if row.additional:
                workplaces = units.setdefault(row.unit_path, {})
                workplaces.setdefault(row.workplace_uuid, []).append(row)
        for unit, workplaces in units.items():
            ordered = sorted(workplaces.values(), key=lambda rows: -max(map(rank, rows)))
            for held in ordered:
                yield PlanGroup(unit, held[0].workplace, sorted(held, key=lambda r: -rank(r)))

    def plan_lines(self) -> list[PlanLine]:
        """The plan as printed: a line per site › division and per workplace under it, then a
        line per additional measure."""
        return list(self.plan_stream())

    def plan_stream(self) -> Iterator[PlanLine]:
        """``plan_lines`` made as they are read: what the long reports write."""
        unit = None
        for group in self._plan_groups():
            if group.unit != unit:
                unit = group.unit
                yield PlanLine(unit, "", None, None)
            yield PlanLine(unit, group.workplace, None, None)
            for row in group.rows:
                yield from (PlanLine(unit, group.workplace, row, c) for c in row.additional)


def _plan_workplace(row: RegisterRow) -> tuple[str, str]:
    return row.unit_path, row.workplace_uuid


def rank(row: RegisterRow) -> float:
    """How a row sorts in the plan: its initial score, else its residual one."""
    risk = row.initial if row.initial.score is not None else row.residual
    return risk.score or 0.0
