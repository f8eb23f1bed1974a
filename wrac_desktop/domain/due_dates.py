"""Due dates as safety officers write them.

Plans say "31.12.2025", "до 15 марта 2026 г.", "2026 жылғы 15 наурыз", "IV квартал 2025 г.",
"2026 ж. II тоқсан", "2026 жылдың наурызы", "декабрь 2025", "үнемі" (permanently). The text is
always kept verbatim; ``read_due`` adds the latest date it stands for (the deadline).

It never guesses: a text is read only when every word of it is understood (a date, a month, a
quarter, a half-year or a year, with the words that frame a deadline such as "до" or "дейін").
Anything else is *unreadable*: kept as written, with no deadline, and reported (import warnings,
``wrac check``), because a deadline guessed too late hides an overdue measure. The text is cut
into words by one regular expression without nested repetition, so reading it takes time in
proportion to its length, and texts over ``MAX_DUE_CHARS`` are not read at all.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from functools import lru_cache

from wrac_desktop.domain import due_words as words

MAX_DUE_CHARS = 100  # "до IV квартала 2026 года" is 25; a longer text is a note, not a date
_EXCEL_EPOCH = date(1899, 12, 30)
_YEARS = range(1900, 2200)
# A number with parts (31.12.2026, 2026-03-04, 2026-2027), a word, or one other character.
_TOKEN = re.compile(r"(\d+(?:[./-]\d+)*)|([^\W\d_]+)|(\S)")
_IGNORED = frozenset(".,:;«»\"'“”„()")
_DASHES = str.maketrans({"–": "-", "—": "-", "‑": "-", "ё": "е"})
_PERIOD_SHAPES = ("xPY", "YxP", "PxY", "YPx")  # x: the number, P: quarter or half word
_DAY_SHAPES = {"NMY": (2, 1, 0), "MNY": (2, 0, 1), "YNM": (0, 2, 1), "YMN": (0, 1, 2)}


class DueKind(StrEnum):
    EMPTY = "empty"
    DATE = "date"  # a deadline was read
    STANDING = "standing"  # "permanently", "annually": no deadline by nature
    UNREADABLE = "unreadable"  # kept as written, no deadline, worth a warning


class Period(StrEnum):
    """How much of the calendar a read deadline names: its last day is the deadline."""

    DAY = "day"
    MONTH = "month"
    QUARTER = "quarter"
    HALF = "half"
    YEAR = "year"


@dataclass(frozen=True)
class DueReading:
    kind: DueKind
    deadline: date | None = None
    period: Period | None = None  # with a deadline
    standing: str | None = None  # with a standing value: what it means ("annually", …)
    languages: frozenset[str] = frozenset()  # those its words are in (digits are in none)


@dataclass(frozen=True)
class _Token:
    kind: str  # Y year, N number, R roman, O ordinal word, M month, Q quarter, H half, D date
    value: int | date


class _Unreadable(Exception):
    pass


_UNREADABLE = DueReading(DueKind.UNREADABLE)


@lru_cache(maxsize=4096)
def read_due(text: str | None) -> DueReading:
    """What a free-text due date says: a deadline, a standing value, or nothing readable.

    Remembered for the last few thousand texts: a register's measures repeat a few hundred due
    dates, and an import or a check reads each measure's (7 % of importing 100,000 hazards)."""
    stripped = (text or "").strip()
    if not stripped:
        return DueReading(DueKind.EMPTY)
    if len(stripped) > MAX_DUE_CHARS:
        return _UNREADABLE
    cleaned = stripped.lower().translate(_DASHES)
    raw = _raw_tokens(cleaned)
    languages = frozenset(words.WORD_LANGUAGES[t] for t in raw if t in words.WORD_LANGUAGES)
    said = tuple(token for token in raw if token not in _IGNORED)
    if said in words.STANDING:
        meaning = words.STANDING_MEANINGS[said]
        return DueReading(DueKind.STANDING, standing=meaning, languages=languages)
    try:
        read = _deadline(_tokens(raw))
    except _Unreadable:
        return _UNREADABLE
    if read is None:
        return _UNREADABLE
    return DueReading(DueKind.DATE, read[0], read[1], languages=languages)


def parse_due(text: str | None) -> date | None:
    """The deadline a free-text due date stands for, or None (none, standing or unreadable)."""
    return read_due(text).deadline


def is_unreadable_due(text: str | None) -> bool:
    """True for a due date that names neither a deadline nor a standing value."""
    return read_due(text).kind is DueKind.UNREADABLE


def from_excel_serial(serial: float) -> date:
    """Excel's day number (1900 date system) as a date."""
    return _EXCEL_EPOCH + timedelta(days=int(serial))


