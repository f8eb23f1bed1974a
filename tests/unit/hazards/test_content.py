"""The built-in library's content: complete, trilingual, with the controls the roadmap names."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from wrac_desktop.hazards import DATA_DIR, HazardEntry, load_builtin_library, load_entry_file
from wrac_desktop.i18n import LANGUAGES, LocalText
from wrac_desktop.text import fold
from wrac_desktop.vocabulary import ControlLevel

LIBRARY = load_builtin_library()
KAZAKH_ONLY = set("әғқңөұүһі")
ISSUE_HAZARDS = {
    "toxic_gas_co", "toxic_gas_no2", "toxic_gas_h2s", "toxic_gas_so2", "oxygen_deficiency",
    "methane_explosive_dust", "fall_from_height", "electrical_contact", "arc_flash",
    "rock_fall_underground", "pit_slope_failure", "mobile_equipment", "confined_space",
    "dust_silica", "noise", "vibration", "heat_microclimate", "chemical_reagents", "fire",
    "blasting_explosives", "moving_machinery", "lifting_cranes", "molten_metal",
    "water_mud_inrush", "tyres_rims", "ionising_radiation", "slips_trips", "manual_handling",
    "road_transport",
}  # fmt: skip
ENTRIES = pytest.mark.parametrize("entry", LIBRARY.entries, ids=lambda entry: entry.id)


def entry_texts(entry: HazardEntry) -> Iterator[LocalText]:
    """Every translated text of an entry, keywords aside."""
    yield entry.name
    yield entry.description
    yield from entry.unwanted_events
    yield from entry.causes
    yield from entry.consequences
    yield from (control.text for control in entry.controls)


def test_library_is_big_enough_and_has_every_hazard_the_issue_names() -> None:
    assert len(LIBRARY) >= 34
    assert {entry.id for entry in LIBRARY} >= ISSUE_HAZARDS


def test_every_industry_is_covered() -> None:
    for industry in ("underground", "open_pit", "concentrator", "smelter", "general"):
        covering = [entry for entry in LIBRARY.active if industry in entry.industries]
        assert len(covering) >= 5, industry


@pytest.mark.parametrize("path", sorted(DATA_DIR.glob("*.toml")), ids=lambda path: path.stem)
def test_every_file_validates_and_is_named_after_its_id(path) -> None:  # type: ignore[no-untyped-def]
    assert load_entry_file(path).id == path.stem


def test_ids_are_unique_and_match_file_names() -> None:
    stems = [path.stem for path in sorted(DATA_DIR.glob("*.toml"))]
    assert stems == [entry.id for entry in LIBRARY] and len(set(stems)) == len(stems)


@ENTRIES
def test_every_text_exists_in_three_languages(entry: HazardEntry) -> None:
    for text in entry_texts(entry):
        assert all(text.get(lang, "").strip() for lang in LANGUAGES), text
    kazakh = " ".join(text["kk"] for text in entry_texts(entry)).lower()
    assert KAZAKH_ONLY & set(kazakh), f"{entry.id}: Kazakh text without Kazakh letters"
    assert entry.name["kk"] != entry.name["ru"] != entry.name["en"]


@ENTRIES
def test_no_language_is_mixed_into_another(entry: HazardEntry) -> None:
    for text in entry_texts(entry):
        assert not re.search("[а-яё]", text["en"].lower()), text["en"]
        assert not KAZAKH_ONLY & set(text["ru"].lower()), text["ru"]
        for lang in ("ru", "kk"):  # a Latin "a" or "c" typed inside a Cyrillic word
            mixed = [w for w in re.findall(r"\w+", text[lang].lower()) if _mixed_script(w)]
            assert not mixed, (lang, mixed)


def _mixed_script(word: str) -> bool:
    return bool(re.search("[а-яёәғқңөұүһі]", word) and re.search("[a-z]", word))


@ENTRIES
def test_every_entry_gives_a_full_picture(entry: HazardEntry) -> None:
    assert min(len(entry.unwanted_events), len(entry.causes), len(entry.consequences)) >= 2
    assert 1 <= entry.suggested_severity <= 5
    assert all(keywords for keywords in entry.keywords.values())
    assert set(entry.keywords) == set(LANGUAGES)
    assert entry.industries


@ENTRIES
def test_every_hazard_has_engineering_and_administrative_controls(entry: HazardEntry) -> None:
    assert {ControlLevel.ENGINEERING, ControlLevel.ADMINISTRATIVE} <= entry.levels
    assert len(entry.levels) >= 3 and 4 <= len(entry.controls) <= 8


def test_fatal_hazards_suggest_high_severity() -> None:
    for entry_id in ("toxic_gas_co", "confined_space", "rock_fall_underground", "fire"):
        assert LIBRARY.get(entry_id).suggested_severity == 5
    assert LIBRARY.get("noise").suggested_severity <= 3


def control_texts(lang: str) -> str:
    return fold(" | ".join(c.text[lang] for entry in LIBRARY for c in entry.controls))


@pytest.mark.parametrize(
    "phrase",
    [
        "газоанализатор",
        "вентиляторы местного проветривания повышенной производительности",
        "знак «отравление»",
        "только после анализа воздуха",
        "блокировка / маркировка",
        "указателем напряжения",
        "замки и ограждения на всех электроустановках",
        "краской, подвесными знаками и сигнальными конусами",
        "геомеханический мониторинг",
        "дистанционное управление самоходными машинами в забое",
        "наряд-допуск",
        "недопуск неэлектротехнического персонала",
    ],
)
def test_roadmap_named_controls_are_there_in_russian(phrase: str) -> None:
    assert fold(phrase) in control_texts("ru")


@pytest.mark.parametrize(
    "phrase",
    [
        "газталдағыш",
        "«улану» қауіпсіздік белгісі",
        "«ауаны талдау жүргізілгеннен кейін жұмыс істе»",
        "наряд-рұқсат",
        "«бұғаттау және оқшаулау»",
        "кернеу көрсеткіш",
        "құлыптар мен қоршаулар",
        "бояумен, ілгіштермен және сигналдық конустармен",
        "геомеханикалық мониторинг",
        "өздігінен жүретін техниканы қашықтықтан басқару",
    ],
)
def test_roadmap_named_controls_use_the_roadmaps_kazakh_wording(phrase: str) -> None:
    assert fold(phrase) in control_texts("kk")


@pytest.mark.parametrize(
    ("phrase", "entry_id"),
    [
        ("lock-out / tag-out", "electrical_contact"),
        ("voltage indicator", "electrical_contact"),
        ("locks and fences on all electrical installations", "electrical_contact"),
        ('"poisoning" safety sign', "toxic_gas_co"),
        ("work only after air analysis", "toxic_gas_co"),
        ("mark danger zones with paint, hangers and signal cones", "rock_fall_underground"),
        ("geomechanical monitoring", "pit_slope_failure"),
        ("remote control of self-propelled machines at the face", "mobile_equipment"),
        ("permit-to-work", "confined_space"),
        ("gas analyser", "toxic_gas_h2s"),
    ],
)
def test_roadmap_controls_sit_on_the_right_hazard(phrase: str, entry_id: str) -> None:
    controls = fold(" | ".join(c.text["en"] for c in LIBRARY.get(entry_id).controls))
    assert fold(phrase) in controls


def test_roadmap_measures_that_name_controls_are_referenced() -> None:
    referenced = {number for entry in LIBRARY for number in entry.roadmap}
    assert {3, 6, 7, 11, 13, 15, 16, 17, 19, 20, 26, 30} <= referenced
