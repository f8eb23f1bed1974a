"""A due date as a document in another language prints it.

Officers write deadlines in their own words and language («2027 ж. IV тоқсан», «IV кв. 2027»,
«Q3 2027», «үнемі»), and the register keeps them so. A Russian plan printed «2027 ж. IV тоқсан»
and a Kazakh register «III quarter 2027»: an inspector reading the state language met a
deadline in English. A due date that ``read_due`` understands, written in a language other than
the document's, is printed in the document's own words for the same deadline (the same quarter,
month, day or year, or the same standing value); one in the document's language, one of digits
only, or one not understood is printed as written.
"""

from __future__ import annotations

from functools import lru_cache

from wrac_desktop.domain.due_dates import DueKind, DueReading, Period, read_due
from wrac_desktop.formatting import format_date
from wrac_desktop.i18n import both, pair_of

ROMAN = ("I", "II", "III", "IV")
MONTHS = {
    "kk": (
        "қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз", "қыркүйек",
        "қазан", "қараша", "желтоқсан",
    ),
    "ru": (
        "январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь",
        "октябрь", "ноябрь", "декабрь",
    ),
    "en": (
        "January", "February", "March", "April", "May", "June", "July", "August", "September",
        "October", "November", "December",
    ),
}  # fmt: skip
STANDING = {
    # "ongoing": "permanently" is too wide for the register's deadline column (it broke there)
    "permanently": {"kk": "үнемі", "ru": "постоянно", "en": "ongoing"},
    "annually": {"kk": "жыл сайын", "ru": "ежегодно", "en": "annually"},
    "quarterly": {"kk": "тоқсан сайын", "ru": "ежеквартально", "en": "quarterly"},
    "monthly": {"kk": "ай сайын", "ru": "ежемесячно", "en": "monthly"},
    "weekly": {"kk": "апта сайын", "ru": "еженедельно", "en": "weekly"},
    "daily": {"kk": "күн сайын", "ru": "ежедневно", "en": "daily"},
    "as_needed": {"kk": "қажет болған жағдайда", "ru": "по мере необходимости", "en": "as needed"},
}
# The year, and what of it: "{year} ж. IV тоқсан", "IV квартал {year} г.", "Q4 {year}"
_YEAR_FORMS = {"kk": "{year} ж.{part}", "ru": "{part}{year} г.", "en": "{part}{year}"}
_PART_FORMS = {
    Period.QUARTER: {"kk": " {roman} тоқсан", "ru": "{roman} квартал ", "en": "Q{number} "},
    Period.HALF: {"kk": " {roman} жартыжылдық", "ru": "{roman} полугодие ", "en": "H{number} "},
    Period.MONTH: {"kk": " {month}", "ru": "{month} ", "en": "{month} "},
    Period.YEAR: {"kk": "", "ru": "", "en": ""},
}


@lru_cache(maxsize=1024)  # per measure of every report, 10–20 µs each; a register has few texts
def due_in_language(text: str, lang: str) -> str:
    """``text`` as a document in ``lang`` ("kk", or "kk+ru" for both) prints it."""
    pair = pair_of(lang)
    if pair is not None:
        return both(due_in_language(text, pair[0]), due_in_language(text, pair[1]))
    reading = read_due(text)
    if not reading.languages or lang in reading.languages:
        return text
    if reading.kind is DueKind.STANDING and reading.standing in STANDING:
        return STANDING[reading.standing][lang]
    if reading.kind is DueKind.DATE:
        return _worded(reading, lang)
    return text


def _worded(reading: DueReading, lang: str) -> str:
    deadline = reading.deadline
    assert deadline is not None and reading.period is not None
    if reading.period is Period.DAY:
        return format_date(deadline, lang)
    per_year = {Period.QUARTER: 4, Period.HALF: 2}.get(reading.period, 1)
    number = deadline.month * per_year // 12  # the quarter or half the deadline ends
    part = _PART_FORMS[reading.period][lang].format(
        roman=ROMAN[number - 1] if number else "",
        number=number,
        month=MONTHS[lang][deadline.month - 1],
    )
    return _YEAR_FORMS[lang].format(year=deadline.year, part=part)
