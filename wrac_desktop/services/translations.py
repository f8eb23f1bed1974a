"""A revision's texts in kk, ru and en: reading them for printing, and changing them.

Records keep each text once (as typed or picked); the revision's translation rows give its
other languages (``wrac_desktop.languages``). Every change goes through the ORM, so it is
audited, merged field by field and refused in an approved revision like any other.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy.orm import Session

from wrac_desktop.i18n import LocalText, both, pair_of, part
from wrac_desktop.languages import TEXT_LANGUAGES, Translations, detect_language, text_set
from wrac_desktop.persistence import translations as rows
from wrac_desktop.persistence.models import (
    Assessment,
    ControlMeasure,
    Hazard,
    Record,
    TeamMember,
    TextTranslation,
)
from wrac_desktop.persistence.record_queries import current_assessment
from wrac_desktop.vocabulary import AssessmentStatus


def translations_of(session: Session, assessment_id: int) -> Translations:
    """The revision's translations, ready to print texts in any language."""
    return Translations(rows.rows_of(session, assessment_id))


class Printer:
    """A revision's texts as a document in ``lang`` prints them: in that language (a missing
    translation in its fallback, marked "[ru] …"), or in both languages of "kk+ru". Each text
    is looked up once: library texts recur in thousands of rows."""

    def __init__(self, translations: Translations, lang: str) -> None:
        self._translations = translations
        self._langs = pair_of(lang) or (lang,)
        self._printed: dict[str, str] = {}

    def __call__(self, source: str) -> str:
        printed = self._printed.get(source)
        if printed is None:
            texts = [self._translations.text(source, lang) for lang in self._langs]
            printed = self._printed[source] = both(*texts) if len(texts) == 2 else texts[0]
        return printed

    def joined(self, sources: Iterable[str], separator: str) -> str:
        """Texts joined in each language ("site › division"), not one language's halves mixed
        with the other's."""
        printed = [self(source) for source in sources]
        halves = [separator.join(part(text, n) for text in printed) for n in (0, 1)]
        return both(*halves) if len(self._langs) == 2 else halves[0]

    def untranslated(self) -> dict[str, int]:
        """By language asked for: how many distinct texts were printed in another one."""
        return {lang: count for lang, count in self._translations.fallbacks.items() if count}


def printer(session: Session, assessment_id: int, lang: str) -> Printer:
    return Printer(translations_of(session, assessment_id), lang)


def remember(
    session: Session, assessment: Assessment, source: str, values: Mapping[str, str], lang: str
) -> TextTranslation | None:
    """Store ``source`` (written in ``lang``) with its ``values`` in other languages, e.g. a
    library pick's three catalogue texts. Languages already translated keep their text unless
    ``values`` gives one; nothing is stored for an empty source."""
    if not source:
        return None
    known = rows.rows_of(session, assessment.id).get(source, {})
    return rows.save(session, assessment, source, _remembered(source, values, lang, known))


def remember_all(
    session: Session, assessment: Assessment, texts: Mapping[str, LocalText], lang: str
) -> int:
    """``remember`` for several texts at once (the texts of one library pick), reading the
    revision's rows once; ``texts`` maps each stored text to its values in every language.
    Returns how many rows were written."""
    known = rows.rows_of(session, assessment.id)
    written = 0
    for source, values in texts.items():
        if source:
            written_in = next((n for n in (lang, *TEXT_LANGUAGES) if values.get(n) == source), lang)
            row = _remembered(source, values, written_in, known.get(source, {}))
            if row != {key: known.get(source, {}).get(key) for key in row}:
                rows.save(session, assessment, source, row)
                written += 1
    return written


def _remembered(
    source: str, values: Mapping[str, str], lang: str, known: Mapping[str, str]
) -> dict[str, str]:
    row = {name: values.get(name) or known.get(name, "") for name in TEXT_LANGUAGES}
    return row | {lang: source, "lang": lang}


def translate(
    session: Session, assessment: Assessment, source: str, lang: str, text: str
) -> TextTranslation:
    """Set ``source``'s text in ``lang`` (an officer's or a translator's); its "needs checking"
    mark goes. The source's own language is the record's text, changed on the record."""
    known = rows.rows_of(session, assessment.id).get(source)
    current = text_set(source, known)
    row = {name: current.value(name) for name in TEXT_LANGUAGES}
    if lang != current.lang:
        row[lang] = text.strip()
    unchecked = current.unchecked - {lang}
    row |= {"lang": current.lang or lang, "unchecked": " ".join(sorted(unchecked))}
    return rows.save(session, assessment, source, row)


def retext(
    session: Session, assessment: Assessment, old: str, new: str, lang: str
) -> TextTranslation | None:
    """A field's text changed from ``old`` to ``new`` in ``lang``: the new text keeps the old
    one's other languages, marked as needing a check, until the officer confirms them."""
    if not new or old == new:
        return None
    before = text_set(old, rows.rows_of(session, assessment.id).get(old)) if old else None
    if before is None or not any(before.value(name) for name in TEXT_LANGUAGES if name != lang):
        return remember(session, assessment, new, {}, lang)
    others = {name: before.value(name) for name in TEXT_LANGUAGES if name != lang}
    record = remember(session, assessment, new, others, lang)
    if record is not None:
        record.unchecked = " ".join(sorted(name for name, text in others.items() if text))
    return record


def edited(
    session: Session, record: Record, before: Mapping[str, Any], lang: str
) -> list[TextTranslation]:
    """After an officer changed fields of ``record`` in ``lang`` (``before``: their old
    values): each changed text an officer reads in a report keeps the old text's other
    languages, marked as needing a check (``retext``), in the revision the record belongs to
    (the tree's and the organisation's: the revision being edited). Nothing in a frozen one."""
    fields = rows.TRANSLATED_FIELDS.get(record.__tablename__, ())
    changed = [(before[n], getattr(record, n)) for n in fields if n in before]
    changed = [(old or "", new or "") for old, new in changed if (old or "") != (new or "")]
    if not changed:
        return []
    assessment = revision_of(session, record)
    if assessment is None or assessment.status != AssessmentStatus.DRAFT.value:
        return []
    written = [retext(session, assessment, old, new, typed_in(new, lang)) for old, new in changed]
    return [record for record in written if record is not None]


def typed_in(text: str, lang: str) -> str:
    """The language an officer typed ``text`` in, working in ``lang``: its letters tell Kazakh
    and English; Cyrillic with no letter only Kazakh uses is Kazakh in a Kazakh window
    ("Улы газдар"), Russian otherwise."""
    detected = detect_language(text)
    if detected is None or (detected == "ru" and lang == "kk"):
        return lang
    return detected


def revision_of(session: Session, record: Record) -> Assessment | None:
    """The revision whose translations give ``record``'s texts: its own, or for the tree's and
    the organisation's texts the revision being edited."""
    if isinstance(record, Assessment):
        return record
    if isinstance(record, Hazard | TeamMember):
        return record.assessment
    if isinstance(record, ControlMeasure):
        return record.hazard.assessment
    return current_assessment(session)
