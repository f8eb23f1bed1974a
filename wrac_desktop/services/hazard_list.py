"""The hazard register as the front ends list it: filtered, sorted ids, then rows by page."""

from __future__ import annotations

from dataclasses import dataclass, replace

from wrac_desktop.languages import Translations
from wrac_desktop.persistence import translations as translation_rows
from wrac_desktop.persistence.queries import HazardFilter, HazardRow, hazard_rows_by_ids
from wrac_desktop.persistence.queries import hazard_ids as _hazard_ids
from wrac_desktop.risk.matrix import Matrix
from wrac_desktop.services import assessments, matrices
from wrac_desktop.services.work import Work, session_of

__all__ = [
    "HazardFilter", "HazardRow", "ShownRow", "current_matrix", "hazard_ids", "shown_rows",
]  # fmt: skip
SHOWN_TEXTS = ("workplace", "description", "unwanted_event")


def hazard_ids(work: Work, wanted: HazardFilter, *, sort: str, descending: bool) -> list[int]:
    """Every matching hazard's id in display order (sorting done by the database)."""
    return _hazard_ids(session_of(work), wanted, sort=sort, descending=descending)


@dataclass(frozen=True)
class ShownRow:
    """A register row with its texts in the interface's language; ``elsewhere`` maps each text
    shown in another language (no translation yet) to that language."""

    row: HazardRow
    elsewhere: dict[str, str]


def shown_rows(
    work: Work, ids: list[int], lang: str, assessment_id: int | None = None
) -> list[ShownRow]:
    """The rows of ``ids`` (of revision ``assessment_id``, None: the current one) with each
    text in ``lang``, or where it has no version in ``lang`` in its fallback (issue 16 item 3)."""
    session = session_of(work)
    rows = hazard_rows_by_ids(session, ids)
    if assessment_id is None:
        current = assessments.current_assessment(session)
        assessment_id = current.id if current is not None else None
    if assessment_id is None:
        return [ShownRow(row, {}) for row in rows]
    sources = [getattr(row, name) for row in rows for name in SHOWN_TEXTS]
    known = Translations(translation_rows.rows_for(session, assessment_id, sources))
    return [_shown(row, known, lang) for row in rows]


def _shown(row: HazardRow, known: Translations, lang: str) -> ShownRow:
    printed = {name: known.printed(getattr(row, name), lang) for name in SHOWN_TEXTS}
    elsewhere = {name: p.lang for name, p in printed.items() if p.fallback and p.lang}
    shown = replace(
        row,
        workplace=printed["workplace"].text,
        description=printed["description"].text,
        unwanted_event=printed["unwanted_event"].text,
    )
    return ShownRow(shown, elsewhere)


def current_matrix(work: Work) -> Matrix | None:
    """The risk matrix of the current revision, None in a register without an assessment."""
    assessment = assessments.current_assessment(session_of(work))
    return matrices.matrix_of(assessment.matrix) if assessment else None
