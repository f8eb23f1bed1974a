"""File → Merge register…: the conflict dialog and the whole action, as a user drives them."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from tests.unit.ui.conftest import dispose
from wrac_desktop.persistence.models import Hazard
from wrac_desktop.register import Register, open_register
from wrac_desktop.services import merge
from wrac_desktop.services.merge_plan import Choice
from wrac_desktop.ui.background import BackgroundJob
from wrac_desktop.ui.main_window import MainWindow
from wrac_desktop.ui.merge_dialog import MergeDialog

ARTIFACTS = Path(__file__).resolve().parents[3] / "artifacts"
LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def field_file(demo_file: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "field.wrac"
    shutil.copy(demo_file, copy)
    return copy


def describe(register: Register, hazard_id: int, text: str) -> None:
    with register.uow.transaction() as session:
        session.get_one(Hazard, hazard_id).description = text


def description(register: Register, hazard_id: int) -> str:
    with register.uow.reading() as session:
        return session.get_one(Hazard, hazard_id).description


@pytest.fixture
def diverged(demo_file: Path, field_file: Path) -> Iterator[tuple[Register, Register]]:
    with open_register(demo_file) as office, open_register(field_file) as field:
        describe(field, 1, "Көміртек тотығы (далада)")
        describe(office, 1, "Улы газдар (кеңседе)")
        describe(field, 2, "Шу — 92 дБА")
        yield office, field


def test_the_dialog_shows_both_values_and_takes_a_choice(diverged, qtbot: QtBot) -> None:
    office, field = diverged
    dialog = MergeDialog(None, merge.preview(office, field))
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1
    assert "Улы газдар (кеңседе)" in dialog.table.item(0, 1).text()
    assert "Көміртек тотығы (далада)" in dialog.table.item(0, 2).text()
    assert "would update: 1 × hazard" in dialog.summary.text()
    (key,) = dialog.choices()
    assert dialog.choices() == {key: Choice.MINE}  # nothing changes unless the user says so
    qtbot.mouseClick(dialog.take_all, LEFT)
    assert dialog.choices() == {key: Choice.THEIRS}
    qtbot.mouseClick(dialog.keep_all, LEFT)
    assert dialog.choices() == {key: Choice.MINE}
    dialog.show()
    qtbot.waitExposed(dialog)
    ARTIFACTS.mkdir(exist_ok=True)
    assert dialog.grab().save(str(ARTIFACTS / "merge_dialog.png"))


def test_many_conflicts_list_a_bounded_few_and_one_choice_for_the_rest(
    demo_file: Path, field_file: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each listed conflict has a combo box of its own (about a millisecond of the UI thread
    each): beyond ``SHOWN_CONFLICTS`` the rest follow one choice, also in the answer."""
    from wrac_desktop.ui import merge_dialog

    monkeypatch.setattr(merge_dialog, "SHOWN_CONFLICTS", 2)
    with open_register(demo_file) as office, open_register(field_file) as field:
        for hazard_id in (1, 2, 3):
            describe(office, hazard_id, f"кеңседе {hazard_id}")
            describe(field, hazard_id, f"далада {hazard_id}")
        dialog = MergeDialog(None, merge.preview(office, field))
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 2 and len(dialog.conflicts) == 3
    assert set(dialog.choices().values()) == {Choice.MINE} and len(dialog.choices()) == 3
    dialog.rest.setCurrentIndex(dialog.rest.findData(Choice.THEIRS))
    kept = dialog.choices()
    assert [kept[c.uuid] for c in dialog.conflicts] == [Choice.MINE, Choice.MINE, Choice.THEIRS]
    qtbot.mouseClick(dialog.take_all, LEFT)
    assert set(dialog.choices().values()) == {Choice.THEIRS}


