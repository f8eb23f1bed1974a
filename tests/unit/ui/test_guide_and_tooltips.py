"""Issue 19: F1 opens a short user guide in the app's language with every shortcut listed,
and each rating control says what its level means."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLabel, QToolButton
from pytestqt.qtbot import QtBot

from wrac_desktop.resources import resource_path
from wrac_desktop.risk.presets import PRESETS
from wrac_desktop.ui.guide import GuideDialog, guide_text, placeholders, plain
from wrac_desktop.ui.main_window import MainWindow
from wrac_desktop.ui.rating_box import RatingBox
from wrac_desktop.ui.start_screen import how_a_wrac_works

SECTIONS = {
    "en": ("Assess", "Approve", "Export", "Merge a field copy"),
    "ru": ("Оценка", "Утверждение", "Выгрузка", "Слияние полевой копии"),
    "kk": ("Бағалау", "Бекіту", "Экспорт", "Далалық көшірмені біріктіру"),
}


@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_f1_opens_the_guide_in_the_apps_language_with_the_shortcuts(
    window: MainWindow, qtbot: QtBot, lang: str
) -> None:
    guide = window.action_map["guide"]
    assert guide.shortcut() == QKeySequence(QKeySequence.StandardKey.HelpContents)
    window.switch_language(lang)
    try:
        window.action_map["guide"].trigger()
        dialog = window.guide
        qtbot.addWidget(dialog)
        assert isinstance(dialog, GuideDialog) and dialog.isVisible()
        text = dialog.browser.toPlainText()
        for section in SECTIONS[lang]:
            assert section in text, section
        for key in ("export", "find", "add_measure", "undo", "guide"):
            shortcut = (
                window.action_map[key].shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            )
            assert shortcut and shortcut in text, key
        dialog.close()
    finally:
        window.switch_language("en")


def test_the_guide_ships_in_three_languages() -> None:
    for lang in ("en", "ru", "kk"):
        assert resource_path("guide", f"{lang}.html").is_file()


def test_every_rating_control_says_what_its_level_means(qtbot: QtBot) -> None:
    for matrix in PRESETS.values():
        box = RatingBox("Initial risk", matrix)
        qtbot.addWidget(box)
        assert box.override_button.toolTip() and box.grid.toolTip()
        for button in box.grid.findChildren(QToolButton):
            assert button.toolTip(), matrix.key
        labels = [
            label
            for label in box.grid.findChildren(QLabel)
            if label is not box.grid.severity_legend
        ]
        assert labels and all(label.toolTip() for label in labels), matrix.key
        if matrix.exposure is not None:
            assert box.exposure.toolTip()
            for index in range(box.exposure.count()):
                assert box.exposure.itemData(index, Qt.ItemDataRole.ToolTipRole), matrix.key


@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_the_guide_names_each_command_as_the_menus_do_now(window: MainWindow, lang: str) -> None:
    """The guides named menu entries by hand, and named some that had been renamed: each
    command is now a key the menus' own words replace, in every language."""
    wanted = placeholders(guide_text("en"))
    assert {"approve", "export", "merge", "save_copy", "undo", "how_a_wrac_works"} <= wanted
    assert placeholders(guide_text(lang)) == wanted  # the three guides name the same commands
    window.switch_language(lang)
    try:
        page = window.guide_page()
        assert "{{" not in page  # every key names a placed action, or a page
        approve = window.action_map["approve"]
        menu = next(
            top.menu() for top in window.menuBar().actions() if approve in top.menu().actions()
        )
        path = f"{plain(menu.title())} → {plain(approve.text())}"
        assert f"<b>{path}</b>" in page
        assert how_a_wrac_works() in page
    finally:
        window.switch_language("en")


def test_no_two_actions_share_a_shortcut(window: MainWindow) -> None:
    """A key two actions share does neither: Add hazard and the Hazard panel both had
    Ctrl+Shift+H."""
    keys: dict[str, str] = {}
    for name, action in window.action_map.items():
        for shortcut in action.shortcuts():
            text = shortcut.toString()
            assert text not in keys, (name, keys.get(text), text)
            keys[text] = name
