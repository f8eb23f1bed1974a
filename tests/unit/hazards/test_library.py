"""The library object: lookup, merging a register's own entries, JSON export."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from wrac_desktop.errors import DataFileError
from wrac_desktop.hazards import DATA_DIR, HazardLibrary, load_builtin_library, load_library_dir
from wrac_desktop.i18n import LANGUAGES
from wrac_desktop.vocabulary import ControlLevel

LIBRARY = load_builtin_library()


def test_builtin_library_is_loaded_once() -> None:
    assert load_builtin_library() is LIBRARY


def test_get_len_iter_and_contains() -> None:
    assert LIBRARY.get("noise").name["ru"] == "Шум"
    with pytest.raises(KeyError):
        LIBRARY.get("no_such_hazard")
    assert len(LIBRARY) == len(list(LIBRARY)) == len(LIBRARY.entries)
    assert "noise" in LIBRARY and "no_such_hazard" not in LIBRARY


def test_a_folder_loads_into_the_same_library() -> None:
    assert load_library_dir(DATA_DIR).entries == LIBRARY.entries
    assert load_library_dir(str(DATA_DIR)).entries == LIBRARY.entries


def test_register_entries_override_built_ins_with_the_same_id() -> None:
    edited = replace(LIBRARY.get("noise"), suggested_severity=4)
    custom = replace(LIBRARY.get("noise"), id="crusher_noise")
    merged = LIBRARY.merged_with([edited, custom])
    assert merged.get("noise").suggested_severity == 4
    assert len(merged) == len(LIBRARY) + 1 and "crusher_noise" in merged
    assert LIBRARY.get("noise").suggested_severity == 3  # the built-in library is untouched


def test_two_entries_with_one_id_are_refused() -> None:
    with pytest.raises(DataFileError, match="entry 'noise' appears twice"):
        HazardLibrary([LIBRARY.get("noise"), LIBRARY.get("noise")])


def test_json_export_carries_every_language_sorted_by_id() -> None:
    text = LIBRARY.to_json()
    data = json.loads(text)
    assert [item["id"] for item in data] == sorted(entry.id for entry in LIBRARY)
    assert data[0]["name"].keys() == set(LANGUAGES)
    assert "Шу" in text and "\\u" not in text  # ensure_ascii=False
    assert text.startswith("[\n  {")  # indent 2
    assert {c["level"] for item in data for c in item["controls"]} == set(ControlLevel)


def test_entry_helpers() -> None:
    noise = LIBRARY.get("noise")
    assert ControlLevel.PPE in noise.levels
    assert "concentrator" in noise.industries
    assert "underground" not in LIBRARY.get("molten_metal").industries
