"""The printed documents: the risk register (with its signature pages), the elimination plan
(roadmap measures 1 and 18) and the risk-matrix heat maps."""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from typing import Any

from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.platypus import (
    BaseDocTemplate,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from wrac_desktop.i18n import pick
from wrac_desktop.reports.columns import (
    PLAN,
    REGISTER,
    Column,
    T,
    as_text,
    pdf_columns,
    plan_items,
)
from wrac_desktop.reports.data import ReportData
from wrac_desktop.reports.labels import label
from wrac_desktop.reports.pdf_base import (
    FONT,
    FONT_BOLD,
    approval_block,
    body_height,
    build,
    escape,
    header_block,
    legend,
    qr_code,
    styles,
)
from wrac_desktop.reports.pdf_grid import Grid, GridRow, GridStyle

ACKNOWLEDGEMENT_LINES = 20  # as many as fit on the sheet's one page
GRID = [
    ("GRID", (0, 0), (-1, -1), 0.3, colors.grey),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8E8E8")),
    ("LEFTPADDING", (0, 0), (-1, -1), 2),
    ("RIGHTPADDING", (0, 0), (-1, -1), 2),
]


CELL_FONT_SIZE, CELL_LEADING = 7.0, 8.4


GRID_STYLE = GridStyle(FONT, FONT_BOLD, CELL_FONT_SIZE, CELL_LEADING)


def _fills(colours: dict[int, str | None]) -> dict[int, str]:
    return {column: colour for column, colour in colours.items() if colour}


@lru_cache(maxsize=50_000)  # the same tuple for the same text, so encoded cells are reused
def wrapped_lines(text: str, width: float, font: str = FONT) -> tuple[str, ...]:
    return tuple(wrapped(text, width, font).split("\n"))


@lru_cache(maxsize=50_000)  # library-derived texts recur in thousands of rows
def wrapped(text: str, width: float, font: str = FONT) -> str:
    """Text broken into lines that fit ``width``: plain strings in table cells are drawn far
    faster than Paragraphs (31.8 s with Paragraphs for a 10,000-hazard register)."""
    lines: list[str] = []
    for part in (text or "").split("\n"):
        lines += simpleSplit(part, font, CELL_FONT_SIZE, width - 5) or [""]
    return "\n".join(lines)


# --- risk register -----------------------------------------------------------------------------
def register_pdf(data: ReportData, page: str = "A4") -> bytes:
    title = label("register_title", data.lang)
    return build(data, title, lambda doc: _register_story(data, doc, title), page)


def _register_story(data: ReportData, doc: BaseDocTemplate, title: str) -> list[Any]:
    st = styles()
    columns = pdf_columns(REGISTER)
    widths, head = _columns(doc, data, columns)
    story: list[Any] = [
        Paragraph(escape(title), st["title"]),
        header_block(data, st),
        Spacer(1, 3 * mm),
        legend(data, st),
        Spacer(1, 4 * mm),
    ]
    rows = [_grid_row(columns, row, data.lang, widths) for row in data.rows]
    story.append(Grid(GridRow(head), rows, widths, GRID_STYLE, body_height(doc)))
    story += _team(data, st) + [PageBreak()] + _signatures(data, st)
    return story


def _grid_row(columns: list[Column[T]], item: T, lang: str, widths: list[float]) -> GridRow:
    """One item's cells as wrapped lines, with the columns' background colours."""
    cells = [
        wrapped_lines(as_text(column.value(item, lang), lang), width)
        for column, width in zip(columns, widths, strict=True)
    ]
    return GridRow(cells, fills=_fills({n: c.fill(item) for n, c in enumerate(columns)}))


def _team(data: ReportData, st: dict[str, ParagraphStyle]) -> list[Any]:
    lang = data.lang
    head = [
        Paragraph(escape(label(k, lang)), st["head"]) for k in ("full_name", "position", "role")
    ]
    rows = [
        [Paragraph(escape(v), st["cell"]) for v in (m.name, m.position, m.role)] for m in data.team
    ]
    table = Table([head, *rows], colWidths=[70 * mm, 90 * mm, 50 * mm], hAlign="LEFT")
    table.setStyle(TableStyle(GRID))
    return [
        Spacer(1, 5 * mm),
        KeepTogether(
            [Paragraph(escape(label("team", lang)), st["bold"]), Spacer(1, 2 * mm), table]
        ),
    ]


def _signatures(data: ReportData, st: dict[str, ParagraphStyle]) -> list[Any]:
    lang = data.lang
    sign = f"{escape(label('signature', lang))}: ____________________"
    members = [
        [
            Paragraph(escape(m.name), st["text"]),
            Paragraph(escape(m.position), st["text"]),
            Paragraph(sign, st["text"]),
        ]
        for m in data.team
    ]
    team = Table(members, colWidths=[70 * mm, 90 * mm, 70 * mm], hAlign="LEFT")
    team.setStyle(TableStyle([("BOTTOMPADDING", (0, 0), (-1, -1), 8)]))
    proof = Table(
        [
            [
                qr_code(data.fingerprint),
                Paragraph(
                    f"{escape(label('fingerprint', lang))}:<br/>"
                    f"<font name='{FONT_BOLD}'>{data.fingerprint}</font>",
                    st["text"],
                ),
            ]
        ],
        colWidths=[45 * mm, 180 * mm],
        hAlign="LEFT",
    )
    proof.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    return [
        approval_block(data, st),
        Spacer(1, 8 * mm),
        Paragraph(escape(label("team", lang)), st["bold"]),
        Spacer(1, 3 * mm),
        team,
        Spacer(1, 8 * mm),
        proof,
        PageBreak(),
    ] + _acknowledgement(data, st)


def _acknowledgement(data: ReportData, st: dict[str, ParagraphStyle]) -> list[Any]:
    lang = data.lang
    keys = ("no", "full_name", "position", "date", "signature")
    head = [Paragraph(escape(label(k, lang)), st["head"]) for k in keys]
    rows = [[str(n), "", "", "", ""] for n in range(1, ACKNOWLEDGEMENT_LINES + 1)]
    table = Table(
        [head, *rows],
        colWidths=[12 * mm, 80 * mm, 80 * mm, 35 * mm, 50 * mm],
        rowHeights=[None] + [7.5 * mm] * ACKNOWLEDGEMENT_LINES,
        repeatRows=1,
    )
    table.setStyle(TableStyle(GRID + [("FONT", (0, 1), (-1, -1), FONT, 8)]))
    return [
        Paragraph(escape(label("acknowledgement", lang)), st["title"]),
        Paragraph(escape(label("acknowledged_text", lang)), st["text"]),
        Spacer(1, 4 * mm),
        table,
    ]


# --- elimination plan --------------------------------------------------------------------------
def plan_pdf(data: ReportData, page: str = "A4") -> bytes:
    title = label("plan_title", data.lang)
    return build(data, title, lambda doc: _plan_story(data, doc, title), page)


def _plan_story(data: ReportData, doc: BaseDocTemplate, title: str) -> list[Any]:
    st = styles()
    columns = pdf_columns(PLAN)
    widths, head = _columns(doc, data, columns)
    story: list[Any] = [
        approval_block(data, st),
        Paragraph(escape(title), st["title"]),
        header_block(data, st),
        Spacer(1, 4 * mm),
    ]
    rows = []
    for workplace, item in plan_items(data.plan_lines()):
        if item is None:  # a workplace heading across the table
            heading = wrapped_lines(workplace, sum(widths), FONT_BOLD)
            rows.append(GridRow([heading] + [()] * (len(widths) - 1), span_fill="#F4F4F4"))
        else:
            rows.append(_grid_row(columns, item, data.lang, widths))
    story.append(Grid(GridRow(head), rows, widths, GRID_STYLE, body_height(doc)))
    return story


def _columns(
    doc: BaseDocTemplate, data: ReportData, columns: list[Column[T]]
) -> tuple[list[float], list[tuple[str, ...]]]:
    """Column widths scaled to the page, and the header cells as wrapped lines (the grid sets
    them in bold and repeats them on every page)."""
    scale = doc.width / (sum(column.pdf_mm for column in columns) * mm)
    widths = [column.pdf_mm * mm * scale for column in columns]
    head = [
        wrapped_lines(column.heading(data.lang), width, FONT_BOLD)
        for column, width in zip(columns, widths, strict=True)
    ]
    return widths, head


# --- matrix heat maps --------------------------------------------------------------------------
def matrix_pdf(data: ReportData, page: str = "A4") -> bytes:
    title = label("matrix_title", data.lang)
    return build(data, title, lambda doc: _matrix_story(data, title), page)


def _matrix_story(data: ReportData, title: str) -> list[Any]:
    st = styles()
    maps = Table([[_heat_map(data, "initial"), _heat_map(data, "residual")]], hAlign="CENTER")
    return [
        Paragraph(escape(title), st["title"]),
        header_block(data, st),
        Spacer(1, 4 * mm),
        maps,
        Spacer(1, 4 * mm),
        legend(data, st),
    ]


def _heat_map(data: ReportData, stage: str) -> Drawing:
    """A vector heat map: hazards per (likelihood, severity) cell, coloured by class."""
    matrix, lang = data.matrix, data.lang
    counts = Counter((getattr(r, stage).likelihood, getattr(r, stage).severity) for r in data.rows)
    rows, columns = list(reversed(matrix.likelihood.levels)), matrix.severity.levels
    cell, left, bottom = 10 * mm, 34 * mm, 14 * mm
    drawing = Drawing(left + cell * len(columns) + 4, bottom + cell * len(rows) + 12 * mm)
    title = label("initial_risk" if stage == "initial" else "residual_risk", lang)
    drawing.add(
        String(left, bottom + cell * len(rows) + 5 * mm, title, fontName=FONT_BOLD, fontSize=10)
    )
    exposure = matrix.exposure.levels[-1].value if matrix.exposure else None
    for r, lik in enumerate(rows):
        y = bottom + cell * (len(rows) - r - 1)
        drawing.add(
            String(
                left - 2,
                y + cell / 2 - 3,
                f"{lik.code} {pick(lik.label, lang)}"[:22],
                fontName=FONT,
                fontSize=6.5,
                textAnchor="end",
            )
        )
        for c, sev in enumerate(columns):
            band = matrix.band(matrix.score(lik.value, sev.value, exposure))
            count = counts.get((lik.value, sev.value), 0)
            drawing.add(
                Rect(
                    left + c * cell,
                    y,
                    cell - 1,
                    cell - 1,
                    strokeWidth=0.3,
                    fillColor=colors.HexColor(band.colour),
                )
            )
            drawing.add(
                String(
                    left + c * cell + cell / 2,
                    y + cell / 2 - 4,
                    str(count),
                    fontName=FONT_BOLD if count else FONT,
                    fontSize=10,
                    textAnchor="middle",
                )
            )
    for c, sev in enumerate(columns):
        drawing.add(
            String(
                left + c * cell + cell / 2,
                bottom - 10,
                sev.code,
                fontName=FONT,
                fontSize=7,
                textAnchor="middle",
            )
        )
        drawing.add(
            String(
                left + c * cell + cell / 2,
                bottom - 18,
                pick(sev.label, lang)[:12],
                fontName=FONT,
                fontSize=5.5,
                textAnchor="middle",
            )
        )
    return drawing