@pytest.fixture
def merge_window(demo_file: Path, field_file: Path, qtbot: QtBot) -> Iterator[MainWindow]:
    with open_register(field_file) as field:
        describe(field, 1, "Көміртек тотығы (далада)")
        describe(field, 2, "Шу — 92 дБА")
    main = MainWindow(open_register(demo_file))
    main.show()
    yield main
    dispose(main, qtbot)


def test_merge_from_the_file_menu_runs_off_the_ui_thread(
    merge_window: MainWindow, field_file: Path, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    register = merge_window.register
    assert register is not None
    describe(register, 1, "Улы газдар (кеңседе)")
    told: list[str] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(field_file), ""))
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a: told.append(text))

    def take_theirs(dialog: MergeDialog) -> int:
        dialog.choose_all(Choice.THEIRS)
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(MergeDialog, "exec", take_theirs)
    plans: list[object] = []
    plan = merge._plan
    monkeypatch.setattr(merge, "_plan", lambda *args: plans.append(args) or plan(*args))
    merge_window.action_map["merge"].trigger()
    assert merge_window.operations.job is not None  # the preview reads in the background
    qtbot.waitUntil(lambda: bool(told), timeout=30_000)
    assert merge_window.merges.last_report is not None
    assert len(plans) == 1  # the merge wrote the plan the officer saw, not a second one
    assert description(register, 1) == "Көміртек тотығы (далада)"
    assert description(register, 2) == "Шу — 92 дБА"
    assert "updated: 2 × hazard" in told[-1]
    assert merge_window.operations.undo_stack.count() == 0
    merge_window.action_map["merge"].trigger()  # again: nothing new, and it says so
    qtbot.waitUntil(lambda: len(told) == 2, timeout=30_000)
    assert "nothing new" in told[-1]


def test_cancelling_writes_nothing(
    merge_window: MainWindow, field_file: Path, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    register = merge_window.register
    assert register is not None
    before = description(register, 2)
    asked: list[MergeDialog] = []

    def cancel(dialog: MergeDialog) -> int:
        asked.append(dialog)
        return QDialog.DialogCode.Rejected.value

    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(field_file), ""))
    monkeypatch.setattr(MergeDialog, "exec", cancel)
    merge_window.action_map["merge"].trigger()
    qtbot.waitUntil(lambda: bool(asked), timeout=30_000)
    assert description(register, 2) == before
    assert merge_window.merges.last_report is None


def test_merging_the_open_register_into_itself_shows_an_error(
    merge_window: MainWindow,
    demo_file: Path,
    monkeypatch: pytest.MonkeyPatch,
    shown_errors,
    qtbot: QtBot,
) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(demo_file), ""))
    merge_window.action_map["merge"].trigger()
    qtbot.waitUntil(lambda: bool(shown_errors), timeout=30_000)
    assert len(shown_errors) == 1 and "itself" in shown_errors[0]
    shown_errors.clear()


def test_cancel_while_the_merge_writes_keeps_nothing(
    merge_window: MainWindow, field_file: Path, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    """The progress dialog's Cancel reaches the merge: pressed while it writes, the merge's
    transaction is rolled back (before, the merge never asked and was written whole)."""
    register = merge_window.register
    assert register is not None
    before = description(register, 2)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(field_file), ""))
    monkeypatch.setattr(MergeDialog, "exec", lambda _d: QDialog.DialogCode.Accepted.value)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a: told.append(text))
    pressed: list[BackgroundJob] = []
    record = merge._record

    def cancel_while_recording(*args: Any) -> None:
        record(*args)
        job = merge_window.operations.job
        assert job is not None
        job.worker.cancel_requested = True  # as the progress dialog's Cancel does
        pressed.append(job)

    monkeypatch.setattr(merge, "_record", cancel_while_recording)
    merge_window.action_map["merge"].trigger()
    qtbot.waitUntil(lambda: bool(pressed), timeout=30_000)
    qtbot.waitUntil(lambda: pressed[0].isFinished(), timeout=30_000)
    assert description(register, 2) == before
    assert merge_window.merges.last_report is None
    assert told == []
