"""Reading an existing accident / near-miss journal (``wrac import PATH FILE --kind events``).

The same reader as the register's import (size, zip-bomb and grid checks; CSV in any of the
usual encodings) and headers in en, ru or kk: a date, a workplace and what happened are
needed. The kind is read from the words a journal uses ("Несчастный случай со смертельным
исходом", "Микрожарақат", "near miss") or the CLI's own values. A row that cannot be read is
reported by row and column and left out; the rest are read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from wrac_desktop.i18n import _
from wrac_desktop.importing.journal import column_names, exact_day, journal_rows, row_readers
from wrac_desktop.importing.values import as_number, as_text
from wrac_desktop.text import fold
from wrac_desktop.vocabulary import EventKind

EVENT_COLUMNS: dict[str, tuple[str, ...]] = {
    "day": (
        "date", "date of the event", "event date", "дата", "дата происшествия",
        "дата несчастного случая", "дата события", "күні", "оқиға күні", "болған күні",
    ),
    "workplace": (
        "workplace", "place", "рабочее место", "место происшествия", "место",
        "жұмыс орны", "болған жері", "орны",
    ),
    "kind": (
        "kind", "type", "event", "what happened", "вид", "вид происшествия", "вид события",
        "тип события", "характер происшествия", "түрі", "оқиға түрі", "оқиға",
    ),
    "person_name": (
        "person", "name", "full name", "injured", "фио", "ф и о", "фио пострадавшего",
        "пострадавший", "работник", "т а ә", "аты жөні", "зардап шегуші", "жұмыскер",
    ),
    "person_position": ("position", "job title", "должность", "профессия", "лауазымы"),
    "personnel_no": (
        "personnel no", "personnel number", "табельный номер", "табельный №", "таб №",
        "табель нөмірі", "табельдік нөмір",
    ),
    "description": (
        "description", "circumstances", "описание", "обстоятельства", "краткое описание",
        "сипаттама", "мән жайлары", "қысқаша сипаттама",
    ),
    "immediate_cause": (
        "cause", "immediate cause", "причина", "непосредственная причина", "себебі",
        "тікелей себебі",
    ),
    "days_lost": (
        "days lost", "lost days", "дней нетрудоспособности", "потеряно дней",
        "дни нетрудоспособности", "жоғалтылған күндер", "еңбекке жарамсыз күндер",
    ),
}  # fmt: skip
_NAMES = column_names(EVENT_COLUMNS)

# Words of a journal's "kind" column, folded, most particular first (a fatal accident is also
# an accident): the first kind with a word standing in the text is the row's kind.
KIND_WORDS: tuple[tuple[EventKind, tuple[str, ...]], ...] = (
    (EventKind.FATAL, ("смертельн", "өліммен", "fatal")),
    (EventKind.SERIOUS, ("тяжел", "групповой", "ауыр", "serious")),
    (EventKind.FIRST_AID, ("микротравм", "микрожарақат", "первая помощь", "first aid",
                           "first-aid")),
    (EventKind.OCCUPATIONAL_DISEASE, ("профзаболев", "профессиональн", "кәсіптік ауру",
                                      "occupational")),
    (EventKind.NEAR_MISS, ("потенциально опасн", "без последствий", "салдарсыз",
                           "қауіпті жағдай", "near miss", "near-miss")),
    (EventKind.UNSAFE_ACT, ("опасное действие", "қауіпті әрекет", "unsafe act", "unsafe-act")),
    (EventKind.UNSAFE_CONDITION, ("опасное условие", "қауіпті жұмыс жағдайы", "unsafe condition",
                                  "unsafe-condition")),
    (EventKind.DANGEROUS_OCCURRENCE, ("инцидент", "авари", "dangerous")),
    (EventKind.LOST_TIME, ("несчастный случай", "жазатайым", "lost time", "lost-time",
                           "accident")),
)  # fmt: skip


@dataclass(frozen=True)
class JournalEvent:
    """One row of the journal, read (the workplace still a name: the register decides)."""

    row: int
    day: date
    workplace: str
    kind: str
    details: dict[str, Any]
    workplace_place: str  # where the workplace's cell is, for a message about it


@dataclass
class EventJournal:
    sheet: str
    header_row: int
    columns: dict[str, int]
    events: list[JournalEvent] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def kind_of(text: str) -> EventKind | None:
    """The kind a journal's words name; None when they name none."""
    folded = " ".join(fold(text).split())
    try:
        return EventKind(folded.strip())
    except ValueError:
        pass
    for label in EventKind:  # the app's own words in every language
        if any(fold(label.label(lang)) == folded for lang in ("kk", "ru", "en")):
            return label
    return next((kind for kind, words in KIND_WORDS if any(w in folded for w in words)), None)


def read_event_journal(path: Path, sheet: str | None = None) -> EventJournal:
    """The journal's events; ImportFileError when the file cannot be read or has no header."""
    name, header_row, columns, rows = journal_rows(
        path, sheet, _NAMES, lambda found: {"day", "workplace", "kind"} <= found,
        _("{path}, sheet “{sheet}”: no header with a date, a workplace and a kind of event "
          "column in the first {rows} rows"),
    )  # fmt: skip
    journal = EventJournal(name, header_row, columns)
    for number, row in rows:
        _read_row(journal, number, row, path)
    return journal


def _read_row(journal: EventJournal, number: int, row: tuple[Any, ...], path: Path) -> None:
    cell, where = row_readers(path, journal.sheet, journal.columns, number, row)

    def left_out(key: str, text: str) -> None:
        journal.problems.append(
            _("{where}: {problem}; the row is left out").format(where=where(key), problem=text)
        )

    day = exact_day(cell("day"))
    if day is None:
        return left_out(
            "day", _("“{value}” is not a date").format(value=as_text(cell("day"))[0][:60])
        )
    kind_text = as_text(cell("kind"))[0]
    kind = kind_of(kind_text)
    if kind is None:
        return left_out("kind", _("“{value}” names no kind of event").format(value=kind_text[:60]))
    workplace = as_text(cell("workplace"))[0]
    if not workplace:
        return left_out("workplace", _("no workplace"))
    days = as_number(cell("days_lost")) if "days_lost" in journal.columns else None
    if days is not None and (days < 0 or days != int(days)):
        return left_out("days_lost", _("“{value}” is not a number of days").format(value=days))
    details: dict[str, Any] = {
        key: as_text(cell(key))[0]
        for key in ("person_name", "person_position", "personnel_no", "description",
                    "immediate_cause")
        if key in journal.columns
    }  # fmt: skip
    if days is not None:
        details["days_lost"] = int(days)
    journal.events.append(
        JournalEvent(number, day, workplace, kind.value, details, where("workplace"))
    )
