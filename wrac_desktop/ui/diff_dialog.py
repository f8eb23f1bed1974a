"""Assessment → Compare revisions: what was added, removed and changed between two.

Its columns stood as wide as their longest text: a hazard's description or a changed text
ran past the dialog's edge at 1,366 pixels. They share the dialog's width, each change on up
to two lines ending in "…", whole in its tooltip (issue 19).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from wrac_desktop.i18n import _
from wrac_desktop.services import revisions
from wrac_desktop.ui.approval_models import ChangesModel
from wrac_desktop.ui.column_layout import FittedColumns, lettered_widths
from wrac_desktop.ui.operations import Operations
from wrac_desktop.ui.screen_fit import resize_within_screen
from wrac_desktop.ui.wrapping import line_height

# By column (ChangesModel.titles): least and wanted widths in average letters, and how the
# width left over is shared. Rows of LINES lines, not measured one by one: every hazard of a
# register may have changed.
LETTERS = ((8, 10), (8, 14), (16, 50), (10, 20), (10, 40), (10, 40))
WEIGHTS = (0.0, 0.0, 2.0, 0.5, 1.0, 1.0)
LINES = 2


class DiffDialog(QDialog):
    """Two revisions side by side: what was added, removed and changed."""

    def __init__(self, parent: QWidget | None, operations: Operations, numbers: list[int]) -> None:
        super().__init__(parent)
        self.operations = operations
        self.setWindowTitle(_("Compare revisions"))
        resize_within_screen(self, 1000, 560)
        self.model = ChangesModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().setDefaultSectionSize(line_height(self.table, LINES))
        self.fitted = FittedColumns(self.table, self.column_widths, WEIGHTS)
        self.summary = QLabel()
        self.old, self.new = QComboBox(), QComboBox()
        for combo in (self.old, self.new):
            combo.addItems([str(n) for n in numbers])
        self.old.setCurrentIndex(max(0, len(numbers) - 2))
        self.new.setCurrentIndex(len(numbers) - 1)
        for combo in (self.old, self.new):
            combo.currentIndexChanged.connect(self.refresh)
        bar = QHBoxLayout()
        for text, widget in ((_("From revision"), self.old), (_("to revision"), self.new)):
            bar.addWidget(QLabel(text))
            bar.addWidget(widget)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        self.refresh()

    def column_widths(self) -> tuple[dict[int, int], dict[int, int]]:
        """By LETTERS (``lettered_widths``): a heading's words and a kind of change whole."""
        kinds = [_("added"), _("removed"), _("changed")]
        return lettered_widths(self.table, LETTERS, ChangesModel.titles(), {0: kinds})

    def refresh(self, *_args: object) -> None:
        old, new = int(self.old.currentText() or 0), int(self.new.currentText() or 0)
        changes = self.operations.read(lambda w: revisions.revision_changes(w, old, new)) or []
        self.model.set_changes(changes)
        self.summary.setText(_("{count} change(s)").format(count=len(changes)))
