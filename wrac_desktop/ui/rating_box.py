"""One rating (initial or residual): a clickable matrix, the result, and a manual override."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wrac_desktop.i18n import _, pick
from wrac_desktop.risk.matrix import Matrix
from wrac_desktop.risk.rating import StoredRating
from wrac_desktop.ui import ask
from wrac_desktop.ui.matrix_widget import MatrixWidget


class RatingBox(QGroupBox):
    """Emits ``rated(likelihood, severity, exposure)`` and ``overridden(band, reason)``."""

    rated = Signal(float, float, object)
    overridden = Signal(object, str)  # band key or None to clear, reason

    def __init__(self, title: str, matrix: Matrix, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.matrix = matrix  # the one it rates on: the panel keeps a box while it is the same
        self.grid = MatrixWidget(matrix)
        self.grid.setMinimumHeight(240)
        self.result = QLabel()
        self.result.setWordWrap(True)  # an override and its reason make it long
        self.exposure = QComboBox()
        self.exposure.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.exposure.setMinimumContentsLength(12)  # long level names are shown in the list
        self.override_button = QPushButton(_("Override class…"))
        self.override_button.setToolTip(
            _(
                "Replace the computed class by the commission's decision, with a reason; "
                "the computed score stays on record."
            )
        )
        self.grid.setToolTip(
            _("Click the cell for the likelihood (row) and the severity (column) of the event.")
        )
        row = QHBoxLayout()
        row.addWidget(self.exposure, 1)
        row.addStretch()  # takes the room when a two-factor matrix hides the exposure
        row.addWidget(self.override_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.grid)
        layout.addWidget(self.result)
        layout.addLayout(row)
        self._fill_exposure()
        self.grid.picked.connect(self._on_grid_picked)
        self.exposure.activated.connect(self._on_exposure_activated)
        self.override_button.clicked.connect(self._on_override_button_clicked)
        self._rating = StoredRating(None, None)

    def _fill_exposure(self) -> None:
        axis = self.matrix.exposure
        self.exposure.setVisible(axis is not None)
        for level in axis.levels if axis else ():
            self.exposure.addItem(f"E {level.code} · {pick(level.label)}", level.value)
            meaning = pick(level.anchor) or pick(level.description)
            self.exposure.setItemData(
                self.exposure.count() - 1, meaning, Qt.ItemDataRole.ToolTipRole
            )
        if axis is not None:
            self.exposure.setToolTip(
                _("{axis}: how often people are exposed to the hazard").format(axis=pick(axis.name))
            )
        self.exposure.setCurrentIndex(self.exposure.count() - 1)

    def show_rating(self, rating: StoredRating) -> None:
        self._rating = rating
        if rating.exposure is not None:
            self.exposure.setCurrentIndex(self.exposure.findData(rating.exposure))
        self.grid.set_exposure(self.exposure.currentData())
        self.grid.set_selected(rating.likelihood, rating.severity)
        self.result.setText(self.describe(rating))
        self.override_button.setEnabled(rating.computed is not None)

    def describe(self, rating: StoredRating) -> str:
        if rating.computed is None:
            return _("Not rated yet: click a cell of the matrix.")
        band = self.matrix.band_by_key(rating.computed.band_key)
        text = _("Score {score:g} · {band}").format(
            score=rating.computed.score, band=pick(band.name)
        )
        if rating.is_overridden:
            shown = pick(self.matrix.band_by_key(rating.override_band or "").name)
            text += " → " + _("overridden to {band} ({reason})").format(
                band=shown, reason=rating.override_reason
            )
        return text

    def _on_grid_picked(self, likelihood: float, severity: float) -> None:
        self.rated.emit(likelihood, severity, self.exposure.currentData())

    def _on_exposure_activated(self) -> None:
        self.grid.set_exposure(self.exposure.currentData())
        if self._rating.likelihood is not None and self._rating.severity is not None:
            self.rated.emit(
                self._rating.likelihood, self._rating.severity, self.exposure.currentData()
            )

    def _on_override_button_clicked(self) -> None:
        names = [_("(no override)")] + [pick(band.name) for band in self.matrix.bands]
        name, ok = ask.item(self, _("Override class"), _("Class:"), names, 0)
        if not ok:
            return
        if name == names[0]:
            self.overridden.emit(None, "")
            return
        reason, ok = ask.text(self, _("Override class"), _("Reason (required):"))
        if ok:
            band = self.matrix.bands[names.index(name) - 1]
            self.overridden.emit(band.key, reason)
