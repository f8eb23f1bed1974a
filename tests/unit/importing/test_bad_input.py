"""Every bad input of issue 6: a clear message naming file, sheet, row, column; nothing written."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from tests.conftest import Sample
from tests.unit.importing.content import content
from tests.unit.importing.worksheets import EN_HEADER, english_worksheet, write_csv, write_xlsx
from wrac_desktop.i18n import pick
from wrac_desktop.importing import reading
from wrac_desktop.importing.plan import ImportPlan
from wrac_desktop.importing.reading import ImportFileError
from wrac_desktop.importing.rows import CHUNK_HAZARDS
from wrac_desktop.importing.values import MAX_CELL_CHARS
from wrac_desktop.register import Register
from wrac_desktop.risk.preset_texts import MEDIUM
from wrac_desktop.services.importing import import_worksheet

Registered = tuple[Register, Sample]
HEADER = ("Workplace", "Hazard", "Unwanted event", "Likelihood", "Consequence", "Measure")


def refused(register: Register, path: Path, *fragments: str) -> None:
    """The import fails with a message holding every fragment, and nothing changes."""
    before = content(register)
    with pytest.raises(ImportFileError) as raised:
        import_worksheet(register, path)
    for fragment in (str(path), *fragments):
        assert fragment in raised.value.message
    assert content(register) == before


def test_empty_file(sample_register: Registered, tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    refused(sample_register[0], path, "empty")


def test_file_with_only_empty_rows(sample_register: Registered, tmp_path: Path) -> None:
    path = tmp_path / "blank.xlsx"
    write_xlsx(path, [], title="Пусто")
    refused(sample_register[0], path, "Пусто", "empty")


def test_corrupt_xlsx(sample_register: Registered, tmp_path: Path) -> None:
    good = english_worksheet(tmp_path / "good.xlsx").read_bytes()
    path = tmp_path / "broken.xlsx"
    path.write_bytes(good[: len(good) // 2])  # cut short, as by a failed download
    refused(sample_register[0], path, "damaged")


def test_zip_that_is_no_workbook(sample_register: Registered, tmp_path: Path) -> None:
    path = tmp_path / "photos.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("photo.txt", "not a workbook")
    refused(sample_register[0], path, "damaged")


def test_password_protected_xlsx(sample_register: Registered, tmp_path: Path) -> None:
    path = tmp_path / "secret.xlsx"
    # Excel encrypts a protected workbook into an OLE2 compound file: this is its signature.
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)
    refused(sample_register[0], path, "password-protected")


def test_file_that_is_not_a_spreadsheet(sample_register: Registered, tmp_path: Path) -> None:
    path = tmp_path / "picture.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    refused(sample_register[0], path, "not a spreadsheet")


def test_no_recognisable_header(sample_register: Registered, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "shopping.csv", [("Item", "Price"), ("Bread", 200)])
    refused(sample_register[0], path, "no recognisable header", "30")


def test_missing_sheet_lists_the_sheets(sample_register: Registered, tmp_path: Path) -> None:
    register, _ids = sample_register
    path = english_worksheet(tmp_path / "en.xlsx")
    with pytest.raises(ImportFileError, match="WRAC"):
        import_worksheet(register, path, sheet="Реестр")


def test_too_many_rows_are_refused(
    sample_register: Registered, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Met after the first chunks were written (the sheet streams): they are rolled back."""
    most = 2 * CHUNK_HAZARDS  # MAX_ROWS itself (200,000 rows) would take minutes to write
    monkeypatch.setattr(reading, "MAX_ROWS", most)
    rows = [HEADER] + [("Driller", f"Hazard {n}", "", 1, 1, "") for n in range(most + 100)]
    path = write_csv(tmp_path / "huge.csv", rows)
    refused(sample_register[0], path, f"{most:,}", "split")


def plan_rows(register: Register, tmp_path: Path, *rows: tuple[object, ...]) -> ImportPlan:
    path = write_xlsx(tmp_path / "rows.xlsx", [HEADER, *rows], title="Лист1")
    return import_worksheet(register, path)


