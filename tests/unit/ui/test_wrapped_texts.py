"""What the officer reads is whole at 1,366 × 768 with the hazard panel open (issue 19, "nothing
cut"): the plan's measure and the Due tab's text take the spare width and wrap onto up to
three lines, the narrow columns are as wide as their contents, the tree's names wrap rather than
end in "…", the register's texts wrap beside its chips, and nothing scrolls sideways. Checked
in each language through the window's own widgets: header sections, scroll bars, row heights
and tooltips."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QStyle, QWidget
from pytestqt.qtbot import QtBot

from tests.unit.ui.conftest import LAPTOP, LONG_TEXTS, dispose, due_read, rows_on_screen, show_tab
from wrac_desktop.formatting import format_date
from wrac_desktop.i18n import _
from wrac_desktop.register import open_register
from wrac_desktop.services import structure
from wrac_desktop.ui import settings as setting
from wrac_desktop.ui.library_picker import LibraryPicker
from wrac_desktop.ui.main_window import MainWindow, tree_width
from wrac_desktop.ui.risk_chip import CHIP_PADDING, chip_lines
from wrac_desktop.ui.screen_fit import FRAME
from wrac_desktop.ui.settings import Settings
from wrac_desktop.ui.wrapping import line_height
from wrac_desktop.vocabulary import MeasureStatus

MARGINS = 12  # a cell's margins, both sides, in a column fitted to its words


def text_room(view: QWidget, width: int) -> int:
    """What a cell ``width`` pixels wide leaves its text: the style's margin on each side."""
    margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    return width - 2 * margin


def lines_needed(metrics: QFontMetrics, text: str, width: int) -> int:
    """Lines ``text`` takes wrapped at word boundaries in ``width`` pixels (0: a word is
    wider than that)."""
    if any(metrics.horizontalAdvance(word) > width for word in text.split()):
        return 0
    shape = Qt.TextFlag.TextWordWrap.value
    height = metrics.boundingRect(QRect(0, 0, width, 10_000), shape, text).height()
    return round(height / metrics.lineSpacing())


def test_the_plans_measure_takes_the_spare_width_and_wraps(
    laptop: MainWindow, qtbot: QtBot
) -> None:
    plan = laptop.action_plan
    show_tab(laptop, plan, qtbot)
    table, model = plan.table, plan.model
    header = table.horizontalHeader()
    assert not table.horizontalScrollBar().isVisible()
    assert table.wordWrap()
    shown = [c for c in range(header.count()) if not header.isSectionHidden(c)]
    widths = {model.COLUMNS[c][0]: header.sectionSize(c) for c in shown}
    # The measure is the widest column, and the narrow ones no wider than their contents.
    assert widths["description"] == max(widths.values()), widths
    assert widths["description"] >= 180, widths
    # The status and the deadline as wide as their longest word (or heading word), no wider.
    cell, heading = table.fontMetrics(), header.fontMetrics()
    contents = {
        "status": [word for status in MeasureStatus for word in status.label().split()],
        "due_text": [format_date(date(2026, month, 28)) for month in range(1, 13)] + [_("overdue")],
    }
    for key, texts in contents.items():
        title = str(model.headerData(model.column_of(key), Qt.Orientation.Horizontal))
        longest = max(
            [cell.horizontalAdvance(text) for text in texts]
            + [heading.horizontalAdvance(word) for word in title.split()]
            + [6 * cell.averageCharWidth()]
        )
        assert longest + MARGINS <= widths[key] <= longest + MARGINS + 1, (key, widths)
    # Rows as high as their measure wrapped: one line to three, never more.
    one, three = cell.lineSpacing(), 3 * cell.lineSpacing()
    description = model.column_of("description")
    heights = [table.rowHeight(row) for row in range(model.rowCount())]
    assert max(heights) <= three + 12 and max(heights) >= 2 * one, heights[:20]
    wrapped = 0
    for row in range(model.rowCount()):
        index = model.index(row, description)
        text = str(index.data())
        assert index.data(Qt.ItemDataRole.ToolTipRole) == text  # whole in the tooltip
        needed = lines_needed(cell, text, text_room(table, widths["description"]))
        if 1 < needed <= 3:  # a measure of two or three lines stands whole
            wrapped += 1
            assert table.rowHeight(row) >= needed * one, (row, text)
    assert wrapped, "the demo's measures run over one line"


