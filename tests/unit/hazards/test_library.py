"""The built-in hazard library: complete, trilingual, with the controls the roadmap names."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from wrac_desktop.errors import DataFileError
from wrac_desktop.hazards import load_builtin_library, load_entry_file, load_library_dir
from wrac_desktop.hazards.library import DATA_DIR
from wrac_desktop.hazards.reference import load_air_limits
from wrac_desktop.i18n import LANGUAGES
from wrac_desktop.resources import package_path
from wrac_desktop.text import fold
from wrac_desktop.vocabulary import ControlLevel

LIBRARY = load_builtin_library()
KAZAKH_ONLY = set("әғқңөұүһі")

REQUIRED_IDS = {
    "toxic_gas_co", "toxic_gas_no2", "toxic_gas_h2s", "toxic_gas_so2", "oxygen_deficiency",
    "methane_explosive_dust", "fall_from_height", "electrical_contact", "arc_flash",
    "rock_fall_underground", "pit_slope_failure", "mobile_equipment", "confined_space",
    "dust_silica", "noise", "vibration", "heat_microclimate", "chemical_reagents", "fire",
    "blasting_explosives", "moving_machinery", "lifting_cranes", "molten_metal",
    "water_mud_inrush", "tyres_rims", "ionising_radiation", "slips_trips", "manual_handling",
    "road_transport",
}  # fmt: skip


def test_library_is_big_enough_and_has_every_named_hazard() -> None:
    assert len(LIBRARY) >= 30
    assert {entry.id for entry in LIBRARY} >= REQUIRED_IDS


def test_ids_are_unique_and_match_file_names() -> None:
    files = sorted(DATA_DIR.glob("*.toml"))
    assert [path.stem for path in files] == [entry.id for entry in LIBRARY]


@pytest.mark.parametrize("entry", LIBRARY.entries, ids=lambda e: e.id)
def test_every_text_exists_in_three_languages(entry) -> None:  # type: ignore[no-untyped-def]
    texts = [
        entry.name,
        entry.description,
        *entry.unwanted_events,
        *entry.causes,
        *entry.consequences,
        *(control.text for control in entry.controls),
    ]
    for text in texts:
        assert {lang for lang in LANGUAGES if text.get(lang, "").strip()} == set(LANGUAGES)
    kazakh = " ".join(text["kk"] for text in texts)
    assert KAZAKH_ONLY & set(kazakh.lower()), f"{entry.id}: Kazakh text without Kazakh letters"
    assert entry.name["kk"] != entry.name["ru"] or entry.id == "noise"


@pytest.mark.parametrize("entry", LIBRARY.entries, ids=lambda e: e.id)
def test_every_hazard_has_engineering_and_administrative_controls(entry) -> None:  # type: ignore[no-untyped-def]
    levels = {control.level for control in entry.controls}
    assert ControlLevel.ENGINEERING in levels and ControlLevel.ADMINISTRATIVE in levels
    assert len(levels) >= 2 and 1 <= entry.suggested_severity <= 5


def all_control_texts(lang: str) -> str:
    return fold(" | ".join(c.text[lang] for e in LIBRARY for c in e.controls))


@pytest.mark.parametrize(
    "phrase",
    [
        "газоанализатор",
        "вентилятор",
        "знак «отравление»",
        "только после анализа воздуха",
        "блокировка / маркировка",
        "указател",
        "замки и ограждения на всех электроустановках",
        "сигнальными конусами",
        "геомеханический мониторинг",
        "дистанционное управление самоходными",
        "наряд-допуск",
    ],
)
def test_roadmap_named_controls_are_there(phrase: str) -> None:
    assert fold(phrase) in all_control_texts("ru")


def test_roadmap_controls_exist_in_kazakh_too() -> None:
    kazakh = all_control_texts("kk")
    for phrase in (
        "газ талдағыш",
        "«улану» белгісі",
        "наряд-рұқсат",
        "кернеу көрсеткіш",
        "геомеханикалық мониторинг",
        "қашықтан басқару",
    ):
        assert fold(phrase) in kazakh, phrase


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("газ", {"toxic_gas_co", "toxic_gas_h2s", "methane_explosive_dust"}),
        ("газы", {"toxic_gas_co", "toxic_gas_no2", "toxic_gas_so2"}),
        ("gas", {"toxic_gas_co", "toxic_gas_h2s", "toxic_gas_no2"}),
        ("құлау", {"fall_from_height"}),
        ("ҚҰЛАУ", {"fall_from_height"}),
        ("fall", {"fall_from_height", "rock_fall_underground"}),
        ("метан", {"methane_explosive_dust"}),
        ("шум", {"noise"}),
        ("CO", {"toxic_gas_co"}),
        ("угарный газ", {"toxic_gas_co"}),
        ("сероводород", {"toxic_gas_h2s"}),
    ],
)
def test_search_finds_the_right_entries_first(query: str, expected: set[str]) -> None:
    found = [entry.id for entry in LIBRARY.search(query)]
    assert expected <= set(found[: len(expected) + 3]), found


def test_search_ands_words_and_ignores_nonsense() -> None:
    assert [e.id for e in LIBRARY.search("падение высоты")][:1] == ["fall_from_height"]
    assert LIBRARY.search("qwertyuiop") == [] and LIBRARY.search("  ") == []


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / f"{name}.toml"
    path.write_text(text, encoding="utf-8")
    return path


def good_entry_text() -> str:
    return (DATA_DIR / "noise.toml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda t: t.replace("suggested_severity = 3", "suggested_severity = 9"),
            "field 'suggested_severity'",
        ),
        (
            lambda t: t.replace('level = "substitution"', 'level = "prayer"'),
            "field 'controls[0].level'",
        ),
        (lambda t: t.replace('kk = "Шу"\n', ""), "field 'name.kk' is missing"),
        (
            lambda t: t.replace('gost_group = "physical"', 'gost_group = "cosmic"'),
            "field 'gost_group'",
        ),
        (lambda t: t.replace("[name]", "[name\n"), "not valid TOML"),
        (lambda t: "sevrity = 3\n" + t, "field 'sevrity' is not a known field"),
        (lambda t: t + '\ncomment = "x"\n', "field 'controls[3].comment' is not a known"),
    ],
)
def test_invalid_files_name_file_entry_and_field(tmp_path: Path, change, message: str) -> None:  # type: ignore[no-untyped-def]
    path = write(tmp_path, "noise", change(good_entry_text()))
    with pytest.raises(DataFileError) as error:
        load_entry_file(path)
    assert str(path) in error.value.message and message in error.value.message
    if "TOML" not in message:
        assert "entry 'noise'" in error.value.message


def test_entry_must_live_in_a_file_of_its_name(tmp_path: Path) -> None:
    write(tmp_path, "loud", good_entry_text())
    with pytest.raises(DataFileError, match="must match the file name"):
        load_library_dir(tmp_path)


def test_json_export_carries_every_language() -> None:
    import json

    data = json.loads(LIBRARY.to_json())
    assert len(data) == len(LIBRARY)
    assert data[0]["name"].keys() == {"kk", "ru", "en"}
    assert {c["level"] for item in data for c in item["controls"]} == {
        level.value for level in ControlLevel
    }


def test_glossary_terms_have_three_languages_and_review_flags() -> None:
    glossary = tomllib.loads(package_path("hazards", "glossary.toml").read_text(encoding="utf-8"))
    terms = glossary["term"]
    assert len(terms) >= 30
    for term in terms:
        assert all(term[lang].strip() for lang in LANGUAGES) and isinstance(term["review"], bool)
    flagged = {term["en"] for term in terms if term["review"]}
    assert {"Unwanted event", "Residual risk", "Near miss"} <= flagged
    assert "Risk register" not in flagged


def test_air_limits_are_data_with_a_source() -> None:
    limits = load_air_limits()
    assert limits.get("o2").percent == 20 and limits.get("o2").kind == "minimum"
    assert limits.get("co").mg_m3 == 20 and limits.get("co").percent == 0.0017
    assert {"h2s", "so2", "no2"} <= {limit.key for limit in limits.limits}
    assert all(limits.source[lang] for lang in LANGUAGES)
