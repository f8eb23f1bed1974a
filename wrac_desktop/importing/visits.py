"""Reading a medical post's journal of first visits for the hidden-injury reconciliation.

The same reader as the register's import (size, zip-bomb and grid checks; CSV in any of the
usual encodings), and headers found the same way: the first of the first 30 rows that names a
date column and a person or personnel-number column, in en, ru or kk. A row whose date cannot
be read, or that names nobody, is reported by row and column and left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from wrac_desktop.domain.reconciliation import Visit
from wrac_desktop.i18n import _
from wrac_desktop.importing.columns import normalise
from wrac_desktop.importing.file_errors import ImportFileError
from wrac_desktop.importing.reading import HEADER_SCAN_ROWS, read_sheet
from wrac_desktop.importing.values import as_date, as_flag, as_text
from wrac_desktop.importing.xlsx_flags import column_letter

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
_DAY_TEXT = re.compile(r"\b\d{1,2}[./-]\d{1,2}[./-]\d{4}\b|\b\d{4}-\d{1,2}-\d{1,2}\b")
_NAMES = {normalise(name): key for key, names in VISIT_COLUMNS.items() for name in names}


@dataclass
class VisitJournal:
    """The visits read, where the header was, and the rows left out (as readable lines)."""

    sheet: str
    header_row: int
    columns: dict[str, int]  # field: 0-based column
    visits: list[Visit] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def recognise_visit_column(header: str) -> str | None:
    text = normalise(header)
    if text in _NAMES:
        return _NAMES[text]
    prefixed = [name for name in _NAMES if len(name) >= 3 and text.startswith(name + " ")]
    return _NAMES[max(prefixed, key=len)] if prefixed else None


def read_visits(path: Path, sheet: str | None = None) -> VisitJournal:
    """The journal's visits; ImportFileError when the file cannot be read or has no header."""
    read = read_sheet(path, sheet)
    found = _find_header(read.rows)
    if found is None:
        raise ImportFileError(
            _(
                "{path}, sheet “{sheet}”: no header with a date column and a person or "
                "personnel number column in the first {rows} rows"
            ).format(path=path, sheet=read.name, rows=HEADER_SCAN_ROWS)
        )
    header_row, columns = found
    journal = VisitJournal(read.name, header_row, columns)
    for number, row in enumerate(read.rows[header_row:], start=header_row + 1):
        if any(cell not in (None, "") for cell in row):
            _read_row(journal, number, row, path)
    return journal


def _find_header(rows: list[tuple[Any, ...]]) -> tuple[int, dict[str, int]] | None:
    for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        columns: dict[str, int] = {}
        for column, cell in enumerate(row):
            key = recognise_visit_column(str(cell)) if isinstance(cell, str) else None
            if key is not None and key not in columns:
                columns[key] = column
        if "day" in columns and ({"person", "personnel_no"} & set(columns)):
            return index + 1, columns
    return None


def _exact_day(value: Any) -> date | None:
    """A date cell, an Excel serial or a text naming a day; "I кв. 2026" is no visit's date."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and not _DAY_TEXT.search(value):
        return None
    try:
        return as_date(value)
    except (ValueError, OverflowError):
        return None


def _read_row(journal: VisitJournal, number: int, row: tuple[Any, ...], path: Path) -> None:
    def cell(key: str) -> Any:
        column = journal.columns.get(key)
        return row[column] if column is not None and column < len(row) else None

    def where(key: str) -> str:
        letter = column_letter(journal.columns[key])
        return _("{path}, sheet “{sheet}”, row {row}, column {column}").format(
            path=path.name, sheet=journal.sheet, row=number, column=letter
        )

    day = _exact_day(cell("day"))
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
