"""A register on a PostgreSQL server is connected to off the UI thread (issue 22 items 2 and 7):
the driver's import, the login, the schema's check and the first statements compiled for the new
connection took 0.34 s of the UI thread's CPU in one go at 10,000 hazards, and the window waited
on the server's answers meanwhile (stall_bench --server)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.unit.ui.conftest import ShownErrors, dispose
from wrac_desktop.errors import WracError
from wrac_desktop.register import Register, open_register
from wrac_desktop.ui import register_files
from wrac_desktop.ui.main_window import MainWindow

URL = "postgresql+psycopg://officer@db.example:5432/register"


def test_a_server_register_is_opened_off_the_ui_thread(
    demo_file: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: list[threading.Thread] = []

    def connect(location: str, **_options: object) -> Register:
        assert location == URL
        threads.append(threading.current_thread())
        return open_register(demo_file)  # the server's part is not what this tests

    monkeypatch.setattr(register_files, "open_location", connect)
    window = MainWindow(None)
    window.show()
    try:
        window.open_path(URL)
        qtbot.waitUntil(lambda: window.register is not None, timeout=60_000)
        assert threads and threads[0] is not threading.main_thread()
        assert window.register_view.model.total == 120  # then shown as any register
    finally:
        dispose(window, qtbot)


def test_a_failed_connection_is_shown_and_nothing_opens(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, shown_errors: ShownErrors
) -> None:
    def refused(_location: str, **_options: object) -> Register:
        raise WracError("the server db.example refused the connection")

    monkeypatch.setattr(register_files, "open_location", refused)
    window = MainWindow(None)
    window.show()
    try:
        window.open_path(URL)
        qtbot.waitUntil(lambda: bool(shown_errors), timeout=60_000)
        assert shown_errors == ["the server db.example refused the connection"]
        assert window.register is None
        shown_errors.clear()
    finally:
        dispose(window, qtbot)
