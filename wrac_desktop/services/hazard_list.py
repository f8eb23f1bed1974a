"""The hazard register as the front ends list it: filtered, sorted ids, then rows by page."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from wrac_desktop.languages import Translations
from wrac_desktop.persistence import translations as translation_rows
from wrac_desktop.persistence.queries import (
    HazardFilter,
    HazardRow,
    hazard_rows_by_ids,
    hazard_units,
    unit_outline,
)
from wrac_desktop.persistence.queries import hazard_count as _hazard_count
from wrac_desktop.persistence.queries import hazard_ids as _hazard_ids
from wrac_desktop.risk.matrix import Matrix
from wrac_desktop.services import assessments, matrices
from wrac_desktop.services.shown_texts import Shown, in_language
from wrac_desktop.services.work import Work, session_of

__all__ = [
    "Heading", "HazardFilter", "HazardRow", "ShownRow", "current_matrix", "grouped_ids",
    "hazard_count", "hazard_ids", "shown_rows",
]  # fmt: skip
SHOWN_TEXTS = ("workplace", "description", "unwanted_event")


@dataclass(frozen=True)
class Heading:
    """A site › division heading in the register, above the hazards of its workplaces."""

    unit_id: int
    path: tuple[str, ...]  # the names from the site down
    count: int  # hazards listed under it

    @property
    def title(self) -> str:
        return " › ".join(self.path)


def hazard_ids(work: Work, wanted: HazardFilter, *, sort: str, descending: bool) -> list[int]:
    """Every matching hazard's id in display order (sorting done by the database)."""
    return _hazard_ids(session_of(work), wanted, sort=sort, descending=descending)


def hazard_count(work: Work, wanted: HazardFilter) -> int:
    """How many hazards match ``wanted`` (counted by the database)."""
    return _hazard_count(session_of(work), wanted)


ShownRow = Shown[HazardRow]


def shown_rows(
    work: Work, ids: list[int], lang: str, assessment_id: int | None = None
) -> list[ShownRow]:
    """The rows of ``ids`` (of revision ``assessment_id``, None: the current one) with each
    text in ``lang``, or where it has no version in ``lang`` in its fallback (issue 16 item 3)."""
    session = session_of(work)
    rows = hazard_rows_by_ids(session, ids)
    return in_language(session, rows, SHOWN_TEXTS, lang, assessment_id)


def grouped_ids(
    work: Work, wanted: HazardFilter, *, sort: str, descending: bool, lang: str | None = None
) -> list[int | Heading]:
    """``hazard_ids`` under a heading per site › division, in the tree's order; within one
    the hazards keep the order asked for. With ``lang`` the headings name the units in that
    language, as the tree does (or where a name has none yet, in its fallback)."""
    session = session_of(work)
    ids = _hazard_ids(session, wanted, sort=sort, descending=descending)
    unit_of = hazard_units(session, wanted)
    under: dict[int, list[int]] = {}
    for hazard_id in ids:
        under.setdefault(unit_of[hazard_id], []).append(hazard_id)
    outline = [(unit_id, path) for unit_id, path in unit_outline(session) if unit_id in under]
    named = _named_in(session, outline, lang, wanted.assessment_id)
    listed: list[int | Heading] = []
    for unit_id, path in outline:
        shown = tuple(named.get(name, name) for name in path)
        listed.append(Heading(unit_id, shown, len(under[unit_id])))
        listed.extend(under[unit_id])
    return listed


def _named_in(
    session: Session,
    outline: list[tuple[int, tuple[str, ...]]],
    lang: str | None,
    assessment_id: int | None,
) -> dict[str, str]:
    """Each unit name of ``outline`` in ``lang`` from the revision's translations."""
    if assessment_id is None:
        current = assessments.current_assessment(session)
        assessment_id = current.id if current is not None else None
    if lang is None or assessment_id is None:
        return {}
    names = {name for _unit, path in outline for name in path}
    known = Translations(translation_rows.rows_for(session, assessment_id, names))
    return {name: known.printed(name, lang).text for name in names}


def current_matrix(work: Work) -> Matrix | None:
    """The risk matrix of the current revision, None in a register without an assessment."""
    assessment = assessments.current_assessment(session_of(work))
    return matrices.matrix_of(assessment.matrix) if assessment else None
