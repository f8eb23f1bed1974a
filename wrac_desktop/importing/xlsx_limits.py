"""An .xlsx is checked before the fast reader sees it: a hostile file is refused, not read.

The reader (calamine) trusts a workbook. A 2 MB archive whose sheet inflates to 2 GiB of
whitespace took 4 GB of memory and 100 s before failing, and one value in cell XFD1048576
made it allocate 512 GiB and abort the process (issue 23). So before reading:

- the archive's declared sizes: at most ``MAX_UNCOMPRESSED`` in all, and no part over
  ``RATIO_FROM`` that inflates more than ``MAX_RATIO`` times (real sheets stay near 10:1);
- every part is inflated once as a stream, counting bytes, so a size the archive lies about
  shows as a damaged part instead of a surprise;
- the coordinates of the sheet's non-empty cells, since the reader builds a grid from A1 to
  the farthest one. The sheet's declared ``<dimension>`` is not trusted either way: the reader
  ignores it, and Excel's used range counts formatted empty cells, so refusing a file for it
  would refuse genuine registers.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

from wrac_desktop.i18n import _

MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_RATIO = 100
RATIO_FROM = 1024 * 1024  # a smaller part cannot hurt, whatever its ratio
MAX_PARTS = 10_000
MAX_GRID_CELLS = 5_000_000  # 50,000 rows × 100 columns; the reader holds the grid in memory
_CHUNK = 1024 * 1024
_MAX_TAG = 64 * 1024
# What reading a damaged archive raises besides BadZipFile (found by the fuzz run: a flipped
# byte in a deflate stream is a zlib.error; an encrypted entry a RuntimeError).
ARCHIVE_ERRORS = (
    zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, NotImplementedError,
    ValueError, KeyError,
)  # fmt: skip
_TAG = re.compile(r"<(?:[A-Za-z_][\w.-]*:)?(row|c)(\s[^<>]*)?>")
_REF = re.compile(r'\br="([A-Za-z]{1,3})?([0-9]{1,7})?"')


class HostileArchive(Exception):
    """The archive is refused before reading; ``message`` says why (without the file name)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def check_archive(path: Path) -> None:
    """Refuse an archive that would inflate past the limits, by its directory, then by content."""
    with zipfile.ZipFile(path) as archive:
        parts = archive.infolist()
        _check_declared(parts)
        for part in parts:
            if part.file_size:
                _inflate_counting(archive, part)


def check_sheet_grid(path: Path, part_name: str, max_rows: int) -> None:
    """Refuse a sheet with a non-empty cell beyond ``max_rows`` or past the grid limit."""
    with zipfile.ZipFile(path) as archive, archive.open(part_name) as stream:
        last_row = last_column = 0
        for reference, row, column in _filled_cells(_chunks(stream)):
            if row > max_rows:
                raise HostileArchive(
                    _("cell {cell} lies below row {most:,}, the last row an import reads").format(
                        cell=reference, most=max_rows
                    )
                )
            last_row, last_column = max(last_row, row), max(last_column, column)
            if last_row * last_column > MAX_GRID_CELLS:
                raise HostileArchive(
                    _(
                        "cell {cell} lies too far from A1: the sheet would span {rows:,} rows × "
                        "{columns:,} columns (at most {most:,} cells); delete what is there "
                        "and save the file again"
                    ).format(
                        cell=reference, rows=last_row, columns=last_column, most=MAX_GRID_CELLS
                    )
                )


def _check_declared(parts: list[zipfile.ZipInfo]) -> None:
    if len(parts) > MAX_PARTS:
        raise HostileArchive(_("the archive holds {count:,} parts").format(count=len(parts)))
    total = sum(part.file_size for part in parts)
    if total > MAX_UNCOMPRESSED:
        raise HostileArchive(
            _("it would inflate to {size:,} MB (at most {most:,} MB are read)").format(
                size=total // 2**20, most=MAX_UNCOMPRESSED // 2**20
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


def _inflate_counting(archive: zipfile.ZipFile, part: zipfile.ZipInfo) -> None:
    # zipfile stops at the declared size and checks the CRC: a lie raises BadZipFile.
    with archive.open(part) as stream:
        for _chunk in _chunks(stream):
            pass


def _chunks(stream: object) -> Iterator[bytes]:
    read = stream.read  # type: ignore[attr-defined]
    while chunk := read(_CHUNK):
        yield chunk


def _filled_cells(chunks: Iterator[bytes]) -> Iterator[tuple[str, int, int]]:
    """(reference, row, column from 1) of each cell with content, also where ``r`` is left out."""
    row = column = 0
    carry = ""
    for chunk in chunks:
        text = carry + chunk.decode("utf-8", errors="replace")
        cut = text.rfind("<")  # a tag may straddle two chunks: keep its start for the next
        text, carry = (text[:cut], text[cut:]) if cut >= 0 else (text, "")
        if len(carry) > _MAX_TAG:  # no real tag is that long: do not carry (and copy) it on
            text, carry = text + carry, ""
        for match in _TAG.finditer(text):
            attributes = match.group(2) or ""
            letters, number = _reference(attributes)
            if match.group(1) == "row":
                row, column = number or row + 1, 0
                continue
            row, column = number or row, _column(letters) if letters else column + 1
            if not attributes.rstrip().endswith("/"):
                yield f"{_letters(column)}{row}", row, column


def _reference(attributes: str) -> tuple[str, int]:
    found = _REF.search(attributes)
    if not found:
        return "", 0
    return (found.group(1) or "").upper(), int(found.group(2) or 0)


def _column(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def _letters(column: int) -> str:
    letters = ""
    while column:
        column, remainder = divmod(column - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters
