"""Notes a report writer leaves for whoever asked for the report: what it had to show
differently from the register (a control character a spreadsheet cannot hold, shown as its
visible picture). The exporter collects them around a render and the command line prints them.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_NOTES: ContextVar[list[str] | None] = ContextVar("report_notes", default=None)


@contextmanager
def collecting() -> Iterator[list[str]]:
    """The notes left while the block runs (a render), in order."""
    notes: list[str] = []
    token = _NOTES.set(notes)
    try:
        yield notes
    finally:
        _NOTES.reset(token)


def note(text: str) -> None:
    """Leave ``text`` once (a bilingual cell's two languages would each leave the same)."""
    found = _NOTES.get()
    if found is not None and text not in found:
        found.append(text)
