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
