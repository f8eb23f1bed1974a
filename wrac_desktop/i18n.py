"""Languages: the product speaks Kazakh, Russian and English.

``LocalText`` holds a text in several languages (data such as hazard names and matrix labels);
``pick`` chooses one. ``_`` translates program messages through gettext catalogues.
"""

from __future__ import annotations

import gettext
from collections.abc import Mapping

LANGUAGES: tuple[str, ...] = ("kk", "ru", "en")
DEFAULT_LANGUAGE = "ru"
LocalText = Mapping[str, str]

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


def _(message: str) -> str:
    """Translate a program message into the current language."""
    return _current.gettext(message)
