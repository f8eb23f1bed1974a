"""Issue 19, defect 1: the hazard panel shows the selected hazard or nothing, never a stale one.

Driven as the officer does it: clicking in the tree and the register, Edit → Add workplace."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel

from tests.unit.ui.conftest import Answers
from wrac_desktop.ui.main_window import MainWindow
from wrac_desktop.ui.tree_model import NODE_ROLE


def pick_first_hazard(window: MainWindow) -> int:
    window.register_view.table.selectRow(0)
    hazard_id = window.register_view.selected_hazard_id()
    assert hazard_id is not None and window.editor.hazard_id == hazard_id
    assert window.editor._fields["description"].toPlainText()  # noqa: SLF001 - what the user sees
    assert window.editor.add_measure_button.isEnabled()
    return hazard_id


def assert_panel_empty(window: MainWindow) -> None:
    editor = window.editor
    assert editor.hazard_id is None and editor.shown is None
    assert not any(field.toPlainText() for field in editor._fields.values())  # noqa: SLF001
    assert not editor.add_measure_button.isEnabled()
    assert not editor._body.isEnabled()  # noqa: SLF001 - nothing in the panel can be edited
    assert editor.measures.rowCount() == 0
    assert editor.category.currentText() == ""


def click_tree(window: MainWindow, node: tuple[str, int]) -> None:
    index = window.tree.tree_model.index_of(node)
    assert index.isValid()
    window.tree.selectionModel().setCurrentIndex(
        index, QItemSelectionModel.SelectionFlag.ClearAndSelect
    )


def test_a_new_empty_workplace_clears_the_panel(window: MainWindow, answers: Answers) -> None:
    click_tree(window, ("site", 1))
    pick_first_hazard(window)
    answers.texts.append("Машинист подземных установок")
    window.action_map["add_workplace"].trigger()  # selects the new, empty workplace
    node = window.tree.current_node()
    assert node is not None and node[0] == "workplace"
    assert window.register_view.model.rowCount() == 0
    assert_panel_empty(window)


def test_an_existing_workplace_without_hazards_clears_the_panel(
    window: MainWindow, answers: Answers
) -> None:
    answers.texts.append("Пустое место")
    model = window.tree.tree_model
    second_site = model.index(1, 0, model.index(0, 0)).data(NODE_ROLE)
    click_tree(window, second_site)
    window.action_map["add_workplace"].trigger()
    empty = window.tree.current_node()
    assert empty is not None
    click_tree(window, ("site", 1))
    pick_first_hazard(window)
    click_tree(window, empty)
    assert_panel_empty(window)


def test_the_organisation_and_site_nodes_clear_the_panel(window: MainWindow) -> None:
    organisation = window.tree.tree_model.index(0, 0).data(NODE_ROLE)
    assert organisation[0] == "organisation"
    for node in (organisation, ("site", 1)):
        click_tree(window, ("workplace", 1))
        pick_first_hazard(window)
        click_tree(window, node)
        assert window.register_view.model.rowCount() > 0  # hazards listed, none selected
        assert window.register_view.selected_hazard_id() is None
        assert_panel_empty(window)


def test_an_edit_keeps_the_selected_hazard_in_the_panel(window: MainWindow) -> None:
    hazard_id = pick_first_hazard(window)
    field = window.editor._fields["unwanted_event"]  # noqa: SLF001
    field.setPlainText("Падение с высоты")
    field.committed.emit()  # leaving the field commits it; the register reloads
    assert window.register_view.selected_hazard_id() == hazard_id
    assert window.editor.hazard_id == hazard_id
    assert window.editor.shown is not None
    assert window.editor.shown.texts["unwanted_event"] == "Падение с высоты"


def test_a_hazard_hidden_by_the_search_leaves_the_panel(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    pick_first_hazard(window)
    window.register_view.search.setText("no hazard is called this zzzz")
    window.register_view.apply_filter()
    assert window.register_view.model.rowCount() == 0
    assert_panel_empty(window)
