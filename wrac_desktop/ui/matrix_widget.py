"""A risk matrix as a grid of buttons: likelihood rows (highest on top), severity columns.

Each cell shows its score in the class colour, or a count of hazards for heat maps. Cells are
real buttons, so they take keyboard focus and clicks alike, and carry native tooltips with
the level descriptions and frequency anchors (people read "likely" very differently). Clicking
a cell emits ``picked(likelihood, severity)``.

No custom painting: a hand-painted version lost its paint engine mid-paint under PySide 6.12
(null engine in QPainter::fillRect, depending on garbage-collection timing).
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGridLayout, QLabel, QSizePolicy, QToolButton, QWidget

from wrac_desktop.i18n import pick
from wrac_desktop.risk.matrix import Level, Matrix

Cell = tuple[float, float]


class MatrixWidget(QWidget):
    picked = Signal(float, float)

    def __init__(self, matrix: Matrix, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._matrix = matrix
        self._exposure: float | None = None
        self._selected: Cell | None = None
        self._counts: dict[Cell, int] | None = None
        self._buttons: dict[Cell, QToolButton] = {}
        self._grid = QGridLayout(self)
        self._grid.setSpacing(2)
        self._build()

    # building ---------------------------------------------------------------------------
    def set_matrix(self, matrix: Matrix) -> None:
        self._matrix, self._selected = matrix, None
        self._build()

    def _build(self) -> None:
        while self._grid.count():
            item = self._grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                # Hidden now: deleteLater waits for the event loop that posted it, and a dialog's
                # own loop (the wizard's preview) kept the old grid drawn behind the new one.
                widget.hide()
                widget.deleteLater()
        self._buttons = {}
        rows = list(reversed(self._matrix.likelihood.levels))
        for row, likelihood in enumerate(rows):
            # Wrapped ("Почти / наверняка") rather than a wider grid; the code stays with the
            # first word (a no-break space), never alone on a line.
            label = QLabel(f"{likelihood.code}\u00a0{pick(likelihood.label)}")
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            label.setWordWrap(True)
            label.setToolTip(pick(likelihood.anchor) or pick(likelihood.description))
            self._grid.addWidget(label, row, 0)
            for column, severity in enumerate(self._matrix.severity.levels):
                self._grid.addWidget(self._button(likelihood, severity), row, column + 1)
        self._add_severity_labels(len(rows))
        self._refresh_cells()

    def _add_severity_labels(self, row: int) -> None:
        """Codes under the columns and the names in a wrapped legend below them.

        Names under the columns made the longest word ("Катастрофические") set each column's
        width: uneven columns, and two heat maps forced a 2,000-pixel-wide window.
        """
        levels = self._matrix.severity.levels
        for column, severity in enumerate(levels):
            code = QLabel(severity.code)
            code.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
            code.setToolTip(f"{pick(severity.label)}: {pick(severity.description)}")
            self._grid.addWidget(code, row, column + 1)
            self._grid.setColumnStretch(column + 1, 1)  # a matrix is read as a regular grid
        self.severity_legend = QLabel(
            f"{pick(self._matrix.severity.name)}: "
            + "\u00a0· ".join(f"{level.code}\u00a0{pick(level.label)}" for level in levels)
        )
        self.severity_legend.setWordWrap(True)
        self.severity_legend.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self._grid.addWidget(self.severity_legend, row + 1, 1, 1, len(levels))
        self._grid.setColumnStretch(0, 0)

    def _button(self, likelihood: Level, severity: Level) -> QToolButton:
        button = QToolButton()
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        button.setMinimumSize(36, 26)
        button.clicked.connect(lambda _c=False, lik=likelihood, sev=severity: self._pick(lik, sev))
        self._buttons[(likelihood.value, severity.value)] = button
        return button

    # state ------------------------------------------------------------------------------
    def set_exposure(self, exposure: float | None) -> None:
        """For three-factor matrices (Fine–Kinney): the exposure the grid is shown for."""
        self._exposure = exposure
        self._refresh_cells()

    def set_selected(self, likelihood: float | None, severity: float | None) -> None:
        both = likelihood is not None and severity is not None
        self._selected = (likelihood, severity) if both else None  # type: ignore[assignment]
        self._refresh_cells()

    def set_counts(self, counts: dict[Cell, int] | None) -> None:
        """Show hazard counts per cell (a heat map) instead of scores."""
        self._counts = counts
        self._refresh_cells()

    def _score(self, likelihood: Level, severity: Level) -> float:
        exposure = self._exposure
        if self._matrix.exposure is not None and exposure is None:
            exposure = self._matrix.exposure.levels[-1].value
        return self._matrix.score(likelihood.value, severity.value, exposure)

    def _refresh_cells(self) -> None:
        for likelihood in self._matrix.likelihood.levels:
            for severity in self._matrix.severity.levels:
                self._refresh_cell(likelihood, severity)

    def _refresh_cell(self, likelihood: Level, severity: Level) -> None:
        button = self._buttons.get((likelihood.value, severity.value))
        if button is None:
            return
        score = self._score(likelihood, severity)
        colour = QColor(self._matrix.band(score).colour)
        count = (self._counts or {}).get((likelihood.value, severity.value), 0)
        if self._counts is not None and count == 0:
            colour = colour.lighter(160)
        selected = self._selected == (likelihood.value, severity.value)
        text_colour = "#FFFFFF" if colour.lightness() < 110 else "#000000"
        border = "3px solid #000000" if selected else "1px solid #555555"
        weight = "bold" if selected or count else "normal"
        button.setStyleSheet(
            f"QToolButton {{ background: {colour.name()}; color: {text_colour};"
            f" border: {border}; font-weight: {weight}; }}"
        )
        button.setText(str(count) if self._counts is not None else f"{score:g}")
        button.setToolTip(self.cell_tooltip(likelihood, severity))

    # interaction ------------------------------------------------------------------------
    def _pick(self, likelihood: Level, severity: Level) -> None:
        self.set_selected(likelihood.value, severity.value)
        self.picked.emit(likelihood.value, severity.value)

    def cell_tooltip(self, likelihood: Level, severity: Level) -> str:
        score = self._score(likelihood, severity)
        band = self._matrix.band(score)
        how_often = pick(likelihood.anchor) or pick(likelihood.description)
        return "\n".join(
            (
                f"{pick(self._matrix.likelihood.name)}: {pick(likelihood.label)} — {how_often}",
                f"{pick(self._matrix.severity.name)}: {pick(severity.label)}"
                f" — {pick(severity.description)}",
                f"{score:g} · {pick(band.name)}: {pick(band.action)}",
            )
        )

    def cell_button(self, likelihood: float, severity: float) -> QToolButton:
        return self._buttons[(likelihood, severity)]

    def sizeHint(self) -> QSize:
        return QSize(
            150 + len(self._matrix.severity.levels) * 90,
            44 + len(self._matrix.likelihood.levels) * 40,
        )
