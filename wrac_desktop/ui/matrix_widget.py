"""A risk matrix drawn as a grid: likelihood rows (highest on top), severity columns.

Cells show the score in the class colour, or a count of hazards for heat maps. Clicking a
cell emits ``picked(likelihood, severity)``; hovering shows the level descriptions and
frequency anchors, because people read "likely" very differently.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from wrac_desktop.i18n import pick
from wrac_desktop.risk.matrix import Level, Matrix

LABEL_WIDTH, LABEL_HEIGHT = 150, 44


class MatrixWidget(QWidget):
    picked = Signal(float, float)

    def __init__(self, matrix: Matrix, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._matrix = matrix
        self._exposure: float | None = None
        self._selected: tuple[float, float] | None = None
        self._counts: dict[tuple[float, float], int] | None = None
        self._lang: str | None = None
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def set_matrix(self, matrix: Matrix) -> None:
        self._matrix, self._selected = matrix, None
        self.update()

    def set_exposure(self, exposure: float | None) -> None:
        """For three-factor matrices (Fine–Kinney): the exposure the grid is drawn for."""
        self._exposure = exposure
        self.update()

    def set_selected(self, likelihood: float | None, severity: float | None) -> None:
        both = likelihood is not None and severity is not None
        self._selected = (likelihood, severity) if both else None  # type: ignore[assignment]
        self.update()

    def set_counts(self, counts: dict[tuple[float, float], int] | None) -> None:
        """Show hazard counts per cell (a heat map) instead of scores."""
        self._counts = counts
        self.update()

    def sizeHint(self) -> QSize:
        columns = len(self._matrix.severity.levels)
        rows = len(self._matrix.likelihood.levels)
        return QSize(LABEL_WIDTH + columns * 96, LABEL_HEIGHT + rows * 40)

    def minimumSizeHint(self) -> QSize:
        return QSize(LABEL_WIDTH + len(self._matrix.severity.levels) * 48, 200)

    # geometry ---------------------------------------------------------------------------
    def _rows(self) -> list[Level]:
        return list(reversed(self._matrix.likelihood.levels))

    def _cell_rect(self, row: int, column: int) -> QRect:
        width = (self.width() - LABEL_WIDTH) / len(self._matrix.severity.levels)
        height = (self.height() - LABEL_HEIGHT) / len(self._rows())
        return QRect(
            int(LABEL_WIDTH + column * width), int(row * height), int(width) - 2, int(height) - 2
        )

    def _cell_at(self, point: QPoint) -> tuple[Level, Level] | None:
        for row, likelihood in enumerate(self._rows()):
            for column, severity in enumerate(self._matrix.severity.levels):
                if self._cell_rect(row, column).contains(point):
                    return likelihood, severity
        return None

    def _score(self, likelihood: Level, severity: Level) -> float | None:
        exposure = self._exposure
        if self._matrix.exposure is not None and exposure is None:
            exposure = self._matrix.exposure.levels[-1].value
        return self._matrix.score(likelihood.value, severity.value, exposure)

    # painting ---------------------------------------------------------------------------
    def paintEvent(self, _event: QPaintEvent) -> None:
        if self.width() <= LABEL_WIDTH or self.height() <= LABEL_HEIGHT:
            return  # not laid out yet: nothing sensible to draw
        painter = QPainter(self)
        if not painter.isActive():
            return
        try:
            self._paint(painter)
        finally:
            painter.end()  # an exception must not leave the painter open on the device

    def _paint(self, painter: QPainter) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for row, likelihood in enumerate(self._rows()):
            self._paint_row_label(painter, row, likelihood)
            for column, severity in enumerate(self._matrix.severity.levels):
                self._paint_cell(painter, row, column, likelihood, severity)
        small = QFont(self.font())
        small.setPointSizeF(self.font().pointSizeF() * 0.85)
        painter.setFont(small)
        metrics = QFontMetrics(small)
        for column, severity in enumerate(self._matrix.severity.levels):
            rect = self._cell_rect(0, column)
            label = pick(severity.label, self._lang)
            shown = metrics.elidedText(label, Qt.TextElideMode.ElideRight, rect.width())
            top = self.height() - LABEL_HEIGHT + 2
            painter.drawText(
                QRect(rect.left(), top, rect.width(), LABEL_HEIGHT // 2),
                Qt.AlignmentFlag.AlignCenter,
                severity.code,
            )
            painter.drawText(
                QRect(rect.left(), top + LABEL_HEIGHT // 2, rect.width(), LABEL_HEIGHT // 2 - 2),
                Qt.AlignmentFlag.AlignCenter,
                shown,
            )

    def _paint_row_label(self, painter: QPainter, row: int, likelihood: Level) -> None:
        rect = self._cell_rect(row, 0)
        label = QRect(0, rect.top(), LABEL_WIDTH - 6, rect.height())
        align = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        painter.drawText(
            label,
            align | Qt.TextFlag.TextWordWrap,
            f"{likelihood.code} {pick(likelihood.label, self._lang)}",
        )

    def _paint_cell(
        self, painter: QPainter, row: int, column: int, likelihood: Level, severity: Level
    ) -> None:
        rect = self._cell_rect(row, column)
        score = self._score(likelihood, severity)
        band = self._matrix.band(score) if score is not None else None
        colour = QColor(band.colour if band else "#DDDDDD")
        count = (self._counts or {}).get((likelihood.value, severity.value), 0)
        if self._counts is not None and count == 0:
            colour = colour.lighter(160)
        painter.fillRect(rect, colour)
        selected = self._selected == (likelihood.value, severity.value)
        painter.setPen(QPen(QColor("#000000"), 3 if selected else 1))
        painter.drawRect(rect)
        font = QFont(self.font())
        font.setBold(selected or bool(count))
        painter.setFont(font)
        text = str(count) if self._counts is not None else f"{score:g}"
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        painter.setFont(self.font())

    # interaction ------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        cell = self._cell_at(event.position().toPoint())
        if cell is not None and event.button() == Qt.MouseButton.LeftButton:
            likelihood, severity = cell
            self.set_selected(likelihood.value, severity.value)
            self.picked.emit(likelihood.value, severity.value)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        cell = self._cell_at(event.position().toPoint())
        if cell is None:
            QToolTip.hideText()
            return
        QToolTip.showText(event.globalPosition().toPoint(), self.cell_tooltip(*cell), self)

    def cell_tooltip(self, likelihood: Level, severity: Level) -> str:
        lang = self._lang
        score = self._score(likelihood, severity)
        band = self._matrix.band(score) if score is not None else None
        how_often = pick(likelihood.anchor, lang) or pick(likelihood.description, lang)
        lines = [
            f"{pick(self._matrix.likelihood.name, lang)}: {pick(likelihood.label, lang)}"
            f" — {how_often}",
            f"{pick(self._matrix.severity.name, lang)}: {pick(severity.label, lang)}"
            f" — {pick(severity.description, lang)}",
        ]
        if band is not None:
            lines.append(f"{score:g} · {pick(band.name, lang)}: {pick(band.action, lang)}")
        return "\n".join(lines)

    def cell_center(self, likelihood: float, severity: float) -> QPoint:
        """Where a cell is on screen (tests click it)."""
        rows = [level.value for level in self._rows()]
        columns = [level.value for level in self._matrix.severity.levels]
        return self._cell_rect(rows.index(likelihood), columns.index(severity)).center()
