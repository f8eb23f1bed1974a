"""Every use of openpyxl's internals, in one place: long worksheets' rows written as XML text
and spliced into the workbook openpyxl writes.

``TESTED_WITH`` names the openpyxl versions this module was checked with; a test fails loudly
when another version is installed, so an upgrade is looked at here (the markup openpyxl
writes, its style ids, its sheet paths) before it can break a workbook.

openpyxl builds an object per cell and serialises each through its XML writer: 2.9 s of a
10,000-hazard register. Here a row is formatted straight into the markup openpyxl itself
writes in write-only mode (inline strings, "%.16g" numbers, dates as serial numbers with a date
style), while openpyxl still writes everything else: styles, column widths, frozen header,
auto-filter, print set-up. Text is always an inline string, never a formula, whatever it
starts with.
"""

from __future__ import annotations

import io
import shutil
import tempfile
import zipfile
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import IO, Any

import openpyxl
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel

from wrac_desktop.errors import UserError
from wrac_desktop.i18n import SECOND, _
from wrac_desktop.reports.notes import note

EXCEL_TEXT_LIMIT = 32_767  # characters in one cell
SECOND_COLOUR = "FF7F7F7F"  # a bilingual document's second language, lighter, as in the PDF
CONTROL_PICTURES = 0x2400  # U+2400 + code: the visible picture of a control character (␁)
# Row heights for wrapped text, estimated: LibreOffice keeps a row one line high unless the
# file says otherwise, so a long cell printed over its neighbours. Calibri 11 sets about one
# character per unit of column width and 15 pt per line; a little under one character per
# unit leaves room for words that wrap early.
CHARACTERS_PER_WIDTH = 0.95
LINE_HEIGHT = 15.0
SHEET_DATA_END = b"</sheetData>"
# The workbook's parts deflated at zlib level 4, not 6: the 10,000-hazard register's 19 MB of
# XML in 0.21 s instead of 0.50 s, for a file of 3.3 MB instead of 2.8 MB.
ZIP_LEVEL = 4
Cell = tuple[Any, int]  # a value and the workbook's style id for it
# Major.minor versions of openpyxl this module was tested with (the whole report suite).
TESTED_WITH = ("3.1",)
# A sheet's rows are kept as UTF-8 in a spooled file, on disk past this size, and streamed into
# the archive: held as Python strings, joined and encoded, the 10,000-hazard kk+ru register's
# rows took over 300 MB (each Cyrillic character two bytes, three copies at once).
ROWS_IN_MEMORY = 4 * 1024 * 1024
# The text caches are emptied at this many entries: library texts recur and stay found, while
# a register of distinct free texts does not grow them without end.
CACHE_LIMIT = 20_000


def installed_version() -> str:
    return str(openpyxl.__version__)


def is_tested_version(version: str | None = None) -> bool:
    """Whether ``version`` (default: the installed one) is one this module was tested with."""
    parts = (version or installed_version()).split(".")
    return ".".join(parts[:2]) in TESTED_WITH


def style_id(worksheet: Any, style_name: str) -> int:
    """The workbook's id for the named style ``style_name``, as a cell's ``s`` attribute."""
    probe = WriteOnlyCell(worksheet)
    probe.style = style_name
    return int(probe.style_id)


def sheet_part(worksheet: Any) -> str:
    """The worksheet's path in the saved archive ("xl/worksheets/sheet1.xml"); known once the
    workbook is saved, which numbers the sheets."""
    return str(worksheet.path).lstrip("/")