def test_the_due_tab_wraps_what_is_due_without_sideways_scrolling(
    laptop: MainWindow, qtbot: QtBot
) -> None:
    due = laptop.due_view
    show_tab(laptop, due, qtbot)
    due_read(laptop)
    tree = due.tree
    assert tree.topLevelItemCount() and not tree.horizontalScrollBar().isVisible()
    assert tree.wordWrap()
    header = tree.header()
    assert sum(header.sectionSize(c) for c in range(4)) <= tree.viewport().width()
    widths = [header.sectionSize(c) for c in range(4)]
    assert widths[2] == max(widths) and widths[2] >= 200, widths  # "What"
    metrics = tree.fontMetrics()
    first = tree.topLevelItem(0)
    assert first.childCount()
    tall = 0
    for number in range(first.childCount()):
        item = first.child(number)
        for column in range(4):
            assert item.toolTip(column) == item.text(column)
        date_shown = tree.visualItemRect(item).width()
        assert date_shown > 0
        assert (
            metrics.horizontalAdvance(item.text(0)) + MARGINS <= widths[0] - 2 * tree.indentation()
        )
        needed = lines_needed(metrics, item.text(2), text_room(tree, widths[2]))
        if 1 < needed <= 3:
            tall += 1
            assert tree.visualItemRect(item).height() >= needed * metrics.lineSpacing()
    assert tall, "the demo's overdue measures run over one line"


def test_the_trees_names_wrap_whole_at_its_first_width(laptop: MainWindow, qtbot: QtBot) -> None:
    tree = laptop.tree
    assert laptop.splitter.sizes()[0] == tree_width(laptop.screen().availableSize().width())
    assert tree.wordWrap()
    metrics = tree.fontMetrics()
    beside = tree.iconSize().width() + text_room(tree, 0) * -2  # the icon and its margin
    checked = 0
    index = tree.model().index(0, 0)
    while index.isValid():
        rect = tree.visualRect(index)
        if rect.isValid() and rect.bottom() < tree.viewport().height():  # on screen
            text = str(index.data())
            name = text.rpartition("  (")[0]
            assert index.data(Qt.ItemDataRole.ToolTipRole).startswith(name)
            needed = lines_needed(metrics, text, text_room(tree, rect.width() - beside))
            assert needed > 0 and needed * metrics.lineSpacing() <= rect.height(), (text, rect)
            checked += 1
        index = tree.indexBelow(index)
    assert checked > 10


def test_the_trees_width_is_kept_when_the_officer_moves_it(demo_in: Path, qtbot: QtBot) -> None:
    settings = Settings()
    window = MainWindow(open_register(demo_in), settings)
    window.show()
    window.resize(LAPTOP - FRAME - QSize(0, 40))
    QApplication.processEvents()
    window.splitter.moveSplitter(360, 1)  # the handle dragged, as a mouse does
    assert window.tree.width() == 360
    dispose(window, qtbot)
    again = MainWindow(open_register(demo_in), settings)
    again.show()
    again.resize(LAPTOP - FRAME - QSize(0, 40))
    QApplication.processEvents()
    assert again.tree.width() == 360
    dispose(again, qtbot)


def test_the_registers_texts_wrap_beside_whole_risk_chips(laptop: MainWindow, qtbot: QtBot) -> None:
    view = laptop.register_view
    show_tab(laptop, view, qtbot)
    table, model = view.table, view.model
    assert not table.horizontalScrollBar().isVisible()
    assert table.wordWrap()
    cell = table.fontMetrics()
    most = view.LINES
    for row in rows_on_screen(table):  # as high as its texts wrapped, LINES lines at most
        texts = [str(model.index(row, c).data() or "") for c in (0, 3, 4)]
        widths = [text_room(table, table.columnWidth(c)) for c in (0, 3, 4)]
        needed = [lines_needed(cell, t, w) or most for t, w in zip(texts, widths, strict=True)]
        lines = min(most, max(needed + [2 if view._chips.stacked else 1]))  # noqa: SLF001
        assert lines * cell.lineSpacing() <= table.rowHeight(row) <= line_height(table, lines)
    description = model.column_of("description")
    assert table.columnWidth(description) >= 120
    right = max(table.columnViewportPosition(c) + table.columnWidth(c) for c in range(6))
    assert right <= table.viewport().width()  # every column on screen, the count too
    for key in ("initial", "residual"):
        column = model.column_of(key)
        chips = table.itemDelegateForColumn(column)
        for row in range(min(40, model.rowCount())):
            text = str(model.index(row, column).data() or "")
            for line in chip_lines(text, chips.stacked):
                assert cell.horizontalAdvance(line) + CHIP_PADDING <= table.columnWidth(column)
    wrapped = 0
    for row in range(min(40, model.rowCount())):
        index = model.index(row, description)
        text = str(index.data())
        assert text in str(index.data(Qt.ItemDataRole.ToolTipRole))
        if lines_needed(cell, text, text_room(table, table.columnWidth(description))) > 1:
            wrapped += 1
    assert wrapped, "some hazards of the demo run over one line: they wrap"


