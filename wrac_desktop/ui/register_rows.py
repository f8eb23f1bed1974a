"""The register's rows as high as what they show (issue 19): one line where the hazard, its
event and workplace fit on one, up to ``lines`` (RegisterView.LINES) where they wrap; past
that the text ends in "…" and stands whole in the tooltip. Every row three lines high showed
10 rows at 1,366 × 768.

A register of 100,000 rows is not measured row by row: the rows on screen are, each time the
table scrolls, is resized, or its columns or rows change. Rows not yet seen keep the default
height; the table scrolls by rows, so a row measured below the top moves nothing above it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, Qt, QTimer
from PySide6.QtWidgets import QStyle, QTableView

from wrac_desktop.ui.hazard_table import HazardTableModel
from wrac_desktop.ui.risk_chip import RiskChipDelegate, chip_lines
from wrac_desktop.ui.wrapping import ROW_PADDING, text_boxes, wrapped_height

RISK_KEYS = ("initial", "residual")


class ContentRows(QObject):
    """Fits the rows of ``table`` on screen to their texts, ``lines`` lines at most; a risk
    chip (``chips``) that stands on two lines makes its row two lines high."""

    def __init__(self, table: QTableView, chips: RiskChipDelegate, lines: int) -> None:
        super().__init__(table)
        self.table, self.chips, self.lines = table, chips, lines
        self.model: HazardTableModel = table.model()  # type: ignore[assignment]
        self._timer = QTimer(self, singleShot=True, interval=0)  # once for a burst of changes
        self._timer.timeout.connect(self.fit)
        table.verticalScrollBar().valueChanged.connect(self.schedule)
        table.horizontalHeader().sectionResized.connect(self.schedule)
        for signal in (self.model.modelReset, self.model.layoutChanged, self.model.dataChanged):
            signal.connect(self.schedule)
        table.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Resize:
            self.schedule()
        return False

    def schedule(self, *_args: object) -> None:
        self._timer.start()

    def fit(self) -> None:
        """Measure the rows from the top one shown down to the viewport's foot (a row made
        lower brings the next ones into view: they are measured too)."""
        table, model = self.table, self.model
        first = table.rowAt(0)
        if first < 0:
            return
        rows, room = table.verticalHeader(), table.viewport().height()
        risk = {model.column_of(key) for key in RISK_KEYS}
        boxes = text_boxes(table, self.lines)
        texts = [(column, box) for column, box in boxes if column not in risk]
        chips = [column for column, _box in boxes if column in risk]
        row, offset = first, table.rowViewportPosition(first)
        while row < model.rowCount() and offset < room:
            if model.hazard_id(row) is not None:  # a heading keeps its one line
                height = self.row_height(row, texts, chips)
                if rows.sectionSize(row) != height:
                    rows.resizeSection(row, height)
            offset += rows.sectionSize(row)
            row += 1

    def row_height(self, row: int, texts: list[tuple[int, QRect]], chips: list[int]) -> int:
        model, spacing = self.model, self.table.fontMetrics().lineSpacing()

        def text(column: int) -> str:
            return str(model.index(row, column).data() or "")

        icon = self.table.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize) + 4
        boxes = [
            (column, box.adjusted(0, 0, -icon, 0) if self._has_icon(row, column) else box)
            for column, box in texts
        ]  # a flagged hazard's pennant takes room beside its text
        two_lines = self.chips.stacked and not self.chips.one_line
        chip = max((len(chip_lines(text(c), two_lines)) for c in chips), default=1)
        return max(wrapped_height(self.table, boxes, text), chip * spacing + ROW_PADDING)

    def _has_icon(self, row: int, column: int) -> bool:
        return self.model.index(row, column).data(Qt.ItemDataRole.DecorationRole) is not None
