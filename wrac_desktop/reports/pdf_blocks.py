"""The blocks every printed document shares, in the official form (domain.md section 8): the
approval stamp at the top right of page 1, the header with the organisation's details and the
basis, the legend of the risk matrix, the commission's signatures and the checksum with its QR
code. The register, the plan, the matrix and the summary all take them from here.
"""

from __future__ import annotations

from typing import Any

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from wrac_desktop.i18n import in_each, pair_of, pick
from wrac_desktop.reports.data import ReportData, TeamLine
from wrac_desktop.reports.labels import label
from wrac_desktop.reports.official import (
    approver,
    commission_members,
    commission_order,
    commission_role,
    date_or_blank,
    header_rows,
    initials_and_surname,
    position_with_organisation,
)
from wrac_desktop.reports.pdf_base import FONT_BOLD, escape
from wrac_desktop.reports.scales import class_lines, kz_lines, scale_lines
from wrac_desktop.reports.signature_places import APPROVER_FIELD, SignaturePlace, member_field
from wrac_desktop.reports.signature_spot import SignatureSpot
from wrac_desktop.risk.matrix import Axis

Styles = dict[str, ParagraphStyle]
Places = list[SignaturePlace]  # filled while the PDF is drawn: where each person signs
GRID = [
    ("GRID", (0, 0), (-1, -1), 0.3, colors.grey),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8E8E8")),
    ("LEFTPADDING", (0, 0), (-1, -1), 2),
    ("RIGHTPADDING", (0, 0), (-1, -1), 2),
]


# --- approval stamp ----------------------------------------------------------------------------
def approval_block(data: ReportData, st: Styles, places: Places | None = None) -> Table:
    """БЕКІТЕМІН / УТВЕРЖДАЮ / APPROVED, the position with the organisation, a signature line
    with initials and surname, and the date in words (a draft: the blank form, never both).
    With ``places``, the approver's digital signature field sits under it."""
    lang, a = data.lang, data.assessment
    name, position = approver(data)
    signed = initials_and_surname(name) if name else "_" * 18
    where = position_with_organisation(position, data.organisation.legal_name, lang)
    lines = [
        f"<b>{escape(label('approved', lang))}</b>",
        escape(where) if position else f"{'_' * 36}<br/>{escape(where)}",
        f"{'_' * 20} {escape(signed)}",
        f"<font size=6>{escape(in_each(lang, _signature_caption))}</font>",
        escape(date_or_blank(None if a.is_draft else a.approved_on, lang)),
    ]
    cells: list[list[Any]] = [[Paragraph("<br/>".join(lines), st["text"])]]
    if places is not None:
        cells.append([SignatureSpot(APPROVER_FIELD, name, 62 * mm, 13 * mm, places)])
    return Table(cells, colWidths=[95 * mm], hAlign="RIGHT")


def _signature_caption(lang: str, _half: int) -> str:
    return f"{label('signature', lang)} / {label('full_name', lang)}"


# --- header -------------------------------------------------------------------------------------
def title_block(
    data: ReportData, title: str, st: Styles, places: Places | None = None
) -> list[Flowable]:
    """The approval stamp, the title, the official subtitle and the header with the basis."""
    return [
        approval_block(data, st, places),
        Spacer(1, 3 * mm),
        Paragraph(escape(title), st["title"]),
        Paragraph(escape(label("subtitle", data.lang)), st["subtitle"]),
        header_block(data, st),
        Spacer(1, 1.5 * mm),
        Paragraph(escape(label("basis", data.lang)), st["small"]),
    ]


def header_block(data: ReportData, st: Styles) -> Table:
    cells = [
        [Paragraph(escape(text), st["bold" if n % 2 == 0 else "text"]) for n, text in enumerate(r)]
        for r in header_rows(data)
    ]
    table = Table(cells, colWidths=[42 * mm, 108 * mm, 45 * mm, 75 * mm], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                ("LINEBELOW", (0, -1), (-1, -1), 0.5, colors.grey),
            ]
        )
    )
    return table


