"""The register's active filters as removable chips, with how many hazards are shown.

A heat-map cell filter was invisible and sticky: the register showed 2 of 5 hazards with no
sign of why, and cleared only when another tree node was picked (issue 19, 3)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

from wrac_desktop.i18n import _

CHIP_STYLE = (
    "QToolButton{background:#E3F2FD;color:#0D47A1;border:1px solid #90CAF9;"
    "border-radius:10px;padding:1px 8px;}"
)


@dataclass(frozen=True)
class Chip:
    text: str  # what the filter keeps, in words
    remove: Callable[[], None]  # drops this filter (the list is then shown again)


class FilterChips(QWidget):
    """One chip per active filter (click: removed), then "n of N shown"; hidden with none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 2, 0, 2)
        self.count = QLabel()
        self.chips: list[QToolButton] = []
        self.hide()

    def show_filters(self, chips: list[Chip], shown: int, total: int) -> None:
        for button in self.chips:
            self._layout.removeWidget(button)
            button.deleteLater()
        self._layout.removeWidget(self.count)
        while self._layout.count():  # the stretch
            self._layout.takeAt(0)
        self.chips = [self._chip(chip) for chip in chips]
        for button in self.chips:
            self._layout.addWidget(button)
        self.count.setText(_("{shown} of {total} shown").format(shown=shown, total=total))
        self._layout.addWidget(self.count)
        self._layout.addStretch(1)
        self.setVisible(bool(chips))

    def _chip(self, chip: Chip) -> QToolButton:
        button = QToolButton()
        button.setText(f"{chip.text}  ✕")
        button.setToolTip(_("Remove this filter"))
        button.setStyleSheet(CHIP_STYLE)
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        button.clicked.connect(lambda _checked=False: chip.remove())
        return button
