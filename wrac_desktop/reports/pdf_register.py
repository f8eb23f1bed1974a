"""The risk register as printed: approval stamp, header and legend, the hazards grouped under
site › division › workplace headings with one aligned sub-row per measure, the commission's
signatures with the checksum, and a workers' acknowledgement sheet per workplace."""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Iterator
from functools import partial
from typing import IO, Any, NamedTuple

from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Flowable, KeepTogether, PageBreak, Spacer

from wrac_desktop.i18n import Pair, in_each, part
from wrac_desktop.reports.columns import REGISTER, Column, RegisterLine, pdf_columns
from wrac_desktop.reports.columns import register_lines as lines_of
from wrac_desktop.reports.data import RegisterRow, ReportData
from wrac_desktop.reports.labels import label
from wrac_desktop.reports.pdf_base import (
    FONT,
    FONT_BOLD,
    Later,
    Pieces,
    body_height,
    build,
    styles,
)
from wrac_desktop.reports.pdf_blocks import (
    checksum_block,
    commission_block,
    legend,
    title_block,
    untranslated_note,
)
from wrac_desktop.reports.pdf_cells import (
    GRID_STYLE,
    SITE_FILL,
    WORKPLACE_FILL,
    cell_text,
    fills,
    grid_columns,
    heading_row,
    in_languages,
    split_text,
    wrapped_lines,
)
from wrac_desktop.reports.pdf_grid import Grid, GridRow, TextBlock, TextLine
from wrac_desktop.reports.pdf_photos import photo_appendix
from wrac_desktop.reports.reportlab_adapter import Lines
from wrac_desktop.reports.signature_places import SignaturePlace

UNKNOWN_HEADCOUNT_LINES = 20  # lines on the sheet of a workplace whose headcount is not known
ACKNOWLEDGEMENT_WIDTHS = (12, 80, 80, 35, 50)  # mm: No., full name, position, date, signature


def register_pdf(data: ReportData, page: str = "A4", out: IO[bytes] | None = None) -> bytes:
    """The register's PDF bytes, or none: written into ``out`` as it is made."""
    title = label("register_title", data.lang)
    return build(data, title, lambda doc, places: _story(data, doc, title, places), page, out=out)


def _story(
    data: ReportData, doc: BaseDocTemplate, title: str, places: list[SignaturePlace]
) -> list[Any]:
    st = styles()
    columns = pdf_columns(REGISTER)
    widths, head = grid_columns(doc, data.lang, columns)
    # The commission's signatures and the checksum of what they sign, on one page, never on
    # a page of their own: the last hazard goes on with them when they do not fit under it.
    # Made once the rows are printed (the rows stream; the note counts what they printed).
    closing = Later(
        lambda: [
            *untranslated_note(data, st),
            Spacer(1, 6 * mm),
            KeepTogether(
                [*commission_block(data, st, places), Spacer(1, 6 * mm), checksum_block(data, st)]
            ),
        ]
    )
    continued = label("continued", data.lang)
    sheets = _SheetNotes(data)
    rows = _rows(data, columns, widths, sheets)
    return [
        *title_block(data, title, st, places),
        Spacer(1, 3 * mm),
        *legend(data, st),
        Spacer(1, 4 * mm),
        Grid(GridRow(head), rows, widths, GRID_STYLE, body_height(doc), continued, closing),
        closing,
        Pieces(_acknowledgement_sheets(data, doc, sheets)),
        *photo_appendix(data, doc),
    ]


def _rows(
    data: ReportData,
    columns: list[Column[RegisterLine]],
    widths: list[float],
    sheets: _SheetNotes,
) -> Iterator[GridRow]:
    """The hazards under a heading per site › division and per workplace (with headcount),
    made as the layout takes them; what each workplace's sheet prints is noted on the way."""
    unit = workplace = None
    for row in data.rows:
        sheets.add(row)
        if row.unit_path != unit:
            unit, workplace = row.unit_path, None
            yield heading_row(unit, widths, SITE_FILL)
        if row.workplace_uuid != workplace:
            workplace = row.workplace_uuid
            heading = label("workplace_heading", data.lang).format(
                workplace=row.workplace, headcount=row.headcount
            )
            yield heading_row(heading, widths, WORKPLACE_FILL)
        yield hazard_row(columns, row, data.lang, widths)
    sheets.finish()


def hazard_row(
    columns: list[Column[RegisterLine]], row: RegisterRow, lang: str, widths: list[float]
) -> GridRow:
    """One hazard: its own cells once, its measures' cells stacked so that each measure's
    responsible person, deadline and status start on the measure's first line."""
    lines = lines_of(row)
    first = lines[0]
    shown = [in_languages(line, lang) for line in lines]  # each line in each language, once
    cells: list[tuple[str, ...]] = []
    colours: dict[int, str | None] = {}
    blocks: dict[int, list[tuple[str, ...]]] = {}
    for n, column in enumerate(columns):
        if column.measure:
            blocks[n] = [_cell(column, items, lang, widths[n]) for items in shown]
            cells.append(blocks[n][0])
        else:
            cells.append(_cell(column, shown[0], lang, widths[n]))
            if column.colour is not None:
                colours[n] = column.colour(first)
    if len(lines) == 1 or not blocks:
        return GridRow(cells, fills=fills(colours))
    heights = [max(len(cell[i]) for cell in blocks.values()) for i in range(len(lines))]
    for n, cell in blocks.items():
        stacked: tuple[str, ...] = ()
        for block, height in zip(cell, heights, strict=True):
            stacked += block + ("",) * (height - len(block))
        cells[n] = stacked
    rules = tuple(sum(heights[: i + 1]) for i in range(len(heights) - 1))
    return GridRow(cells, fills=fills(colours), rules=rules, rule_span=(min(blocks), max(blocks)))


