"""The translator's round trip through Excel (issue 16 item 6): export every text with its kk,
ru and en values, fill the file, import it back; all or nothing, only what differs, audited,
refused in an approved revision, the fingerprint unchanged by importing the same file twice."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import select

from tests.conftest import Sample
from wrac_desktop.errors import UserError
from wrac_desktop.importing.file_errors import ImportFileError
from wrac_desktop.persistence.models import Assessment, AuditEntry, Hazard
from wrac_desktop.register import Register
from wrac_desktop.services import approval
from wrac_desktop.services import translations as texts
from wrac_desktop.services.fingerprints import fingerprint
from wrac_desktop.services.translation_files import export_translations, import_translations

EVENT = "Жарылыстан кейінгі газбен улану"  # the sample hazard's unwanted event (Kazakh)
FORMULA = '=HYPERLINK("http://example.org")'


def exported(register: Register, path: Path) -> dict[str, int]:
    """Export, and return each text's row number by its register text."""
    export_translations(register, path)
    sheet = openpyxl.load_workbook(path).worksheets[0]
    rows = {}
    for number, row in enumerate(sheet.iter_rows(min_row=2, values_only=True), start=2):
        lang = row[2]
        rows[row[3 + ("kk", "ru", "en").index(lang)]] = number
    return rows


def edited(path: Path, target: Path, cells: dict[str, Any]) -> Path:
    book = openpyxl.load_workbook(path)
    for ref, value in cells.items():
        book.worksheets[0][ref] = value
    book.save(target)
    return target


def texts_of(register: Register, ids: Sample, source: str) -> tuple[str, str, str, frozenset[str]]:
    with register.uow.reading() as session:
        found = texts.translations_of(session, ids.assessment_id).of(source)
    return found.value("kk"), found.value("ru"), found.value("en"), found.unchecked


def print_of(register: Register, ids: Sample) -> str:
    with register.uow.reading() as session:
        return fingerprint(session, session.get_one(Assessment, ids.assessment_id))


def test_the_file_has_a_row_per_text_with_every_language_and_where_it_is_used(
    sample_register: tuple[Register, Sample], tmp_path: Path
) -> None:
    register, ids = sample_register
    rows = exported(register, tmp_path / "t.xlsx")
    book = openpyxl.load_workbook(tmp_path / "t.xlsx")
    sheet = book.worksheets[0]
    assert [cell.value for cell in sheet[1]] == [
        "Text ID", "Used in", "Written in", "Kazakh (kk)", "Russian (ru)", "English (en)",
        "Needs checking",
    ]  # fmt: skip
    row = rows[EVENT]
    assert sheet[f"B{row}"].value == f"hazard {ids.hazard_id}: Unwanted event"
    assert sheet[f"C{row}"].value == "kk"
    assert (sheet[f"E{row}"].value, sheet[f"F{row}"].value) == (None, None)
    assert sheet[f"E{row}"].fill.fgColor.rgb.endswith("FFF4C2")  # yellow: to fill
    assert "Улы газдар (CO, NO₂)" in rows and "Үңгілеуші" in rows and "ТОО «Қазақ Кен»" in rows
    assert book.sheetnames == ["Translations", "About this file"]


def test_a_filled_file_translates_only_what_differs_and_twice_changes_nothing(
    sample_register: tuple[Register, Sample], tmp_path: Path
) -> None:
    register, ids = sample_register
    rows = exported(register, tmp_path / "t.xlsx")
    before = print_of(register, ids)
    row = rows[EVENT]
    filled = edited(tmp_path / "t.xlsx", tmp_path / "filled.xlsx", {
        f"E{row}": "Отравление газами после взрыва", f"F{row}": "Gas poisoning after blasting",
    })  # fmt: skip
    summary = import_translations(register, filled)
    assert (summary.changed, dict(summary.translated)) == (1, {"ru": 1, "en": 1})
    assert texts_of(register, ids, EVENT) == (
        EVENT,
        "Отравление газами после взрыва",
        "Gas poisoning after blasting",
        frozenset(),
    )
    translated = print_of(register, ids)
    assert translated != before  # the fingerprint covers every language
    again = import_translations(register, filled)
    assert again.changed == 0 and print_of(register, ids) == translated
    with register.uow.reading() as session:
        logged = session.scalars(select(AuditEntry).where(
            AuditEntry.summary.like("translations imported from filled.xlsx%")
        )).all()  # fmt: skip
    assert sorted((entry.action, entry.entity) for entry in logged) == [
        ("import", ""), ("insert", "text_translation"),
    ]  # fmt: skip


