"""Table models for the approval views: the audit trail and the changes between revisions."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from wrac_desktop.domain.field_titles import field_title, field_value, record_title
from wrac_desktop.i18n import _
from wrac_desktop.services.audit_trail import COLUMNS, AuditRow, column_titles
from wrac_desktop.services.revision_diff import Change

Index = QModelIndex | QPersistentModelIndex
_KIND_COLOURS = {"added": "#E6F4EA", "removed": "#FCE8E6", "changed": "#FFF8E1"}


class AuditModel(QAbstractTableModel):
    """Audit entries (display rows from ``services.audit_trail.audit_rows``)."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[AuditRow] = []

    def set_rows(self, rows: list[AuditRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        return str(self.rows[index.row()][index.column()])

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        titles = column_titles()
        # On two lines: «Изменения (было → стало)» and «ӨЖ пайдаланушысы» narrow their columns.
        return titles[section].replace(" ", "\n", 1) if 0 <= section < len(titles) else None


class ChangesModel(QAbstractTableModel):
    """Changes from one revision to another, coloured by kind."""

    def __init__(self) -> None:
        super().__init__()
        self.changes: list[Change] = []

    @staticmethod
    def titles() -> list[str]:
        return [_("Change"), _("Record"), _("Description"), _("Field"), _("Before"), _("After")]

    def set_changes(self, changes: list[Change]) -> None:
        self.beginResetModel()
        self.changes = changes
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self.changes)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else 6

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        change = self.changes[index.row()]
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor(_KIND_COLOURS[change.kind]))
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        kinds = {"added": _("added"), "removed": _("removed"), "changed": _("changed")}
        field = change.field
        values = (kinds[change.kind], record_title(change.what), change.label,
                  field_title(field) if field else "", field_value(field, change.old),
                  field_value(field, change.new))  # fmt: skip
        return values[index.column()]

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        titles = self.titles()
        return titles[section] if 0 <= section < len(titles) else None
