"""The sign-off at the end of the plan and the matrix: "Разработал" (the safety officer who
led the assessment) and, on the plan, "Согласовано" (the workers' representative) — name,
position, a signature line with its digital signature field, and a line for the date."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from wrac_desktop.i18n import NC_, translated_in
from wrac_desktop.reports.data import ReportData, TeamLine
from wrac_desktop.reports.labels import label
from wrac_desktop.reports.official import initials_and_surname
from wrac_desktop.reports.pdf_base import escape
from wrac_desktop.reports.signature_places import SignaturePlace
from wrac_desktop.reports.signature_spot import SignatureSpot

# (caption, team role that signs, signature field)
DEVELOPED = (NC_("plan", "Developed by"), "facilitator", "WRAC-Developed")
AGREED = (NC_("plan", "Agreed"), "worker_representative", "WRAC-Agreed")


def signoff_block(
    data: ReportData,
    st: dict[str, Any],
    places: list[SignaturePlace],
    lines: tuple[tuple[Any, str, str], ...] = (DEVELOPED, AGREED),
) -> list[Flowable]:
    """One row per line: caption, position, signature (with its field), name, date."""
    rows = [_row(data, st, places, *line) for line in lines]
    table = Table(rows, colWidths=[40 * mm, 75 * mm, 50 * mm, 50 * mm, 50 * mm], hAlign="LEFT")
    table.setStyle(
        TableStyle([("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("BOTTOMPADDING", (0, 0), (-1, -1), 6)])
    )
    return [KeepTogether([Spacer(1, 6 * mm), table])]


def _row(
    data: ReportData,
    st: dict[str, Any],
    places: list[SignaturePlace],
    caption: Any,
    role: str,
    field: str,
) -> list[Any]:
    lang = data.lang
    member = _signer(data, role)
    name = initials_and_surname(member.name) if member else "_" * 18
    position = member.position if member and member.position else "_" * 30
    line = f"{'_' * 22}<br/><font size=6>{escape(label('signature', lang))}</font>"
    return [
        Paragraph(f"<b>{escape(translated_in(caption, lang))}:</b>", st["text"]),
        Paragraph(escape(position), st["text"]),
        [
            SignatureSpot(field, member.name if member else "", 46 * mm, 10 * mm, places),
            Paragraph(line, st["text"]),
        ],
        Paragraph(
            f"{escape(name)}<br/><font size=6>{escape(label('full_name', lang))}</font>",
            st["text"],
        ),
        # a line for the date, as on the commission's lines: the blank «___» form is the
        # approval stamp's alone (never two ways of writing one date)
        Paragraph(f"{'_' * 14}<br/><font size=6>{escape(label('date', lang))}</font>", st["text"]),
    ]


def _signer(data: ReportData, role: str) -> TeamLine | None:
    return next((m for m in data.team if m.role_key == role), None)
