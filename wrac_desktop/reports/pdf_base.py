"""What every PDF report shares: embedded fonts, styles, "page X of Y", footer, approval block.

Everything is set in DejaVu Sans, embedded from resources/fonts: ReportLab's built-in fonts
have no Kazakh letters and fail silently (blanks or boxes, no error).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from reportlab import rl_config
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A3, A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph, Table, TableStyle

from wrac_desktop.errors import UserError
from wrac_desktop.formatting import format_date
from wrac_desktop.i18n import _, pick
from wrac_desktop.reports.data import ReportData
from wrac_desktop.reports.fingerprint import short
from wrac_desktop.reports.labels import label
from wrac_desktop.reports.reportlab_adapter import PageStore, fast_flate
from wrac_desktop.resources import resource_path

# Binary page streams, as every PDF writer makes them: ReportLab's ASCII85 armour made the
# 10,000-hazard register a quarter larger (9.0 MB instead of 7.3 MB) for no reader's benefit.
rl_config.useA85 = 0
# Streams deflated at zlib level 4, not ReportLab's 6: for the 10,000-hazard register 0.36 s
# of deflating instead of 0.81 s, for a file of 7.9 MB instead of 7.1 MB (levels 1-2 save
# only 0.1 s more and make it 8.9 MB).
FLATE_LEVEL = 4

FONT, FONT_BOLD = "DejaVuSans", "DejaVuSans-Bold"
PAGE_SIZES = {"A4": A4, "A3": A3}
FRAME_PADDING = 6.0  # ReportLab's default, named because the grid needs the usable height
_registered = False


def register_fonts() -> None:
    global _registered
    if _registered:
        return
    pdfmetrics.registerFont(TTFont(FONT, str(resource_path("fonts", "DejaVuSans.ttf"))))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(resource_path("fonts", "DejaVuSans-Bold.ttf"))))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD
    )
    _registered = True


def styles(size: float = 7.5) -> dict[str, ParagraphStyle]:
    register_fonts()
    base = ParagraphStyle("cell", fontName=FONT, fontSize=size, leading=size * 1.2)
    return {
        "cell": base,
        "head": ParagraphStyle("head", parent=base, fontName=FONT_BOLD),
        "title": ParagraphStyle(
            "title",
            parent=base,
            fontName=FONT_BOLD,
            fontSize=14,
            leading=18,
            alignment=1,
            spaceAfter=6,
        ),
        "text": ParagraphStyle("text", parent=base, fontSize=9, leading=11.5),
        "bold": ParagraphStyle("bold", parent=base, fontName=FONT_BOLD, fontSize=9, leading=11.5),
    }


def escape(text: Any) -> str:
    value = "" if text is None else str(text)
    return (
        value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br/>")
    )


def numbered_canvas(data: ReportData, title: str) -> type[Canvas]:
    """A canvas that knows the page count, for "page X of Y" and the fingerprint footer."""

    class NumberedCanvas(PageStore):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            # ReportLab's own compression off, ours on: pages, fonts and their maps are
            # streams that name no filter of their own, so all get our deflate level.
            super().__init__(*args, **(kwargs | {"pageCompression": 0}))
            fast_flate(self, FLATE_LEVEL)

        def draw_footer(self, total: int) -> None:
            width, _height = self.page_size
            lang = data.lang
            page = label("page_of", lang).format(page=self.page_number, pages=total)
            left = (
                f"{label('document', lang)} {data.assessment.document_number}"
                f" · {label('revision', lang)} {data.assessment.revision}"
            )
            self.setFont(FONT, 7)
            self.drawString(12 * mm, 7 * mm, left)
            self.drawCentredString(width / 2, 7 * mm, page)
            self.drawRightString(width - 12 * mm, 7 * mm, f"SHA-256 {short(data.fingerprint)}")

    return NumberedCanvas


def document(buffer: io.BytesIO, page: str, portrait: bool = False) -> BaseDocTemplate:
    if page not in PAGE_SIZES:
        raise UserError(_("page size must be A4 or A3"))
    size = PAGE_SIZES[page] if portrait else landscape(PAGE_SIZES[page])
    doc = BaseDocTemplate(
        buffer,
        pagesize=size,
        leftMargin=12 * mm,
        rightMargin=12 * mm,
        topMargin=12 * mm,
        bottomMargin=14 * mm,
    )
    pad = FRAME_PADDING
    frame = Frame(
        doc.leftMargin,
        doc.bottomMargin,
        doc.width,
        doc.height,
        leftPadding=pad,
        rightPadding=pad,
        topPadding=pad,
        bottomPadding=pad,
        id="body",
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    return doc


def body_height(doc: BaseDocTemplate) -> float:
    """The height a fresh page offers to the story."""
    return float(doc.height) - 2 * FRAME_PADDING


def build(
    data: ReportData,
    title: str,
    story_of: Callable[[BaseDocTemplate], list[Any]],
    page: str = "A4",
    portrait: bool = False,
) -> bytes:
    """Render a story to PDF bytes."""
    register_fonts()
    buffer = io.BytesIO()
    doc = document(buffer, page, portrait)
    doc.title, doc.author = title, data.organisation.legal_name
    doc.build(story_of(doc), canvasmaker=numbered_canvas(data, title))
    return buffer.getvalue()


def header_block(data: ReportData, st: dict[str, ParagraphStyle]) -> Table:
    lang, a, org = data.lang, data.assessment, data.organisation
    rows = [
        (label("organisation", lang), org.legal_name, label("bin", lang), org.bin),
        (
            label("site", lang),
            data.scope_name or label("all_sites", lang),
            label("date", lang),
            format_date(a.assessed_on, lang),
        ),
        (label("assessment", lang), a.title, label("revision", lang), str(a.revision)),
        (label("scope", lang), a.scope, label("document", lang), a.document_number),
    ]
    cells = [
        [
            Paragraph(escape(k), st["bold"]),
            Paragraph(escape(v), st["text"]),
            Paragraph(escape(k2), st["bold"]),
            Paragraph(escape(v2), st["text"]),
        ]
        for k, v, k2, v2 in rows
    ]
    table = Table(cells, colWidths=[35 * mm, 150 * mm, 30 * mm, 50 * mm], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, -1), (-1, -1), 0.5, colors.grey),
            ]
        )
    )
    return table


def legend(data: ReportData, st: dict[str, ParagraphStyle]) -> Table:
    lang = data.lang
    cells = [[Paragraph(escape(label("legend", lang)), st["bold"]), "", ""]]
    style = [("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("SPAN", (0, 0), (-1, 0))]
    for row, band in enumerate(data.matrix.bands, start=1):
        cells.append(
            [
                "",
                Paragraph(f"<b>{escape(pick(band.name, lang))}</b> ≥ {band.lower:g}", st["cell"]),
                Paragraph(escape(pick(band.action, lang)), st["cell"]),
            ]
        )
        style.append(("BACKGROUND", (0, row), (0, row), colors.HexColor(band.colour)))
    table = Table(cells, colWidths=[8 * mm, 45 * mm, 150 * mm], hAlign="LEFT")
    table.setStyle(TableStyle(style))
    return table


def approval_block(data: ReportData, st: dict[str, ParagraphStyle]) -> Table:
    lang, a = data.lang, data.assessment
    lines = [
        f"<b>{escape(label('approved', lang))}</b>",
        escape(a.approver_position or "_" * 40),
        f"{'_' * 24} {escape(a.approved_by or '_' * 24)}",
        f"<font size=6>{escape(label('signature', lang))} / {escape(label('full_name', lang))}"
        "</font>",
        f"«___» ______________ 20___  {escape(format_date(a.approved_on, lang))}",
    ]
    table = Table(
        [[Paragraph("<br/>".join(lines), st["text"])]], colWidths=[95 * mm], hAlign="RIGHT"
    )
    return table


def qr_code(text: str, size: float = 38 * mm) -> Drawing:
    widget = QrCodeWidget(text)
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(widget)
    return drawing
