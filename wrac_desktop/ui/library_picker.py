"""Pick a hazard from the library with search-as-you-type in kk, ru or en, or write your own."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from wrac_desktop.hazards import HazardEntry, HazardLibrary
from wrac_desktop.i18n import _, pick
from wrac_desktop.ui.wrapping import wrap_list

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1


class LibraryPicker(QDialog):
    """``chosen()`` is the library entry picked, or None with ``custom_text()`` for a custom one."""

    def __init__(self, parent: QWidget | None, library: HazardLibrary) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Add hazard"))
        self.resize(640, 480)
        self._library = library
        self.query = QLineEdit()
        self.query.setPlaceholderText(
            _("Type a word in Kazakh, Russian or English: газ, құлау, fall…")
        )
        self.results = wrap_list(QListWidget())
        self.description = QLabel()
        self.description.setWordWrap(True)
        layout = QVBoxLayout(self)
        for widget in (self.query, self.results, self.description):
            layout.addWidget(widget)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.query.textChanged.connect(self._on_query_text_changed)
        self.results.currentItemChanged.connect(self._on_results_current_item_changed)
        self.results.itemDoubleClicked.connect(self.accept)
        self._on_query_text_changed("")

    def _on_query_text_changed(self, text: str) -> None:
        self.results.clear()
        entries = self._library.search(text, limit=50) if text.strip() else self._library.active
        for entry in entries:
            item = QListWidgetItem(pick(entry.name))
            item.setData(ENTRY_ROLE, entry.id)
            self.results.addItem(item)
        custom = QListWidgetItem(
            _("✎ Custom hazard: “{text}”").format(text=text.strip())
            if text.strip()
            else _("✎ Custom hazard (not in the library)")
        )
        custom.setData(ENTRY_ROLE, None)
        self.results.addItem(custom)
        self.results.setCurrentRow(0)

    def _on_results_current_item_changed(self, item: QListWidgetItem | None) -> None:
        entry = self.chosen()
        self.description.setText(
            pick(entry.description) if entry else _("A hazard of your own, with no library entry.")
        )

    def chosen(self) -> HazardEntry | None:
        item = self.results.currentItem()
        entry_id = item.data(ENTRY_ROLE) if item is not None else None
        return self._library.get(entry_id) if entry_id else None

    def custom_text(self) -> str:
        return self.query.text().strip() or _("New hazard")
