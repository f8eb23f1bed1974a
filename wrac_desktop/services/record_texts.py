"""One record's printed texts in kk, ru and en, to see and edit side by side (issue 16 item 3):
what the hazard editor, the measure dialog, the tree and the team panel open with "Languages…".

A record keeps each text once, in the language it was typed or picked in; the others are the
revision's translations of it. Editing that language edits the record (the other languages
then need checking); editing another one translates it, and confirms it if it needed checking.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

from sqlalchemy.orm import Session

from wrac_desktop.languages import FALLBACKS, TEXT_LANGUAGES, TextSet, text_set
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
from wrac_desktop.vocabulary import CompletionForm, FundingSource

MODELS: dict[str, type[Record]] = {
    "organisation": Organisation,
    "org_unit": OrgUnit,
    "workplace": Workplace,
    "assessment": Assessment,
    "team_member": TeamMember,
    "hazard": Hazard,
    "control_measure": ControlMeasure,
}
# A measure's fixed wordings are kept as their key, printed in each report's own words.
_WORDING_KEYS = {
    "funding_source": frozenset(member.value for member in FundingSource),
    "completion_form": frozenset(member.value for member in CompletionForm),
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

    def mark(self, lang: str) -> str:
        """What an editor in ``lang`` marks: "missing" (the field has a text, but not in
        ``lang``), "unchecked" (edited in another language since) or ""."""
        if not any(self.values.values()):
            return ""
        if not self.values[lang]:
            return "missing"
        return "unchecked" if lang in self.unchecked else ""

    def fallback(self, lang: str) -> tuple[str, str] | None:
        """(language, text) shown for a text missing in ``lang``: the first that has one."""
        return next(((o, self.values[o]) for o in FALLBACKS[lang] if self.values[o]), None)


def record_texts(work: Work, table: str, record_id: int) -> list[FieldTexts]:
    """The record's printed fields with their kk, ru and en texts (empty fields left out)."""
    session = session_of(work)
    record = editing.get_record(session, MODELS[table], record_id)
    texts = field_texts(session, record, rows.TRANSLATED_FIELDS[table]).values()
    return [text for text in texts if any(text.values.values())]


def field_texts(session: Session, record: Record, fields: Iterable[str]) -> dict[str, FieldTexts]:
    """``fields`` of the record (empty ones too) with their kk, ru and en texts."""
    assessment = translations.revision_of(session, record)
    sources = [getattr(record, field) or "" for field in fields]
    known = rows.rows_for(session, assessment.id, sources) if assessment is not None else {}
    texts = {}
    for field, source in zip(fields, sources, strict=True):
        text = text_set(source, known.get(source))
        if source in _WORDING_KEYS.get(field, ()):  # "employer": each report words it itself
            text = TextSet(source, None, {})
        # A text with no letters ("12", "—") reads the same in every language.
        values = {lang: text.value(lang) if text.lang else source for lang in TEXT_LANGUAGES}
        texts[field] = FieldTexts(field, text.lang, values, text.unchecked)
    return texts


def own_text(session: Session, record: Record, field: str, lang: str) -> bool:
    """Whether ``field`` shown in ``lang`` is the record's own text (or the field is empty),
    rather than a translation of it: emptying it empties the field."""
    text = field_texts(session, record, (field,))[field]
    return text.lang in (None, lang)


def set_in_language(
    session: Session,
    model: type[Record],
    record_id: int,
    lang: str,
    values: Mapping[str, Any],
    expected_version: int | None = None,
) -> bool:
    """Store an editor's ``values`` (field → value) of one record, its texts typed in ``lang``
    (issue 16 item 3): the editor shows and edits each text in one language, not the stored one.

    - The record's own language, or an empty field: the record's text changes, and the
      other languages carry over marked "needs checking" (``translations.edited``).
    - A translation filled in or cleared: the revision's translation of the text (as the
      Languages… dialog stores it; the same text elsewhere shares it).
    - A translation changed: this record's text becomes the new one in ``lang``, and its other
      languages (the old own text among them) need checking. Only this record changes.

    Returns whether anything differed from what the editor showed."""
    record = editing.get_record(session, model, record_id)
    assessment = translations.revision_of(session, record)
    printed = set(rows.TRANSLATED_FIELDS.get(record.__tablename__, ()))
    texts = field_texts(session, record, [name for name in values if name in printed])
    own = {
        name: value
        for name, value in values.items()
        if name not in texts and _or_empty(getattr(record, name)) != _or_empty(value)
    }
    translated: list[tuple[str, str]] = []
    for name, text in texts.items():
        new = (values[name] or "").strip()
        if new == text.values[lang]:
            continue  # as the editor showed it
        if assessment is None or text.lang in (None, lang) or (new and text.values[lang]):
            own[name] = new
        else:
            translated.append((getattr(record, name), new))
    if not own and not translated:
        return False
    editing.set_fields(
        session, model, record_id, expected_version=expected_version, typed_in=lang, **own
    )
    for source, new in translated:
        assert assessment is not None
        translations.translate(session, assessment, source, lang, new)
    return True


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
    for (field, lang), text in own.items():  # first: the others then translate the new text
        values: dict[str, Any] = {field: text.strip()}
        editing.set_fields(session, model, record_id, typed_in=lang, **values)
    others = {key: text for key, text in edits.items() if key not in own}
    for (field, lang), text in others.items():
        assert assessment is not None  # else every language is the record's own
        translations.translate(session, assessment, getattr(record, field), lang, text)
    return len(edits)


def _or_empty(value: Any) -> Any:
    return "" if value is None else value


def _is_own(
    session: Session, record: Record, assessment: Assessment | None, key: tuple[str, str]
) -> bool:
    """Whether (field, language) is the record's own text (else a translation of it)."""
    field, lang = key
    source = getattr(record, field) or ""
    if not source or assessment is None:
        return True
    return lang == text_set(source, rows.rows_of(session, assessment.id).get(source)).lang
