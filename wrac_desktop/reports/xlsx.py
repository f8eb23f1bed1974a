"""Excel workbooks (openpyxl, write-only for speed): register, plan, matrix and summary sheets.

Text that starts with =, +, - or @ is stored as text: openpyxl would otherwise turn it into
a live formula, which anyone who can type into a register could abuse.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from datetime import date
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from wrac_desktop.i18n import pick
from wrac_desktop.reports.data import RegisterRow, ReportData, Risk
from wrac_desktop.reports.labels import label

FORMULA_STARTS = ("=", "+", "-", "@")
THIN = Side(style="thin", color="999999")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
HEAD_FILL = PatternFill("solid", fgColor="E8E8E8")


def cell(ws: Worksheet, value: Any, *, bold: bool = False, colour: str | None = None) -> Any:
    """A styled cell; text that looks like a formula stays text."""
    out = WriteOnlyCell(ws, value=value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        out.data_type = "s"
    # Named styles, registered once per workbook: setting font, fill and border on every
    # cell made openpyxl hash style objects 4 million times (7 s for 10,000 hazards).
    if colour:
        out.style = _named(ws.parent, f"wrac-{colour.lstrip('#')}", fill=colour)
    elif bold:
        out.style = _named(ws.parent, "wrac-head", bold=True)
    elif isinstance(value, date):
        out.style = _named(ws.parent, "wrac-date", date_format=True)
    else:
        out.style = _named(ws.parent, "wrac-text")
    return out


def _named(
    wb: Workbook,
    name: str,
    *,
    bold: bool = False,
    fill: str | None = None,
    date_format: bool = False,
) -> str:
    if name not in wb.named_styles:
        style = NamedStyle(name=name, alignment=WRAP, border=BORDER)
        if bold:
            style.font, style.fill = Font(bold=True), HEAD_FILL
        if fill:
            style.fill = PatternFill("solid", fgColor=fill.lstrip("#"))
        if date_format:
            style.number_format = "DD.MM.YYYY"
        wb.add_named_style(style)
    return name


def _sheet(wb: Workbook, title: str, headers: list[str], widths: Iterable[int]) -> Worksheet:
    ws = wb.create_sheet(title[:31])
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}1"
    head = []
    for text in headers:
        head.append(cell(ws, text, bold=True))
    ws.append(head)
    return ws


def _risk_cells(ws: Worksheet, risk: Risk) -> list[Any]:
    return [
        cell(ws, risk.likelihood),
        cell(ws, risk.severity),
        cell(ws, risk.score, colour=risk.colour),
        cell(ws, risk.band_name, colour=risk.colour),
    ]


def _register_sheet(wb: Workbook, data: ReportData) -> None:
    lang = data.lang
    initial, residual = label("initial_risk", lang), label("residual_risk", lang)
    headers = [
        label("no", lang),
        label("site", lang),
        label("workplace", lang),
        label("hazard", lang),
        label("unwanted_event", lang),
        label("existing_controls", lang),
        f"{initial}: {label('likelihood_short', lang)}",
        f"{initial}: {label('severity_short', lang)}",
        f"{initial}: {label('result', lang)}",
        initial,
        label("additional_controls", lang),
        label("responsible", lang),
        label("due", lang),
        f"{residual}: {label('likelihood_short', lang)}",
        f"{residual}: {label('severity_short', lang)}",
        f"{residual}: {label('result', lang)}",
        residual,
        "UUID",
    ]
    widths = [6, 20, 24, 28, 30, 40, 6, 6, 8, 14, 50, 22, 14, 6, 6, 8, 14, 36]
    ws = _sheet(wb, label("register_title", lang), headers, widths)
    for row in data.rows:
        ws.append(_register_cells(ws, row))


def _register_cells(ws: Worksheet, row: RegisterRow) -> list[Any]:
    controls = "\n".join(f"{c.level}: {c.text}" for c in row.additional)
    return [
        cell(ws, row.number),
        cell(ws, row.site),
        cell(ws, row.workplace),
        cell(ws, row.hazard),
        cell(ws, row.unwanted_event),
        cell(ws, row.existing_controls),
        *_risk_cells(ws, row.initial),
        cell(ws, controls),
        cell(ws, "\n".join(c.responsible for c in row.additional)),
        cell(ws, "\n".join(c.due for c in row.additional)),
        *_risk_cells(ws, row.residual),
        cell(ws, str(row.uuid)),
    ]


def _plan_sheet(wb: Workbook, data: ReportData) -> None:
    lang = data.lang
    headers = [
        label(k, lang)
        for k in (
            "no",
            "workplace",
            "measure",
            "completion_form",
            "executors",
            "deadline",
            "funding",
            "hazard",
            "residual_risk",
        )
    ] + [label("date", lang)]
    ws = _sheet(wb, label("plan_title", lang), headers, [6, 24, 50, 24, 24, 16, 24, 30, 14, 12])
    number = 0
    for workplace, row, control in data.plan_lines():
        if row is None or control is None:
            continue  # a spreadsheet repeats the workplace on each line instead
        number += 1
        ws.append(
            [
                cell(ws, number),
                cell(ws, workplace),
                cell(ws, control.text),
                cell(ws, control.completion_form),
                cell(ws, control.responsible),
                cell(ws, control.due),
                cell(ws, control.funding),
                cell(ws, row.hazard),
                cell(ws, row.residual.band_name, colour=row.residual.colour),
                cell(ws, control.due_date),
            ]
        )


def _matrix_sheet(wb: Workbook, data: ReportData) -> None:
    lang, matrix = data.lang, data.matrix
    ws = _sheet(wb, label("matrix_title", lang), [label("legend", lang), "≥", ""], [22, 8, 70])
    for band in matrix.bands:
        ws.append(
            [
                cell(ws, pick(band.name, lang), colour=band.colour),
                cell(ws, band.lower),
                cell(ws, pick(band.action, lang)),
            ]
        )
    for stage in ("initial", "residual"):
        ws.append([])
        ws.append([cell(ws, label(f"{stage}_risk", lang), bold=True)])
        counts: dict[tuple[Any, Any], int] = {}
        for row in data.rows:
            risk = getattr(row, stage)
            counts[(risk.likelihood, risk.severity)] = (
                counts.get((risk.likelihood, risk.severity), 0) + 1
            )
        exposure = matrix.exposure.levels[-1].value if matrix.exposure else None
        for lik in reversed(matrix.likelihood.levels):
            line = [cell(ws, f"{lik.code} {pick(lik.label, lang)}")]
            for sev in matrix.severity.levels:
                band = matrix.band(matrix.score(lik.value, sev.value, exposure))
                line.append(cell(ws, counts.get((lik.value, sev.value), 0), colour=band.colour))
            ws.append(line)
        ws.append(
            [cell(ws, "")]
            + [cell(ws, f"{s.code} {pick(s.label, lang)}") for s in matrix.severity.levels]
        )


def _summary_sheet(wb: Workbook, data: ReportData, record: dict[str, Any]) -> None:
    from wrac_desktop.reports.summary import flat

    ws = _sheet(wb, label("summary_title", data.lang), ["field", "value"], [34, 60])
    for key, value in flat(record).items():
        ws.append([cell(ws, key), cell(ws, value)])


def workbook_bytes(data: ReportData, report: str, summary: dict[str, Any] | None) -> bytes:
    """An XLSX of one report ("register", "plan", "matrix" or "summary") or all of them."""
    wb = Workbook(write_only=True)
    makers = {
        "register": lambda: _register_sheet(wb, data),
        "plan": lambda: _plan_sheet(wb, data),
        "matrix": lambda: _matrix_sheet(wb, data),
        "summary": lambda: _summary_sheet(wb, data, summary or {}),
    }
    for name in makers if report == "all" else [report]:
        makers[name]()
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
