"""Languages: the product speaks Kazakh, Russian and English.

``LocalText`` holds a text in several languages (data such as hazard names and matrix labels);
``pick`` chooses one. ``_`` translates program messages through gettext catalogues; ``NC_``
marks a message with a context (the plan's "Deadline" is «Срок исполнения», the register's «Срок»)
for a lookup in any language with ``translated_in``, or in all three with ``all_languages``.
"""

from __future__ import annotations

import gettext
import logging
import os
from collections.abc import Callable, Mapping
from dataclasses import fields, is_dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from typing import Any, NamedTuple, TypeVar

LANGUAGES: tuple[str, ...] = ("kk", "ru", "en")
# The language when nothing names one of ours (no --lang, no saved choice, a C or German
# locale): English, the language of the messages' originals, so that the messages and the data
# labels (``pick``) agree. It was "ru" while messages stayed English: `wrac review` printed
# «still Высокий» under LANG=C (issue 19, 9).
DEFAULT_LANGUAGE = "en"
LocalText = Mapping[str, str]
T = TypeVar("T")
_LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")

log = logging.getLogger(__name__)

_current: gettext.NullTranslations = gettext.NullTranslations()
_current_language = DEFAULT_LANGUAGE


# A bilingual document (``--lang kk+ru``) prints each text in the first language with the second
# under it, lighter: each line of the second language starts with SECOND, which the writers
# never print (the PDF draws such a line grey; the spreadsheet drops the mark).
SECOND = "\x1f"


def pair_of(lang: str) -> tuple[str, str] | None:
    """The two languages of a bilingual document's ``lang`` ("kk+ru"); None for one language."""
    if "+" not in lang:
        return None
    first, _plus, second = lang.partition("+")
    return first, second


def first_language(lang: str) -> str:
    """A document's language, or the first of a bilingual one's."""
    return lang.partition("+")[0]


def check_report_language(lang: str) -> str:
    """``lang`` if a document can be printed in it (one language, or two different ones joined
    by "+", the first first), else raise ValueError."""
    pair = pair_of(lang)
    if pair is None:
        return check_language(lang)
    if pair[0] == pair[1] or "+" in pair[1]:
        raise ValueError(f"unsupported language pair {lang!r}; e.g. kk+ru or ru+kk")
    check_language(pair[0])
    check_language(pair[1])
    return lang


def both(first: str, second: str) -> str:
    """A text in two languages: ``first``, then each line of ``second`` marked as the second
    language's; a text the same in both (a number, a name) once."""
    if first == second or not second:
        return first
    marked = [SECOND + line for line in second.split("\n")]
    return "\n".join([first, *marked] if first else marked)


def part(value: Any, index: int) -> Any:
    """The first (0) or second (1) language's half of a text made by ``both``; anything else
    (a number, a text with no second language) as it is."""
    if isinstance(value, Pair):
        return value.parts[index]
    if not isinstance(value, str) or SECOND not in value:
        return value
    lines = value.split("\n")
    if index == 0:
        return "\n".join(line for line in lines if not line.startswith(SECOND))
    return "\n".join(line[1:] for line in lines if line.startswith(SECOND))


_projections: dict[tuple[int, int], tuple[Any, Any]] = {}  # (id, half) → (value, its half)
# How a type's values are cut into halves, found once per type: a dataclass's init fields by
# name, a tuple's maker, or None for a value kept as it is (a number, a date). dataclasses'
# fields() and replace() looked each up for every object: 1.2 s of a 10,000-hazard kk+ru
# register.
_plans: dict[type, tuple[str, Any] | None] = {}


_halves: tuple[dict[str, str], dict[str, str]] = ({}, {})  # a text's half, by text and half


def _plan_of(kind: type) -> tuple[str, Any] | None:
    if issubclass(kind, str):
        return ("text", None)
    if is_dataclass(kind):
        names = tuple(f.name for f in fields(kind) if f.init)
        # A plain dataclass (every field set by __init__, nothing done after, no slots): its
        # half is made by filling a new object's __dict__, as __init__ would, without a frozen
        # class' object.__setattr__ per field.
        plain = len(names) == len(fields(kind)) and not any(
            hasattr(kind, name) for name in ("__post_init__", "__slots__")
        )
        return ("plain" if plain else "fields", names)
    if issubclass(kind, tuple):
        return ("tuple", getattr(kind, "_make", None))  # a NamedTuple's maker, else tuple()
    return None


