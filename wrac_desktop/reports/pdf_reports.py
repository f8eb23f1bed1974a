"""The printed documents: the elimination plan (roadmap measures 1 and 18) and the risk-matrix
heat maps; the risk register is ``pdf_register``'s."""

from __future__ import annotations

from collections import Counter
from typing import Any

from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Spacer, Table

from wrac_desktop.i18n import pick
from wrac_desktop.reports.columns import PLAN, pdf_columns, plan_items
from wrac_desktop.reports.data import ReportData
from wrac_desktop.reports.labels import label
from wrac_desktop.reports.pdf_base import FONT, FONT_BOLD, body_height, build, styles
from wrac_desktop.reports.pdf_blocks import legend, title_block
from wrac_desktop.reports.pdf_cells import (
    GRID_STYLE,
    WORKPLACE_FILL,
    grid_columns,
    grid_row,
    heading_row,
)
from wrac_desktop.reports.pdf_grid import Grid, GridRow
from wrac_desktop.reports.pdf_register import register_pdf

__all__ = ["matrix_pdf", "plan_pdf", "register_pdf"]


# --- elimination plan --------------------------------------------------------------------------
def plan_pdf(data: ReportData, page: str = "A4") -> bytes:
    title = label("plan_title", data.lang)
    return build(data, title, lambda doc: _plan_story(data, doc, title), page)


def _plan_story(data: ReportData, doc: BaseDocTemplate, title: str) -> list[Any]:
    st = styles()
    columns = pdf_columns(PLAN)
    widths, head = grid_columns(doc, data.lang, columns)
    story: list[Any] = [*title_block(data, title, st), Spacer(1, 4 * mm)]
    rows = []
    for workplace, item in plan_items(data.plan_lines()):
        if item is None:  # a workplace heading across the table
            rows.append(heading_row(workplace, widths, WORKPLACE_FILL))
        else:
            rows.append(grid_row(columns, item, data.lang, widths))
    story.append(Grid(GridRow(head), rows, widths, GRID_STYLE, body_height(doc)))
    return story


# --- matrix heat maps --------------------------------------------------------------------------
def matrix_pdf(data: ReportData, page: str = "A4") -> bytes:
    title = label("matrix_title", data.lang)
    return build(data, title, lambda doc: _matrix_story(data, title), page)


def _matrix_story(data: ReportData, title: str) -> list[Any]:
    st = styles()
    maps = Table([[_heat_map(data, "initial"), _heat_map(data, "residual")]], hAlign="CENTER")
    return [*title_block(data, title, st), Spacer(1, 4 * mm), maps, Spacer(1, 4 * mm)] + legend(
        data, st
    )


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
