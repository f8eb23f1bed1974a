"""The hazard panel's table of control measures, read in a dock a third of a laptop's width.

Five columns at fixed widths scrolled sideways there, the measure cut at «Жұмыс орындарында
дірілді …» and the heading at «ерархия дең» (issue 19, seen at 1,366 pixels). The measure and
its hierarchy level are shown, sharing the width, each wrapped onto up to three lines; the
person, the deadline and the status (the action plan's columns) wait in the header's menu.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QAbstractItemView, QTableWidget, QWidget

from wrac_desktop.ui.column_layout import FittedColumns, lettered_widths
from wrac_desktop.ui.wrapping import fit_row_heights

# By column (measure, level, responsible, deadline, status): least and wanted widths in
# average letters, and how the width left over is shared.
LETTERS = ((14, 40), (12, 18), (10, 14), (10, 12), (9, 12))
WEIGHTS = (1.0, 0.0, 0.0, 0.0, 0.0)
HIDDEN = (2, 3, 4)  # shown from the header's menu


class PanelMeasures(QTableWidget):
    """The measures of the hazard shown: rows as high as their wrapped texts."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, len(LETTERS), parent)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        for column in HIDDEN:
            self.horizontalHeader().setSectionHidden(column, True)
        self.setWordWrap(True)
        self.fitted = FittedColumns(self, self.column_widths, WEIGHTS)
        self._measure_rows = QTimer(self, singleShot=True, interval=0)
        self._measure_rows.timeout.connect(self.fit_rows)
        self.fitted.fitted.connect(self._measure_rows.start)

    def fit_rows(self) -> None:
        fit_row_heights(self, self.text, lines=3)

    def text(self, row: int, column: int) -> str:
        item = self.item(row, column)
        return item.text() if item is not None else ""

    def column_widths(self) -> tuple[dict[int, int], dict[int, int]]:
        """By LETTERS (``lettered_widths``), and never narrower than a word of the heading or
        of a level, person, deadline or status shown (the measure wraps wherever it must)."""
        items = [self.horizontalHeaderItem(column) for column in range(self.columnCount())]
        titles = [item.text() if item is not None else "" for item in items]
        words = {
            column: [
                word for row in range(self.rowCount()) for word in self.text(row, column).split()
            ]
            for column in range(1, self.columnCount())
        }
        return lettered_widths(self, LETTERS, titles, words)

    def show_lines(self) -> None:
        """After new rows: the columns fitted to their words, then the rows to their texts."""
        self.fitted.fit()
        self._measure_rows.start()
