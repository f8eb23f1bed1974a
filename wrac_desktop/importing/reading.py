"""Reading a worksheet row by row as plain cell values, whatever the file turns out to be.

The file's content decides how it is read, not its name: an .xlsx is a zip archive, a
password-protected one is an OLE2 container, anything else is tried as CSV (UTF-8 with or
without BOM, UTF-16 with BOM, else Windows-1251: ``csv_text``). An .xlsx is checked for zip
bombs before its sheet is read (``xlsx_limits``), and its sheet streams in (``xlsx_stream``):
a 100,000-hazard register is never in memory whole. Every failure is an ``ImportFileError``
naming the file.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree import ElementTree
from xml.parsers import expat

from wrac_desktop.i18n import _
from wrac_desktop.importing import xlsx_limits, xlsx_stream
from wrac_desktop.importing.csv_text import CsvFile
from wrac_desktop.importing.file_errors import ImportFileError
from wrac_desktop.importing.xlsx_flags import column_index, sheet_part, sheet_titles
from wrac_desktop.importing.xlsx_stream import Flagged

# A register's worth and twice the largest measured (100,000 hazards export as 150,000 rows):
# the sheet streams, so memory does not grow with it; an import of 150,000 rows peaks near
# 200 MB (benchmarks.import_bench), and what grows with the rows is a few dozen bytes a row.
MAX_ROWS = 200_000
MAX_COLUMNS = 200
HEADER_SCAN_ROWS = 30
_ZIP_MAGIC = b"PK\x03\x04"
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted xlsx and old .xls alike
Flags = dict[tuple[int, int], str]  # (row number, column index from 0) → warning
Row = tuple[Any, ...]


@dataclass
class Sheet:
    """One worksheet whole: its name and rows (row 1 of the file is ``rows[0]``).

    ``flags`` are cells that read as empty but held an error value or an unsaved formula.
    """

    name: str
    rows: list[Row]
    flags: Flags = field(default_factory=dict)


class SheetRows:
    """One worksheet read as a stream: its name, its first rows (where the header is), and its
    rows from row 1 as often as asked. A cell read as empty for a reason is a ``Flagged``."""

    def __init__(self, path: Path, name: str, merged: list[str] | None = None) -> None:
        self.path, self.name = path, name
        self._merged = merged  # None: a CSV file
        self._strings: list[str] | None = None
        self._styles: xlsx_stream.Styles | None = None
        self._csv_file: CsvFile | None = None
        self.done = 0  # how far the last pass got, of ``total`` (bytes or rows)
        self.total = 1
        self.head = list(self.rows(HEADER_SCAN_ROWS))

    def rows(self, limit: int | None = None) -> Iterator[Row]:
        """Every row from row 1 (at most ``limit``), trailing empty cells left off; refuses a
        sheet longer than ``MAX_ROWS`` (and its header rows) when it gets there."""
        source = self._csv() if self._merged is None else self._xlsx(self._merged)
        for number, row in enumerate(source, start=1):
            if limit is not None and number > limit:
                return
            if number > MAX_ROWS + HEADER_SCAN_ROWS:
                raise ImportFileError(
                    _(
                        "{path}, sheet “{sheet}”: more than {most:,} rows; split it into smaller "
                        "files and import them one by one"
                    ).format(path=self.path, sheet=self.name, most=MAX_ROWS)
                )
            yield row

    def _csv(self) -> Iterator[Row]:
        if self._csv_file is None:  # its encoding and separator told once, for every pass
            self._csv_file = CsvFile(self.path)
        csv_file = self._csv_file
        self.total = max(csv_file.size, 1)
        for row in csv_file.rows(MAX_COLUMNS):
            self.done = csv_file.done
            yield _trimmed(row)

    def _xlsx(self, merged: list[str]) -> Iterator[Row]:
        fill = _MergedFill(merged)
        try:
            with zipfile.ZipFile(self.path) as archive:
                xlsx_limits.check_declared(archive.infolist())  # the file may have changed since
                part = _part(archive, self.name)
                self.total = max(archive.getinfo(part).file_size, 1)
                strings, styles = self._lookups(archive)
                limits = xlsx_limits.GridLimits(MAX_ROWS + HEADER_SCAN_ROWS)
                parser = xlsx_stream.SheetParser(strings, styles, MAX_COLUMNS, limits)
                with archive.open(part) as stream:
                    last = 0
                    for number, cells in xlsx_stream.sheet_rows(stream, parser):
                        self.done = stream.tell()
                        if not cells:
                            continue  # an empty row counts only if a filled one follows
                        for gap in range(last + 1, number):
                            yield fill.row(gap, ())
                        last = number
                        yield fill.row(number, _trimmed(_padded(cells)))
        except xlsx_limits.HostileArchive as error:
            raise self._refused(error.message) from error
        except xlsx_stream.HostileXml as error:
            raise self._refused(str(error)) from error
        except (expat.ExpatError, ElementTree.ParseError, *xlsx_limits.ARCHIVE_ERRORS) as error:
            raise _damaged(self.path, error) from error

    def _lookups(self, archive: zipfile.ZipFile) -> tuple[list[str], xlsx_stream.Styles]:
        """The shared strings and date styles, read once: the preview reads the first rows
        again at each change of the mapping."""
        if self._strings is None or self._styles is None:
            self._strings = xlsx_stream.read_shared_strings(archive)
            self._styles = xlsx_stream.read_styles(archive, archive.read("xl/workbook.xml"))
        return self._strings, self._styles

    def _refused(self, reason: str) -> ImportFileError:
        return ImportFileError(
            _("{path}, sheet “{sheet}”: {reason}").format(
                path=self.path, sheet=self.name, reason=reason
            )
        )


class _MergedFill:
    """A merged cell's value in every cell it covers, as the reader of the printout sees it."""

    def __init__(self, references: Iterable[str]) -> None:
        self._starting: dict[int, list[tuple[int, int, int]]] = {}  # top row → (bottom, l, r)
        for reference in references:
            (top, left), (bottom, right) = (_cell(end) for end in reference.split(":"))
            if right < MAX_COLUMNS and bottom >= top and right >= left:
                self._starting.setdefault(top, []).append((bottom, left, right))
        self._active: list[tuple[int, int, int, Any]] = []  # (bottom, left, right, value)

    def row(self, number: int, row: Row) -> Row:
        if not self._starting and not self._active:
            return row
        self._active = [span for span in self._active if span[0] >= number]
        for bottom, left, right in self._starting.pop(number, ()):
            if left < len(row):
                self._active.append((bottom, left, right, row[left]))
        if not self._active:
            return row
        cells = list(row)
        for _bottom, left, right, value in self._active:
            cells += [None] * (right + 1 - len(cells))
            cells[left : right + 1] = [value] * (right + 1 - left)
        return tuple(cells)


