"""Opening a row of the Due view as a user does (double-click, or Enter on the current row):
a measure is selected in the action plan, a flagged hazard on its register row with the tree
on its workplace, a review offers the new revision it is done in."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox, QTreeWidgetItem
from pytestqt.qtbot import QtBot

from tests.unit.ui.conftest import approve_now, due_read, flag_by_a_near_miss, wait_until
from wrac_desktop.ui.due_view import DueView
from wrac_desktop.ui.main_window import MainWindow


def _group(due: DueView, number: int) -> QTreeWidgetItem:
    return due.tree.topLevelItem(number)


def _double_click(due: DueView, item: QTreeWidgetItem) -> None:
    due.tree.scrollToItem(item)  # as a user scrolls down to it
    # Qt 6's mouseDClick is the second click of a double-click only: the first comes before.
    where = due.tree.visualItemRect(item).center()
    QTest.mouseClick(due.tree.viewport(), Qt.MouseButton.LeftButton, pos=where)
    QTest.mouseDClick(due.tree.viewport(), Qt.MouseButton.LeftButton, pos=where)


def _press_enter_on(due: DueView, item: QTreeWidgetItem) -> None:
    due.tree.setCurrentItem(item)
    due.tree.setFocus()
    QTest.keyClick(due.tree, Qt.Key.Key_Return)


def test_a_double_clicked_overdue_measure_is_selected_in_the_action_plan(
    window: MainWindow,
) -> None:
    due = window.due_view
    window.tabs.setCurrentWidget(due)
    due_read(window)
    plan = window.action_plan
    plan.set_due_window(90)  # a filter the measure must not stay hidden behind
    overdue = _group(due, 0)
    assert overdue.childCount() >= 2
    wanted = due.found.overdue[1]  # not the first row: the selection must be this one
    _double_click(due, overdue.child(1))
    assert window.tabs.currentWidget() is plan
    assert plan.selected_measure_ids() == [wanted.id]
    assert plan.due_window.currentData() is None  # "Any deadline": nothing hides the row
    node = window.tree.current_node()
    assert node is not None and node[0] == "workplace"
    listed = {row.workplace for row in plan.model.rows}
    assert listed == {wanted.workplace}  # the plan shows that workplace, as the tree does


def test_enter_on_a_flagged_hazard_opens_its_register_row(window: MainWindow) -> None:
    hazard_id, workplace_id = flag_by_a_near_miss(window, last=True)
    window.register_view.search.setText("no hazard has these words")
    window.register_view.apply_filter()
    due = window.due_view
    window.tabs.setCurrentWidget(due)
    due_read(window)
    flagged = _group(due, 3)
    assert flagged.childCount() == 1
    _press_enter_on(due, flagged.child(0))
    assert window.tabs.currentWidget() is window.register_view
    assert window.tree.current_node() == ("workplace", workplace_id)
    assert window.register_view.search.text() == ""  # the search hid it: dropped
    assert window.register_view.selected_hazard_id() == hazard_id
    wait_until(lambda: window.editor.shown is not None and window.editor.shown.id == hazard_id)


def test_a_review_coming_due_offers_the_new_revision_it_is_done_in(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    today = date.today()
    approve_now(
        window, by="Серікбаев Қ.", position="Бас инженер", on=today - timedelta(days=300),
        next_review_on=today + timedelta(days=20),
    )  # fmt: skip
    asked: list[str] = []

    def answer(_parent: object, _title: str, text: str, *_args: object) -> object:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    due = window.due_view
    window.tabs.setCurrentWidget(due)
    due_read(window)
    reviews = _group(due, 2)
    assert reviews.childCount() == 1
    _double_click(due, reviews.child(0))
    assert len(asked) == 1 and "new revision" in asked[0]
    wait_until(lambda: not window.approval.revising, 120)
    assert window.operations.editable  # the draft the review is done in
    due_read(window)  # read again for the new revision
    _double_click(due, _group(due, 2).child(0))  # the approved one's review is still listed
    assert len(asked) == 1  # not asked again: the draft is shown
    assert window.tabs.currentWidget() is window.register_view


def test_a_group_heading_opens_nothing(window: MainWindow) -> None:
    due = window.due_view
    window.tabs.setCurrentWidget(due)
    due_read(window)
    _press_enter_on(due, _group(due, 0))
    assert window.tabs.currentWidget() is due
