"""A CSV (or tab-separated "Unicode text") worksheet as rows of cells.

Encodings: UTF-8 with or without BOM, UTF-16 with its BOM (Excel's "Unicode text"), else
Windows-1251. The separator is the one of ``,`` ``;`` tab that splits the first lines most
consistently. A cell longer than Python's CSV field limit (131,072 characters) or a quote that
is never closed is refused naming its row and column; quotes used loosely inside a cell
(``Pipe 2" wide``) are read as Excel reads them. The file streams: only the record being read
is in memory (a 20,000-row, 80 MB file: 625 → 73 MB for a dry run).
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from statistics import median
from typing import Any, BinaryIO

from wrac_desktop.i18n import _
from wrac_desktop.importing.file_errors import ImportFileError
from wrac_desktop.importing.xlsx_flags import column_letter

MAX_CSV_BYTES = 200 * 1024 * 1024  # as much text as an .xlsx may inflate to
FIELD_LIMIT = csv.field_size_limit()  # 131,072 characters
# A line read at most: eight cells at the limit. A file of one 180 MB line (no line breaks)
# was read whole, as text and as 90 million cells: 898 MB for a dry run.
LINE_LIMIT = 8 * FIELD_LIMIT
_SEPARATORS = (",", ";", "\t")
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_SAMPLE_CHARS = 65536  # of the text's start, where the separator is told
_PIECE_BYTES = 1 << 20  # read at a time to tell the encoding


class CsvError(ImportFileError):
    """The text cannot be read as CSV; the message names the file, row and column."""


class CsvFile:
    """A CSV file checked once (its size, encoding and separator), to read as a stream of
    rows as often as asked: the text is never in memory whole (a 150,000-row sheet is
    hundreds of megabytes), only the record being read."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.size = _checked_size(path)
        self.encoding = _encoding(path)
        with self._open() as (stream, _raw):
            self.separator = _separator(stream.read(_SAMPLE_CHARS))
        self.done = 0  # bytes read by the last pass, of ``size``

    def rows(self, max_columns: int) -> Iterator[tuple[Any, ...]]:
        """The rows, each cut to ``max_columns`` cells, empty cells as None. Read strictly;
        from a record strict CSV refuses on, as Excel reads it (``Pipe 2" wide``), unless it
        holds an unclosed quote or an over-long cell, which are refused naming their row."""
        with self._open() as (stream, raw):
            lines = _Lines(stream, raw, self)
            for row in self._records(lines):
                yield tuple(cell if cell != "" else None for cell in row[:max_columns])

    def _records(self, lines: _Lines) -> Iterator[list[str]]:
        reader = csv.reader(lines, delimiter=self.separator, strict=True)
        try:
            for record in reader:
                yield record
                lines.record_done()
            return
        except csv.Error as error:
            if _fault(lines.record(), self.separator) is not None or "field larger" in str(error):
                raise self._refused(lines) from error
        loose = csv.reader(lines.again(), delimiter=self.separator, strict=False)
        try:
            for record in loose:
                yield record
                lines.record_done()
        except csv.Error as error:
            raise self._refused(lines) from error
        if _fault(lines.record(), self.separator) is not None:  # a quote open to the end
            raise self._refused(lines)

    def _refused(self, lines: _Lines) -> CsvError:
        return _refused(self.path, lines.record(), self.separator, lines.records)

    @contextmanager
    def _open(self) -> Iterator[tuple[io.TextIOWrapper, BinaryIO]]:
        """The text, and the file under it (how far it was read)."""
        with (
            self.path.open("rb") as raw,
            io.TextIOWrapper(raw, encoding=self.encoding, newline="") as stream,
        ):
            yield stream, raw


