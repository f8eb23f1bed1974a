"""The GUI side of concurrent editing: the second user sees both values and chooses."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from wrac_desktop.persistence.audit import Actor
from wrac_desktop.persistence.conflicts import EditConflict, FieldConflict
from wrac_desktop.persistence.models import Assessment, ControlMeasure, Hazard, Workplace
from wrac_desktop.register import open_register
from wrac_desktop.services import editing
from wrac_desktop.ui.conflict_dialog import ConflictDialog
from wrac_desktop.ui.main_window import MainWindow
from wrac_desktop.ui.measure_dialog import MeasureDialog


def stored_notes(path: Path, hazard_id: int) -> str:
    with open_register(path, read_only=True) as register, register.uow.reading() as session:
        return session.get_one(Hazard, hazard_id).notes


def alice_edits_notes(path: Path, hazard_id: int, notes: str) -> None:
    with (
        open_register(path, actor=Actor("Alice", "alice")) as register,
        register.uow.transaction() as session,
    ):
        editing.set_fields(session, Hazard, hazard_id, notes=notes)


@pytest.mark.parametrize("keep_mine", [True, False])
def test_editing_a_hazard_another_user_changed_asks_which_to_keep(
    window: MainWindow, demo_file: Path, keep_mine: bool
) -> None:
    window.register_view.table.selectRow(0)
    editor = window.editor
    hazard_id = editor.hazard_id
    assert hazard_id is not None
    asked: list[EditConflict] = []

    def choose(conflict: EditConflict, _labels: object) -> bool:
        asked.append(conflict)
        return keep_mine

    window.operations.resolve_conflict = choose  # type: ignore[method-assign]
    alice_edits_notes(demo_file, hazard_id, "Alice: checked the fan")  # while it is shown here
    notes = editor._fields["notes"]  # noqa: SLF001
    notes.setPlainText("Mine: fan replaced")
    notes.committed.emit()
    assert [(c.mine, c.theirs, c.changed_by) for c in asked] == [
        ({"notes": "Mine: fan replaced"}, {"notes": "Alice: checked the fan"}, "Alice")
    ]
    expected = "Mine: fan replaced" if keep_mine else "Alice: checked the fan"
    assert stored_notes(demo_file, hazard_id) == expected
    assert notes.toPlainText() == expected  # the editor shows what is saved now


def test_an_edit_without_a_concurrent_change_asks_nothing(
    window: MainWindow, demo_file: Path
) -> None:
    window.register_view.table.selectRow(0)
    hazard_id = window.editor.hazard_id
    assert hazard_id is not None
    window.operations.resolve_conflict = lambda *_a: pytest.fail("no conflict expected")  # type: ignore[method-assign]
    for text in ("first", "second"):  # the editor follows its own row versions
        notes = window.editor._fields["notes"]  # noqa: SLF001
        notes.setPlainText(text)
        notes.committed.emit()
    assert stored_notes(demo_file, hazard_id) == "second"


def test_the_conflict_dialog_shows_both_values(qtbot: QtBot) -> None:
    conflict = EditConflict(
        "hazard",
        7,
        [
            FieldConflict("notes", "Желдеткіш ауыстырылды", "Желдеткіш тексерілді"),
            FieldConflict("initial_likelihood", 2.0, 5.0),
        ],
        their_version=4,
        changed_by="Әйгерім",
    )
    dialog = ConflictDialog(conflict, {"notes": "Ескертпе"})
    qtbot.addWidget(dialog)
    dialog.show()
    cells = [
        [dialog.table.item(row, column).text() for column in range(3)]
        for row in range(dialog.table.rowCount())
    ]
    assert cells == [
        ["Ескертпе", "Желдеткіш ауыстырылды", "Желдеткіш тексерілді"],
        ["Initial likelihood", "2", "5"],
    ]
    Path("artifacts").mkdir(exist_ok=True)
    dialog.grab().save("artifacts/conflict_dialog.png")
    dialog.keep_mine.click()
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_renaming_a_workplace_someone_renamed_meanwhile_asks_too(
    window: MainWindow, demo_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from wrac_desktop.ui.tree_actions import TreeActions

    def alice_renames_while_the_name_is_asked(*_args: object, **_kwargs: object) -> str:
        with (
            open_register(demo_file, actor=Actor("Alice", "alice")) as register,
            register.uow.transaction() as session,
        ):
            editing.set_fields(session, Workplace, 1, name="Alice's name")
        return "My name"

    monkeypatch.setattr(TreeActions, "_ask", alice_renames_while_the_name_is_asked)
    asked: list[EditConflict] = []
    window.operations.resolve_conflict = lambda c, _l: asked.append(c) or True  # type: ignore[method-assign]
    window.tree.select_node(("workplace", 1))
    window.action_map["rename"].trigger()
    assert [(c.mine, c.theirs) for c in asked] == [({"name": "My name"}, {"name": "Alice's name"})]
    with open_register(demo_file, read_only=True) as register, register.uow.reading() as session:
        assert session.get_one(Workplace, 1).name == "My name"


@pytest.mark.parametrize("keep_mine", [True, False])
def test_editing_the_assessment_someone_changed_meanwhile_asks_which_to_keep(
    window: MainWindow, demo_file: Path, keep_mine: bool
) -> None:

    panel = window.team_panel
    panel.refresh()
    assessment_id = panel.assessment_id
    assert assessment_id is not None
    asked: list[EditConflict] = []
    window.operations.resolve_conflict = lambda c, _l: asked.append(c) or keep_mine  # type: ignore[method-assign]
    with (
        open_register(demo_file, actor=Actor("Alice", "alice")) as register,
        register.uow.transaction() as session,
    ):
        editing.set_fields(session, Assessment, assessment_id, title="Alice's title")
    panel.fields["title"].setPlainText("My title")
    panel._commit("title")  # noqa: SLF001 - what editingFinished calls
    assert [(c.mine, c.theirs) for c in asked] == [
        ({"title": "My title"}, {"title": "Alice's title"})
    ]
    with open_register(demo_file, read_only=True) as register, register.uow.reading() as session:
        stored = session.get_one(Assessment, assessment_id).title
    assert stored == ("My title" if keep_mine else "Alice's title")


def _stored_measure(path: Path, measure_id: int) -> ControlMeasure:
    with open_register(path, read_only=True) as register, register.uow.reading() as session:
        measure = session.get_one(ControlMeasure, measure_id)
        session.expunge(measure)
        return measure


@pytest.mark.parametrize(
    ("theirs", "mine", "shown"),
    [
        (
            {"status": "done", "completed_on": date(2026, 11, 2)},
            {"status": "in_progress"},
            {"Status": "Done", "Completed on": "02.11.2026"},
        ),
        (
            {"due_text": "31.03.2027", "due_date": date(2027, 3, 31)},
            {"due": "30.06.2027"},
            {"Deadline": "31.03.2027", "Due date": "31.03.2027"},
        ),
    ],
    ids=["status", "deadline"],
)
def test_a_measure_whose_status_or_deadline_someone_changed_asks_which_to_keep(
    window: MainWindow,
    demo_file: Path,
    monkeypatch: pytest.MonkeyPatch,
    theirs: dict[str, object],
    mine: dict[str, str],
    shown: dict[str, str],
) -> None:
    """The measure dialog's check covers every field it saves: its status and deadline too
    (they were written after the check, over Alice's change, without a word)."""
    window.register_view.table.selectRow(0)
    editor = window.editor
    editor.measures.selectRow(0)
    measure_id = editor._current_measure_id()  # noqa: SLF001
    assert measure_id is not None

    def alice_changes_it_while_the_dialog_is_open(dialog: MeasureDialog) -> int:
        with (
            open_register(demo_file, actor=Actor("Alice", "alice")) as register,
            register.uow.transaction() as session,
        ):
            editing.set_fields(session, ControlMeasure, measure_id, **theirs)
        if "status" in mine:
            dialog.status.setCurrentIndex(dialog.status.findData(mine["status"]))
        else:
            dialog.due.setText(mine["due"])
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(MeasureDialog, "exec", alice_changes_it_while_the_dialog_is_open)
    asked: list[EditConflict] = []
    window.operations.resolve_conflict = lambda c, _l: asked.append(c) or False  # type: ignore[method-assign]
    editor.measures.doubleClicked.emit(editor.measures.currentIndex())
    assert len(asked) == 1
    assert {name: asked[0].theirs[name] for name in theirs} == theirs
    dialog = ConflictDialog(asked[0])  # what the officer reads: words and dates, not keys
    cells = {dialog.table.item(row, 0).text(): dialog.table.item(row, 2).text()
             for row in range(dialog.table.rowCount())}  # fmt: skip
    assert cells == shown
    dialog.deleteLater()
    stored = _stored_measure(demo_file, measure_id)
    assert {name: getattr(stored, name) for name in theirs} == theirs  # kept theirs
