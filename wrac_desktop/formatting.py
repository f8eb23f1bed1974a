"""Dates and numbers as each language writes them: one helper for the UI, the CLI and reports.

Kazakh and Russian documents write 16.03.2026 and 12 500,5; English ones here 16 Mar 2026 (a
month name, so no reader mistakes the day for the month) and 12,500.5. Stored deadlines keep
their own text (``domain.due_dates``): this is only how a date is shown.
"""

from __future__ import annotations

from datetime import date, datetime

from wrac_desktop.i18n import both, check_language, current_language, pair_of

_ENGLISH_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
                   "Dec")  # fmt: skip
# Thousands are grouped with a no-break space in kk and ru, so a number never wraps.
_SEPARATORS = {"kk": ("\u00a0", ","), "ru": ("\u00a0", ","), "en": (",", ".")}


def format_date(value: date | datetime | None, lang: str | None = None) -> str:
    """``value`` as ``lang`` (default: the current language) writes a date; "" for None."""
    if value is None:
        return ""
    if lang is not None and (pair := pair_of(lang)) is not None:
        return both(format_date(value, pair[0]), format_date(value, pair[1]))
    day = value.date() if isinstance(value, datetime) else value
    if check_language(lang or current_language()) == "en":
        return f"{day.day} {_ENGLISH_MONTHS[day.month - 1]} {day.year}"
    return f"{day.day:02}.{day.month:02}.{day.year}"


def format_number(value: float | None, lang: str | None = None, decimals: int = 0) -> str:
    """``value`` with ``decimals`` places, grouped and pointed as ``lang`` writes numbers."""
    if value is None:
        return ""
    if lang is not None and (pair := pair_of(lang)) is not None:
        return both(*(format_number(value, one, decimals) for one in pair))
    thousands, point = _SEPARATORS[check_language(lang or current_language())]
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", point).replace("\x00", thousands)


def executor(position: str, name: str) -> str:
    """A measure's responsible person as the roadmap's plan prints them: "Должность, Ф.И.О."
    ("Главный механик, Ахметов С.Б."), either part alone when the other is empty."""
    return ", ".join(part for part in (position.strip(), name.strip()) if part)
