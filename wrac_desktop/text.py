"""Text helpers that must behave the same in every language and on every database engine.

SQLite's LIKE and lower() fold ASCII only, so searching Cyrillic and Kazakh text is done on a
column the core fills with ``fold(text)``; queries fold their terms the same way.
"""

from __future__ import annotations

import re
import unicodedata

# The Kazakh Cyrillic alphabet in its official order (Ә after А, Ғ after Г, Қ after К, Ң after Н,
# Ө after О, Ұ Ү after У, Һ after Х, І after Ы). Python's sorted() uses code points and gets
# every one of those letters wrong.
KAZAKH_ALPHABET = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"
_KAZAKH_RANK = {letter: rank for rank, letter in enumerate(KAZAKH_ALPHABET)}
_CYRILLIC_BASE = 0x10000  # after every Latin letter and digit

# Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): invisible,
# and they make a text show in another order than it is stored ("Trojan Source"). Kazakh,
# Russian and English never need them, so a printed register could only mislead its reader
# with one: "\u202eзаГ" shows as «Газ» on screen and on paper and is signed as something else.
DIRECTION_OVERRIDE_RANGE = "\u202a-\u202e\u2066-\u2069"
DIRECTION_OVERRIDES = re.compile(f"[{DIRECTION_OVERRIDE_RANGE}]")

# The longest text a register keeps in one field of a record: far above what the program lets
# in (a cell of a CSV file: 131,072 characters, of a spreadsheet: 32,767), far below what
# hurts. A register from elsewhere holding one 100 MB description took 1.7 GB to check, 4 GB
# of the window, and its PDF never came: a longer text is damage (``integrity``).
TEXT_CHARS_KEPT = 1_000_000

# The control characters no text may hold: C0 but tab, line feed and carriage return. The
# program refuses them at save (``guards``), the importer strips them, ``wrac check`` names
# them, and an .xlsx cannot hold them (one made every later Excel export fail). SQLite's GLOB
# takes no NUL, so the range is also kept without it.
CONTROL_RANGE_AFTER_NUL = "\x01-\x08\x0b\x0c\x0e-\x1f"
CONTROL_RANGE = "\x00" + CONTROL_RANGE_AFTER_NUL
CONTROL_CHARACTERS = re.compile(f"[{CONTROL_RANGE}]")


def fold(text: str | None) -> str:
    """Return ``text`` normalised for case-insensitive search in kk, ru and en."""
    if not text:
        return ""
    return unicodedata.normalize("NFC", text).casefold().replace("ё", "е")


def collation_key(text: str | None) -> tuple[int, ...]:
    """A sort key that orders Kazakh, Russian and Latin text as a Kazakh reader expects."""
    key: list[int] = []
    for char in fold(text):
        rank = _KAZAKH_RANK.get(char)
        key.append(_CYRILLIC_BASE + rank if rank is not None else ord(char))
    return tuple(key)


def kazakh_sorted(items: list[str]) -> list[str]:
    """Sort strings in Kazakh alphabetical order, ignoring case."""
    return sorted(items, key=collation_key)


_NAME_WORD = re.compile(r"[^\W\d_]{2,}(?!\.)")  # a surname or given name, not an initial "С."


def same_person(one: str, other: str) -> bool:
    """Whether two ways of writing a name share a surname or given name: "С.Б. Ахметов",
    "Ахметов Серик Болатович" and a certificate's "АХМЕТОВ СЕРИК" are the same person."""
    return bool(_name_words(one) & _name_words(other))


def _name_words(name: str) -> set[str]:
    return {fold(word) for word in _NAME_WORD.findall(name)}