def test_an_unchanged_export_imports_as_no_change(
    sample_register: tuple[Register, Sample], tmp_path: Path
) -> None:
    register, ids = sample_register
    exported(register, tmp_path / "t.xlsx")
    before = print_of(register, ids)
    assert import_translations(register, tmp_path / "t.xlsx").changed == 0
    assert print_of(register, ids) == before


def test_a_text_to_check_is_shown_and_confirmed_by_clearing_its_mark(
    sample_register: tuple[Register, Sample], tmp_path: Path
) -> None:
    register, ids = sample_register
    new = "Жарылыстан кейін газбен улану"
    with register.uow.transaction() as session:
        assessment = session.get_one(Assessment, ids.assessment_id)
        texts.translate(session, assessment, EVENT, "ru", "Отравление газами")
        session.get_one(Hazard, ids.hazard_id).unwanted_event = new
        texts.retext(session, assessment, EVENT, new, "kk")
    rows = exported(register, tmp_path / "t.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "t.xlsx").worksheets[0]
    assert sheet[f"G{rows[new]}"].value == "ru"
    assert sheet[f"E{rows[new]}"].fill.fgColor.rgb.endswith("FFD8A8")  # orange: to check
    cleared = edited(tmp_path / "t.xlsx", tmp_path / "ok.xlsx", {f"G{rows[new]}": None})
    summary = import_translations(register, cleared)
    assert (summary.changed, summary.confirmed) == (1, 1)
    assert texts_of(register, ids, new) == (new, "Отравление газами", "", frozenset())


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        ({"A{row}": "0b5c7e2a-8f0e-4a57-9a38-7f5d2e0c1a16"},
         "row {row}, column A (id): this text is not in the register's current revision"),
        ({"A{row}": "hazard 12"}, "row {row}, column A: “hazard 12” is not a text ID"),
        ({"A{row}": None}, "row {row}, column A: no text ID"),
        ({"E{row}": 42}, "row {row}, column E: holds 42, not a text"),
        ({"E{row}": date(2026, 3, 1)}, "row {row}, column E: holds"),
        ({"E{row}": "#N/A"}, "row {row}, column E: error value #N/A"),
        ({"E{row}": "=A1"}, "row {row}, column E: formula =A1 has no saved result"),
        ({"D{row}": "Басқа мәтін"}, "row {row}, column D (kk): this is the register's own text"),
        ({"G{row}": "kz"}, "row {row}, column G: “kz” is not a list of languages"),
        ({"A{row}": "=A2"}, "row {row}, column A: formula =A2 has no saved result"),
    ],
)  # fmt: skip
def test_a_bad_cell_refuses_the_whole_file_naming_file_sheet_row_and_column(
    sample_register: tuple[Register, Sample], tmp_path: Path, cells: dict[str, Any], message: str
) -> None:
    register, ids = sample_register
    rows = exported(register, tmp_path / "t.xlsx")
    row, first = rows[EVENT], min(rows.values())
    good = {f"E{first}": "Перевод, который не должен попасть в реестр"}
    bad = {ref.format(row=row): value for ref, value in cells.items()}
    edited(tmp_path / "t.xlsx", tmp_path / "bad.xlsx", good | bad)
    before = print_of(register, ids)
    with pytest.raises(ImportFileError) as raised:
        import_translations(register, tmp_path / "bad.xlsx")
    assert f"bad.xlsx, sheet “Translations”, {message.format(row=row)}" in raised.value.message
    assert print_of(register, ids) == before  # all or nothing: the good row is not written


