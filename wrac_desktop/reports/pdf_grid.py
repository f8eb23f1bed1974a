"""A fast table for long registers: pre-wrapped cells drawn with one text object per cell.

ReportLab's Table laid out and drew 10,000 dense rows in about 8 s; this flowable does only
what a register needs. Rows never split across pages unless a row alone is taller than a
page; the header row repeats on every page, and so do the headings (site › division, then
workplace) the page's first rows sit under, marked as continued; a cell may carry a
background colour.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from wrac_desktop.i18n import SECOND, part
from wrac_desktop.reports.reportlab_adapter import Lines, cell_text, fp_str, stacked_height

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
    cells: list[Lines]  # each cell: its lines
    fills: dict[int, str] = field(default_factory=dict)  # column → "#RRGGBB"
    span_fill: str | None = None  # a heading row: one cell across the table
    # Sub-rows (a hazard's measures): a thin rule after each of these line counts, across
    # columns ``rule_span`` (first, last): so the reader sees which deadline is whose.
    rules: tuple[int, ...] = ()
    rule_span: tuple[int, int] = (0, 0)
    level: int = 0  # a heading's depth: 0 a site › division, 1 a workplace under it
    continued: bool = False  # a heading repeated at the top of a later page
    lines: int = field(init=False)  # the tallest cell's line count

    def __post_init__(self) -> None:
        # Counted once: paging and drawing ask every row's height several times (840,000
        # cell lookups for a 10,000-hazard register when counted on each call).
        self.lines = max(map(len, self.cells), default=1)

    def height(self, leading: float) -> float:
        return self.lines * leading + 2 * PAD


Tail = Sequence[Flowable] | Callable[[], Sequence[Flowable]]
# How many last rows go on with the tail: a number, or counted from the rows held once every
# row has come (the plan's last measure and the totals after it, issue 22).
TailRows = int | Callable[[Sequence[GridRow]], int]


class Grid(Flowable):
    def __init__(
        self,
        head: GridRow,
        rows: Iterable[GridRow],
        widths: list[float],
        style: GridStyle,
        page_height: float,
        continued: str = "",
        tail: Tail = (),
        tail_rows: TailRows = 1,
    ) -> None:
        """``page_height``: the height a fresh page's frame offers, to tell a row that merely
        does not fit the rest of this page (moved on whole) from one that fits no page.
        ``continued``: the words after a heading repeated on a later page ("(continued)").
        ``tail``: what follows the grid (the signatures): when it would not fit under the
        grid's last page, the last ``tail_rows`` rows go on with it, so that no signature
        stands on a page of its own, away from the document it signs.

        ``rows`` that are not a list are taken as they come, a page and a few rows ahead
        (issue 22: a 100,000-hazard register's rows are never all held); ``tail`` may then be
        a function, called once they have all come (a note counting what they printed)."""
        super().__init__()
        self.head, self.widths, self.style = head, widths, style
        self.rows = rows if isinstance(rows, list) else []
        self.more: Iterator[GridRow] | None = None if isinstance(rows, list) else iter(rows)
        self.page_height, self.continued = page_height, continued
        self._tail, self._tail_rows = tail if callable(tail) else tuple(tail), tail_rows
        # the tail's height and whether it fits a page with the last rows, by width: measured
        # once for all the parts a long grid is split into (one per page)
        self._tail_sizes: dict[float, tuple[float, bool]] = {}
        self.lefts, self._fill_xs, self._text_xs, self._rule_xs = _column_operands(tuple(widths))

    @property
    def tail(self) -> Sequence[Flowable]:
        """What follows the grid; asked for only once every row has come."""
        if callable(self._tail):
            self._tail = tuple(self._tail())
        return self._tail

    @property
    def tail_rows(self) -> int:
        """The last rows that go on with the tail (of those held, before every row has come:
        at least one, enough to read the rows a page's split needs ahead)."""
        rows = self._tail_rows
        return rows if isinstance(rows, int) else rows(self.rows)

    def _take(self, available_height: float) -> None:
        """Rows taken from ``more`` until those held overfill ``available_height`` by the
        tail's rows and one more (so that the page's split is the one the whole list makes),
        or until there are no more."""
        if self.more is None:
            return
        leading = self.style.leading
        used, fitting = self.head.height(leading), 0
        for row in self.rows:
            used += row.height(leading)
            if used > available_height:
                break
            fitting += 1
        while used <= available_height or len(self.rows) < fitting + self.tail_rows + 2:
            row = next(self.more, None)
            if row is None:
                self.more = None
                return
            self.rows.append(row)
            if used <= available_height:
                used += row.height(leading)
                fitting += used <= available_height

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        # Measure only until the page is overfull: summing every row of a 10,000-row grid on
        # each of its 2,000 pages would make paging quadratic.
        self._take(max(available_height, self.page_height))
        leading = self.style.leading
        height = self.head.height(leading)
        for row in self.rows:
            height += row.height(leading)
            if height > available_height:
                break
        self.width, self.height = sum(self.widths), height
        if height <= available_height and self._moves_on(height, available_width, available_height):
            return self.width, available_height + 1  # too tall here: split() keeps rows back
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        self._take(max(available_height, self.page_height))
        leading, used = self.style.leading, self.head.height(self.style.leading)
        count = 0
        while count < len(self.rows) and used + self.rows[count].height(leading) <= (
            available_height
        ):
            used += self.rows[count].height(leading)
            count += 1
        if count == len(self.rows) and not self._moves_on(used, available_width, available_height):
            return [self]
        if self.more is None and self._takes_tail(available_width):  # the last rows go on
            kept = max(0, len(self.rows) - self.tail_rows)
            used -= sum(row.height(leading) for row in self.rows[kept:count])
            count = min(count, kept)
        return self._split_at(count, available_height - used)

    def _tail_size(self, available_width: float) -> tuple[float, bool]:
        """The tail's height, and whether the last rows, with the headings they sit under, and
        the tail fit a page."""
        if available_width not in self._tail_sizes:
            height = stacked_height(self.canv, self.tail, available_width, self.page_height)
            count = max(0, len(self.rows) - self.tail_rows)
            leading = self.style.leading
            carried = [*self._headings_before(count), *self.rows[count:]]
            rows = self.head.height(leading) + sum(r.height(leading) for r in carried)
            self._tail_sizes[available_width] = height, rows + height <= self.page_height
        return self._tail_sizes[available_width]

    def _tail_height(self, available_width: float) -> float:
        return self._tail_size(available_width)[0]

    def _takes_tail(self, available_width: float) -> bool:
        return bool(self.tail) and self._tail_size(available_width)[1]

    def _moves_on(self, height: float, available_width: float, available_height: float) -> bool:
        """Whether the tail does not fit under the whole grid here, and the last rows would
        take it along to a fresh page."""
        if not self._takes_tail(available_width):
            return False
        return height + self._tail_height(available_width) > available_height

    def _split_at(self, count: int, space: float) -> list[Flowable]:
        """Rows before ``count`` stay on this page and row ``count`` moves on whole, unless no
        page could hold it: then as many of its lines as fit in ``space`` stay here."""
        leading, row = self.style.leading, self.rows[count]
        fits = int((space - 2 * PAD) // leading)
        above = sum(r.height(leading) for r in self._headings_before(count))
        too_tall = self.head.height(leading) + above + row.height(leading) > self.page_height + 1e-6
        if too_tall and fits > 0:
            top = GridRow(
                [lines[:fits] for lines in row.cells],
                row.fills,
                row.span_fill,
                tuple(r for r in row.rules if r < fits),
                row.rule_span,
            )
            rest = GridRow(
                [lines[fits:] or ("",) for lines in row.cells],
                row.fills,
                row.span_fill,
                tuple(r - fits for r in row.rules if r > fits),
                row.rule_span,
            )
            return [
                self._with([*self.rows[:count], top], last=False),
                self._with([*self._carried(count), rest, *self.rows[count + 1 :]]),
            ]
        while count > 0 and self.rows[count - 1].span_fill is not None:
            count -= 1  # a heading goes with the rows under it, never alone at a page's foot
        if count == 0:
            return []  # let the frame move on: the row fits on a fresh page
        return [
            self._with(self.rows[:count], last=False),
            self._with([*self._carried(count), *self.rows[count:]]),
        ]

    def _with(self, rows: list[GridRow], last: bool = True) -> Grid:
        """A part of this grid; only the ``last`` part is followed by the tail, and takes the
        rows still to come."""
        tail = self._tail if last else ()
        part = Grid(
            self.head, rows, self.widths, self.style, self.page_height, self.continued, tail,
            self._tail_rows,
        )  # fmt: skip
        if last:  # the same last rows: the same answers
            part._tail_sizes = self._tail_sizes
            part.more = self.more
        return part

    def _headings_before(self, count: int) -> list[GridRow]:
        """The headings row ``count`` sits under, outermost first: the nearest heading, then
        the nearest one above it of a lower level, and so on (a row that is itself a heading
        sits only under those of a lower level)."""
        below = self.rows[count].level if self.rows[count].span_fill is not None else 99
        found: list[GridRow] = []
        for row in reversed(self.rows[:count]):
            if row.span_fill is not None and row.level < below:
                found.append(row)
                below = row.level
                if below == 0:
                    break
        return found[::-1]

    def _carried(self, count: int) -> list[GridRow]:
        """Those headings again, for the top of the next page, marked as continued."""
        return [_continued(row, self.continued) for row in self._headings_before(count)]

    def draw(self) -> None:
        """The page's part of the grid as raw PDF operators: every fill, then every rule as
        one path, then all text in one text object. These are the operators ReportLab's canvas
        calls would write, without their per-call cost (2,000 pages of 10 columns)."""
        fills: list[str] = []
        rules: list[str] = []
        texts: list[str] = []
        top = self.height
        ruled_from: float | None = None  # the top of the rows whose column rules are not drawn
        for index, row in enumerate([self.head, *self.rows]):
            bottom = top - row.height(self.style.leading)
            fills += self._fill_ops(row, top, bottom, is_head=index == 0)
            rules += self._rule_ops(row, top, bottom)
            if row.span_fill is not None and ruled_from is not None:
                rules += self._column_rules(ruled_from, top)
                ruled_from = None
            elif row.span_fill is None and ruled_from is None:
                ruled_from = top
            texts += self._text_ops(row, top, is_head=index == 0)
            top = bottom
        if ruled_from is not None:
            rules += self._column_rules(ruled_from, top)
        style = self.style
        self.canv.addLiteral(
            "\n".join(
                [
                    *fills,
                    f"{_colour(style.line_colour)} RG 0.3 w",
                    *rules,
                    "S",
                    f"{_colour(colors.black)} rg BT {fp_str(style.leading)} TL",
                    *texts,
                    "ET",
                ]
            )
        )

    def _fill_ops(self, row: GridRow, top: float, bottom: float, *, is_head: bool) -> list[str]:
        low, height = fp_str(bottom), fp_str(top - bottom)
        if row.span_fill is not None:
            return [f"{_colour(row.span_fill)} rg 0 {low} {fp_str(self.width)} {height} re f"]
        filled = (
            dict.fromkeys(range(len(self.widths)), self.style.head_fill) if is_head else row.fills
        )
        return [
            f"{_colour(fill)} rg {self._fill_xs[column].format(low)} {height} re f"
            for column, fill in filled.items()
        ]

    def _column_rules(self, top: float, bottom: float) -> list[str]:
        """The lines between the columns, down rows that follow one another without a heading
        across the table: one line a column, not one a row (a tenth of a register's page
        operators)."""
        low, high = fp_str(bottom), fp_str(top)
        return [f"{x} {low} m {x} {high} l" for x in self._rule_xs]

    def _rule_ops(self, row: GridRow, top: float, bottom: float) -> list[str]:
        """A row's box and the rules between its measures' sub-rows."""
        low = fp_str(bottom)
        ops = [f"0 {low} {fp_str(self.width)} {fp_str(top - bottom)} re"]
        if row.rules:
            first, last = row.rule_span
            left, right = fp_str(self.lefts[first]), fp_str(self.lefts[last] + self.widths[last])
            for count in row.rules:
                y = fp_str(top - PAD - count * self.style.leading - 0.6)
                ops.append(f"{left} {y} m {right} {y} l")
        return ops

    def _text_ops(self, row: GridRow, top: float, *, is_head: bool) -> list[str]:
        style = self.style
        font = style.bold_font if is_head or row.span_fill else style.font
        encoded = cell_text(self.canv)
        baseline = fp_str(top - PAD - style.size)
        return [
            f"{origin} {baseline} Tm {encoded.operators(font, style.size, lines)}"
            for lines, origin in zip(row.cells, self._text_xs, strict=False)
            if any(lines)
        ]


def _continued(heading: GridRow, words: str) -> GridRow:
    if heading.continued or not words:
        return heading
    lines = list(heading.cells[0]) or [""]
    # a bilingual heading: each language's words after its own last line
    first = [i for i, line in enumerate(lines) if not line.startswith(SECOND)]
    lines[first[-1] if first else -1] += f" {part(words, 0)}"
    second = [i for i, line in enumerate(lines) if line.startswith(SECOND)]
    if second and part(words, 1) != part(words, 0):
        lines[second[-1]] += f" {part(words, 1)}"
    cells = [tuple(lines), *heading.cells[1:]]
    return GridRow(cells, heading.fills, heading.span_fill, level=heading.level, continued=True)


@lru_cache(maxsize=16)
def _column_operands(
    widths: tuple[float, ...],
) -> tuple[list[float], list[str], list[str], list[str]]:
    """The columns' left edges and the operands that are the same on every row, formatted
    once per set of widths: a grid is made anew for each page it is split across."""
    lefts = [sum(widths[:column]) for column in range(len(widths))]
    fill_xs = [f"{fp_str(x)} {{}} {fp_str(w)}" for x, w in zip(lefts, widths, strict=True)]
    text_xs = [f"1 0 0 1 {fp_str(x + PAD)}" for x in lefts]
    rule_xs = [fp_str(x) for x in lefts[1:]]
    return lefts, fill_xs, text_xs, rule_xs


@lru_cache(maxsize=256)
def _hex_colour(hex_colour: str) -> str:
    return _colour(colors.HexColor(hex_colour))


def _colour(colour: Any) -> str:
    """A colour as PDF operands, as ReportLab's canvas writes it."""
    if isinstance(colour, str):
        return _hex_colour(colour)
    return fp_str(colour.red, colour.green, colour.blue)


@dataclass(frozen=True)
class TextLine:
    text: str
    font: str
    size: float
    centred: bool = False


class TextBlock(Flowable):
    """Lines of text already wrapped, drawn as raw operators: what a Paragraph would show for
    a plain text, at a fraction of its cost (the 1,000 acknowledgement sheets of a 10,000-hazard
    register took 4 s as Paragraphs)."""

    LEADING = 1.25  # line height per point of type size

    def __init__(self, lines: list[TextLine], width: float, space_after: float = 0.0) -> None:
        super().__init__()
        self.lines, self.block_width, self.space_after = lines, width, space_after
        self.block_height = sum(line.size * self.LEADING for line in lines)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width, self.height = self.block_width, self.block_height + self.space_after
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        """The lines that fit the rest of the page, and a block of the others for the next:
        a hazard described at length (12,600 characters) made a block taller than a page,
        and the register's PDF stopped with ReportLab's LayoutError. No line fits: []."""
        fitted, height = 0, 0.0
        for line in self.lines:
            height += line.size * self.LEADING
            if height > available_height:
                break
            fitted += 1
        if fitted in (0, len(self.lines)):
            return []
        return [
            TextBlock(self.lines[:fitted], self.block_width),
            TextBlock(self.lines[fitted:], self.block_width, self.space_after),
        ]

    def draw(self) -> None:
        encoded = cell_text(self.canv)
        ops = [f"{_colour(colors.black)} rg BT"]
        y = self.height - self.space_after
        for line in self.lines:
            y -= line.size * self.LEADING
            x = 0.0
            if line.centred:
                shown = line.text.removeprefix(SECOND)
                x = (self.block_width - stringWidth(shown, line.font, line.size)) / 2
            baseline = fp_str(x, y + line.size * 0.25)
            ops.append(
                f"1 0 0 1 {baseline} Tm {encoded.operators(line.font, line.size, (line.text,))}"
            )
        ops.append("ET")
        self.canv.addLiteral("\n".join(ops))
