"""Cell values as the register wants them: texts, matrix levels, scores, classes, dates.

A ``CellError`` means the row cannot be imported as it is (a likelihood off the matrix, a
cell too long); ``Notes`` collects what is imported but worth a look (a number where a text
was expected, an error value such as #DIV/0!).
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from typing import Any

from wrac_desktop.domain.costs import parse_cost
from wrac_desktop.domain.due_dates import format_due, from_excel_serial, parse_due
from wrac_desktop.errors import ValidationError
from wrac_desktop.hazards.model import GOST_GROUP_NAMES, gost_group_label
from wrac_desktop.i18n import LANGUAGES, _, pick
from wrac_desktop.risk.matrix import Axis, Matrix, format_number
from wrac_desktop.text import CONTROL_RANGE, DIRECTION_OVERRIDES, fold
from wrac_desktop.vocabulary import ControlLevel, MeasureStatus

MAX_CELL_CHARS = 32_767  # Excel's own limit: a longer cell cannot have come from Excel
ERROR_VALUES = frozenset(
    {"#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!", "#GETTING_DATA",
     "#SPILL!", "#CALC!"}
)  # fmt: skip
# and C1 controls, non-characters and lone surrogates, which no text from a file should hold
_CONTROL = re.compile(f"[{CONTROL_RANGE}\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
_LEADING_NUMBER = re.compile(r"^\s*(\d+(?:[.,]\d+)?)(?:\s|$|[-–—.:)])")
_SERIALS = range(20_000, 80_000)  # 1954 … 2119: a number in a date column in this range is a date
_FLAG_YES = frozenset({"yes", "y", "true", "1", "+", "x", "да", "д", "иә", "ия", "priority"})
# A recognition list, not the labels: stems and synonyms found in companies' own registers
# ("устранение", "isolation", "средства индивидуальной защиты"), matched inside a cell, so it stays
# data here. The product's own names of the levels (the catalogues' "vocabulary" context, in every
# language) are recognised as well, by as_control_level, so a renamed label is still read back.
_LEVEL_WORDS = {
    ControlLevel.ELIMINATION: ("elimin", "исключ", "устран", "жою"),
    ControlLevel.SUBSTITUTION: ("substit", "замен", "алмаст"),
    ControlLevel.ENGINEERING: ("engineer", "isolat", "инженер", "изоляц", "инженерлік"),
    ControlLevel.ADMINISTRATIVE: ("admin", "организац", "ұйымдаст", "әкімшілік"),
    ControlLevel.PPE: ("ppe", "personal protect", "сиз", "средства индивид", "жққ", "жеке қорған"),
}


class CellError(Exception):
    """The value cannot be imported; ``message`` says why, for the warnings list."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def is_error_value(value: Any) -> bool:
    return isinstance(value, str) and value.strip().upper() in ERROR_VALUES


def checked_length(value: Any) -> None:
    if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
        raise CellError(
            _("the cell holds {count:,} characters; at most {most:,} can be imported").format(
                count=len(value), most=MAX_CELL_CHARS
            )
        )


def without_controls(value: str) -> tuple[str, int]:
    """The text without control characters, and how many were removed.

    XML (so .xlsx) cannot hold them: one U+0001 in an imported cell made every later Excel
    export of the register fail. Tabs and line breaks stay (a carriage return becomes one)."""
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    cleaned, count = _CONTROL.subn("", text)
    return cleaned, count


def without_direction_overrides(value: str) -> tuple[str, int]:
    """The text without bidirectional overrides (``text.DIRECTION_OVERRIDES``), and how many
    were removed: a cell holding one shows in another order than its characters are stored."""
    return DIRECTION_OVERRIDES.subn("", value)


def as_text(value: Any) -> tuple[str, str | None]:
    """The text to store, and a note when the cell held a number or date instead."""
    if value is None:
        return "", None
    if isinstance(value, str):
        return value.strip(), None
    if isinstance(value, bool):
        return (_("yes") if value else _("no")), None
    if isinstance(value, datetime | date):
        return format_due(value), _("a date where a text was expected; kept as written")
    shown = format_number(value) if isinstance(value, int | float) else str(value)
    return shown, _("a number where a text was expected; imported as “{text}”").format(text=shown)


