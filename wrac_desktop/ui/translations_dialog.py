"""A record's printed texts in Kazakh, Russian and English side by side (issue 16 item 3): the
hazard editor, a measure, a tree node and a team member open it with "Languages…".

The record's own language is in bold; a missing translation and one that needs checking (the
text was edited in another language since) are coloured, with a tooltip saying which. Editing
a cell stores it on OK; "Mark as checked" confirms the coloured ones as they are.
"""

from __future__ import annotations

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from wrac_desktop.domain.field_titles import field_title
from wrac_desktop.i18n import _
from wrac_desktop.languages import TEXT_LANGUAGES
from wrac_desktop.services.record_texts import FieldTexts, record_texts, save_record_texts
from wrac_desktop.ui.keyboard import tab_through_buttons
from wrac_desktop.ui.language import LANGUAGE_NAMES
from wrac_desktop.ui.operations import Operations
from wrac_desktop.ui.screen_fit import resize_within_screen

MISSING, UNCHECKED = QColor("#F8D7DA"), QColor("#FFF3CD")


def mark_field(widget: QLineEdit | QPlainTextEdit | QComboBox, text: FieldTexts, lang: str) -> None:
    """An editor's field showing ``text`` in ``lang`` (the hazard editor's, the measure
    dialog's): coloured as in the Languages… grid where that language's version is missing or
    needs checking, the missing one's fallback as its grey placeholder ("[kk] …"), and the
    other languages' versions in its tooltip."""
    mark = text.mark(lang)
    colour = {"missing": MISSING, "unchecked": UNCHECKED}.get(mark)
    widget.setStyleSheet(f"background-color:{colour.name()};" if colour else "")
    tips = {"missing": [_("No translation yet")],
            "unchecked": [_("Needs checking: the text was edited in another language")]}.get(
        mark, [])  # fmt: skip
    tips += [f"{LANGUAGE_NAMES[o]}: {text.values[o]}" for o in TEXT_LANGUAGES if o != lang
             and text.values[o]]  # fmt: skip
    widget.setToolTip("\n".join(tips))
    fallback = text.fallback(lang) if mark == "missing" else None
    line = widget.lineEdit() if isinstance(widget, QComboBox) else widget
    if line is not None:
        if line.property("ownPlaceholder") is None:  # its example ("e.g. Chief mechanic")
            line.setProperty("ownPlaceholder", line.placeholderText())
        own = str(line.property("ownPlaceholder"))
        line.setPlaceholderText(f"[{fallback[0]}] {fallback[1]}" if fallback else own)


class TranslationsDialog(QDialog):
    def __init__(
        self, operations: Operations, table: str, record_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.operations, self.record = operations, (table, record_id)
        self.setWindowTitle(_("Languages"))
        self.texts: list[FieldTexts] = (
            operations.read(lambda w: record_texts(w, table, record_id)) or []
        )
        self.edits: dict[tuple[str, str], str] = {}
        self.grid = QTableWidget(len(self.texts), len(TEXT_LANGUAGES))
        self.grid.setHorizontalHeaderLabels([LANGUAGE_NAMES[lang] for lang in TEXT_LANGUAGES])
        self.grid.setVerticalHeaderLabels([field_title(t.field, table) for t in self.texts])
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.grid.setWordWrap(True)
        self.grid.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        for row, text in enumerate(self.texts):
            for column, lang in enumerate(TEXT_LANGUAGES):
                self.grid.setItem(row, column, self._cell(text, lang))
        self.grid.resizeRowsToContents()
        self.grid.itemChanged.connect(self._on_grid_item_changed)
        legend = QLabel(
            _(
                "Bold: the language the text was typed or picked in. Red: no translation yet. "
                "Yellow: the text was edited in another language; check this one."
            )  # fmt: skip
        )
        legend.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.check_button = buttons.addButton(
            _("Mark as checked"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.check_button.setEnabled(any(text.unchecked for text in self.texts))
        self.check_button.clicked.connect(self._on_check_button_clicked)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.grid)
        layout.addWidget(legend)
        layout.addWidget(buttons)
        tab_through_buttons(buttons)
        resize_within_screen(self, 900, 120 + 70 * max(1, len(self.texts)))

    def _cell(self, text: FieldTexts, lang: str) -> QTableWidgetItem:
        item = QTableWidgetItem(text.values[lang])
        if lang == text.lang:
            font = item.font()
            font.setBold(True)
            item.setFont(font)
        elif not text.values[lang]:
            item.setBackground(QBrush(MISSING))
            item.setToolTip(_("No translation yet"))
        elif lang in text.unchecked:
            item.setBackground(QBrush(UNCHECKED))
            item.setToolTip(_("Needs checking: the text was edited in another language"))
        return item

    def _on_grid_item_changed(self, item: QTableWidgetItem) -> None:
        text, lang = self.texts[item.row()], TEXT_LANGUAGES[item.column()]
        value = item.text().strip()
        if lang == text.lang and not value:  # a record keeps its own text
            item.setText(text.values[lang])
            return
        if value != text.values[lang] or lang in text.unchecked:
            self.edits[text.field, lang] = value
            item.setBackground(QBrush())  # edited: neither missing nor to check any more
            item.setToolTip("")

    def _on_check_button_clicked(self) -> None:
        """Confirm every translation that needs checking as it stands."""
        for row, text in enumerate(self.texts):
            for lang in text.unchecked:
                item = self.grid.item(row, TEXT_LANGUAGES.index(lang))
                assert item is not None  # every cell was set
                self.edits.setdefault((text.field, lang), item.text().strip())
                item.setBackground(QBrush())
                item.setToolTip("")
        self.check_button.setEnabled(False)

    def accept(self) -> None:
        if self.edits:
            table, record_id = self.record
            edits = dict(self.edits)
            self.operations.run(
                _("Edit translations"), lambda w: save_record_texts(w, table, record_id, edits)
            )
        super().accept()
