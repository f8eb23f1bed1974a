"""The first window: tree and hazard table over a register, offscreen."""

from __future__ import annotations

from pathlib import Path

from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from wrac_desktop.persistence.queries import HazardFilter
from wrac_desktop.register import open_register
from wrac_desktop.services.demo import write_demo
from wrac_desktop.ui.hazard_table import HazardTableModel
from wrac_desktop.ui.main_window import MainWindow


def test_hazard_table_model_is_a_sound_qt_model(tmp_path: Path, qtmodeltester: ModelTester) -> None:
    path = tmp_path / "demo.wrac"
    write_demo(path, workplaces=60, seed=2)
    with open_register(path) as register:
        model = HazardTableModel()
        model.set_source(register, HazardFilter())
        assert model.rowCount() == 500  # the first page only; the rest comes on scrolling
        qtmodeltester.check(model)


def test_main_window_shows_tree_and_hazards(tmp_path: Path, qtbot: QtBot) -> None:
    path = tmp_path / "demo.wrac"
    write_demo(path, workplaces=12, seed=2)
    window = MainWindow(open_register(path))
    qtbot.addWidget(window)
    window.show()
    organisation = window._tree_model.item(0)
    assert organisation.rowCount() == 5  # five sites
    assert window._table_model.rowCount() == 120
    site = organisation.child(0).index()
    window._tree.setCurrentIndex(site)
    assert 0 < window._table_model.rowCount() < 120
    assert "demo.wrac" in window.windowTitle()
    window.close()
    window.register.close()
