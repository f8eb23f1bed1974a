"""An .xlsx is checked before its sheet is read: a hostile file is refused, not read.

The reader before (calamine) trusted a workbook. A 2 MB archive whose sheet inflated to 2 GiB
of whitespace took 4 GB of memory and 100 s before failing, and one value in cell XFD1048576
made it allocate 512 GiB and abort the process (issue 23). So before reading:

- the archive's declared sizes: at most ``MAX_UNCOMPRESSED`` in all, and no part over
  ``RATIO_FROM`` that inflates more than ``MAX_RATIO`` times (real sheets stay near 10:1);
- every part is inflated once as a stream, counting bytes, so a size the archive lies about
  shows as a damaged part instead of a surprise;
- and while the sheet streams in (``GridLimits``), the coordinates of its non-empty cells: a
  cell below the last row an import reads, or so far from A1 that no register spans it, is
  refused as it is met, before anything is written. The sheet's declared ``<dimension>`` is not
  trusted either way: Excel's used range counts formatted empty cells, so refusing a file for
  it would refuse genuine registers.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

from wrac_desktop.i18n import _
from wrac_desktop.importing.xlsx_flags import column_letter

# A 100,000-hazard register's export (150,000 rows) inflates to 307 MB; the sheet streams, so
# this bounds the time spent inflating (about 3 s a gigabyte), not memory.
MAX_UNCOMPRESSED = 1024 * 1024 * 1024
# The shared strings are held whole (a cell names one by number, anywhere in the sheet): the
# whole archive's limit before the sheet streamed.
MAX_SHARED_STRINGS = 200 * 1024 * 1024
MAX_RATIO = 100
RATIO_FROM = 1024 * 1024  # a smaller part cannot hurt, whatever its ratio
MAX_PARTS = 10_000
MAX_GRID_CELLS = 20_000_000  # 200,000 rows × 100 columns: far more than any register spans
_CHUNK = 1024 * 1024
_MERGED = re.compile(
    rb'<(?:[A-Za-z_][\w.-]*:)?mergeCell\s[^<>]*?\bref="([A-Z]{1,3}[0-9]{1,7}:[A-Z]{1,3}[0-9]{1,7})"'
)
_MAX_TAG = 4096  # a mergeCell tag is far shorter
# What reading a damaged archive raises besides BadZipFile (found by the fuzz run: a flipped
# byte in a deflate stream is a zlib.error; an encrypted entry a RuntimeError).
ARCHIVE_ERRORS = (
    zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, NotImplementedError,
    ValueError, KeyError,
)  # fmt: skip


class HostileArchive(Exception):
    """The archive is refused before reading; ``message`` says why (without the file name)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def check_archive(path: Path) -> dict[str, list[str]]:
    """Refuse an archive that would inflate past the limits, by its directory, then by content.

    Returns each worksheet part's merged ranges ("B7:B9"), found on the way: a sheet lists them
    after its rows, and a reader that streams the rows needs them before the first.
    """
    merged: dict[str, list[str]] = {}
    with zipfile.ZipFile(path) as archive:
        parts = archive.infolist()
        check_declared(parts)
        for part in parts:
            if part.file_size:
                merged[part.filename] = _inflate_counting(archive, part)
    return merged


class GridLimits:
    """The farthest filled cell met so far while a sheet streams in; refuses one that lies
    below ``max_rows`` or so far from A1 that the sheet would span more than the grid limit."""

    def __init__(self, max_rows: int) -> None:
        self.max_rows = max_rows
        self.last_row = self.last_column = 0

    def filled(self, row: int, column: int) -> None:
        """A cell with content at ``row`` and ``column`` (both from 1)."""
        if row > self.max_rows:
            raise HostileArchive(
                _("cell {cell} lies below row {most:,}, the last row an import reads").format(
                    cell=_reference(row, column), most=self.max_rows
                )
            )
        self.last_row, self.last_column = max(self.last_row, row), max(self.last_column, column)
        if self.last_row * self.last_column > MAX_GRID_CELLS:
            raise HostileArchive(
                _(
                    "cell {cell} lies too far from A1: the sheet would span {rows:,} rows × "
                    "{columns:,} columns (at most {most:,} cells); delete what is there "
                    "and save the file again"
                ).format(
                    cell=_reference(row, column),
                    rows=self.last_row,
                    columns=self.last_column,
                    most=MAX_GRID_CELLS,
                )  # fmt: skip
            )


def check_declared(parts: list[zipfile.ZipInfo]) -> None:
    if len(parts) > MAX_PARTS:
        raise HostileArchive(_("the archive holds {count:,} parts").format(count=len(parts)))
    total = sum(part.file_size for part in parts)
    if total > MAX_UNCOMPRESSED:
        raise HostileArchive(
            _("it would inflate to {size:,} MB (at most {most:,} MB are read)").format(
                size=total // 2**20, most=MAX_UNCOMPRESSED // 2**20
            )
        )
    strings = sum(part.file_size for part in parts if part.filename.endswith("sharedStrings.xml"))
    if strings > MAX_SHARED_STRINGS:  # held whole while the sheet streams
        raise HostileArchive(
            _("it would inflate to {size:,} MB (at most {most:,} MB are read)").format(
                size=strings // 2**20, most=MAX_SHARED_STRINGS // 2**20
            )
        )
    for part in parts:
        ratio = part.file_size / max(part.compress_size, 1)
        if part.file_size > RATIO_FROM and ratio > MAX_RATIO:
            raise HostileArchive(
                _("part {part} inflates {ratio:,.0f} times (a zip bomb?)").format(
                    part=part.filename, ratio=ratio
                )
            )


def _inflate_counting(archive: zipfile.ZipFile, part: zipfile.ZipInfo) -> list[str]:
    # zipfile stops at the declared size and checks the CRC: a lie raises BadZipFile.
    merged: list[str] = []
    carry = b""
    with archive.open(part) as stream:
        for chunk in _chunks(stream):
            text, carry = _whole_tags(carry + chunk)
            merged += [ref.decode("ascii") for ref in _MERGED.findall(text)]
    return merged


def _whole_tags(text: bytes) -> tuple[bytes, bytes]:
    """``text`` up to a tag cut in two by the chunk's end, and that tag's start (kept for the
    next chunk; no longer than any tag looked for)."""
    cut = text.rfind(b"<")
    if cut < 0 or text.find(b">", cut) >= 0:
        return text, b""
    return text[:cut], text[cut:][-_MAX_TAG:]


def _chunks(stream: object) -> Iterator[bytes]:
    read = stream.read  # type: ignore[attr-defined]
    while chunk := read(_CHUNK):
        yield chunk


def _reference(row: int, column: int) -> str:
    return f"{column_letter(column - 1)}{row}"