def as_number(value: Any) -> float | None:
    """A number from a numeric cell or a text such as "4", "4,5" or "4 – likely"."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return float(value) if math.isfinite(value) else None
    match = _LEADING_NUMBER.match(str(value))
    return float(match.group(1).replace(",", ".")) if match else None


def as_level(value: Any, axis: Axis) -> float:
    """A level of ``axis`` from its value, code, name in any language, or a letter A–E."""
    text = str(value).strip()
    number = as_number(value)
    if number is not None:
        try:
            return axis.level(number).value
        except ValidationError as error:
            raise CellError(error.message) from error
    found = _level_by_name(text, axis)
    if found is not None:
        return found
    raise CellError(
        _("“{value}” is not a {axis} of the register's matrix; allowed: {allowed}").format(
            value=text,
            axis=pick(axis.name).lower(),
            allowed=", ".join(format_number(v) for v in axis.values),
        )
    )


def _level_by_name(text: str, axis: Axis) -> float | None:
    # the names of the register's own matrix (data a company may have edited), not the presets'
    wanted = fold(text)
    for level in axis.levels:
        names = [level.code, *level.label.values()]
        if any(fold(name) == wanted for name in names if name):
            return level.value
    letters = "ABCDEFGHIJ"[: len(axis.levels)]
    if len(text) == 1 and text.upper() in letters:
        # AS/NZS 4360 letters: A is the highest level (almost certain), then downwards.
        return axis.levels[len(axis.levels) - 1 - letters.index(text.upper())].value
    return None


def as_band(value: Any, matrix: Matrix) -> str | None:
    """The class a text names (its key or its name in any language), else None."""
    wanted = fold(str(value).strip())
    for band in matrix.bands:
        if wanted in {fold(band.key), *(fold(name) for name in band.name.values())}:
            return band.key
    return None


def as_flag(value: Any) -> bool:
    return fold(str(value).strip()) in _FLAG_YES if value is not None else False


def as_due(value: Any) -> tuple[str, date | None]:
    """The due date as written, and the deadline it stands for where one can be read."""
    if isinstance(value, datetime | date):
        day = value.date() if isinstance(value, datetime) else value
        return format_due(day), day
    if isinstance(value, int | float) and not isinstance(value, bool) and int(value) in _SERIALS:
        day = from_excel_serial(value)
        return format_due(day), day
    text, _note = as_text(value)
    return text, parse_due(text)


def unreadable_due(text: str) -> str:
    """The warning for a due date kept as written because it names no exact deadline."""
    return _(
        "due date “{due}” names no exact deadline; kept as written, with no deadline "
        "(write it as a date such as 31.12.2026 or “IV квартал 2026 г.”)"
    ).format(due=text[:100])


def as_date(value: Any) -> date | None:
    return as_due(value)[1] if value not in (None, "") else None


def as_cost(value: Any) -> Decimal | None:
    try:
        return parse_cost(value)
    except ValidationError as error:
        raise CellError(error.message) from error


def as_control_level(value: Any) -> ControlLevel | None:
    wanted = fold(str(value or "").strip())
    if not wanted:
        return None
    for level, stems in _LEVEL_WORDS.items():
        names = {level.value, *(fold(level.label(lang)) for lang in LANGUAGES)}
        if wanted in names or any(stem in wanted for stem in stems):
            return level
    return None


def as_category(text: str) -> str:
    """A hazard group's key from its name in any language ("Химические" → "chemical"), as the
    register stores the groups it prints; any other category as it is written."""
    return _group_names().get(fold(text), text)


@cache
def _group_names() -> dict[str, str]:
    """Each hazard group's name in every language, folded → the group's key."""
    return {
        fold(gost_group_label(group, lang)): group
        for group in GOST_GROUP_NAMES
        for lang in LANGUAGES
    }


def as_status(value: Any) -> MeasureStatus | None:
    """A measure's status from its value or its name in any language ("Орындалуда")."""
    status: MeasureStatus | None = _names(MeasureStatus).get(
        fold(str(value or "").strip()).replace(" ", "_")
    )
    return status


def leading_level(text: str) -> tuple[ControlLevel | None, str]:
    """The level a measure's text starts with and the text after it, as the register's own
    export writes a measure ("Elimination: Avoid entry …"); (None, text) when it names none.
    Only a level's own name counts: "Isolation: …" may be a measure's first words."""
    head, colon, rest = text.partition(": ")
    level: ControlLevel | None = (
        _names(ControlLevel).get(fold(head.strip()).replace(" ", "_")) if colon else None
    )
    if level is None or not rest.strip():
        return None, text
    return level, rest.strip()


@cache
def _names(kind: type[ControlLevel] | type[MeasureStatus]) -> dict[str, Any]:
    """Each member of a vocabulary by its value and its label in every language, folded
    (spaces as "_", as the values write them): looked up for every measure of a sheet."""
    return {
        name.replace(" ", "_"): member
        for member in kind
        for name in (member.value, *(fold(member.label(lang)) for lang in LANGUAGES))
    }


# A person's name as the plan prints it after the position: "Ахметов С.Б.", "С.Б. Ахметов"
_PERSON = re.compile(r"^(?:\w[\w'-]+\s+(?:\w\.\s?){1,2}|(?:\w\.\s?){1,2}\s*\w[\w'-]+)$")


def split_executor(text: str) -> tuple[str, str]:
    """("Главный механик", "Ахметов С.Б.") from "Главный механик, Ахметов С.Б." as
    ``formatting.executor`` joins them; (text, "") when its last part is no person's name."""
    position, comma, name = text.rpartition(", ")
    if comma and position.strip() and _PERSON.match(name.strip()):
        return position.strip(), name.strip()
    return text, ""


def as_count(value: Any) -> int | None:
    """A whole number of people (a workplace's headcount); None if the cell holds none."""
    number = as_number(value)
    return int(number) if number is not None and number >= 0 and number == int(number) else None
