"""Issue 16 item 3: a hazard's texts in the other languages, seen and edited beside it, with a
marker where a translation is missing or needs checking."""

from __future__ import annotations

from PySide6.QtGui import QBrush

from tests.unit.ui.conftest import stored
from wrac_desktop.languages import TEXT_LANGUAGES
from wrac_desktop.persistence.models import Hazard, TextTranslation
from wrac_desktop.ui.main_window import MainWindow
from wrac_desktop.ui.translations_dialog import UNCHECKED, TranslationsDialog


def translation(window: MainWindow, source: str) -> TextTranslation | None:
    return stored(  # type: ignore[no-any-return]
        window,
        lambda s: s.query(TextTranslation).filter(TextTranslation.source == source).one_or_none(),
    )


def test_an_edited_hazard_is_marked_until_its_other_language_is_checked(
    window: MainWindow,
) -> None:
    window.register_view.table.selectRow(0)
    editor = window.editor
    hazard_id = editor.hazard_id
    assert hazard_id is not None
    assert editor.languages_marker.text() == ""  # the demo holds every language
    field = editor._fields["description"]  # noqa: SLF001
    edited = field.toPlainText() + " (проверено)"
    field.setPlainText(edited)
    field.committed.emit()
    assert stored(window, lambda s: s.get_one(Hazard, hazard_id).description) == edited
    assert "1" in editor.languages_marker.text()  # its Kazakh version needs checking

    dialog = TranslationsDialog(window.operations, "hazard", hazard_id, editor)
    row = [text.field for text in dialog.texts].index("description")
    kazakh = dialog.grid.item(row, TEXT_LANGUAGES.index("kk"))
    assert kazakh is not None and kazakh.background() == QBrush(UNCHECKED)
    assert dialog.grid.item(row, TEXT_LANGUAGES.index("ru")).font().bold()  # type: ignore[union-attr]
    kazakh.setText(kazakh.text() + " (тексерілді)")
    dialog.accept()
    row_stored = translation(window, edited)
    assert row_stored is not None and row_stored.kk.endswith("(тексерілді)")
    assert row_stored.unchecked == "en"
    assert editor.languages_marker.text() == ""  # kk and ru: nothing left to check


def test_mark_as_checked_confirms_the_texts_as_they_stand(window: MainWindow) -> None:
    window.register_view.table.selectRow(1)
    editor = window.editor
    hazard_id = editor.hazard_id
    assert hazard_id is not None
    field = editor._fields["consequence"]  # noqa: SLF001
    edited = field.toPlainText() + "; травмы рук"
    field.setPlainText(edited)
    field.committed.emit()
    dialog = TranslationsDialog(window.operations, "hazard", hazard_id, editor)
    assert dialog.check_button.isEnabled()
    dialog.check_button.click()
    dialog.accept()
    row_stored = translation(window, edited)
    assert row_stored is not None and row_stored.unchecked == ""


def test_the_editor_edits_the_language_chosen_beside_it_and_marks_the_other(
    window: MainWindow,
) -> None:
    """The fields show the interface language's text, not the stored one; the "kk | ru"
    switch shows and edits the other, and an edit there marks this one "needs checking"."""
    window.register_view.table.selectRow(2)
    editor = window.editor
    hazard_id = editor.hazard_id
    assert hazard_id is not None and editor.text_lang == "ru"
    field = editor._fields["unwanted_event"]  # noqa: SLF001
    russian = field.toPlainText()
    editor.text_language.setCurrentIndex(TEXT_LANGUAGES.index("kk"))
    kazakh = field.toPlainText()
    assert kazakh and kazakh != russian
    field.setPlainText(kazakh + " (жаңартылды)")
    field.committed.emit()
    stored_text = stored(window, lambda s: s.get_one(Hazard, hazard_id).unwanted_event)
    assert stored_text == kazakh + " (жаңартылды)"  # edited in Kazakh: the hazard's text now
    assert field.styleSheet() == ""  # the language just typed needs no check
    editor.text_language.setCurrentIndex(TEXT_LANGUAGES.index("ru"))
    assert field.toPlainText() == russian  # the Russian version, carried over…
    assert UNCHECKED.name() in field.styleSheet()  # …marked to be checked
    assert "(жаңартылды)" in field.toolTip()  # the Kazakh one beside it
    assert "1" in editor.languages_marker.text()
    field.setPlainText(russian + " (проверено)")
    field.committed.emit()  # retranslated: checked
    assert field.styleSheet() == ""
    assert stored(window, lambda s: s.get_one(Hazard, hazard_id).unwanted_event) == (
        russian + " (проверено)"
    )


def test_the_measure_dialog_marks_a_missing_translation(window: MainWindow) -> None:
    from wrac_desktop.services import hazard_panel
    from wrac_desktop.services.hazard_panel import MeasureDraft
    from wrac_desktop.ui.measure_dialog import MeasureDialog
    from wrac_desktop.ui.translations_dialog import MISSING

    window.register_view.table.selectRow(0)
    editor = window.editor
    edited = "Новая мера без перевода"
    editor.add_measure(MeasureDraft(edited))
    shown = editor.shown
    assert shown is not None and shown.measures[-1].description == edited
    measure_id = shown.measures[-1].id
    stored_kk = window.operations.read(lambda w: hazard_panel.stored_measure(w, measure_id, "kk"))
    assert stored_kk is not None and stored_kk.draft.description == ""  # no Kazakh one yet
    dialog = MeasureDialog(editor, stored_kk.draft, stored_kk)
    assert MISSING.name() in dialog.description.styleSheet()
    assert dialog.description.placeholderText() == f"[ru] {edited}"
    assert dialog.responsible.styleSheet() == ""  # an empty field lacks nothing
