"""The inspectorate summary as a PDF cover letter, signed like the register it summarises:
"Сводные сведения для государственной инспекции труда" with the same record as the JSON,
CSV and XLSX, the breakdown per workplace, and the approver's signature line."""

from __future__ import annotations

from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from wrac_desktop.formatting import format_number
from wrac_desktop.i18n import NC_, translated_in
from wrac_desktop.reports.columns import as_text
from wrac_desktop.reports.data import ReportData
from wrac_desktop.reports.pdf_base import build, escape, styles
from wrac_desktop.reports.pdf_blocks import approval_block
from wrac_desktop.reports.signature_places import SignaturePlace
from wrac_desktop.reports.summary import (
    WORKPLACE_FIELDS,
    SummaryRecord,
    WorkplaceSummary,
    summary_label,
    summary_rows,
)

TITLE = NC_("summary", "Summary information for the state labour inspectorate")
BREAKDOWN = NC_("summary", "Workplaces and the workers exposed")
TABLE_STYLE = TableStyle([
    ("GRID", (0, 0), (-1, -1), 0.3, colors.grey),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LEFTPADDING", (0, 0), (-1, -1), 3),
    ("RIGHTPADDING", (0, 0), (-1, -1), 3),
])  # fmt: skip
HEAD_FILL = colors.HexColor("#E8E8E8")
SPLIT_SLACK = 0.01  # points: a split after a row that fits exactly, not before it


def summary_pdf(data: ReportData, record: SummaryRecord, page: str = "A4") -> bytes:
    title = translated_in(TITLE, data.lang)
    return build(
        data, title, lambda doc, places: _story(data, record, doc, title, places), page, True
    )


def _story(
    data: ReportData,
    record: SummaryRecord,
    doc: BaseDocTemplate,
    title: str,
    places: list[SignaturePlace],
) -> list[Any]:
    st = styles(8)
    lang = data.lang
    story: list[Any] = [
        approval_block(data, st, places),
        Spacer(1, 4 * mm),
        Paragraph(escape(title), st["title"]),
    ]
    rows = [
        [
            Paragraph(escape(shown), st["cell"]),
            Paragraph(escape(_printed(key, value, lang)), st["cell"]),
        ]
        for key, shown, value in summary_rows(data, record)
    ]
    figures = Table(rows, colWidths=[doc.width * 0.55, doc.width * 0.45], repeatRows=0)
    figures.setStyle(TABLE_STYLE)
    story += [figures, Spacer(1, 5 * mm), *_breakdown(data, record, doc.width, st)]
    return story


def _printed(key: str, value: Any, lang: str) -> str:
    """An indicator with the language's decimal sign ("1,333" in kk and ru: "1.333" reads as
    a thousand there), every other value as the other reports print it."""
    if key.startswith("indicators_") and isinstance(value, float):
        return format_number(value, lang, decimals=3).rstrip("0").rstrip(",.")
    return as_text(value, lang)


SHARES = (0.24, 0.28, 0.12, 0.1, 0.14, 0.12)  # of the page's width, before the headings' words
TEXT_COLUMNS = (0, 1)  # the workplace and its site: they give way to the figures' headings
PADDING = 6.5  # the cell's left and right padding and a little air


def _widths(headings: list[str], width: float, style: Any) -> list[float]:
    """Each column's width: its share of the page, but never narrower than the longest word of
    its heading ("Численность" was broken into "Численност-ь"); the room taken comes out of
    the workplace and site columns, whose texts wrap anyway."""
    widths = [width * share for share in SHARES]
    for column, heading in enumerate(headings):
        longest = max(
            (stringWidth(word, style.fontName, style.fontSize) for word in heading.split()),
            default=0,
        )
        widths[column] = max(widths[column], longest + PADDING)
    excess = sum(widths) - width
    if excess > 0:
        text_width = sum(widths[c] for c in TEXT_COLUMNS)
        for column in TEXT_COLUMNS:
            widths[column] -= excess * widths[column] / text_width
    return widths


