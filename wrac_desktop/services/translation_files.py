"""A translator's round trip through Excel (issue 16 item 6): ``wrac translations PATH
--export FILE.xlsx`` writes every text of the current revision, one row per distinct text
with its kk, ru and en values and its "needs checking" mark; ``--import FILE.xlsx`` reads
the filled file back.

The import is all or nothing: the whole sheet is checked first (``importing.
translation_rows``), then each row against the revision, and any problem refuses the file
with its file, sheet, row and column before anything is written. Only what differs is
written, through the ORM, so each change is audited and an approved revision refuses it;
importing the same file again changes nothing (and the fingerprint stays). An empty cell
keeps the register's text: a translation is removed in the app, not by a blank in Excel.
A row's ID is derived from the revision and the text, so a file from another revision, or a
text changed in the register since the export, is named rather than written to the wrong text.
"""

from __future__ import annotations

import uuid
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from wrac_desktop.domain.field_titles import field_title, record_title
from wrac_desktop.errors import UserError
from wrac_desktop.files import check_output_path, write_atomically
from wrac_desktop.formatting import format_date
from wrac_desktop.i18n import NC_, Deferred, _, all_languages, translated_in
from wrac_desktop.importing.file_errors import ImportFileError
from wrac_desktop.importing.translation_rows import CHECK, KEY, ReadSheet, ReadText
from wrac_desktop.importing.translation_rows import read_translations as read_sheet
from wrac_desktop.importing.values import without_controls
from wrac_desktop.languages import TEXT_LANGUAGES, TextSet, detect_language, text_set
from wrac_desktop.persistence import translations as rows
from wrac_desktop.persistence.audit import SUMMARY_KEY, record_event
from wrac_desktop.persistence.models import Assessment
from wrac_desktop.register import Register
from wrac_desktop.reports.translations_xlsx import (
    COLUMNS,
    SheetText,
    TranslationBook,
    workbook_bytes,
)
from wrac_desktop.services.assessments import current_assessment
from wrac_desktop.vocabulary import AssessmentStatus

SHEET_TITLE = NC_("translations sheet", "Translations")
TITLES: dict[str, Deferred] = {
    "id": NC_("translations sheet", "Text ID"),
    "used_in": NC_("translations sheet", "Used in"),
    "lang": NC_("translations sheet", "Written in"),
    "kk": NC_("translations sheet", "Kazakh (kk)"),
    "ru": NC_("translations sheet", "Russian (ru)"),
    "en": NC_("translations sheet", "English (en)"),
    "check": NC_("translations sheet", "Needs checking"),
}
USES_SHOWN = 3  # "Used in" names the first few fields a text is printed in


@dataclass
class ImportSummary:
    """What an import changed (or would change), and what it noticed on the way."""

    texts: int = 0  # rows read
    changed: int = 0  # texts whose row was written
    translated: Counter[str] = field(default_factory=Counter)  # language → cells written
    confirmed: int = 0  # "needs checking" marks taken off without a new text
    warnings: list[str] = field(default_factory=list)


def export_translations(
    register: Register, output: Path, *, force: bool = False
) -> tuple[Path, int, Counter[str]]:
    """Write the current revision's texts to ``output``; returns the path, how many texts, and
    how many lack each language."""
    output = check_output_path(Path(output), registers=[register.location], force=force)
    if not output.parent.is_dir():
        raise UserError(_("folder {path} does not exist").format(path=output.parent))
    with register.uow.reading() as session:
        assessment = _revision(session)
        texts = list(sheet_texts(session, assessment))
        missing: Counter[str] = Counter(
            lang for text in texts for lang in TEXT_LANGUAGES if not text.values[lang]
        )
        book = TranslationBook(
            sheet_title=translated_in(SHEET_TITLE),
            titles={key: translated_in(TITLES[key]) for key in COLUMNS},
            texts=texts,
            about_title=_("About this file"),
            about=_about(register, assessment, len(texts), missing),
        )
    write_atomically(output, workbook_bytes(book))
    return output, len(texts), missing