def _half(text: str, index: int) -> str:
    """``part(text, index)`` of a text in two languages, kept: the same texts recur in
    thousands of rows."""
    known = _halves[index]
    half = known.get(text)
    if half is None:
        if len(known) > 50_000:
            known.clear()
        half = known[text] = part(text, index)
    return half


_KEPT = frozenset({type(None), bool, int, float, Decimal, date})  # values with no text in them


def _projected_item(item: Any, index: int) -> Any:
    """``projected`` of a field or an item, the commonest kinds (a text, a number, nothing)
    without the call: a register's row holds a few hundred."""
    kind = type(item)
    if kind is str:
        return _half(item, index) if SECOND in item else item
    return item if kind in _KEPT else projected(item, index)


def projected(value: Any, index: int) -> Any:
    """``value`` (a text, a frozen dataclass, a NamedTuple or tuple of them) with every text in
    it cut to one language's half (``part``): a bilingual document's row as each of its two
    languages prints it. The last few are kept: a row is asked for once per column."""
    kind = type(value)
    if kind is str:
        return _half(value, index) if SECOND in value else value
    if kind in _plans:
        plan = _plans[kind]
    else:
        plan = _plans[kind] = _plan_of(kind)
    if plan is None:
        return value
    how, detail = plan
    if how == "text":
        return part(value, index)
    key = (id(value), index)
    known = _projections.get(key)
    if known is not None and known[0] is value:
        return known[1]
    result: Any
    if how == "tuple":
        items = [_projected_item(item, index) for item in value]
        result = detail(items) if detail is not None else tuple(items)
    else:
        halves = {name: _projected_item(getattr(value, name), index) for name in detail}
        if how == "plain":
            result = object.__new__(kind)
            result.__dict__.update(halves)
        else:
            result = kind(**halves)
    if len(_projections) > 256:
        _projections.clear()
    _projections[key] = (value, result)
    return result


def in_each(lang: str, make: Callable[[str, int], T]) -> T:
    """What ``make(language, half)`` makes (a sentence, a row of texts), whole in each language
    of a bilingual document and then joined, the second under the first (texts in it via
    ``both``); ``make(lang, 0)`` for one language. ``half`` picks a data text's half (``part``)."""
    pair = pair_of(lang)
    if pair is None:
        return make(lang, 0)
    return _joined(make(pair[0], 0), make(pair[1], 1))


def _joined(first: Any, second: Any) -> Any:
    if isinstance(first, str) and isinstance(second, str):
        return both(first, second)
    if isinstance(first, tuple | list) and type(first) is type(second):
        items = [_joined(a, b) for a, b in zip(first, second, strict=True)]
        make = getattr(first, "_make", None)  # a NamedTuple
        return make(items) if make is not None else type(first)(items)
    return first


def inline(text: str, separator: str = " / ") -> str:
    """A bilingual text on one line (a footer, the draft mark): "ЖОБА / ПРОЕКТ"."""
    if SECOND not in text:
        return text
    return separator.join(half for half in (part(text, 0), part(text, 1)) if half)


class Pair(str):
    """A program text in two languages (a bilingual document's label): ``format`` fills each
    language's half with that language's half of each value, so "{workplace} - workers: {n}"
    prints "Ұста - жұмысшылар: 3" over "Слесарь - работников: 3"."""

    parts: tuple[str, str]

    def __new__(cls, first: str, second: str) -> Pair:
        text = super().__new__(cls, both(first, second))
        text.parts = (first, second)
        return text

    def format(self, *args: Any, **kwargs: Any) -> str:
        halves = [
            self.parts[n].format(
                *(part(arg, n) for arg in args), **{k: part(v, n) for k, v in kwargs.items()}
            )
            for n in (0, 1)
        ]
        return Pair(*halves)


def check_language(lang: str) -> str:
    """Return ``lang`` if the product supports it, else raise ValueError."""
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    return lang


