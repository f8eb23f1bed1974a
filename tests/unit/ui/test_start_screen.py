"""Issue 19: with no register open the window shows a start screen: the recent registers with
organisation, revision and status, the ways to start, and how a WRAC works."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from wrac_desktop.ui.main_window import MainWindow
from wrac_desktop.ui.settings import Settings


@pytest.fixture
def empty_window(qtbot: QtBot, demo_file: Path) -> MainWindow:
    settings = Settings()
    settings.remember_recent("/nowhere/gone.wrac")
    settings.remember_recent(str(demo_file))
    window = MainWindow(None, settings)
    qtbot.addWidget(window)
    window.show()
    return window


def test_the_start_screen_lists_recent_registers_with_their_state(
    empty_window: MainWindow, qtbot: QtBot
) -> None:
    window = empty_window
    assert window.pages.currentWidget() is window.start_screen
    assert not window.editor_dock.isVisible()  # no hazard panel with nothing to show
    recent = window.start_screen.recent
    assert recent.count() == 2  # listed at once; what each holds is read in the background
    qtbot.waitUntil(lambda: "reading" not in recent.item(1).text(), timeout=20_000)
    first, second = recent.item(0).text(), recent.item(1).text()
    assert "demo.wrac" in first and "revision 1" in first and "draft" in first.lower()
    assert "gone.wrac" in second and "not found" in second
    assert "How a WRAC works" in window.start_screen.guide.text()


def test_its_buttons_are_the_windows_actions(empty_window: MainWindow) -> None:
    buttons = {button.defaultAction().objectName() for button in empty_window.start_screen.buttons}
    assert buttons == {"action_new", "action_open", "action_open_demo", "action_connect"}
    empty_window.switch_language("kk")  # rebuilt with the menus, in the new language
    try:
        texts = [button.text() for button in empty_window.start_screen.buttons]
        assert len(texts) == 4 and "&Ашу…" in [
            b.defaultAction().text() for b in empty_window.start_screen.buttons
        ]
    finally:
        empty_window.switch_language("en")


def test_a_recent_register_opens_from_the_list(empty_window: MainWindow, qtbot: QtBot) -> None:
    window = empty_window
    window.start_screen.recent.itemActivated.emit(window.start_screen.recent.item(0))
    try:
        assert window.register is not None
        assert window.pages.currentWidget() is window.register_page
        assert window.editor_dock.isVisible()  # the panel comes back with a register
    finally:
        window.set_register(None)
    assert window.pages.currentWidget() is window.start_screen


def test_closing_the_window_stops_reading_the_recent_registers(
    qtbot: QtBot, demo_file: Path
) -> None:
    settings = Settings()
    for _copy in range(8):
        settings.remember_recent(str(demo_file))
    window = MainWindow(None, settings)
    qtbot.addWidget(window)
    reading = window.start_screen._reading  # noqa: SLF001 - reading behind
    assert reading is not None and reading.isRunning()
    window.close()  # waits for the reading thread: a running QThread must not be destroyed
    assert reading.isFinished()


def test_open_the_demo_writes_it_once_then_opens_it(
    empty_window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    demo = tmp_path / "data" / "demo.wrac"
    monkeypatch.setattr("wrac_desktop.ui.register_files.demo_register_path", lambda: demo)
    window = empty_window
    button = next(b for b in window.start_screen.buttons if b.defaultAction().objectName()
                  == "action_open_demo")  # fmt: skip
    button.click()  # as the officer does: the start screen's button, the File menu's action
    qtbot.waitUntil(lambda: window.register is not None, timeout=60_000)
    try:
        assert demo.is_file() and window.register.location == str(demo)
    finally:
        window.set_register(None)
    written = demo.stat().st_mtime_ns
    window.action_map["open_demo"].trigger()
    try:
        assert window.register is not None and demo.stat().st_mtime_ns == written
    finally:
        window.set_register(None)