def sheet_texts(session: Session, assessment: Assessment) -> Iterator[SheetText]:
    """The revision's distinct texts in the register's order, each with where it is printed."""
    known = rows.rows_of(session, assessment.id)
    for source, uses in _uses(session, assessment.id).items():
        texts = text_set(source, known.get(source))
        if texts.lang is None:  # a number or a code: nothing to translate
            continue
        yield SheetText(
            key=str(rows.translation_uuid(assessment.uuid, source)),
            used_in=_used_in(uses),
            lang=texts.lang,
            values={lang: texts.value(lang) for lang in TEXT_LANGUAGES},
            unchecked=texts.unchecked,
        )


def import_translations(register: Register, path: Path, *, dry: bool = False) -> ImportSummary:
    """Read ``path`` and write what differs into the current revision, in one transaction
    (nothing when ``dry``); a problem anywhere in the file refuses all of it."""
    read = read_sheet(path, set(all_languages(SHEET_TITLE).values()), _accepted_titles())
    with register.uow.reading() if dry else register.uow.transaction() as session:
        assessment = _revision(session)
        if not dry and assessment.status != AssessmentStatus.DRAFT.value:
            raise UserError(
                _(
                    "revision {revision} is approved and cannot be changed; start a new "
                    "revision (wrac revise) and import the translations into it"
                ).format(revision=assessment.revision)
            )
        summary = _apply(session, assessment, read, write=not dry)
    return summary


def _apply(
    session: Session, assessment: Assessment, read: ReadSheet, *, write: bool
) -> ImportSummary:
    texts = sheet_texts(session, assessment)
    sources = {uuid.UUID(text.key): text.values[text.lang] for text in texts}
    known = rows.rows_of(session, assessment.id)
    summary = ImportSummary(texts=len(read.texts), warnings=list(read.warnings))
    planned = [_planned(read, text, sources, known, summary) for text in read.texts]
    changes = [change for change in planned if change is not None]
    if write and changes:
        session.info[SUMMARY_KEY] = f"translations imported from {read.path.name}"
        for source, row in changes:
            rows.save(session, assessment, source, row)
        record_event(
            session,
            "import",
            f"translations imported from {read.path.name}: {len(changes)} texts changed",
            {"file": str(read.path), "sheet": read.name, "texts": len(changes),
             "translated": dict(summary.translated), "confirmed": summary.confirmed},
        )  # fmt: skip
    summary.changed = len(changes)
    return summary


def _planned(
    read: ReadSheet,
    text: ReadText,
    sources: dict[uuid.UUID, str],
    known: dict[str, rows.TranslationRow],
    summary: ImportSummary,
) -> tuple[str, dict[str, str]] | None:
    """The row to write for one line of the sheet, or None when it changes nothing."""
    source = sources.get(text.key)
    if source is None:
        raise ImportFileError(
            _(
                "{where}: this text is not in the register's current revision: it was changed "
                "or removed since the export, or the file comes from another revision; export "
                "again or delete the row"
            ).format(where=read.place(text.row, read.column(KEY)))
        )
    current = text_set(source, known.get(source))
    changed = _changed(read, text, current, summary)
    wanted = text.check if text.check is not None else current.unchecked
    unchecked = frozenset(wanted) - set(changed) - {current.lang}
    if not changed and unchecked == current.unchecked:
        return None
    summary.translated.update(changed.keys())
    if not changed and unchecked < current.unchecked:
        summary.confirmed += 1
    values = {lang: changed.get(lang, current.value(lang)) for lang in TEXT_LANGUAGES}
    return source, values | {"lang": current.lang or "", "unchecked": " ".join(sorted(unchecked))}