def pick(text: LocalText | None, lang: str | None = None) -> str:
    """The text in ``lang``, falling back to the other languages rather than showing nothing;
    in both languages of a bilingual document's ``lang`` ("kk+ru")."""
    if not text:
        return ""
    wanted = lang or _current_language
    if (pair := pair_of(wanted)) is not None:
        return Pair(pick(text, pair[0]), pick(text, pair[1]))
    for candidate in (wanted, "en", "ru", "kk"):
        value = text.get(candidate)
        if value:
            return value
    return next(iter(text.values()), "")


def current_language() -> str:
    return _current_language


def set_language(lang: str) -> None:
    """Switch program messages to ``lang`` (catalogues are looked up in resources/locale)."""
    global _current, _current_language
    from wrac_desktop.resources import resource_path

    check_language(lang)
    _current_language = lang
    _current = gettext.translation(
        "wrac", localedir=str(resource_path("locale")), languages=[lang], fallback=True
    )
    if lang != "en" and not isinstance(_current, gettext.GNUTranslations):
        log.warning("no %s catalogue in %s: messages stay English", lang, resource_path("locale"))


def startup_language(
    chosen: str | None = None, saved: object = None, system: str | None = None
) -> str:
    """The one rule for the app and the command line: ``chosen`` (``--lang``), then ``saved``
    (the app's View → Language), then the locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``,
    ``LANGUAGE``; else ``system``, the platform's own idea: Windows has no ``LANG``), else
    ``DEFAULT_LANGUAGE``. Anything that is not one of ours is passed over."""
    for candidate in (chosen, saved, language_from_environment(), system):
        if isinstance(candidate, str) and candidate in LANGUAGES:
            return candidate
    return DEFAULT_LANGUAGE


def language_from_environment() -> str | None:
    """The product language the system locale names (``kk_KZ.UTF-8`` → kk), if any."""
    for variable in _LOCALE_VARIABLES:
        code = os.environ.get(variable, "")[:2].lower()
        if code in LANGUAGES:
            return code
    return None


def _(message: str) -> str:
    """Translate a program message into the current language."""
    return _current.gettext(message)


def N_(message: str) -> str:
    """Mark a message for the catalogue where it is defined; show it with ``translated``."""
    return message


def translated(message: str) -> str:
    """Translate a message kept in data and marked with ``N_`` where it was defined (``_`` takes
    only literals, so the catalogue test can find every message)."""
    return _current.gettext(message)


@cache
def catalogue(lang: str, domain: str = "wrac") -> gettext.NullTranslations:
    """The compiled catalogue of ``domain`` in ``lang``, independent of the current language: a
    report or the hazard library is written in the language asked for, not the screen's."""
    from wrac_desktop.resources import resource_path

    check_language(lang)
    return gettext.translation(
        domain, localedir=str(resource_path("locale")), languages=[lang], fallback=True
    )


class Deferred(NamedTuple):
    """A message marked with ``NC_`` where it is defined: its context and its English text."""

    context: str
    message: str


def NC_(context: str, message: str) -> Deferred:
    """Mark ``message`` in ``context`` for the catalogue (pgettext); look it up when shown, with
    ``translated_in`` (one language) or ``all_languages`` (a text stored as data)."""
    return Deferred(context, message)


def translated_in(text: Deferred, lang: str | None = None) -> str:
    """``text`` in ``lang`` (a report's language, in both of a bilingual document's: "kk+ru"),
    or in the current language if None."""
    if lang is not None and (pair := pair_of(lang)) is not None:
        return Pair(translated_in(text, pair[0]), translated_in(text, pair[1]))
    source = _current if lang is None else catalogue(lang)
    return source.pgettext(text.context, text.message)


def all_languages(text: Deferred) -> LocalText:
    """``text`` in every language, one catalogue lookup each: for program texts the register
    keeps as data (a matrix preset copied into a register), so the catalogues stay the source."""
    # English first, as these texts were always stored: the JSON of a copied preset stays the same
    return {
        lang: catalogue(lang).pgettext(text.context, text.message) for lang in ("en", "ru", "kk")
    }
