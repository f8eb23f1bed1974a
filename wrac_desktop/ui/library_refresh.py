"""Assessment → Refresh library texts…: the library texts the officer never edited whose
library wording changed since they were picked, offered to refresh in every language
(issue 16 item 2; ``services.library_refresh`` decides which, and records the change)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from wrac_desktop.i18n import _
from wrac_desktop.services import library_refresh
from wrac_desktop.services.field_titles import field_title
from wrac_desktop.services.library_refresh import Refresh
from wrac_desktop.ui.actions import ActionSpec, Controller, Needs
from wrac_desktop.ui.keyboard import tab_through_buttons
from wrac_desktop.ui.operations import Operations
from wrac_desktop.ui.screen_fit import resize_within_screen


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
            field = QTableWidgetItem(f"{field_title(item.field, 'hazard')} · {item.library_id}")
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


class LibraryRefreshController(Controller):
    """Offers the refresh; ``tell`` shows a short message in the status bar."""

    def __init__(self, parent: QWidget, operations: Operations, tell: Callable[[str], None]):
        super().__init__()
        self.parent, self.operations, self.tell = parent, operations, tell

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
                self.tell(_("{count} texts refreshed from the hazard library").format(count=count))

    ACTIONS = (
        ActionSpec(
            "library_refresh", lambda: _("Refresh library texts…"), offer, None, Needs.EDITABLE
        ),
    )
