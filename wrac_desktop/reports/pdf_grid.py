"""A fast table for long registers: pre-wrapped cells drawn with one text object per cell.

ReportLab's Table laid out and drew 10,000 dense rows in about 8 s; this flowable does only
what a register needs. Rows never split across pages unless a row alone is taller than a
page; the header row repeats on every page; a cell may carry a background colour.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reportlab.lib import colors
from reportlab.platypus import Flowable

PAD = 2.0


@dataclass
class GridStyle:
    font: str
    bold_font: str
    size: float
    leading: float
    line_colour: Any = colors.grey
    head_fill: Any = field(default_factory=lambda: colors.HexColor("#E8E8E8"))


@dataclass
class GridRow:
    cells: list[list[str]]  # each cell: its lines
    fills: dict[int, str] = field(default_factory=dict)  # column → "#RRGGBB"
    span_fill: str | None = None  # a heading row: one cell across the table

    def height(self, leading: float) -> float:
        return max((len(lines) for lines in self.cells), default=1) * leading + 2 * PAD


class Grid(Flowable):
    def __init__(
        self, head: GridRow, rows: list[GridRow], widths: list[float], style: GridStyle
    ) -> None:
        super().__init__()
        self.head, self.rows, self.widths, self.style = head, rows, widths, style

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        # Measure only until the page is overfull: summing every row of a 10,000-row grid on
        # each of its 2,000 pages would make paging quadratic.
        leading = self.style.leading
        height = self.head.height(leading)
        for row in self.rows:
            height += row.height(leading)
            if height > available_height:
                break
        self.width, self.height = sum(self.widths), height
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        leading, used = self.style.leading, self.head.height(self.style.leading)
        for count, row in enumerate(self.rows):
            if used + row.height(leading) > available_height:
                if count == 0:
                    return self._split_tall_row(available_height - used)
                return [self._with(self.rows[:count]), self._with(self.rows[count:])]
            used += row.height(leading)
        return [self]

    def _split_tall_row(self, space: float) -> list[Flowable]:
        """Only a row taller than a whole page is cut, between lines."""
        fits = int((space - 2 * PAD) // self.style.leading)
        row = self.rows[0]
        if fits <= 0 or row.height(self.style.leading) <= space:
            return []  # let the frame move on: the row fits on a fresh page
        top = GridRow([lines[:fits] for lines in row.cells], row.fills, row.span_fill)
        rest = GridRow([lines[fits:] or [""] for lines in row.cells], row.fills, row.span_fill)
        return [self._with([top]), self._with([rest, *self.rows[1:]])]

    def _with(self, rows: list[GridRow]) -> Grid:
        return Grid(self.head, rows, self.widths, self.style)

    def draw(self) -> None:
        top = self.height
        for index, row in enumerate([self.head, *self.rows]):
            top = self._draw_row(row, top, is_head=index == 0)

    def _draw_row(self, row: GridRow, top: float, *, is_head: bool) -> float:
        canvas, style = self.canv, self.style
        height = row.height(style.leading)
        bottom = top - height
        x = 0.0
        if row.span_fill is not None:
            canvas.setFillColor(colors.HexColor(row.span_fill))
            canvas.rect(0, bottom, self.width, height, stroke=0, fill=1)
        for column, width in enumerate(self.widths):
            fill = style.head_fill if is_head else row.fills.get(column)
            if fill is not None and row.span_fill is None:
                canvas.setFillColor(colors.HexColor(fill) if isinstance(fill, str) else fill)
                canvas.rect(x, bottom, width, height, stroke=0, fill=1)
            x += width
        self._draw_lines(row, top, bottom)
        self._draw_text(row, top, is_head)
        return bottom

    def _draw_lines(self, row: GridRow, top: float, bottom: float) -> None:
        canvas = self.canv
        canvas.setStrokeColor(self.style.line_colour)
        canvas.setLineWidth(0.3)
        canvas.rect(0, bottom, self.width, top - bottom, stroke=1, fill=0)
        if row.span_fill is None:
            x = 0.0
            for width in self.widths[:-1]:
                x += width
                canvas.line(x, bottom, x, top)

    def _draw_text(self, row: GridRow, top: float, is_head: bool) -> None:
        canvas, style = self.canv, self.style
        canvas.setFillColor(colors.black)
        font = style.bold_font if is_head or row.span_fill else style.font
        x = 0.0
        for lines, width in zip(row.cells, self.widths, strict=False):
            if any(lines):
                text = canvas.beginText(x + PAD, top - PAD - style.size)
                text.setFont(font, style.size, style.leading)
                text.textLines(lines)
                canvas.drawText(text)
            x += width
