"""Cell values: matrix levels from numbers, codes, words and letters; dates; texts."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from wrac_desktop.importing.values import (
    CellError,
    as_band,
    as_control_level,
    as_due,
    as_level,
    as_text,
)
from wrac_desktop.risk.presets import preset
from wrac_desktop.vocabulary import ControlLevel

WRAC = preset("wrac_5x5")
KINNEY = preset("fine_kinney")


@pytest.mark.parametrize(
    ("value", "level"),
    [(4, 4), (4.0, 4), ("4", 4), (" 4 – Likely", 4), ("Likely", 4), ("вероятно", 4),
     ("Ықтимал", 4), ("A", 5), ("b", 4), ("E", 1), ("Rare", 1)],
)  # fmt: skip
def test_likelihood_from_numbers_codes_words_and_letters(value: object, level: float) -> None:
    assert as_level(value, WRAC.likelihood) == level


@pytest.mark.parametrize("value", [7, 0, "often", "F", 2.5, "seven"])
def test_values_off_the_matrix_are_refused_with_the_allowed_ones(value: object) -> None:
    with pytest.raises(CellError, match="1, 2, 3, 4, 5"):
        as_level(value, WRAC.likelihood)


def test_fine_kinney_decimal_levels() -> None:
    assert as_level("0,5", KINNEY.likelihood) == 0.5
    assert as_level(0.1, KINNEY.likelihood) == 0.1


def test_classes_by_key_or_name_in_any_language() -> None:
    assert as_band("Significant", WRAC) == "significant"
    assert as_band("высокий", WRAC) == "high"
    assert as_band("purple", WRAC) is None


@pytest.mark.parametrize(
    ("value", "text", "deadline"),
    [
        ("2026-03-31", "2026-03-31", date(2026, 3, 31)),
        ("31.12.2025", "31.12.2025", date(2025, 12, 31)),
        ("до 31.12.2025", "до 31.12.2025", date(2025, 12, 31)),
        ("IV квартал 2025 г.", "IV квартал 2025 г.", date(2025, 12, 31)),
        ("үнемі", "үнемі", None),
        (46022, "31.12.2025", date(2025, 12, 31)),  # an Excel serial
        (datetime(2025, 6, 1, 0, 0), "01.06.2025", date(2025, 6, 1)),
        (7, "7", None),  # too small to be a date serial: kept as written
    ],
)
def test_due_dates_kept_verbatim_with_their_deadline(
    value: object, text: str, deadline: date | None
) -> None:
    assert as_due(value) == (text, deadline)


def test_numbers_in_text_fields_are_written_as_people_write_them() -> None:
    assert as_text(1.1)[0] == "1.1" and as_text(12.0)[0] == "12"
    assert as_text("  Шум ")[0] == "Шум" and as_text(None) == ("", None)


def test_hierarchy_levels_in_three_languages() -> None:
    assert as_control_level("Инженерные меры") == ControlLevel.ENGINEERING
    assert as_control_level("ЖҚҚ") == ControlLevel.PPE
    assert as_control_level("Elimination") == ControlLevel.ELIMINATION
    assert as_control_level("something") is None


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_the_products_own_level_names_read_back(lang: str) -> None:
    # a register exported in any language imports again: its names come from the catalogues
    assert [as_control_level(level.label(lang)) for level in ControlLevel] == list(ControlLevel)