class SheetRows:
    """The body rows of one worksheet, as XML, numbered on from its header row."""

    def __init__(
        self, sheet_title: str, widths: list[float] | None = None, first_row: int = 2
    ) -> None:
        """``widths``: the columns' widths, to give rows of wrapped text their height."""
        self.sheet_title = sheet_title
        self.widths = widths or []
        self.first_row = first_row
        self.next_row = first_row
        self.width = 0
        self._rows = tempfile.SpooledTemporaryFile(max_size=ROWS_IN_MEMORY)  # noqa: SIM115
        self._letters: list[str] = []
        # Texts recur in thousands of rows (library-derived): each one's markup and its line
        # count at a width are worked out once.
        self._markup: dict[str, str] = {}
        self._line_counts: dict[tuple[str, float], int] = {}

    def append(self, cells: Iterable[Cell]) -> None:
        cells = list(cells)
        row = str(self.next_row)
        lines = self._lines([value for value, _style in cells])
        height = f' ht="{lines * LINE_HEIGHT:g}" customHeight="1"' if lines > 1 else ""
        xml = [f'<row r="{row}"{height}>']
        for column, (value, style) in enumerate(cells):
            xml.append(self._cell(self._letter(column) + row, value, style))
        xml.append("</row>")
        self.width = max(self.width, len(xml) - 2)
        self._rows.write("".join(xml).encode("utf-8"))
        self.next_row += 1
        if len(self._markup) > CACHE_LIMIT or len(self._line_counts) > CACHE_LIMIT:
            self._markup.clear()
            self._line_counts.clear()

    def _lines(self, values: list[Any]) -> int:
        """The most lines any text of the row wraps into at its column's width."""
        most = 1
        counts = self._line_counts
        for value, width in zip(values, self.widths, strict=False):
            if isinstance(value, str) and value:
                lines = counts.get((value, width))
                if lines is None:
                    per_line = max(1, int(width * CHARACTERS_PER_WIDTH))
                    parts = value.split("\n")
                    lines = counts[value, width] = sum(-(-len(p) // per_line) or 1 for p in parts)
                if lines > most:
                    most = lines
        return most

    @property
    def last_row(self) -> int:
        return self.next_row - 1

    def xml(self) -> bytes:
        self._rows.seek(0)
        return self._rows.read()

    def write_into(self, stream: Any) -> None:
        """The rows' XML into ``stream``, a piece at a time (the archive's entry)."""
        self._rows.seek(0)
        shutil.copyfileobj(self._rows, stream, 1024 * 1024)

    def close(self) -> None:
        self._rows.close()

    def _letter(self, column: int) -> str:
        while len(self._letters) <= column:
            self._letters.append(get_column_letter(len(self._letters) + 1))
        return self._letters[column]

    def _cell(self, ref: str, value: Any, style: int) -> str:
        if value is None or value == "":
            return f'<c r="{ref}" s="{style}"/>'
        if isinstance(value, str):
            markup = self._markup.get(value)
            if markup is None:
                inner = self._rich(ref, value) if SECOND in value else self._text(ref, value)
                markup = self._markup[value] = f'" t="inlineStr"><is>{inner}</is>'
            return f'<c r="{ref}" s="{style}{markup}</c>'
        if isinstance(value, bool):
            return f'<c r="{ref}" s="{style}" t="b"><v>{int(value)}</v></c>'
        if isinstance(value, int | float | Decimal):  # Decimal: a cost in tenge
            return f'<c r="{ref}" s="{style}" t="n"><v>{float(value):.16g}</v></c>'
        if isinstance(value, date | datetime):
            return f'<c r="{ref}" s="{style}" t="n"><v>{to_excel(value):.16g}</v></c>'
        raise TypeError(f"cannot write {type(value).__name__} to a worksheet cell")

    def _rich(self, ref: str, value: str) -> str:
        """A bilingual text (``i18n.both``) as runs: the second language's lines grey, as the
        PDF draws them lighter."""
        runs = []
        for text, second in language_runs(value):
            font = f'<rPr><color rgb="{SECOND_COLOUR}"/></rPr>' if second else ""
            runs.append(f"<r>{font}{self._text(ref, text, preserve=True)}</r>")
        return "".join(runs)

    def _text(self, ref: str, text: str, preserve: bool = False) -> str:
        text = pictured(text, self._where(ref))
        if len(text) > EXCEL_TEXT_LIMIT:
            raise UserError(self._refusal(ref))
        escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if preserve or text != text.strip():
            return f'<t xml:space="preserve">{escaped}</t>'
        return f"<t>{escaped}</t>"

    def _where(self, ref: str) -> str:
        return _("cell {cell} of sheet “{sheet}”").format(cell=ref, sheet=self.sheet_title)

    def _refusal(self, ref: str) -> str:
        where = self._where(ref)
        return _("{where} holds more than {limit} characters, which a spreadsheet cannot "
                 "store; shorten the text and export again").format(
            where=where, limit=EXCEL_TEXT_LIMIT
        )  # fmt: skip


def language_runs(value: str) -> list[tuple[str, bool]]:
    """A bilingual text's lines as runs of (text, is the second language), without the marks;
    each run but the last ends with its line break."""
    runs: list[tuple[str, bool]] = []
    for line in value.split("\n"):
        second = line.startswith(SECOND)
        text = line[1:] if second else line
        if runs and runs[-1][1] == second:
            runs[-1] = (f"{runs[-1][0]}\n{text}", second)
        else:
            if runs:
                runs[-1] = (runs[-1][0] + "\n", runs[-1][1])
            runs.append((text, second))
    return runs


def pictured(text: str, where: str) -> str:
    """``text`` with each control character a spreadsheet cannot hold (one stored before the
    program refused them) written as its visible picture (U+0001 as ␁), and a note naming
    ``where``. Not refused: an approved revision cannot be corrected and its report must
    still be had; not dropped either, as the PDF does: the cell shows that the register's
    text is not what it shows."""
    if not ILLEGAL_CHARACTERS_RE.search(text):
        return text
    codes = sorted({ord(found) for found in ILLEGAL_CHARACTERS_RE.findall(text)})
    note(
        _("{where}: the control character(s) {codes}, which a spreadsheet cannot store, are "
          "shown as {pictures}; correct the text in the register").format(
            where=where, codes=", ".join(f"U+{code:04X}" for code in codes),
            pictures=" ".join(chr(CONTROL_PICTURES + code) for code in codes),
        )
    )  # fmt: skip
    return ILLEGAL_CHARACTERS_RE.sub(lambda found: chr(CONTROL_PICTURES + ord(found[0])), text)


def splice(workbook: bytes, bodies: dict[str, SheetRows], out: IO[bytes] | None = None) -> bytes:
    """The workbook with each sheet's body rows put after its header (``bodies`` maps the
    sheet's path in the archive, e.g. "xl/worksheets/sheet1.xml", to its rows), streamed into
    the archive's entry: the rows are never one string in memory. Written into ``out`` when
    given (then no bytes are returned): nor is the archive (61 MB at 100,000 hazards)."""
    output = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(workbook)) as source,
        zipfile.ZipFile(
            output if out is None else out, "w", zipfile.ZIP_DEFLATED, compresslevel=ZIP_LEVEL
        ) as target,
    ):
        for info in source.infolist():
            content = source.read(info)
            rows = bodies.get(info.filename)
            if rows is None:
                target.writestr(info, content, compresslevel=ZIP_LEVEL)
                continue
            end = _rows_end(content)
            with target.open(info.filename, "w", force_zip64=True) as entry:
                entry.write(content[:end])
                rows.write_into(entry)
                entry.write(content[end:])
    return output.getvalue() if out is None else b""


def _rows_end(sheet: bytes) -> int:
    """Where the sheet's rows go: before its one </sheetData>."""
    end = sheet.rfind(SHEET_DATA_END)
    if end < 0 or sheet.count(SHEET_DATA_END) != 1:
        raise RuntimeError("openpyxl wrote a worksheet without one </sheetData>")
    return end
