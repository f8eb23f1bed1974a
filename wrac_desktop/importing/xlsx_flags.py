"""Cells of an .xlsx that the value reader shows as empty although they are not.

The fast reader (calamine) gives an empty value for an error cell (#DIV/0!, #N/A, …) and for
a formula whose result was never saved (a file written by a program that does not calculate).
Both deserve a warning, so the sheet's XML is scanned for them: a regular expression over the
raw part, which costs a few milliseconds even on a 10,000-row sheet.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree

from wrac_desktop.i18n import _
from wrac_desktop.importing.xlsx_limits import ARCHIVE_ERRORS

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_ERROR = re.compile(
    r'<c r="([A-Z]+)(\d+)"[^>]*?t="e"[^>]*>(?:<f[^>]*>[^<]*</f>|<f[^>]*/>)?<v>([^<]*)</v>'
)
_UNSAVED = re.compile(
    r'<c r="([A-Z]+)(\d+)"[^>]*>(?:<f[^>]*>([^<]*)</f>|<f[^>]*/>)(?:<v\s*/>|<v></v>)?</c>'
)

Flags = dict[tuple[int, int], str]  # (row number, column index from 0) → warning


def flagged_cells(path: Path, sheet_name: str) -> Flags:
    """Error values and unsaved formulas of one sheet; empty if the archive is unusual."""
    try:
        with zipfile.ZipFile(path) as archive:
            part = sheet_part(archive, sheet_name)
            if part is None:
                return {}
            text = archive.read(part).decode("utf-8", errors="replace")
    except (ElementTree.ParseError, *ARCHIVE_ERRORS):
        return {}
    flags: Flags = {}
    for match in _ERROR.finditer(text):
        flags[_cell(match)] = _("error value {value} read as empty").format(value=match.group(3))
    for match in _UNSAVED.finditer(text):
        flags[_cell(match)] = _(
            "formula ={formula} has no saved result (open and save the file in Excel); "
            "read as empty"
        ).format(formula=match.group(3) or "")
    return flags


def column_index(letters: str) -> int:
    """0 for A, 25 for Z, 26 for AA."""
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - ord("A") + 1
    return index - 1


def column_letter(index: int) -> str:
    """ "A" for 0, "AA" for 26."""
    letters, number = "", index + 1
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def _cell(match: re.Match[str]) -> tuple[int, int]:
    return int(match.group(2)), column_index(match.group(1))


def sheet_part(archive: zipfile.ZipFile, sheet_name: str) -> str | None:
    """The archive's name of the part holding sheet ``sheet_name`` (None: not found)."""
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    relations = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target", "") for rel in relations}
    for sheet in workbook.iter(f"{_MAIN}sheet"):
        if sheet.get("name") == sheet_name:
            target = targets.get(sheet.get(_REL), "")
            return (
                target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl", target))
            )
    return None