class _Lines:
    """The lines of a CSV text for ``csv.reader``, keeping those of the record being read
    (to name where a refused one is) and counting the records done and the bytes read."""

    def __init__(self, stream: io.TextIOWrapper, raw: BinaryIO, file: CsvFile) -> None:
        self._stream, self._raw, self._file = stream, raw, file
        self._kept: list[str] = []
        self._replay: Iterator[str] = iter(())
        self.records = 0  # records read whole

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        line = next(self._replay, None)
        if line is None:
            line = self._stream.readline(LINE_LIMIT)
            if not line:
                raise StopIteration
            if len(line) == LINE_LIMIT and not line.endswith(("\n", "\r")):
                raise _line_too_long(self._file, self.records + 1, self.record() + line)
            if "\x00" in line:  # no text file holds one: a binary file decoded as text
                raise CsvError(_not_a_spreadsheet(self._file.path))
            self._file.done = self._raw.tell()
        self._kept.append(line)
        return line

    def record_done(self) -> None:
        self.records += 1
        self._kept.clear()

    def record(self) -> str:
        """The text read of the record being read."""
        return "".join(self._kept)

    def again(self) -> _Lines:
        """The lines from the record being read on, read once more."""
        self._replay, self._kept = iter(self._kept), []
        return self


def csv_rows(path: Path, max_columns: int) -> Iterator[tuple[Any, ...]]:
    """The rows of a CSV file, each cut to ``max_columns`` cells, empty cells as None."""
    return CsvFile(path).rows(max_columns)


def _refused(path: Path, text: str, separator: str, rows_before: int = 0) -> CsvError:
    """The refusal of the first over-long or unclosed cell of ``text``, which starts at the
    record after ``rows_before``."""
    fault = _fault(text, separator)
    if fault is None:
        return CsvError(_not_a_spreadsheet(path))
    row, column, unterminated = fault
    where = {"path": path, "row": rows_before + row, "column": column_letter(column)}
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


def _line_too_long(file: CsvFile, row: int, line: str) -> CsvError:
    return CsvError(
        _(
            "{path}, row {row}, column {column}: the row goes on past {most:,} characters "
            "without a line break; no register's row is this long"
        ).format(
            path=file.path,
            row=row,
            column=column_letter(_last_column(line, file.separator)),
            most=LINE_LIMIT,
        )
    )


def _last_column(text: str, separator: str) -> int:
    """The column (from 0) that ``text``, a record's start, ends in: its separators outside
    quotes (every other part between quotes; a doubled quote inside one leaves an empty
    part). One pass: walking it cell by cell searched the whole line for each."""
    return sum(part.count(separator) for part in text.split('"')[::2])


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


def _checked_size(path: Path) -> int:
    size = path.stat().st_size
    if size > MAX_CSV_BYTES:
        raise CsvError(
            _("{path} is {size:,} MB; at most {most:,} MB of text are read").format(
                path=path, size=size // 2**20, most=MAX_CSV_BYTES // 2**20
            )
        )
    return size


def _encoding(path: Path) -> str:
    """UTF-16 with its BOM, else UTF-8 (with or without BOM) if the whole file is, else
    Windows-1251; told by decoding the file a piece at a time, keeping nothing."""
    with path.open("rb") as stream:
        if stream.read(2) in _UTF16_BOMS:
            return "utf-16"
    for encoding in ("utf-8-sig", "cp1251"):
        # Windows-1251 maps all but one byte: a binary file still decodes, and the NUL test
        # while reading then turns it away.
        if _decodes(path, encoding):
            return encoding
    raise CsvError(_not_a_spreadsheet(path))


def _decodes(path: Path, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        with path.open("rb") as stream:
            while piece := stream.read(_PIECE_BYTES):
                if b"\x00" in piece:
                    raise CsvError(_not_a_spreadsheet(path))
                decoder.decode(piece)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _not_a_spreadsheet(path: Path) -> str:
    return _("{path} is not a spreadsheet (neither .xlsx nor CSV text)").format(path=path)


def _separator(text: str) -> str:
    """The separator whose split of the first lines has the most, and most even, columns."""
    sample = text[:_SAMPLE_CHARS].splitlines()[:40]
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
