"""The main window over a demo register, offscreen: tree, register, editor, actions."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from wrac_desktop.i18n import pick
from wrac_desktop.persistence.queries import HazardFilter
from wrac_desktop.register import open_register
from wrac_desktop.risk.presets import WRAC_5X5
from wrac_desktop.services.demo import write_demo
from wrac_desktop.ui.hazard_table import HazardTableModel
from wrac_desktop.ui.main_window import MainWindow
from wrac_desktop.ui.tree_panel import TreePanel


def test_hazard_table_model_is_a_sound_qt_model(tmp_path: Path, qtmodeltester: ModelTester) -> None:
    path = tmp_path / "big.wrac"
    write_demo(path, workplaces=60, seed=2)
    with open_register(path) as register:
        model = HazardTableModel()
        model.set_source(register, HazardFilter(), WRAC_5X5)
        assert model.rowCount() == model.total == 600  # every row known; data loads by page
        assert model.index(599, 1).data()  # the last page loads when it is looked at
        qtmodeltester.check(model)


def test_tree_and_register_show_the_enterprise(
    window: MainWindow,
    qtmodeltester: ModelTester,
    keep_alive,  # type: ignore[no-untyped-def]
) -> None:
    model = window.tree.tree_model
    organisation = model.index(0, 0)
    assert model.rowCount(organisation) == 5  # five sites
    assert window.register_view.model.rowCount() == 120
    tree = keep_alive(TreePanel(window.operations))
    tree.refresh()
    assert tree.tree_model.rowCount() == 1
    qtmodeltester.check(tree.tree_model)
    window.tree.setCurrentIndex(model.index(0, 0, organisation))
    assert 0 < window.register_view.model.rowCount() < 120
    assert "demo.wrac" in window.windowTitle()


def test_selecting_a_hazard_fills_the_editor(window: MainWindow) -> None:
    window.register_view.table.selectRow(0)
    hazard_id = window.register_view.selected_hazard_id()
    assert window.editor.hazard_id == hazard_id
    description = window.editor._fields["description"].toPlainText()
    model = window.register_view.model
    assert description and description == model.index(0, model.column_of("description")).data()
    assert window.editor.measures.rowCount() >= 3
    assert "Score" in window.editor.initial.result.text()


def test_a_new_matrix_redraws_the_risk_cells_without_reading_the_rows_again(
    tmp_path: Path, qtbot: QtBot
) -> None:
    path = tmp_path / "demo.wrac"
    write_demo(path, workplaces=3, seed=2)
    with open_register(path) as register:
        model = HazardTableModel()
        model.set_source(register, HazardFilter(), WRAC_5X5)
        cell = model.index(0, model.column_of("initial"))
        shown = cell.data()
        assert shown and any(pick(band.name) in shown for band in WRAC_5X5.bands)
        with qtbot.assertNotEmitted(model.modelReset), qtbot.waitSignal(model.dataChanged):
            model.set_matrix(None)  # no classes known: the score alone, no colour
        assert cell.data(Qt.ItemDataRole.BackgroundRole) is None  # no class colour
        score = shown.split(" · ")[0]
        assert cell.data().startswith(score + " · ") and cell.data() != shown
        assert model.rowCount() == 30
