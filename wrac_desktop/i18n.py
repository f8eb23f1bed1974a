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
from collections.abc import Mapping
from functools import cache
from typing import NamedTuple

LANGUAGES: tuple[str, ...] = ("kk", "ru", "en")
DEFAULT_LANGUAGE = "ru"
LocalText = Mapping[str, str]
_LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")

log = logging.getLogger(__name__)

_current: gettext.NullTranslations = gettext.NullTranslations()
_current_language = DEFAULT_LANGUAGE


def check_language(lang: str) -> str:
    """Return ``lang`` if the product supports it, else raise ValueError."""
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    return lang


def pick(text: LocalText | None, lang: str | None = None) -> str:
    """The text in ``lang``, falling back to the other languages rather than showing nothing."""
    if not text:
        return ""
    wanted = lang or _current_language
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
    """``text`` in ``lang`` (a report's language), or in the current language if None."""
    source = _current if lang is None else catalogue(lang)
    return source.pgettext(text.context, text.message)


def all_languages(text: Deferred) -> LocalText:
    """``text`` in every language, one catalogue lookup each: for program texts the register
    keeps as data (a matrix preset copied into a register), so the catalogues stay the source."""
    # English first, as these texts were always stored: the JSON of a copied preset stays the same
    return {
        lang: catalogue(lang).pgettext(text.context, text.message) for lang in ("en", "ru", "kk")
    }
