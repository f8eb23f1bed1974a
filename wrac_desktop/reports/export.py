"""Export a report to a file: the one entry point the CLI and the GUI share.

Files are written to a temporary name beside the target and renamed into place, so a failure
or a cancel never leaves a half-written report behind.
"""

from __future__ import annotations

import csv
import gc
import io
import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from wrac_desktop.errors import UserError
from wrac_desktop.i18n import _, check_language
from wrac_desktop.register import Register
from wrac_desktop.reports.data import build_report_data
from wrac_desktop.reports.summary import flat, summary_record

REPORTS = ("register", "plan", "matrix", "summary")
# Told (done, total) between the stages of an export; raising from it (the GUI's Cancel)
# stops the export there, before anything is written.
Progress = Callable[[int, int], None]
STAGES = 3  # read the register, make the report, write the file


def _no_progress(done: int, total: int) -> None:
    return None


FORMATS: dict[str, tuple[str, ...]] = {
    "register": ("pdf", "xlsx"),
    "plan": ("pdf", "xlsx"),
    "matrix": ("pdf", "xlsx"),
    "summary": ("xlsx", "csv", "json"),
}


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
        check_language(lang)
    except ValueError as error:
        raise UserError(str(error)) from error


def render(
    session: Session,
    report: str,
    fmt: str,
    lang: str,
    *,
    page: str = "A4",
    unit_id: int | None = None,
    today: date | None = None,
    assessment_id: int | None = None,
    progress: Progress = _no_progress,
) -> bytes:
    """The report's bytes, from one report-data object (of the current revision by default)."""
    check_request(report, fmt, lang)
    with _no_gc_pauses():
        return _render(session, report, fmt, lang, page, unit_id, today, assessment_id, progress)


@contextmanager
def _no_gc_pauses() -> Iterator[None]:
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


def _render(
    session: Session,
    report: str,
    fmt: str,
    lang: str,
    page: str,
    unit_id: int | None,
    today: date | None,
    assessment_id: int | None,
    progress: Progress,
) -> bytes:
    progress(0, STAGES)
    printed = fmt == "pdf" or report == "summary"  # the outputs that show the fingerprint
    data = build_report_data(
        session, lang, unit_id=unit_id, with_fingerprint=printed, assessment_id=assessment_id
    )
    progress(1, STAGES)
    record = summary_record(session, data, today or date.today()) if report == "summary" else None
    if fmt == "pdf":
        from wrac_desktop.reports import pdf_reports

        maker = {
            "register": pdf_reports.register_pdf,
            "plan": pdf_reports.plan_pdf,
            "matrix": pdf_reports.matrix_pdf,
        }[report]
        return maker(data, page)
    if fmt == "xlsx":
        from wrac_desktop.reports.xlsx import workbook_bytes

        return workbook_bytes(data, report, record)
    assert record is not None  # only the summary is written as CSV or JSON
    return summary_csv(record) if fmt == "csv" else summary_json(record)


def revision_id(session: Session, revision: int | None) -> int | None:
    """The assessment id of revision ``revision`` of the current assessment (None: current)."""
    if revision is None:
        return None
    from wrac_desktop.services import approval, assessments

    current = assessments.current_assessment(session)
    if current is None:
        raise UserError(_("the register holds no assessment to report on"))
    return approval.revision_of(session, current, revision).id


def summary_csv(record: dict[str, object]) -> bytes:
    row = flat(record)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(row), lineterminator="\r\n")
    writer.writeheader()
    writer.writerow(row)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # BOM: Excel opens it as UTF-8


def summary_json(record: dict[str, object]) -> bytes:
    document = {"format": "wrac-inspectorate-summary", "entities": [record]}
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")


def export(
    register: Register,
    report: str,
    fmt: str,
    lang: str,
    output: Path,
    *,
    page: str = "A4",
    unit_id: int | None = None,
    revision: int | None = None,
    signer: Any = None,
    progress: Progress = _no_progress,
) -> Path:
    """Write the report to ``output`` (atomically); returns the path written.

    ``revision`` picks an older revision; ``signer`` (``signing.load_signer``) signs a PDF;
    ``progress`` is told each stage done and may raise to cancel: then no file is written.
    """
    check_request(report, fmt, lang)
    output = Path(output)
    if not output.parent.is_dir():
        raise UserError(_("folder {path} does not exist").format(path=output.parent))
    if signer is not None and fmt != "pdf":
        raise UserError(_("only PDF reports can be signed"))
    with register.uow.reading() as session:
        chosen = revision_id(session, revision)
        content = render(
            session,
            report,
            fmt,
            lang,
            page=page,
            unit_id=unit_id,
            assessment_id=chosen,
            progress=progress,
        )
    if signer is not None:
        from wrac_desktop.reports.signing import sign_pdf

        content = sign_pdf(content, signer, reason=_("approval of the risk register"))
    progress(2, STAGES)
    write_atomically(output, content)
    progress(STAGES, STAGES)
    return output


def write_atomically(output: Path, content: bytes) -> None:
    """Write ``content`` to ``output`` whole or not at all: a half-written file never stays."""
    temporary = output.with_name(f".{output.name}.{os.getpid()}.part")
    try:
        temporary.write_bytes(content)
        os.replace(temporary, output)
    except OSError as error:
        raise UserError(
            _("cannot write {path}: {reason}").format(path=output, reason=error)
        ) from error
    finally:
        temporary.unlink(missing_ok=True)
