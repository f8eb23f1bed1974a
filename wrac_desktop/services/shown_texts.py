"""A view's rows with their texts in the interface's language (issue 16 item 3): the register,
the action plan. A text with no version in that language yet shows in its fallback (the
other state language first), and the view marks it (italics, a tooltip naming the language).
Only the texts of the rows shown are looked up: a page of a view, not the whole revision.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, Generic, TypeVar

from sqlalchemy.orm import Session

from wrac_desktop.languages import Translations
from wrac_desktop.persistence import translations as translation_rows
from wrac_desktop.services import assessments

T = TypeVar("T")


@dataclass(frozen=True)
class Shown(Generic[T]):
    """A row with its texts in the language asked for; ``elsewhere`` maps each text shown in
    another language (no translation yet) to that language."""

    row: T
    elsewhere: dict[str, str]


def in_language(
    session: Session,
    rows: Sequence[T],
    fields: tuple[str, ...],
    lang: str,
    assessment_id: int | None = None,
) -> list[Shown[T]]:
    """``rows`` (dataclasses) with their ``fields`` in ``lang`` from the translations of revision
    ``assessment_id`` (None: the current one)."""
    if assessment_id is None:
        current = assessments.current_assessment(session)
        assessment_id = current.id if current is not None else None
    if assessment_id is None:
        return [Shown(row, {}) for row in rows]
    sources = [getattr(row, name) for row in rows for name in fields]
    known = Translations(translation_rows.rows_for(session, assessment_id, sources))
    return [_shown(row, fields, known, lang) for row in rows]


def _shown(row: Any, fields: tuple[str, ...], known: Translations, lang: str) -> Shown[Any]:
    printed = {name: known.printed(getattr(row, name), lang) for name in fields}
    elsewhere = {name: p.lang for name, p in printed.items() if p.fallback and p.lang}
    return Shown(replace(row, **{name: p.text for name, p in printed.items()}), elsewhere)
