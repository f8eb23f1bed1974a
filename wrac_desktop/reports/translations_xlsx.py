"""The translator's workbook (``wrac translations --export``, issue 16 item 6): one row per
text of a revision, its kk, ru and en values side by side, to fill in Excel and import back.

What the translator may not change is grey (the text ID, where the text is used, the
register's own text); an empty cell to fill is yellow, a translation to check orange. The
second sheet says what the file is and how it is read back. Written row by row (openpyxl's
write-only mode): a register's 50,000 distinct texts stay within bounded memory.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

import openpyxl
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill

from wrac_desktop.languages import TEXT_LANGUAGES

COLUMNS = ("id", "used_in", "lang", *TEXT_LANGUAGES, "check")
WIDTHS = {"id": 12, "used_in": 28, "lang": 9, "kk": 48, "ru": 48, "en": 48, "check": 12}
_WRAP = Alignment(wrap_text=True, vertical="top")
_FIXED = PatternFill("solid", fgColor="EDEDED")  # the register's: not the translator's to change
_EMPTY = PatternFill("solid", fgColor="FFF4C2")  # to translate
_CHECK = PatternFill("solid", fgColor="FFD8A8")  # to check: the text changed in another language
_GREY = Font(color="666666")


class SheetText(NamedTuple):
    """One text of the revision as the sheet shows it."""

    key: str  # the text's ID, read back on import
    used_in: str  # where the register prints it ("hazard 12: Unwanted event")
    lang: str  # the language the register's own text is written in
    values: dict[str, str]  # language → text ("" where missing)
    unchecked: frozenset[str]


@dataclass(frozen=True)
class TranslationBook:
    """What the workbook holds: the sheet's title, column titles, the texts, and the notes."""

    sheet_title: str
    titles: dict[str, str]  # column key → title
    texts: Iterable[SheetText]
    about_title: str
    about: Sequence[tuple[str, str]]  # label, value


def workbook_bytes(book: TranslationBook) -> bytes:
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(book.sheet_title)
    for index, key in enumerate(COLUMNS):
        sheet.column_dimensions[_letter(index)].width = WIDTHS[key]
    sheet.freeze_panes = "D2"
    sheet.append([_cell(sheet, book.titles[key], bold=True) for key in COLUMNS])
    for text in book.texts:
        sheet.append(_row(sheet, text))
    _about(workbook, book)
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def _row(sheet: Any, text: SheetText) -> list[WriteOnlyCell]:
    cells = [
        _cell(sheet, text.key, fill=_FIXED, font=_GREY),
        _cell(sheet, text.used_in, fill=_FIXED, font=_GREY),
        _cell(sheet, text.lang, fill=_FIXED),
    ]
    for lang in TEXT_LANGUAGES:
        value = text.values.get(lang, "")
        fill = _FIXED if lang == text.lang else _CHECK if lang in text.unchecked else None
        cells.append(_cell(sheet, value, fill=fill if value else _EMPTY))
    cells.append(_cell(sheet, " ".join(sorted(text.unchecked))))
    return cells


def _about(workbook: Any, book: TranslationBook) -> None:
    sheet = workbook.create_sheet(book.about_title)
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 100
    for label, value in book.about:
        sheet.append([_cell(sheet, label, bold=True), _cell(sheet, value)])


def _cell(
    sheet: Any,
    value: str,
    *,
    bold: bool = False,
    fill: PatternFill | None = None,
    font: Font | None = None,
) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=value or None)
    cell.alignment = _WRAP
    if bold:
        cell.font = Font(bold=True)
    elif font is not None:
        cell.font = font
    if fill is not None:
        cell.fill = fill
    # Text only, never a formula or a number: a translation starting with "=" stays a text.
    if value:
        cell.data_type = "s"
    return cell


def _letter(index: int) -> str:
    return chr(ord("A") + index)
