"""Library texts refreshed after a library update (issue 16 item 2): "a later library update
offers to refresh untouched texts".

A hazard picked from the library (or imported and matched to it) names its entry
(``library_id``), and its hazard, unwanted event, causes and consequence were filled from the
entry in every language (``hazards.library_texts``); a measure picked from the hazard's
suggested controls names the entry too, its text filled from the control. When the library's
wording of one of them changes (a new program version, or ``wrac library import`` of an
edited entry), the register still holds the old wording. A text is refreshed only when the
officer never touched it:

- the field was never changed by an edit of the record, in any revision (the audit log's
  updates of every copy of the record, less the changes an earlier refresh made), and
- the text came from the library: its translation row holds at least two languages (a text
  typed or imported has only its own), and no one edited that row in any revision.

Which library text it was is told by the languages the library did not reword (an entry offers
several unwanted events, consequences and controls to choose from): a text every language of
which changed is left alone rather than guessed.

Refreshing sets the field to the library's text in the language it was in, and the library's
other languages as its translations: each change audited, the whole recorded as one
"library_refresh" event. Only the draft being worked on changes; approved revisions are frozen.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import islice

from sqlalchemy.orm import Session

from wrac_desktop.domain.field_titles import field_title
from wrac_desktop.errors import FrozenRecordError
from wrac_desktop.hazards.library import HazardLibrary
from wrac_desktop.hazards.model import HazardEntry
from wrac_desktop.i18n import _
from wrac_desktop.languages import TEXT_LANGUAGES, joined, stored_text, text_set
from wrac_desktop.persistence import translations as rows
from wrac_desktop.persistence.audit import record_event
from wrac_desktop.persistence.models import Assessment, ControlMeasure, Hazard
from wrac_desktop.persistence.record_queries import current_assessment
from wrac_desktop.services import library, translations
from wrac_desktop.services.hazards import LIBRARY_FIELDS
from wrac_desktop.services.work import Work, session_of
from wrac_desktop.vocabulary import AssessmentStatus

EVENT = "library_refresh"
CHUNK_RECORDS = 5_000  # records looked at a time: memory flat whatever the register's size


# What a pick from the library fills, by table: its fields and how a report names them.
SOURCES: dict[str, tuple[type[Hazard | ControlMeasure], tuple[str, ...]]] = {
    "hazard": (Hazard, LIBRARY_FIELDS),
    "control_measure": (ControlMeasure, ("description",)),
}


@dataclass(frozen=True)
class Refresh:
    """One untouched library text of a hazard or measure whose library wording changed."""

    table: str  # "hazard" or "control_measure"
    record_id: int
    record_uuid: uuid.UUID
    library_id: str
    field: str
    lang: str  # the language the record's text is in; the new text is in it too
    old: dict[str, str]  # kk, ru, en as the register has them
    new: dict[str, str]  # kk, ru, en as the library has them now

    @property
    def old_text(self) -> str:
        return self.old[self.lang]

    @property
    def new_text(self) -> str:
        return stored_text(self.new, self.lang)[0]

    @property
    def key(self) -> tuple[str, int, str]:
        return self.table, self.record_id, self.field

    @property
    def title(self) -> str:
        """What the text is, as the officer reads it: "Unwanted event", "Measure"."""
        return field_title(self.field, "hazard") if self.table == "hazard" else _("Measure")


def refreshable(work: Work) -> list[Refresh]:
    """The untouched library texts of the draft being worked on whose library text changed,
    hazards' then measures', by record and field; none when the current revision is
    approved."""
    session = session_of(work)
    assessment = current_assessment(session)
    if assessment is None or assessment.status != AssessmentStatus.DRAFT.value:
        return []
    entries = library.register_library(session)
    return [
        found for table in SOURCES for found in _refreshable(session, assessment, entries, table)
    ]


def _refreshable(
    session: Session, assessment: Assessment, entries: HazardLibrary, table: str
) -> list[Refresh]:
    """Read a chunk of records at a time (a 100,000-hazard revision's 450,000 records held at
    once took some 400 MB of the window, which looks on opening); each text's translation row
    is read once, the first time a chunk names it."""
    model, fields = SOURCES[table]
    records = (
        record
        for record in rows.library_records(session, model, assessment.id, fields)
        if record.library_id in entries
    )
    edited = _edited_fields(session, table)
    updated = _updated_translations(session)
    revisions = rows.revision_uuids(session) if updated else []  # read once, not per chunk
    known: dict[str, rows.TranslationRow] = {}
    asked: set[str] = set()
    touched: set[str] = set()
    found = []
    while chunk := list(islice(records, CHUNK_RECORDS)):
        new = {text for record in chunk for text in record.texts.values() if text} - asked
        known |= rows.rows_for(session, assessment.id, new)
        touched |= _touched_translations(new, updated, revisions)
        asked |= new
        found += _found_in(chunk, fields, entries, table, known, touched, edited)
    return found


def _found_in(
    records: Sequence[rows.LibraryRecord],
    fields: tuple[str, ...],
    entries: HazardLibrary,
    table: str,
    known: Mapping[str, rows.TranslationRow],
    touched: set[str],
    edited: set[tuple[uuid.UUID, str]],
) -> list[Refresh]:
    found = []
    for record in records:
        entry = entries.get(record.library_id)
        for field in fields:
            source = record.texts[field] or ""
            row = known.get(source)
            if not source or row is None or source in touched or (record.lineage, field) in edited:
                continue
            text = text_set(source, row)
            old = {lang: text.value(lang) for lang in TEXT_LANGUAGES}
            if not text.lang or sum(1 for value in old.values() if value) < 2:
                continue  # typed or imported in one language: not the library's
            new = _new_wording(old, _wordings(entry, table, field))
            if new is not None and stored_text(new, text.lang)[0]:
                found.append(Refresh(table, record.id, record.uuid, record.library_id, field,
                                     text.lang, old, new))  # fmt: skip
    return found


def _wordings(entry: HazardEntry, table: str, field: str) -> list[dict[str, str]]:
    """The entry's texts a pick may have put in ``field`` (the officer may choose any of its
    unwanted events, consequences and suggested controls), each in every language."""
    items: list[Mapping[str, str]]
    if table == "control_measure":
        items = [control.text for control in entry.controls]
    elif field == "description":
        items = [entry.name]
    elif field == "causes":
        items = [joined(entry.causes)] if entry.causes else []
    else:
        items = list(entry.unwanted_events if field == "unwanted_event" else entry.consequences)
    return [{lang: item.get(lang, "").strip() for lang in TEXT_LANGUAGES} for item in items]


def _new_wording(old: dict[str, str], items: list[dict[str, str]]) -> dict[str, str] | None:
    """The library's new wording of the text ``old``: the one item still worded as ``old`` in
    some language (the others changed); None when ``old`` is as the library words it now, or
    when no item or several are (a text every language of which changed is not told from one
    the officer chose otherwise: the demo's causes are a few of the entry's)."""
    if any(
        all(not new[lang] or new[lang] == old[lang] for lang in TEXT_LANGUAGES) for new in items
    ):
        return None  # up to date
    kept = [
        new for new in items if any(new[lang] and new[lang] == old[lang] for lang in TEXT_LANGUAGES)
    ]
    return kept[0] if len(kept) == 1 else None


def _edited_fields(session: Session, table: str) -> set[tuple[uuid.UUID, str]]:
    """(lineage, field) of every field of ``table``'s records an edit changed in any
    revision; the changes an earlier refresh made are not edits."""
    by_refresh = {
        (uuid.UUID(str(item[0])), item[1], item[2])
        for changes in rows.events(session, EVENT)
        if isinstance(changes, dict)
        for item in changes.get("refreshed", [])
    }
    model, fields = SOURCES[table]
    changed = set()
    for record_uuid, changes in rows.audited_updates(session, table):
        for field in fields:
            change = changes.get(field)
            if change is not None and (record_uuid, field, change[-1]) not in by_refresh:
                changed.add((record_uuid, field))
    lineage = rows.lineages(session, model, {record_uuid for record_uuid, _field in changed})
    return {(lineage.get(record_uuid, record_uuid), field) for record_uuid, field in changed}


def _updated_translations(session: Session) -> set[uuid.UUID]:
    """The UUIDs of the translation rows someone edited, in any revision."""
    return {
        record_uuid for record_uuid, _changes in rows.audited_updates(session, "text_translation")
    }


def _touched_translations(
    sources: Iterable[str], updated: set[uuid.UUID], revisions: Sequence[uuid.UUID]
) -> set[str]:
    """The texts whose translation row someone edited (``updated``), in any of
    ``revisions``."""
    if not updated:
        return set()
    return {
        source
        for source in sources
        if source and any(rows.translation_uuid(r, source) in updated for r in revisions)
    }


def apply_refresh(work: Work, wanted: Sequence[Refresh] | None = None) -> int:
    """Refresh ``wanted`` (default: every one ``refreshable`` finds now); each change
    audited, the whole one "library_refresh" event. Returns how many texts changed. An
    approved revision refuses it (``FrozenRecordError``): approved texts are frozen."""
    session = session_of(work)
    assessment = current_assessment(session)
    if assessment is not None and assessment.status != AssessmentStatus.DRAFT.value:
        raise FrozenRecordError(
            _(
                "revision {revision} is approved and cannot be changed; start a new revision "
                "to refresh its library texts"
            ).format(revision=assessment.revision)
        )
    found = refreshable(work)
    if wanted is not None:
        keys = {item.key for item in wanted}
        found = [item for item in found if item.key in keys]
    if not found:
        return 0
    assert assessment is not None  # refreshable found a draft
    for item in found:
        record = session.get_one(SOURCES[item.table][0], item.record_id)
        setattr(record, item.field, item.new_text)
    session.flush()
    texts = {item.new_text: item.new for item in found}
    for lang in TEXT_LANGUAGES:  # each text remembered in the language it is written in
        written = {text: values for text, values in texts.items() if values.get(lang) == text}
        translations.remember_all(session, assessment, written, lang)
    record_event(
        session,
        EVENT,
        _("{count} texts refreshed from the hazard library").format(count=len(found)),
        {"refreshed": [[str(item.record_uuid), item.field, item.new_text] for item in found]},
    )
    return len(found)