def test_the_panels_measures_read_whole_in_its_dock(laptop: MainWindow, qtbot: QtBot) -> None:
    """Five columns at fixed widths scrolled sideways in the dock: the measure and its level
    share the width, wrapped; the rest wait in the header's menu."""
    table = laptop.editor.measures
    qtbot.waitUntil(lambda: table.rowCount() > 0)
    qtbot.wait(50)  # the rows measured after the columns
    header = table.horizontalHeader()
    shown = [c for c in range(header.count()) if not header.isSectionHidden(c)]
    assert shown == [0, 1] and not table.horizontalScrollBar().isVisible()
    assert table.wordWrap()
    assert sum(header.sectionSize(c) for c in shown) <= table.viewport().width()
    assert header.sectionSize(0) > header.sectionSize(1)
    metrics = table.fontMetrics()
    for row in range(table.rowCount()):
        for column in shown:
            item = table.item(row, column)
            assert item.toolTip() == item.text()
            needed = lines_needed(
                metrics, item.text(), text_room(table, header.sectionSize(column))
            )
            if column == 1:  # a level's words whole
                assert needed > 0, item.text()
            if 0 < needed <= 3:
                assert table.rowHeight(row) >= needed * metrics.lineSpacing(), item.text()


def type_text(widget: QWidget, text: str) -> None:
    """Key presses carrying each letter (QTest.keyClicks knows ASCII keys only)."""
    for letter in text:
        key, plain = Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier
        QTest.sendKeyEvent(QTest.KeyAction.Click, widget, key, letter, plain)


def test_the_panels_hazard_and_event_read_whole_and_save_on_enter(
    laptop: MainWindow, lang: str, qtbot: QtBot
) -> None:
    """A long hazard typed in the panel wraps onto as many lines as it needs (it was one line
    ending mid-word); Enter saves it as it did in a line edit, one paragraph, one Undo step."""
    editor = laptop.editor
    hazard_id = editor.hazard_id
    for name in ("description", "unwanted_event"):
        field = editor._fields[name]  # noqa: SLF001 - the widget the officer types in
        field.setFocus()
        field.selectAll()
        type_text(field, LONG_TEXTS[lang])
        QTest.keyClick(field, Qt.Key.Key_Return)  # saved; no line break typed
        assert editor.hazard_id == hazard_id and editor.shown is not None
        assert editor.shown.texts[name] == LONG_TEXTS[lang]
        assert field.toPlainText() == LONG_TEXTS[lang]
        QApplication.processEvents()  # the scroll bar's range set after the layout
        metrics = field.fontMetrics()
        room = field.viewport().width() - 2 * int(field.document().documentMargin())
        needed = lines_needed(metrics, LONG_TEXTS[lang], room)
        assert needed >= 2, "the text runs over one line in the dock"
        assert field.viewport().height() >= needed * metrics.lineSpacing(), (name, needed)
        block = field.document().firstBlock()  # as QPlainTextEdit decides on a scroll bar:
        margin = field.document().documentMargin()
        assert field.viewport().height() >= field.blockBoundingRect(block).height() + margin + 1
        assert field.verticalScrollBar().maximum() == 0  # nothing scrolled out of sight
        assert field.viewport().width() + field.x() <= editor.viewport().width()
    assert laptop.operations.undo_stack.undoText() == _("Edit hazard")
    QTest.keyClick(editor._fields["description"], Qt.Key.Key_Return)  # noqa: SLF001
    assert laptop.operations.undo_stack.count() == 2  # Enter on the same text: nothing saved


def test_a_short_hazard_takes_one_line(laptop: MainWindow, qtbot: QtBot) -> None:
    field = laptop.editor._fields["people_exposed"]  # noqa: SLF001
    field.setPlainText("ТЖМ")
    assert field.lines_needed() == 1
    assert field.height() < 2 * field.fontMetrics().lineSpacing() + 12


