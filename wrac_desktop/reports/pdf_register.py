"""The risk register as printed: approval stamp, header and legend, the hazards grouped under
site › division › workplace headings with one aligned sub-row per measure, the commission's
signatures with the checksum, and a workers' acknowledgement sheet per workplace."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from itertools import groupby
from typing import IO, Any

from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Flowable, KeepTogether, PageBreak, Spacer

from wrac_desktop.i18n import in_each, part
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
    rows = _rows(data, columns, widths)
    return [
        *title_block(data, title, st, places),
        Spacer(1, 3 * mm),
        *legend(data, st),
        Spacer(1, 4 * mm),
        Grid(GridRow(head), rows, widths, GRID_STYLE, body_height(doc), continued, closing),
        closing,
        Pieces(_acknowledgement_sheets(data, doc)),
        *photo_appendix(data, doc),
    ]


def _rows(
    data: ReportData, columns: list[Column[RegisterLine]], widths: list[float]
) -> Iterator[GridRow]:
    """The hazards under a heading per site › division and per workplace (with headcount),
    made as the layout takes them."""
    unit = workplace = None
    for row in data.rows:
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
def _acknowledgement_sheets(data: ReportData, doc: BaseDocTemplate) -> Iterator[list[Flowable]]:
    """A sheet per workplace: its high and significant risks, then a line per worker; made
    one at a time as the layout reaches it (a workplace's rows follow one another)."""
    serious = {band.key for band in data.matrix.bands if not band.tolerable}
    widths = [w * mm for w in ACKNOWLEDGEMENT_WIDTHS]
    keys = ("no", "full_name", "position", "date", "signature")
    head = GridRow(
        [wrapped_lines(label(k, data.lang), w) for k, w in zip(keys, widths, strict=True)]
    )
    for _workplace, rows in groupby(data.rows, key=lambda row: row.workplace_uuid):
        shown = list(rows)
        count = shown[0].headcount or UNKNOWN_HEADCOUNT_LINES
        lines = [GridRow([(str(n), ""), *[("", "")] * 4]) for n in range(1, count + 1)]
        sheet = Grid(head, lines, widths, GRID_STYLE, body_height(doc))
        yield [PageBreak(), *_sheet_top(data, shown, serious, sum(widths)), sheet]


def _sheet_top(
    data: ReportData, rows: list[RegisterRow], serious: set[str], width: float
) -> list[Flowable]:
    lang, first = data.lang, rows[0]
    place = in_each(
        lang,
        lambda one, n: (
            f"{label('workplace', one)}: {part(first.workplace, n)} ({part(first.unit_path, n)})"
        ),
    )
    risky = [r for r in rows if {r.initial.band_key, r.residual.band_key} & serious]
    listed = [in_each(lang, partial(_risky_line, r)) for r in risky] or [
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


def _risky_line(row: RegisterRow, _lang: str, half: int) -> str:
    """ "• Hazard — High → Significant": its initial and residual classes, those it has."""
    classes = [part(row.initial.band_name, half), part(row.residual.band_name, half)]
    return f"• {part(row.hazard, half)} — {' → '.join(name for name in classes if name)}"


def _wrapped(text: str, font: str, size: float, width: float) -> list[TextLine]:
    return [TextLine(line, font, size) for line in split_text(text, font, size, width)]
