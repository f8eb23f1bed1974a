"""Importing a worksheet from a front end: open and map it, then stream it into the register in
one transaction."""

from __future__ import annotations

from pathlib import Path

from wrac_desktop.importing.headers import Header
from wrac_desktop.importing.plan import ImportPlan
from wrac_desktop.services.importing import (
    ProgressStep,
    Source,
    import_source,
    make_plan,
    open_source,
)
from wrac_desktop.services.work import Work, session_of

__all__ = ["Source", "import_sheet", "make_plan", "read_worksheet"]


def read_worksheet(work: Work, path: Path) -> Source:
    """Read ``path`` and find its header row, checked against the register's risk matrix."""
    return open_source(session_of(work), path)


def import_sheet(
    work: Work,
    source: Source,
    header: Header,
    progress: ProgressStep | None = None,
    text_lang: str | None = None,
) -> ImportPlan:
    """Plan the whole sheet with ``header`` and add what the register lacks; ``progress`` may
    cancel (the caller's transaction then keeps nothing). ``text_lang``: the language the
    file's texts are written in (None: each cell's letters tell), as ``wrac import --lang``."""
    return import_source(session_of(work), source, header, progress=progress, text_lang=text_lang)
