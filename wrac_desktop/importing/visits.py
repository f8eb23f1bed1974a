"""Reading a medical post's journal of first visits for the hidden-injury reconciliation.

The same reader as the register's import (size, zip-bomb and grid checks; CSV in any of the
usual encodings), and headers found the same way: the first of the first 30 rows that names a
date column and a person or personnel-number column, in en, ru or kk. A row whose date cannot
be read, or that names nobody, is reported by row and column and left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wrac_desktop.domain.reconciliation import Visit
from wrac_desktop.i18n import _
from wrac_desktop.importing.journal import (
    column_names,
    exact_day,
    journal_rows,
    row_readers,
)
from wrac_desktop.importing.values import as_flag, as_text

VISIT_COLUMNS: dict[str, tuple[str, ...]] = {
    "day": (
        "date", "visit date", "date of visit", "дата", "дата обращения", "дата посещения",
        "дата приема", "дата осмотра", "күні", "күн", "жүгінген күні", "қаралған күні",
        "келген күні",
    ),
    "person": (
        "person", "name", "full name", "employee", "worker", "patient", "фио", "ф и о",
        "фамилия имя отчество", "фамилия и о", "работник", "сотрудник", "пациент", "т а ә",
        "аты жөні", "тегі аты әкесінің аты", "қызметкер", "жұмыскер", "науқас",
    ),
    "personnel_no": (
        "personnel no", "personnel number", "personnel №", "employee no", "employee number",
        "табельный номер", "табельный №", "таб №", "таб номер", "табель нөмірі",
        "табельдік нөмір", "табельдік №",
    ),
    "diagnosis": (
        "diagnosis", "injury", "description", "complaint", "diagnosis or injury", "диагноз",
        "травма", "жалобы", "описание", "характер травмы", "диагноз травма", "жарақат",
        "шағым", "сипаттама", "диагноз жарақат", "диагнозы",
    ),
    "work_related": (
        "work related", "at work", "связь с производством", "производственная",
        "на производстве", "өндіріспен байланысты", "жұмыста",
    ),
}  # fmt: skip
_NAMES = column_names(VISIT_COLUMNS)


@dataclass
class VisitJournal:
    """The visits read, where the header was, and the rows left out (as readable lines)."""

    sheet: str
    header_row: int
    columns: dict[str, int]  # field: 0-based column
    visits: list[Visit] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def read_visits(path: Path, sheet: str | None = None) -> VisitJournal:
    """The journal's visits; ImportFileError when the file cannot be read or has no header."""
    name, header_row, columns, rows = journal_rows(
        path, sheet, _NAMES, _enough,
        _("{path}, sheet “{sheet}”: no header with a date column and a person or personnel "
          "number column in the first {rows} rows"),
    )  # fmt: skip
    journal = VisitJournal(name, header_row, columns)
    for number, row in rows:
        _read_row(journal, number, row, path)
    return journal


def _enough(columns: set[str]) -> bool:
    """A date, and a person or a personnel number."""
    return "day" in columns and bool({"person", "personnel_no"} & columns)


def _read_row(journal: VisitJournal, number: int, row: tuple[Any, ...], path: Path) -> None:
    cell, where = row_readers(path, journal.sheet, journal.columns, number, row)

    day = exact_day(cell("day"))
    if day is None:
        journal.problems.append(
            _("{where}: “{value}” is not a date; the row is left out").format(
                where=where("day"), value=as_text(cell("day"))[0][:60]
            )
        )
        return
    person, number_text = as_text(cell("person"))[0], as_text(cell("personnel_no"))[0]
    if not person and not number_text:
        key = "person" if "person" in journal.columns else "personnel_no"
        journal.problems.append(
            _("{where}: names nobody; the row is left out").format(where=where(key))
        )
        return
    related = cell("work_related")
    journal.visits.append(
        Visit(
            row=number,
            day=day,
            person=person,
            personnel_no=number_text,
            diagnosis=as_text(cell("diagnosis"))[0],
            work_related=None if related in (None, "") else as_flag(related),
        )
    )
