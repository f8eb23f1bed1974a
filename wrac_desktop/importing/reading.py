"""Reading a worksheet into rows of plain cell values, whatever the file turns out to be.

The file's content decides how it is read, not its name: an .xlsx is a zip archive, a
password-protected one is an OLE2 container, anything else is tried as CSV (UTF-8 with or
without BOM, UTF-16 with BOM, else Windows-1251: ``csv_text``). An .xlsx is checked for zip
bombs and far-flung cells before the reader sees it (``xlsx_limits``). Every failure is an
``ImportFileError`` naming the file.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from python_calamine import CalamineError, CalamineWorkbook

from wrac_desktop.i18n import _
from wrac_desktop.importing import xlsx_limits
from wrac_desktop.importing.csv_text import csv_rows
from wrac_desktop.importing.file_errors import ImportFileError
from wrac_desktop.importing.xlsx_flags import Flags, flagged_cells, sheet_part

MAX_ROWS = 50_000  # a register's worth (the app is measured on 50,000 hazards)
MAX_COLUMNS = 200
HEADER_SCAN_ROWS = 30
_ZIP_MAGIC = b"PK\x03\x04"
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted xlsx and old .xls alike


@dataclass
class Sheet:
    """One worksheet: its name and rows (row 1 of the file is ``rows[0]``).

    ``flags`` are cells that read as empty but held an error value or an unsaved formula.
    """

    name: str
    rows: list[tuple[Any, ...]]
    flags: Flags = field(default_factory=dict)


def sheet_names(path: Path) -> list[str]:
    """The worksheets of an .xlsx; a CSV file is one sheet named after the file."""
    if _kind(path) == "csv":
        return [path.stem]
    with _open_workbook(path) as workbook:
        return list(workbook.sheet_names)


def read_sheet(path: Path, name: str | None = None, limit: int | None = None) -> Sheet:
    """Read one sheet (the first when ``name`` is None), at most ``limit`` rows if given."""
    if _kind(path) == "csv":
        return Sheet(path.stem, _limited(csv_rows(path, MAX_COLUMNS), path, path.stem, limit))
    with _open_workbook(path) as workbook:
        sheet_name = _pick_sheet(list(workbook.sheet_names), name, path)
        _check_grid(path, sheet_name)
        try:
            worksheet = workbook.get_sheet_by_name(sheet_name)
            rows = _limited(_xlsx_rows(worksheet, limit), path, sheet_name, limit)
            _fill_merged(rows, worksheet.merged_cell_ranges or ())
        except CalamineError as error:
            raise _damaged(path, error) from error
    return Sheet(sheet_name, rows, flagged_cells(path, sheet_name))


def _xlsx_rows(worksheet: Any, limit: int | None) -> Iterator[tuple[Any, ...]]:
    # Without skip_empty_area calamine pads from A1, so row and column numbers in messages
    # are the sheet's own; one row past the limit is enough to tell that a sheet is too long.
    most = limit if limit is not None else MAX_ROWS + HEADER_SCAN_ROWS + 1
    for row in worksheet.to_python(skip_empty_area=False, nrows=most):
        yield tuple(row[:MAX_COLUMNS])


def _fill_merged(rows: list[tuple[Any, ...]], ranges: Iterable[Any]) -> None:
    """A merged cell's value in every cell it covers, as the reader of the printout sees it."""
    for (top, left), (bottom, right) in ranges:
        if top >= len(rows) or left >= len(rows[top]) or right >= MAX_COLUMNS:
            continue
        value = rows[top][left]
        for row_index in range(top, min(bottom, len(rows) - 1) + 1):
            cells = list(rows[row_index]) + [None] * (right + 1 - len(rows[row_index]))
            cells[left : right + 1] = [value] * (right + 1 - left)
            rows[row_index] = tuple(cells)