def test_a_duplicated_row_and_a_file_with_no_header_are_refused(
    sample_register: tuple[Register, Sample], tmp_path: Path
) -> None:
    register, _ids = sample_register
    rows = exported(register, tmp_path / "t.xlsx")
    book = openpyxl.load_workbook(tmp_path / "t.xlsx")
    sheet = book.worksheets[0]
    last = sheet.max_row
    sheet.append([cell.value for cell in sheet[rows[EVENT]]])
    book.save(tmp_path / "twice.xlsx")
    with pytest.raises(ImportFileError, match=f"row {last + 1}, column A: the same text ID as row"):
        import_translations(register, tmp_path / "twice.xlsx")
    other = openpyxl.Workbook()
    other.active.append(["Hazard", "Опасность"])
    other.save(tmp_path / "other.xlsx")
    with pytest.raises(ImportFileError, match="no header with a text ID column"):
        import_translations(register, tmp_path / "other.xlsx")
    (tmp_path / "noise.xlsx").write_bytes(b"PK\x03\x04" + bytes(range(256)) * 40)
    with pytest.raises(ImportFileError, match="noise.xlsx"):
        import_translations(register, tmp_path / "noise.xlsx")


def test_control_characters_are_removed_with_a_warning_and_a_foreign_script_noted(
    sample_register: tuple[Register, Sample], tmp_path: Path
) -> None:
    register, ids = sample_register
    rows = exported(register, tmp_path / "t.xlsx")
    row = rows[EVENT]
    book = openpyxl.load_workbook(tmp_path / "t.xlsx")
    book.worksheets[0][f"E{row}"].value = "Отравление_x0001_ газами\u2066"  # XML's escape of U+0001
    book.worksheets[0][f"F{row}"].value = "Отравление"  # Russian in the English column
    book.save(tmp_path / "c.xlsx")
    summary = import_translations(register, tmp_path / "c.xlsx")
    assert any(
        f"row {row}, column E: 1 control character(s) removed" in w for w in summary.warnings
    )
    assert any(f"row {row}, column F (en): the text looks like ru" in w for w in summary.warnings)
    assert any(
        f"row {row}, column E: 1 direction-override character(s) removed" in w
        for w in summary.warnings
    )
    assert texts_of(register, ids, EVENT)[1:3] == ("Отравление газами", "Отравление")


def test_an_approved_revision_refuses_the_import_and_a_dry_run_counts(
    sample_register: tuple[Register, Sample], tmp_path: Path
) -> None:
    register, ids = sample_register
    rows = exported(register, tmp_path / "t.xlsx")
    filled = edited(tmp_path / "t.xlsx", tmp_path / "f.xlsx", {f"E{rows[EVENT]}": "Отравление"})
    assert import_translations(register, filled, dry=True).changed == 1
    assert texts_of(register, ids, EVENT)[1] == ""  # a dry run writes nothing
    with register.uow.transaction() as session:
        approval.approve(session, session.get_one(Assessment, ids.assessment_id),
                         by="Ахметов С.", position="Директор", on=date(2026, 4, 1))  # fmt: skip
    with pytest.raises(UserError, match="revision 1 is approved and cannot be changed"):
        import_translations(register, filled)


def test_a_text_starting_with_an_equals_sign_is_exported_as_text_not_a_formula(
    sample_register: tuple[Register, Sample], tmp_path: Path
) -> None:
    register, ids = sample_register
    with register.uow.transaction() as session:
        session.get_one(Hazard, ids.hazard_id).causes = FORMULA
    row = exported(register, tmp_path / "t.xlsx")[FORMULA]
    cell = openpyxl.load_workbook(tmp_path / "t.xlsx").worksheets[0][f"F{row}"]
    assert (cell.data_type, cell.value) == ("s", FORMULA)
