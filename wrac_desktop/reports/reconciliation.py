"""The hidden-injury reconciliation's findings as a printable PDF and as XLSX (issue 18 item 3).

Two lists: first medical visits that look like work injuries with no event of the same person
within the window, and injury events with no medical visit; then the journal's rows that were
left out. In the current language, set in DejaVu Sans like every report (Kazakh letters).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from typing import Any

from openpyxl import Workbook
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from wrac_desktop.domain.reconciliation import WINDOW_DAYS, Findings
from wrac_desktop.formatting import format_date
from wrac_desktop.i18n import _
from wrac_desktop.reports.pdf_base import FONT, FONT_BOLD, escape, styles
from wrac_desktop.vocabulary import EventKind


@dataclass(frozen=True)
class Content:
    organisation: str
    source: str
    start: date | None
    end: date | None
    findings: Findings
    problems: tuple[str, ...]
    generated_on: date


def title() -> str:
    return _("Reconciliation of first medical visits with recorded events")


def summary_lines(content: Content) -> list[str]:
    found = content.findings
    period = (
        _("from {start} to {end}").format(
            start=format_date(content.start), end=format_date(content.end)
        )
        if content.start
        else _("no dated visits")
    )
    return [
        _("Journal: {name}, {period}").format(name=content.source, period=period),
        _(
            "{visits} visits read, {injuries} look like work injuries; {events} injury events "
            "in the register; matched within ±{days} days by personnel number, else by surname "
            "and initials"
        ).format(
            visits=found.visits,
            injuries=found.injury_visits,
            events=found.events,
            days=WINDOW_DAYS,
        ),  # fmt: skip
        _("Suspected hidden injuries (visits with no event): {count}").format(
            count=len(found.hidden)
        ),
        _("Events with no medical record: {count}").format(count=len(found.unrecorded)),
        _("Prepared on {date}").format(date=format_date(content.generated_on)),
    ]


def _kind(value: str) -> str:
    try:
        return EventKind(value).label()
    except ValueError:
        return value


def visit_header() -> list[str]:
    return [_("Row"), _("Date"), _("Person"), _("Personnel no."), _("Diagnosis or injury")]


def event_header() -> list[str]:
    return [_("Date"), _("Event"), _("Person"), _("Personnel no."), _("Workplace"), "UUID"]


def visit_rows(findings: Findings) -> list[list[Any]]:
    return [
        [visit.row, visit.day, visit.person, visit.personnel_no, visit.diagnosis]
        for visit in findings.hidden
    ]


def event_rows(findings: Findings) -> list[list[Any]]:
    return [
        [e.day, _kind(e.kind), e.person, e.personnel_no, e.workplace, e.uuid]
        for e in findings.unrecorded
    ]


def findings_pdf(content: Content) -> bytes:
    st = styles(8)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer, pagesize=landscape(A4), leftMargin=12 * mm, rightMargin=12 * mm,
        topMargin=12 * mm, bottomMargin=14 * mm, title=title(), author=content.organisation,
    )  # fmt: skip
    story: list[Any] = [Paragraph(escape(title()), st["title"])]
    if content.organisation:
        story.append(Paragraph(escape(content.organisation), st["subtitle"]))
    story += [Paragraph(escape(line), st["text"]) for line in summary_lines(content)]
    width = doc.width
    sections = (
        (_("Visits that look like work injuries, with no event"), visit_header(),
         visit_rows(content.findings), (0.06, 0.10, 0.24, 0.12, 0.48)),
        (_("Injury events with no medical record"), event_header(),
         event_rows(content.findings), (0.09, 0.16, 0.2, 0.1, 0.2, 0.25)),
    )  # fmt: skip
    for heading, header, rows, shares in sections:
        story += [Spacer(1, 4 * mm), Paragraph(escape(heading), st["bold"])]
        if not rows:
            story.append(Paragraph(escape(_("none")), st["text"]))
            continue
        story.append(_table(header, rows, [width * share for share in shares], st))
    if content.problems:
        story += [Spacer(1, 4 * mm), Paragraph(escape(_("Rows left out")), st["bold"])]
        story += [Paragraph(escape(line), st["small"]) for line in content.problems]
    doc.build(story)
    return buffer.getvalue()


def _table(header: list[str], rows: list[list[Any]], widths: list[float], st: Any) -> Table:
    body = [[Paragraph(escape(text), st["head"]) for text in header]]
    body += [[Paragraph(escape(_shown(value)), st["cell"]) for value in row] for row in rows]
    table = Table(body, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FONT),
                ("FONTNAME", (0, 0), (-1, 0), FONT_BOLD),
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#EEEEEE")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table


def _shown(value: Any) -> str:
    if isinstance(value, date):
        return format_date(value)
    return "" if value is None else str(value)


def findings_xlsx(content: Content) -> bytes:
    workbook = Workbook(write_only=True)
    summary = workbook.create_sheet(_("Summary")[:31])
    summary.append([title()])
    if content.organisation:
        summary.append([content.organisation])
    for line in summary_lines(content):
        summary.append([line])
    for name, header, rows in (
        (_("Visits with no event"), visit_header(), visit_rows(content.findings)),
        (_("Events with no record"), event_header(), event_rows(content.findings)),
    ):
        sheet = workbook.create_sheet(name[:31])
        sheet.append(header)
        for row in rows:
            sheet.append(row)
    if content.problems:
        left_out = workbook.create_sheet(_("Rows left out")[:31])
        for line in content.problems:
            left_out.append([line])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
