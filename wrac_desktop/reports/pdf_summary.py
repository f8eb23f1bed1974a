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
    body = [
        [Paragraph(escape(as_text(w[k], lang)), st["cell"]) for k in WORKPLACE_FIELDS]
        for w in record["workplaces"]
    ]
    texts = [summary_label(k, lang) for k in WORKPLACE_FIELDS]
    widths = _widths(texts, width, st["head"])
    table = Table([head, *body], colWidths=widths, repeatRows=1)
    table.setStyle(TABLE_STYLE)
    table.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8E8E8"))]))
    title = Paragraph(escape(translated_in(BREAKDOWN, lang)), st["bold"])
    return [KeepTogether([title, Spacer(1, 2 * mm), table])]
