"""Two users changed the same record: show both values side by side and let this one choose."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

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

from wrac_desktop.domain.field_titles import field_title
from wrac_desktop.formatting import format_date
from wrac_desktop.i18n import _
from wrac_desktop.services.work import EditConflict
from wrac_desktop.vocabulary import MeasureStatus


class ConflictDialog(QDialog):
    """ "Keep mine" writes the user's values over the other user's; "Keep theirs" drops them."""

    def __init__(
        self,
        conflict: EditConflict,
        labels: Mapping[str, str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Changed by someone else"))
        self.table = _values_table(conflict, labels or {})
        intro = QLabel(
            _(
                "{name} changed this record after you opened it. Which values do you want to "
                "keep? The other ones are not saved."
            ).format(name=conflict.changed_by)
        )
        intro.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.keep_mine = buttons.addButton(_("Keep mine"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.keep_theirs = buttons.addButton(
            _("Keep theirs"), QDialogButtonBox.ButtonRole.RejectRole
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (intro, self.table, buttons):
            layout.addWidget(widget)
        self.resize(640, 240)


def _values_table(conflict: EditConflict, labels: Mapping[str, str]) -> QTableWidget:
    table = QTableWidget(len(conflict.conflicts), 3)
    table.setHorizontalHeaderLabels([_("Field"), _("Yours"), _("Theirs (saved now)")])
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    for row, field in enumerate(conflict.conflicts):
        label = labels.get(field.field) or field_title(field.field)
        shown = (_shown(field.field, field.mine), _shown(field.field, field.theirs))
        for column, value in enumerate((label, *shown)):
            table.setItem(row, column, QTableWidgetItem(value))
    table.resizeRowsToContents()
    return table


def _shown(field: str, value: Any) -> str:
    """A value as the user reads it: a measure's status in words, a date as the language
    writes it (a measure's status and deadline are in its conflicts too)."""
    if value is None:
        return "—"
    if field == "status" and value in {status.value for status in MeasureStatus}:
        return MeasureStatus(value).label()
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def ask_keep_mine(
    parent: QWidget | None, conflict: EditConflict, labels: Mapping[str, str] | None = None
) -> bool:
    """True when the user chose to write their values over the other user's."""
    dialog = ConflictDialog(conflict, labels, parent)
    return dialog.exec() == QDialog.DialogCode.Accepted