# --- legend -------------------------------------------------------------------------------------
def legend(data: ReportData, st: Styles) -> list[Flowable]:
    """The classes with their score ranges, national degrees and actions; what "L 3 × S 5"
    means; each scale with its descriptions; the national I–V scale."""
    lang, matrix = data.lang, data.matrix
    head = [label(k, lang) for k in ("legend", "class_range", "kz_degree", "action")]
    cells: list[list[Any]] = [["", *[Paragraph(escape(h), st["head"]) for h in head]]]
    style = list(GRID)
    for row, line in enumerate(class_lines(matrix, lang), start=1):
        cells.append(["", *[Paragraph(escape(text), st["cell"]) for text in line.texts]])
        style.append(("BACKGROUND", (0, row), (0, row), colors.HexColor(line.colour)))
    classes = Table(cells, colWidths=[6 * mm, 40 * mm, 22 * mm, 22 * mm, 150 * mm], hAlign="LEFT")
    classes.setStyle(TableStyle(style))
    key = label("reading_key", lang).format(
        l=label("likelihood_short", lang), s=label("severity_short", lang)
    )
    scales = Table(
        [[_scale_table(axis, lang, st) for axis in matrix.axes]],
        colWidths=[270 * mm / len(matrix.axes)] * len(matrix.axes),
        hAlign="LEFT",
    )
    scales.setStyle(
        TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)])
    )
    if pair_of(lang) is None:
        national = f"<b>{escape(label('kz_scale', lang))}:</b> " + escape(
            "; ".join(kz_lines(matrix, lang))
        )
    else:  # each language's sentence whole
        national = escape(
            in_each(
                lang,
                lambda one, _h: f"{label('kz_scale', one)}: {'; '.join(kz_lines(matrix, one))}",
            )
        )
    return [
        KeepTogether([classes, Spacer(1, 1.5 * mm), Paragraph(escape(key), st["small"])]),
        Spacer(1, 1.5 * mm),
        scales,
        Spacer(1, 1.5 * mm),
        Paragraph(national, st["small"]),
    ]


def _scale_table(axis: Axis, lang: str, st: Styles) -> Table:
    head = [Paragraph(escape(pick(axis.name, lang)), st["head"]), ""]
    rows = [
        [Paragraph(escape(code), st["cell"]), Paragraph(escape(text), st["cell"])]
        for code, text in scale_lines(axis, lang)
    ]
    table = Table([head, *rows], colWidths=[12 * mm, None], hAlign="LEFT")
    table.setStyle(TableStyle([*GRID, ("SPAN", (0, 0), (-1, 0))]))
    return table


# --- commission and checksum ------------------------------------------------------------------
def commission_block(data: ReportData, st: Styles, places: Places | None = None) -> list[Flowable]:
    """The commission, printed once: role, name, position, and a line to sign on (with
    ``places``, each member's digital signature field on it)."""
    lang = data.lang
    title = label("commission", lang)
    order = commission_order(data)
    if order:
        title += f" ({label('commission_order', lang).lower()} {order})"
    sign = "_" * 22
    rows = [
        [
            Paragraph(escape(commission_role(m, lang)), st["bold"]),
            Paragraph(escape(m.name), st["text"]),
            Paragraph(escape(m.position), st["text"]),
            _signature_cell(number, m, sign, lang, st, places),
            Paragraph(
                f"{'_' * 14}<br/><font size=6>{escape(label('date', lang))}</font>", st["text"]
            ),
        ]
        for number, m in enumerate(commission_members(data), start=1)
    ]
    table = Table(rows, colWidths=[55 * mm, 55 * mm, 70 * mm, 50 * mm, 35 * mm], hAlign="LEFT")
    table.setStyle(
        TableStyle([("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("BOTTOMPADDING", (0, 0), (-1, -1), 6)])
    )
    return [KeepTogether([Paragraph(escape(title), st["bold"]), Spacer(1, 2 * mm), table])]


def _signature_cell(
    number: int, member: TeamLine, line: str, lang: str, st: Styles, places: Places | None
) -> Any:
    caption = Paragraph(
        f"{line}<br/><font size=6>{escape(label('signature', lang))}</font>", st["text"]
    )
    if places is None:
        return caption
    return [SignatureSpot(member_field(number), member.name, 46 * mm, 10 * mm, places), caption]


def untranslated_note(data: ReportData, st: Styles) -> list[Flowable]:
    """How many texts a translation was missing for, in each language asked for: "Texts with
    no Kazakh version …: 14"; nothing when every text was printed in its language."""
    lines = [
        escape(label(f"untranslated_{lang}", data.lang).format(count=count))
        for lang, count in sorted(data.untranslated.items())
    ]
    return [Spacer(1, 3 * mm), Paragraph("<br/>".join(lines), st["small"])] if lines else []


def qr_payload(data: ReportData) -> str:
    """What the QR code carries: enough to find the document and check it (``wrac verify``)."""
    a = data.assessment
    return (
        f"WRAC\nDOC: {a.document_number}\nBIN: {data.organisation.bin}\n"
        f"REV: {a.revision}\nSHA-256: {data.fingerprint}"
    )


def checksum_block(data: ReportData, st: Styles) -> Table:
    proof = Table(
        [
            [
                qr_code(qr_payload(data)),
                Paragraph(
                    f"{escape(label('fingerprint', data.lang))}:<br/>"
                    f"<font name='{FONT_BOLD}'>{data.fingerprint}</font>",
                    st["text"],
                ),
            ]
        ],
        colWidths=[45 * mm, 180 * mm],
        hAlign="LEFT",
    )
    proof.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    return proof


def qr_code(text: str, size: float = 38 * mm) -> Drawing:
    widget = QrCodeWidget(text)
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(widget)
    return drawing
