"""The status bar: where the register is, its revision and state, and how many hazards are
shown, each in its own field with a line between them (issue 19)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QStatusBar, QWidget

from wrac_desktop.i18n import _
from wrac_desktop.services.team import AssessmentSheet
from wrac_desktop.vocabulary import AssessmentStatus

# A deep path widened the window past a laptop's screen: it is elided in the middle.
PLACE_WIDTH = 420


def _separator() -> QFrame:
    line = QFrame()
    line.setFrameShape(QFrame.Shape.VLine)
    line.setFrameShadow(QFrame.Shadow.Sunken)
    return line


class RegisterStatusBar(QStatusBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.place, self.revision, self.count = QLabel(), QLabel(), QLabel()
        self.place.setObjectName("status_place")
        self.separators = (_separator(), _separator())
        fields = (self.place, self.separators[0], self.revision, self.separators[1], self.count)
        for field in fields:
            self.addPermanentWidget(field)

    def show_register(
        self, location: str | None, sheet: AssessmentSheet | None, shown: int | None
    ) -> None:
        """The register at ``location`` (None: none open), its current revision's ``sheet``
        and the number of hazards ``shown`` in the register view."""
        place = location or ""
        self.place.setText(
            self.place.fontMetrics().elidedText(place, Qt.TextElideMode.ElideMiddle, PLACE_WIDTH)
        )
        self.place.setToolTip(place)
        self.revision.setText(
            _("Revision {n}: {status}").format(
                n=sheet.revision, status=AssessmentStatus(sheet.status).label()
            )
            if sheet is not None
            else ""
        )
        self.count.setText(
            _("{count} hazard(s) shown").format(count=shown) if shown is not None else ""
        )
        # A line only between two fields that both say something.
        said = [bool(label.text()) for label in (self.place, self.revision, self.count)]
        for index, line in enumerate(self.separators):
            line.setVisible(any(said[: index + 1]) and said[index + 1])
