"""Risk classes drawn as coloured chips: a rounded badge in the class colour, so a glance
down the register's first columns finds the red and orange rows (issue 19, risk at a glance)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QRectF, Qt
from PySide6.QtGui import QBrush, QHelpEvent, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolTip,
)

HEADING_ROLE = Qt.ItemDataRole.UserRole + 2  # True on a site › division heading's cells
MARGIN, RADIUS = 3, 7
TEXT_MARGIN = 8  # room left beside the text inside the chip
CHIP_PADDING = 2 * MARGIN + TEXT_MARGIN + 6  # a cell's width beyond its text (grid line, slack)
SEPARATOR = " · "  # between a chip's score and its class: "21 · Значительный"


def chip_lines(text: str, stacked: bool) -> list[str]:
    """A chip's text as drawn: on one line, or ``stacked``, the score over the class."""
    return text.split(SEPARATOR, 1) if stacked and SEPARATOR in text else [text]


class RiskChipDelegate(QStyledItemDelegate):
    """Paints a cell's text on its BackgroundRole colour as a chip; a cell with no colour
    (not rated) is painted as usual. ``stacked``: the score over the class, where a class's
    name is long (two «21 · Значительный» chips on one line took 314 of the Russian
    register's 630 pixels at 1,366 with the panel open)."""

    stacked = False
    one_line = False  # compact rows: a stacked chip shows its class alone

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
        # As high as its lines in a row of three (the texts beside it wrap), in the middle.
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        metrics = option.fontMetrics  # type: ignore[attr-defined]
        room = int(chip.width()) - TEXT_MARGIN
        lines = chip_lines(text, self.stacked)
        if self.one_line:  # a stacked chip's class alone (all alike), its score in the tooltip
            lines = lines[-1:]
        high = len(lines) * metrics.lineSpacing() + 2 * TEXT_MARGIN
        if chip.height() > high:
            chip.adjust(0, (chip.height() - high) / 2, 0, -(chip.height() - high) / 2)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(background)
        painter.drawRoundedRect(chip, RADIUS, RADIUS)
        foreground = index.data(Qt.ItemDataRole.ForegroundRole)
        if isinstance(foreground, QBrush):
            painter.setPen(foreground.color())
        shown = [metrics.elidedText(line, Qt.TextElideMode.ElideRight, room) for line in lines]
        painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, "\n".join(shown))
        painter.restore()

    def helpEvent(  # noqa: N802 - Qt's name
        self,
        event: QHelpEvent,
        view: QAbstractItemView,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        """The chip's whole text as its tooltip: a compact row shows the class alone."""
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if event.type() == QEvent.Type.ToolTip and text and not index.data(HEADING_ROLE):
            QToolTip.showText(event.globalPos(), str(text), view)
            return True
        return super().helpEvent(event, view, option, index)
