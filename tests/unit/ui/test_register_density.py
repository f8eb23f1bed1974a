"""The register scanned on a 1,366 × 768 laptop with the hazard panel open (issue 19): rows of
up to two lines (three stood 9 rows in the table there), the workplace column hidden while one
workplace is listed (it repeated one name down the rows), and the measures' count headed by
an icon, as narrow as its digits (the word «Шаралар» kept it 89 pixels wide)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QApplication, QHeaderView, QStyle, QToolButton
from pytestqt.qtbot import QtBot

from tests.unit.ui.conftest import LAPTOP, SMALL_LAPTOP, dispose, rows_on_screen, show_tab
from wrac_desktop.i18n import _
from wrac_desktop.register import open_register
from wrac_desktop.ui.main_window import MainWindow
from wrac_desktop.ui.screen_fit import FRAME
from wrac_desktop.ui.settings import Settings
from wrac_desktop.ui.tree_model import NODE_ROLE
from wrac_desktop.ui.wrapping import line_height

ROWS_AT_LAPTOP = 12  # the demo's rows wholly in the table, offscreen; 9 on three lines


def first_node(window: MainWindow, depth: int) -> tuple[str, int]:
    """The first node ``depth`` levels under the organisation (1: a site, 3: a workplace)."""
    model = window.tree.tree_model
    index = model.index(0, 0)
    for _level in range(depth):
        index = model.index(0, 0, index)
    node = index.data(NODE_ROLE)
    assert isinstance(node, tuple)
    return node


def test_the_register_shows_many_rows_on_a_laptop(laptop: MainWindow, qtbot: QtBot) -> None:
    view = laptop.register_view
    show_tab(laptop, view, qtbot)
    table = view.table
    shown = rows_on_screen(table)
    assert len(shown) >= ROWS_AT_LAPTOP, len(shown)
    assert all(table.rowHeight(row) <= line_height(table, 2) for row in shown)
    description = view.model.index(shown[0], view.model.column_of("description"))
    assert description.data() in str(description.data(Qt.ItemDataRole.ToolTipRole))


def test_the_workplace_column_is_hidden_while_one_workplace_is_listed(
    laptop: MainWindow,
    qtbot: QtBot,
) -> None:
    view, columns = laptop.register_view, laptop.columns
    show_tab(laptop, view, qtbot)
    header, model = view.table.horizontalHeader(), view.model
    workplace, description = model.column_of("workplace"), model.column_of("description")
    wide = view.table.columnWidth(description)
    laptop.tree.select_node(first_node(laptop, 3))
    QApplication.processEvents()
    assert header.isSectionHidden(workplace)
    assert view.table.columnWidth(description) > wide  # the hazard takes the room
    assert not view.table.horizontalScrollBar().isVisible()
    again = QHeaderView(Qt.Orientation.Horizontal)
    again.setModel(model)
    again.restoreState(laptop.settings.get(columns.kept_as))
    assert not again.isSectionHidden(workplace)  # the next start shows it: not the officer's
    laptop.tree.select_node(first_node(laptop, 1))  # a site: several workplaces again
    assert not header.isSectionHidden(workplace)
    columns.set_shown(workplace, False)  # the officer hides it: it stays hidden
    laptop.tree.select_node(first_node(laptop, 3))
    laptop.tree.select_node(first_node(laptop, 1))
    assert header.isSectionHidden(workplace)


def test_the_measures_count_is_headed_by_an_icon_named_in_its_tooltip(
    demo_file: Path, qtbot: QtBot
) -> None:
    window = MainWindow(open_register(demo_file), Settings())
    window.show()
    QApplication.processEvents()
    table, model = window.register_view.table, window.register_view.model
    count = model.column_of("measure_count")
    across = Qt.Orientation.Horizontal
    assert model.headerData(count, across, Qt.ItemDataRole.ToolTipRole) == _("Measures")
    assert not model.headerData(count, across, Qt.ItemDataRole.DecorationRole).isNull()
    assert table.columnWidth(count) <= 40
    assert table.fontMetrics().horizontalAdvance("88") < table.columnWidth(count) - 8
    entries = [action.text() for action in window.columns.build_menu().actions()]
    assert _("Measures") in entries  # the header's menu names it
    dispose(window, qtbot)


@pytest.mark.parametrize("screen", [LAPTOP, SMALL_LAPTOP], ids=["1366x768", "1280x720"])
def test_the_search_box_shows_its_placeholder_whole(
    demo_in: Path, lang: str, screen: QSize, qtbot: QtBot
) -> None:
    """At 1,280 pixels in Kazakh it read «Қауіптерді іздеу (кез …»: the placeholder is short,
    the box at least as wide as it, the long form in the tooltip."""
    window = MainWindow(open_register(demo_in), Settings())
    window.show()
    window.resize(screen - FRAME - QSize(0, 40))
    QApplication.processEvents()
    search = window.register_view.search
    assert search.placeholderText() == _("Search hazards…")
    assert search.toolTip() == _("Finds hazards by any words of their texts, in any language")
    clear = search.findChild(QToolButton)  # its room is kept while the box is empty too
    frame = search.style().pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth) + 2
    room = (clear.x() if clear is not None else search.width()) - frame
    assert search.fontMetrics().horizontalAdvance(search.placeholderText()) <= room
    assert window.register_view.width() <= window.width()
    dispose(window, qtbot)
