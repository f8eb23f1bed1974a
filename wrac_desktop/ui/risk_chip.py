"""Risk classes drawn as coloured chips: a rounded badge in the class colour, so a glance
down the register's first columns finds the red and orange rows (issue 19, risk at a glance)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, Qt
from PySide6.QtGui import QBrush, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

HEADING_ROLE = Qt.ItemDataRole.UserRole + 2  # True on a site › division heading's cells
MARGIN, RADIUS = 3, 7
TEXT_MARGIN = 8  # room left beside the text inside the chip
CHIP_PADDING = 2 * MARGIN + TEXT_MARGIN + 6  # a cell's width beyond its text (grid line, slack)


class RiskChipDelegate(QStyledItemDelegate):
    """Paints a cell's text on its BackgroundRole colour as a chip; a cell with no colour
    (not rated) is painted as usual."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        background = index.data(Qt.ItemDataRole.BackgroundRole)
        if not isinstance(background, QBrush) or index.data(HEADING_ROLE):
            super().paint(painter, option, index)
            return
        if option.state & QStyle.StateFlag.State_Selected:  # type: ignore[attr-defined]
            painter.fillRect(option.rect, option.palette.highlight())  # type: ignore[attr-defined]
        chip = QRectF(option.rect).adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN)  # type: ignore[attr-defined]
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(background)
        painter.drawRoundedRect(chip, RADIUS, RADIUS)
        foreground = index.data(Qt.ItemDataRole.ForegroundRole)
        if isinstance(foreground, QBrush):
            painter.setPen(foreground.color())
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        shown = option.fontMetrics.elidedText(  # type: ignore[attr-defined]
            text, Qt.TextElideMode.ElideRight, int(chip.width()) - TEXT_MARGIN
        )
        painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, shown)
        painter.restore()
