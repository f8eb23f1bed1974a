"""Switching the running app's language: menus, tabs, buttons, headers and Qt's own words."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtWidgets import QFileDialog, QLabel, QPushButton, QTreeView
from pytestqt.qtbot import QtBot

from wrac_desktop.i18n import current_language
from wrac_desktop.ui import language
from wrac_desktop.ui.language import apply_language, startup_language
from wrac_desktop.ui.main_window import MainWindow
from wrac_desktop.ui.settings import LANGUAGE, Settings


@pytest.fixture(autouse=True)
def back_to_english() -> Iterator[None]:
    yield
    apply_language("en")  # Qt's translator and locale; conftest restores our catalogue


def texts_of(window: MainWindow) -> dict[str, str]:
    """What a user reads in each part of the window."""
    editor, plan, team, view = (
        window.editor,
        window.action_plan,
        window.team_panel,
        window.register_view,
    )
    category_label = editor._form.labelForField(editor.category)  # noqa: SLF001
    assert isinstance(category_label, QLabel)
    return {
        "menus": " | ".join(a.text() for a in window.menuBar().actions()),
        "tab": window.tabs.tabText(window.tabs.indexOf(view)),
        "dock": window.editor_dock.windowTitle(),
        "action": window.action_map["open"].text(),
        "header": str(view.table.model().headerData(0, Qt.Orientation.Horizontal)),
        "search": view.search.placeholderText(),
        "editor label": category_label.text(),
        "measure header": editor.measures.horizontalHeaderItem(0).text(),
        "button": plan.done_button.text(),
        "team box": team.box.title(),
        "filter": plan.status.itemText(0),
    }


EXPECTED = {
    "kk": {
        "menus": "&Файл | Тү&зету | &Көрініс | &Бағалау | &Оқиғалар | &Анықтама",
        "tab": "Тізілім",
        "dock": "Қауіп",
        "action": "&Ашу…",
        "header": "Жұмыс\nорны",
        "search": "Қауіптерді іздеу…",
        "editor label": "Қауіп санаты",
        "measure header": "Іс-шара",
        "button": "Орындалды деп белгілеу…",
        "team box": "Бағалау жөніндегі жұмыс тобы",
        "filter": "Барлық мәртебелер",
    },
    "ru": {
        "menus": "&Файл | &Правка | &Вид | &Оценка | Со&бытия | &Справка",
        "tab": "Реестр",
        "dock": "Опасность",
        "action": "&Открыть…",
        "header": "Рабочее\nместо",
        "search": "Поиск опасностей…",
        "editor label": "Категория опасности",
        "measure header": "Мероприятие",
        "button": "Отметить выполненным…",
        "team box": "Рабочая группа по оценке",
        "filter": "Все статусы",
    },
}


def test_switching_language_retranslates_the_open_window(window: MainWindow) -> None:
    english = texts_of(window)
    assert english["menus"] == "&File | &Edit | &View | &Assessment | Eve&nts | &Help"
    for lang in ("kk", "ru"):
        window.switch_language(lang)
        assert texts_of(window) == EXPECTED[lang]
        assert window.action_map[f"lang_{lang}"].isChecked()
    window.switch_language("en")
    assert texts_of(window) == english
    assert Settings().get(LANGUAGE) == "en"


def test_menus_still_work_after_a_switch(window: MainWindow, qtbot: QtBot) -> None:
    window.switch_language("kk")
    assert len(window.menuBar().actions()) == 6  # the old menus are gone, not doubled
    window.action_map["tab2"].trigger()
    assert window.tabs.currentIndex() == 2
    assert window.action_map["add_site"].isEnabled() == window.operations.editable
    assert window.recent_menu.title() == "&Соңғылары"


def test_data_shown_by_name_follows_the_language(window: MainWindow, qtbot: QtBot) -> None:
    window.tabs.setCurrentWidget(window.action_plan)
    window.switch_language("ru")
    model = window.action_plan.model
    level = model.column_of("level")
    levels = {model.data(model.index(row, level)) for row in range(model.rowCount())}
    assert levels and levels <= {
        "Исключение",
        "Замена",
        "Инженерные меры",
        "Организационные меры",
        "СИЗ",
    }


def test_qt_dialogs_are_translated_too(window: MainWindow) -> None:
    window.switch_language("ru")
    assert language.qt_translation_loaded()
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Отмена"
    assert QLocale().name() == "ru_RU"
    window.switch_language("kk")
    assert language.qt_translation_loaded()
    # What qtbase_kk.qm lacks comes from our catalogue; what it has, from it.
    assert QCoreApplication.translate("QFileDialog", "Look in:") == "Қарау орны:"
    assert QCoreApplication.translate("QFileDialog", "Files of type:") == "Файл түрлері:"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Бас тарту"
    window.switch_language("en")
    assert not language.qt_translation_loaded()
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"


def test_the_language_at_startup() -> None:
    assert startup_language("kk", "ru") == "kk"  # --lang wins
    assert startup_language(None, "ru") == "ru"  # then the saved setting
    assert startup_language(None, "de", "kk") == "kk"  # a bad setting is ignored
    assert current_language() in ("kk", "ru", "en")


@pytest.mark.parametrize(("variables", "system", "expected"), [
    ({"LANG": "C"}, "C", "en"), ({"LANG": "en_US.UTF-8"}, "en", "en"),
    ({"LANG": "ru_RU.UTF-8"}, "ru", "ru"), ({"LANG": "kk_KZ.UTF-8"}, "kk", "kk"),
    ({}, "ru", "ru"),  # Windows: no LANG, the system locale says
    ({"LANG": "de_DE.UTF-8"}, "de", "en"),  # none of ours: English, as the CLI speaks
])  # fmt: skip
def test_the_ui_follows_the_system_language_like_the_command_line(
    monkeypatch: pytest.MonkeyPatch, variables: dict[str, str], system: str, expected: str
) -> None:
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    assert startup_language(None, None, system) == expected
    assert current_language() in ("kk", "ru", "en")


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_qts_own_file_dialog_is_translated_whole(lang: str, qtbot: QtBot) -> None:
    """The file dialog as the officer sees it (issue 19, 9): every label and button in the
    language, none in English and none blank. In Russian "Look in:" and "Files of type:" were
    blank: the gap translator answered "" for words it did not know, and Qt took that."""
    apply_language(lang)
    dialog = QFileDialog(None, "Open", "", "WRAC (*.wrac)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    dialog.show()
    words = {
        label.objectName() or label.text(): label.text()
        for label in dialog.findChildren(QLabel) + dialog.findChildren(QPushButton)
        if label.isVisibleTo(dialog)
    }
    assert {"lookInLabel", "fileNameLabel", "fileTypeLabel"} <= set(words)
    for name, text in words.items():
        assert text.strip(), f"{name} is blank"
        assert not text.replace("&", "").isascii(), f"{name} is in English: {text}"
    view = dialog.findChild(QTreeView)
    assert view is not None
    header = [str(view.model().headerData(c, Qt.Orientation.Horizontal)) for c in range(4)]
    assert all(title and not title.isascii() for title in header), header
