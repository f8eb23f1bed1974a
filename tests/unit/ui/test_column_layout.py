"""Issue 19: the register's columns can be hidden, shown and reordered, and the layout is
remembered for the next start."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.unit.ui.conftest import dispose
from wrac_desktop.register import open_register
from wrac_desktop.ui.main_window import MainWindow
from wrac_desktop.ui.settings import Settings


def menu_entries(window: MainWindow) -> dict[str, object]:
    menu = window.columns.build_menu()  # what a right click on the header pops up
    return {action.text(): action for action in menu.actions() if action.isCheckable()}


def test_a_hidden_and_moved_column_stays_so_at_the_next_start(
    demo_file: Path, qtbot: QtBot
) -> None:
    settings = Settings()
    window = MainWindow(open_register(demo_file), settings)
    header = window.register_view.table.horizontalHeader()
    model = window.register_view.model
    residual = model.column_of("residual")
    entries = menu_entries(window)
    assert all(action.isChecked() for action in entries.values())  # type: ignore[attr-defined]
    title = str(model.headerData(residual, Qt.Orientation.Horizontal)).replace("\n", " ")
    entries[title].setChecked(False)  # type: ignore[attr-defined]
    assert header.isSectionHidden(residual)
    workplace = model.column_of("workplace")
    header.moveSection(header.visualIndex(workplace), header.count() - 1)
    dispose(window, qtbot)

    again = MainWindow(open_register(demo_file), settings)
    header = again.register_view.table.horizontalHeader()
    assert header.isSectionHidden(residual)
    assert header.visualIndex(workplace) == header.count() - 1
    again.columns.reset()
    assert not header.isSectionHidden(residual) and header.visualIndex(workplace) == 0
    dispose(again, qtbot)


def test_the_last_column_shown_cannot_be_hidden(window: MainWindow) -> None:
    header = window.register_view.table.horizontalHeader()
    for column in range(header.count()):
        window.columns.set_shown(column, False)
    shown = [c for c in range(header.count()) if not header.isSectionHidden(c)]
    assert len(shown) == 1


def test_the_plans_columns_are_shown_and_hidden_from_its_header_and_remembered(
    demo_file: Path, qtbot: QtBot
) -> None:
    """As the register's (issue 19): the hazard, hierarchy level and completion date wait in
    the header's menu, so the measure, who, when and its state have the room."""
    settings = Settings()
    window = MainWindow(open_register(demo_file), settings)
    window.show()
    window.tabs.setCurrentWidget(window.action_plan)
    model, table = window.action_plan.model, window.action_plan.table
    header = table.horizontalHeader()
    level = model.column_of("level")
    assert all(header.isSectionHidden(model.column_of(key)) for key in model.HIDDEN)
    assert set(model.HIDDEN) == {"hazard", "level", "completed_on"}
    menu = window.plan_columns.build_menu()
    entries = {action.text(): action for action in menu.actions() if action.isCheckable()}
    title = str(model.headerData(level, Qt.Orientation.Horizontal)).replace("\n", " ")
    assert not entries[title].isChecked()
    entries[title].setChecked(True)
    assert not header.isSectionHidden(level) and table.columnWidth(level) > 0
    assert table.horizontalScrollBar().maximum() == 0  # the columns share the width again
    dispose(window, qtbot)

    again = MainWindow(open_register(demo_file), settings)
    assert not again.action_plan.table.horizontalHeader().isSectionHidden(level)
    again.plan_columns.reset()
    assert again.action_plan.table.horizontalHeader().isSectionHidden(level)
    dispose(again, qtbot)
