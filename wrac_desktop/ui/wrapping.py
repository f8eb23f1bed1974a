"""Texts that wrap onto a few lines in a narrow column instead of ending in "…" after a word
(issue 19: at 1,366 pixels with the hazard panel open the plan's measure read «Кіруді
болдырма…», the tree's workplaces «Желдетудегі кенші, № 1 б…»).

A table's rows are measured here (``fit_row_heights``). A tree view measures its rows with no
width (Qt's QTreeView::indexRowSizeHint: "if we want word wrapping in the items, we need to ...
set the width of the column"), so every row stayed one line high: ``WrappingDelegate`` gives
the measure its column's width and bounds a row to ``lines`` lines. The style ends the last
line in "…"; the whole text is in the tooltip.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TypeVar

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTreeView,
)

Index = QModelIndex | QPersistentModelIndex
ROW_PADDING = 6  # above and below a row's lines, as the style pads an item


def line_height(view: QAbstractItemView, lines: int) -> int:
    """The height of a row of ``lines`` lines of the view's text."""
    return lines * view.fontMetrics().lineSpacing() + ROW_PADDING


def fit_row_heights(table: QTableView, text: Callable[[int, int], str], lines: int) -> None:
    """Each row of ``table`` as high as its texts (``text(row, column)``) wrapped in the
    columns shown, from one line to ``lines``. Measured here rather than by the table's
    resizeRowsToContents, which asked the model for every role of every cell: 0.55 ms of CPU
    a row, a second for a plan of 1,800 measures, at every resize of the window."""
    boxes, rows = text_boxes(table, lines), table.verticalHeader()
    for row in range(table.model().rowCount()):
        rows.resizeSection(row, wrapped_height(table, boxes, partial(text, row)))


def text_boxes(table: QTableView, lines: int) -> list[tuple[int, QRect]]:
    """Each shown column and the room its cells give their text, ``lines`` lines high."""
    header, spacing = table.horizontalHeader(), table.fontMetrics().lineSpacing()
    margin = table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1
    return [
        (column, QRect(0, 0, max(1, header.sectionSize(column) - 2 * margin), lines * spacing))
        for column in range(header.count())
        if not header.isSectionHidden(column)
    ]


def wrapped_height(
    table: QTableView, boxes: list[tuple[int, QRect]], text: Callable[[int], str]
) -> int:
    """A row's height: its tallest text (``text(column)``) wrapped in its box, at most as
    high as the boxes, at least one line, plus the row's padding."""
    metrics, wrap = table.fontMetrics(), Qt.TextFlag.TextWordWrap.value
    tallest = max((box.height() for _column, box in boxes), default=metrics.lineSpacing())
    high = max(
        (metrics.boundingRect(box, wrap, text(column)).height() for column, box in boxes),
        default=metrics.lineSpacing(),
    )
    return min(max(high, metrics.lineSpacing()), tallest) + ROW_PADDING


class WrappingDelegate(QStyledItemDelegate):
    """Sizes a tree's item to its text wrapped in its column's width less the indent of its
    depth (a group's heading spanning the row: the row's), from one line up to ``lines``."""

    def __init__(self, view: QTreeView, lines: int = 3) -> None:
        super().__init__(view)
        self.view, self.lines = view, lines
        view.setWordWrap(True)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        wrapped = QStyleOptionViewItem(option)
        wrapped.features |= QStyleOptionViewItem.ViewItemFeature.WrapText
        wrapped.rect = QRect(0, 0, self.text_room(index), line_height(self.view, self.lines))
        hint = super().sizeHint(wrapped, index)
        return QSize(hint.width(), min(hint.height(), line_height(self.view, self.lines)))

    def text_room(self, index: Index) -> int:
        """The width the item's cell has in the view."""
        view = self.view
        width = view.columnWidth(index.column())
        if index.column() == 0:
            if view.isFirstColumnSpanned(index.row(), index.parent()):
                width = view.viewport().width()
            depth, parent = 0, index.parent()
            while parent.isValid():
                depth, parent = depth + 1, parent.parent()
            width -= view.indentation() * (depth + int(view.rootIsDecorated()))
        return max(width, 4 * view.fontMetrics().averageCharWidth())


def relayout_on_resize(view: QTreeView) -> None:
    """Measure a tree view's rows again when its columns change width (a tree keeps the row
    heights it measured until its items are laid out again)."""
    view.header().sectionResized.connect(lambda *_args: view.scheduleDelayedItemsLayout())


ListT = TypeVar("ListT", bound=QListView)


def wrap_list(view: ListT) -> ListT:
    """A list whose long entries wrap in its width rather than run off its right edge behind a
    sideways scroll bar (issue 19: the library's «Электролиз: … қышқыл тұманы және күшәна»)."""
    view.setWordWrap(True)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setResizeMode(QListView.ResizeMode.Adjust)  # laid out again at each new width
    return view
