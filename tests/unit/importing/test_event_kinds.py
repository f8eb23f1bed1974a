"""An accident journal's "kind" column is read back as the kind the app itself names it."""

from __future__ import annotations

import pytest

from wrac_desktop.importing.event_journal import kind_of
from wrac_desktop.vocabulary import EventKind


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
@pytest.mark.parametrize("kind", list(EventKind))
def test_every_kind_s_own_name_reads_as_that_kind(kind: EventKind, lang: str) -> None:
    """A journal exported (`wrac events -o`) or typed in the app's own words comes back as the
    same kinds: the reader's words must follow every renaming of a kind."""
    assert kind_of(kind.label(lang)) is kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Салдарсыз оқиға", EventKind.NEAR_MISS),  # domain.md §9
        ("происшествие без последствий (Near Miss)", EventKind.NEAR_MISS),
        ("Потенциально опасное происшествие", EventKind.NEAR_MISS),  # older journals
        ("Қауіпті жұмыс жағдайы", EventKind.UNSAFE_CONDITION),
    ],
)
def test_the_words_journals_use_for_near_misses(text: str, kind: EventKind) -> None:
    assert kind_of(text) is kind
