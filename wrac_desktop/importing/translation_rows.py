"""Reading a translator's sheet back (``wrac translations --import``, issue 16 item 6): its
rows as typed values, every cell checked, before the register is looked at.

The sheet comes from outside, so nothing in it is trusted: the workbook goes through the same
hostile-file checks as a worksheet import (``reading``), columns are found by their titles in
any language, and a cell that cannot be a translation (a date, a number Excel made of a text,
an error value, a text over Excel's limit) refuses the whole file with a message naming the
file, sheet, row and column. Which rows name real texts is the service's question.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wrac_desktop.i18n import _
from wrac_desktop.importing.file_errors import ImportFileError
from wrac_desktop.importing.reading import Sheet, read_sheet, sheet_names
from wrac_desktop.importing.values import (
    MAX_CELL_CHARS,
    is_error_value,
    without_controls,
    without_direction_overrides,
)
from wrac_desktop.importing.xlsx_flags import column_letter
from wrac_desktop.languages import TEXT_LANGUAGES
from wrac_desktop.text import fold

HEADER_ROWS = 10  # the header is looked for in the first rows: a translator may add a title
KEY = "id"
CHECK = "check"


@dataclass(frozen=True)
class ReadText:
    """One filled row of the sheet: its key and what its language cells say."""

    row: int  # the sheet's own row number
    key: uuid.UUID
    values: Mapping[str, str]  # language → the cell's text ("" for an empty cell)
    check: frozenset[str] | None  # languages marked as needing a check; None: no such column


@dataclass
class ReadSheet:
    """The sheet's filled rows, its name, and what was cleaned on the way (for the summary)."""

    path: Path
    name: str
    texts: list[ReadText]
    columns: dict[str, int] = field(default_factory=dict)  # key ("id", "kk") → column index
    warnings: list[str] = field(default_factory=list)

    def place(self, row: int, column: str | None = None) -> str:
        """ "file, sheet “…”, row 5, column E" for a message."""
        where = _("{path}, sheet “{sheet}”, row {row}").format(
            path=self.path, sheet=self.name, row=row
        )
        if column is None:
            return where
        return _("{where}, column {column}").format(where=where, column=column)

    def column(self, key: str) -> str:
        """The letter and key of a known column: "E (ru)"."""
        return f"{column_letter(self.columns[key])} ({key})"


def read_translations(
    path: Path, sheet_titles: set[str], titles: Mapping[str, set[str]]
) -> ReadSheet:
    """Read the sheet named by one of ``sheet_titles`` (else the first) of ``path``; ``titles``
    gives the header texts each column (``id``, ``kk``, ``ru``, ``en``, ``check``, …) may have."""
    sheet = _sheet(path, {fold(title) for title in sheet_titles})
    header_row, columns = _header(sheet, path, titles)
    read = ReadSheet(path, sheet.name, [], columns)
    seen: dict[uuid.UUID, int] = {}
    for index in range(header_row, len(sheet.rows)):
        _refuse_flagged(read, sheet, index + 1)
        text = _row(read, sheet.rows[index], index + 1, columns)
        if text is None:
            continue
        if text.key in seen:
            raise ImportFileError(
                _("{where}: the same text ID as row {first}; each text is one row").format(
                    where=read.place(text.row, column_letter(columns[KEY])), first=seen[text.key]
                )
            )
        seen[text.key] = text.row
        read.texts.append(text)
    return read


def _refuse_flagged(read: ReadSheet, sheet: Sheet, number: int) -> None:
    """An error value or a formula with no saved result in a column read back: the reader sees
    it as empty, which would silently keep the register's text."""
    for column in read.columns.values():
        flag = sheet.flags.get((number, column))
        if flag is not None:
            raise ImportFileError(
                _("{where}: {problem}").format(
                    where=read.place(number, column_letter(column)), problem=flag
                )
            )


def _sheet(path: Path, wanted: set[str]) -> Sheet:
    names = sheet_names(path)
    chosen = next((name for name in names if fold(name.strip()) in wanted), None)
    return read_sheet(path, chosen)


