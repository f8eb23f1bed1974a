"""A register's texts in Kazakh, Russian and English: which language a text is written in, and
the text to print in a given language (with its fallback when a translation is missing).

Records keep one text per field, as it was typed or picked (the ``source``); a revision's
translation rows (``persistence.models.TextTranslation``) give each distinct source its kk, ru
and en values. Keyed by text rather than by record and field, the 10,000-hazard demo holds its
three languages in about 400 rows instead of 300,000 copies (the file would have doubled);
the same text in two hazards is translated once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

TEXT_LANGUAGES = ("kk", "ru", "en")
# Letters only Kazakh among the three uses (lower case; text is case-folded before the test).
KAZAKH_LETTERS = frozenset("әғқңөұүһі")
# A missing text in the first language is printed in the next one that has it.
FALLBACKS: dict[str, tuple[str, ...]] = {"kk": ("ru", "en"), "ru": ("kk", "en"), "en": ("ru", "kk")}


def detect_language(text: str) -> str | None:
    """kk if the text has a letter only Kazakh uses, ru for other Cyrillic, en for Latin;
    None for a text with no letters (a number, a code) or in another script."""
    folded = text.casefold()
    if any(char in KAZAKH_LETTERS for char in folded):
        return "kk"
    if any("а" <= char <= "я" or char == "ё" for char in folded):
        return "ru"
    if any("a" <= char <= "z" for char in folded):
        return "en"
    return None


def stored_text(values: Mapping[str, str], lang: str) -> tuple[str, str | None]:
    """What a record stores for a text known in several languages (a library entry's, a demo
    text's) when it is picked in ``lang``: that language's value and ``lang``, or, when it has
    none, the first fallback that has one and its language; ("", None) for no text at all."""
    for candidate in (lang, *FALLBACKS[lang]):
        value = values.get(candidate, "").strip()
        if value:
            return value, candidate
    return "", None


def joined(parts: Iterable[Mapping[str, str]], separator: str = "; ") -> dict[str, str]:
    """Texts known in several languages joined in each language (a library entry's causes);
    a language any part lacks is left out, rather than mixing languages in one text."""
    parts = list(parts)
    return {
        lang: separator.join(part[lang] for part in parts)
        for lang in TEXT_LANGUAGES
        if parts and all(part.get(lang) for part in parts)
    }


@dataclass(frozen=True)
class TextSet:
    """One source text's values: ``lang`` is the language the source is written in."""

    source: str
    lang: str | None
    values: Mapping[str, str]  # language → text; a missing or empty one is untranslated
    unchecked: frozenset[str] = frozenset()  # languages to check after the source changed

    def value(self, lang: str) -> str:
        if lang == self.lang:
            return self.source
        return self.values.get(lang, "")

    def missing(self) -> tuple[str, ...]:
        return tuple(lang for lang in TEXT_LANGUAGES if not self.value(lang))


def text_set(source: str, row: Mapping[str, str] | None = None) -> TextSet:
    """The text set of ``source`` from its translation row (kk, ru, en, lang, unchecked), or,
    for a text no row names, the source alone in the language detected from its letters."""
    if row is None:
        return TextSet(source, detect_language(source), {})
    values = {lang: row[lang] for lang in TEXT_LANGUAGES if row.get(lang)}
    unchecked = frozenset(row.get("unchecked", "").split())
    return TextSet(source, row.get("lang") or detect_language(source), values, unchecked)


class Printed(NamedTuple):
    text: str
    lang: str | None  # the language actually printed
    fallback: bool  # printed in another language than asked for


@dataclass
class Translations:
    """A revision's translations by source text, and the count of texts a report printed in
    another language than the one asked for (the note at the end of a document)."""

    rows: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    fallbacks: Counter[str] = field(default_factory=Counter)  # asked-for language → count
    _seen: set[tuple[str, str]] = field(default_factory=set)

    def of(self, source: str) -> TextSet:
        return text_set(source, self.rows.get(source))

    def printed(self, source: str, lang: str) -> Printed:
        """``source`` in ``lang``; else in its fallback language, counted once per text."""
        if not source:
            return Printed("", None, False)
        texts = self.of(source)
        value = texts.value(lang)
        if value or texts.lang is None:
            return Printed(value or source, lang, False)
        for other in FALLBACKS[lang]:
            value = texts.value(other)
            if value:
                self._count(source, lang)
                return Printed(value, other, True)
        self._count(source, lang)
        return Printed(source, texts.lang, True)

    def text(self, source: str, lang: str) -> str:
        """``source`` in ``lang``, a fallback marked with its language: "[ru] Шум"."""
        printed = self.printed(source, lang)
        if printed.fallback and printed.lang:
            return f"[{printed.lang}] {printed.text}"
        return printed.text

    def _count(self, source: str, lang: str) -> None:
        if (source, lang) not in self._seen:
            self._seen.add((source, lang))
            self.fallbacks[lang] += 1


def missing_counts(sources: Iterable[str], rows: Mapping[str, Mapping[str, str]]) -> Counter[str]:
    """How many distinct non-empty texts lack each language."""
    counts: Counter[str] = Counter()
    for source in set(sources):
        if source:
            counts.update(text_set(source, rows.get(source)).missing())
    return counts
