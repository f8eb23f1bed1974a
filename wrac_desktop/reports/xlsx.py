"""Excel workbooks (openpyxl, write-only for speed): register, plan, matrix and summary sheets.

Text that starts with =, +, - or @ is stored as text: openpyxl would otherwise turn it into
a live formula, which anyone who can type into a register could abuse.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from datetime import date
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from wrac_desktop.i18n import (
    NC_,
    SECOND,
    _,
    both,
    first_language,
    pair_of,
    part,
    pick,
    translated_in,
)
from wrac_desktop.reports.columns import (
    PLAN,
    REGISTER,
    Column,
    PlanItem,
    T,
    in_languages,
    plan_items,
    register_lines,
    xlsx_columns,
)
from wrac_desktop.reports.data import ReportData
from wrac_desktop.reports.labels import label
from wrac_desktop.reports.official import (
    approver,
    commission_members,
    commission_role,
    date_or_blank,
    header_rows,
    initials_and_surname,
    position_with_organisation,
    status_as_of,
)
from wrac_desktop.reports.openpyxl_adapter import (
    SECOND_COLOUR,
    Cell,
    SheetRows,
    language_runs,
    pictured,
    sheet_part,
    splice,
)
from wrac_desktop.reports.openpyxl_adapter import style_id as style_id_of
from wrac_desktop.reports.scales import class_lines
from wrac_desktop.reports.summary import (
    WORKPLACE_FIELDS,
    SummaryRecord,
    summary_label,
    summary_rows,
)

FORMULA_STARTS = ("=", "+", "-", "@")
THIN = Side(style="thin", color="999999")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
HEAD_FILL = PatternFill("solid", fgColor="E8E8E8")


def cell(ws: Worksheet, value: Any, *, bold: bool = False, colour: str | None = None) -> Any:
    """A styled cell; text that looks like a formula stays text; a bilingual text has its
    second language grey; a control character stored before they were refused is shown as
    its picture (``pictured``)."""
    where = _("sheet “{sheet}”").format(sheet=ws.title)
    if _is_bilingual(value):
        out = WriteOnlyCell(ws, value=_rich(value, bold, where))
    else:
        value = pictured(value, where) if isinstance(value, str) else value
        out = WriteOnlyCell(ws, value=value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        out.data_type = "s"
    out.style = _style_name(ws.parent, value, bold=bold, colour=colour)
    return out


def _is_bilingual(value: Any) -> bool:
    return isinstance(value, str) and SECOND in value


def _rich(value: str, bold: bool, where: str) -> CellRichText:
    grey = InlineFont(color=SECOND_COLOUR, b=bold)
    runs = [(pictured(text, where), second) for text, second in language_runs(value)]
    return CellRichText([TextBlock(grey, text) if second else text for text, second in runs])


def _style_name(wb: Workbook, value: Any, *, bold: bool = False, colour: str | None = None) -> str:
    # Named styles, registered once per workbook: setting font, fill and border on every
    # cell made openpyxl hash style objects 4 million times (7 s for 10,000 hazards).
    if colour:
        return _named(wb, f"wrac-{colour.lstrip('#')}", fill=colour)
    if bold:
        return _named(wb, "wrac-head", bold=True)
    if isinstance(value, date):
        return _named(wb, "wrac-date", date_format=True)
    return _named(wb, "wrac-text")


class _Body:
    """A long sheet's rows, written as XML by SheetRows; styled like ``cell`` would."""

    def __init__(self, ws: Worksheet, headers: list[str], widths: list[int]) -> None:
        self.ws, self.columns = ws, len(headers)
        self.rows = SheetRows(ws.title, [float(width) for width in widths], first_row=1)
        self._style_ids: dict[tuple[str | None, bool, bool], int] = {}
        self.rows.append(self.cell(text, bold=True) for text in headers)

    def cell(self, value: Any, *, bold: bool = False, colour: str | None = None) -> Cell:
        # What _style_name decides on, as a key: looking the name up in the workbook's named
        # styles for each of 180,000 cells cost 0.4 s. A bilingual text keeps its marks: the
        # rows' writer draws its second language grey.
        key = (colour, bold, isinstance(value, date))
        style_id = self._style_ids.get(key)
        if style_id is None:
            name = _style_name(self.ws.parent, value, bold=bold, colour=colour)
            style_id = self._style_ids[key] = style_id_of(self.ws, name)
        return value, style_id

    def finish(self, bodies: dict[Worksheet, SheetRows]) -> None:
        """Filter the whole table, not just its header row, and hand the rows over."""
        last_column = get_column_letter(max(self.rows.width, self.columns))
        self.ws.auto_filter.ref = f"A1:{last_column}{max(self.rows.last_row, 1)}"
        bodies[self.ws] = self.rows


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


