"""Heat maps of initial and residual risk: hazards per cell; a click filters the register."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QGroupBox,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from wrac_desktop.i18n import _
from wrac_desktop.risk.matrix import Matrix
from wrac_desktop.services import plan
from wrac_desktop.ui.language import Retranslating
from wrac_desktop.ui.matrix_widget import MatrixWidget
from wrac_desktop.ui.operations import Operations


class MatrixView(Retranslating, QWidget):
    cell_clicked = Signal(str, float, float)  # stage, likelihood, severity

    def __init__(self, operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("matrix-view")
        self.operations = operations
        self.unit_id: int | None = None
        self.grids: dict[str, MatrixWidget] = {}
        self.matrix: Matrix | None = None
        self.hint = QLabel(_("Number of hazards in each cell. Click a cell to list them."))
        self.hint.setWordWrap(True)
        # The two heat maps side by side, one above the other when the tab is narrower than
        # both (on a 1,366-pixel laptop next to the tree and the hazard panel the residual map
        # was cut at the right edge); scrolled down then.
        grids = QWidget()
        self._row = QBoxLayout(QBoxLayout.Direction.LeftToRight, grids)
        self._row.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(grids)
        layout = QVBoxLayout(self)
        self._margin = layout.contentsMargins().left()
        layout.addWidget(self.hint)
        layout.addWidget(scroll, 1)
        operations.changed.connect(self.refresh)

    def retranslate(self) -> None:
        self.hint.setText(_("Number of hazards in each cell. Click a cell to list them."))
        self.set_matrix(self.matrix)  # the titles, and the axis and class names of the grids

    def set_matrix(self, matrix: Matrix | None) -> None:
        self.matrix = matrix
        while self._row.count():
            item = self._row.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.grids = {}
        if matrix is None:
            return
        for stage, title in (("initial", _("Initial risk")), ("residual", _("Residual risk"))):
            grid = MatrixWidget(matrix)
            grid.picked.connect(lambda lik, sev, st=stage: self.cell_clicked.emit(st, lik, sev))
            box = QGroupBox(title)
            QVBoxLayout(box).addWidget(grid)
            self._row.addWidget(box)
            self.grids[stage] = grid
        self._arrange()
        self.refresh()

    def set_unit(self, unit_id: int | None) -> None:
        self.unit_id = unit_id
        self.refresh()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange()

    def _arrange(self) -> None:
        items = (self._row.itemAt(i) for i in range(self._row.count()))
        needed = sum(item.minimumSize().width() for item in items if item is not None)
        needed += self._row.spacing() + 2 * self._margin
        side_by_side = self.width() >= needed
        self._row.setDirection(
            QBoxLayout.Direction.LeftToRight if side_by_side else QBoxLayout.Direction.TopToBottom
        )

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    def refresh(self) -> None:
        if not self.isVisible():
            return  # counted when shown; a hidden view costs nothing on every edit
        for stage, grid in self.grids.items():
            grid.set_counts(self.counts(stage))

    def counts(self, stage: str) -> dict[tuple[float, float], int]:
        unit_id = self.unit_id
        counted = self.operations.read(lambda w: plan.cell_counts(w, stage, unit_id))
        return counted or {}
