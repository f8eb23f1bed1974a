"""What an import will do: the mapping, the hazards and measures read, every warning.

A plan is built without touching the register (a dry run shows it as it is); applying it
matches each hazard and measure against the register's content first, so the same file
imported twice adds nothing the second time. The sheet streams through in chunks
(``rows.plan_chunks``): the plan keeps counts and warnings, and the hazards of a preview only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from wrac_desktop.i18n import _
from wrac_desktop.importing.headers import Header
from wrac_desktop.text import fold
from wrac_desktop.vocabulary import ControlLevel, MeasureStatus

HAZARD_TEXTS = (
    "category", "unwanted_event", "causes", "people_exposed", "consequence",
    "existing_controls", "notes",
)  # fmt: skip
Rating = tuple[float | None, float | None, float | None]  # likelihood, severity, exposure


@dataclass(frozen=True)
class ImportWarning:
    """Something the user should look at, with where it is (row 1 = the file's first row)."""

    sheet: str
    row: int | None
    column: str | None
    message: str
    skipped: bool = False  # the row was left out because of it

    def __str__(self) -> str:
        where = [self.sheet]
        if self.row is not None:
            where.append(_("row {row}").format(row=self.row))
        if self.column:
            where.append(_("column {column}").format(column=self.column))
        return f"{', '.join(where)}: {self.message}"


@dataclass
class PlannedMeasure:
    row: int
    description: str
    level: ControlLevel
    responsible: str = ""  # the position
    responsible_name: str = ""
    due_text: str = ""
    due_date: date | None = None
    completed_on: date | None = None
    completion_form: str = ""
    funding_source: str = ""
    cost: Decimal | None = None
    status: MeasureStatus | None = None  # None: planned, or done when a completion date is given

    @property
    def key(self) -> str:
        return fold(self.description)


@dataclass
class PlannedHazard:
    row: int
    place: tuple[str, str, str]  # site, division, workplace ("" where the file names none)
    description: str
    texts: dict[str, str] = field(default_factory=dict)
    initial: Rating = (None, None, None)
    residual: Rating = (None, None, None)
    priority: bool = False
    headcount: int | None = None  # of its workplace, when the file gives it
    measures: list[PlannedMeasure] = field(default_factory=list)
    # The hazard of an earlier row, planned in an earlier chunk and written already: this one
    # brings more measures for it, and is neither a new hazard nor one found in the register.
    repeat: bool = False
    # Of a bilingual sheet (the register's own kk+ru export): each text of its rows (its
    # workplace's, its own, its measures') → the same in the sheet's second language.
    second_texts: dict[str, str] = field(default_factory=dict)

    @property
    def key(self) -> tuple[str, str]:
        """Hazard text and unwanted event: with the workplace, what makes a hazard the same."""
        return fold(self.description), fold(self.texts.get("unwanted_event", ""))

    @property
    def place_key(self) -> tuple[str, str, str]:
        return (fold(self.place[0]), fold(self.place[1]), fold(self.place[2]))


@dataclass
class Outcome:
    """What applying the plan adds (a dry run says what it would add)."""

    sites: int = 0
    workplaces: int = 0
    hazards: int = 0
    measures: int = 0
    hazards_present: int = 0
    measures_present: int = 0
    # The new texts' languages (issue 16 item 5), and how many the library filled in all three
    texts_kk: int = 0
    texts_ru: int = 0
    texts_en: int = 0
    texts_from_library: int = 0

    @property
    def adds_nothing(self) -> bool:
        return not (self.sites or self.workplaces or self.hazards or self.measures)


@dataclass
class ImportPlan:
    path: Path
    sheet: str
    header: Header
    rows_read: int = 0
    rows_skipped: int = 0
    hazard_count: int = 0  # every hazard read (the sheet streams: ``hazards`` holds a preview's)
    measure_count: int = 0
    hazards: list[PlannedHazard] = field(default_factory=list)
    warnings: list[ImportWarning] = field(default_factory=list)
    outcome: Outcome = field(default_factory=Outcome)
    text_lang: str | None = None  # the language of the file's texts if the officer named it

    def summary(self) -> dict[str, Any]:
        """The figures the CLI prints and the dialog shows."""
        return {
            "rows_read": self.rows_read,
            "rows_imported": self.rows_read - self.rows_skipped,
            "rows_skipped": self.rows_skipped,
            "warnings": len(self.warnings),
            "new_sites": self.outcome.sites,
            "new_workplaces": self.outcome.workplaces,
            "new_hazards": self.outcome.hazards,
            "new_measures": self.outcome.measures,
            "hazards_already_present": self.outcome.hazards_present,
            "measures_already_present": self.outcome.measures_present,
            "texts_kk": self.outcome.texts_kk,
            "texts_ru": self.outcome.texts_ru,
            "texts_en": self.outcome.texts_en,
            "texts_from_library": self.outcome.texts_from_library,
        }
