"""Due dates as safety officers write them.

Plans say "31.12.2025", "до 31.12.2025", "IV квартал 2025 г.", "2025 жыл", "декабрь 2025",
"үнемі" (permanently). The text is always kept verbatim; ``parse_due`` adds the latest date
it can stand for (the deadline), or None when it names no date.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta

_ROMAN_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_MONTHS = {
    # ru (nominative and genitive stems), kk, en — matched on the first letters
    "янв": 1, "фев": 2, "мар": 3, "апр": 4, "мая": 5, "май": 5, "июн": 6, "июл": 7,
    "авг": 8, "сен": 9, "окт": 10, "ноя": 11, "дек": 12,
    "қаң": 1, "ақп": 2, "нау": 3, "сәу": 4, "мам": 5, "мау": 6, "шіл": 7, "там": 8,
    "қыр": 9, "қаз": 10, "қар": 11, "жел": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_EXCEL_EPOCH = date(1899, 12, 30)

_ISO = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
_DOTTED = re.compile(r"\b(\d{1,2})[./](\d{1,2})[./](\d{4}|\d{2})\b")
_QUARTER = re.compile(r"\b(iv|iii|ii|i|[1-4])\s*(?:кв\w*|тоқсан\w*|quarter|q)\W*(\d{4})", re.I)
_QUARTER_EN = re.compile(r"\bq([1-4])\W*(\d{4})", re.I)
_MONTH_YEAR_NUM = re.compile(r"\b(\d{1,2})[./](\d{4})\b")
_MONTH_WORD = re.compile(r"([a-zа-яәғқңөұүһі]{3,})\w*\W+(\d{4})", re.I)
_YEAR = re.compile(r"\b(20\d{2}|19\d{2})\b")


def parse_due(text: str | None) -> date | None:
    """The deadline a free-text due date stands for, or None ("permanently", "annually")."""
    if not text:
        return None
    cleaned = text.strip().lower()
    # A full day-month-year that is not a real date (31.02.2025) names no deadline; reading
    # "02.2025" out of it instead would invent one.
    for exact in (_ISO, _DOTTED):
        if exact.search(cleaned):
            return _iso(cleaned) if exact is _ISO else _dotted(cleaned)
    for parser in (_quarter, _month_year_numeric, _month_word, _year_only):
        found = parser(cleaned)
        if found is not None:
            return found
    return None


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


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _end_of_month(year: int, month: int) -> date | None:
    if not 1 <= month <= 12:
        return None
    return date(year, month, calendar.monthrange(year, month)[1])


def _iso(text: str) -> date | None:
    match = _ISO.search(text)
    return _safe_date(*map(int, match.groups())) if match else None


def _dotted(text: str) -> date | None:
    match = _DOTTED.search(text)
    if not match:
        return None
    day, month, year = (int(part) for part in match.groups())
    return _safe_date(year + 2000 if year < 100 else year, month, day)


def _quarter(text: str) -> date | None:
    match = _QUARTER.search(text) or _QUARTER_EN.search(text)
    if not match:
        return None
    token, year = match.group(1).lower(), int(match.group(2))
    quarter = _ROMAN_QUARTERS.get(token) or int(token)
    return _end_of_month(year, quarter * 3)


def _month_year_numeric(text: str) -> date | None:
    match = _MONTH_YEAR_NUM.search(text)
    return _end_of_month(int(match.group(2)), int(match.group(1))) if match else None


def _month_word(text: str) -> date | None:
    for match in _MONTH_WORD.finditer(text):
        month = _MONTHS.get(match.group(1)[:3].lower())
        if month:
            return _end_of_month(int(match.group(2)), month)
    return None


def _year_only(text: str) -> date | None:
    match = _YEAR.search(text)
    return date(int(match.group(1)), 12, 31) if match else None