def _changed(
    read: ReadSheet, text: ReadText, current: TextSet, summary: ImportSummary
) -> dict[str, str]:
    """The languages whose cell gives a new translation; the register's own text must be as
    exported (it is changed in the register, where its other languages are marked to check)."""
    changed: dict[str, str] = {}
    for lang, value in text.values.items():
        column = read.place(text.row, read.column(lang))
        if lang == current.lang:
            if value and value != without_controls(current.source)[0].strip():
                raise ImportFileError(
                    _(
                        "{where}: this is the register's own text, written in {lang}; change it "
                        "in the register (its translations are then marked to check), not here"
                    ).format(where=column, lang=lang)
                )
        elif value and value != current.value(lang):
            changed[lang] = value
            _note_language(summary, column, lang, value)
    return changed


def _note_language(summary: ImportSummary, where: str, lang: str, value: str) -> None:
    """A warning when a cell's letters say another language than its column's: kept as written
    (a Kazakh text may have no letter only Kazakh uses; a name may be in Latin letters)."""
    seen = detect_language(value)
    if seen is None or seen == lang or (lang == "kk" and seen == "ru"):
        return
    summary.warnings.append(
        _("{where}: the text looks like {seen}, not {lang}; imported as written").format(
            where=where, seen=seen, lang=lang
        )
    )


def _accepted_titles() -> dict[str, set[str]]:
    """Each column's title in every language, and its key ("kk", "id"), as the header may say."""
    titles = {key: {*all_languages(title).values(), key} for key, title in TITLES.items()}
    titles[KEY].add("ID")
    titles[CHECK].add("unchecked")
    return titles


def _uses(session: Session, assessment_id: int) -> dict[str, list[rows.TextUse]]:
    """Each distinct text's uses, texts in the register's order (tables, then first record)."""
    by_text: dict[str, list[rows.TextUse]] = defaultdict(list)
    order = list(rows.TRANSLATED_FIELDS)
    ordered = sorted(
        rows.text_uses(session, assessment_id),
        key=lambda use: (order.index(use.table), use.first_id),
    )
    for use in ordered:
        by_text[use.text].append(use)
    return by_text


def _used_in(uses: list[rows.TextUse]) -> str:
    lines = [_use(use) for use in uses[:USES_SHOWN]]
    if len(uses) > USES_SHOWN:
        lines.append("…")
    return "\n".join(lines)


def _use(use: rows.TextUse) -> str:
    line = _("{record} {id}: {field}").format(
        record=record_title(use.table), id=use.first_id, field=field_title(use.field, use.table)
    )
    if use.records > 1:
        return _("{use} and {count} more").format(use=line, count=use.records - 1)
    return line


def _revision(session: Session) -> Assessment:
    assessment = current_assessment(session)
    if assessment is None:
        raise UserError(_("the register holds no assessment to translate"))
    return assessment


def _about(
    register: Register, assessment: Assessment, count: int, missing: Counter[str]
) -> list[tuple[str, str]]:
    lacking = ", ".join(f"{lang}: {missing[lang]}" for lang in TEXT_LANGUAGES)
    return [
        (_("Register"), str(register.location)),
        (_("Revision"), str(assessment.revision)),
        (_("Exported on"), format_date(date.today())),
        (_("Texts"), str(count)),
        (_("Missing translations"), lacking),
        (_("How to fill it"), _(
            "Write each text's missing languages in the yellow cells and check the orange ones. "
            "Grey cells are the register's: the text ID, where the text is used and the text "
            "as the register holds it. Clear a language from “Needs checking” to confirm its "
            "text; a cell you change is confirmed. An empty cell keeps the register's text.")),
        (_("How to read it back"), _(
            "wrac translations REGISTER --import FILE.xlsx: the whole file is checked first and "
            "any problem refuses it, naming the row and column. Only what differs is written "
            "and recorded in the audit trail; an approved revision cannot be changed.")),
    ]  # fmt: skip


def texts_missing(session: Session, assessment: Assessment) -> Iterable[SheetText]:
    """The revision's texts that lack a language or need checking (``wrac check``'s list)."""
    for text in sheet_texts(session, assessment):
        if text.unchecked or not all(text.values.values()):
            yield text
