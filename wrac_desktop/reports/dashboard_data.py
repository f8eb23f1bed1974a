"""The dashboard's figures, as ``services.dashboard`` reads them and ``reports.dashboard`` draws
them: apart from the drawing, so the window's dashboard tab and its services load without
ReportLab (issue 22 item 5: the window starts without the PDF libraries).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from wrac_desktop.i18n import NC_, Deferred, translated_in

WORDS: dict[str, Deferred] = {
    "title": NC_("dashboard", "Dashboard"),
    "as_of": NC_("dashboard", "As of {date}; indicators for {year}"),
    "profile": NC_("dashboard", "Risk profile: hazards per class"),
    "before": NC_("dashboard", "before controls"),
    "after": NC_("dashboard", "after controls"),
    "plan": NC_("dashboard", "Plan of measures"),
    "planned": NC_("dashboard", "planned"),
    "in_progress": NC_("dashboard", "in progress"),
    "done": NC_("dashboard", "done"),
    "overdue": NC_("dashboard", "overdue"),
    "events": NC_("dashboard", "Events per month, last 12 months"),
    "no_events": NC_("dashboard", "no events recorded in these months"),
    "indicators": NC_("dashboard", "Indicators"),
    "value": NC_("dashboard", "value"),
    "target": NC_("dashboard", "target"),
    "no_data": NC_("dashboard", "no data"),
    "top": NC_("dashboard", "Workplaces with the most residual risk"),
    "workplace": NC_("dashboard", "Workplace"),
    "not_tolerable": NC_("dashboard", "not tolerable"),
    "hazards": NC_("dashboard", "hazards"),
    "worst": NC_("dashboard", "highest residual"),
    "no_hazards": NC_("dashboard", "no hazards assessed"),
}


@dataclass(frozen=True)
class BandCount:
    key: str
    name: str
    colour: str
    before: int
    after: int


@dataclass(frozen=True)
class Indicator:
    key: str
    label: str
    value: float | None
    target: float | None
    lower_is_better: bool = False

    @property
    def meets_target(self) -> bool | None:
        if self.value is None or self.target is None:
            return None
        return self.value <= self.target if self.lower_is_better else self.value >= self.target


@dataclass(frozen=True)
class WorkplaceRisk:
    name: str
    unit: str
    not_tolerable: int
    hazards: int
    worst: str  # the highest residual class's name
    worst_colour: str


@dataclass(frozen=True)
class Dashboard:
    lang: str
    organisation: str
    as_of: date
    year: int
    bands: tuple[BandCount, ...]
    plan: dict[str, int]  # planned, in_progress, done, overdue
    months: tuple[str, ...]  # "2026-01" … the last 12
    kinds: tuple[tuple[str, str], ...]  # (key, label) of every event kind
    events: dict[str, dict[str, int]]  # month → kind → count
    indicators: tuple[Indicator, ...]
    top: tuple[WorkplaceRisk, ...]

    def word(self, key: str) -> str:
        return translated_in(WORDS[key], self.lang)
