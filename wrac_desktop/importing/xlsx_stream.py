"""An .xlsx sheet read row by row from its XML as it inflates: memory stays that of one row.

The fast reader before (calamine) built the whole sheet in memory first: 100,000 hazards'
register (150,000 rows × 26 columns) took gigabytes, and its row iterator walks the same
in-memory grid. openpyxl's read-only mode streams but took 5.9 s of CPU for the 10,000-hazard
register's 15,000 rows; this expat parser takes 1.0 s for them and holds one row at a time.

Values as calamine gave them: numbers as floats, dates (a number in a date format) as
``date`` (``datetime`` with a time of day), booleans as bool, texts as str. An error value
(#N/A, …) and a formula whose result was never saved read as ``Flagged`` cells, which say why
the cell is taken as empty. A document type declaration is refused: a worksheet has none, and
it is how XXE and billion-laughs files begin.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import IO, Any
from xml.parsers import expat

from wrac_desktop.i18n import _
from wrac_desktop.importing.xlsx_flags import column_index
from wrac_desktop.importing.xlsx_limits import GridLimits

CHUNK = 64 * 1024  # inflated bytes parsed at a time
_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_TEXT_PARTS = frozenset({"v", "t", "f"})
Cells = dict[int, Any]  # column index from 0 → value


class HostileXml(Exception):
    """The part declares a document type (XXE, billion laughs): refused, not expanded."""


@dataclass(frozen=True)
class Flagged:
    """A cell read as empty that held something the user should hear of (``message``)."""

    message: str


@dataclass(frozen=True)
class Styles:
    """Which cell styles show a number as a date, and the workbook's date system."""

    dates: frozenset[int]
    epoch: datetime  # openpyxl's CALENDAR_WINDOWS_1900 or CALENDAR_MAC_1904


def read_styles(archive: zipfile.ZipFile, workbook_xml: bytes) -> Styles:
    """The date styles of ``xl/styles.xml`` (none if the workbook has no styles part)."""
    # openpyxl's date rules are imported here and in _date, not with this module: the window
    # imports the importer as it starts, and openpyxl brings lxml and PIL with it.
    from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
    from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900

    epoch = CALENDAR_MAC_1904 if b'date1904="1"' in workbook_xml else CALENDAR_WINDOWS_1900
    if "xl/styles.xml" not in archive.namelist():
        return Styles(frozenset(), epoch)
    formats: dict[int, str] = dict(BUILTIN_FORMATS)
    styles: list[int] = []
    depth: list[str] = []

    def start(name: str, attributes: dict[str, str]) -> None:
        name = _local(name)
        if name == "numFmt":
            formats[int(attributes.get("numFmtId", "0"))] = attributes.get("formatCode", "")
        elif name == "xf" and depth and depth[-1] == "cellXfs":
            styles.append(int(attributes.get("numFmtId", "0")))
        depth.append(name)

    def end(_name: str) -> None:
        depth.pop()

    with archive.open("xl/styles.xml") as stream:
        _parse(stream, start, end, None)
    dates = {index for index, number in enumerate(styles) if is_date_format(formats.get(number))}
    return Styles(frozenset(dates), epoch)


def read_shared_strings(archive: zipfile.ZipFile) -> list[str]:
    """The workbook's shared strings (bounded by the archive's inflated size, checked before)."""
    if "xl/sharedStrings.xml" not in archive.namelist():
        return []
    strings: list[str] = []
    text: list[str] = []
    state = {"in_text": False, "phonetic": False}

    def start(name: str, _attributes: dict[str, str]) -> None:
        name = _local(name)
        if name == "si":
            text.clear()
        elif name == "rPh":  # a reading aid over East Asian text, not the text itself
            state["phonetic"] = True
        state["in_text"] = name == "t" and not state["phonetic"]

    def end(name: str) -> None:
        name = _local(name)
        if name == "si":
            strings.append(unescaped("".join(text)))
        elif name == "rPh":
            state["phonetic"] = False
        state["in_text"] = False

    def characters(data: str) -> None:
        if state["in_text"]:
            text.append(data)

    with archive.open("xl/sharedStrings.xml") as stream:
        _parse(stream, start, end, characters)
    return strings


