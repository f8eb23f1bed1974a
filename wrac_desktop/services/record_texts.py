"""One record's printed texts in kk, ru and en, to see and edit side by side (issue 16 item 3):
what the hazard editor, the measure dialog, the tree and the team panel open with "Languages…".

A record keeps each text once, in the language it was typed or picked in; the others are the
revision's translations of it. Editing that language edits the record (the other languages
then need checking); editing another one translates it, and confirms it if it needed checking.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from sqlalchemy.orm import Session

from wrac_desktop.languages import TEXT_LANGUAGES, text_set
from wrac_desktop.persistence import translations as rows
from wrac_desktop.persistence.models import (
    Assessment,
    ControlMeasure,
    Hazard,
    Organisation,
    OrgUnit,
    Record,
    TeamMember,
    Workplace,
)
from wrac_desktop.services import editing, translations
from wrac_desktop.services.work import Work, session_of

MODELS: dict[str, type[Record]] = {
    "organisation": Organisation,
    "org_unit": OrgUnit,
    "workplace": Workplace,
    "assessment": Assessment,
    "team_member": TeamMember,
    "hazard": Hazard,
    "control_measure": ControlMeasure,
}


class FieldTexts(NamedTuple):
    """One field of a record: its text in each language ("" where a translation is missing)."""

    field: str
    lang: str | None  # the language the record's own text is in
    values: dict[str, str]
    unchecked: frozenset[str]  # languages to check: the field was edited in another one

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(lang for lang in TEXT_LANGUAGES if not self.values[lang])


def record_texts(work: Work, table: str, record_id: int) -> list[FieldTexts]:
    """The record's printed fields with their kk, ru and en texts (empty fields left out)."""
    session = session_of(work)
    record = editing.get_record(session, MODELS[table], record_id)
    assessment = translations.revision_of(session, record)
    known = rows.rows_of(session, assessment.id) if assessment is not None else {}
    texts = []
    for field in rows.TRANSLATED_FIELDS[table]:
        source = getattr(record, field) or ""
        if source:
            text = text_set(source, known.get(source))
            values = {lang: text.value(lang) for lang in TEXT_LANGUAGES}
            texts.append(FieldTexts(field, text.lang, values, text.unchecked))
    return texts


def needs_attention(texts: list[FieldTexts], langs: tuple[str, ...] = ("kk", "ru")) -> int:
    """How many of ``langs``' texts are missing or need checking: the editor's marker."""
    return sum(
        1 for text in texts for lang in langs if not text.values[lang] or lang in text.unchecked
    )


def save_record_texts(
    work: Work, table: str, record_id: int, edits: Mapping[tuple[str, str], str]
) -> int:
    """Store ``edits`` ((field, language) → text) of one record; returns how many were stored.
    The record's own language edits the record; another language translates it."""
    session = session_of(work)
    model = MODELS[table]
    record = editing.get_record(session, model, record_id)
    assessment = translations.revision_of(session, record)
    own = {key: text for key, text in edits.items() if _is_own(session, record, assessment, key)}
    for (field, _lang), text in own.items():  # first: the others then translate the new text
        values: dict[str, Any] = {field: text.strip()}
        editing.set_fields(session, model, record_id, **values)
    others = {key: text for key, text in edits.items() if key not in own}
    for (field, lang), text in others.items():
        assert assessment is not None  # else every language is the record's own
        translations.translate(session, assessment, getattr(record, field), lang, text)
    return len(edits)


def _is_own(
    session: Session, record: Record, assessment: Assessment | None, key: tuple[str, str]
) -> bool:
    """Whether (field, language) is the record's own text (else a translation of it)."""
    field, lang = key
    source = getattr(record, field) or ""
    if not source or assessment is None:
        return True
    return lang == text_set(source, rows.rows_of(session, assessment.id).get(source)).lang
