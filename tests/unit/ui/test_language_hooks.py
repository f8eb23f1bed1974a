"""Issue 16 item 3 in the window: a tree node's name and the team panel's texts are edited in
kk, ru and en through "Languages…", and the register shows each text in the interface's
language, or where it has none yet, in another one in italics."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from tests.conftest import Sample
from tests.unit.ui.conftest import stored
from wrac_desktop.i18n import set_language
from wrac_desktop.languages import TEXT_LANGUAGES
from wrac_desktop.persistence.models import Assessment, TextTranslation, Workplace
from wrac_desktop.register import Register
from wrac_desktop.services import translations
from wrac_desktop.services.hazard_list import HazardFilter
from wrac_desktop.ui.action_plan import ActionPlanView
from wrac_desktop.ui.hazard_table import HazardTableModel
from wrac_desktop.ui.main_window import MainWindow
from wrac_desktop.ui.operations import Operations
from wrac_desktop.ui.translations_dialog import TranslationsDialog
from wrac_desktop.ui.tree_panel import TreePanel

EVENT = "Жарылыстан кейінгі газбен улану"  # the sample hazard's unwanted event, Kazakh only


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[TranslationsDialog]:
    """Each "Languages…" dialog the window opens, left open for the test to fill."""
    dialogs: list[TranslationsDialog] = []

    def record(dialog: TranslationsDialog) -> int:
        dialogs.append(dialog)
        return int(QDialog.DialogCode.Rejected)

    monkeypatch.setattr(TranslationsDialog, "exec", record)
    return dialogs


def fill(dialog: TranslationsDialog, field: str, lang: str, text: str) -> None:
    row = [t.field for t in dialog.texts].index(field)
    item = dialog.grid.item(row, TEXT_LANGUAGES.index(lang))
    assert item is not None
    item.setText(text)
    dialog.accept()


def translation_of(window: MainWindow, source: str) -> TextTranslation:
    return stored(  # type: ignore[no-any-return]
        window, lambda s: s.query(TextTranslation).filter(TextTranslation.source == source).one()
    )


def test_the_tree_edits_a_workplace_name_in_other_languages(
    window: MainWindow, opened: list[TranslationsDialog]
) -> None:
    window.tree.select_node(("workplace", 1))
    window.action_map["name_languages"].trigger()
    assert [dialog.record for dialog in opened] == [("workplace", 1)]
    name = stored(window, lambda s: s.get_one(Workplace, 1).name)
    fill(opened[0], "name", "en", "Shaft sinker (checked)")
    assert translation_of(window, name).en == "Shaft sinker (checked)"
    window.tree.select_node(("site", 1))
    window.action_map["name_languages"].trigger()
    assert opened[-1].record == ("org_unit", 1)
    assert window.action_map["name_languages"].shortcut().toString() == "Shift+F2"


def test_the_team_panel_edits_the_title_and_a_position_in_other_languages(
    window: MainWindow, opened: list[TranslationsDialog]
) -> None:
    panel = window.team_panel
    panel.refresh()
    panel.languages_button.click()
    assessment_id = panel.assessment_id
    assert assessment_id is not None and opened[0].record == ("assessment", assessment_id)
    title = stored(window, lambda s: s.get_one(Assessment, assessment_id).title)
    fill(opened[0], "title", "en", "Risk assessment (English)")
    assert translation_of(window, title).en == "Risk assessment (English)"
    panel.team.selectRow(0)
    panel.member_languages_button.click()
    member = panel.team.item(0, 0)
    assert member is not None
    assert opened[1].record == ("team_member", member.data(Qt.ItemDataRole.UserRole))


def test_the_register_shows_a_text_with_no_version_in_italics_until_translated(
    sample_register: tuple[Register, Sample],
) -> None:
    register, ids = sample_register
    set_language("ru")
    model = HazardTableModel()
    model.set_source(register, HazardFilter())
    index = model.index(0, model.column_of("unwanted_event"))
    assert model.data(index) == EVENT
    assert model.data(index, Qt.ItemDataRole.FontRole).italic()
    assert "Қазақша" in model.data(index, Qt.ItemDataRole.ToolTipRole)
    with register.uow.transaction() as session:
        assessment = session.get_one(Assessment, ids.assessment_id)
        translations.translate(session, assessment, EVENT, "ru", "Отравление газами после взрыва")
    model.refresh()
    assert model.data(index) == "Отравление газами после взрыва"
    assert model.data(index, Qt.ItemDataRole.FontRole) is None
    set_language("kk")
    model.retranslate()  # a language switch reads the texts again
    assert model.data(index) == EVENT and model.data(index, Qt.ItemDataRole.FontRole) is None


def test_the_tree_names_each_node_in_the_interface_language_or_in_italics(
    sample_register: tuple[Register, Sample], qtbot: QtBot
) -> None:
    register, ids = sample_register
    set_language("ru")
    operations = Operations()
    operations.set_register(register)
    tree = TreePanel(operations)
    qtbot.addWidget(tree)
    tree.refresh()
    index = tree.tree_model.index_of(("workplace", ids.workplace_id))
    assert index.data() == "Үңгілеуші  (1)"  # Kazakh only: shown as written, in italics
    assert index.data(Qt.ItemDataRole.FontRole).italic()
    with register.uow.transaction() as session:
        assessment = session.get_one(Assessment, ids.assessment_id)
        translations.translate(session, assessment, "Үңгілеуші", "ru", "Проходчик")
    tree.refresh()
    index = tree.tree_model.index_of(("workplace", ids.workplace_id))
    assert index.data() == "Проходчик  (1)" and index.data(Qt.ItemDataRole.FontRole) is None
    set_language("kk")
    tree.retranslate()
    assert tree.tree_model.index_of(("workplace", ids.workplace_id)).data() == "Үңгілеуші  (1)"


def test_the_action_plan_shows_a_measure_with_no_version_in_italics(
    sample_register: tuple[Register, Sample], qtbot: QtBot
) -> None:
    register, ids = sample_register
    set_language("ru")
    operations = Operations()
    operations.set_register(register)
    view = ActionPlanView(operations)
    qtbot.addWidget(view)
    view.show()
    view.refresh()
    model = view.model
    column = [key for key, _title in model.COLUMNS].index("description")
    row = [r.description for r in model.rows].index("Жергілікті желдету желдеткіштері")
    assert model.data(model.index(row, column), Qt.ItemDataRole.FontRole).italic()
    assert "Қазақша" in model.data(model.index(row, column), Qt.ItemDataRole.ToolTipRole)
    with register.uow.transaction() as session:
        assessment = session.get_one(Assessment, ids.assessment_id)
        translations.translate(
            session, assessment, "Жергілікті желдету желдеткіштері", "ru", "Местные вентиляторы"
        )
    view.refresh()
    row = [r.description for r in model.rows].index("Местные вентиляторы")
    assert model.data(model.index(row, column), Qt.ItemDataRole.FontRole) is None
