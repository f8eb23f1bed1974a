"""What the journals read beside the register share (issue 18): the medical post's first visits
and the accident / near-miss journal. A header is the first of the first rows naming the
columns a journal needs, in en, ru or kk; a day is a date cell, an Excel serial or a text that
names a day ("I кв. 2026" names none)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

from wrac_desktop.i18n import _
from wrac_desktop.importing.columns import normalise
from wrac_desktop.importing.file_errors import ImportFileError
from wrac_desktop.importing.reading import HEADER_SCAN_ROWS, read_sheet
from wrac_desktop.importing.values import as_date
from wrac_desktop.importing.xlsx_flags import column_letter

_DAY_TEXT = re.compile(r"\b\d{1,2}[./-]\d{1,2}[./-]\d{4}\b|\b\d{4}-\d{1,2}-\d{1,2}\b")


def column_names(columns: Mapping[str, tuple[str, ...]]) -> dict[str, str]:
    """{normalised header: field} of a journal's column table."""
    return {normalise(name): key for key, names in columns.items() for name in names}


def recognise_column(header: str, names: Mapping[str, str]) -> str | None:
    """The field a header names: exactly, else by its longest known beginning ("ФИО
    пострадавшего" is the person)."""
    text = normalise(header)
    if text in names:
        return names[text]
    prefixed = [name for name in names if len(name) >= 3 and text.startswith(name + " ")]
    return names[max(prefixed, key=len)] if prefixed else None


def find_header(
    rows: list[tuple[Any, ...]],
    names: Mapping[str, str],
    enough: Callable[[set[str]], bool],
) -> tuple[int, dict[str, int]] | None:
    """(the header's 1-based row, {field: 0-based column}) of the first row whose recognised
    columns are ``enough``; None when the first rows have none."""
    for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        columns: dict[str, int] = {}
        for column, cell in enumerate(row):
            key = recognise_column(str(cell), names) if isinstance(cell, str) else None
            if key is not None and key not in columns:
                columns[key] = column
        if enough(set(columns)):
            return index + 1, columns
    return None


def journal_rows(
    path: Path,
    sheet: str | None,
    names: Mapping[str, str],
    enough: Callable[[set[str]], bool],
    no_header: str,
) -> tuple[str, int, dict[str, int], list[tuple[int, tuple[Any, ...]]]]:
    """(sheet name, header row, {field: column}, [(row number, row)] of the rows with anything
    in them under the header); ImportFileError with ``no_header`` (formatted with the path,
    sheet and rows scanned) when the first rows hold no header that is ``enough``."""
    read = read_sheet(path, sheet)
    found = find_header(read.rows, names, enough)
    if found is None:
        raise ImportFileError(no_header.format(path=path, sheet=read.name, rows=HEADER_SCAN_ROWS))
    header_row, columns = found
    rows = [
        (number, row)
        for number, row in enumerate(read.rows[header_row:], start=header_row + 1)
        if any(cell not in (None, "") for cell in row)
    ]
    return read.name, header_row, columns, rows


def exact_day(value: Any) -> date | None:
    """A date cell, an Excel serial or a text naming a day; None for anything else."""
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


def row_readers(
    path: Path, sheet: str, columns: Mapping[str, int], number: int, row: tuple[Any, ...]
) -> tuple[Callable[[str], Any], Callable[[str], str]]:
    """For one journal row: its cell under a field (None where the file has no such column)
    and where that cell is, for a message."""

    def cell(key: str) -> Any:
        column = columns.get(key)
        return row[column] if column is not None and column < len(row) else None

    def where(key: str) -> str:
        return cell_place(path.name, sheet, number, columns[key])

    return cell, where


def cell_place(file_name: str, sheet: str, row: int, column: int) -> str:
    """ "visits.csv, sheet “visits”, row 7, column B": where a problem is."""
    return _("{path}, sheet “{sheet}”, row {row}, column {column}").format(
        path=file_name, sheet=sheet, row=row, column=column_letter(column)
    )