def _sheet(
    wb: Workbook, title: str, headers: list[str], widths: Iterable[int], *, head: bool = True
) -> Worksheet:
    """A sheet set up for print; its header row too unless ``head`` is false (a _Body sheet
    writes its own, so that the header row gets its height)."""
    ws = wb.create_sheet(part(title, 0)[:31])  # a bilingual document: its first language
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}1"
    if head:
        ws.append([cell(ws, text, bold=True) for text in headers])
    return ws


def _column_sheet(
    wb: Workbook,
    title: str,
    columns: list[Column[T]],
    items: Iterable[T],
    lang: str,
    bodies: dict[Worksheet, SheetRows],
) -> Worksheet:
    """A long sheet: a header row of the columns' headings, then a row per item."""
    headers = [column.heading(lang) for column in columns]
    widths = [column.xlsx_width for column in columns]
    body = _Body(_sheet(wb, title, headers, widths, head=False), headers, widths)
    for item in items:
        shown = in_languages(item, lang)
        body.rows.append(
            [body.cell(_value(column, shown, lang), colour=column.fill(item)) for column in columns]
        )
    body.finish(bodies)
    return body.ws


def _register_sheet(wb: Workbook, data: ReportData, bodies: dict[Worksheet, SheetRows]) -> None:
    title = sheet_name("register", data.lang)
    # a row per measure, made as the sheet is written: never every hazard's at once (issue 22)
    lines = (line for row in data.rows for line in register_lines(row))
    _column_sheet(wb, title, xlsx_columns(REGISTER), lines, data.lang, bodies)


def _register_sheets(wb: Workbook, data: ReportData, bodies: dict[Worksheet, SheetRows]) -> None:
    _register_sheet(wb, data, bodies)
    _document_sheet(wb, data)


def _plan_sheet(wb: Workbook, data: ReportData, bodies: dict[Worksheet, SheetRows]) -> None:
    # A spreadsheet repeats the site, division and workplace on each line instead of headings.
    lines = plan_items(data.plan_stream(), data.generated_on)
    items = (item for item in lines if isinstance(item, PlanItem))
    title = sheet_name("plan", data.lang)
    ws = _column_sheet(wb, title, xlsx_columns(PLAN), items, data.lang, bodies)
    # Every printed page says which day's progress the completion column shows, as the PDF
    # does under its title; a header keeps the sheet's first row the columns' headings.
    status = status_as_of(data)
    halves = (part(status, 0), part(status, 1)) if pair_of(data.lang) else (status,)
    ws.oddHeader.left.text = " / ".join(halves)


def _document_sheet(wb: Workbook, data: ReportData) -> None:
    """The register's header as the PDF prints it: approval, details, basis, commission,
    checksum and the classes' ranges, so the spreadsheet is the same document."""
    lang = data.lang
    title = label("register_title", lang)
    ws = _sheet(wb, label("document_sheet", lang), [title, label("subtitle", lang)], [42, 110])
    for key, value in _document_lines(data):
        ws.append([cell(ws, key, bold=True), cell(ws, value)])


def _document_lines(data: ReportData) -> list[tuple[str, str]]:
    lang, a = data.lang, data.assessment
    name, position = approver(data)
    stamp = [
        position_with_organisation(position, data.organisation.legal_name, lang),
        initials_and_surname(name) if name else "",
        date_or_blank(None if a.is_draft else a.approved_on, lang),
    ]
    lines = [(label("approved", lang), "\n".join(part for part in stamp if part))]
    if a.is_draft:
        lines.append((label("status", lang), label("draft_word", lang)))
    for k, v, k2, v2 in header_rows(data):
        lines += [(k, v), (k2, v2)]
    lines.append(("", label("basis", lang)))
    lines += [
        (commission_role(m, lang), f"{m.name}, {m.position}") for m in commission_members(data)
    ]
    if data.fingerprint:  # computed for the outputs that are signed (PDF), not for this one
        lines.append((label("fingerprint", lang), data.fingerprint))
    for line in class_lines(data.matrix, lang):
        lines.append((line.texts[0], " · ".join(line.texts[1:])))
    return lines


