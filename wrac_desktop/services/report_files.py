"""Reports for the front ends: a file written from the register, or a PDF's bytes to preview."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from wrac_desktop.register import Register
from wrac_desktop.reports.signing import load_signer
from wrac_desktop.services.exporting import export, render, revision_id
from wrac_desktop.services.work import Work, session_of

__all__ = ["export", "preview", "write_signed"]


def preview(
    work: Work,
    report: str,
    fmt: str,
    lang: str,
    *,
    page: str,
    revision: int | None,
    progress: Callable[[int, int], None],
    with_photos: bool = False,
    as_of: date | None = None,
) -> bytes:
    """The report's bytes (of revision ``revision``, None: the current one) to show on screen;
    ``as_of``: the measures' states on that day, as ``export``'s (None: today's)."""
    session = session_of(work)
    chosen = revision_id(session, revision)
    return render(session, report, fmt, lang, page=page, assessment_id=chosen, progress=progress,
                  with_photos=with_photos, today=as_of)  # fmt: skip


def write_signed(
    register: Register,
    key: Path,
    password: str,
    target: Path,
    lang: str,
    progress: Callable[[int, int], None],
) -> Path:
    """The register PDF signed (PAdES) with a PKCS#12 key: a wrong password or key is a
    ``UserError``; ``progress`` may raise to cancel, and then nothing is written."""
    signer = load_signer(key, password)
    return export(register, "register", "pdf", lang, target, signer=signer, progress=progress)