def _header(sheet: Sheet, path: Path, titles: Mapping[str, set[str]]) -> tuple[int, dict[str, int]]:
    """The header's row count and each known column's index; at least an ID and a language."""
    folded = {key: {fold(title.strip()) for title in names} for key, names in titles.items()}
    for index, row in enumerate(sheet.rows[:HEADER_ROWS]):
        columns: dict[str, int] = {}
        for column, cell in enumerate(row):
            key = next(
                (k for k, names in folded.items() if fold(str(cell or "").strip()) in names), None
            )
            if key is not None and key not in columns:
                columns[key] = column
        if KEY in columns and any(lang in columns for lang in TEXT_LANGUAGES):
            return index + 1, columns
    expected = " | ".join(sorted(titles[KEY])) if KEY in titles else KEY
    raise ImportFileError(
        _(
            "{path}, sheet “{sheet}”: no header with a text ID column ({expected}) and a "
            "language column in the first {rows} rows; import a file written by "
            "“wrac translations --export”"
        ).format(path=path, sheet=sheet.name, expected=expected, rows=HEADER_ROWS)
    )


def _row(
    read: ReadSheet, cells: tuple[Any, ...], number: int, columns: dict[str, int]
) -> ReadText | None:
    def cell(key: str) -> Any:
        index = columns.get(key)
        return cells[index] if index is not None and index < len(cells) else None

    if all(value is None or str(value).strip() == "" for value in cells):
        return None
    key = _key(read, cell(KEY), number, columns[KEY])
    values = {
        lang: _text(read, cell(lang), number, columns[lang])
        for lang in TEXT_LANGUAGES
        if lang in columns
    }
    check = None
    if CHECK in columns:
        check = _languages(read, cell(CHECK), number, columns[CHECK])
    return ReadText(number, key, values, check)


def _key(read: ReadSheet, value: Any, number: int, column: int) -> uuid.UUID:
    where = read.place(number, column_letter(column))
    if value is None or str(value).strip() == "":
        raise ImportFileError(
            _("{where}: no text ID; keep the ID the export wrote, or delete the whole row").format(
                where=where
            )
        )
    try:
        return uuid.UUID(str(value).strip())
    except ValueError as error:
        raise ImportFileError(
            _("{where}: “{value}” is not a text ID written by the export").format(
                where=where, value=str(value)[:60]
            )
        ) from error


def _text(read: ReadSheet, value: Any, number: int, column: int) -> str:
    where = read.place(number, column_letter(column))
    if value is None:
        return ""
    if not isinstance(value, str):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        raise ImportFileError(
            _("{where}: holds {value}, not a text; type the translation as text").format(
                where=where, value=value
            )
        )
    if is_error_value(value):
        raise ImportFileError(
            _("{where}: holds the error value {value}").format(where=where, value=value.strip())
        )
    if len(value) > MAX_CELL_CHARS:
        raise ImportFileError(
            _("{where}: {count:,} characters; at most {most:,}").format(
                where=where, count=len(value), most=MAX_CELL_CHARS
            )
        )
    text, removed = without_controls(value)
    if removed:
        read.warnings.append(
            _("{where}: {count} control character(s) removed").format(where=where, count=removed)
        )
    text, removed = without_direction_overrides(text)
    if removed:
        read.warnings.append(
            _("{where}: {count} direction-override character(s) removed").format(
                where=where, count=removed
            )
        )
    return text.strip()


def _languages(read: ReadSheet, value: Any, number: int, column: int) -> frozenset[str]:
    words = str(value or "").replace(",", " ").replace(";", " ").split()
    wrong = [word for word in words if word.lower() not in TEXT_LANGUAGES]
    if wrong:
        raise ImportFileError(
            _("{where}: “{value}” is not a list of languages such as “kk ru”").format(
                where=read.place(number, column_letter(column)), value=str(value)[:60]
            )
        )
    return frozenset(word.lower() for word in words)