def _matrix_sheet(wb: Workbook, data: ReportData) -> None:
    lang, matrix = data.lang, data.matrix
    ws = _sheet(wb, sheet_name("matrix", lang), [label("legend", lang), "≥", ""], [22, 8, 70])
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


def _summary_sheet(wb: Workbook, data: ReportData, record: SummaryRecord) -> None:
    """The record as label, value and field name (the label in the report's language for a
    reader, the stable field name for a program), and the per-workplace breakdown."""
    lang = data.lang
    headings = [_heading("field_label", lang), _heading("value", lang), _heading("field", lang)]
    ws = _sheet(wb, sheet_name("summary", lang), headings, [46, 40, 30])
    for key, shown, value in summary_rows(data, record):
        ws.append([cell(ws, shown), cell(ws, value), cell(ws, key)])
    keys = WORKPLACE_FIELDS
    ws = _sheet(wb, sheet_name("workplaces", lang), [summary_label(k, lang) for k in keys],
                [30, 40, 12, 12, 16, 14])  # fmt: skip
    for workplace in record["workplaces"]:
        ws.append([cell(ws, workplace[key]) for key in keys])


_HEADINGS = {
    "field_label": NC_("summary", "Indicator"),
    "value": NC_("summary", "Value"),
    "field": NC_("summary", "Field"),
}
# Sheet names: Excel allows 31 characters, and a title cut there ("План мероприятий по
# устранению о") is no name; these are short in every language.
SHEET_NAMES = {
    "register": NC_("sheet", "Register"),
    "plan": NC_("sheet", "Plan"),
    "matrix": NC_("sheet", "Matrix"),
    "summary": NC_("sheet", "Summary"),
    "workplaces": NC_("sheet", "Workplaces"),
}


def _heading(key: str, lang: str) -> str:
    return translated_in(_HEADINGS[key], lang)


def sheet_name(report: str, lang: str) -> str:
    return translated_in(SHEET_NAMES[report], first_language(lang))


def _value(column: Column[T], items: list[T], lang: str) -> Any:
    """A column's value (``pdf_cells.in_languages``): for a bilingual document a text is made
    whole in each language, the second under the first; a number or a date once."""
    pair = pair_of(lang)
    if pair is None:
        return column.value(items[0], lang)
    first, second = (column.value(i, one) for i, one in zip(items, pair, strict=True))
    return both(first, second) if isinstance(first, str) and isinstance(second, str) else first


def workbook_bytes(
    data: ReportData, report: str, summary: SummaryRecord | None, out: IO[bytes] | None = None
) -> bytes:
    """An XLSX of one report: "register", "plan", "matrix" or "summary" (with its record);
    written into ``out`` when given (then no bytes are returned)."""
    wb = Workbook(write_only=True)
    bodies: dict[Worksheet, SheetRows] = {}  # long sheets' rows, put in after openpyxl saves
    makers = {
        "register": lambda: _register_sheets(wb, data, bodies),
        "plan": lambda: _plan_sheet(wb, data, bodies),
        "matrix": lambda: _matrix_sheet(wb, data),
    }
    if summary is not None:
        makers["summary"] = lambda: _summary_sheet(wb, data, summary)
    try:
        makers[report]()
    except Exception:
        for ws in wb.worksheets:
            ws.close()  # end openpyxl's half-written sheet streams before giving up
        raise
    buffer = io.BytesIO()
    try:
        wb.save(buffer)  # numbers the sheets: their paths in the archive are known from here
        parts = {sheet_part(ws): rows for ws, rows in bodies.items()}
        return splice(buffer.getvalue(), parts, out)
    finally:
        for rows in bodies.values():
            rows.close()