class Workbook:
    """A worksheet file, checked once (``xlsx_limits``): its sheets' names, and each sheet to
    stream."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._merged: dict[str, list[str]] | None = None  # by sheet part; None: a CSV file
        if _kind(path) == "csv":
            self.names = [path.stem]
            return
        self._merged = _checked_archive(path)
        try:
            with zipfile.ZipFile(path) as archive:
                self.names = sheet_titles(archive)
                self._parts = {name: sheet_part(archive, name) for name in self.names}
        except (ElementTree.ParseError, *xlsx_limits.ARCHIVE_ERRORS) as error:
            raise _damaged(path, error) from error

    def sheet(self, name: str | None = None) -> SheetRows:
        """One sheet (the first when ``name`` is None) to read as a stream."""
        if self._merged is None:
            return SheetRows(self.path, self.names[0])
        chosen = _pick_sheet(self.names, name, self.path)
        part = self._parts[chosen]
        if part is None:
            raise _damaged(self.path, KeyError(chosen))  # named, but the archive lacks it
        return SheetRows(self.path, chosen, self._merged.get(part, []))


def open_rows(path: Path, name: str | None = None) -> SheetRows:
    """One sheet (the first when ``name`` is None) to read as a stream."""
    return Workbook(path).sheet(name)


def read_sheet(path: Path, name: str | None = None, limit: int | None = None) -> Sheet:
    """One sheet whole (the first when ``name`` is None), at most ``limit`` rows if given:
    for journals and translation files, which are short."""
    stream = open_rows(path, name)
    rows: list[Row] = []
    flags: Flags = {}
    for number, row in enumerate(stream.rows(limit), start=1):
        rows.append(tuple(_unflagged(number, row, flags)))
    while rows and not rows[-1]:
        rows.pop()
    return Sheet(stream.name, rows, flags)


def sheet_names(path: Path) -> list[str]:
    """The worksheets of an .xlsx; a CSV file is one sheet named after the file."""
    return Workbook(path).names


def _unflagged(number: int, row: Row, flags: Flags) -> Iterator[Any]:
    for index, value in enumerate(row):
        if isinstance(value, Flagged):
            flags[(number, index)] = value.message
            yield None
        else:
            yield value


def _part(archive: zipfile.ZipFile, sheet_name: str) -> str:
    part = sheet_part(archive, sheet_name)
    if part is None:
        raise KeyError(sheet_name)  # the workbook names a sheet it does not hold
    return part


def _padded(cells: dict[int, Any]) -> Row:
    row = [None] * (max(cells) + 1)
    for index, value in cells.items():
        row[index] = value
    return tuple(row)


def _cell(reference: str) -> tuple[int, int]:
    """(row number, column index from 0) of "B7"."""
    letters = reference.rstrip("0123456789")
    return int(reference[len(letters) :]), column_index(letters)


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


def _checked_archive(path: Path) -> dict[str, list[str]]:
    """The archive checked against the limits; each part's merged ranges."""
    try:
        return xlsx_limits.check_archive(path)
    except xlsx_limits.HostileArchive as error:
        raise ImportFileError(
            _("{path} is refused unread: {reason}").format(path=path, reason=error.message)
        ) from error
    except xlsx_limits.ARCHIVE_ERRORS as error:
        raise _damaged(path, error) from error


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


def _trimmed(row: Row) -> Row:
    end = len(row)
    while end and (row[end - 1] is None or row[end - 1] == ""):
        end -= 1
    return tuple(None if cell == "" else cell for cell in row[:end])
