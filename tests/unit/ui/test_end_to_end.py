"""A new officer's first register, driven through the window as a user would."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.conftest import VALID_BIN
from tests.unit.ui.conftest import Answers, dispose
from wrac_desktop.persistence.models import AuditEntry, ControlMeasure, Hazard, Workplace
from wrac_desktop.register import open_register
from wrac_desktop.ui.library_picker import LibraryPicker
from wrac_desktop.ui.main_window import MainWindow
from wrac_desktop.ui.measure_dialog import MeasureDialog
from wrac_desktop.ui.wizard import NewRegisterWizard


def fill_wizard(path: Path):  # type: ignore[no-untyped-def]
    def exec_(wizard: NewRegisterWizard) -> int:
        wizard.path.setText(str(path))
        wizard.legal_name.setText("ТОО «Алтай Кен»")
        wizard.bin.setText(VALID_BIN)
        wizard.site.setText("Рудник «Көкжал»")
        wizard.matrix.setCurrentIndex(wizard.matrix.findData("wrac_5x5"))
        return 1

    return exec_


def pick_from_library(query: str):  # type: ignore[no-untyped-def]
    def exec_(picker: LibraryPicker) -> int:
        picker.query.setText(query)
        return 1

    return exec_


def add_measure(text: str, level: str):  # type: ignore[no-untyped-def]
    def exec_(dialog: MeasureDialog) -> int:
        dialog.description.setPlainText(text)
        dialog.level.setCurrentIndex(dialog.level.findData(level))
        dialog.responsible.setText("Начальник участка")
        dialog.due.setText("IV квартал 2026 г.")
        return 1

    return exec_


def click(qtbot: QtBot, grid, likelihood: float, severity: float) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(grid.cell_button(likelihood, severity), Qt.MouseButton.LeftButton)


def test_wizard_to_scored_hazard_with_controls_undo_redo_and_reopen(
    qtbot: QtBot, tmp_path: Path, answers: Answers, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "first.wrac"
    window = MainWindow(None)
    window.show()
    monkeypatch.setattr(NewRegisterWizard, "exec", fill_wizard(path))
    window.action_map["new"].trigger()
    assert window.register is not None and Path(window.register.location) == path

    answers.texts += ["Горный участок № 2", "Машинист ПДМ, горизонт −320 м"]
    window.tree.select_node(("site", 1))
    window.action_map["add_division"].trigger()
    window.action_map["add_workplace"].trigger()
    workplace = window.tree.current_node()
    assert workplace is not None and workplace[0] == "workplace"

    monkeypatch.setattr(LibraryPicker, "exec", pick_from_library("газ CO"))
    window.action_map["add_hazard"].trigger()
    editor = window.editor
    assert editor.hazard_id is not None
    assert "CO" in editor._fields["description"].toPlainText()  # noqa: SLF001
    click(qtbot, editor.initial.grid, 4, 4)
    for text, level in (
        ("Вентиляторы местного проветривания", "engineering"),
        ("Газоанализатор на каждое звено", "ppe"),
    ):
        monkeypatch.setattr(MeasureDialog, "exec", add_measure(text, level))
        editor.add_measure_button.click()
    assert editor.measures.rowCount() == 2
    click(qtbot, editor.residual.grid, 2, 4)

    stack = window.operations.undo_stack
    stack.undo()  # residual rating
    stack.undo()  # second measure
    assert editor.measures.rowCount() == 1 and "Not rated" in editor.residual.result.text()
    stack.redo()
    stack.redo()
    assert editor.measures.rowCount() == 2 and "14" in editor.residual.result.text()
    dispose(window, qtbot)

    with open_register(path) as register, register.uow.reading() as session:
        hazard = session.query(Hazard).one()
        assert (hazard.library_id, hazard.initial_score, hazard.initial_band) == (
            "toxic_gas_co",
            21,
            "high",
        )
        assert (hazard.residual_score, hazard.residual_band) == (14, "significant")
        assert hazard.priority
        assert [(m.level, m.due_text) for m in hazard.measures] == [
            ("engineering", "IV квартал 2026 г."),
            ("ppe", "IV квартал 2026 г."),
        ]
        assert session.get_one(Workplace, workplace[1]).unit.name == "Горный участок № 2"
        assert (
            session.query(AuditEntry).filter_by(entity="control_measure", action="delete").count()
            == 1
        )
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert ControlMeasure.__tablename__ == "control_measure"
