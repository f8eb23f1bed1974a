"""Small icons drawn by the app: the tree's sites, divisions and workplaces look alike
without them (issue 19, 6). Drawn, not shipped: they follow the style's colours and need no
resource files in the frozen build."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap, QPolygonF

SIZE = 16
COLOURS = {"organisation": "#37474F", "site": "#1565C0", "division": "#6D4C41",
           "workplace": "#2E7D32", "flag": "#C62828", "measures": "#455A64"}  # fmt: skip


@cache
def node_icon(kind: str) -> QIcon:
    """The icon of a tree node kind (an empty icon for an unknown kind)."""
    draw = _DRAWINGS.get(kind)
    if draw is None:
        return QIcon()
    pixmap = QPixmap(SIZE, SIZE)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(COLOURS[kind]))
    draw(painter)
    painter.end()
    return QIcon(pixmap)


def _organisation(painter: QPainter) -> None:
    """A tall building with windows."""
    painter.drawRect(QRectF(3, 1, 10, 14))
    painter.setBrush(QColor("#FFFFFF"))
    for x in (5, 9):
        for y in (3, 7, 11):
            painter.drawRect(QRectF(x, y, 2, 2))


def _site(painter: QPainter) -> None:
    """A headframe over a shaft: a triangle on legs."""
    painter.drawPolygon(QPolygonF([QPointF(8, 1), QPointF(15, 15), QPointF(1, 15)]))
    painter.setBrush(QColor("#FFFFFF"))
    painter.drawPolygon(QPolygonF([QPointF(8, 6), QPointF(11.5, 13), QPointF(4.5, 13)]))


def _division(painter: QPainter) -> None:
    """A folder."""
    painter.drawRoundedRect(QRectF(1, 3, 6, 3), 1, 1)
    painter.drawRoundedRect(QRectF(1, 5, 14, 9), 1.5, 1.5)


def _workplace(painter: QPainter) -> None:
    """A worker in a helmet: head and shoulders."""
    painter.drawEllipse(QRectF(5, 1.5, 6, 6))
    painter.drawRect(QRectF(4, 1.5, 8, 2))  # the helmet's brim
    painter.drawRoundedRect(QRectF(2, 9, 12, 7), 3, 3)


def _flag(painter: QPainter) -> None:
    """A red pennant on a pole: a hazard flagged for re-assessment (issue 18)."""
    painter.drawRect(QRectF(3, 1, 1.5, 14))
    painter.drawPolygon(QPolygonF([QPointF(4.5, 1.5), QPointF(14, 5), QPointF(4.5, 8.5)]))


def _measures(painter: QPainter) -> None:
    """A checklist: three ticked lines (the register's count of a hazard's measures)."""
    for y in (2, 7, 12):
        painter.drawRect(QRectF(1, y, 3, 3))
        painter.drawRect(QRectF(6, y + 1, 9, 1.5))


_DRAWINGS = {"organisation": _organisation, "site": _site, "division": _division,
             "workplace": _workplace, "flag": _flag, "measures": _measures}  # fmt: skip
