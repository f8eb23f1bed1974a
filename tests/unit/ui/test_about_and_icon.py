"""Help → About shows pyproject.toml's version; the app carries its icon."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication, QMessageBox

from wrac_desktop.ui.application import create_application
from wrac_desktop.ui.main_window import MainWindow

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "installer"))
from version import project_version  # noqa: E402


def test_about_box_shows_the_project_version(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "about", lambda _parent, _title, text: shown.append(text))
    window.action_map["about"].trigger()
    assert shown and f"WRAC Desktop {project_version()}" in shown[0]


def test_the_application_has_the_wrac_icon(qapp: QApplication) -> None:
    app = create_application(sys.argv[:1])
    assert app.windowIcon().availableSizes()  # the PNG was found and read
    assert app.windowIcon().actualSize(QSize(256, 256)) == QSize(256, 256)
    assert app.desktopFileName() == "wrac-desktop"
