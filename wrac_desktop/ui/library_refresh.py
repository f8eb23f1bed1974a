"""Assessment → Refresh library texts…: the library texts the officer never edited whose
library wording changed since they were picked, offered to refresh in every language
(issue 16 item 2; ``services.library_refresh`` decides which, and records the change).

Opening a register looks for them too, behind the window's rows: when the library shipped
with the app words some of them differently, a bar above the register offers "Refresh N
texts" or "Not now", without a modal question.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from wrac_desktop.i18n import _
from wrac_desktop.register import Register
from wrac_desktop.services import library_refresh
from wrac_desktop.services.library_refresh import Refresh
from wrac_desktop.services.work import Work
from wrac_desktop.ui.actions import ActionSpec, Controller, Needs
from wrac_desktop.ui.background import BackgroundJob, Cancelled, Progress
from wrac_desktop.ui.keyboard import tab_through_buttons
from wrac_desktop.ui.language import Retranslating
from wrac_desktop.ui.operations import Operations
from wrac_desktop.ui.screen_fit import resize_within_screen

# After the check on opening has started (``approval_ui.OPEN_CHECK_DELAY_MS``): the rows first.
OFFER_DELAY_MS = 600
BAR_STYLE = (
    "QFrame#library-refresh-bar { background:#D1ECF1; }"
    " QFrame#library-refresh-bar > QLabel { color:#0C5460; }"
)


class LibraryRefreshDialog(QDialog):
    """One line per text: the field, its text now and the library's; each ticked to refresh."""

    def __init__(self, found: list[Refresh], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Refresh library texts"))
        resize_within_screen(self, 1000, 500)
        self.found = found
        self.table = QTableWidget(len(found), 3)
        self.table.setHorizontalHeaderLabels(
            [_("Field"), _("Text in the register"), _("Text in the library now")]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        for row, item in enumerate(found):
            field = QTableWidgetItem(f"{item.title} · {item.library_id}")
            field.setFlags(field.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            field.setCheckState(Qt.CheckState.Checked)
            self.table.setItem(row, 0, field)
            self.table.setItem(row, 1, QTableWidgetItem(item.old_text))
            self.table.setItem(row, 2, QTableWidgetItem(item.new_text))
        self.table.resizeRowsToContents()
        note = QLabel(
            _(
                "These texts were picked from the hazard library and never edited; the "
                "library words them differently now. Ticked ones take the library's text in "
                "every language."
            )
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        tab_through_buttons(buttons)

    def chosen(self) -> list[Refresh]:
        """The ticked lines."""
        return [
            item
            for row, item in enumerate(self.found)
            if (cell := self.table.item(row, 0)) is not None
            and cell.checkState() == Qt.CheckState.Checked
        ]


class LibraryRefreshBar(Retranslating, QFrame):
    """The offer made on opening: what it is, "Refresh N texts" and "Not now"; its words
    follow a language switch."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("library-refresh-bar")
        self.setStyleSheet(BAR_STYLE)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.refresh = QPushButton()
        self.not_now = QPushButton()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.refresh)
        layout.addWidget(self.not_now)
        self.count = 0
        self.hide()

    def offer(self, count: int) -> None:
        self.count = count
        self.retranslate()
        self.show()

    def retranslate(self) -> None:
        count = self.count
        self.text.setText(
            _(
                "The hazard library of this version words {count} texts of the register "
                "differently. They were taken from the library and never edited; refreshed, "
                "they take the library's wording in every language. Texts you edited stay as "
                "they are."
            ).format(count=count)
        )
        self.refresh.setText(_("Refresh {count} texts").format(count=count))
        self.not_now.setText(_("Not now"))


class LibraryRefreshController(Controller):
    """Offers the refresh (from the menu, and on opening through ``bar``); ``tell`` shows a
    short message in the status bar."""

    def __init__(self, parent: QWidget, operations: Operations, tell: Callable[[str], None]):
        super().__init__()
        self.parent, self.operations, self.tell = parent, operations, tell
        self.bar = LibraryRefreshBar()
        self.bar.refresh.clicked.connect(self._on_refresh_clicked)
        self.bar.not_now.clicked.connect(self.bar.hide)
        self.offered: list[Refresh] = []  # what the bar offers
        self.looking: BackgroundJob | None = None  # the search made on opening
        self.refreshing: BackgroundJob | None = None  # the refresh the bar started
        self._pending: object | None = None

    def offer(self) -> None:
        found = self.operations.read(library_refresh.refreshable) or []
        if not found:
            self.tell(_("no library text to refresh"))
            return
        dialog = LibraryRefreshDialog(found, self.parent)
        if dialog.exec():
            self.refresh(dialog.chosen())

    def refresh(self, chosen: list[Refresh]) -> None:
        if chosen:
            count = self.operations.run(
                _("Refresh library texts"), lambda w: library_refresh.apply_refresh(w, chosen)
            )
            if count:
                self.bar.hide()
                self.tell(_("{count} texts refreshed from the hazard library").format(count=count))

    # on opening ---------------------------------------------------------------------------
    def check_on_open(self) -> None:
        """Look for refreshable texts of the register just set, off the UI thread, shortly
        after its rows are shown; the bar offers them. Not for a register that cannot be
        edited (read-only, or its current revision approved)."""
        self.bar.hide()
        self.offered = []
        self._pending = None
        register = self.operations.register
        if register is None or not self.operations.editable:
            return
        token = self._pending = object()
        QTimer.singleShot(OFFER_DELAY_MS, self.bar, lambda: self._look(register, token))

    def _look(self, register: Register, token: object) -> None:
        if self._pending is not token or self.operations.register is not register:
            return  # another register was set meanwhile
        self._pending = None

        def task(work: Work, _progress: Progress) -> list[Refresh]:
            return library_refresh.refreshable(work)

        def done(found: list[Refresh] | None, error: BaseException | None) -> None:
            self.looking = None
            if self.operations.register is not register or isinstance(error, Cancelled):
                return
            if error is not None:
                self.operations.report(error)
            elif found and self.operations.editable:
                self.offered = found
                self.bar.offer(len(found))

        self.looking = self.operations.in_background(
            _("Looking for library texts to refresh…"), task, done, write=False, quiet=True
        )

    def _on_refresh_clicked(self) -> None:
        chosen, self.offered = self.offered, []
        self.bar.hide()

        def done(count: int | None, error: BaseException | None) -> None:
            self.refreshing = None
            if error is not None and not isinstance(error, Cancelled):
                self.operations.report(error)
            elif count:
                self.tell(_("{count} texts refreshed from the hazard library").format(count=count))

        self.refreshing = self.operations.run_in_background(
            _("Refresh library texts"), lambda w: library_refresh.apply_refresh(w, chosen), done
        )

    ACTIONS = (
        ActionSpec(
            "library_refresh", lambda: _("Refresh library texts…"), offer, None, Needs.EDITABLE
        ),
    )
