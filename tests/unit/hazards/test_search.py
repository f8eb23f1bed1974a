"""Search: any word in kk, ru or en, case-insensitive, by prefix, ranked sensibly."""

from __future__ import annotations

from dataclasses import replace

import pytest

from wrac_desktop.hazards import HazardLibrary, load_builtin_library
from wrac_desktop.hazards.search import words

LIBRARY = load_builtin_library()
TOXIC_GASES = {"toxic_gas_co", "toxic_gas_no2", "toxic_gas_h2s", "toxic_gas_so2"}


def found(query: str, **options: object) -> list[str]:
    return [entry.id for entry in LIBRARY.search(query, **options)]  # type: ignore[arg-type]


@pytest.mark.parametrize("query", ["газ", "газы", "gas", "улы газ", "Газов", "GAS"])
def test_gas_finds_the_toxic_gases_first(query: str) -> None:
    assert set(found(query)[:5]) >= TOXIC_GASES, found(query)


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("құлау", "fall_from_height"),
        ("ҚҰЛАУ", "fall_from_height"),  # upper-case Kazakh letters fold too
        ("Биіктіктен құлау", "fall_from_height"),
        ("fall", "fall_from_height"),
        ("падение высоты", "fall_from_height"),
        ("CO", "toxic_gas_co"),
        ("угарный газ", "toxic_gas_co"),
        ("иіс газы", "toxic_gas_co"),
        ("NO2", "toxic_gas_no2"),
        ("NO₂", "toxic_gas_no2"),
        ("сероводород", "toxic_gas_h2s"),
        ("H2S", "toxic_gas_h2s"),
        ("SO₂", "toxic_gas_so2"),
        ("метан", "methane_explosive_dust"),
        ("шум", "noise"),
        ("шу", "noise"),
        ("Шум", "noise"),
        ("noise", "noise"),
        ("пожар", "fire"),
        ("өрт", "fire"),
        ("силикоз", "dust_silica"),
        ("LOTO", "electrical_contact"),
        ("дуга", "arc_flash"),
        ("шина", "tyres_rims"),
        ("кене", "tick_borne_infection"),
        ("ёмкость", "confined_space"),  # ё and е are one letter for search
        ("емкость", "confined_space"),
        ("жабық кеңістік", "confined_space"),
        ("радон", "ionising_radiation"),
        ("балқыған металл", "molten_metal"),
    ],
)
def test_search_puts_the_right_entry_first(query: str, first: str) -> None:
    assert found(query)[:1] == [first], found(query)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("fall", {"fall_from_height", "rock_fall_underground", "falling_objects", "slips_trips"}),
        ("құлау", {"fall_from_height", "rock_fall_underground", "falling_objects"}),
        ("обрушение", {"rock_fall_underground", "pit_slope_failure"}),
        ("электр", {"electrical_contact", "arc_flash"}),
    ],
)
def test_search_finds_every_related_entry(query: str, expected: set[str]) -> None:
    assert expected <= set(found(query)[: len(expected) + 2]), found(query)


def test_a_name_match_outranks_a_keyword_which_outranks_the_text() -> None:
    ranked = found("конвейер")
    assert ranked[0] == "moving_machinery"  # in the name
    assert ranked.index("fire") < ranked.index("dust_silica")  # keyword before text


def test_multi_word_queries_need_every_word() -> None:
    assert found("падение с высоты")[:1] == ["fall_from_height"]
    assert found("газ шум") == []
    assert set(found("toxic gas hydrogen")) == {"toxic_gas_h2s"}


def test_nonsense_and_empty_queries_find_nothing() -> None:
    assert found("qwertyuiop") == [] and found("   ") == [] and found("…") == []


def test_limit_and_stable_order() -> None:
    assert len(found("а", limit=3)) == 3
    assert found("gas") == found("gas")
    assert found("г", lang="kk") != [] and found("г", lang="ru") != []


def test_ties_are_ordered_by_name_in_the_chosen_language() -> None:
    noise = LIBRARY.get("noise")
    first = replace(noise, id="first", name={"en": "B noise", "ru": "А шум", "kk": "Ә шу"})
    second = replace(noise, id="second", name={"en": "A noise", "ru": "Б шум", "kk": "Б шу"})
    twins = HazardLibrary([first, second])  # same text, so "dBA" scores both alike
    assert [e.id for e in twins.search("dBA", lang="en")] == ["second", "first"]
    assert [e.id for e in twins.search("dBA", lang="ru")] == ["first", "second"]
    assert [e.id for e in twins.search("dBA", lang="kk")] == ["first", "second"]  # Ә before Б


def test_search_skips_retired_entries() -> None:
    retired = replace(LIBRARY.get("noise"), retired=True)
    assert "noise" not in [e.id for e in LIBRARY.merged_with([retired]).search("шум")]


def test_words_fold_case_subscripts_and_yo() -> None:
    assert words("ҚҰЛАУ NO₂ Ёмкость") == ["құлау", "no2", "емкость"]


def test_a_library_of_custom_entries_is_searchable_too() -> None:
    custom = HazardLibrary([LIBRARY.get("noise"), LIBRARY.get("vibration")])
    assert [entry.id for entry in custom.search("діріл")][:1] == ["vibration"]