def _kind(path: Path) -> str:
    if not path.exists():
        raise ImportFileError(_("{path} does not exist").format(path=path))
    if path.is_dir():
        raise ImportFileError(_("{path} is a folder, not a worksheet").format(path=path))
    try:
        with path.open("rb") as stream:
            head = stream.read(8)
    except OSError as error:
        raise ImportFileError(
            _("{path} cannot be read: {reason}").format(path=path, reason=error.strerror)
        ) from error
    if not head:
        raise ImportFileError(_("{path} is empty").format(path=path))
    if head.startswith(_OLE2_MAGIC):
        raise ImportFileError(
            _(
                "{path} is password-protected or an old .xls workbook; save it in Excel "
                "as an unprotected .xlsx and import that"
            ).format(path=path)
        )
    return "xlsx" if head.startswith(_ZIP_MAGIC) else "csv"


def _open_workbook(path: Path) -> Any:
    try:
        xlsx_limits.check_archive(path)
    except xlsx_limits.HostileArchive as error:
        raise ImportFileError(
            _("{path} is refused unread: {reason}").format(path=path, reason=error.message)
        ) from error
    except xlsx_limits.ARCHIVE_ERRORS as error:
        raise _damaged(path, error) from error
    try:
        return CalamineWorkbook.from_path(str(path))
    except (CalamineError, OSError, ValueError) as error:
        raise _damaged(path, error) from error


def _check_grid(path: Path, sheet_name: str) -> None:
    """The sheet's filled cells lie where the reader can hold them (see ``xlsx_limits``)."""
    try:
        with zipfile.ZipFile(path) as archive:
            found = _sheet_part_or_none(archive, sheet_name)
            # Where the workbook's own parts do not say, every XML part is checked.
            parts = [found] if found else [n for n in archive.namelist() if n.endswith(".xml")]
        for part in parts:
            xlsx_limits.check_sheet_grid(path, part, MAX_ROWS + HEADER_SCAN_ROWS)
    except xlsx_limits.HostileArchive as error:
        raise ImportFileError(
            _("{path}, sheet “{sheet}”: {reason}").format(
                path=path, sheet=sheet_name, reason=error.message
            )
        ) from error
    except xlsx_limits.ARCHIVE_ERRORS as error:
        raise _damaged(path, error) from error


def _sheet_part_or_none(archive: zipfile.ZipFile, sheet_name: str) -> str | None:
    try:
        return sheet_part(archive, sheet_name)
    except (KeyError, ElementTree.ParseError):
        return None


def _damaged(path: Path, error: Exception) -> ImportFileError:
    return ImportFileError(
        _("{path} is not a readable .xlsx workbook (it may be damaged): {reason}").format(
            path=path, reason=error
        )
    )


def _pick_sheet(names: list[str], wanted: str | None, path: Path) -> str:
    if not names:
        raise ImportFileError(_("{path} has no worksheets").format(path=path))
    if wanted is None:
        return names[0]
    for name in names:
        if name.strip().casefold() == wanted.strip().casefold():
            return name
    raise ImportFileError(
        _("{path} has no sheet “{sheet}”; its sheets: {names}").format(
            path=path, sheet=wanted, names=", ".join(names)
        )
    )


def _limited(
    rows: Iterable[tuple[Any, ...]], path: Path, sheet: str, limit: int | None
) -> list[tuple[Any, ...]]:
    """Rows without trailing empty cells; refuses a sheet longer than ``MAX_ROWS``."""
    kept: list[tuple[Any, ...]] = []
    for number, row in enumerate(rows, start=1):
        if limit is not None and number > limit:
            break
        if number > MAX_ROWS + HEADER_SCAN_ROWS:
            raise ImportFileError(
                _(
                    "{path}, sheet “{sheet}”: more than {most:,} rows; split it into smaller "
                    "files and import them one by one"
                ).format(path=path, sheet=sheet, most=MAX_ROWS)
            )
        kept.append(_trimmed(row))
    while kept and not kept[-1]:
        kept.pop()
    return kept


def _trimmed(row: tuple[Any, ...]) -> tuple[Any, ...]:
    end = len(row)
    while end and (row[end - 1] is None or row[end - 1] == ""):
        end -= 1
    return tuple(None if cell == "" else cell for cell in row[:end])
