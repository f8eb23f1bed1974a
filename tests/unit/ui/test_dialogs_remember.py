"""Issue 19, defect 8: dialogs start from what the officer already told the app, and the
hazard panel warns only about what is there."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from tests.unit.ui.conftest import stored, wait_until
from wrac_desktop.persistence.models import ControlMeasure, Hazard
from wrac_desktop.services.work import session_of
from wrac_desktop.ui import settings as setting
from wrac_desktop.ui.approve_dialog import ApproveDialog
from wrac_desktop.ui.export_dialog import ExportDialog
from wrac_desktop.ui.main_window import MainWindow
from wrac_desktop.vocabulary import TeamRole


def opened_dialog(
    window: MainWindow, key: str, cls: type[QDialog], monkeypatch: pytest.MonkeyPatch
) -> QDialog:
    """Trigger the action as its menu entry does; the dialog it opens (Approve's once its
    review is read in the background), cancelled."""
    opened: list[QDialog] = []

    def look_and_cancel(dialog: QDialog) -> int:
        opened.append(dialog)
        return QDialog.DialogCode.Rejected.value

    monkeypatch.setattr(cls, "exec", look_and_cancel)
    window.action_map[key].trigger()
    wait_until(lambda: bool(opened))
    assert len(opened) == 1
    return opened[0]


def team_tab_says(window: MainWindow, name: str, value: str) -> None:
    field = window.team_panel.fields[name]
    field.setPlainText(value)
    field.committed.emit()


def test_the_approve_dialog_starts_from_the_team_tabs_approver(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.action_map["tab4"].trigger()  # the team tab, after the dashboard
    team_tab_says(window, "approved_by", "Серікбаев Қайрат")
    team_tab_says(window, "approver_position", "Бас инженер")
    dialog = opened_dialog(window, "approve", ApproveDialog, monkeypatch)
    assert isinstance(dialog, ApproveDialog)
    assert (dialog.by.text(), dialog.position.text()) == ("Серікбаев Қайрат", "Бас инженер")


def test_without_approver_fields_the_member_in_the_approvers_role_is_taken(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    team_tab_says(window, "approved_by", "")
    team_tab_says(window, "approver_position", "")
    members = window.team_panel.shown.team  # type: ignore[union-attr]
    for member in members:
        if member.role == TeamRole.APPROVER:
            window.operations.run("remove", lambda w, m=member.id: _remove(w, m))
    window.team_panel.add_member("Жұмабаев Нұрлан", "Техникалық директор", TeamRole.APPROVER)
    dialog = opened_dialog(window, "approve", ApproveDialog, monkeypatch)
    assert isinstance(dialog, ApproveDialog)
    assert dialog.by.text() == "Жұмабаев Нұрлан"
    assert dialog.position.text() == "Техникалық директор"


def _remove(work: object, member_id: int) -> None:
    from wrac_desktop.services import team

    team.remove_member(work, member_id)  # type: ignore[arg-type]


def test_export_suggests_the_registers_folder_then_the_last_one_used(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, qtbot: QtBot
) -> None:
    assert window.register is not None
    window.testing = True  # no "open the folder?" question after the export
    register_folder = Path(window.register.location).parent
    dialog = opened_dialog(window, "export", ExportDialog, monkeypatch)
    assert isinstance(dialog, ExportDialog)
    assert Path(dialog.path.text()).parent == register_folder
    elsewhere = tmp_path / "reports"
    elsewhere.mkdir()
    window.exports.export_report("plan", "xlsx", "ru", elsewhere / "plan.xlsx")
    qtbot.waitUntil(lambda: window.exports.last_export is not None, timeout=30_000)
    assert window.settings.get(setting.LAST_EXPORT_FOLDER) == str(elsewhere)
    dialog = opened_dialog(window, "export", ExportDialog, monkeypatch)
    assert isinstance(dialog, ExportDialog)
    assert Path(dialog.path.text()).parent == elsewhere
    for child in elsewhere.iterdir():
        child.unlink()
    elsewhere.rmdir()  # a folder since removed: the register's folder again
    dialog = opened_dialog(window, "export", ExportDialog, monkeypatch)
    assert isinstance(dialog, ExportDialog)
    assert Path(dialog.path.text()).parent == register_folder


def test_no_weak_controls_warning_before_a_measure_exists(window: MainWindow, qtbot: QtBot) -> None:
    window.register_view.table.selectRow(0)
    editor = window.editor
    hazard_id = editor.hazard_id
    qtbot.mouseClick(editor.initial.grid.cell_button(5, 5), Qt.MouseButton.LeftButton)
    for measure_id in stored(
        window, lambda s: [m.id for m in s.get_one(Hazard, hazard_id).measures]
    ):
        window.operations.run(
            "delete",
            lambda w, m=measure_id: session_of(w).delete(session_of(w).get_one(ControlMeasure, m)),
        )
    assert editor.measures.rowCount() == 0
    assert "administrative controls and PPE" not in editor.warning.text()


def test_a_residual_risk_above_the_initial_is_warned_about(
    window: MainWindow, qtbot: QtBot
) -> None:
    window.register_view.table.selectRow(0)
    editor = window.editor
    qtbot.mouseClick(editor.initial.grid.cell_button(1, 1), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(editor.residual.grid.cell_button(1, 1), Qt.MouseButton.LeftButton)
    assert "higher than the initial" not in editor.warning.text()
    qtbot.mouseClick(editor.residual.grid.cell_button(4, 5), Qt.MouseButton.LeftButton)
    assert "higher than the initial" in editor.warning.text()
    window.operations.undo_stack.undo()
    assert "higher than the initial" not in editor.warning.text()