class SheetParser:
    """Feeds a sheet part to expat; each finished row waits in ``ready`` as (number, cells)."""

    def __init__(
        self, strings: list[str], styles: Styles, max_columns: int, limits: GridLimits
    ) -> None:
        self.strings, self.styles, self.max_columns = strings, styles, max_columns
        self.limits = limits
        self.ready: list[tuple[int, Cells]] = []
        self.row_number = 0
        self.cells: Cells = {}
        self.column = -1
        self.kind = ""
        self.style: str | None = None
        self.date_styles = {str(index) for index in styles.dates}
        self.letters: dict[str, int] = {}  # "AB" → 27, worked out once
        self.last_filled = 0  # the row's farthest cell with content (column from 1)
        self.parts: dict[str, list[str]] = {}
        self.collecting: list[str] | None = None
        self.phonetic = False  # inside <rPh>, a reading aid over East Asian text
        self.parser = _parser(self._start, self._end, self._characters)

    def feed(self, data: bytes, final: bool = False) -> None:
        self.parser.Parse(data, final)

    def _start(self, name: str, attributes: dict[str, str]) -> None:
        if ":" in name:
            name = _local(name)
        if name == "c":
            reference = attributes.get("r")
            self.column = self._column_of(reference) if reference else self.column + 1
            self.kind, self.style = attributes.get("t", "n"), attributes.get("s")
            self.parts = {}
        elif name in _TEXT_PARTS and not self.phonetic:
            self.collecting = self.parts.setdefault("f" if name == "f" else "v", [])
        elif name == "row":
            reference = attributes.get("r", "")
            self.row_number = int(reference) if reference.isdecimal() else self.row_number + 1
            self.cells, self.column, self.last_filled = {}, -1, 0
        elif name == "rPh":
            self.phonetic = True

    def _end(self, name: str) -> None:
        if ":" in name:
            name = _local(name)
        if name in _TEXT_PARTS or name == "rPh":
            self.collecting = None
            self.phonetic = self.phonetic and name != "rPh"
        elif name == "c" and self.column >= 0:
            if self.parts and self.column >= self.last_filled:
                self.last_filled = self.column + 1
            if self.column < self.max_columns:
                value = self._value()
                if value is not None:
                    self.cells[self.column] = value
        elif name == "row":
            if self.last_filled:  # checked a row at a time: cells come left to right
                self.limits.filled(self.row_number, self.last_filled)
            self.ready.append((self.row_number, self.cells))

    def _column_of(self, reference: str) -> int:
        letters = reference.rstrip("0123456789")
        column = self.letters.get(letters)
        if column is None:
            upper = letters.upper()
            column = column_index(upper) if upper.isalpha() and upper.isascii() else -1
            if len(self.letters) < 100_000:
                self.letters[letters] = column
        return column

    def _characters(self, data: str) -> None:
        if self.collecting is not None:
            self.collecting.append(data)

    def _value(self) -> Any:
        text = "".join(self.parts.get("v", ()))
        if self.kind == "e":
            return Flagged(_("error value {value} read as empty").format(value=text))
        if "f" in self.parts and not text and self.kind != "inlineStr":
            formula = "".join(self.parts["f"])
            return Flagged(
                _(
                    "formula ={formula} has no saved result (open and save the file in Excel); "
                    "read as empty"
                ).format(formula=formula)
            )
        if self.kind in ("inlineStr", "str"):
            return unescaped(text) or None
        if text == "":
            return None
        if self.kind == "s":
            return self.strings[int(text)]
        if self.kind == "b":
            return text.strip() in ("1", "true")
        if self.kind == "d":
            return _iso_date(text)
        number = float(text)
        if self.style in self.date_styles:
            return _date(number, self.styles.epoch)
        return number


def sheet_rows(stream: IO[bytes], parser: SheetParser) -> Iterator[tuple[int, Cells]]:
    """(row number, cells) of each row of the part, as ``stream`` inflates."""
    while data := stream.read(CHUNK):
        parser.feed(data)
        yield from parser.ready
        parser.ready.clear()
    parser.feed(b"", final=True)
    yield from parser.ready
    parser.ready.clear()


def unescaped(text: str) -> str:
    """OOXML's escapes of characters XML cannot hold ("_x0001_" for U+0001) undone."""
    return _ESCAPE.sub(lambda found: chr(int(found.group(1), 16)), text) if "_x" in text else text


def _parse(stream: IO[bytes], start: Any, end: Any, characters: Any) -> None:
    parser = _parser(start, end, characters)
    while data := stream.read(CHUNK):
        parser.Parse(data, False)
    parser.Parse(b"", True)


def _parser(start: Any, end: Any, characters: Any) -> Any:
    parser = expat.ParserCreate()
    parser.buffer_text = True
    parser.StartElementHandler, parser.EndElementHandler = start, end
    if characters is not None:
        parser.CharacterDataHandler = characters
    parser.StartDoctypeDeclHandler = _refuse_doctype
    parser.EntityDeclHandler = _refuse_doctype
    return parser


def _refuse_doctype(*_args: Any) -> None:
    raise HostileXml(_("the workbook's XML declares a document type, which no worksheet has"))


def _local(name: str) -> str:
    """The name without its namespace prefix (``x:c`` is ``c``)."""
    return name.rpartition(":")[2]


def _date(number: float, epoch: datetime) -> Any:
    from openpyxl.utils.datetime import from_excel  # imported when a sheet is read (read_styles)

    value = from_excel(number, epoch)
    if isinstance(value, datetime) and value.time() == datetime.min.time():
        return value.date()
    return value


def _iso_date(text: str) -> date | datetime | str:
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        return text
    return value.date() if value.time() == datetime.min.time() else value
