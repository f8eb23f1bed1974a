"""Reports for the front ends: a file written from the register (the one entry point the CLI
and the GUI share), a PDF's bytes to preview, a signed register PDF.

Reads the register into a ``ReportData`` (``services.report_data``), has the reports package
write it, optionally signs the PDF, and writes the file atomically.
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import IO, Any

from sqlalchemy.orm import Session

from wrac_desktop.errors import UserError
from wrac_desktop.files import atomic_output, check_output_path
from wrac_desktop.i18n import _, pair_of
from wrac_desktop.register import Register
from wrac_desktop.reports import notes as report_notes
from wrac_desktop.reports.export import (
    check_request,
    no_gc_pauses,
    shows_fingerprint,
    write_document,
)
from wrac_desktop.reports.signing import load_signer, sign_pdf_into
from wrac_desktop.services import approval, assessments, events
from wrac_desktop.services.report_data import build_report_data
from wrac_desktop.services.work import Work, session_of

# Told (done, total) between the stages of an export; raising from it (the GUI's Cancel)
# stops the export there, before anything is written.
Progress = Callable[[int, int], None]
STAGES = 3  # read the register, make the report, write the file


def _no_progress(done: int, total: int) -> None:
    return None


def render(session: Session, report: str, fmt: str, lang: str, **options: Any) -> bytes:
    """The report's bytes (a preview's): ``render_into`` a buffer, with its ``options``."""
    buffer = io.BytesIO()
    render_into(buffer, session, report, fmt, lang, **options)
    return buffer.getvalue()


def render_into(
    out: IO[bytes],
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
    with_photos: bool = False,
) -> None:
    """The report written into ``out`` (a long PDF as it is made, issue 22), from one
    report-data object (of the current revision by default); ``with_photos``: the register
    PDF's appendix of photos."""
    check_request(report, fmt, lang)
    check_photos(report, fmt, with_photos)
    if report == "dashboard":  # the current state and the event log, not one revision
        from wrac_desktop.services.dashboard import dashboard_pdf

        if pair_of(lang) is not None:  # its charts leave room for one language's words
            raise UserError(_("the dashboard is made in one language: kk, ru or en"))

        progress(0, STAGES)
        out.write(dashboard_pdf(session, lang, page, today))
        progress(1, STAGES)
        return
    with no_gc_pauses():  # the read too: it builds most of the objects a report keeps
        progress(0, STAGES)
        data = build_report_data(
            session,
            lang,
            unit_id=unit_id,
            with_fingerprint=shows_fingerprint(report, fmt),
            assessment_id=assessment_id,
            as_of=today,
            with_photos=with_photos,
        )
        if report == "summary":  # the roadmap's indicators of the export's year (issue 18)
            day = today or date.today()
            data.indicators = events.period_indicators(session, events.period(day.year), day)
        progress(1, STAGES)
        write_document(data, report, fmt, out, page=page, today=today)


def check_photos(report: str, fmt: str, with_photos: bool) -> None:
    if with_photos and (report, fmt) != ("register", "pdf"):
        raise UserError(_("photos are added to the register as PDF only (--report register "
                          "--format pdf)"))  # fmt: skip


def revision_id(session: Session, revision: int | None) -> int | None:
    """The assessment id of revision ``revision`` of the current assessment (None: current)."""
    if revision is None:
        return None
    current = assessments.current_assessment(session)
    if current is None:
        raise UserError(_("the register holds no assessment to report on"))
    return approval.revision_of(session, current, revision).id


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
    force: bool = False,
    as_of: date | None = None,
    with_photos: bool = False,
    notes: list[str] | None = None,
) -> Path:
    """Write the report to ``output`` (atomically); returns the path written.

    ``notes`` gets what the report shows differently from the register (``reports.notes``:
    a control character a spreadsheet cannot hold, shown as its picture), for the user.

    ``revision`` picks an older revision; ``signer`` (``signing.load_signer``) signs a PDF;
    ``progress`` is told each stage done and may raise to cancel: then no file is written.
    ``as_of`` reproduces the measures' states and overdue marks on an earlier day;
    ``with_photos`` adds the register PDF's appendix of attached photos.
    ``force`` allows replacing another register or database (never this one, never an open one).
    """
    check_request(report, fmt, lang)
    check_photos(report, fmt, with_photos)
    output = check_output_path(Path(output), registers=[register.location], force=force)
    if not output.parent.is_dir():
        raise UserError(_("folder {path} does not exist").format(path=output.parent))
    if signer is not None and fmt != "pdf":
        raise UserError(_("only PDF reports can be signed"))
    with register.uow.reading() as session:
        chosen = revision_id(session, revision)

        def write(out: IO[bytes]) -> None:
            with report_notes.collecting() as found:
                render_into(out, session, report, fmt, lang, page=page, unit_id=unit_id,
                            assessment_id=chosen, progress=progress, today=as_of,
                            with_photos=with_photos)  # fmt: skip
            if notes is not None:
                notes.extend(found)
            progress(2, STAGES)

        # The last Cancel is asked before the file is made whole: after it, none is taken.
        if signer is None:  # written as it is made: a long PDF is never held whole
            with atomic_output(output) as stream:
                write(stream)
                progress(STAGES, STAGES)
        else:  # nor when signed: made into a spool file, signed from it into the output
            with tempfile.TemporaryFile() as spool:
                write(spool)
                with atomic_output(output) as stream:
                    sign_pdf_into(stream, spool, signer, lang=lang)
                    progress(STAGES, STAGES)
    return output


def preview(
    work: Work,
    out: IO[bytes],
    report: str,
    fmt: str,
    lang: str,
    *,
    page: str,
    revision: int | None,
    progress: Progress,
    with_photos: bool = False,
    as_of: date | None = None,
) -> None:
    """The report (of revision ``revision``, None: the current one) written into ``out`` to
    be shown on screen (a file: a 100,000-hazard register's PDF is 110 MB, which the window
    held twice as bytes); ``as_of``: the measures' states on that day, as ``export``'s."""
    session = session_of(work)
    chosen = revision_id(session, revision)
    render_into(out, session, report, fmt, lang, page=page, assessment_id=chosen,
                progress=progress, with_photos=with_photos, today=as_of)  # fmt: skip


def write_signed(
    register: Register, key: Path, password: str, target: Path, lang: str, progress: Progress
) -> Path:
    """The register PDF signed (PAdES) with a PKCS#12 key: a wrong password or key is a
    ``UserError``; ``progress`` may raise to cancel, and then nothing is written."""
    signer = load_signer(key, password)
    return export(register, "register", "pdf", lang, target, signer=signer, progress=progress)