def format_due(value: date | datetime | str | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    return value


def _raw_tokens(text: str) -> list[str]:
    """Numbers, words and single characters, with "2-й" and "15-і" joined to their number."""
    raw = [match.group() for match in _TOKEN.finditer(text)]
    kept: list[str] = []
    index = 0
    while index < len(raw):
        token = raw[index]
        joins = token == "-" and kept and kept[-1][0].isdecimal() and index + 1 < len(raw)
        if joins and raw[index + 1][0].isalpha():
            index += 2 if raw[index + 1] in words.ORDINAL_SUFFIXES else 1
            continue
        kept.append(token)
        index += 1
    return kept


def _tokens(raw: list[str]) -> list[_Token]:
    tokens = []
    for text in raw:
        if text in _IGNORED or text in words.FILLER:
            continue
        tokens.append(_number(text) if text[0].isdecimal() else _word(text))
    return tokens


def _number(text: str) -> _Token:
    if text.isdecimal():
        value = int(text)
        if len(text) == 4 and value in _YEARS:
            return _Token("Y", value)
        if len(text) <= 2 and 1 <= value <= 31:
            return _Token("N", value)
        raise _Unreadable
    return _Token("D", _numeric_date(text))


def _numeric_date(text: str) -> date:
    """31.12.2026, 5/6/2026, 01.02.26, 2026-03-04, 03.2026, 2026-03, 2026-2027 (its end)."""
    separator = next(char for char in text if not char.isdecimal())
    parts = text.split(separator)
    if any(char not in "0123456789" + separator for char in text) or not 2 <= len(parts) <= 3:
        raise _Unreadable
    if len(parts) == 3 and len(parts[0]) == 4:
        return _checked(int(parts[0]), int(parts[1]), int(parts[2]))
    if len(parts) == 3 and len(parts[2]) in (2, 4) and len(parts[0]) <= 2:
        year = int(parts[2]) + (2000 if len(parts[2]) == 2 else 0)
        return _checked(year, int(parts[1]), int(parts[0]))
    if len(parts) == 2:
        return _two_part(parts, separator)
    raise _Unreadable


def _two_part(parts: list[str], separator: str) -> date:
    first, second = parts
    if len(first) == 4 and len(second) == 4 and separator == "-":
        start, end = int(first), int(second)
        if start not in _YEARS or end not in _YEARS or start >= end:
            raise _Unreadable
        return date(end, 12, 31)  # a range of years: its end
    if len(first) <= 2 and len(second) == 4:
        return _month_end(int(second), int(first))
    if len(first) == 4 and len(second) == 2 and separator == "-":
        return _month_end(int(first), int(second))
    raise _Unreadable


def _word(text: str) -> _Token:
    if text in words.MONTHS:
        return _Token("M", words.MONTHS[text])
    if text in words.QUARTER_WORDS:
        return _Token("Q", 0)
    if text in words.HALF_WORDS:
        return _Token("H", 0)
    for kind, value in (("R", words.roman_value(text)), ("O", words.ordinal_value(text))):
        if value is not None:
            return _Token(kind, value)
    raise _Unreadable


def _deadline(tokens: list[_Token]) -> tuple[date, Period] | None:
    shape = "".join(token.kind for token in tokens)
    values = [token.value for token in tokens]
    if shape == "D":
        return values[0], Period.DAY  # type: ignore[return-value]
    if shape == "Y":
        return date(_int(values[0]), 12, 31), Period.YEAR
    if shape in ("MY", "YM"):
        year, month = (values[0], values[1]) if shape == "YM" else (values[1], values[0])
        return _month_end(_int(year), _int(month)), Period.MONTH
    if shape in _DAY_SHAPES:
        year, month, day = (_int(values[index]) for index in _DAY_SHAPES[shape])
        return _checked(year, month, day), Period.DAY
    return _period(shape, values)


def _period(shape: str, values: list[int | date]) -> tuple[date, Period] | None:
    """A quarter (I кв. 2026, 2026 ж. II тоқсан, Q3 2026) or half-year, as its last day."""
    generic = shape.translate(str.maketrans("NRO", "xxx"))
    period_word = "Q" if "Q" in shape else "H"
    for pattern in _PERIOD_SHAPES:
        if generic == pattern.replace("P", period_word):
            number = _int(values[generic.index("x")])
            year = _int(values[generic.index("Y")])
            count = 4 if period_word == "Q" else 2
            if not 1 <= number <= count:
                raise _Unreadable
            period = Period.QUARTER if period_word == "Q" else Period.HALF
            return _month_end(year, number * 12 // count), period
    return None


def _int(value: int | date) -> int:
    assert isinstance(value, int)
    return value


def _checked(year: int, month: int, day: int) -> date:
    """A real day, or unreadable: 31.02.2025 names no deadline, and none is invented for it."""
    if year not in _YEARS:
        raise _Unreadable
    try:
        return date(year, month, day)
    except ValueError:
        raise _Unreadable from None


def _month_end(year: int, month: int) -> date:
    if year not in _YEARS or not 1 <= month <= 12:
        raise _Unreadable
    return date(year, month, calendar.monthrange(year, month)[1])
