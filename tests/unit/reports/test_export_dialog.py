"""The export dialog's page-size choice (A3 is the register's other printed size)."""

from __future__ import annotations

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
