"""Which language a text is written in, and what a report prints when a translation is missing."""

from __future__ import annotations

import pytest

from wrac_desktop.languages import Translations, detect_language, missing_counts


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Улы газдар", "ru"),  # Kazakh without a letter only Kazakh uses: read as Russian
        ("ҰҢҒЫМА", "kk"),
        ("Шум и вибрация", "ru"),
        ("Ёмкость", "ru"),
        ("Noise", "en"),
        ("Шу (noise)", "ru"),
        ("Өнеркәсіп and English", "kk"),
        ("12-45", None),
        ("", None),
    ],
)
def test_language_is_told_by_letters(text: str, lang: str | None) -> None:
    assert detect_language(text) == lang


def test_missing_text_falls_back_marked_and_counted_once() -> None:
    rows = {"Шум": {"lang": "ru", "kk": "Шу", "ru": "Шум", "en": ""}}
    translations = Translations(rows)
    assert translations.text("Шум", "kk") == "Шу"
    assert translations.text("Вибрация", "kk") == "[ru] Вибрация"
    assert translations.text("Вибрация", "kk") == "[ru] Вибрация"
    assert translations.text("Шум", "en") == "[ru] Шум"
    assert translations.text("Noise", "en") == "Noise"
    assert translations.text("12", "kk") == "12"  # no letters: nothing to translate
    assert dict(translations.fallbacks) == {"kk": 1, "en": 1}


def test_fallback_prefers_kazakh_for_russian_and_russian_for_kazakh() -> None:
    rows = {"Noise": {"lang": "en", "kk": "Шу", "ru": "", "en": "Noise"}}
    translations = Translations(rows)
    assert translations.printed("Noise", "ru") == ("Шу", "kk", True)
    assert translations.printed("Noise", "kk") == ("Шу", "kk", False)


def test_missing_counts_per_language() -> None:
    rows = {"Шум": {"lang": "ru", "kk": "Шу", "ru": "Шум", "en": ""}}
    counts = missing_counts(["Шум", "Шум", "Noise", ""], rows)
    assert counts == {"en": 1, "kk": 1, "ru": 1}
