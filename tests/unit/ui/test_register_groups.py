"""The register's rows under site › division headings (issue 19, risk at a glance): View →
Group by site and division, remembered; headings span the row and are passed over."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from tests.unit.ui.conftest import dispose, stored
from wrac_desktop.persistence.models import Hazard, OrgUnit, Workplace
from wrac_desktop.register import open_register
from wrac_desktop.ui.main_window import MainWindow
from wrac_desktop.ui.settings import Settings


def group(window: MainWindow) -> None:
    """View → Group by site and division, as a user picks it."""
    view_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    (action,) = [a for a in view_menu.actions() if a.objectName() == "action_group_by_unit"]
    action.trigger()


def unit_names(window: MainWindow) -> dict[int, tuple[str, int | None]]:
    query = select(OrgUnit.id, OrgUnit.name, OrgUnit.parent_id)
    rows = stored(window, lambda s: s.execute(query).all())
    return {unit_id: (name, parent) for unit_id, name, parent in rows}


def path_of(units: dict[int, tuple[str, int | None]], unit_id: int) -> str:
    name, parent = units[unit_id]
    return name if parent is None else f"{path_of(units, parent)} › {name}"


def test_grouped_rows_stand_under_their_site_and_division(window: MainWindow) -> None:
    model, table = window.register_view.model, window.register_view.table
    total = model.total
    group(window)
    window.switch_language("ru")  # the demo's language: the headings read as the names stored
    headings = model.heading_rows()
    assert headings and headings[0] == 0 and model.total == total
    assert model.rowCount() == total + len(headings)
    units = unit_names(window)
    query = select(Hazard.id, Workplace.unit_id).join(Workplace)
    unit_of = dict(stored(window, lambda s: s.execute(query).all()))
    under, counts = "", {}
    for row in range(model.rowCount()):
        hazard_id = model.hazard_id(row)
        text = str(model.index(row, 0).data())
        if hazard_id is None:  # a heading: "Site › Division  (n)", across the row
            under, count = text.rsplit("  (", 1)
            counts[under] = int(count.rstrip(")"))
            assert table.columnSpan(row, 0) == model.columnCount()
            assert model.flags(model.index(row, 0)) == Qt.ItemFlag.NoItemFlags
        else:
            assert path_of(units, unit_of[hazard_id]) == under
            counts[under] -= 1
    assert set(counts.values()) == {0}  # each heading counts the hazards under it
    assert len(counts) == len(headings)  # no site › division twice
    window.switch_language("en")
    numbers = [model.headerData(r, Qt.Orientation.Vertical) for r in range(model.rowCount())]
    assert [n for n in numbers if n is not None] == list(range(1, total + 1))
    assert window.status_bar.count.text() == f"{total} hazard(s) shown"


def test_sorting_orders_the_rows_within_each_heading(window: MainWindow) -> None:
    model = window.register_view.model
    group(window)
    headings_before = [str(model.index(r, 0).data()) for r in model.heading_rows()]
    window.register_view.table.sortByColumn(
        model.column_of("initial"), Qt.SortOrder.DescendingOrder
    )
    assert [str(model.index(r, 0).data()) for r in model.heading_rows()] == headings_before
    bounds = [*model.heading_rows(), model.rowCount()]
    for start, end in zip(bounds, bounds[1:], strict=False):
        scores = [model._row(r).row.initial_score or 0 for r in range(start + 1, end)]  # noqa: SLF001
        assert scores == sorted(scores, reverse=True)


def test_the_arrow_keys_pass_over_a_heading(window: MainWindow, qtbot: QtBot) -> None:
    model, table = window.register_view.model, window.register_view.table
    group(window)
    second = model.heading_rows()[1]
    table.setFocus()
    table.selectRow(second - 1)  # the last hazard under the first heading
    qtbot.keyClick(table, Qt.Key.Key_Down)
    assert table.currentIndex().row() == second + 1
    assert window.editor.hazard_id == model.hazard_id(second + 1)


def test_grouping_is_remembered(window: MainWindow, demo_file: Path, qtbot: QtBot) -> None:
    group(window)
    again = MainWindow(open_register(demo_file.with_name("demo.wrac")), Settings())
    try:
        assert again.register_view.group_action.isChecked()
        assert again.register_view.model.heading_rows()
    finally:
        dispose(again, qtbot)
    group(window)  # off again
    assert not window.register_view.model.heading_rows()
    QApplication.processEvents()


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_headings_name_the_sites_and_divisions_in_the_interface_language(
    window: MainWindow, lang: str
) -> None:
    """View → Language switches the headings with the tree: they were the names as stored."""
    group(window)
    window.switch_language(lang)
    model, tree = window.register_view.model, window.tree.tree_model
    shown = {str(model.index(row, 0).data()).rsplit("  (", 1)[0] for row in model.heading_rows()}
    first_site = tree.index(0, 0, tree.index(0, 0))  # organisation › its first site
    site = str(first_site.data()).rsplit("  (", 1)[0]
    division = str(tree.index(0, 0, first_site).data()).rsplit("  (", 1)[0]
    assert f"{site} › {division}" in shown
    window.switch_language("en")