def _cell(
    column: Column[RegisterLine], items: list[RegisterLine], lang: str, width: float
) -> Lines:
    return wrapped_lines(cell_text(column, items, lang), width)


# --- workers' acknowledgement ------------------------------------------------------------------
class SheetNote(NamedTuple):
    """What a workplace's acknowledgement sheet prints of its rows."""

    workplace: str
    unit_path: str
    headcount: int
    risky: tuple[tuple[str, str, str], ...]  # (hazard, initial class, residual class)


class _SheetNotes:
    """Each workplace's ``SheetNote``, noted as the grid's rows are made and kept in a
    temporary file until the sheets are laid out after the grid: the register's rows are read
    once, not again for the sheets (a fifth of a register's time, issue 22), and never held."""

    def __init__(self, data: ReportData) -> None:
        self._serious = {band.key for band in data.matrix.bands if not band.tolerable}
        self._file: IO[bytes] = tempfile.TemporaryFile(prefix="wrac-sheets-")  # noqa: SIM115
        self._workplace: str | None = None
        self._note: SheetNote | None = None
        self._risky: list[tuple[str, str, str]] = []
        self.finished = False

    def add(self, row: RegisterRow) -> None:
        if row.workplace_uuid != self._workplace:
            self._write()
            self._workplace = row.workplace_uuid
            self._note = SheetNote(row.workplace, row.unit_path, row.headcount, ())
        if {row.initial.band_key, row.residual.band_key} & self._serious:
            self._risky.append(risky_of(row))

    def _write(self) -> None:
        if self._note is not None:
            note = self._note._replace(risky=tuple(self._risky))
            pickle.dump(_kept(note), self._file)
        self._note, self._risky = None, []

    def finish(self) -> None:
        self._write()
        self.finished = True

    def __iter__(self) -> Iterator[SheetNote]:
        if not self.finished:
            raise RuntimeError("the sheets are laid out before the register's rows")
        self._file.seek(0)
        try:
            while True:
                try:
                    kept = pickle.load(self._file)  # noqa: S301 - our own notes of this document
                    yield _restored(kept)
                except EOFError:
                    return
        finally:
            self._file.close()


def _kept(value: Any) -> Any:
    """``value`` as pickle keeps it: a program text in two languages (``Pair``, whose
    halves pickle drops) as a list of its halves."""
    if isinstance(value, Pair):
        return list(value.parts)
    if isinstance(value, tuple):
        return (
            type(value)(*map(_kept, value))
            if hasattr(value, "_fields")
            else tuple(map(_kept, value))
        )
    return value


def _restored(value: Any) -> Any:
    """What ``_kept`` kept, as it was."""
    if isinstance(value, list):
        return Pair(*value)
    if isinstance(value, tuple):
        restored = map(_restored, value)
        return type(value)(*restored) if hasattr(value, "_fields") else tuple(restored)
    return value


def _acknowledgement_sheets(
    data: ReportData, doc: BaseDocTemplate, sheets: _SheetNotes
) -> Iterator[list[Flowable]]:
    """A sheet per workplace: its high and significant risks, then a line per worker; made
    one at a time as the layout reaches it."""
    widths = [w * mm for w in ACKNOWLEDGEMENT_WIDTHS]
    keys = ("no", "full_name", "position", "date", "signature")
    head = GridRow(
        [wrapped_lines(label(k, data.lang), w) for k, w in zip(keys, widths, strict=True)]
    )
    for note in sheets:
        count = note.headcount or UNKNOWN_HEADCOUNT_LINES
        lines = [GridRow([(str(n), ""), *[("", "")] * 4]) for n in range(1, count + 1)]
        sheet = Grid(head, lines, widths, GRID_STYLE, body_height(doc))
        yield [PageBreak(), *_sheet_top(data, note, sum(widths)), sheet]


def _sheet_top(data: ReportData, note: SheetNote, width: float) -> list[Flowable]:
    lang = data.lang
    place = in_each(
        lang,
        lambda one, n: (
            f"{label('workplace', one)}: {part(note.workplace, n)} ({part(note.unit_path, n)})"
        ),
    )
    listed = [in_each(lang, partial(_risky_line, risky)) for risky in note.risky] or [
        label("no_high_hazards", lang)
    ]
    title = label("acknowledgement", lang).split("\n")
    lines = [TextLine(line, FONT_BOLD, 14, centred=True) for line in title]
    lines += _wrapped(place, FONT_BOLD, 9, width)
    lines += _wrapped(
        in_each(lang, lambda one, _h: f"{label('high_hazards', one)}:"), FONT_BOLD, 9, width
    )
    for text in listed:
        lines += _wrapped(text, FONT, 7.5, width)
    lines += _wrapped(label("acknowledged_text", lang), FONT, 9, width)
    return [TextBlock(lines, width, space_after=3 * mm)]


def risky_of(row: RegisterRow) -> tuple[str, str, str]:
    """What a sheet lists of a high or significant risk: the hazard and its two classes."""
    return row.hazard, row.initial.band_name, row.residual.band_name


def _risky_line(risky: tuple[str, str, str], _lang: str, half: int) -> str:
    """ "• Hazard — High → Significant": its initial and residual classes, those it has."""
    hazard, initial, residual = risky
    classes = [part(initial, half), part(residual, half)]
    return f"• {part(hazard, half)} — {' → '.join(name for name in classes if name)}"


def _wrapped(text: str, font: str, size: float, width: float) -> list[TextLine]:
    return [TextLine(line, font, size) for line in split_text(text, font, size, width)]
