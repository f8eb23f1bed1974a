"""A CSV (or tab-separated "Unicode text") worksheet as rows of cells.

Encodings: UTF-8 with or without BOM, UTF-16 with its BOM (Excel's "Unicode text"), else
Windows-1251. The separator is the one of ``,`` ``;`` tab that splits the first lines most
consistently. A cell longer than Python's CSV field limit (131,072 characters) or a quote that
is never closed is refused naming its row and column; quotes used loosely inside a cell
(``Pipe 2" wide``) are read as Excel reads them.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from statistics import median
from typing import Any

from wrac_desktop.i18n import _
from wrac_desktop.importing.file_errors import ImportFileError
from wrac_desktop.importing.xlsx_flags import column_letter

MAX_CSV_BYTES = 200 * 1024 * 1024  # as much text as an .xlsx may inflate to
FIELD_LIMIT = csv.field_size_limit()  # 131,072 characters
_SEPARATORS = (",", ";", "\t")
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


class CsvError(ImportFileError):
    """The text cannot be read as CSV; the message names the file, row and column."""


def csv_rows(path: Path, max_columns: int) -> Iterator[tuple[Any, ...]]:
    """The rows of a CSV file, each cut to ``max_columns`` cells, empty cells as None."""
    text = _decoded(path)
    if "\x00" in text:
        raise CsvError(_not_a_spreadsheet(path))
    separator = _separator(text)
    try:
        rows = list(_parsed(text, separator, strict=True))
    except csv.Error as error:
        if _fault(text, separator) is not None or "field larger" in str(error):
            raise _refused(path, text, separator) from error
        rows = _loose(path, text, separator)  # quotes used loosely: read as Excel does
    for row in rows:
        yield tuple(cell if cell != "" else None for cell in row[:max_columns])


def _parsed(text: str, separator: str, *, strict: bool) -> Iterator[list[str]]:
    return csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=strict)


def _loose(path: Path, text: str, separator: str) -> list[list[str]]:
    try:
        return list(_parsed(text, separator, strict=False))
    except csv.Error as error:
        raise _refused(path, text, separator) from error


def _refused(path: Path, text: str, separator: str) -> CsvError:
    fault = _fault(text, separator)
    if fault is None:
        return CsvError(_not_a_spreadsheet(path))
    row, column, unterminated = fault
    where = {"path": path, "row": row, "column": column_letter(column)}
    if unterminated:
        return CsvError(
            _(
                "{path}, row {row}, column {column}: a quote opens here and is never closed; "
                "close it (or remove it) and import again"
            ).format(**where)
        )
    return CsvError(
        _("{path}, row {row}, column {column}: the cell is longer than {most:,} characters").format(
            **where, most=FIELD_LIMIT
        )
    )


def _fault(text: str, separator: str) -> tuple[int, int, bool] | None:
    """(row from 1, column from 0, unterminated?) of the first over-long or unclosed cell.

    Walks the text cell by cell with ``str.find``, so a long cell costs one search, not a
    Python step per character."""
    position, row, column = 0, 1, 0
    while position < len(text):
        start = position
        if text[position] == '"':
            closing = _closing_quote(text, position + 1)
            if closing < 0:
                return row, column, True
            position = closing + 1
        end = _field_end(text, position, separator)
        if end - start > FIELD_LIMIT:
            return row, column, False
        if end >= len(text):
            return None
        row, column = (row, column + 1) if text[end] == separator else (row + 1, 0)
        position = end + (2 if text.startswith("\r\n", end) else 1)
    return None


def _closing_quote(text: str, position: int) -> int:
    while True:
        found = text.find('"', position)
        if found < 0 or not text.startswith('""', found):
            return found
        position = found + 2


def _field_end(text: str, position: int, separator: str) -> int:
    ends = (text.find(mark, position) for mark in (separator, "\n", "\r"))
    return min((end for end in ends if end >= 0), default=len(text))


def _decoded(path: Path) -> str:
    size = path.stat().st_size
    if size > MAX_CSV_BYTES:
        raise CsvError(
            _("{path} is {size:,} MB; at most {most:,} MB of text are read").format(
                path=path, size=size // 2**20, most=MAX_CSV_BYTES // 2**20
            )
        )
    data = path.read_bytes()
    try:
        if data.startswith(_UTF16_BOMS):
            return data.decode("utf-16")
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Windows-1251 maps all but one byte: a binary file still decodes, and the NUL test
        # in csv_rows then turns it away.
        try:
            return data.decode("cp1251")
        except UnicodeDecodeError as error:
            raise CsvError(_not_a_spreadsheet(path)) from error


def _not_a_spreadsheet(path: Path) -> str:
    return _("{path} is not a spreadsheet (neither .xlsx nor CSV text)").format(path=path)


def _separator(text: str) -> str:
    """The separator whose split of the first lines has the most, and most even, columns."""
    sample = text[:65536].splitlines()[:40]
    best, best_score = ",", (0.0, 0.0)
    for separator in _SEPARATORS:
        try:
            counts = [len(row) for row in csv.reader(sample, delimiter=separator) if row]
        except csv.Error:
            continue
        if not counts:
            continue
        score = (median(counts), -float(max(counts) - min(counts)))
        if score > best_score:
            best, best_score = separator, score
    return best