def test_a_100000_character_cell_skips_its_row(sample_register: Registered, tmp_path: Path) -> None:
    register, _ids = sample_register
    rows = [HEADER, ("Driller", "x" * 100_000, "", 1, 1, ""), ("Driller", "Noise", "", 2, 2, "")]
    plan = import_worksheet(register, write_csv(tmp_path / "long.csv", rows))
    assert plan.rows_skipped == 1 and plan.outcome.hazards == 1
    warning = plan.warnings[0]
    assert (warning.row, warning.column, warning.skipped) == (2, "B", True)
    assert f"{MAX_CELL_CHARS:,}" in warning.message and "100,000" in warning.message


def test_likelihood_off_the_matrix(sample_register: Registered, tmp_path: Path) -> None:
    register, _ids = sample_register
    plan = plan_rows(register, tmp_path, ("Driller", "Noise", "", 7, 2, ""))
    assert plan.outcome.hazards == 0 and plan.rows_skipped == 1
    warning = plan.warnings[0]
    assert (warning.sheet, warning.row, warning.column) == ("Лист1", 2, "D")
    assert "7" in warning.message and "1, 2, 3, 4, 5" in warning.message
    assert str(warning).startswith("Лист1, row 2, column D: ")


def test_formulas_and_error_values(sample_register: Registered, tmp_path: Path) -> None:
    register, _ids = sample_register
    plan = plan_rows(
        register, tmp_path, ("Driller", "Noise", "#DIV/0!", "=1/0", 2, ""),
        ("Driller", "Dust", "Silicosis", 3, "#N/A", ""),
    )  # fmt: skip
    messages = {(w.row, w.column): w.message for w in plan.warnings}
    assert "#DIV/0!" in messages[(2, "C")]
    assert "formula =1/0" in messages[(2, "D")]
    assert "#N/A" in messages[(3, "E")]
    assert plan.outcome.hazards == 2  # imported, without the values that were not there


def test_numbers_where_text_is_expected_and_the_reverse(
    sample_register: Registered, tmp_path: Path
) -> None:
    register, _ids = sample_register
    plan = plan_rows(
        register, tmp_path, ("Driller", 1.1, "", 2, 2, ""), ("Driller", "Noise", "", "often", 2, "")
    )
    number_note, word_error = plan.warnings[:2]
    assert (number_note.row, number_note.column, number_note.skipped) == (2, "B", False)
    assert "“1.1”" in number_note.message  # not 1.1000000000000001, not 1,1
    assert (word_error.row, word_error.column, word_error.skipped) == (3, "D", True)
    assert "“often”" in word_error.message
    assert plan.outcome.hazards == 1


def test_duplicate_rows_within_the_file(sample_register: Registered, tmp_path: Path) -> None:
    register, _ids = sample_register
    row = ("Driller", "Noise", "Hearing loss", 2, 2, "Ear muffs")
    plan = plan_rows(register, tmp_path, row, ("Driller", "Dust", "", 1, 1, ""), row)
    assert plan.outcome.hazards == 2 and plan.outcome.measures == 1
    duplicate = [w for w in plan.warnings if w.skipped]
    assert len(duplicate) == 1 and duplicate[0].row == 4 and "row 2" in duplicate[0].message


def test_results_in_the_file_are_recomputed_and_disagreement_reported(
    sample_register: Registered, tmp_path: Path
) -> None:
    register, _ids = sample_register
    rows = [(*EN_HEADER[:9], "Risk level"),
            (1, "Mine", "Driller", "Noise", "Hearing loss", "", 3, 2, 6, "Низкий")]  # fmt: skip
    plan = import_worksheet(register, write_csv(tmp_path / "r.csv", rows))
    messages = {w.column: w.message for w in plan.warnings}
    assert "6" in messages["I"] and "8" in messages["I"]  # the WRAC matrix gives 8 for 3 × 2
    assert "Низкий" in messages["J"] and pick(MEDIUM) in messages["J"]
    assert plan.outcome.hazards == 1
