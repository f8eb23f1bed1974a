"""The register's list as the window asks for it key by key: a search at 100,000 hazards
(issue 22 item 4).

A search keystroke read the whole list again in SQL: every hazard's search text matched with
LIKE and every translated field looked up among the matching translations, then the matches
sorted again (0.3–0.4 s of CPU a key at 100,000 hazards, whatever the index: the texts
themselves are read). Here the list of the tree node's hazards, in display order, is read once
and kept; so are the revision's search texts, each distinct text once (1,995 for the demo's
100,000 hazards), with the hazards that have it. A key then matches the distinct texts in
memory (3–25 ms) and keeps the listed hazards it found, in their order.

Both are kept only while the register is as they were read: each read first asks for the
audit log's last entry (``data_version``), which every change, this window's or another
user's on a shared register, moves on. What is found is what ``queries._found_by`` finds
(the tests compare them): a hazard whose folded search text holds each word, or one of whose
translated fields has a translation row holding it.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass, replace

from wrac_desktop.persistence.queries import (
    current_assessment_id,
    data_version,
    searched_hazards,
    searched_translations,
)
from wrac_desktop.services.hazard_list import HazardFilter, Heading, grouped_ids, hazard_ids
from wrac_desktop.services.work import Work, session_of
from wrac_desktop.text import fold

Listed = list[int | Heading]


@dataclass(frozen=True)
class SearchTexts:
    """A revision's searched texts, each distinct one once with the hazards found by it."""

    own: dict[str, list[int]]  # a folded search text → the hazards whose it is
    translated: dict[str, str]  # a translated text (as stored) → its translations, folded
    used_by: dict[str, list[int]]  # a translated text → the hazards with it in a field

    def found(self, text: str) -> set[int] | None:
        """The hazards matching every word of ``text``; None when it has no word."""
        found: set[int] | None = None
        for word in fold(text).split():
            hits = _hits(word, self.own.items())
            for source, searched in self.translated.items():
                if word in searched:
                    hits.update(self.used_by.get(source, ()))
            found = hits if found is None else found & hits
        return found


def _hits(word: str, texts: Iterable[tuple[str, list[int]]]) -> set[int]:
    hits: set[int] = set()
    for text, ids in texts:
        if word in text:
            hits.update(ids)
    return hits


def read_search_texts(work: Work, assessment_id: int) -> SearchTexts:
    session = session_of(work)
    translated = dict(searched_translations(session, assessment_id))
    own: dict[str, list[int]] = {}
    used_by: dict[str, list[int]] = {}
    for hazard in searched_hazards(session, assessment_id):  # a text met again is let go
        own.setdefault(hazard.search_text, []).append(hazard.id)
        for value in set(hazard.translated):
            if value in translated:  # only a text with a translation row can be found so
                used_by.setdefault(value, []).append(hazard.id)
    return SearchTexts(own, translated, used_by)


class RegisterSearch:
    """The window's list of one register, kept between keystrokes; safe on any thread (a
    second read waits for the first and then finds what it read)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._listed: tuple[object, Listed] | None = None  # (what it was read for, the list)
        self._texts: tuple[object, SearchTexts] | None = None

    def listed(
        self,
        work: Work,
        wanted: HazardFilter,
        *,
        sort: str,
        descending: bool,
        grouped: bool,
        lang: str | None,
    ) -> Listed:
        """As ``hazard_ids`` (``grouped``: ``grouped_ids``) lists ``wanted``."""
        session = session_of(work)
        version = data_version(session)
        scope = replace(wanted, text=None)
        key = (version, scope, sort, descending, grouped, lang)
        with self._lock:
            if self._listed is None or self._listed[0] != key:
                self._listed = (key, _read_list(work, scope, sort, descending, grouped, lang))
            listed = self._listed[1]
            if not fold(wanted.text).split():
                return list(listed)
            texts = self._texts_of(work, wanted.assessment_id, version)
        return [] if texts is None else kept(listed, texts.found(wanted.text or "") or set())

    def prepare(self, work: Work, assessment_id: int | None = None) -> None:
        """Read the texts a search needs, if the register changed since they were (1.2 s of
        CPU at 100,000 hazards): behind the window, before the officer types the first key."""
        with self._lock:
            self._texts_of(work, assessment_id, data_version(session_of(work)))

    def _texts_of(
        self, work: Work, assessment_id: int | None, version: int | None
    ) -> SearchTexts | None:
        """Revision ``assessment_id``'s texts (None: the current one's), read again when the
        register changed; called under the lock."""
        shown = assessment_id
        shown = shown if shown is not None else current_assessment_id(session_of(work))
        if shown is None:
            return None
        if self._texts is None or self._texts[0] != (version, shown):
            self._texts = ((version, shown), read_search_texts(work, shown))
        return self._texts[1]


def _read_list(
    work: Work, scope: HazardFilter, sort: str, descending: bool, grouped: bool, lang: str | None
) -> Listed:
    if grouped:
        return grouped_ids(work, scope, sort=sort, descending=descending, lang=lang)
    return list(hazard_ids(work, scope, sort=sort, descending=descending))


def kept(listed: Listed, found: set[int]) -> Listed:
    """The hazards of ``listed`` in ``found``, in their order, each under its heading (with
    the count of those kept); a heading left with none goes."""
    result: Listed = []
    heading: Heading | None = None
    under: list[int] = []

    def close() -> None:
        if heading is not None and under:
            result.append(replace(heading, count=len(under)))
        result.extend(under)

    for entry in listed:
        if isinstance(entry, Heading):
            close()
            heading, under = entry, []
        elif entry in found:
            under.append(entry)
    close()
    return result
