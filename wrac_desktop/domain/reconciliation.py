"""Hidden-injury reconciliation (roadmap measures 33-34): first medical visits against events.

Pure: no database, no files. A visit that looks like a work injury and has no event of the
same person within ``WINDOW_DAYS`` is a suspected hidden injury; an injury event with no
visit of that person within the window has no medical record. Who is "the same person" is
decided carefully, since a false match hides a finding: by personnel number when both sides
have one (different numbers never match, whatever the names), else by surname and initials
("Иванов И.И." is "Иванов Иван Иванович").

Both lists are indexed by person once, so 5,000 visits against 300 events is one pass each.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import TypeVar

WINDOW_DAYS = 3
# Event kinds that hurt someone who would see a doctor at once (an occupational disease is
# diagnosed over months; a fatal accident may never reach the first-aid post).
INJURY_KINDS = frozenset({"first-aid", "lost-time", "serious"})

# ICD-10 chapter XIX: injury, poisoning and certain other consequences of external causes
# (S00-T98; a T typed in Cyrillic too).
_ICD_INJURY = re.compile(r"(?<![^\W\d_])[STТ]\d{2}(?:\.\d{1,2})?(?!\d)", re.IGNORECASE)
# Beginnings of injury words in en, ru and kk, matched at the start of a word of the folded
# diagnosis ("рана" is a wound; "охрана" is not).
INJURY_STEMS = (
    "injur", "wound", "fractur", "bruis", "contusion", "sprain", "strain", "burn", "cut ",
    "lacerat", "disloc", "crush", "concuss", "amputat", "trauma", "electric shock", "scald",
    "травм", "ранен", "рана ", "раны ", "ушиб", "перелом", "вывих", "растяж", "разрыв", "ожог",
    "порез", "ссадин", "сотрясен", "размозж", "ампутац", "отравлен", "электротравм",
    "микротравм", "заноз", "гематом", "поврежден",
    # Kazakh stems in both forms of a final к/қ (кесік, кесігі; сынық, сынығы)
    "жарақат", "микрожарақат", "сынық", "сынығ", "сынуы", "соғылу", "соққы", "күйік",
    "күйіг", "созылу", "кесіл", "кесік", "кесіг", "улану", "зақым", "ми шайқал",
)  # fmt: skip
# One pass over the text: a stem after the start or a non-letter; "cut " ends a word.
_INJURY_WORD = re.compile(
    r"(?<![^\W\d_])(?:"
    + "|".join(re.escape(stem).replace("\\ ", r"\W+") for stem in INJURY_STEMS)
    + ")"
)


@dataclass(frozen=True)
class Visit:
    """One row of the medical post's journal (``row`` is the sheet's row number)."""

    row: int
    day: date
    person: str
    personnel_no: str = ""
    diagnosis: str = ""
    work_related: bool | None = None  # when the journal has such a column


@dataclass(frozen=True)
class EventRecord:
    """What reconciliation needs of an event."""

    uuid: str
    day: date
    kind: str
    person: str
    personnel_no: str = ""
    workplace: str = ""


@dataclass(frozen=True)
class Findings:
    hidden: list[Visit]  # work-injury visits with no event
    unrecorded: list[EventRecord]  # injury events with no medical record
    visits: int
    injury_visits: int
    events: int

    @property
    def unmatched(self) -> int:
        return len(self.hidden) + len(self.unrecorded)


def fold_text(text: str) -> str:
    return " ".join(text.casefold().replace("ё", "е").split())


def looks_like_injury(visit: Visit) -> bool:
    """A work injury by the journal's own column where it has one, else by an ICD-10 code
    of chapter XIX or an injury word in the diagnosis."""
    if visit.work_related is not None:
        return visit.work_related
    if _ICD_INJURY.search(visit.diagnosis):
        return True
    return _INJURY_WORD.search(fold_text(visit.diagnosis) + " ") is not None


@lru_cache(maxsize=65536)  # each person's keys are asked for again at every candidate
def number_key(value: str) -> str:
    """A personnel number as compared: letters and digits only, leading zeros dropped."""
    cleaned = "".join(ch for ch in fold_text(value) if ch.isalnum())
    return cleaned.lstrip("0") or ("0" if cleaned else "")


@lru_cache(maxsize=65536)
def name_key(value: str) -> str:
    """Surname and initials: "Иванов И. И.", "ИВАНОВ Иван Иванович" and "Иванов И.И." are
    all "иванов ии"; an empty or one-letter name has no key (it matches nobody)."""
    words = [word for word in re.split(r"[\s.,]+", fold_text(value)) if word]
    if not words or len(words[0]) < 2:
        return ""
    initials = "".join(word[0] for word in words[1:3])
    return f"{words[0]} {initials}".strip()


def same_person(a_number: str, a_name: str, b_number: str, b_name: str) -> bool:
    numbers = number_key(a_number), number_key(b_number)
    if all(numbers):
        return numbers[0] == numbers[1]
    names = name_key(a_name), name_key(b_name)
    return bool(names[0]) and names[0] == names[1]


_Index = dict[tuple[str, str], list[Visit | EventRecord]]
_R = TypeVar("_R", Visit, EventRecord)


def reconcile(visits: Sequence[Visit], events: Sequence[EventRecord]) -> Findings:
    injuries = [visit for visit in visits if looks_like_injury(visit)]
    injury_events = [event for event in events if event.kind in INJURY_KINDS]
    hidden = _unpaired(injuries, _index(events))
    unrecorded = _unpaired(injury_events, _index(visits))
    return Findings(hidden, unrecorded, len(visits), len(injuries), len(injury_events))


def _unpaired(records: Sequence[_R], others: _Index) -> list[_R]:
    """``records`` with no record of the same person among ``others`` within the window."""
    return [
        record
        for record in records
        if not any(
            abs((other.day - record.day).days) <= WINDOW_DAYS
            and same_person(record.personnel_no, record.person, other.personnel_no, other.person)
            for other in _candidates(others, record.personnel_no, record.person)
        )
    ]


def _index(records: Iterable[Visit | EventRecord]) -> _Index:
    """Each record under its number key and its name key (a candidate list, checked after)."""
    index: _Index = defaultdict(list)
    for record in records:
        if number_key(record.personnel_no):
            index["no", number_key(record.personnel_no)].append(record)
        if name_key(record.person):
            index["name", name_key(record.person)].append(record)
    return index


def _candidates(index: _Index, number: str, name: str) -> list[Visit | EventRecord]:
    found = index.get(("no", number_key(number)), []) if number_key(number) else []
    if name_key(name):
        found = found + index.get(("name", name_key(name)), [])
    return found
