"""What opening a register costs the UI thread (issue 22 item 4): the site tree built once,
the Due tab's reminders read off the UI thread, their rows translated only for the tab shown.
Driven as an officer opens a register: File → Open, then View → Deadlines."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from tests.unit.ui.conftest import dispose, due_read
from wrac_desktop.i18n import current_language
from wrac_desktop.services import reminders, structure
from wrac_desktop.services.hazard_list import HazardFilter, hazard_count
from wrac_desktop.services.register_search import RegisterSearch
from wrac_desktop.ui import due_view, register_view, tree_panel
from wrac_desktop.ui.main_window import MainWindow

DEADLINES_TAB = 5


@pytest.fixture
def empty_window(qtbot: QtBot) -> Iterator[MainWindow]:
    main = MainWindow(None)
    main.show()
    yield main
    dispose(main, qtbot)


def _open_by_the_file_menu(window: MainWindow, path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(path), ""))
    window.action_map["open"].trigger()
    assert window.register is not None


def test_opening_a_register_builds_the_site_tree_once(
    empty_window: MainWindow, demo_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built: list[str | None] = []
    tree = structure.tree

    def counted(work: Any, lang: str | None = None) -> Any:
        built.append(lang)
        return tree(work, lang)

    monkeypatch.setattr(tree_panel.structure, "tree", counted)
    _open_by_the_file_menu(empty_window, demo_file, monkeypatch)
    assert len(built) == 1  # it was built twice: 1.5 s of 5.3 at 100,000 hazards
    assert empty_window.tree.tree_model.rowCount() == 1  # the organisation, shown


def test_the_reminders_are_read_off_the_ui_thread_and_translated_for_the_tab_alone(
    empty_window: MainWindow, demo_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads: list[tuple[bool, str | None]] = []
    read = reminders.reminders

    def watched(work: Any, today: Any = None, lang: str | None = None) -> Any:
        reads.append((threading.current_thread() is threading.main_thread(), lang))
        return read(work, today, lang)

    monkeypatch.setattr(due_view, "reminders", watched)
    window = empty_window
    _open_by_the_file_menu(window, demo_file, monkeypatch)
    due_read(window)
    assert reads == [(False, None)]  # behind the rows, and no row translated for a hidden tab
    assert "measures overdue:" in window.due_view.notice.text()
    window.action_map[f"tab{DEADLINES_TAB}"].trigger()  # View → Deadlines
    assert window.tabs.currentWidget() is window.due_view
    due_read(window)
    assert reads[1:] == [(False, current_language())]
    overdue = window.due_view.tree.topLevelItem(0)
    assert overdue is not None and overdue.childCount() == len(window.due_view.found.overdue) > 0


def test_a_large_registers_tree_is_read_behind_its_first_rows(
    empty_window: MainWindow, demo_file: Path, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    """From READ_BEHIND_FROM hazards (100,000: 0.2 s of the first rows' UI thread), here at
    once: the rows are shown, the tree is read off the UI thread and shown when it is in."""
    held, threads = threading.Event(), []
    tree = structure.tree

    def held_back(work: Any, lang: str | None = None) -> Any:
        threads.append(threading.current_thread() is threading.main_thread())
        held.wait(60)
        return tree(work, lang)

    monkeypatch.setattr(tree_panel, "READ_BEHIND_FROM", 1)
    monkeypatch.setattr(tree_panel.structure, "tree", held_back)
    window = empty_window
    _open_by_the_file_menu(window, demo_file, monkeypatch)
    assert window.register_view.model.rowCount() > 0
    assert window.tree.tree_model.rowCount() == 0  # not yet: being read
    held.set()
    qtbot.waitUntil(lambda: window.tree.tree_model.rowCount() == 1, timeout=30_000)
    assert threads == [False]  # once, and not on the UI thread
    assert window.tree.isExpanded(window.tree.tree_model.index(0, 0))  # as a tree read at once


def test_a_large_registers_list_is_read_behind(
    empty_window: MainWindow, demo_file: Path, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    """From register_view.READ_BEHIND_FROM hazards (100,000: 0.1 s of the UI thread), here at
    once: the list's ids are read off the UI thread and shown when they are in."""
    held, threads = threading.Event(), []
    listed = RegisterSearch.listed

    def held_back(search: RegisterSearch, *args: Any, **order: Any) -> Any:
        threads.append(threading.current_thread() is threading.main_thread())
        held.wait(60)
        return listed(search, *args, **order)

    monkeypatch.setattr(register_view, "READ_BEHIND_FROM", 1)
    monkeypatch.setattr(RegisterSearch, "listed", held_back)
    window = empty_window
    _open_by_the_file_menu(window, demo_file, monkeypatch)
    assert window.register_view.model.rowCount() == 0  # not yet: being read
    held.set()
    qtbot.waitUntil(lambda: window.register_view.model.rowCount() > 0, timeout=30_000)
    assert threads == [False]  # once, and not on the UI thread
    total = window.operations.read(lambda w: hazard_count(w, HazardFilter()))
    assert window.register_view.model.total == total