def _breakdown(data: ReportData, record: SummaryRecord, width: float, st: Any) -> list[Any]:
    lang = data.lang
    head = [Paragraph(escape(summary_label(k, lang)), st["head"]) for k in WORKPLACE_FIELDS]
    texts = [summary_label(k, lang) for k in WORKPLACE_FIELDS]
    widths = _widths(texts, width, st["head"])
    table = _Breakdown(_BreakdownRows(head, record["workplaces"], widths, st["cell"], lang))
    title = Paragraph(escape(translated_in(BREAKDOWN, lang)), st["bold"])
    return [KeepTogether([title, Spacer(1, 2 * mm), table])]


class _BreakdownRows:
    """The breakdown's table, its rows made into paragraphs only for the piece of it a page
    shows: a table of every workplace's paragraphs was 60,000 of them at 100,000 hazards,
    and the summary's largest part (issue 22)."""

    PIECE = 500  # rows made into one table at a time to measure them

    def __init__(
        self, head: list[Any], lines: list[WorkplaceSummary], widths: list[float], style: Any,
        lang: str,
    ) -> None:  # fmt: skip
        self.head, self.lines, self.widths, self.style, self.lang = head, lines, widths, style, lang
        self.head_height = self.width = 0.0
        self.heights: list[float] = []  # each row's, as the whole table would make it

    def table(self, start: int, end: int) -> Table:
        """The table of the header and rows ``start`` to ``end``, as the whole table's split
        makes it: after the first page, the part ReportLab's split leaves, which it styles
        apart (the header's and the rows' column lines are drawn in pieces)."""
        if start == 0:
            return self._table(0, end)
        before = self._table(start - 1, end)  # the row before, to be split off
        kept = self.head_height + self.heights[start - 1] + SPLIT_SLACK
        return before.split(self.width, kept)[1]

    def _table(self, start: int, end: int) -> Table:
        body = [
            [Paragraph(escape(as_text(line[k], self.lang)), self.style) for k in WORKPLACE_FIELDS]
            for line in self.lines[start:end]
        ]
        table = Table([self.head, *body], colWidths=self.widths, repeatRows=1)
        table.setStyle(TABLE_STYLE)
        table.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL)]))
        return table

    def measure(self, width: float, height: float) -> None:
        """Each row's height, a piece of rows at a time (a row's height is its own cells')."""
        if self.head_height:
            return
        self.width = width
        for start in range(0, max(len(self.lines), 1), self.PIECE):
            table = self._table(start, start + self.PIECE)
            table.wrap(width, height)
            self.head_height = table._rowHeights[0]
            self.heights += table._rowHeights[1:]


class _Breakdown(Flowable):
    """The rows of ``rows`` from ``start`` on as one table under the repeated header: measured
    from the rows' heights, split as ReportLab splits the whole table, drawn from a table of
    only these rows."""

    def __init__(self, rows: _BreakdownRows, start: int = 0) -> None:
        super().__init__()
        self.hAlign = "CENTER"  # a Table's: placed as the whole table was
        self.rows, self.start = rows, start

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        rows = self.rows
        rows.measure(availWidth, availHeight)
        self.width = sum(rows.widths)
        self.height = rows.head_height + sum(rows.heights[self.start :])
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Any]:  # noqa: N803
        rows = self.rows
        rows.measure(availWidth, availHeight)
        room, end = availHeight - rows.head_height, self.start
        while end < len(rows.heights) and room >= rows.heights[end]:
            room -= rows.heights[end]
            end += 1
        # one row more than fits: ReportLab's own split of it is the whole table's
        pieces = rows.table(self.start, end + 1).split(availWidth, availHeight)
        if not pieces:
            return []
        following = self.start + len(pieces[0]._cellvalues) - 1
        return [pieces[0]] + ([_Breakdown(rows, following)] if following < len(rows.lines) else [])

    def draw(self) -> None:
        table = self.rows.table(self.start, len(self.rows.lines))
        table.wrapOn(self.canv, self.width, self.height)
        table.drawOn(self.canv, 0, 0)
