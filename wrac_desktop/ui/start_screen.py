"""What the window shows with no register open: the recent registers (organisation,
revision, status), the ways to start, and a short page on how a WRAC works (issue 19)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from wrac_desktop.i18n import _
from wrac_desktop.services.register_cards import RegisterCard, register_card
from wrac_desktop.ui.background import BackgroundJob, Progress, run_in_background

LOCATION_ROLE = Qt.ItemDataRole.UserRole


def how_a_wrac_works() -> str:
    """Two minutes' reading: the method, in the order the app follows it."""
    return "".join(
        (
            "<h3>", _("How a WRAC works"), "</h3><ol>",
            "<li>", _("Describe the organisation, its sites, divisions and workplaces."), "</li>",
            "<li>", _("At each workplace list the hazards, the unwanted event each can cause, "
                      "and who is exposed."), "</li>",
            "<li>", _("Rate the initial risk: how likely the event is and how severe its "
                      "consequence, with the controls already in place."), "</li>",
            "<li>", _("Add control measures, strongest first: elimination, substitution, "
                      "engineering, administrative, personal protective equipment."), "</li>",
            "<li>", _("Rate the residual risk, as it will be once the measures are done."),
            "</li>",
            "<li>", _("The commission approves the revision: it is frozen and fingerprinted; "
                      "later changes go into a new revision."), "</li>",
            "<li>", _("Export the register, the elimination plan and the matrix, and follow "
                      "the plan's measures to completion."), "</li></ol>",
        )
    )  # fmt: skip


class StartScreen(QWidget):
    """``open_location`` opens a recent register (a path or a server address)."""

    def __init__(self, open_location: Callable[[str], None], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("start_screen")
        self._open_location = open_location
        self._reading: BackgroundJob | None = None  # the registers being read for the list
        self.heading = QLabel()
        self.heading.setObjectName("start_heading")
        self.buttons: list[QToolButton] = []
        self._buttons_row = QHBoxLayout()
        self.recent_box = QGroupBox()
        self.recent = QListWidget()
        self.recent.setWordWrap(True)
        self.recent.itemActivated.connect(self._on_recent_activated)
        self.no_recent = QLabel()
        box_layout = QVBoxLayout(self.recent_box)
        box_layout.addWidget(self.recent)
        box_layout.addWidget(self.no_recent)
        self.guide = QLabel()
        self.guide.setWordWrap(True)
        self.guide.setTextFormat(Qt.TextFormat.RichText)
        self.guide.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.guide.setContentsMargins(10, 6, 10, 6)
        guide_area = QScrollArea()
        guide_area.setWidgetResizable(True)
        guide_area.setWidget(self.guide)
        columns = QHBoxLayout()
        columns.addWidget(self.recent_box, 1)
        columns.addWidget(guide_area, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.addWidget(self.heading)
        layout.addLayout(self._buttons_row)
        layout.addLayout(columns, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText("<h2>" + _("Welcome to WRAC Desktop") + "</h2>")
        self.recent_box.setTitle(_("Recent registers"))
        self.no_recent.setText(_("No register opened yet: start a new one or open the demo."))
        self.guide.setText(
            how_a_wrac_works() + "<p>" + _("Press F1 at any time for the user guide.") + "</p>"
        )

    def set_actions(self, actions: Sequence[QAction]) -> None:
        """The buttons are the window's own actions (New, Open, the demo, a server): rebuilt
        with the menus when the language changes."""
        while self._buttons_row.count():
            item = self._buttons_row.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        self.buttons = []
        for action in actions:
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setMinimumHeight(36)
            self._buttons_row.addWidget(button)
            self.buttons.append(button)
        self._buttons_row.addStretch(1)

    def show_recent(self, locations: Sequence[str]) -> None:
        """The registers opened lately, at once; what each holds follows when read. Read on
        the UI thread, eight registers on a network drive held the window blank."""
        self.stop_reading()
        self.recent.clear()
        for location in locations:
            reading = _("reading…")  # not in the f-string: pybabel does not extract it there
            item = QListWidgetItem(f"{location}\n    {reading}")
            item.setData(LOCATION_ROLE, location)
            item.setToolTip(location)
            self.recent.addItem(item)
        self.recent.setVisible(bool(locations))
        self.no_recent.setVisible(not locations)
        if locations:
            self.recent.setCurrentRow(0)
            self._read_cards(list(locations))

    def _read_cards(self, locations: list[str]) -> None:
        def task(progress: Progress) -> list[RegisterCard]:
            cards = []
            for done, location in enumerate(locations):
                progress.step(done, len(locations))  # raises Cancelled once stopped
                cards.append(register_card(location))
            return cards

        def done(cards: list[RegisterCard] | None, _error: BaseException | None) -> None:
            if self._reading is job:  # not a list shown before this one
                self._reading = None
                for card in cards or ():
                    self._show_card(card)

        job = self._reading = run_in_background(self, "", task, done, quiet=True)

    def stop_reading(self) -> None:
        """Stop reading registers (before the window closes, or shows another list)."""
        job, self._reading = self._reading, None
        if job is not None:
            job.stop()

    def _show_card(self, card: RegisterCard) -> None:
        for row in range(self.recent.count()):
            item = self.recent.item(row)
            if item.data(LOCATION_ROLE) == card.location:
                item.setText(f"{card.location}\n    {card.line()}")

    def _on_recent_activated(self, item: QListWidgetItem) -> None:
        self._open_location(item.data(LOCATION_ROLE))
