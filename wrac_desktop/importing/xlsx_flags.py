"""Cell references (A1 letters) and where a named sheet lies in an .xlsx archive."""

from __future__ import annotations

import zipfile
from pathlib import PurePosixPath
from xml.etree import ElementTree

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


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


def sheet_titles(archive: zipfile.ZipFile) -> list[str]:
    """The workbook's sheet names, in its order."""
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    return [sheet.get("name", "") for sheet in workbook.iter(f"{_MAIN}sheet")]
