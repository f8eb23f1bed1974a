"""A report's bytes from its report data.

``services.exporting`` is the entry point the CLI and the GUI share: it reads the register
into a ``ReportData`` and hands it here, then writes the bytes with ``files.write_atomically``
(a temporary name beside the target renamed into place, so a failure or a cancel never leaves
a half-written report).
"""

from __future__ import annotations

import csv
import gc
import io
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import IO

from wrac_desktop.errors import UserError
from wrac_desktop.i18n import _, check_report_language, pair_of
from wrac_desktop.reports.data import ReportData
from wrac_desktop.reports.summary import SummaryRecord, flat, summary_record

REPORTS = ("register", "plan", "matrix", "summary", "dashboard")
FORMATS: dict[str, tuple[str, ...]] = {
    "register": ("pdf", "xlsx"),
    "plan": ("pdf", "xlsx"),
    "matrix": ("pdf", "xlsx"),
    "summary": ("pdf", "xlsx", "csv", "json"),
    "dashboard": ("pdf",),  # made by services.dashboard: it reads the event log too
}
BILINGUAL_FORMATS = ("pdf", "xlsx")  # a document a person reads: "kk+ru" prints both


def check_request(report: str, fmt: str, lang: str) -> None:
    if report not in REPORTS:
        raise UserError(
            _("unknown report “{report}”; choose one of: {all}").format(
                report=report, all=", ".join(REPORTS)
            )
        )
    if fmt not in FORMATS[report]:
        raise UserError(
            _("the {report} report is made as {formats}, not {fmt}").format(
                report=report, formats=", ".join(FORMATS[report]), fmt=fmt
            )
        )
    try:
        check_report_language(lang)
    except ValueError as error:
        raise UserError(str(error)) from error
    if pair_of(lang) is not None and fmt not in BILINGUAL_FORMATS:
        raise UserError(
            _("a {fmt} file is written in one language: choose kk, ru or en, not {lang}").format(
                fmt=fmt.upper(), lang=lang
            )
        )


def document_bytes(
    data: ReportData, report: str, fmt: str, *, page: str = "A4", today: date | None = None
) -> bytes:
    """The bytes of one report of ``data``; ``today`` is the date overdue measures are
    counted on (the summary's)."""
    buffer = io.BytesIO()
    write_document(data, report, fmt, buffer, page=page, today=today)
    return buffer.getvalue()


def write_document(
    data: ReportData,
    report: str,
    fmt: str,
    out: IO[bytes],
    *,
    page: str = "A4",
    today: date | None = None,
) -> None:
    """One report of ``data`` written into ``out``: the long PDFs as they are made, never
    held whole (issue 22); ``today`` as ``document_bytes``'."""
    check_request(report, fmt, data.lang)
    try:
        with no_gc_pauses():
            content = _document_bytes(data, report, fmt, page, today or date.today(), out)
    except Exception as error:
        from reportlab.platypus.doctemplate import LayoutError  # loaded by then: a PDF's

        if isinstance(error, LayoutError):
            raise _too_long_for_a_page(error) from error
        raise
    out.write(content)


_PARAGRAPH_TEXT = re.compile(r"<Paragraph at 0x[0-9a-fA-F]+>([^'\n]{1,40})")


def _too_long_for_a_page(error: Exception) -> UserError:
    """ReportLab's refusal of a piece of a page taller than a page, for the user, with the
    text it begins with where ReportLab names one (its page number is the one after). Long
    texts are split over pages; what is left are names and headings no page can hold (a
    3,300-character organisation name, a 2,200-character workplace)."""
    paragraph = _PARAGRAPH_TEXT.search(str(error))
    if paragraph:
        return UserError(
            _("the document cannot be laid out: a text does not fit on one page (it begins "
              "“{text}…”); shorten it and export again").format(text=paragraph.group(1).strip())
        )  # fmt: skip
    return UserError(
        _(
            "the document cannot be laid out: a text does not fit on one page; shorten the "
            "longest names and texts and export again"
        )
    )


@contextmanager
def no_gc_pauses() -> Iterator[None]:
    """Python's cycle collector off while a report is made, on again after (if it was on).

    A report builds a few hundred thousand objects that all live until it is written; each
    collection walked all of them again, about a tenth of a 10,000-hazard export's time. The
    cycles a report leaves are collected once the collector is back on."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _document_bytes(
    data: ReportData, report: str, fmt: str, page: str, today: date, out: IO[bytes]
) -> bytes:
    """The report's bytes; a register's or plan's PDF, and an XLSX, are written into ``out``
    instead (then no bytes are returned)."""
    record = summary_record(data, today) if report == "summary" else None
    if fmt == "pdf":
        from wrac_desktop.reports import pdf_reports

        if record is not None:
            from wrac_desktop.reports.pdf_summary import summary_pdf

            return summary_pdf(data, record, page)
        if report == "matrix":
            return pdf_reports.matrix_pdf(data, page)
        maker = pdf_reports.register_pdf if report == "register" else pdf_reports.plan_pdf
        try:
            return maker(data, page, out)
        finally:
            forget_wrapped_texts()
    if fmt == "xlsx":
        from wrac_desktop.reports.xlsx import workbook_bytes

        return workbook_bytes(data, report, record, out)
    assert record is not None  # only the summary is written as CSV or JSON
    return summary_csv(record) if fmt == "csv" else summary_json(record)


def forget_wrapped_texts() -> None:
    """The texts a long PDF kept wrapped (``pdf_cells``) are of that report's columns: kept
    after it, the last of them stayed scattered over the memory the report had used."""
    from wrac_desktop.reports import pdf_cells

    for cached in (pdf_cells.wrapped_lines, pdf_cells.wrapped, pdf_cells.split_text):
        cached.cache_clear()


def shows_fingerprint(report: str, fmt: str) -> bool:
    """Whether the output prints the fingerprint (the others skip computing it)."""
    return fmt == "pdf" or report == "summary"


def summary_csv(record: SummaryRecord) -> bytes:
    row = flat(record)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(row), lineterminator="\r\n")
    writer.writeheader()
    writer.writerow(row)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # BOM: Excel opens it as UTF-8


def summary_json(record: SummaryRecord) -> bytes:
    document = {"format": "wrac-inspectorate-summary", "entities": [record]}
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")
