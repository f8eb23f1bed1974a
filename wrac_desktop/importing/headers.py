"""Finding the header in the first rows of a sheet and mapping its columns to fields.

Worksheets put a title block above the header ("УТВЕРЖДАЮ", the company, the date), merge
cells across a group of columns ("Residual risk" over L / S / R) and spread headers over two
rows. Each of the first 30 rows is tried alone and with the row below it; the reading that
recognises the most fields wins, an earlier and single row winning a tie.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from wrac_desktop.importing.columns import MULTI_COLUMN, recognise
from wrac_desktop.importing.reading import HEADER_SCAN_ROWS
from wrac_desktop.importing.xlsx_flags import column_letter

_NEEDED = frozenset({"hazard", "unwanted_event", "measure"})  # a row must bring one of these


@dataclass
class Column:
    """One column of the sheet: its letter, header text and the field it fills (or None)."""

    index: int
    header: str
    field: str | None

    @property
    def letter(self) -> str:
        return column_letter(self.index)


@dataclass
class Header:
    """Where the header is (1-based row numbers) and how its columns map."""

    first_row: int
    last_row: int
    columns: list[Column] = field(default_factory=list)
    # Written in two languages, each cell the first over the second (the register's own
    # ``--lang kk+ru`` export): a text cell's first language is what is imported.
    bilingual: bool = False

    @property
    def recognised(self) -> int:
        return len({column.field for column in self.columns if column.field})

    @property
    def usable(self) -> bool:
        fields = {column.field for column in self.columns}
        return self.recognised >= 2 and bool(fields & _NEEDED)

    def mapping(self) -> dict[str, str | None]:
        """{column letter: field} as a mapping file writes it."""
        return {column.letter: column.field for column in self.columns}


def detect_header(rows: list[tuple[Any, ...]]) -> Header | None:
    """The best header among the first rows, or None when no row looks like one."""
    best: Header | None = None
    for index in range(min(HEADER_SCAN_ROWS, len(rows))):
        candidates = [_single(rows, index)]
        if index + 1 < min(HEADER_SCAN_ROWS, len(rows)):  # both rows among the first 30
            candidates.append(_double(rows, index))
        for candidate in candidates:
            if candidate.usable and (best is None or _rank(candidate) > _rank(best)):
                best = candidate
    return best


def _rank(header: Header) -> tuple[int, int]:
    # On a tie a single row wins: a title row above a header must not be read as its top half.
    return header.recognised, int(header.first_row == header.last_row)


def header_at(rows: list[tuple[Any, ...]], row_number: int) -> Header:
    """The header as a single row at ``row_number`` (1-based), as a mapping file may say."""
    return _single(rows, row_number - 1)


def _single(rows: list[tuple[Any, ...]], index: int) -> Header:
    cells = _row(rows, index)
    labels = [_text(value) for value in cells]
    split = [halves(value) if isinstance(value, str) else None for value in cells]
    fields = [
        (_recognise_either(two) if two else None) or recognise(label)
        for label, two in zip(labels, split, strict=True)
    ]
    header = _header(index + 1, index + 1, labels, fields)
    header.bilingual = sum(two is not None for two in split) * 2 > sum(map(bool, labels))
    return header


def _recognise_either(two: tuple[str, str]) -> str | None:
    return recognise(two[0]) or recognise(two[1])


def halves(text: str) -> tuple[str, str] | None:
    """A header cell of a bilingual sheet as its two languages: "Алаң\nПлощадка" and
    "Бастапқы тәуекел: Ы\nИсходный риск: В", each language's heading on its line; and as
    exports before December 2026 wrote it, "Бастапқы тәуекел\nИсходный риск: Ы\nВ" (each part
    of "stage: column" in both, the first over the second); None for one language."""
    if "\n" not in text:
        return None
    if text.strip().count("\n") == 1:
        first, second = text.strip().split("\n")
        return first, second
    parts = [part.split("\n") for part in text.strip().split(": ")]
    if any(len(lines) != 2 for lines in parts):
        return None
    return ": ".join(lines[0] for lines in parts), ": ".join(lines[1] for lines in parts)


def language_halves(text: str) -> tuple[str, str] | None:
    """A data cell of a bilingual sheet as its first and its second language's text: the
    first and the second half of its lines (each language's text has as many lines in the
    register's own export); None for an odd count, which cannot be halved."""
    lines = text.split("\n")
    if len(lines) % 2:
        return None
    middle = len(lines) // 2
    return "\n".join(lines[:middle]), "\n".join(lines[middle:])


def _double(rows: list[tuple[Any, ...]], index: int) -> Header:
    top = [_text(value) for value in _row(rows, index)]
    bottom = [_text(value) for value in _row(rows, index + 1)]
    width = max(len(top), len(bottom))
    top += [""] * (width - len(top))
    bottom += [""] * (width - len(bottom))
    spanning = _filled_right(top, bottom)
    labels, fields = [], []
    for own_top, above, below in zip(top, spanning, bottom, strict=True):
        combined = below if above == below else f"{above} {below}".strip()
        labels.append(combined)
        fields.append(
            (recognise(combined) if above and below else None)
            or (recognise(below) if below else None)
            or (recognise(own_top) if own_top and not below else None)
        )
    return _header(index + 1, index + 2, labels, fields)


def _filled_right(top: list[str], bottom: list[str]) -> list[str]:
    """A merged cell's text carried right over the columns it spans (empty above, text below)."""
    filled, carried = [], ""
    for above, below in zip(top, bottom, strict=True):
        carried = above or (carried if below else "")
        filled.append(carried)
    return filled


def _header(first: int, last: int, labels: list[str], fields: list[str | None]) -> Header:
    seen: set[str] = set()
    columns = []
    for index, (label, key) in enumerate(zip(labels, fields, strict=True)):
        if key is not None and key in seen and key not in MULTI_COLUMN:
            key = None  # the first column of a name wins; the mapping dialog can change it
        if key is not None:
            seen.add(key)
        columns.append(Column(index, label, key))
    return Header(first, last, columns)


def _row(rows: list[tuple[Any, ...]], index: int) -> tuple[Any, ...]:
    return rows[index] if 0 <= index < len(rows) else ()


def _text(value: Any) -> str:
    return "" if value is None else " ".join(str(value).split())


def is_numbering_row(row: tuple[Any, ...]) -> bool:
    """The row of column numbers (1, 2, 3, …) printed under many Russian-style headers."""
    values = [value for value in row if value not in (None, "")]
    if len(values) < 3:
        return False
    try:
        numbers = [int(str(value).strip().rstrip(".")) for value in values]
    except ValueError:
        return False
    return numbers == list(range(numbers[0], numbers[0] + len(numbers)))
