"""The new-register wizard, the library picker, the measure dialog and the hazard editor."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QWidget, QWizard
from pytestqt.qtbot import QtBot

from tests.conftest import VALID_BIN
from tests.unit.ui.conftest import Answers, dispose, stored
from wrac_desktop.hazards import load_builtin_library
from wrac_desktop.persistence.models import ControlMeasure, Hazard
from wrac_desktop.services.hazard_panel import MeasureDraft
from wrac_desktop.services.work import session_of
from wrac_desktop.ui.library_picker import LibraryPicker
from wrac_desktop.ui.main_window import MainWindow
from wrac_desktop.ui.measure_dialog import MeasureDialog
from wrac_desktop.ui.wizard import NewRegisterWizard


def test_wizard_refuses_a_bad_bin_and_previews_each_matrix(qtbot: QtBot, tmp_path: Path) -> None:
    wizard = NewRegisterWizard()
    qtbot.addWidget(wizard, before_close_func=lambda w: w.deleteLater())
    wizard.path.setText(str(tmp_path / "new.wrac"))
    wizard.show()
    wizard.next()
    wizard.legal_name.setText("ТОО «Алтай Кен»")
    wizard.bin.setText(VALID_BIN[:-1] + str((int(VALID_BIN[-1]) + 1) % 10))
    assert not wizard.currentPage().isComplete()
    assert "check digit" in wizard.bin_message.text()
    wizard.bin.setText(VALID_BIN)
    assert wizard.currentPage().isComplete() and wizard.bin_message.text() == ""
    assert wizard.spec().commission_order_on is None  # the order's date may stay empty
    wizard.oked.setText("07290")
    wizard.kato.setText("631010000")
    wizard.order_number.setText("45-П")
    wizard.order_date.setDate(QDate(2026, 2, 10))
    wizard.next()
    wizard.site.setText("Карьер «Көкжал»")
    wizard.next()
    for index in range(wizard.matrix.count()):
        wizard.matrix.setCurrentIndex(index)
        assert wizard.preview._matrix.key == wizard.matrix.currentData()  # noqa: SLF001
    wizard.matrix.setCurrentIndex(2)
    spec = wizard.spec()
    assert (spec.bin, spec.first_site, spec.matrix_key) == (
        VALID_BIN,
        "Карьер «Көкжал»",
        "fine_kinney",
    )
    assert (spec.oked, spec.kato, spec.commission_order) == ("07290", "631010000", "45-П")
    assert spec.commission_order_on == date(2026, 2, 10)
    assert wizard.button(QWizard.WizardButton.FinishButton).isVisible()


def test_wizard_takes_the_suggested_path_and_draws_one_preview(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 19, defect 2: Next was off on the suggested path until it was edited, and the
    preview of the first matrix stayed drawn behind the one chosen."""
    monkeypatch.setattr("wrac_desktop.ui.wizard.user_data_dir", lambda: tmp_path)
    (tmp_path / "register.wrac").write_bytes(b"")  # a register already there is not suggested
    wizard = NewRegisterWizard()
    qtbot.addWidget(wizard, before_close_func=lambda w: w.deleteLater())
    wizard.show()
    assert wizard.path.text() == str(tmp_path / "register-2.wrac")
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    wizard.path.setText("  ")
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    wizard.path.setText(str(tmp_path / "mine.wrac"))
    wizard.next()
    assert wizard.currentId() == 1
    wizard.bin.setText("12345")
    assert wizard.bin_message.wordWrap() and wizard.bin_message.text()
    wizard.matrix.setCurrentIndex(1)
    wizard.matrix.setCurrentIndex(0)
    shown = [
        child for child in wizard.preview.findChildren(QWidget) if child.isVisibleTo(wizard.preview)
    ]
    cells = len(wizard.preview._buttons)  # noqa: SLF001
    levels = wizard.preview._matrix.likelihood.levels  # noqa: SLF001
    # one grid: its buttons, a label per row and per column, the legend; nothing stale
    assert len(shown) == cells + len(levels) + len(wizard.preview._matrix.severity.levels) + 1  # noqa: SLF001


def test_library_picker_searches_as_you_type(qtbot: QtBot) -> None:
    picker = LibraryPicker(None, load_builtin_library())
    qtbot.addWidget(picker)
    qtbot.keyClicks(picker.query, "fal")  # QtTest types ASCII only …
    assert picker.chosen() is not None and "fall" in picker.chosen().id
    picker.query.setText("құлау")  # … so Kazakh arrives as typed text
    entry = picker.chosen()
    assert entry is not None and entry.id == "fall_from_height"
    picker.results.setCurrentRow(picker.results.count() - 1)  # the "custom hazard" line
    assert picker.chosen() is None and picker.custom_text() == "құлау"


def test_measure_dialog_round_trip(qtbot: QtBot) -> None:
    dialog = MeasureDialog(None)
    qtbot.addWidget(dialog)
    dialog.description.setPlainText("Установить газоанализаторы")
    dialog.level.setCurrentIndex(dialog.level.findData("engineering"))
    dialog.due.setText("IV квартал 2026 г.")
    dialog.status.setCurrentIndex(dialog.status.findData("planned"))
    assert not dialog.completed.isEnabled()
    values = dialog.values()
    assert (values.level, values.due, values.completed_on) == (
        "engineering",
        "IV квартал 2026 г.",
        None,
    )