def test_compact_rows_show_twice_the_register_a_line_each(laptop: MainWindow, qtbot: QtBot) -> None:
    """View → Compact rows: a row a line, half as many again as the two-line ones at 1,366 ×
    768 (13 of the demo's rows on screen), texts ending in "…" and whole in their tooltips,
    the chips on one line; remembered for the next start."""
    view = laptop.register_view
    show_tab(laptop, view, qtbot)
    table, model = view.table, view.model
    before = len(rows_on_screen(table))
    laptop.action_map["compact_rows"].trigger()
    qtbot.waitUntil(lambda: table.rowHeight(0) == line_height(table, 1))
    qtbot.wait(50)  # the rows on screen measured
    shown = rows_on_screen(table)
    assert 2 * len(shown) >= 3 * before, (before, len(shown))
    assert all(table.rowHeight(row) == line_height(table, 1) for row in shown)
    assert not table.wordWrap()  # a line ends in "…" at the cell's end
    description = model.index(0, model.column_of("description"))
    assert description.data() in str(description.data(Qt.ItemDataRole.ToolTipRole))
    assert laptop.settings.get(setting.REGISTER_COMPACT)
    laptop.action_map["compact_rows"].trigger()  # back: up to two lines again
    assert table.wordWrap()
    qtbot.waitUntil(lambda: table.rowHeight(shown[0]) > line_height(table, 1))


SHORT_TEXTS = {"kk": ("Шу", "Саңыраулық"), "ru": ("Шум", "Глухота"), "en": ("Noise", "Deafness")}


def test_a_row_of_short_texts_is_no_higher_than_they_need(
    laptop: MainWindow, lang: str, qtbot: QtBot
) -> None:
    """Rows are measured on screen (issue 19): a hazard and event of a word each, the
    workplace column hidden, stand on one line, or two beside a stacked chip; the rest keep
    up to three."""
    view, editor = laptop.register_view, laptop.editor
    show_tab(laptop, view, qtbot)
    table, model = view.table, view.model
    table.horizontalHeader().hideSection(model.column_of("workplace"))
    hazard_id = editor.hazard_id
    for name, text in zip(("description", "unwanted_event"), SHORT_TEXTS[lang], strict=True):
        field = editor._fields[name]  # noqa: SLF001
        field.setPlainText(text)
        field.committed.emit()
        qtbot.waitUntil(lambda n=name, t=text: model.index(
            model.row_of(hazard_id), model.column_of(n)).data() == t)  # fmt: skip
    row = model.row_of(hazard_id)  # type: ignore[arg-type]
    assert row is not None and row in rows_on_screen(table)
    lines = 2 if view._chips.stacked else 1  # noqa: SLF001
    qtbot.waitUntil(lambda: table.rowHeight(row) == line_height(table, lines))
    heights = [table.rowHeight(r) for r in rows_on_screen(table)]
    most = line_height(table, view.LINES)
    assert all(line_height(table, lines) <= high <= most for high in heights)


def test_the_team_tabs_title_and_scope_read_whole(
    laptop: MainWindow, lang: str, qtbot: QtBot
) -> None:
    """The scope of the demo ended «…жерасты кеніші, карь» in a line edit (issue 19)."""
    panel = laptop.team_panel
    show_tab(laptop, panel, qtbot)
    for name in ("title", "scope"):
        field = panel.fields[name]
        field.setPlainText(LONG_TEXTS[lang])
        field.committed.emit()
        assert panel.shown is not None and panel.shown.texts[name] == LONG_TEXTS[lang]
        QApplication.processEvents()
        assert field.lines_needed() >= 2
        margin = field.document().documentMargin()
        block = field.blockBoundingRect(field.document().firstBlock())
        assert field.viewport().height() >= block.height() + margin + 1
        assert field.verticalScrollBar().maximum() == 0


def test_the_librarys_long_hazards_wrap_in_the_picker(laptop: MainWindow, qtbot: QtBot) -> None:
    """«Электролиз: … қышқыл тұманы және күшәна» ran off the picker's right edge."""
    library = laptop.operations.read(structure.hazard_library)
    assert library is not None
    picker = LibraryPicker(laptop, library)
    qtbot.addWidget(picker)
    picker.show()
    picker.resize(360, 400)  # narrower than it opens: the entries wrap again
    QApplication.processEvents()
    results = picker.results
    assert not results.horizontalScrollBar().isVisible()
    metrics, room = results.fontMetrics(), results.viewport().width()
    wrapped = 0
    for row in range(results.count()):
        item = results.item(row)
        rect = results.visualItemRect(item)
        assert rect.width() <= room, item.text()
        if metrics.horizontalAdvance(item.text()) > room:  # longer than the list is wide
            wrapped += 1
            assert rect.height() >= 2 * metrics.lineSpacing(), item.text()
    assert wrapped, "some of the library's hazards are longer than the list is wide"
