"""Issue 19: the day's actions on a toolbar, and a status bar saying where the register is,
which revision and in what state, and how many hazards are shown."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from tests.unit.ui.conftest import approve_now
from wrac_desktop.ui.main_window import MainWindow
from wrac_desktop.ui.measure_dialog import MeasureDialog


def toolbar_keys(window: MainWindow) -> list[str]:
    return [
        a.objectName().removeprefix("action_")
        for a in window.toolbar.actions()
        if not a.isSeparator()
    ]


def test_the_toolbar_holds_the_days_actions(window: MainWindow) -> None:
    assert toolbar_keys(window) == [
        "add_hazard",
        "add_measure",
        "approve",
        "export",
        "undo",
        "redo",
    ]
    window.switch_language("ru")  # rebuilt with the menus: the same actions, in Russian
    try:
        assert toolbar_keys(window)[:2] == ["add_hazard", "add_measure"]
        assert window.toolbar.actions()[0].text() != "&Add hazard…"
    finally:
        window.switch_language("en")


class _Recorded(QUndoCommand):
    def __init__(self) -> None:
        super().__init__("Rename workplace")
        self.undone = False

    def undo(self) -> None:
        self.undone = True


def test_undo_keeps_its_short_name_on_the_toolbar_and_undoes(window: MainWindow) -> None:
    """The stack's Undo reads "Undo Rename workplace": on the toolbar it stays "Undo" (the
    button grew with every command's name), with the command in its tooltip, and undoes."""
    undo = next(a for a in window.toolbar.actions() if a.objectName() == "action_undo")
    stack = window.operations.undo_stack
    stack.clear()
    assert undo.text() == "Undo" and not undo.isEnabled()
    command = _Recorded()
    stack.push(command)
    assert undo.isEnabled() and undo.text() == "Undo"
    assert undo.toolTip() == "Undo Rename workplace"
    undo.trigger()
    assert command.undone and not undo.isEnabled()


def test_add_measure_needs_a_hazard_and_opens_the_measure_dialog(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    add = window.action_map["add_measure"]
    window.register_view.clear_selection()
    assert not add.isEnabled()
    window.register_view.table.selectRow(0)
    assert add.isEnabled()
    opened: list[MeasureDialog] = []

    def look_and_cancel(dialog: MeasureDialog) -> int:
        opened.append(dialog)
        return QDialog.DialogCode.Rejected.value

    monkeypatch.setattr(MeasureDialog, "exec", look_and_cancel)
    window.editor_dock.close()
    add.trigger()
    assert len(opened) == 1 and window.editor_dock.isVisible()


def test_the_status_bar_names_the_register_its_revision_and_the_hazards_shown(
    window: MainWindow, qtbot: QtBot
) -> None:
    assert window.register is not None
    assert window.status_bar.place.toolTip() == window.register.location
    assert window.status_bar.revision.text() == "Revision 1: Draft"
    assert all(line.isVisible() for line in window.status_bar.separators)  # three fields
    total = window.register_view.model.total
    assert window.status_bar.count.text() == f"{total} hazard(s) shown"
    window.register_view.search.setText("zzzz no such hazard")
    window.register_view.apply_filter()
    assert window.status_bar.count.text() == "0 hazard(s) shown"
    approve_now(window, by="Серікбаев", position="Инженер", on=date.today())
    assert window.status_bar.revision.text() == "Revision 1: Approved"
    assert not window.action_map["add_measure"].isEnabled()


def test_with_no_register_the_status_bar_has_no_fields_nor_lines(window: MainWindow) -> None:
    window.set_register(None)
    bar = window.status_bar
    assert [bar.place.text(), bar.revision.text(), bar.count.text()] == ["", "", ""]
    assert not any(line.isVisible() for line in bar.separators)
