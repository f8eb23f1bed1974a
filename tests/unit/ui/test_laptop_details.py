"""Details that a 1,366 × 768 laptop showed cut or alike (issue 19, defect 6)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit
from pytestqt.qtbot import QtBot

from tests.unit.importing.worksheets import english_worksheet
from wrac_desktop.services.importing import open_source
from wrac_desktop.ui import ask
from wrac_desktop.ui.hazard_table import HazardTableModel
from wrac_desktop.ui.import_dialog import ImportDialog
from wrac_desktop.ui.language import apply_language
from wrac_desktop.ui.main_window import MainWindow
from wrac_desktop.ui.measure_dialog import MeasureDialog
from wrac_desktop.ui.risk_chip import CHIP_PADDING, chip_lines
from wrac_desktop.ui.tree_model import NODE_ROLE


def test_a_name_is_asked_in_a_field_wide_enough_for_it(qtbot: QtBot) -> None:
    seen: dict[str, int] = {}

    def look_and_answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QInputDialog)
        seen["field"] = dialog.findChild(QLineEdit).width()
        dialog.setTextValue("Жерасты электр слесары, № 2 бригада")
        dialog.accept()

    QTimer.singleShot(0, look_and_answer)
    assert ask.text(None, "Rename", "Name:") == ("Жерасты электр слесары, № 2 бригада", True)
    assert seen["field"] >= 400  # QInputDialog.getText gave about 175 pixels


def test_sites_divisions_and_workplaces_have_their_own_icons(window: MainWindow) -> None:
    model = window.tree.tree_model
    icons: dict[str, object] = {}
    for key in model.keys():  # noqa: SIM118 - a model, not a dict
        index = model.index_for_key(key)
        kind = index.data(NODE_ROLE)[0]
        icon = index.data(Qt.ItemDataRole.DecorationRole)
        assert not icon.isNull(), kind
        icons[kind] = icon.pixmap(16).toImage()
    assert {"organisation", "site", "workplace"} <= set(icons)
    images = list(icons.values())
    assert all(a != b for i, a in enumerate(images) for b in images[i + 1 :])  # all different


def test_the_risk_classes_come_right_after_the_workplace(window: MainWindow) -> None:
    assert [column[0] for column in HazardTableModel.COLUMNS[:3]] == [
        "workplace", "initial", "residual",
    ]  # fmt: skip
    model = window.register_view.model
    assert model.index(0, model.column_of("initial")).data(Qt.ItemDataRole.BackgroundRole)


def test_every_risk_chip_fits_its_column_in_each_language(window: MainWindow) -> None:
    """ "21 · Значительный" showed as "21 · Значите…" in the Russian register."""
    view = window.register_view
    metrics = view.table.fontMetrics()
    try:
        for lang in ("ru", "kk", "en"):
            window.switch_language(lang)
            for row in range(view.model.rowCount()):
                for key in ("initial", "residual"):
                    column = view.model.column_of(key)
                    text = view.model.index(row, column).data()
                    chips = view.table.itemDelegateForColumn(column)
                    for line in chip_lines(text, chips.stacked):  # the score over the class
                        width = metrics.horizontalAdvance(line) + CHIP_PADDING
                        assert width <= view.table.columnWidth(column), (lang, text)
    finally:
        window.switch_language("en")


def test_the_measure_dialog_shows_a_deadline_example_whole(qtbot: QtBot) -> None:
    """The example under the deadline ("мысалы, 31.12.2026, 2026 ж. IV тоқсан, тұрақты")
    was cut at the 300-pixel field the dialog opened with."""
    try:
        for lang in ("kk", "ru", "en"):
            apply_language(lang)
            dialog = MeasureDialog(None)
            qtbot.addWidget(dialog)
            dialog.show()
            QApplication.processEvents()
            due = dialog.due
            needed = due.fontMetrics().horizontalAdvance(due.placeholderText()) + 12
            assert due.width() >= needed, lang
    finally:
        apply_language("en")


def test_the_import_preview_shows_its_headings_whole(window: MainWindow, tmp_path: Path) -> None:
    """At a fixed 100 pixels a column's heading read "…пты орындауш…" in Kazakh."""
    assert window.register is not None
    with window.register.uow.reading() as session:
        source = open_source(session, english_worksheet(tmp_path / "en.xlsx"))
    window.switch_language("kk")
    try:
        dialog = ImportDialog(source, window)
        preview, model = dialog.preview, dialog.preview_model
        metrics = preview.horizontalHeader().fontMetrics()
        for column in range(model.columnCount()):  # a word a line, each whole
            heading = str(model.headerData(column, Qt.Orientation.Horizontal))
            for word in heading.split("\n"):
                assert preview.columnWidth(column) >= metrics.horizontalAdvance(word) + 8, word
        dialog.deleteLater()
    finally:
        window.switch_language("en")