def test_measure_dialog_offers_the_roadmap_wordings_and_keeps_free_text(qtbot: QtBot) -> None:
    dialog = MeasureDialog(None)
    qtbot.addWidget(dialog)
    dialog.description.setPlainText("Өздігінен құтқарушылар")
    dialog.funding.setCurrentIndex(dialog.funding.findData("employer"))  # picked from the list
    dialog.form.setEditText("Акт приёмки оборудования")  # typed
    values = dialog.values()
    assert (values.funding_source, values.completion_form) == (
        "employer",
        "Акт приёмки оборудования",
    )


def test_measure_dialog_keeps_the_responsible_position_and_name_apart(qtbot: QtBot) -> None:
    dialog = MeasureDialog(None, MeasureDraft("Шу", responsible="Бас механик"))
    qtbot.addWidget(dialog)
    dialog.responsible_name.setText(" Ахметов С.Б. ")
    values = dialog.values()
    assert (values.responsible, values.responsible_name) == ("Бас механик", "Ахметов С.Б.")


def hazard(window: MainWindow, hazard_id: int) -> Hazard:
    return stored(window, lambda s: s.get_one(Hazard, hazard_id))  # type: ignore[no-any-return]


def test_editor_commits_fields_ratings_and_overrides(
    window: MainWindow, qtbot: QtBot, answers: Answers
) -> None:
    window.register_view.table.selectRow(0)
    editor = window.editor
    hazard_id = editor.hazard_id
    assert hazard_id is not None
    notes = editor._fields["notes"]  # noqa: SLF001
    notes.setPlainText("Проверено на месте 20.11.2026")
    notes.committed.emit()
    assert hazard(window, hazard_id).notes == "Проверено на месте 20.11.2026"
    grid = editor.initial.grid
    qtbot.mouseClick(grid.cell_button(1, 1), Qt.MouseButton.LeftButton)
    assert (hazard(window, hazard_id).initial_score, hazard(window, hazard_id).initial_band) == (
        1,
        "low",
    )
    answers.items.append("Высокий")
    answers.texts.append("Решение комиссии")
    editor.initial.override_button.click()
    assert hazard(window, hazard_id).initial_override_band == "high"
    assert "Решение комиссии" in editor.initial.result.text()
    stack = window.operations.undo_stack
    stack.undo()
    stack.undo()
    assert hazard(window, hazard_id).initial_override_band is None
    assert hazard(window, hazard_id).initial_score != 1
    stack.redo()
    assert hazard(window, hazard_id).initial_score == 1


def test_editor_warns_when_a_high_risk_rests_on_weak_controls(
    window: MainWindow, qtbot: QtBot
) -> None:
    window.register_view.table.selectRow(0)
    editor = window.editor
    hazard_id = editor.hazard_id
    grid = editor.initial.grid
    qtbot.mouseClick(grid.cell_button(5, 5), Qt.MouseButton.LeftButton)
    ids = stored(window, lambda s: [m.id for m in s.get_one(Hazard, hazard_id).measures])
    for measure_id in ids:
        window.operations.run(
            "weaken",
            lambda w, m=measure_id: setattr(
                session_of(w).get_one(ControlMeasure, m), "level", "ppe"
            ),
        )
    assert "administrative controls and PPE" in editor.warning.text()
    window.operations.undo_stack.undo()
    assert editor.warning.text() == ""


@pytest.mark.parametrize("bad_description", ["", "   "])
def test_editor_refuses_an_empty_description(
    window: MainWindow, bad_description: str, shown_errors: list[str]
) -> None:
    window.register_view.table.selectRow(0)
    field = window.editor._fields["description"]  # noqa: SLF001
    before = field.toPlainText()
    field.setPlainText(bad_description)
    field.committed.emit()
    assert shown_errors == ["a hazard needs a description"]
    shown_errors.clear()
    assert window.editor._fields["description"].toPlainText() == before  # noqa: SLF001


def test_read_only_register_disables_editing(demo_file: Path, qtbot: QtBot) -> None:
    from wrac_desktop.register import open_register

    main = MainWindow(open_register(demo_file, read_only=True))
    main.show()
    assert main.banner.isVisible()
    assert not main.action_map["add_hazard"].isEnabled()
    main.register_view.table.selectRow(0)
    assert not main.editor.widget().isEnabled()
    dispose(main, qtbot)


def test_marking_verified_records_the_date(window: MainWindow) -> None:
    from wrac_desktop.vocabulary import MeasureStatus

    window.tabs.setCurrentWidget(window.action_plan)
    window.action_plan.table.selectRow(0)
    measure_id = window.action_plan.selected_measure_ids()[0]
    # Steps of the progress log: verified after done, neither on a day still to come.
    window.action_plan.mark(MeasureStatus.DONE, on=date(2026, 1, 5))
    assert window.action_plan.selected_measure_ids() == [measure_id]  # still selected
    window.action_plan.mark(MeasureStatus.VERIFIED, on=date(2026, 1, 9))
    (row,) = [r for r in window.action_plan.model.rows if r.id == measure_id]
    assert (row.status, row.completed_on) == ("verified", date(2026, 1, 5))
    measure = stored(window, lambda s: s.get_one(ControlMeasure, measure_id))
    assert measure.status != "verified"  # the revision as stored is not edited
