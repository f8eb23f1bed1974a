"""i18n.catalogue: a language's messages whatever the screen's language is."""

import pytest

from wrac_desktop import i18n


def test_catalogue_translates_in_the_language_asked_not_the_current_one() -> None:
    i18n.set_language("en")
    try:
        assert i18n.catalogue("ru").gettext("Cancel") != "Cancel"
        assert i18n.catalogue("en").gettext("Cancel") == "Cancel"
    finally:
        i18n.set_language(i18n.DEFAULT_LANGUAGE)


def test_catalogue_refuses_an_unknown_language() -> None:
    with pytest.raises(ValueError, match="unsupported language"):
        i18n.catalogue("de")


def test_a_context_keeps_two_translations_of_one_english_word_apart() -> None:
    register, plan = i18n.NC_("report", "Deadline"), i18n.NC_("plan", "Deadline")
    assert (i18n.translated_in(register, "ru"), i18n.translated_in(plan, "ru")) == (
        "Срок",
        "Срок исполнения",
    )
    i18n.set_language("kk")
    try:
        assert i18n.translated_in(plan) == "Орындау мерзімі"  # no language: the screen's
        assert i18n.translated_in(plan, "en") == "Deadline"
    finally:
        i18n.set_language(i18n.DEFAULT_LANGUAGE)


def test_all_languages_builds_a_stored_text_from_the_catalogues() -> None:
    assert i18n.all_languages(i18n.NC_("risk class", "Medium")) == {
        "en": "Medium",
        "ru": "Средний",
        "kk": "Орташа",
    }
    unknown = i18n.NC_("risk class", "not in any catalogue")
    assert i18n.all_languages(unknown) == dict.fromkeys(("en", "ru", "kk"), unknown.message)
