"""The menus as a user finds them: each action reached through its menu and triggered there."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QMenu, QMessageBox
from pytestqt.qtbot import QtBot

from tests.unit.ui.conftest import approve_now
from wrac_desktop.ui.export_dialog import ExportDialog
from wrac_desktop.ui.main_window import MainWindow


def menu(window: MainWindow, title: str) -> QMenu:
    for action in window.menuBar().actions():
        if action.text().replace("&", "") == title:
            found = action.menu()
            assert isinstance(found, QMenu)
            return found
    raise AssertionError(f"no menu {title}")


def entry(parent: QMenu, key: str) -> QAction:
    """The menu entry of an action, as the user sees it in the menu."""
    for action in parent.actions():
        if action.objectName() == f"action_{key}":
            return action
    raise AssertionError(f"{key} is not in {parent.title()}")


def test_file_export_is_in_the_file_menu_and_opens_the_export_dialog(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[ExportDialog] = []

    def user_looks_and_cancels(dialog: ExportDialog) -> int:
        opened.append(dialog)
        return QDialog.DialogCode.Rejected.value

    monkeypatch.setattr(ExportDialog, "exec", user_looks_and_cancels)
    export = entry(menu(window, "File"), "export")
    assert export.isEnabled() and export.shortcut().toString() == "Ctrl+E"
    export.trigger()
    assert len(opened) == 1 and opened[0].report.currentData() == "register"
    assert window.exports.last_export is None  # cancelled: nothing written


def test_file_export_is_off_without_a_register(qtbot: QtBot) -> None:
    window = MainWindow(None)
    qtbot.addWidget(window)
    assert not entry(menu(window, "File"), "export").isEnabled()
    assert entry(menu(window, "File"), "open").isEnabled()


def test_recent_comes_before_quit_in_the_file_menu(window: MainWindow) -> None:
    items = [a.text() for a in menu(window, "File").actions() if not a.isSeparator()]
    assert items.index(window.recent_menu.title()) < items.index("&Quit")
    assert items[-1] == "&Quit"


def test_every_controller_action_is_placed_in_a_menu(window: MainWindow) -> None:
    placed = {
        action.objectName()
        for top in window.menuBar().actions()
        if top.menu() is not None
        for action in top.menu().actions()  # type: ignore[union-attr]
    }
    for controller in window.controllers:
        for key in controller.actions:
            assert f"action_{key}" in placed, key


def test_verify_from_the_menu_runs_in_the_background(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: said.append(text))
    entry(menu(window, "Assessment"), "verify").trigger()
    assert window.operations.job is not None
    qtbot.waitUntil(lambda: bool(said), timeout=30_000)
    assert window.approval.verified and "chain" in said[0]


def test_the_banner_and_revision_actions_survive_a_language_switch(
    window: MainWindow, qtbot: QtBot
) -> None:
    approve_now(window, by="Серікбаев", position="Инженер", on=date.today())
    window.switch_language("ru")
    try:
        # The approved revision's banner, in Russian: not the "file is read-only" one.
        assert window.banner.isVisible() and window.banner.text().startswith("Редакция 1")
        assert window.action_map["new_revision"].isEnabled()
        assert not window.action_map["approve"].isEnabled()
        window.action_map["new_revision"].trigger()
        qtbot.waitUntil(lambda: window.operations.editable, timeout=30_000)
        window.switch_language("kk")
        assert not window.action_map["new_revision"].isEnabled()  # a draft is current
        assert window.action_map["approve"].isEnabled() and not window.banner.isVisible()
    finally:
        window.switch_language("en")


def test_assessment_approve_goes_through_its_dialog(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    from wrac_desktop.ui.approve_dialog import ApproveDialog

    def user_signs(dialog: ApproveDialog) -> int:
        dialog.by.setText("Серікбаев Қайрат")
        dialog.position.setText("Бас инженер")
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(ApproveDialog, "exec", user_signs)
    entry(menu(window, "Assessment"), "approve").trigger()
    assert not entry(menu(window, "Assessment"), "approve").isEnabled()  # not twice at once
    qtbot.waitUntil(lambda: not window.operations.editable, timeout=30_000)  # in the background
    assert window.banner.isVisible()
    assert "Серікбаев Қайрат" in window.banner.text()
    assert not entry(menu(window, "Edit"), "add_hazard").isEnabled()
    assert entry(menu(window, "Assessment"), "new_revision").isEnabled()


def test_with_no_register_nothing_looks_live(qtbot: QtBot, demo_file) -> None:  # type: ignore[no-untyped-def]
    from wrac_desktop.register import open_register

    window = MainWindow(None)
    qtbot.addWidget(window)
    assert not window.tabs.isEnabled() and not window.register_view.search.isEnabled()
    assert not window.tree.isEnabled() and not window.editor.add_measure_button.isEnabled()
    assert not entry(menu(window, "Assessment"), "verify").isEnabled()
    window.set_register(open_register(demo_file))
    try:
        assert window.tabs.isEnabled() and window.register_view.search.isEnabled()
        assert entry(menu(window, "Assessment"), "verify").isEnabled()
    finally:
        window.set_register(None)


def test_a_closed_hazard_panel_comes_back_from_the_view_menu_and_by_double_click(
    window: MainWindow, qtbot: QtBot
) -> None:
    toggle = entry(menu(window, "View"), "hazard_panel")
    assert toggle.isChecked() and window.editor_dock.isVisible()
    window.editor_dock.close()  # the dock's own × button
    assert not toggle.isChecked()
    toggle.trigger()  # View → Hazard panel
    assert window.editor_dock.isVisible()
    window.editor_dock.close()
    window.switch_language("kk")  # the menus are rebuilt: the dock's action survives
    toggle = entry(menu(window, "Көрініс"), "hazard_panel")
    assert toggle.text() == "&Қауіп панелі"
    table = window.register_view.table
    cell = table.visualRect(table.model().index(0, 0)).center()
    # As a mouse does it: QTest's double click alone has no press before it, and the view
    # takes a double click only on the cell that was pressed.
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    assert window.editor_dock.isVisible() and toggle.isChecked()
    window.switch_language("en")


def test_every_action_is_reached_from_a_menu_with_the_keyboard(window: MainWindow) -> None:
    """Issue 19: every action of the window sits in a menu, and each menu opens with Alt and
    its underlined letter (the toolbar and the start screen only repeat them)."""
    placed: set[str] = set()

    def walk(parent: QMenu) -> None:
        for action in parent.actions():
            if action.menu() is not None:
                walk(action.menu())  # type: ignore[arg-type]
            placed.add(action.objectName())

    assert all(action.objectName() for action in window.action_map.values())
    for top in window.menuBar().actions():
        assert "&" in top.text(), top.text()
        walk(top.menu())  # type: ignore[arg-type]
    missing = [
        key for key, action in window.action_map.items() if action.objectName() not in placed
    ]
    assert not missing, missing
