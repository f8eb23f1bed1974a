"""The export dialog's page-size choice (A3 is the register's other printed size)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from wrac_desktop.ui.export_dialog import ExportDialog


def test_page_size_is_offered_for_pdf_only(qtbot: QtBot) -> None:
    dialog = ExportDialog()
    qtbot.addWidget(dialog)
    dialog.report.setCurrentIndex(dialog.report.findData("register"))
    dialog.format.setCurrentIndex(dialog.format.findData("pdf"))
    assert dialog.page_size.isEnabled() and dialog.page() == "A4"
    dialog.page_size.setCurrentIndex(dialog.page_size.findData("A3"))
    assert dialog.page() == "A3"
    dialog.format.setCurrentIndex(dialog.format.findData("xlsx"))
    assert not dialog.page_size.isEnabled()


def test_the_dialog_refuses_the_register_and_its_files_as_the_cli_does(
    qtbot: QtBot, tmp_path: Path
) -> None:
    register = tmp_path / "r.wrac"
    sqlite3.connect(register).execute("CREATE TABLE t (x)").connection.close()
    dialog = ExportDialog(registers=[str(register)])
    qtbot.addWidget(dialog)
    for target in (register, Path(f"{register}-wal"), Path(f"{register}.schema3.bak")):
        dialog.path.setText(str(target))
        dialog.accept()
        assert dialog.result() != QDialog.DialogCode.Accepted
        assert not dialog.refusal.isHidden() and str(register) in dialog.refusal.text()
    assert register.read_bytes().startswith(b"SQLite format 3")
    dialog.path.setText(str(tmp_path / "register.pdf"))
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_both_languages_are_offered_for_documents_not_for_data_files(qtbot: QtBot) -> None:
    """Issue 16 item 4: "kk+ru" for a PDF or XLSX; a CSV or JSON summary holds one language."""
    dialog = ExportDialog()
    qtbot.addWidget(dialog)
    dialog.report.setCurrentIndex(dialog.report.findData("summary"))
    dialog.format.setCurrentIndex(dialog.format.findData("pdf"))
    dialog.lang.setCurrentIndex(dialog.lang.findData("kk+ru"))
    assert dialog.choice()[2] == "kk+ru" and dialog.lang.currentText() == "Қазақша + Русский"
    dialog.format.setCurrentIndex(dialog.format.findData("json"))
    assert dialog.choice()[2] == "kk"
    dialog.lang.setCurrentIndex(dialog.lang.findData("ru+kk"))
    assert dialog.choice()[2] == "ru"
