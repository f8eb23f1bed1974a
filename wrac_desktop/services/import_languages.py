"""The languages of an imported worksheet's texts (issue 16 item 5).

Each cell is kept as written, in the language it is written in: the one its letters show
(Kazakh letters ә ғ қ ң ө ұ ү һ і → kk, other Cyrillic → ru, Latin → en), or the one the
officer names with ``wrac import --lang`` (a Kazakh text with no letter only Kazakh uses,
"Улы газдар", is then Kazakh, as in the editor: ``translations.typed_in``). A cell whose text
is a library text in any language ("Шум", "Шу", "Noise") gets the library's other languages,
and a hazard named as a library entry remembers the entry, as a pick from the library does
(and so does a measure that is one of the entry's suggested controls).

Only texts the register has no translation row for are written, with the import's records
in one bulk insert, each row audited: what the register already says about a text (an
officer's translation, its language) is never overwritten by a file.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from wrac_desktop.hazards.library import HazardLibrary
from wrac_desktop.hazards.model import HazardEntry
from wrac_desktop.i18n import LocalText
from wrac_desktop.languages import TEXT_LANGUAGES, detect_language, joined
from wrac_desktop.persistence import translations as rows
from wrac_desktop.persistence.models import Assessment
from wrac_desktop.services import translations
from wrac_desktop.text import fold


class LibraryTexts:
    """The library's texts in every language, found by any language's text (case-folded)."""

    def __init__(self, library: HazardLibrary) -> None:
        self._texts: dict[str, LocalText] = {}
        self._entries: dict[str, str] = {}  # a hazard name in any language → entry id
        self._controls: set[tuple[str, str]] = set()  # (entry id, a control in any language)
        for entry in library.entries:
            for control in entry.controls:
                self._controls.update(
                    (entry.id, fold(text.strip())) for text in control.text.values()
                )
            for lang_text in entry.name.values():
                self._entries.setdefault(fold(lang_text.strip()), entry.id)
            for values in _entry_texts(entry):
                for text in values.values():
                    if text.strip():
                        self._texts.setdefault(fold(text.strip()), values)

    def values(self, text: str) -> LocalText | None:
        """The library's values of ``text`` in every language, if it is a library text."""
        return self._texts.get(fold(text.strip()))

    def control_entry(self, entry_id: str | None, text: str) -> str | None:
        """``entry_id`` when ``text`` (in any language) is one of its suggested controls: a
        measure the entry suggests remembers it, as one picked from its suggestions does."""
        return entry_id if entry_id and (entry_id, fold(text.strip())) in self._controls else None

    def entry_id(self, name: str) -> str | None:
        """The library entry a hazard named ``name`` (in any language) is, if any."""
        return self._entries.get(fold(name.strip()))


def _entry_texts(entry: HazardEntry) -> Iterable[LocalText]:
    yield entry.name
    yield entry.description
    yield from entry.unwanted_events
    yield from entry.consequences
    yield from entry.causes
    if entry.causes:
        yield joined(entry.causes)
    yield from (control.text for control in entry.controls)


@dataclass
class TextLanguages:
    """What an import's new texts are: how many in each language, how many the library filled,
    and the translation rows to write."""

    counts: Counter[str] = field(default_factory=Counter)
    from_library: int = 0
    remembered: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict)  # lang → texts


def text_languages(
    texts: Iterable[str],
    known: Mapping[str, object],
    library: LibraryTexts,
    lang: str | None,
    seconds: Mapping[str, str] | None = None,
) -> TextLanguages:
    """The language of each distinct new text (``known``: texts the register has rows for,
    left as they are); ``lang`` is the file's language if the officer named it; ``seconds``:
    a bilingual sheet's texts in its second language (kept as the text's translation into
    the language its letters show), by the first's."""
    found = TextLanguages()
    seconds = seconds or {}
    order = _sheet_order(seconds)
    for text in sorted({text.strip() for text in texts if text and text.strip()}):
        if text in known:
            continue
        written_in = translations.typed_in(text, lang) if lang else detect_language(text)
        second = _second_language(text, written_in, seconds, order)
        if second and written_in in second:  # a Kazakh text with no letter only Kazakh uses
            written_in = order[0] if order else written_in
        values = library.values(text)
        if values is not None:
            written_in = _library_language(text, values, written_in)
            found.from_library += 1
        if written_in is None:
            continue
        found.counts[written_in] += 1
        second.pop(written_in, None)
        if values is not None or second or written_in != detect_language(text):
            texts_in = found.remembered.setdefault(written_in, {})
            texts_in[text] = {**(values or {}), **second, written_in: text}
    return found


def _sheet_order(seconds: Mapping[str, str]) -> tuple[str, str] | None:
    """The languages of a bilingual sheet, first and second, as most of its texts whose two
    languages their letters tell apart show them."""
    orders: Counter[tuple[str, str]] = Counter()
    for first, second in seconds.items():
        pair = detect_language(first), detect_language(second)
        if pair[0] and pair[1] and pair[0] != pair[1]:
            orders[pair[0], pair[1]] += 1
    return orders.most_common(1)[0][0] if orders else None


def _second_language(
    text: str, written_in: str | None, seconds: Mapping[str, str], order: tuple[str, str] | None
) -> dict[str, str]:
    """{language: text} of ``text``'s second language on a bilingual sheet: the language
    its letters show, or where that is the first text's own (Kazakh with no letter only
    Kazakh uses reads as Russian), the sheet's second language."""
    second = seconds.get(text, "")
    if not second:
        return {}
    second_lang = detect_language(second)
    if second_lang == written_in and order is not None:
        second_lang = order[1]
    return {second_lang: second} if second_lang else {}


def _library_language(text: str, values: LocalText, guess: str | None) -> str | None:
    """The library language whose text ``text`` is; the guessed one when several say it."""
    same = [lang for lang in TEXT_LANGUAGES if fold(values.get(lang, "").strip()) == fold(text)]
    if guess in same or not same:
        return guess
    return same[0]


def new_rows(assessment: Assessment, found: TextLanguages) -> list[dict[str, Any]]:
    """The new texts' translation rows, for the import's bulk insert (each audited there):
    only texts the revision has no row for, so nothing is overwritten."""
    return [
        rows.new_row(assessment.id, assessment.uuid, source, values | {"lang": lang})
        for lang, texts in found.remembered.items()
        for source, values in texts.items()
    ]


def known_texts(session: Session, assessment: Assessment) -> Mapping[str, object]:
    """The texts the revision already has translation rows for."""
    return rows.rows_of(session, assessment.id)
